"""Fixtures of the quiz tests: a small paper of every objective type, and it served on 127.0.0.1."""

from __future__ import annotations

import pytest
from quiz_phone import quiz_questions, start

from lecturer_app.quiz.paper import QuizPaper, paper_from_questions


@pytest.fixture
def paper() -> QuizPaper:
    found, _warnings = paper_from_questions(quiz_questions(), "Kiểm tra <thử>", seed=7)
    return found


@pytest.fixture
def served(paper):
    session, server = start(paper)
    yield session, server
    server.stop()
