"""exam.json: everything grading needs, written next to the papers (confidential).

The folder of a built exam is self-contained: ``exam grade --exam DIR`` reads
this file, so grading works even on a copy of the folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.json_reading import read_json_file
from lecturer_app.core.safe_write import write_text
from lecturer_app.core.store.canonical import sha256_hex
from lecturer_app.exam.draw import DrawResult, PaperVersion
from lecturer_app.exam.keying import LETTERS
from lecturer_app.i18n import _

MANIFEST_NAME = "exam.json"
FORMAT = 1
CHECKSUM = "sha256"
CHOICE_KEYED = ("single_choice", "multiple_choice")  # keys written as the printed letters of options


@dataclass
class ItemInfo:
    """One objective question as a version prints it."""

    id: str
    type: str
    points: float
    key: str
    options: list[str] = field(default_factory=list)
    order: list[int] = field(default_factory=list)


@dataclass
class VersionInfo:
    """One version in exam.json: its code, its objective items in printed order, its essays."""

    code: str
    items: list[ItemInfo]
    essays: list[tuple[str, float]]


@dataclass
class ExamManifest:
    """Attributes:
        master: question ids in drawn order (the đề gốc), used by item analysis.
        master_options: per question id, the option texts in bank order, for distractor counts.
        bank_codes: per question id, how the bank names it (topic codes, source label); never shown: the id.
    """

    title: str
    seed: int
    exam_id: str
    versions: dict[str, VersionInfo]
    master: list[str]
    master_options: dict[str, list[str]]
    stems: dict[str, str]
    essay_points: float = 0.0
    bank_codes: dict[str, str] = field(default_factory=dict)

    @property
    def total_points(self) -> float:
        first = next(iter(self.versions.values()))
        return sum(i.points for i in first.items) + self.essay_points


def manifest_body(result: DrawResult, title: str, seed: int, exam_id: str) -> dict:
    drawn = result.drawn
    return {
        "format": FORMAT, "confidential": True, "title": title, "seed": seed, "exam_id": exam_id,
        "master": [d.question.id for d in drawn],
        "master_options": {d.question.id: [o.text for o in d.question.options] for d in drawn},
        "stems": {d.question.id: d.question.stem for d in drawn},
        "bank_codes": {d.question.id: d.bank_code for d in drawn},
        "versions": [_version_body(v) for v in result.versions],
    }


def _version_body(version: PaperVersion) -> dict:
    return {
        "code": version.code,
        "items": [{"id": p.question.id, "type": p.question.type, "points": p.points, "key": p.key,
                   "options": [o.text for o in p.options], "order": p.order} for p in version.objective],
        "essays": [{"id": p.question.id, "points": p.points} for p in version.essays],
    }


def manifest_text(body: dict) -> str:
    """The text of exam.json (sorted keys, so the same exam gives the same bytes), then its checksum.

    One line: ``json`` writes indented text with its pure-Python encoder, which
    took ~15 ms of a 0.4 s build; the file is for the app (grading), not for reading.
    The last key, ``sha256``, is the hash of the text before it: a flipped bit in a key letter or an
    option order (a damaged USB copy) would otherwise grade every learner wrong, silently.
    """
    text = _body_text(body)
    return f'{text[:-1]},"{CHECKSUM}":"{sha256_hex(text.encode("utf-8"))}"}}'


def _body_text(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _check_sum(body: dict, path: Path) -> None:
    """Refuse *body* when its ``sha256`` is not the hash of the rest (files written before it had none)."""
    written = body.pop(CHECKSUM, None)
    if written is not None and written != sha256_hex(_body_text(body).encode("utf-8")):
        raise InputFileError(path, "", _("tệp exam.json đã bị sửa hoặc hỏng (mã kiểm tra sha256 không khớp); "
                                         "hãy dùng bản exam.json gốc của đề"))


def write_manifest(body: dict | str, folder: Path) -> Path:
    """Write DIR/exam.json from its body, or from ``manifest_text`` made beforehand."""
    path = folder / MANIFEST_NAME
    return write_text(path, body if isinstance(body, str) else manifest_text(body))


def read_manifest(folder: Path) -> ExamManifest:
    """Read DIR/exam.json; a missing or broken file names itself, and a wrong value its place."""
    path = folder / MANIFEST_NAME if folder.is_dir() else folder
    if not path.is_file():
        raise InputFileError(path, "", _("không có tệp exam.json: thư mục này không phải một đề đã tạo"))
    shape = _Shape(path)
    body = shape.of(read_json_file(path), dict, "")
    _check_sum(body, path)
    versions: dict[str, VersionInfo] = {}
    for number, version in enumerate(shape.of(body.get("versions"), list, "versions")):
        info = shape.version(version, f"versions[{number}]")
        versions[info.code] = info
    if not versions:
        shape.fail("versions", _("không có mã đề nào"))
    first = next(iter(versions.values()))
    return ExamManifest(
        shape.of(body.get("title", ""), str, "title"), shape.of(body.get("seed", 0), int, "seed"),
        shape.of(body.get("exam_id", ""), str, "exam_id"), versions,
        shape.list_of(body.get("master", []), str, "master"),
        {qid: shape.options(texts, f"master_options.{qid}")
         for qid, texts in shape.of(body.get("master_options", {}), dict, "master_options").items()},
        shape.strings(body.get("stems", {}), "stems"), sum(points for _id, points in first.essays),
        shape.strings(body.get("bank_codes", {}), "bank_codes"))


class _Shape:
    """exam.json's values checked as they are read: grading must not fail half-way on a hand-edited file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, what: str) -> NoReturn:
        raise InputFileError(self.path, where, _("tệp exam.json bị hỏng: {e}").format(e=what))

    def of(self, value: Any, kind: type, where: str) -> Any:
        """*value* when it is a *kind* (a bool is no number); else the file is refused naming *where*."""
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            self.fail(where, _("giá trị không đúng kiểu"))
        return value

    def points(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e6:
            self.fail(where, _("điểm không hợp lệ"))
        return float(value)

    def list_of(self, value: Any, kind: type, where: str) -> list:
        return [self.of(item, kind, f"{where}[{index}]") for index, item in enumerate(self.of(value, list, where))]

    def strings(self, value: Any, where: str) -> dict[str, str]:
        return {key: self.of(text, str, f"{where}.{key}") for key, text in self.of(value, dict, where).items()}

    def options(self, value: Any, where: str) -> list[str]:
        texts = self.list_of(value, str, where)
        if len(texts) > len(LETTERS):
            self.fail(where, _("quá {n} phương án").format(n=len(LETTERS)))
        return texts

    def version(self, value: Any, where: str) -> VersionInfo:
        self.of(value, dict, where)
        items = [self.item(item, f"{where}.items[{index}]")
                 for index, item in enumerate(self.of(value.get("items"), list, f"{where}.items"))]
        essays = [(self.of(essay.get("id"), str, f"{where}.essays[{index}].id"),
                   self.points(essay.get("points"), f"{where}.essays[{index}].points"))
                  for index, essay in enumerate(self.list_of(value.get("essays"), dict, f"{where}.essays"))]
        return VersionInfo(self.of(value.get("code"), str, f"{where}.code"), items, essays)

    def item(self, value: Any, where: str) -> ItemInfo:
        self.of(value, dict, where)
        options = self.options(value.get("options", []), f"{where}.options")
        order = self.list_of(value.get("order", []), int, f"{where}.order")
        if order and sorted(order) != list(range(len(options))):
            self.fail(f"{where}.order", _("thứ tự phương án không hợp lệ"))
        kind, key = self.of(value.get("type"), str, f"{where}.type"), self.of(value.get("key"), str, f"{where}.key")
        if kind in CHOICE_KEYED and order and not set(key) <= set(LETTERS[:len(order)]):
            self.fail(f"{where}.key", _("đáp án không phải phương án của câu"))
        return ItemInfo(self.of(value.get("id"), str, f"{where}.id"), kind,
                        self.points(value.get("points"), f"{where}.points"), key, options, order)
