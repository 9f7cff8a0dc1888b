"""A question export that fails half-way leaves nothing under the user's name (core/safe_write.py).

The writers stream: part of the file is on disk when reading the bank
fails (a damaged row, a full disk).  Whatever was there before stays, and no
temporary file is left beside it.
"""

from __future__ import annotations

import pytest

from lecturer_app.core.store.ids import uuid7
from lecturer_app.exporters.questions import EXPORT_FORMATS, exporter
from tests.exporters.questions.test_question_export_round_trip import sample_questions


class DamagedRow(Exception):
    pass


def failing_after(count: int):
    questions = sample_questions() * 300  # more than any writer buffers before its first write
    for question in questions:
        question.id = uuid7()
    yield from questions[:count]
    raise DamagedRow


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("existing", [False, True])
def test_a_failure_mid_stream_keeps_the_old_file_or_none(tmp_path, fmt, existing):
    path = tmp_path / f"ngan_hang.{fmt}"
    if existing:
        path.write_bytes(b"ban cu")
    with pytest.raises(DamagedRow):
        exporter(fmt).export(failing_after(2000), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ([path.name] if existing else [])
    if existing:
        assert path.read_bytes() == b"ban cu"
