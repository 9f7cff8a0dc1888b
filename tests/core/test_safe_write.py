"""An export either produces the whole file under its name or leaves what was there untouched."""

from __future__ import annotations

import pytest

from lecturer_app.core.safe_write import replaced_on_success


def test_a_finished_write_takes_the_name(tmp_path):
    target = tmp_path / "giáo án.docx"
    with replaced_on_success(target) as tmp:
        assert tmp.parent == target.parent and tmp != target
        tmp.write_bytes(b"xong")
    assert target.read_bytes() == b"xong" and list(tmp_path.iterdir()) == [target]


def test_a_failed_write_leaves_the_old_file_and_no_leftover(tmp_path):
    target = tmp_path / "giáo án.docx"
    target.write_bytes("bản cũ".encode())
    with pytest.raises(RuntimeError), replaced_on_success(target) as tmp:
        tmp.write_bytes("một nửa".encode())
        raise RuntimeError("hết chỗ trên đĩa")
    assert target.read_bytes() == "bản cũ".encode() and list(tmp_path.iterdir()) == [target]


def test_a_full_disk_is_one_clear_error_naming_the_users_file(tmp_path):
    import errno

    from lecturer_app.core.safe_write import WriteError

    target = tmp_path / "đề.docx"
    with pytest.raises(WriteError, match="đề.docx: ổ đĩa \\(hoặc USB\\) đã đầy") as raised, \
            replaced_on_success(target) as tmp:
        tmp.write_bytes(b"PK")
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
    assert raised.value.path == target and list(tmp_path.iterdir()) == []


def test_a_source_that_cannot_be_read_keeps_its_own_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="hinh.png"), replaced_on_success(tmp_path / "ra.pdf"):
        (tmp_path / "hinh.png").read_bytes()
    assert list(tmp_path.iterdir()) == []


def test_settings_and_small_files_are_written_through_the_same_helper(tmp_path):
    from lecturer_app.core.safe_write import write_bytes, write_text

    assert write_text(tmp_path / "a.json", "{}", durable=True).read_text() == "{}"
    assert write_bytes(tmp_path / "b.bin", b"\x00").read_bytes() == b"\x00"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.bin"]


def test_a_folder_appears_only_when_every_file_is_written(tmp_path):
    from lecturer_app.core.safe_write import folder_on_success

    target = tmp_path / "de"
    with folder_on_success(target, last="exam.json") as work:
        (work / "de_101.pdf").write_bytes(b"%PDF")
        assert not target.exists() and work.parent == tmp_path and work.name.startswith(".de.")
        (work / "exam.json").write_text("{}")
    assert sorted(p.name for p in target.iterdir()) == ["de_101.pdf", "exam.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de"]


def test_a_failed_folder_leaves_nothing_and_an_existing_folder_keeps_its_other_files(tmp_path):
    from lecturer_app.core.safe_write import folder_on_success

    target = tmp_path / "de"
    target.mkdir()
    (target / "ghi_chu.txt").write_text("của giảng viên")
    with pytest.raises(RuntimeError), folder_on_success(target, last="exam.json") as work:
        (work / "de_101.pdf").write_bytes(b"%PDF")
        raise RuntimeError("bị dừng")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["de", "ghi_chu.txt"]
    with folder_on_success(target, last="exam.json") as work:
        for name in ("exam.json", "de_101.pdf"):
            (work / name).write_bytes(b"x")
    assert sorted(p.name for p in target.iterdir()) == ["de_101.pdf", "exam.json", "ghi_chu.txt"]
