"""`lecturer-app --lang en stats` labels its counts in the plural, though a record's kind elsewhere reads singular."""

from __future__ import annotations

import io

from lecturer_app.cli import main


def test_stats_in_english_count_topics_questions_and_versions(shipped_data):
    out = io.StringIO()
    assert main(["--data-dir", str(shipped_data), "--lang", "en", "stats"], out=out) == 0
    labels = [line.rsplit(maxsplit=1)[0] for line in out.getvalue().splitlines()]
    assert labels == ["Organisations", "Programs", "Modules", "Topics", "Written lesson plans", "Plan sections",
                      "Slide decks", "Slides", "Questions", "Attachments", "Versions"]
