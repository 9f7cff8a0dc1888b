"""Exam partitions (issue #13 item 6): never in an ordinary bundle; sealed to an exam-board certificate only."""

from __future__ import annotations

import zipfile

from lecturer_app.core.model import Blueprint, Exam
from support.exam_secrets import SECRET_PICTURE, SECRET_TITLE, build_exam, leaked


def _all_bytes(path) -> bytes:
    """Every byte a bundle carries, members decompressed, so nothing hides in compression."""
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        return raw + b"".join(zf.read(name) for name in zf.namelist())


def test_an_exam_is_absent_from_an_ordinary_bundle_and_sealed_only_for_an_exam_board(make_peer, authority, tmp_path):
    a, board, lecturer = make_peer("A"), make_peer("board"), make_peer("lecturer")
    authority.certify(a, scopes="bank,exam:*")
    board_cert = authority.certify(board, scopes="bank,exam:*")
    lecturer_cert = authority.certify(lecturer)
    secrets = build_exam(a).secrets()

    a.ok("bundle", "export", "-o", str(tmp_path / "plain.lbb"))
    assert not leaked(secrets, _all_bytes(tmp_path / "plain.lbb"))
    for_lecturer = a.json("bundle", "export", "-o", str(tmp_path / "lect.lbb"), "--for", str(lecturer_cert))
    assert for_lecturer["sealed_revisions"] == 0 and for_lecturer["sealed_blobs"] == 0
    assert not leaked(secrets, _all_bytes(tmp_path / "lect.lbb"))
    for_board = a.json("bundle", "export", "-o", str(tmp_path / "board.lbb"), "--for", str(board_cert))
    assert for_board["sealed_revisions"] == 2 and for_board["sealed_blobs"] == 1
    assert not leaked(secrets, _all_bytes(tmp_path / "board.lbb"))  # present, but encrypted

    result = board.json("bundle", "import", str(tmp_path / "board.lbb"))
    assert result["sealed"] == "opened" and result["revisions_new"] == 3 and not result["rejected"]
    with board.workspace() as workspace:
        (exam,) = workspace.store.select(Exam)
        assert exam.title == SECRET_TITLE and exam.versions[0].key == ["C", "A"]
        assert workspace.blobs.read_bytes(exam.blueprint["picture"]["sha256"]) == SECRET_PICTURE
        assert exam.blueprint["picture"]["filename"] == "hình.png"
    other = lecturer.json("bundle", "import", str(tmp_path / "board.lbb"))
    assert other["sealed"] == "for_other" and other["revisions_new"] == 1
    with lecturer.workspace() as workspace:
        assert workspace.store.select(Exam) == [] and workspace.store.select(Blueprint) == []


def test_an_importer_refuses_revisions_outside_their_author_certificate(make_peer, authority, tmp_path):
    lecturer, board = make_peer("lecturer"), make_peer("board")
    authority.certify(lecturer)  # bank only
    board_cert = authority.certify(board, scopes="bank,exam:*")
    build_exam(lecturer)
    lecturer.ok("bundle", "export", "-o", str(tmp_path / "x.lbb"), "--for", str(board_cert))
    result = board.json("bundle", "import", str(tmp_path / "x.lbb"))
    assert result["revisions_new"] == 1  # the bank topic
    reasons = {item["type"]: item["reason"] for item in result["rejected"]}
    assert set(reasons) == {"exam", "blueprint"} and all("không có quyền" in r for r in reasons.values())
    with board.workspace() as workspace:
        assert workspace.store.select(Exam) == []


def test_asking_for_an_exam_scope_without_a_recipient_is_an_error(make_peer, tmp_path):
    a = make_peer("A")
    code, _out, err = a.run("bundle", "export", "-o", str(tmp_path / "x.lbb"), "--scope", "exam:*")
    assert code == 1 and "--for" in err and not (tmp_path / "x.lbb").exists()
