"""A bundle signed by a trusted device whose content is hostile (a buggy or compromised machine, or a stolen
key): each revision of the wrong shape is rejected with its reason, the rest is taken, and every command
still works afterwards (the fuzzer's ``bundle-content`` findings, docs/design/hardening.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lecturer_app.core.model import Attachment, Option, Question, Topic
from lecturer_app.sync.bundle_import import import_bundle
from lecturer_app.sync.keys import DeviceKey, key_path
from support.bundle_content_mutations import Line, resign

Edit = Callable[[dict[str, Any]], None]


def _set_body(key: str, value: object) -> Edit:
    def edit(rev: dict[str, Any]) -> None:
        rev["body"][key] = value
    return edit


def _set(key: str, value: object) -> Edit:
    def edit(rev: dict[str, Any]) -> None:
        rev[key] = value
    return edit


# (what was done, the record type it is done to, the edit, the place the reason names)
HOSTILE = [
    ("a question's options a number", "question", _set_body("options", 5), "body.options"),
    ("an option's text a list", "question", lambda rev: rev["body"]["options"][0].update(text=[[[]]]),
     "body.options[0].text"),
    ("a topic's title a list", "topic", _set_body("title", []), "body.title"),
    ("points a text", "question", _set_body("points", "1,5"), "body.points"),
    ("points past SQLite's integers", "question", _set_body("points", 10**30), "body.points"),
    ("a body that is a list", "question", _set("body", []), "body"),
    ("a body that is a number", "topic", _set("body", 5), "body"),
    ("a generation past SQLite's integers", "topic", _set("generation", 10**30), "generation"),
    ("a stamp that is a number", "question", _set("hlc", 1.5), "hlc"),
    ("a stamp that is not one", "question", _set("hlc", "hôm qua"), "hlc"),
    ("a record id with ../", "topic", _set("record_id", "../../../etc/passwd"), "record_id"),
    ("an empty record id", "topic", _set("record_id", ""), "record_id"),
    ("a summary that is an object", "question", _set("summary", {}), "summary"),
    ("a type of 9223372036854775808", "topic", _set("type", 2**63), "type"),
    ("an attachment's sha256 a long text", "attachment", _set_body("sha256", "Đ" * 200), "body.sha256"),
    ("an author with a NUL", "question", _set("author", "a\x00b"), "author"),
]


@pytest.fixture
def signed_by_a(make_peer, tmp_path):
    """A valid bundle from A (a topic, a question, an attachment), A's key, and B to import it."""
    a, b = make_peer("A"), make_peer("B")
    with a.workspace() as workspace:
        sha = workspace.blobs.put_bytes(b"%PDF-1.4 tai lieu" * 50)
        workspace.store.save(Topic(code="HOST-1", title="Chuyên đề của máy A"))
        workspace.store.save(Question(stem="Đảng Cộng sản Việt Nam ra đời năm nào?", points=1.0,
                                      options=[Option("1925"), Option("1930", correct=True)]))
        workspace.store.save(Attachment(owner_id="x", sha256=sha, size=850, filename="tài liệu.pdf"))
    path = tmp_path / "a.lbb"
    a.ok("bundle", "export", "-o", str(path))
    return path, DeviceKey.load(key_path(a.folder)), b


def _edited(lines: list[Line], rtype: str, edit: Edit) -> tuple[str, set[str]]:
    """Apply *edit* to A's own (signed) revision of type *rtype*: its record id before the edit, and the record
    ids of A's other revisions."""
    own = [line for line in lines if line["sig"]]
    line = next(line for line in own if line["rev"]["type"] == rtype)
    record_id = str(line["rev"]["record_id"])
    others = {str(other["rev"]["record_id"]) for other in own} - {record_id}
    edit(line["rev"])
    return record_id, others


@pytest.mark.parametrize(("what", "rtype", "edit", "place"), HOSTILE, ids=[case[0] for case in HOSTILE])
def test_a_signed_revision_of_the_wrong_shape_is_rejected_and_the_rest_taken(signed_by_a, tmp_path, what, rtype,
                                                                             edit, place):
    path, key, b = signed_by_a
    edited: list[tuple[str, set[str]]] = []
    data, _what = resign(path.read_bytes(), key, lambda lines, blobs: edited.append(_edited(lines, rtype, edit)) or what)
    hostile = tmp_path / "hostile.lbb"
    hostile.write_bytes(data)
    record_id, others = edited[0]
    with b.device() as (workspace, device):
        report = import_bundle(device, workspace.blobs, hostile, trust_new=True)
        held = {row[0] for row in workspace.db.execute("SELECT id FROM records")}
    reasons = [r["reason"] for r in report.rejected]
    assert reasons == [f"phiên bản sai dạng ({place})"], reasons
    assert record_id not in held  # the record never arrived in any form
    assert others and others <= held  # A's other records did
    for command in (("check",), ("stats",), ("questions", "list"), ("topics", "list"), ("search", "dang")):
        b.ok(*command)


def test_the_bundle_re_signed_unchanged_is_taken_whole(signed_by_a, tmp_path):
    """The re-signing itself is sound: what it signs unchanged imports with nothing rejected."""
    path, key, b = signed_by_a
    data, _what = resign(path.read_bytes(), key, lambda lines, blobs: "nothing")
    same = tmp_path / "same.lbb"
    same.write_bytes(data)
    with b.device() as (workspace, device):
        report = import_bundle(device, workspace.blobs, same, trust_new=True)
    assert report.rejected == [] and report.revisions_new >= 3 and report.blobs_new == 1


def test_an_author_named_with_a_slash_is_a_name_not_a_path(signed_by_a, tmp_path):
    """Cài đặt takes any name: «Nguyễn Văn A / Khoa Lý luận» signs revisions that every receiver takes."""
    path, key, b = signed_by_a
    edited: list[tuple[str, set[str]]] = []
    data, _what = resign(path.read_bytes(), key, lambda lines, blobs: edited.append(
        _edited(lines, "question", _set("author", "Nguyễn Văn A / Khoa Lý luận"))) or "author")
    named = tmp_path / "named.lbb"
    named.write_bytes(data)
    with b.device() as (workspace, device):
        report = import_bundle(device, workspace.blobs, named, trust_new=True)
        held = {row[0] for row in workspace.db.execute("SELECT id FROM records")}
    assert report.rejected == [] and edited[0][0] in held


@pytest.mark.parametrize(("line", "says"), [
    (b'{"rev": ' + b"[" * 100_000 + b"]" * 100_000 + b', "sig": null}\n', "lồng nhau quá sâu"),
    (b'{"rev": {"generation": ' + b"9" * 5000 + b'}, "sig": null}\n', "có số dài 5000 chữ số"),
    (b'{"rev": {"generation": 1e999}, "sig": null}\n', "giá trị 1e999 không phải số hợp lệ"),
])
def test_a_line_that_is_no_plain_json_refuses_the_bundle_naming_the_line_and_writes_nothing(signed_by_a, tmp_path,
                                                                                            line, says):
    """The bundle's lines are read by the one bounded JSON reader (core/json_reading.py), as every file is."""
    from lecturer_app.sync.bundle_format import BundleError

    path, key, b = signed_by_a
    data, _what = resign(path.read_bytes(), key, lambda lines, blobs: "a hostile last line", extra_line=line)
    hostile = tmp_path / "hostile.lbb"
    hostile.write_bytes(data)
    before = b.digest()
    with b.device() as (workspace, device), pytest.raises(BundleError) as refused:
        import_bundle(device, workspace.blobs, hostile, trust_new=True)
    assert refused.value.where.startswith("revs/0001.jsonl:") and f"dòng phiên bản hỏng (không phải tệp JSON hợp lệ ({says}))" in str(refused.value)
    assert b.digest() == before
