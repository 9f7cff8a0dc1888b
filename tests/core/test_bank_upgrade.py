"""A new version of the shipped bank (issue #14, the bank-upgrade rule).

The bank's version is in every shipped revision's summary, so a new version
gives every record a new revision id.  The rule: where this replica's head
is still a shipped revision of the same bank (untouched), the new shipped
revision becomes the content through a merge revision whose parents are
both; where the lecturer changed the record, their work stays the head and
the new shipped content is offered, as an official update is.
"""

from __future__ import annotations

from lecturer_app.core.bank.official import adopt_official, official_overview, official_status
from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.bank.shipped_import import import_bank
from lecturer_app.core.model import Topic
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store
from lecturer_app.sync.digest import sync_digest


def new_version(mini_bank, version: str, old: str = "", new: str = "") -> None:
    """The bank folder as its next version: *version* in bank.toml, *old* → *new* in the catalogue."""
    info = mini_bank / "bank.toml"
    info.write_text(info.read_text(encoding="utf-8").replace('version = "1"', f'version = "{version}"'),
                    encoding="utf-8")
    if old:
        catalog = mini_bank / "catalog.toml"
        text = catalog.read_text(encoding="utf-8")
        assert old in text
        catalog.write_text(text.replace(old, new), encoding="utf-8")


OLD_TITLE = 'title = "Học tập nghị quyết Đại hội"'
NEW_TITLE = 'title = "Học tập nghị quyết Đại hội XIV"'


def test_a_new_bank_version_updates_every_record_the_lecturer_did_not_touch(store, mini_bank):
    first = import_bank(store, mini_bank)
    new_version(mini_bank, "2", OLD_TITLE, NEW_TITLE)

    report = import_bank(store, mini_bank)

    topic = LessonBank(store).topic_by_code("AB-02")
    assert topic.title == "Học tập nghị quyết Đại hội XIV"
    assert topic.id in report.upgraded and report.kept_local == []
    assert len(store.log.head_rev_ids(topic.id)) == 1
    head = store.log.heads(topic.id)[0]
    assert len(head.parents) == 2  # the old shipped revision and the new one: nothing lost
    # Records whose content the new version did not change get no new revision.
    assert report.unchanged == first.added - len(report.upgraded)


def test_a_record_the_lecturer_edited_is_kept_and_the_new_bank_content_is_offered(store, mini_bank):
    import_bank(store, mini_bank)
    topic = LessonBank(store).topic_by_code("AB-02")
    topic.title = "Tên do giảng viên sửa"
    store.save(topic)
    new_version(mini_bank, "2", OLD_TITLE, NEW_TITLE)

    report = import_bank(store, mini_bank)

    assert topic.id in report.kept_local
    assert store.get(Topic, topic.id).title == "Tên do giảng viên sửa"
    assert len(store.log.head_rev_ids(topic.id)) == 1  # no conflict was made
    status = official_status(store, topic.id, bank_folder=mini_bank)
    assert [u.record_id for u in status.updates] == [topic.id] and status.updates[0].source == "bank"
    assert [s.topic_id for s in official_overview(store, mini_bank)] == [topic.id]
    adopt_official(store, topic.id, bank_folder=mini_bank)
    assert store.get(Topic, topic.id).title == "Học tập nghị quyết Đại hội XIV"
    head = store.log.heads(topic.id)[0]
    assert len(head.parents) == 2 and any(
        store.log.get(p).body.get("title") == "Tên do giảng viên sửa" for p in head.parents)
    assert official_status(store, topic.id, bank_folder=mini_bank).updates == []


def test_two_machines_that_upgrade_the_same_way_mint_identical_revisions(tmp_path, mini_bank):
    stores = [Store(open_database(tmp_path / f"m{n}.db")) for n in range(2)]
    for store in stores:
        import_bank(store, mini_bank)
    new_version(mini_bank, "2", OLD_TITLE, NEW_TITLE)
    for store in stores:
        import_bank(store, mini_bank)
    assert sync_digest(stores[0].db) == sync_digest(stores[1].db)


def test_three_versions_in_a_row_keep_updating_an_untouched_record(store, mini_bank):
    import_bank(store, mini_bank)
    new_version(mini_bank, "2", OLD_TITLE, NEW_TITLE)
    import_bank(store, mini_bank)
    info = mini_bank / "bank.toml"
    info.write_text(info.read_text(encoding="utf-8").replace('version = "2"', 'version = "3"'), encoding="utf-8")
    catalog = mini_bank / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(NEW_TITLE, 'title = "Nghị quyết XIV"'),
                       encoding="utf-8")
    report = import_bank(store, mini_bank)
    topic = LessonBank(store).topic_by_code("AB-02")
    assert topic.title == "Nghị quyết XIV" and topic.id in report.upgraded


def test_the_app_imports_its_shipped_bank_again_when_a_new_version_ships(tmp_path, mini_bank, monkeypatch):
    from lecturer_app.core import workspace as workspace_module

    monkeypatch.setattr(workspace_module, "bank_path", lambda *parts: mini_bank.joinpath(*parts))
    first = workspace_module.open_workspace(tmp_path / "data")
    assert first.first_run_report is not None and first.bank_update_report is None
    first.close()
    same = workspace_module.open_workspace(tmp_path / "data")
    assert same.first_run_report is None and same.bank_update_report is None  # the same version: nothing
    same.close()
    new_version(mini_bank, "2", OLD_TITLE, NEW_TITLE)
    updated = workspace_module.open_workspace(tmp_path / "data")
    try:
        assert updated.bank_update_report is not None and updated.bank_update_report.upgraded
        assert LessonBank(updated.store).topic_by_code("AB-02").title == "Học tập nghị quyết Đại hội XIV"
    finally:
        updated.close()
