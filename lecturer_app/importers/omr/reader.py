"""Reading a stack of answer sheets: one page at a time, with progress and cancel.

``scan_sheets(target, manifest)`` → ``ScanResult``: a ``SheetRead`` for every
page that is one of this exam's sheets, a ``BadPage`` with its reason for
every other page (blank, not a sheet, another exam's, an old sheet without
QR code, an unreadable file, a page too large to decode).  ``check_sheets`` then adds the doubts that need
every sheet (duplicate SBD, unknown mã đề).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import UserFacingError
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.scan import (
    BadPage,
    Doubt,
    SheetRead,
    check_sheets,
    decide_digits,
    decide_question,
    join_pages,
)
from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.i18n import N_, Message, _
from lecturer_app.importers.omr.addon import installed_addon_folder, missing_addon_message, use_scan_addon
from lecturer_app.importers.omr.locate import PX_PER_MM, Located, NotASheet, locate
from lecturer_app.importers.omr.measure import measure_rows
from lecturer_app.importers.omr.old_layout import find_old_grid, old_rows
from lecturer_app.importers.omr.pdf_pages import PdfPages
from lecturer_app.importers.omr.qr_match import match_payload
from lecturer_app.importers.omr.sources import PageRefused, PageSource, page_sources

Progress = Callable[[int, int], None]  # may raise to cancel (the GUI's OperationCancelled)
PREVIEW_QUALITY = 75  # JPEG: 6 px/mm (150 dpi) keeps marks and printed letters legible at ~300 KB a page


class ScanCancelled(Exception):
    """The caller's cancel() said stop; the pages read so far are dropped."""


@dataclass
class ScanResult:
    sheets: list[SheetRead] = field(default_factory=list)
    bad: list[BadPage] = field(default_factory=list)
    pages: int = 0

    def to_json(self) -> dict:
        return {"pages": self.pages, "sheets": [s.to_json() for s in self.sheets],
                "bad_pages": [b.to_json() for b in self.bad]}


def _reasons() -> dict[str, Message]:
    return {key: Message.of(text) for key, text in {
        "blank": N_("trang trắng"),
        "no-marks": N_("không phải phiếu trả lời: không thấy đủ 4 dấu vuông ở 4 góc (hoặc ảnh bị cắt mất góc)"),
        "old": N_("phiếu không có mã QR (mẫu phiếu cũ, in trước khi phiếu có mã QR?) và không tìm chắc được vị trí "
                  "các ô theo mẫu cũ (phiếu in cho số câu khác, hoặc ảnh quá mờ): hãy nhập bài làm của trang này "
                  "vào bảng bài làm"),
        "unreadable": N_("không đọc được tệp ảnh"),
        "damaged": N_("tệp ảnh bị hỏng một phần (tệp JPEG, PNG hoặc TIFF lỗi), có chỗ có thể xám hoặc méo: kiểm tra "
                      "lại từng câu của trang này, hoặc quét lại trang"),
        "damaged-pdf": N_("ảnh quét trong trang PDF này bị hỏng một phần (dữ liệu JPEG lỗi hoặc bị cắt ngắn), có chỗ "
                          "có thể xám hoặc mất: kiểm tra lại từng câu của trang này, hoặc quét lại trang"),
        "foreign": N_("mã QR không phải của phiếu trả lời do ứng dụng này in"),
        "newer": N_("phiếu in bằng phiên bản mới hơn của ứng dụng"),
        "which-page": N_("mã QR của phiếu không đọc được (nhòe, bị che?) nên không biết đây là trang nào của phiếu "
                         "nhiều trang: hãy quét lại trang này"),
    }.items()}


def scan_sheets(target: Path | Sequence[Path], manifest: ExamManifest, progress: Progress | None = None,
                cancel: Callable[[], bool] | None = None, previews: bool = False) -> ScanResult:
    """Read every page of *target* (a PDF, an image or a folder, or several of them); see the module docstring.

    *progress* (which may raise to cancel) and *cancel* are also called every tenth of a second while a PDF
    page is rendered: a slow page does not hold Hủy for its whole time limit."""
    require_opencv()
    pace = _Pace(progress, cancel)
    with PdfPages(pace) as pdfs:
        sources = page_sources(target, pdfs)
        result = ScanResult(pages=len(sources))
        pace.total = len(sources)
        for done, source in enumerate(sources):
            pace.done = done
            pace()
            read = read_page(source, done + 1, manifest, previews, pdfs)
            if isinstance(read, SheetRead):
                result.sheets.append(read)
            else:
                result.bad.append(read)
    if progress is not None:
        progress(len(sources), len(sources))
    result.sheets = join_pages(result.sheets, _question_count(manifest))
    check_sheets(result.sheets, manifest)
    return result


class _Pace:
    """Where the scan is, for the checks between pages and inside a page's wait: raises ScanCancelled when
    *cancel* says so, and reports *progress* (the GUI's report, which raises after Hủy)."""

    def __init__(self, progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
        self.progress, self.cancel = progress, cancel
        self.done = self.total = 0

    def __call__(self) -> None:
        if self.cancel is not None and self.cancel():
            raise ScanCancelled
        if self.progress is not None:
            self.progress(self.done, self.total)


def require_opencv() -> None:
    """A clear message, not a traceback, where OpenCV or numpy is missing: the installed app without its scan
    add-on (what to install, addon.py), or a source install without the two libraries."""
    folder = installed_addon_folder()
    use_scan_addon(folder)
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
    except ImportError as exc:
        missing = exc.name or str(exc)
        if folder is not None:
            raise UserFacingError(missing_addon_message(folder, missing)) from exc
        raise UserFacingError(_("Đọc phiếu quét cần thư viện OpenCV (opencv-python-headless) và numpy, nhưng bản "
                                "cài đặt này không có ({missing}). Hãy nhập bài làm vào bảng bài làm, hoặc cài "
                                "thêm hai thư viện đó.").format(missing=missing)) from exc


def read_page(source: PageSource, number: int, manifest: ExamManifest, preview: bool = False,
              pdfs: PdfPages | None = None) -> SheetRead | BadPage:
    """One page read as a sheet of *manifest*'s exam, or the reason it is not one (*pdfs*: the scan's PDF
    renderer).  A sheet whose file decoded although its decoder said the data was damaged (for a PDF page: a
    JPEG it draws) carries a sheet-level doubt: a damaged part of the page may still show bubbles that look
    read (the ring check catches bubbles that moved, not a block that decoded to another plausible picture)."""
    try:
        loaded = source.load(pdfs)
    except PageRefused as exc:  # too large, not shaped like a page, too slow: refused, with its reason
        return BadPage(source.label, number, exc.reason)
    if loaded.pixels is None:
        return BadPage(source.label, number, _reasons()["unreadable"])
    read = _read_gray(loaded.pixels, source.label, number, manifest, preview)
    if loaded.damaged and isinstance(read, SheetRead):
        damage = "damaged-pdf" if source.path.suffix.lower() == ".pdf" else "damaged"
        read.doubts.insert(0, Doubt(0, _reasons()[damage], "sheet"))
    return read


def _read_gray(gray: Any, label: Message, number: int, manifest: ExamManifest, preview: bool) -> SheetRead | BadPage:
    """The decoded page read as a sheet of *manifest*'s exam, or the reason it is not one."""
    try:
        located = locate(gray, known=lambda page: match_payload(page, _payloads(manifest)))
    except NotASheet as exc:
        return BadPage(label, number, _reasons()[str(exc)], _raw_preview(gray) if preview else b"")
    if not located.has_code:
        return _read_old(located, manifest, label, number, preview)
    if not located.qr_text and L.sheet_pages(_question_count(manifest)) > 1:
        return BadPage(label, number, _reasons()["which-page"], _preview_jpeg(located.ink) if preview else b"")
    code = L.parse_qr_payload(located.qr_text) if located.qr_text else _assumed_code(manifest)
    problem = _code_problem(code, manifest)
    if problem is not None or code is None:
        return BadPage(label, number, problem or _reasons()["foreign"],
                       _preview_jpeg(located.ink) if preview else b"")
    sheet = _read_located(located, code, manifest, label, number)
    if not located.qr_text:
        sheet.doubts.insert(0, Doubt(0, Message.of(N_("mã QR của phiếu không đọc được (nhòe, bị che?): đã đọc theo "
                                                      "mẫu phiếu của đề này; kiểm tra phiếu có đúng của đề này "
                                                      "không")), "sheet"))
    if preview:
        sheet.image = _preview_jpeg(located.ink)
    return sheet


def _read_old(located: Located, manifest: ExamManifest, label: Message, number: int,
              preview: bool) -> SheetRead | BadPage:
    """A sheet printed before the QR code: its grids found from the old layout, always with a sheet doubt (the
    exam it belongs to cannot be checked); a clear reason when the grids cannot be found for certain."""
    code = _assumed_code(manifest)
    grid = find_old_grid(located.ink, code.questions, code.letters) if code.questions <= L.PAGE_CAPACITY else None
    if grid is None:
        return BadPage(label, number, _reasons()["old"], _preview_jpeg(located.ink) if preview else b"")
    upright = Located(grid.page, "", grid.turned, located.black, has_code=False)
    sheet = _read_located(upright, code, manifest, label, number, old_rows(code.questions, code.letters, grid.shift))
    sheet.doubts.insert(0, Doubt(0, Message.of(N_("phiếu mẫu cũ (in trước khi phiếu có mã QR): đã tìm các ô theo "
                                                  "mẫu cũ; kiểm tra phiếu có đúng của đề này không")), "sheet"))
    if preview:  # moved so its answer rows sit where today's layout puts them: the review rings them right
        sheet.image = _preview_jpeg(_moved_up(grid.page, grid.shift + L.OLD_ANSWER_DROP))
    return sheet


def _moved_up(page: Any, mm: float) -> Any:
    """The page moved up by *mm* (down when negative), paper where nothing comes in."""
    import numpy as np

    px, out = int(round(mm * PX_PER_MM)), np.zeros_like(page)
    if px >= 0:
        out[:page.shape[0] - px] = page[px:]
    else:
        out[-px:] = page[:page.shape[0] + px]
    return out


def _payloads(manifest: ExamManifest) -> list[str]:
    """The QR payloads this exam's sheets carry, one per page."""
    assumed = _assumed_code(manifest)
    return [L.qr_payload(replace(assumed, page=page))
            for page in range(1, assumed.pages + 1)]


def _assumed_code(manifest: ExamManifest) -> L.SheetCode:
    """The sheet this exam's build prints (answer_sheet: 4–6 letters), for a sheet whose QR code does not decode."""
    items = next(iter(manifest.versions.values())).items
    letters = max(4, min(6, max((len(item.options) for item in items), default=4)))
    return L.SheetCode(manifest.exam_id, 1, L.sheet_pages(len(items)), len(items), letters)


def _question_count(manifest: ExamManifest) -> int:
    return len(next(iter(manifest.versions.values())).items)


def _code_problem(code: L.SheetCode | None, manifest: ExamManifest) -> Message | None:
    if code is None:
        return _reasons()["foreign"]
    if code.layout > L.LAYOUT_VERSION:
        return _reasons()["newer"]
    if code.exam_id != manifest.exam_id:
        return Message.of(N_("phiếu của một đề khác (mã đề thi trên phiếu {other}, đề đang chấm {this})"),
                          other=code.exam_id, this=manifest.exam_id or "?")
    count = _question_count(manifest)
    if code.questions != count:
        return Message.of(N_("phiếu in cho {q} câu nhưng đề có {n} câu trắc nghiệm"), q=code.questions, n=count)
    if code.pages != L.sheet_pages(count) or not 1 <= code.page <= code.pages:
        return _reasons()["foreign"]
    return None


def _read_located(located: Located, code: L.SheetCode, manifest: ExamManifest, label: Message, number: int,
                  grids: tuple[list, list, list] | None = None) -> SheetRead:
    """*grids*: (SBD, mã đề, answer rows) where an old sheet has them; today's layout otherwise."""
    page, black = located.ink, located.black
    numbers = L.page_questions(code.page, code.questions)
    sbd_rows, code_rows, rows = grids or (L.sbd_bubbles(), L.code_bubbles(),
                                          [L.answer_bubbles(n, code.questions, code.letters) for n in numbers])
    sbd, sbd_conf, doubts = decide_digits(measure_rows(page, sbd_rows, black), N_("SBD"))
    version, code_conf, code_doubts = decide_digits(measure_rows(page, code_rows, black), N_("Mã đề"))
    marks = measure_rows(page, rows, black)
    items = manifest.versions[version].items if version in manifest.versions else None
    questions = []
    for n, row in enumerate(marks, start=numbers.start):
        kind = items[n - 1].type if items else "single_choice"
        read = decide_question(row, single=kind != "multiple_choice")
        if kind not in ("single_choice", "multiple_choice"):
            read.doubt = Message.of(N_("câu này không tô trên phiếu (Đúng/Sai, trả lời ngắn): nhập đáp án"))
            read.confidence = 0.0
        questions.append(read)
    sheet = SheetRead(label, number, sbd, version, questions, sbd_conf, code_conf, doubts + code_doubts,
                      sheet_page=code.page, sheet_pages=code.pages, first_question=numbers.start)
    sheet.doubts += [Doubt(n, q.doubt) for n, q in enumerate(questions, start=numbers.start) if q.doubt]
    if located.turned:
        sheet.notes.append(Message.of(N_("trang bị lật ngược, đã xoay lại để đọc")))
    return sheet


def _preview_jpeg(page: Any) -> bytes:
    """The located page, gray JPEG at PX_PER_MM (the review screen and the phúc khảo copy read the scale from
    its width): legible bubbles and letters, and no more memory than a PNG of half the resolution."""
    import cv2
    import numpy as np

    ok, data = cv2.imencode(".jpg", (255 * (1 - page)).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, PREVIEW_QUALITY])
    return data.tobytes() if ok else b""


def _raw_preview(gray: Any) -> bytes:
    """A page that is not a sheet, as it came, the width of a preview."""
    import cv2

    scale = min(1.0, PX_PER_MM * L.PAGE_W / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, PREVIEW_QUALITY])
    return data.tobytes() if ok else b""
