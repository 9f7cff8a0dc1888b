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

    fields = lambda s: sorted(f for _, f, _, _ in string.Formatter().parse(s) if f)
    for key, msgstr in _tool.english_catalog().items():
        _context, msgid = _tool.split_key(key)
        # A plural entry's forms each keep them: "1 version" is "{n} version", never "one version".
        for form in msgstr.split("\x00"):
            assert fields(msgid) == fields(form), key


def test_every_message_with_a_count_has_the_english_singular_and_plural():
    forms = {key: msgstr.split("\x00") for key, msgstr in _tool.english_catalog().items() if _tool.is_plural(key)}
    assert {key: len(f) for key, f in forms.items() if len(f) != 2} == {}
    assert [key for key, (one, many) in forms.items() if one == many] == [], "msgstr[0] reads as for one"


def test_every_message_in_a_context_names_its_context_and_text_as_literals():
    assert _tool.unreadable_context_calls() == [], "write pgettext(\"context\", \"…\") and NC_(…) with literals"


def test_the_checker_reads_a_message_in_its_context_as_the_catalogue_does(tmp_path):
    from lecturer_app.i18n.po import read_po

    po = tmp_path / "m.po"
    po.write_text(_tool.po_entry("column header\x04Câu hỏi", "x.py:1").replace('msgstr ""', 'msgstr "Question"'),
                  encoding="utf-8")
    assert read_po(po) == {"column header\x04Câu hỏi": "Question"}


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


def test_switching_to_english_translates_and_back(english):
    assert i18n._("Không tìm thấy kết quả nào.") == "No results."
    i18n.setup("vi", None)
    assert i18n._("Không tìm thấy kết quả nào.") == "Không tìm thấy kết quả nào."


def test_one_vietnamese_word_reads_as_the_english_its_context_needs(english):
    assert i18n.pgettext("tab", "Câu hỏi") == "Questions"
    assert i18n.pgettext("column header", "Câu hỏi") == "Question"
    assert i18n._(i18n.NC_("tab", "Câu hỏi")) == "Questions"


def test_in_vietnamese_a_message_in_a_context_reads_as_the_message():
    i18n.setup("vi", None)
    assert i18n.pgettext("tab", "Câu hỏi") == "Câu hỏi"
    assert i18n._(i18n.NC_("tab", "Câu hỏi")) == "Câu hỏi"


def test_in_vietnamese_every_marked_message_reads_as_its_source_text():
    i18n.setup("vi", None)
    shown = {key: i18n.ngettext(_tool.split_key(key)[1], 1) if _tool.is_plural(key) else i18n._(key)
             for key in _tool.source_messages()}
    assert shown == {key: _tool.split_key(key)[1] for key in shown}


def test_a_count_of_one_reads_in_the_singular_in_english_and_the_same_in_vietnamese(english):
    message = "Đã tạo {n} mã đề trong {dir}"
    assert i18n.ngettext(message, 1).format(n=1, dir="d") == "Built 1 version in d"
    assert i18n.ngettext(message, 2).format(n=2, dir="d") == "Built 2 versions in d"
    assert i18n.ngettext(message, 0).format(n=0, dir="d") == "Built 0 versions in d"
    i18n.setup("vi", None)
    assert i18n.ngettext(message, 1).format(n=1, dir="d") == "Đã tạo 1 mã đề trong d"


def test_the_checker_reads_a_plural_entry_as_the_catalogue_does(tmp_path):
    from lecturer_app.i18n.po import read_po

    entry = _tool.po_entry(_tool.plural_key("{n} câu"), "x.py:1")
    po = tmp_path / "m.po"
    po.write_text(entry.replace('msgstr[0] ""', 'msgstr[0] "{n} question"').replace(
        'msgstr[1] ""', 'msgstr[1] "{n} questions"'), encoding="utf-8")
    assert 'msgid_plural "{n} câu"' in entry
    assert read_po(po) == {"{n} câu\x00{n} câu": "{n} question\x00{n} questions"}
    assert _tool.split_key(_tool.plural_key("{n} câu")) == (None, "{n} câu")


def test_a_context_with_no_entry_falls_back_to_the_source_not_to_another_uses_translation(english):
    assert i18n._("Câu hỏi") == "Question"
    assert i18n.pgettext("no such context", "Câu hỏi") == "Câu hỏi"


# Vietnamese literals in ui/ that are not messages, each with the reason.
NOT_MESSAGES = {
    ("lecturer_app/ui/settings_dialog.py", "Tiếng Việt"): "a language is named in its own language",
    ("lecturer_app/ui/app.py", "Khởi động"): "a warm-up slide laid out off screen, never shown",
    ("lecturer_app/ui/exam/oral_widget.py", "lý thuyết=1, liên hệ=1"): "the default mix, typed in oral-card kinds",
    ("lecturer_app/ui/widgets/organisation_form.py", "Số …"): "the Vietnamese document's number line, previewed",
}
VIETNAMESE = set("àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ")


def _unmarked_vietnamese(path: Path) -> list[str]:
    """Vietnamese string literals of *path* outside _()/N_()/pgettext()/NC_()/ngettext() and docstrings."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    parent = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and VIETNAMESE & set(node.value.lower())):
            continue
        above = parent.get(node)
        marked = (isinstance(above, ast.Call) and isinstance(above.func, ast.Name)
                  and above.func.id in ("_", "N_", "pgettext", "NC_", "ngettext"))
        if not marked and not isinstance(above, ast.Expr):  # an Expr holding a string is a docstring
            found.append(node.value)
    return found


def test_every_vietnamese_text_on_screen_is_marked_for_translation():
    unmarked = {}
    for path in sorted((ROOT / "lecturer_app" / "ui").rglob("*.py")):
        if path.name == "qt_translator.py":  # it *is* the Vietnamese translation of Qt's own texts
            continue
        rel = str(path.relative_to(ROOT))
        texts = [t for t in _unmarked_vietnamese(path) if (rel, t) not in NOT_MESSAGES]
        if texts:
            unmarked[rel] = texts
    assert unmarked == {}, "mark these with _() or N_() (and translate them), or list them in NOT_MESSAGES"


def test_the_unmarked_text_finder_finds_a_table_of_texts(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""Tài liệu."""\nA = {"x": "mục mới", "y": N_("đã xóa"), "z": NC_("tab", "Câu hỏi")}\n',
                      encoding="utf-8")
    assert _unmarked_vietnamese(module) == ["mục mới"]


def test_a_ui_number_takes_the_decimal_mark_of_the_ui_language(english):
    assert i18n.ui_number("0,25") == "0.25" and i18n.ui_number("10") == "10"
    i18n.setup("vi", None)
    assert i18n.ui_number("0,25") == "0,25"


def test_every_written_form_of_a_message_is_known_for_recognising_it(english):
    assert i18n.written_forms("{n} học viên") == {"{n} học viên", "{n} learner", "{n} learners"}
    assert i18n.written_forms("Không tìm thấy kết quả nào.") == {"Không tìm thấy kết quả nào.", "No results."}
    assert i18n.written_forms(i18n.NC_("tab", "Câu hỏi")) >= {"Questions"}
