"""Question exporters: one module per format, one :class:`~.common.ExportReport` each.

Each ``export(questions, path, context)`` writes a file and reports the
questions the format cannot carry (never silently dropped).
"""

from types import ModuleType

EXPORT_FORMATS = ("xlsx", "docx", "gift", "aiken", "moodlexml", "qti")


def exporter(fmt: str) -> ModuleType:
    """The module that writes *fmt*.

    The writers are imported here by name, not from a computed string, so that a
    frozen build carries every one; they are imported on the first export, not
    with this package, so the GUI starts without them.
    """
    from lecturer_app.exporters.questions import (
        aiken_writer,
        docx_writer,
        gift_writer,
        moodlexml_writer,
        qti_writer,
        xlsx_writer,
    )

    writers = {"xlsx": xlsx_writer, "docx": docx_writer, "gift": gift_writer, "aiken": aiken_writer,
               "moodlexml": moodlexml_writer, "qti": qti_writer}
    if fmt not in writers:
        raise ValueError(fmt)
    return writers[fmt]
