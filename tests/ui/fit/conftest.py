"""Fixtures of the small-screen and shortcut tests: the shipped bank, opened once per module."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def shipped_data(tmp_path_factory):
    """A data folder with the shipped bank (125 topics, the sample plans and questions)."""
    from lecturer_app.core.workspace import open_workspace

    folder = tmp_path_factory.mktemp("shipped")
    open_workspace(folder).close()
    return folder


@pytest.fixture(params=("vi", "en"))
def language(request):
    """Each of the two UI languages in turn (Vietnamese again after)."""
    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path

    i18n.setup(request.param, resource_path("translations"))
    yield request.param
    i18n.setup("vi", None)
