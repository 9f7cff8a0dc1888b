"""English is switchable: every user-facing source string has an English translation."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from lecturer_app import i18n
from lecturer_app.core.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("missing_translations", ROOT / "scripts" / "missing_translations.py")
_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tool)


def test_every_message_has_an_english_translation():
    catalog = _tool.english_catalog()
    missing = {m: where for m, where in _tool.source_messages().items() if m not in catalog}
    assert missing == {}, "run scripts/missing_translations.py and translate into resources/translations/en/"


def test_translations_keep_the_format_placeholders():
    import string

    for msgid, msgstr in _tool.english_catalog().items():
        fields = lambda s: sorted(f for _, f, _, _ in string.Formatter().parse(s) if f)
        assert fields(msgid) == fields(msgstr), msgid


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


def test_switching_to_english_translates_and_back(english):
    assert i18n._("Không tìm thấy kết quả nào.") == "No results."
    i18n.setup("vi", None)
    assert i18n._("Không tìm thấy kết quả nào.") == "Không tìm thấy kết quả nào."
