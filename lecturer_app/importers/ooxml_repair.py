"""Opening Office files with missing parts: drop the relationships that point nowhere.

python-pptx and python-docx load every related part when a package opens, so
one missing slide or picture (a file cut short by a broken USB stick, a tool
that forgot a part) makes the whole file unreadable.  ``repaired_package``
removes each internal relationship whose target is not in the zip, and the
slide-list entries that used them, and says what was missing; the rest opens.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# No entity expansion, no network: the XML comes from an untrusted file.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"


@dataclass
class Repair:
    """The repaired package (None when nothing was missing) and the missing part names."""

    data: io.BytesIO | None = None
    missing: list[str] = field(default_factory=list)
    missing_slides: list[int] = field(default_factory=list)   # 1-based positions in the slide list


def _source_dir(rels_name: str) -> str:
    """``ppt/slides/_rels/slide1.xml.rels`` → ``ppt/slides``."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    return folder


def _target(rels_name: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(_source_dir(rels_name), target))


def _prune_rels(xml: bytes, rels_name: str, names: set[str], repair: Repair) -> tuple[bytes, set[str]]:
    root = etree.fromstring(xml, _PARSER)
    dropped = set()
    for rel in list(root):
        if rel.get("TargetMode") == "External":
            continue
        target = _target(rels_name, rel.get("Target", ""))
        if target not in names:
            root.remove(rel)
            dropped.add(rel.get("Id", ""))
            repair.missing.append(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), dropped


def _prune_slide_list(xml: bytes, dropped: set[str], repair: Repair) -> bytes:
    root = etree.fromstring(xml, _PARSER)
    slide_list = root.find(f"{{{P_NS}}}sldIdLst")
    if slide_list is None:
        return xml
    for position, entry in enumerate(list(slide_list), start=1):
        if entry.get(f"{{{R_NS}}}id") in dropped:
            slide_list.remove(entry)
            repair.missing_slides.append(position)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def repaired_package(path: Path) -> Repair:
    """Check every relationship of the package at *path*; rebuild it in memory if any target is missing."""
    repair = Repair()
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        contents: dict[str, bytes] = {}
        dropped_by_part: dict[str, set[str]] = {}
        for name in sorted(n for n in names if n.endswith(".rels")):
            xml, dropped = _prune_rels(archive.read(name), name, names, repair)
            if dropped:
                contents[name] = xml
                source = posixpath.join(_source_dir(name), posixpath.basename(name)[: -len(".rels")])
                dropped_by_part[source.lstrip("/")] = dropped
        if not contents:
            return repair
        for part, dropped in dropped_by_part.items():
            if part.endswith("presentation.xml") and part in names:
                contents[part] = _prune_slide_list(archive.read(part), dropped, repair)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for item in archive.infolist():
                target.writestr(item, contents.get(item.filename) or archive.read(item.filename))
    buffer.seek(0)
    repair.data = buffer
    return repair
