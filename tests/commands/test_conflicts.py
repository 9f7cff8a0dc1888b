"""`lecturer-app conflicts`: list, show and resolve records edited differently on two machines."""

from __future__ import annotations

import json

from lecturer_app.core.model import Topic
from lecturer_app.core.store.revisions import Revision
from lecturer_app.core.workspace import open_workspace
from tests.support.cli_runs import run


def _conflicting_topic(data) -> tuple[str, list[str]]:
    workspace = open_workspace(data, import_shipped_bank=False)
    store = workspace.store
    topic = Topic(code="XD-01", title="Tên gốc")
    base = store.save(topic)
    heads = []
    for author, title in (("An", "Tên của An"), ("Bình", "Tên của Bình")):
        rev = Revision.create(record_id=topic.id, type="topic", parents=(base.rev_id,), generation=2,
                              body={**base.body, "title": title}, deleted=False, author=author, device=author,
                              hlc=f"2026-0{len(heads) + 1}-01T00:00:00.000Z-0000")
        store.apply(rev)
        heads.append(rev.rev_id)
    workspace.close()
    return topic.id, heads


def test_a_conflict_is_listed_shown_side_by_side_and_resolved(tmp_path):
    data = tmp_path / "data"
    record_id, heads = _conflicting_topic(data)
    code, out, _ = run("--data-dir", str(data), "conflicts", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [c["record_id"] for c in listed] == [record_id]
    assert {h["rev_id"] for h in listed[0]["heads"]} == set(heads) and listed[0]["type"] == "topic"
    assert {h["author"] for h in listed[0]["heads"]} == {"An", "Bình"}

    code, out, _ = run("--data-dir", str(data), "conflicts", "show", record_id, "--json")
    shown = json.loads(out)
    assert shown["fields"] == ["title"]
    assert sorted(h["values"]["title"] for h in shown["heads"]) == ["Tên của An", "Tên của Bình"]

    code, out, _ = run("--data-dir", str(data), "conflicts", "resolve", record_id, "--take", heads[1][:12])
    assert code == 0
    workspace = open_workspace(data, import_shipped_bank=False)
    resolved = workspace.store.log.heads(record_id)
    assert len(resolved) == 1 and set(resolved[0].parents) == set(heads)
    assert workspace.store.get(Topic, record_id).title == "Tên của Bình"
    workspace.close()
    code, out, _ = run("--data-dir", str(data), "conflicts", "list", "--json")
    assert json.loads(out) == []


def test_resolving_with_a_revision_that_is_not_a_head_is_refused(tmp_path):
    data = tmp_path / "data"
    record_id, _heads = _conflicting_topic(data)
    code, _out, err = run("--data-dir", str(data), "conflicts", "resolve", record_id, "--take", "ffff")
    assert code != 0 and "ffff" in err
