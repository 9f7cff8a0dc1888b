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
