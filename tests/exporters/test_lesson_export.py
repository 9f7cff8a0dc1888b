"""export_lesson: the entry the CLI and the GUI share."""

from __future__ import annotations

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Organization
from lecturer_app.exporters.lesson_export import deck_footer, export_lesson


def test_a_deck_with_an_unknown_theme_exports_in_the_default_theme_and_says_so(workspace, tmp_path):
    bank = LessonBank(workspace.store)
    deck = bank.deck(bank.require_topic("AB-01").id)
    deck.theme = "mau_cua_may_khac"
    workspace.store.save(deck)
    result = export_lesson(workspace, "AB-01", "pptx", tmp_path / "bai.pptx")
    assert result.theme == "trang_trong"
    assert any("mau_cua_may_khac" in w for w in result.warnings)


def test_the_footer_names_the_organisation_chosen_in_the_settings(workspace, tmp_path):
    org = Organization(name="Trung tâm chính trị huyện Tam Đường", header_lines=["Huyện ủy Tam Đường"])
    workspace.store.save(org)
    workspace.settings.organization_id = org.id
    topic = LessonBank(workspace.store).require_topic("AB-01")
    assert deck_footer(topic, org) == f"Trung tâm chính trị huyện Tam Đường · {topic.title}"
    from pptx import Presentation

    export_lesson(workspace, "AB-01", "pptx", tmp_path / "bai.pptx")
    footers = [s.text_frame.text for slide in Presentation(str(tmp_path / "bai.pptx")).slides
               for s in slide.shapes if s.name.startswith("footer")]
    assert footers and all(f == deck_footer(topic, org) for f in footers)


def test_topics_without_a_deck_or_plan_and_unknown_formats_are_clear_errors(workspace, tmp_path):
    with pytest.raises(UserFacingError, match="AB-02"):
        export_lesson(workspace, "AB-02", "pptx", tmp_path / "x.pptx")
    with pytest.raises(UserFacingError, match="odt"):
        export_lesson(workspace, "AB-01", "odt", tmp_path / "x.odt")
    assert not (tmp_path / "x.pptx").exists()
