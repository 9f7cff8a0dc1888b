"""Issue #15 item 6: oral cards work with their defaults on the shipped sample topics."""

from __future__ import annotations

import pytest

SAMPLES = "NTD-01,DP-10,NTD-03"


@pytest.fixture
def shipped_store(tmp_path):
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(tmp_path / "data")
    yield workspace.store
    workspace.close()


@pytest.fixture
def oral(qtbot, shipped_store, tmp_path):
    from lecturer_app.ui.exam.oral_widget import OralCardsWidget

    widget = OralCardsWidget(shipped_store, tmp_path / "phieu.pdf")
    qtbot.addWidget(widget)
    return widget


def test_the_sample_topics_give_cards_with_the_default_mix(oral):
    oral.topics_edit.setText(SAMPLES)
    assert (oral.theory_spin.value(), oral.practice_spin.value()) == (1, 1)
    assert "2 câu lý thuyết, 1 câu liên hệ" in oral.available_label.text()
    cards, guide = oral.generate()
    assert cards.is_file() and guide.is_file()
    assert "Đã tạo 20 phiếu" in oral.result_label.text()


def test_a_topic_without_lien_he_questions_asks_only_for_ly_thuyet_and_gets_it_back_after(oral):
    oral.topics_edit.setText("NTD-01")
    assert (oral.theory_spin.value(), oral.practice_spin.value()) == (1, 0)
    oral.cards_spin.setValue(2)
    cards, _guide = oral.generate()
    assert cards.is_file()
    oral.topics_edit.setText(SAMPLES)
    assert oral.practice_spin.value() == 1


def test_a_card_with_no_question_is_refused_in_words(oral):
    from lecturer_app.core.errors import UserFacingError

    oral.topics_edit.setText(SAMPLES)
    oral.theory_spin.setValue(0)
    oral.practice_spin.setValue(0)
    with pytest.raises(UserFacingError, match="ít nhất một câu"):
        oral.generate()
