"""exam.json: everything grading needs, written next to the papers (confidential).

The folder of a built exam is self-contained: ``exam grade --exam DIR`` reads
this file, so grading works even on a copy of the folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.safe_write import write_text
from lecturer_app.exam.draw import DrawResult, PaperVersion
from lecturer_app.i18n import _

MANIFEST_NAME = "exam.json"
FORMAT = 1


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
    """The text of exam.json (sorted keys, so the same exam gives the same bytes).

    One line: ``json`` writes indented text with its pure-Python encoder, which
    took ~15 ms of a 0.4 s build; the file is for the app (grading), not for reading.
    """
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def write_manifest(body: dict | str, folder: Path) -> Path:
    """Write DIR/exam.json from its body, or from ``manifest_text`` made beforehand."""
    path = folder / MANIFEST_NAME
    return write_text(path, body if isinstance(body, str) else manifest_text(body))


def read_manifest(folder: Path) -> ExamManifest:
    """Read DIR/exam.json; a missing or broken file names itself."""
    path = folder / MANIFEST_NAME if folder.is_dir() else folder
    if not path.is_file():
        raise InputFileError(path, "", _("không có tệp exam.json: thư mục này không phải một đề đã tạo"))
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        versions = {v["code"]: VersionInfo(v["code"], [ItemInfo(**item) for item in v["items"]],
                                           [(e["id"], float(e["points"])) for e in v["essays"]])
                    for v in body["versions"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise InputFileError(path, "", _("tệp exam.json bị hỏng: {e}").format(e=exc)) from exc
    first = next(iter(versions.values()), None)
    essay_points = sum(p for _, p in first.essays) if first else 0.0
    return ExamManifest(body.get("title", ""), int(body.get("seed", 0)), body.get("exam_id", ""), versions,
                        body.get("master", []), body.get("master_options", {}), body.get("stems", {}),
                        essay_points, body.get("bank_codes", {}))
