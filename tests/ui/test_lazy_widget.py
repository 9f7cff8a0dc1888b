"""LazyWidget: a tab that costs nothing until it is shown or asked for."""

from __future__ import annotations

import pytest

from lecturer_app.ui.widgets.lazy_widget import LazyWidget


@pytest.fixture
def built(qtbot):
    made = []

    def factory():
        from PySide6.QtWidgets import QLabel

        made.append(QLabel("Ngân hàng câu hỏi"))
        return made[-1]

    widget = LazyWidget(factory)
    qtbot.addWidget(widget)
    return widget, made


def test_nothing_is_built_until_needed(built):
    widget, made = built
    assert made == [] and widget.built_widget() is None


def test_asking_builds_once_and_keeps_the_widget(built):
    widget, made = built
    first = widget.widget()
    assert widget.widget() is first and made == [first] and widget.built_widget() is first


def test_showing_builds_it_on_the_next_event_loop_turn(qtbot, built):
    widget, made = built
    widget.show()
    assert made == []  # the show itself stays cheap
    qtbot.waitUntil(lambda: widget.built_widget() is not None)
    assert len(made) == 1 and made[0].parent() is widget
    qtbot.waitUntil(made[0].isVisible)
