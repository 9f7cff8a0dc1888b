"""Fixtures of the exam tests: an exam-sized bank in the in-memory store."""

from __future__ import annotations

import pytest
from exam_bank_data import make_exam_bank


@pytest.fixture

def exam_bank(store):
    make_exam_bank(store)
    return store
