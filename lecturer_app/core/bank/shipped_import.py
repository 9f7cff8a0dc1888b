"""Imports a lesson-bank folder (docs/bank-format.md) into the store.

Shipped records get UUIDv5 ids from the bank id and their codes, and their
revisions take author, device and time from ``bank.toml``: two machines that
import the same bank create identical revisions, so untouched shipped content
never conflicts.  The whole import is one transaction.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lecturer_app.core.bank.bank_info import MAX_NUMBER, TOPIC_CODE, BankInfo, load_toml, read_bank_info, require
from lecturer_app.core.bank.bank_upgrade import plan_import
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import (
    QUESTION_TYPES,
    SLIDE_LAYOUTS,
    TOPIC_STATUSES,
    Membership,
    Module,
    Option,
    PlanSection,
    Program,
    Question,
    Record,
    RubricItem,
    Slide,
    SlideDeck,
    SlideTable,
    Topic,
    WrittenPlan,
)
from lecturer_app.core.plans.outline import (
    SKELETON,
    section_kind,
    skeleton_body,
    split_markdown_sections,
)
from lecturer_app.core.positions import spread
from lecturer_app.core.slides.bullets import parse_bullets
from lecturer_app.core.store.hlc import stamp_from_iso
from lecturer_app.core.store.ids import bank_record_id
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.revisions import Revision
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _

Progress = Callable[[int, int], None]


@dataclass
class BankImportReport:
    bank: BankInfo
    added: int = 0
    unchanged: int = 0
    upgraded: list[str] = field(default_factory=list)
    kept_local: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"bank_id": self.bank.id, "version": self.bank.version, "added": self.added,
                "unchanged": self.unchanged, "upgraded": self.upgraded, "kept_local": self.kept_local}


def _table(rows: Any) -> SlideTable | None:
    """A slide's ``table = [[...], ...]`` (cells as text; the first row is the header)."""
    if not rows:
        return None
    return SlideTable([[str(cell) for cell in row] for row in rows])


class _BankReader:
    """Turns the bank's files into records with deterministic ids."""

    def __init__(self, folder: Path, bank: BankInfo) -> None:
        self.folder = folder
        self.bank = bank
        self.records: list[Record] = []

    def rid(self, kind: str, key: str) -> str:
        return bank_record_id(self.bank.id, kind, key)

    def read(self) -> list[Record]:
        path = self.folder / "catalog.toml"
        catalog = load_toml(path)
        with _entry(path, "programs"):
            programs = self._programs(catalog.get("programs", []), path)
        seen: set[str] = set()
        for index, entry in enumerate(catalog.get("topics", []), start=1):
            where = f"topics[{index}]"
            with _entry(path, where):
                topic = self._topic(entry, programs, path, where)
            if topic.code in seen:
                raise InputFileError(path, where, _("mã chuyên đề '{code}' bị trùng").format(code=topic.code))
            seen.add(topic.code)
        return self.records

    def _programs(self, entries: list[dict[str, Any]], path: Path) -> dict[str, dict[str, Any]]:
        programs: dict[str, dict[str, Any]] = {}
        positions = spread(max(len(entries), 1))
        for index, entry in enumerate(entries):
            where = f"programs[{index + 1}]"
            code = str(require(entry, "code", path, where))
            program = Program(id=self.rid("program", code), code=code,
                              title=str(require(entry, "title", path, where)),
                              audience=entry.get("audience", ""), legal_basis=entry.get("legal_basis", ""),
                              position=positions[index])
            self.records.append(program)
            modules = {}
            module_entries = entry.get("modules", [])
            module_positions = spread(max(len(module_entries), 1))
            for m_index, m_entry in enumerate(module_entries):
                m_where = f"{where}.modules[{m_index + 1}]"
                m_code = str(require(m_entry, "code", path, m_where))
                module = Module(id=self.rid("module", m_code), program_id=program.id, code=m_code,
                                title=str(require(m_entry, "title", path, m_where)),
                                position=module_positions[m_index])
                self.records.append(module)
                modules[m_code] = module
            programs[code] = {"program": program, "modules": modules}
        return programs

    def _topic(self, entry: dict[str, Any], programs: dict[str, dict[str, Any]], path: Path, where: str) -> Topic:
        code = str(require(entry, "code", path, where))
        if not TOPIC_CODE.match(code):  # it names the topic's folder: no "../", no 5 MB name
            raise InputFileError(path, where, _("mã '{c}' chỉ được gồm chữ không dấu, số, '-', '.', '_'").format(
                c=code[:40]))
        program_code = str(require(entry, "program", path, where))
        if program_code not in programs:
            raise InputFileError(path, where, _("chương trình '{program_code}' không có trong danh mục").format(
                program_code=program_code))
        home = programs[program_code]
        module_code = entry.get("module")
        if module_code and module_code not in home["modules"]:
            reason = _("phần '{module_code}' không thuộc chương trình '{program_code}'")
            raise InputFileError(path, where, reason.format(module_code=module_code, program_code=program_code))
        status = entry.get("status", "hien_hanh")
        if status not in TOPIC_STATUSES:
            raise InputFileError(path, where, _("trạng thái '{status}' không hợp lệ").format(status=status))
        memberships = [Membership(home["program"].id, home["modules"][module_code].id if module_code else None,
                                  _number(entry, "number", path, where))]
        for other in entry.get("also_in", []):
            if other not in programs:
                raise InputFileError(path, where,
                                     _("chương trình '{other}' (also_in) không có trong danh mục").format(other=other))
            memberships.append(Membership(programs[other]["program"].id))
        folder = self.folder / "topics" / code
        topic = Topic(
            id=self.rid("topic", code), code=code, title=str(require(entry, "title", path, where)),
            periods=_number(entry, "periods", path, where) or 0,
            audience=entry.get("audience") or home["program"].audience,
            legal_basis=entry.get("legal_basis", ""), year=_number(entry, "year", path, where),
            version=str(entry.get("version", "")),
            status=status, sample=folder.is_dir(), memberships=memberships,
        )
        self.records.append(topic)
        with _entry(folder / "plan.md", ""):  # its own file: not the catalogue's entry
            self._plan(topic, home["program"], folder / "plan.md")
        if (folder / "slides.toml").is_file():
            self._deck(topic, folder / "slides.toml")
        if (folder / "questions.toml").is_file():
            self._questions(topic, folder / "questions.toml")
        return topic

    def _plan(self, topic: Topic, program: Program, path: Path) -> None:
        header = {"ten_bai": topic.title, "chuong_trinh": program.title, "doi_tuong": topic.audience,
                  "thoi_gian": f"{topic.periods} tiết" if topic.periods else ""}
        if path.is_file():
            front, text = _split_front_matter(path)
            header.update({k: str(v) for k, v in front.items()})
            sections = [(section_kind(h), h, b) for h, b in split_markdown_sections(text)]
        else:
            sections = [(kind, heading, skeleton_body(kind)) for kind, heading in SKELETON]
        plan = WrittenPlan(id=self.rid("written_plan", topic.code), topic_id=topic.id, header=header)
        self.records.append(plan)
        for index, (kind, heading, body), position in zip(range(len(sections)), sections, spread(len(sections))):
            self.records.append(PlanSection(
                id=self.rid("plan_section", f"{topic.code}/{index}"), plan_id=plan.id, topic_id=topic.id,
                position=position, kind=kind, heading=heading, body=body))

    def _deck(self, topic: Topic, path: Path) -> None:
        data = load_toml(path)
        deck = SlideDeck(id=self.rid("slide_deck", topic.code), topic_id=topic.id,
                         title=data.get("title", topic.title))
        self.records.append(deck)
        entries = data.get("slides", [])
        for index, (entry, position) in enumerate(zip(entries, spread(max(len(entries), 1)))):
            with _entry(path, f"slides[{index + 1}]"):
                self._slide(topic, deck, index, entry, position, path)

    def _slide(self, topic: Topic, deck: SlideDeck, index: int, entry: dict[str, Any], position: str,
               path: Path) -> None:
        layout = entry.get("layout", "bullets")
        if layout not in SLIDE_LAYOUTS:
            raise InputFileError(path, f"slides[{index + 1}]",
                                 _("bố cục '{layout}' không hợp lệ").format(layout=layout))
        self.records.append(Slide(
            id=self.rid("slide", f"{topic.code}/{index}"), deck_id=deck.id, topic_id=topic.id,
            position=position, layout=layout, title=entry.get("title", ""), subtitle=entry.get("subtitle", ""),
            bullets=parse_bullets(entry.get("body", "")), right_bullets=parse_bullets(entry.get("right", "")),
            notes=entry.get("notes", "").strip(), url=entry.get("url", ""), table=_table(entry.get("table"))))

    def _questions(self, topic: Topic, path: Path) -> None:
        data = load_toml(path)
        for index, entry in enumerate(data.get("questions", [])):
            where = f"questions[{index + 1}]"
            with _entry(path, where):
                self._question(topic, index, entry, path, where)

    def _question(self, topic: Topic, index: int, entry: dict[str, Any], path: Path, where: str) -> None:
        qtype = require(entry, "type", path, where)
        if qtype not in QUESTION_TYPES:
            raise InputFileError(path, where, _("loại câu hỏi '{qtype}' không hợp lệ").format(qtype=qtype))
        self.records.append(Question(
            id=self.rid("question", f"{topic.code}/{index}"), type=qtype,
            stem=str(require(entry, "stem", path, where)),
            options=[Option(text=o["text"], correct=bool(o.get("correct", False)),
                            pinned=bool(o.get("pinned", False))) for o in entry.get("options", [])],
            answers=list(entry.get("answers", [])),
            rubric=[RubricItem(text=r["text"], points=float(r.get("points", 0))) for r in entry.get("rubric", [])],
            guide=entry.get("guide", ""), level=entry.get("level", ""), topic_ids=[topic.id],
            tags=list(entry.get("tags", [])), points=float(entry.get("points", 1.0)),
            source=self.bank.name, status="approved"))


def _number(entry: dict[str, Any], key: str, path: Path, where: str) -> int | None:
    """*entry*'s whole number *key* (periods, year, lesson number), None when absent; refused out of 0–MAX_NUMBER."""
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_NUMBER:
        raise InputFileError(path, where, _("'{v}' ngoài khoảng 0–{max} ({col})").format(
            v=str(value)[:40], col=key, max=MAX_NUMBER))
    return value


@contextmanager
def _entry(path: Path, where: str) -> Iterator[None]:
    """One entry of a bank file read: a value missing or of the wrong type refuses the file, naming the entry.

    The files are TOML written by hand (a province's own bank): ``o["text"]`` missing, a number where text
    belongs, a table where a list does.  Those surface as these built-in errors wherever the entry is read.
    """
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputFileError(path, where, _("giá trị thiếu hoặc sai kiểu ({error})").format(error=exc)) from exc


def _split_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = nfc(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputFileError(path, _("byte {n}").format(n=exc.start), _("tệp không phải UTF-8")) from exc
    if not text.startswith("+++"):
        return {}, text
    end = text.find("\n+++", 3)
    if end < 0:
        raise InputFileError(path, _("dòng {n}").format(n=1), _("phần đầu '+++' không được đóng"))
    try:
        front = tomllib.loads(text[3:end])
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError, or a number too long to convert
        raise InputFileError(path, _("phần đầu +++"), _("sai cú pháp TOML: {exc}").format(exc=exc)) from exc
    return front, text[end + 4:].lstrip("\n")


def shipped_revisions(folder: Path) -> tuple[BankInfo, list[Revision]]:
    """Read a bank folder into its initial revisions, without touching a store."""
    bank = read_bank_info(folder)
    stamp = stamp_from_iso(bank.published)
    # Everything comes from the bank, nothing from this machine, so every machine mints the same ids.
    origin = f"bank:{bank.id}"
    revisions = [
        Revision.create(record_id=record.id, type=record.TYPE, parents=(), generation=1,
                        body=record.to_body(), deleted=False, author=bank.author,
                        device=origin, hlc=stamp, summary=f"{bank.name} {bank.version}",
                        origin_replica=origin, origin_seq=number)
        for number, record in enumerate(_BankReader(folder, bank).read(), start=1)
    ]
    return bank, revisions


def import_bank(store: Store, folder: Path, progress: Progress | None = None) -> BankImportReport:
    """Import the bank at *folder* in one transaction; re-importing is a no-op.

    A new version updates the records nobody changed here and leaves the
    lecturer's work as it is, listed in ``kept_local`` and offered as an
    update (``core/bank/bank_upgrade.py``): the bank never overwrites local work.
    """
    bank, revisions = shipped_revisions(folder)
    report = BankImportReport(bank)
    with store.transaction():
        plan = plan_import(store, revisions, f"bank:{bank.id}", progress)
        added, _changes = store.apply_all(plan.take)
        report.added = len(added) - len(plan.upgraded) * 2
        report.unchanged, report.upgraded, report.kept_local = plan.unchanged, plan.upgraded, plan.kept_local
        store.db.execute(
            "INSERT OR REPLACE INTO bank_imports VALUES (?, ?, ?, ?)",
            [bank.id, bank.version, store.clock.now(), report.added],
        )
    if progress:
        progress(len(revisions), len(revisions))
    return report
