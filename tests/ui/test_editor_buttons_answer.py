"""No button of the plan and slide editors does nothing in silence: a button that cannot act on what is
chosen (the plan's «Thông tin chung» row, the first or the last item, no picture chosen) is off."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from lecturer_app.ui.deck.deck_editor import DeckEditor
from lecturer_app.ui.plan.plan_editor import HEADER_ROW, PlanEditor


@pytest.fixture
def plan_editor(qtbot, context, topic):
    widget = PlanEditor(context, topic)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def deck_editor(qtbot, context, topic):
    widget = DeckEditor(context, topic)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _enabled(*buttons) -> list[bool]:
    return [b.isEnabled() for b in buttons]


def test_the_plan_opens_on_its_header_where_only_adding_a_section_can_act(plan_editor):
    assert plan_editor.current_id == HEADER_ROW
    assert _enabled(plan_editor.add_button, plan_editor.remove_button, plan_editor.up_button,
                    plan_editor.down_button) == [True, False, False, False]
    assert "Thông tin chung" in plan_editor.remove_button.toolTip()


def test_the_first_section_cannot_go_up_and_the_last_cannot_go_down(plan_editor):
    first, last = plan_editor.sections[0], plan_editor.sections[-1]
    assert len(plan_editor.sections) > 1
    plan_editor.show_section(first.id)
    assert _enabled(plan_editor.remove_button, plan_editor.up_button, plan_editor.down_button) == [True, False, True]
    plan_editor.show_section(last.id)
    assert _enabled(plan_editor.remove_button, plan_editor.up_button, plan_editor.down_button) == [True, True, False]


def test_moving_a_section_to_the_top_turns_its_up_button_off(plan_editor):
    second = plan_editor.sections[1]
    plan_editor.show_section(second.id)
    plan_editor.up_button.click()
    assert plan_editor.sections[0].id == second.id and not plan_editor.up_button.isEnabled()


def test_the_first_slide_cannot_go_up_and_the_last_cannot_go_down(deck_editor):
    count = len(deck_editor.model.slides)
    assert count > 1
    deck_editor.select_row(0)
    assert _enabled(deck_editor.up_action, deck_editor.down_action) == [False, True]
    deck_editor.select_row(count - 1)
    assert _enabled(deck_editor.up_action, deck_editor.down_action) == [True, False]
    deck_editor.up_action.trigger()
    assert deck_editor.current_row() == count - 2 and deck_editor.down_action.isEnabled()


def test_removing_a_picture_waits_for_one_to_be_chosen(deck_editor, tmp_path):
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0x2266AA)
    path = tmp_path / "Ảnh lớp học.png"
    image.save(str(path))
    deck_editor.add_images([path])
    form = deck_editor.form
    assert form.images.count() == 1
    assert not form.remove_image_button.isEnabled()
    form.images.setCurrentRow(0)
    assert form.remove_image_button.isEnabled()
    form.remove_image_button.click()
    assert form.images.count() == 0 and not form.remove_image_button.isEnabled()
