"""In the English interface, what previews a Vietnamese document shows that document's Vietnamese text, and the
summaries the app itself writes into the history read in English."""

from __future__ import annotations

import pytest

from lecturer_app import i18n
from lecturer_app.core.model import Organization
from lecturer_app.core.resources import resource_path


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


@pytest.mark.parametrize("style", ["party", "state"])
def test_the_header_preview_shows_the_number_line_as_the_document_prints_it(qtbot, english, style):
    from lecturer_app.ui.widgets.organisation_form import OrganisationForm

    org = Organization(name="Trung tâm Chính trị", header_style=style,
                       header_lines=["Đảng ủy xã Tân Uyên", "Trung tâm Chính trị"], place="Lai Châu")
    form = OrganisationForm(org)
    qtbot.addWidget(form)
    preview = form.preview.text()
    assert "Số …" in preview and "No." not in preview
    assert "Số: Số" not in preview
    assert form.title() == "Organisation (printed in document headers)"


def test_the_history_shows_the_apps_own_summaries_in_english_and_keeps_them_vietnamese_in_the_store(english,
                                                                                                   context, topic):
    from lecturer_app.core.bank.history import topic_history
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.store.edit_session import AUTOSAVE_SUMMARY, EditSession
    from lecturer_app.ui.topic.history_model import HistoryModel

    section = LessonBank(context.store).sections(LessonBank(context.store).plan(topic.id).id)[0]
    section.body += "\nBổ sung."
    session = EditSession(context.store)
    session.stage(section)
    session.flush()
    entries = topic_history(context.store, topic.id)
    assert entries[0].summary == AUTOSAVE_SUMMARY == "Tự động lưu"
    model = HistoryModel(context.store.device)
    model.set_entries(entries)
    assert model.cell(entries[0], 4) == "Autosaved"


def test_no_english_message_calls_an_attached_file_a_blob(english):
    from lecturer_app.core.store.integrity import DAMAGED_BLOB, MISSING_BLOB

    sha = "ab" * 32
    for message in (i18n._(MISSING_BLOB), i18n._(DAMAGED_BLOB), i18n._("tệp dữ liệu {sha} bị thiếu hoặc hỏng"),
                    i18n._("tệp dữ liệu")):
        assert "blob" not in message.format(sha=sha).lower()
        assert "attached file" in message
