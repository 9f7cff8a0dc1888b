"""Question importers, one module per format, sharing one report structure.

Every importer turns a file into an :class:`~.report.ImportResult` (questions
with their place in the file, plus problems) without touching the store.
:mod:`.commit` then decides what is new (``core.question_dedupe``) and writes
it in one transaction, or only reports it (``--dry-run``, the GUI preview).
"""

from lecturer_app.importers.questions.detect import (
    FORMATS,
    detect_format,
    read_questions,
)

__all__ = ["FORMATS", "detect_format", "read_questions"]
