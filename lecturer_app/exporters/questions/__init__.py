"""Question exporters: one module per format, one :class:`~.common.ExportReport` each.

Each ``export(questions, path, context)`` writes a file and reports the
questions the format cannot carry (never silently dropped).
"""

EXPORT_FORMATS = ("xlsx", "docx", "gift", "aiken", "moodlexml", "qti")


def exporter(fmt: str):
    """The module that writes *fmt* (imported on demand: heavy libraries stay lazy)."""
    from importlib import import_module

    if fmt not in EXPORT_FORMATS:
        raise ValueError(fmt)
    return import_module(f"lecturer_app.exporters.questions.{fmt}_writer")
