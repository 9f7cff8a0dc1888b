"""Build an exam: draw, write every file, and keep the confidential record.

Files in the output folder (names are ASCII so they survive any file system):
``de_<code>.pdf`` / ``de_<code>.docx`` (papers), ``dap_an_<code>.pdf`` (keys),
``dap_an.xlsx`` (all keys), ``mau_bai_lam.xlsx`` (the answer template for
grading), ``phieu_tra_loi.pdf`` (answer sheet),
``ma_tran.xlsx`` (blueprint and bản đặc tả) and ``exam.json`` (for grading).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lecturer_app.core.model import Blueprint, Exam, ExamVersion
from lecturer_app.core.safe_write import folder_on_success
from lecturer_app.core.store.ids import uuid7
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import scrub_xml_illegal, xml_safe
from lecturer_app.exam.draw import DrawOptions, DrawResult, PaperVersion, draw_exam
from lecturer_app.exam.manifest import (
    MANIFEST_NAME,
    manifest_body,
    manifest_text,
    write_manifest,
)
from lecturer_app.exam.paper_settings import ImageSource, PaperSettings
from lecturer_app.exam.pool import QuestionPool, recent_question_ids

if TYPE_CHECKING:
    from lecturer_app.exporters.exam.version_helper import VersionHelper

Progress = Callable[[int, int], None]


@dataclass(eq=False)  # nothing compares two: a fresh build compiles no __eq__
class BuildRequest:
    """Attributes:
        avoid_last: avoid questions used by the last K exams (0 = do not avoid).
        docx: also write each paper as DOCX.
        parallel: let a helper write half the versions where that is possible (same bytes):
            *helper* (a process started ahead, as the GUI does) or a forked child (CLI on Linux).
        helper: a started ``exam.version_helper.VersionHelper``, or None.
    """

    blueprint: Blueprint
    options: DrawOptions
    settings: PaperSettings
    out_dir: Path
    avoid_last: int = 0
    docx: bool = True
    parallel: bool = True  # a helper may write half the versions (exam.version_files)
    helper: VersionHelper | None = None


@dataclass(eq=False)  # nothing compares two: a fresh build compiles no __eq__
class BuildReport:
    """What a build wrote: the Exam record, the versions, each one's paper and key, every file."""

    exam: Exam
    versions: list[PaperVersion]
    papers: dict[str, Path]
    keys: dict[str, Path]
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """``{"versions": [{"code", "paper", "key", "questions"}], "files": [...]}``."""
        return {"versions": [{"code": v.code, "paper": str(self.papers[v.code]), "key": v.key,
                              "questions": v.question_ids} for v in self.versions],
                "files": [str(f) for f in self.files]}


def build_exam(store: Store, pool: QuestionPool, request: BuildRequest, images: ImageSource | None = None,
               progress: Progress | None = None) -> BuildReport:
    """Draw and write everything; exam.json comes last and the Exam record is saved only after all files exist.

    The files are written in a hidden folder beside ``out_dir`` and moved in
    at the end (exam.json last), so a build that fails or is killed never
    leaves a folder that looks like an exam.
    """
    avoid = recent_question_ids(store, request.avoid_last)
    result = draw_exam(request.blueprint, pool, request.options, avoid)
    _scrub(result)
    exam_id = uuid7()
    with folder_on_success(request.out_dir, last=MANIFEST_NAME) as work:
        report, manifest = _write_files(result, replace(request, out_dir=work), pool, images, progress, exam_id)
        write_manifest(manifest, work)
    _moved(report, request.out_dir)
    exam = _exam_record(result, request, report.files)
    exam.id = exam_id
    with store.transaction():
        store.save(exam, summary=f"Tạo đề: {request.settings.title} ({len(result.versions)} mã đề)")
    report.exam = exam
    return report


def _scrub(result: DrawResult) -> None:
    """Make the draw's text XML-safe: text stored before the import boundary removed such characters.

    The drawn questions are walked, each once: every version prints those same
    question objects, with an option order and a key the draw made of numbers
    and letters, so walking the versions too (24 × 42 printed questions and
    their orders) was most of a 2.7 ms walk before the fork, for nothing.  The
    warnings quote stems; a code carries the scheme's prefix, which is text.
    """
    scrub_xml_illegal(result.drawn)
    scrub_xml_illegal(result.warnings)
    for version in result.versions:
        version.code = xml_safe(version.code)


def _moved(report: BuildReport, folder: Path) -> None:
    """The report's paths in *folder*, where the files were moved after writing."""
    report.files = [folder / path.name for path in report.files]
    report.papers = {code: folder / path.name for code, path in report.papers.items()}
    report.keys = {code: folder / path.name for code, path in report.keys.items()}


def _write_files(result: DrawResult, request: BuildRequest, pool: QuestionPool, images: ImageSource | None,
                 progress: Progress | None, exam_id: str) -> tuple[BuildReport, str]:
    """Every file but exam.json, and the text of exam.json (made while a helper writes versions)."""
    from lecturer_app.exporters.exam.version_files import write_versions
    from lecturer_app.exporters.exam.version_writer import VersionJob

    def meanwhile() -> tuple[list[Path], str]:
        body = manifest_body(result, request.settings.title, request.options.seed, exam_id)
        return _write_shared_files(result, request, pool, exam_id), manifest_text(body)

    report = BuildReport(Exam(), result.versions, {}, {}, warnings=list(result.warnings))
    total = len(result.versions) + 1
    job = VersionJob(request.settings, request.out_dir, request.docx, images, request.parallel)
    written, files = write_versions(job, result.versions, progress, total, meanwhile=meanwhile, helper=request.helper)
    assert files is not None, "meanwhile always runs"
    shared, manifest = files
    for version, paths in zip(result.versions, written):
        report.papers[version.code], report.keys[version.code] = paths[0], paths[1]
        report.files += paths
    report.files += shared
    if progress:
        progress(total, total)
    return report, manifest


def _write_shared_files(result: DrawResult, request: BuildRequest, pool: QuestionPool, exam_id: str) -> list[Path]:
    """The files common to all versions: answer sheet, XLSX key, answer template, blueprint (exam.json last)."""
    from lecturer_app.exporters.exam.answer_sheet import write_answer_sheet
    from lecturer_app.exporters.exam.blueprint_xlsx import write_blueprint_xlsx
    from lecturer_app.exporters.exam.keys import write_answer_template, write_key_xlsx

    out, files = request.out_dir, []
    objective = len(result.versions[0].objective)
    if objective:
        letters = max((len(p.question.options) for p in result.versions[0].objective), default=4)
        files.append(write_answer_sheet(out / "phieu_tra_loi.pdf", request.settings, objective,
                                        max(4, min(letters, 6)), exam_id))
        files.append(write_key_xlsx(result.versions, out / "dap_an.xlsx"))
        files.append(write_answer_template(result.versions, out / "mau_bai_lam.xlsx"))
    files.append(write_blueprint_xlsx(request.blueprint, pool, out / "ma_tran.xlsx"))
    files.append(out / "exam.json")
    return files


def _exam_record(result: DrawResult, request: BuildRequest, files: list[Path]) -> Exam:
    return Exam(
        title=request.settings.title,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        seed=request.options.seed,
        blueprint=request.blueprint.to_body(),
        question_points={d.question.id: d.points for d in result.drawn},
        versions=[ExamVersion(v.code, v.question_ids, [p.order for p in v.printed], v.key)
                  for v in result.versions],
        output_dir=str(request.out_dir),
        files=[str(f) for f in files],
    )
