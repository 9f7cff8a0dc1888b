"""Issue #13 acceptance, as a new user would: two fresh data folders on the shipped bank, bundles both ways."""

from __future__ import annotations

import itertools

from lecturer_app.core.model import PlanSection
from support.peers import edit_section_and_title


def _exchange(source, target, path, *extra):
    source.ok("bundle", "export", "-o", str(path))
    return target.json("bundle", "import", str(path), "--trust-new", *extra)


def test_sections_merge_the_title_conflicts_and_resolving_converges(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    topic_id, section_a = edit_section_and_title(a, 1, "Tiêu đề sửa ở máy A")
    _topic, section_b = edit_section_and_title(b, 2, "Tiêu đề sửa ở máy B")

    into_b = _exchange(a, b, tmp_path / "a1.lbb")
    into_a = _exchange(b, a, tmp_path / "b1.lbb")
    assert into_b["revisions_new"] == 2 and into_b["conflicts_new"] == 1 and not into_b["rejected"]
    assert into_a["conflicts_new"] == 1

    for peer in (a, b):
        with peer.workspace() as workspace:
            store = workspace.store
            assert "Thêm ở máy A" in store.require(PlanSection, section_a).body
            assert "Thêm ở máy B" in store.require(PlanSection, section_b).body
        (conflict,) = peer.json("conflicts", "list")
        assert conflict["record_id"] == topic_id and len(conflict["heads"]) == 2
        with peer.workspace() as workspace:
            titles = sorted(h.body["title"] for h in workspace.store.log.heads(topic_id))
        assert titles == ["Tiêu đề sửa ở máy A", "Tiêu đề sửa ở máy B"]
    assert a.digest() == b.digest()

    with a.workspace() as workspace:
        keep = next(h for h in workspace.store.log.heads(topic_id) if h.body["title"].endswith("A"))
    a.ok("conflicts", "resolve", topic_id, "--take", keep.rev_id)
    b.ok("bundle", "want", "-o", str(tmp_path / "want_b.json"))
    a.ok("bundle", "export", "-o", str(tmp_path / "a2.lbb"), "--want", str(tmp_path / "want_b.json"))
    result = b.json("bundle", "import", str(tmp_path / "a2.lbb"))
    assert result["revisions_new"] == 1
    assert b.json("conflicts", "list") == []
    with b.workspace() as workspace:
        assert [h.body["title"] for h in workspace.store.log.heads(topic_id)] == ["Tiêu đề sửa ở máy A"]
    assert a.digest() == b.digest()
    assert a.ok("check").startswith("Dữ liệu toàn vẹn") and b.ok("check").startswith("Dữ liệu toàn vẹn")


def test_the_same_bundle_twice_or_three_bundles_in_every_order_give_one_digest(make_peer, tmp_path):
    sources = [make_peer(name) for name in ("S1", "S2", "S3")]
    for number, peer in enumerate(sources):
        edit_section_and_title(peer, number, f"Tiêu đề {number}")
        peer.ok("bundle", "export", "-o", str(tmp_path / f"{number}.lbb"))
    digests = set()
    for order in itertools.permutations(range(3)):
        target = make_peer("T" + "".join(map(str, order)))
        for number in order:
            target.ok("bundle", "import", str(tmp_path / f"{number}.lbb"), "--trust-new")
        before = target.digest()
        again = target.json("bundle", "import", str(tmp_path / f"{order[0]}.lbb"))
        assert again["revisions_new"] == 0 and again["already_imported"]
        assert target.digest() == before
        digests.add(before["digest"] + before["heads"])
    assert len(digests) == 1


def test_digest_is_the_same_on_fresh_installs_and_names_nothing_of_the_machine(make_peer):
    a, b = make_peer("A"), make_peer("B")
    digest = a.digest()
    assert digest == b.digest() and digest["revisions"] > 0
    with a.workspace() as workspace:
        assert workspace.store.device not in str(digest)
