"""One exam version's files: paper PDF, key PDF and, when asked, the DOCX paper.

The unit of work that ``version_files`` splits between this process and a
helper (``version_helper``); both import it from here, so neither imports
the other at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from lecturer_app.exam.draw import PaperVersion
from lecturer_app.exam.paper_settings import ImageSource, PaperSettings

if TYPE_CHECKING:
    from lecturer_app.exporters.exam.paper_docx_skeleton import PaperSkeleton


@dataclass(frozen=True, eq=False)  # nothing compares or hashes two: a fresh build compiles no __eq__, __hash__
class VersionJob:
    """What every version's writer needs.

    Attributes:
        out: the output folder.
        docx: also write each paper as DOCX.
        parallel: allow the forked helper (tests turn it off to compare outputs).
        skeleton: the build's DOCX paper without code and questions (``with_skeleton``), or None.
    """

    settings: PaperSettings
    out: Path
    docx: bool
    images: ImageSource | None = None
    parallel: bool = True
    skeleton: PaperSkeleton | None = None


def with_skeleton(job: VersionJob, versions: list[PaperVersion]) -> VersionJob:
    """*job* with the build's DOCX skeleton when two or more DOCX papers can use it (made once, before any fork)."""
    from lecturer_app.exporters.exam.paper_docx_skeleton import can_use, make_skeleton

    # Counted up to two only: each version's check walks its questions and options (0.6 ms for 24, before the fork).
    if not job.docx or job.skeleton is not None or len([*islice(filter(can_use, versions), 2)]) < 2:
        return job
    return replace(job, skeleton=make_skeleton(job.settings, job.images))


def version_paths(job: VersionJob, version: PaperVersion) -> list[Path]:
    """The files of *version* in report order: paper, key, then the DOCX paper when asked."""
    paths = [job.out / f"de_{version.code}.pdf", job.out / f"dap_an_{version.code}.pdf"]
    if job.docx:
        paths.append(job.out / f"de_{version.code}.docx")
    return paths


def write_version(job: VersionJob, version: PaperVersion) -> list[Path]:
    """Write one version's files; returns them in report order."""
    from lecturer_app.exporters.exam.keys import write_key_pdf
    from lecturer_app.exporters.exam.paper_docx import write_paper_docx
    from lecturer_app.exporters.exam.paper_docx_skeleton import can_use, write_from_skeleton
    from lecturer_app.exporters.exam.paper_pdf import write_paper_pdf

    paths = version_paths(job, version)
    write_paper_pdf(version, job.settings, paths[0], job.images)
    write_key_pdf(version, job.settings, paths[1])
    if job.docx and job.skeleton is not None and can_use(version):
        write_from_skeleton(job.skeleton, version, paths[2])
    elif job.docx:
        write_paper_docx(version, job.settings, paths[2], job.images)
    return paths


def warm_up() -> None:
    """Load what writing a version needs: the exam writers, the PDF writer and the Liberation Serif faces.

    The helper process does it before it says it is ready; the CLI does it
    before forking, so the forked child starts with all of it loaded instead
    of loading it a second time.  reportlab is not among it: the exam PDFs
    are drawn with ``exporters.pdf_writer`` (platypus only for the rare
    papers it cannot lay out, ``paper_pdf.NeedsPlatypus``).
    """
    import lecturer_app.exporters.exam.keys  # noqa: F401
    import lecturer_app.exporters.exam.page_flow  # noqa: F401
    import lecturer_app.exporters.exam.page_parts  # noqa: F401
    import lecturer_app.exporters.exam.paper_docx  # noqa: F401
    import lecturer_app.exporters.exam.paper_pdf  # noqa: F401
    import lecturer_app.exporters.pdf_writer.document  # noqa: F401
    from lecturer_app.exporters.pdf_fonts import family_names
    from lecturer_app.exporters.pdf_writer.fonts import font_named

    family = family_names()  # every exam PDF is set in Liberation Serif
    for face in (family.regular, family.bold, family.italic):
        font_named(face)
