"""Files kept with a topic: stored as content-addressed blobs, named in NFC.

Adding the same file twice stores its bytes once (the blob name is its
sha256); each addition is still its own ``Attachment`` record so it can carry
its own name and role.
"""

from __future__ import annotations

import mimetypes
import shutil
from pathlib import Path

from lecturer_app.core.errors import InputFileError, os_error_reason
from lecturer_app.core.model import Attachment
from lecturer_app.core.safe_write import replaced_on_success
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _, ui_number

ROLE_BY_SUFFIX = {".pptx": "original_pptx", ".ppt": "original_pptx", ".docx": "original_docx",
                  ".doc": "original_docx", ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image",
                  ".webp": "image", ".bmp": "image"}
MIME_BY_SUFFIX = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def guess_mime(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return MIME_BY_SUFFIX.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def add_attachment(store: Store, blobs: BlobStore, owner_id: str, path: Path, role: str = "",
                   summary: str = "Thêm tệp đính kèm") -> Attachment:
    """Copy the file at *path* into the blob store and record it as an attachment of *owner_id*.

    Raises:
        InputFileError: the file cannot be read (missing, a folder, no permission).
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(path, "", _("không tìm thấy tệp (hoặc đây là một thư mục)"))
    try:
        digest, size = blobs.put_file(path)
    except OSError as exc:
        raise InputFileError(path, "", _("không đọc được tệp: {reason}").format(reason=os_error_reason(exc))) from exc
    name = nfc(path.name)
    attachment = Attachment(owner_id=owner_id, sha256=digest, size=size, mime=guess_mime(name), filename=name,
                            role=role or ROLE_BY_SUFFIX.get(path.suffix.lower(), "material"))
    store.save(attachment, summary=summary)
    return attachment


def export_attachment(blobs: BlobStore, attachment: Attachment, folder: Path) -> Path:
    """Write a copy of the attachment under its own name into *folder*; returns the path.

    An existing file of that name is not overwritten: " (2)", " (3)"… is added.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / attachment.filename
    stem, suffix = Path(attachment.filename).stem, Path(attachment.filename).suffix
    counter = 2
    while target.exists():
        target = folder / f"{stem} ({counter}){suffix}"
        counter += 1
    with open(blobs.path(attachment.sha256), "rb") as source, replaced_on_success(target) as tmp, \
            open(tmp, "wb") as out:
        shutil.copyfileobj(source, out)
    return target


def human_size(size: int) -> str:
    """"1,2 MB" (in English "1.2 MB"): shown in the UI only, so with the UI language's decimal mark."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" else ui_number(f"{value:.1f}".replace(".", ","))
            return f"{text} {unit}"
        value /= 1024
    return f"{size} B"
