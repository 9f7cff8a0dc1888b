"""One exam version's files: paper PDF, key PDF and, when asked, the DOCX paper.

The unit of work that ``version_files`` splits between this process and a
helper (``version_helper``); both import it from here, so neither imports
the other at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lecturer_app.exam.draw import PaperVersion
from lecturer_app.exam.paper_settings import ImageSource, PaperSettings


@dataclass(frozen=True)
class VersionJob:
    """What every version's writer needs.

    Attributes:
        out: the output folder.
        docx: also write each paper as DOCX.
        parallel: allow the forked helper (tests turn it off to compare outputs).
    """

    settings: PaperSettings
    out: Path
    docx: bool
    images: ImageSource | None = None
    parallel: bool = True


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
    from lecturer_app.exporters.exam.paper_pdf import write_paper_pdf

    paths = version_paths(job, version)
    write_paper_pdf(version, job.settings, paths[0], job.images)
    write_key_pdf(version, job.settings, paths[1])
    if job.docx:
        write_paper_docx(version, job.settings, paths[2], job.images)
    return paths
