"""Importing a province's topic catalogue from XLSX or CSV.

Columns are found by their header (Vietnamese or English, accents optional):
Mã, Tên chuyên đề, Chương trình, Phần, Số tiết; optional Đối tượng, Năm,
Căn cứ, Số bài.  Programs and modules are matched by code or title and
created when new.  Existing topics (same code) are updated as new revisions;
new topics get an empty written-plan skeleton.  Bad rows are reported with
their row number and skipped; the good rows are written in short batches
(one transaction each), so a long import does not lock other writers out.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.bank.bank_info import MAX_NUMBER, TOPIC_CODE
from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.bank.topic_factory import create_topic
from lecturer_app.core.errors import InputFileError, Problem
from lecturer_app.core.model import Membership, Module, Program, Topic
from lecturer_app.core.store import summaries
from lecturer_app.core.store.db import BATCH_SECONDS, PAUSE_SECONDS
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import fold
from lecturer_app.formats.tabular import (
    HEADER_SEARCH_ROWS,
    Row,
    match_header,
    read_table,
)
from lecturer_app.i18n import _

HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("ma", "ma chuyen de", "ma so", "code", "ma cd"),
    "title": ("ten chuyen de", "ten", "ten bai", "chuyen de", "title", "ten chuyen de bai"),
    "program": ("chuong trinh", "program", "ma chuong trinh"),
    "module": ("phan", "hoc phan", "module", "phan hoc phan"),
    "periods": ("so tiet", "tiet", "periods", "thoi luong tiet", "thoi luong"),
    "audience": ("doi tuong", "audience"),
    "year": ("nam", "year", "nam ban hanh"),
    "legal_basis": ("can cu", "van ban can cu", "legal basis"),
    "number": ("so bai", "bai", "number", "stt bai"),
}
REQUIRED = ("code", "title", "program")
_CODE = TOPIC_CODE


@dataclass
class CatalogRow:
    where: str
    code: str
    title: str
    program: str
    module: str
    periods: int
    audience: str = ""
    year: int | None = None
    legal_basis: str = ""
    number: int | None = None


@dataclass
class CatalogReport:
    file: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    programs_created: list[str] = field(default_factory=list)
    dry_run: bool = False

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "dry_run": self.dry_run, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": [p.to_json() for p in self.skipped],
                "programs_created": self.programs_created}


def read_catalog(path: Path, report: CatalogReport) -> list[CatalogRow]:
    """Parse the file into rows; problems go into ``report.skipped``."""
    rows = iter(read_table(path))
    columns: dict[str, int] = {}
    for row in rows:
        columns = match_header(row.cells, HEADERS)
        if all(name in columns for name in REQUIRED):
            break
        if row.number >= HEADER_SEARCH_ROWS:
            break
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise InputFileError(path, "", _("không tìm thấy dòng tiêu đề có các cột: Mã, Tên chuyên đề, Chương trình"))
    parsed: list[CatalogRow] = []
    seen: dict[str, str] = {}
    for row in rows:
        if not any(row.cells):
            continue
        item = _parse_row(row, columns, report)
        if item is None:
            continue
        if item.code in seen:
            reason = _("mã '{c}' trùng với {w}").format(c=item.code, w=seen[item.code])
            report.skipped.append(Problem(report.file, row.where(), reason))
            continue
        seen[item.code] = row.where()
        parsed.append(item)
    return parsed


def _parse_row(row: Row, columns: dict[str, int], report: CatalogReport) -> CatalogRow | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        return row.cells[index] if index is not None and index < len(row.cells) else ""

    def skip(reason: str) -> None:
        report.skipped.append(Problem(report.file, row.where(), reason))

    for name, label in (("code", _("Mã")), ("title", _("Tên chuyên đề")), ("program", _("Chương trình"))):
        if not cell(name):
            skip(_("thiếu {col}").format(col=label))
            return None
    if not _CODE.match(cell("code")):
        skip(_("mã '{c}' chỉ được gồm chữ không dấu, số, '-', '.', '_'").format(c=cell("code")))
        return None
    numbers: dict[str, int | None] = {}
    for name in ("periods", "year", "number"):
        text = cell(name).replace(",", ".")
        try:
            value = float(text) if text else None
        except ValueError:
            value = math.nan
        if value is not None and not 0 <= value <= MAX_NUMBER:  # NaN, infinity, negative or absurd
            skip(_("'{v}' không phải là số ({col})").format(v=cell(name), col=name) if not math.isfinite(value)
                 else _("'{v}' ngoài khoảng 0–{max} ({col})").format(v=cell(name), col=name, max=MAX_NUMBER))
            return None
        numbers[name] = None if value is None else int(value)
    return CatalogRow(row.where(), cell("code"), cell("title"), cell("program"), cell("module"),
                      numbers["periods"] or 0, cell("audience"), numbers["year"], cell("legal_basis"),
                      numbers["number"])


class _Catalog:
    """Finds or creates programs and modules by code or folded title."""

    def __init__(self, store: Store, report: CatalogReport) -> None:
        self.store = store
        self.bank = LessonBank(store)
        self.report = report
        self.programs = self.bank.programs()

    def program(self, value: str) -> Program:
        for program in self.programs:
            if value == program.code or fold(value) == fold(program.title):
                return program
        code = value if _CODE.match(value) else _initials(value, {p.code for p in self.programs})
        program = Program(code=code, title=value, position=f"z{len(self.programs):04d}")
        self.store.save(program, summary=summaries.CATALOG_IMPORT)
        self.programs.append(program)
        self.report.programs_created.append(code)
        return program

    def module(self, program: Program, value: str) -> Module | None:
        if not value:
            return None
        modules = self.bank.modules(program.id)
        for module in modules:
            if value == module.code or fold(value) == fold(module.title):
                return module
        module = Module(program_id=program.id, code=f"{program.code}-{len(modules) + 1}", title=value,
                        position=f"z{len(modules):04d}")
        self.store.save(module, summary=summaries.CATALOG_IMPORT)
        return module


def _initials(title: str, taken: set[str]) -> str:
    base = "".join(word[0] for word in fold(title).upper().split() if word[0].isalnum())[:8] or "CT"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}{n}", n + 1
    return code


def import_catalog(store: Store, path: Path, *, dry_run: bool = False) -> CatalogReport:
    """Import the catalogue at *path*; with *dry_run* nothing is written.

    The rows are written in batches of about :data:`BATCH_SECONDS`, each its own transaction, with a
    pause between them: a catalogue of 20,000 topics takes more than a minute, and other writers (the
    GUI, another command) must not wait that long for the lock.  Killed half-way, the rows of the
    committed batches stay; importing the file again finishes the job (rows are matched by code).
    """
    report = CatalogReport(file=str(path), dry_run=dry_run)
    rows = read_catalog(path, report)
    if dry_run:
        _dry_run(store, rows, report)
        return report
    with store.db.announce(_("Nhập danh mục {name}").format(name=path.name)) as still_running:
        catalog = _Catalog(store, report)
        pending = iter(rows)
        while _write_batch(store, catalog, pending, report, still_running):
            time.sleep(PAUSE_SECONDS)
    return report


def _write_batch(store: Store, catalog: _Catalog, pending: Iterator[CatalogRow], report: CatalogReport,
                 still_running: Callable[[], None]) -> bool:
    """Write rows for about BATCH_SECONDS in one transaction; True when rows remain."""
    with store.transaction():
        still_running()
        started = time.monotonic()
        while time.monotonic() - started < BATCH_SECONDS:
            row = next(pending, None)
            if row is None:
                return False
            _apply_row(store, catalog, row, report)
    return True


def _dry_run(store: Store, rows: list[CatalogRow], report: CatalogReport) -> None:
    """Every row applied inside one transaction that is rolled back."""
    try:
        with store.transaction():
            catalog = _Catalog(store, report)
            for row in rows:
                _apply_row(store, catalog, row, report)
            raise _DryRun
    except _DryRun:
        pass


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def _apply_row(store: Store, catalog: _Catalog, row: CatalogRow, report: CatalogReport) -> None:
    program = catalog.program(row.program)
    module = catalog.module(program, row.module)
    existing = catalog.bank.topic_by_code(row.code)
    membership = Membership(program.id, module.id if module else None, row.number)
    if existing is None:
        topic = Topic(code=row.code, title=row.title, periods=row.periods, audience=row.audience or program.audience,
                      legal_basis=row.legal_basis, year=row.year, memberships=[membership])
        create_topic(store, topic, program.title, summary=summaries.CATALOG_IMPORT)
        report.created.append(row.code)
        return
    existing.title, existing.periods = row.title, row.periods
    existing.audience = row.audience or existing.audience
    existing.legal_basis = row.legal_basis or existing.legal_basis
    existing.year = row.year if row.year is not None else existing.year
    others = [m for m in existing.memberships if m.program_id != program.id]
    existing.memberships = [membership, *others]
    if store.save(existing, summary=summaries.CATALOG_IMPORT) is None:
        report.unchanged.append(row.code)
    else:
        report.updated.append(row.code)
