"""Every system error a lecturer reads is worded once (core/errors.py), names the file, and changes nothing.

The errors are real ones from the operating system, not raised by hand: a
full disk is /dev/full (the kernel answers every write with ENOSPC), a
device error is /proc/self/mem read from its start (EIO), a folder that is
a file gives ENOTDIR.  These work as root too, where a read-only folder made
with chmod would not refuse anything.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError, os_error_reason

DEV_FULL = Path("/dev/full")
DEVICE_ERROR = Path("/proc/self/mem")  # a regular file whose first page no process may read: EIO

needs_dev_full = pytest.mark.skipif(not DEV_FULL.exists(), reason="/dev/full is Linux's")
needs_proc_mem = pytest.mark.skipif(not DEVICE_ERROR.is_file(), reason="/proc/self/mem is Linux's")

FULL = "ổ đĩa (hoặc USB) đã đầy"
DEVICE = "lỗi đọc ghi của thiết bị (USB bị rút ra hoặc hỏng?)"
NOT_A_FOLDER = "một phần của đường dẫn không phải thư mục"


def test_the_table_says_a_full_disk_one_way_whatever_the_system_calls_it():
    assert os_error_reason(OSError(errno.ENOSPC, "No space left on device")) == FULL
    assert os_error_reason(OSError(errno.EDQUOT, "Disk quota exceeded")) == FULL


@needs_dev_full
def test_a_save_on_a_full_disk_names_the_users_file_in_the_tables_words(tmp_path):
    from lecturer_app.core.safe_write import WriteError, partial_name, write_bytes

    target = tmp_path / "đề.docx"
    target.write_bytes(b"ban cu")
    partial_name(target).symlink_to(DEV_FULL)  # the temporary file lands on a full device
    with pytest.raises(WriteError) as raised:
        write_bytes(target, b"PK" * 10_000)
    assert str(raised.value) == f"Không ghi được {target}: {FULL}"
    assert target.read_bytes() == b"ban cu" and sorted(p.name for p in tmp_path.iterdir()) == ["đề.docx"]


def test_a_save_under_a_file_says_the_path_is_not_a_folder(tmp_path):
    from lecturer_app.core.safe_write import WriteError, write_text

    (tmp_path / "xuat").write_text("một tệp, không phải thư mục")
    with pytest.raises(WriteError) as raised:
        write_text(tmp_path / "xuat" / "giao_an.docx", "x")
    assert str(raised.value) == f"Không ghi được {tmp_path / 'xuat' / 'giao_an.docx'}: {NOT_A_FOLDER}"


@needs_proc_mem
def test_an_attachment_that_cannot_be_read_names_it_in_vietnamese(store, tmp_path):
    from lecturer_app.core.bank.attachments import add_attachment
    from lecturer_app.core.model import Attachment
    from lecturer_app.core.store.blobs import BlobStore

    blobs = BlobStore(tmp_path / "blobs")
    with pytest.raises(InputFileError) as raised:
        add_attachment(store, blobs, "topic-1", DEVICE_ERROR)
    assert str(raised.value) == f"{DEVICE_ERROR}: không đọc được tệp: {DEVICE}"
    assert store.select(Attachment) == [] and list(blobs.root.glob("**/.incoming-*")) == []


def test_a_backup_folder_under_a_file_is_refused_in_words(workspace, tmp_path):
    from lecturer_app.core.backup.create import create_backup
    from lecturer_app.core.backup.errors import BackupError

    (tmp_path / "usb").write_text("một tệp")
    with pytest.raises(BackupError) as raised:
        create_backup(workspace.data_dir, tmp_path / "usb" / "sao-luu")
    assert str(raised.value) == f"Không ghi được vào thư mục sao lưu {tmp_path / 'usb' / 'sao-luu'}: {NOT_A_FOLDER}"


@needs_proc_mem
def test_a_backup_that_fails_half_way_says_why_and_leaves_no_folder(workspace, tmp_path):
    from lecturer_app.core.backup.create import create_backup
    from lecturer_app.core.backup.errors import BackupError

    (workspace.data_dir / "settings.json").symlink_to(DEVICE_ERROR)  # copied after the database: fails midway
    root = tmp_path / "sao-luu"
    with pytest.raises(BackupError) as raised:
        create_backup(workspace.data_dir, root)
    assert str(raised.value) == f"Không sao lưu được vào {root}: {DEVICE}"
    assert list(root.iterdir()) == []  # no finished backup, no unfinished one


def test_the_quiz_server_words_a_port_error_from_the_table():
    from lecturer_app.quiz.server import port_message

    message = port_message("127.0.0.1", 8088, OSError(errno.EIO, "Input/output error"))
    assert message == f"Không mở được cổng 8088 trên 127.0.0.1: {DEVICE}"


def test_any_error_is_worded_once_a_system_one_after_the_file_it_names(tmp_path):
    from lecturer_app.core.errors import error_reason

    with pytest.raises(OSError) as raised:
        (tmp_path / "không có.docx").read_bytes()
    assert error_reason(raised.value) == f"{tmp_path / 'không có.docx'}: không có tệp hoặc thư mục này"
    assert error_reason(OSError(errno.ENOSPC, "No space left on device")) == FULL
    assert error_reason(ValueError("mã đề trùng")) == "mã đề trùng"
