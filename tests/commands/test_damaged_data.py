"""A damaged data folder: `check` says where, every other command says what to do, the search index is rebuilt.

The damage is made the way disks and killed processes make it: pages of the
real database file overwritten, bytes of stored text that are no longer
UTF-8, FTS5 shadow rows scrambled, blob files left without a record.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from lecturer_app.core.workspace import DB_NAME
from tests.support.cli_runs import run


def check_json(data_dir: Path, *extra: str) -> tuple[int, dict]:
    code, out, err = run("--data-dir", str(data_dir), "check", "--json", *extra)
    assert not err, err
    return code, json.loads(out)


def pages_of(db_path: Path, table: str) -> list[int]:
    with sqlite3.connect(db_path) as conn:
        return [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", [table])]


def overwrite_pages(db_path: Path, pages: list[int], filler: bytes = b"\xff") -> None:
    """Scribble over the cell area of *pages*, keeping their headers: a few damaged sectors."""
    page_size = 4096
    with open(db_path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * page_size + 1500)
            handle.write(filler * 2000)


def replace_in_pages(db_path: Path, pages: list[int], old: bytes, new: bytes) -> int:
    """Replace *old* by *new* (same length) inside *pages*: text whose bytes are no longer UTF-8."""
    data = bytearray(db_path.read_bytes())
    count = 0
    for page in pages:
        start, end = (page - 1) * 4096, page * 4096
        chunk = bytes(data[start:end])
        count += chunk.count(old)
        data[start:end] = chunk.replace(old, new)
    db_path.write_bytes(bytes(data))
    return count


def test_damaged_pages_are_diagnosed_by_check_and_named_by_every_command_that_reads_them(data_dir):
    """Opening reads no revision (O(1), issue #16): a command that does not need the damaged log answers;
    one that reads it says the data is damaged and points to `check`; none shows a traceback."""
    db_path = data_dir / DB_NAME
    overwrite_pages(db_path, pages_of(db_path, "revisions")[10:13])

    code, report = check_json(data_dir)
    assert code == 1 and not report["ok"]
    assert any(p.startswith("SQLite:") for p in report["problems"])
    assert any("revisions" in p and "không đọc được" in p for p in report["problems"])

    code, out, err = run("--data-dir", str(data_dir), "stats")
    assert code == 0 and not err and out

    code, out, err = run("--data-dir", str(data_dir), "bundle", "export", "-o", str(data_dir / "all.lbb"))
    assert code == 1
    assert "Tệp dữ liệu bị hỏng" in err and "lecturer-app check" in err
    assert "Lỗi không mong đợi" not in err and "Traceback" not in err


def test_text_that_is_no_longer_utf8_names_the_damaged_revisions(data_dir):
    """Before: "Lỗi không mong đợi: Could not decode … MAX(hlc)" from every command, check included."""
    db_path = data_dir / DB_NAME
    assert replace_in_pages(db_path, pages_of(db_path, "revisions")[5:7], b"2024-12-01T", b"\xff\xfe\xff\xfe-12-01T") > 0

    code, out, err = run("--data-dir", str(data_dir), "check")
    assert code == 1, err
    assert "nội dung không khớp mã băm" in out
    assert "khôi phục từ bản sao lưu" in out.lower()

    code, out, err = run("--data-dir", str(data_dir), "topics", "list")
    assert code == 0 and not err and out  # the read tables are whole; opening reads no revision

    code, _, err = run("--data-dir", str(data_dir), "bundle", "export", "-o", str(data_dir / "all.lbb"))
    assert code == 1 and "Tệp dữ liệu bị hỏng" in err and "Could not decode" in err
    assert "Lỗi không mong đợi" not in err and "Traceback" not in err


def test_a_file_that_is_not_a_database_is_reported_by_check(data_dir):
    (data_dir / DB_NAME).write_bytes(b"This is not a database. " * 400)
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_NAME + suffix)).unlink(missing_ok=True)
    code, report = check_json(data_dir)
    assert code == 1 and "không mở được cơ sở dữ liệu" in report["problems"][0]


def scramble_search_index(data_dir: Path) -> None:
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        conn.execute("UPDATE search_index_data SET block = zeroblob(length(block)) WHERE id > 10 AND id % 3 = 0")


def test_a_damaged_search_index_is_found_and_rebuilt(data_dir):
    """Before: `check` said "Dữ liệu toàn vẹn" and searches silently missed results."""
    code, report = check_json(data_dir)
    assert code == 0 and report["search_index_ok"]
    scramble_search_index(data_dir)

    code, out, _ = run("--data-dir", str(data_dir), "check")
    assert code == 1
    assert "chỉ mục tìm kiếm search_index bị hỏng" in out
    assert "--rebuild-search-index" in out  # the advice names the repair, not a restore

    code, report = check_json(data_dir, "--rebuild-search-index")
    assert code == 0 and report["ok"] and report["search_index_ok"] and report["reindexed"] > 1000
    code, out, _ = run("--data-dir", str(data_dir), "search", "nghiệp vụ quản lý đảng viên", "--json")
    assert code == 0 and any(hit["kind"] == "topic" for hit in json.loads(out))


def test_records_missing_from_the_search_index_are_reported(data_dir):
    from lecturer_app.core.store.question_rows import INDEX_TABLES, indexed_texts

    with sqlite3.connect(data_dir / DB_NAME) as conn:  # the index is contentless: it forgets a row told its texts
        rows = conn.execute("SELECT q.row, r.body FROM question_rows q JOIN revisions r ON r.seq = q.rev_seq "
                            "LIMIT 3").fetchall()
        # The first question leaves the stem's index, the second the folded options', the third all four.
        for (row, body), columns in zip(rows, (["title"], ["body_f"], list(INDEX_TABLES)), strict=True):
            texts = dict(zip(INDEX_TABLES, indexed_texts(json.loads(body)), strict=True))
            for column in columns:
                name = INDEX_TABLES[column]
                conn.execute(f"INSERT INTO {name} ({name}, rowid, words) VALUES ('delete', ?, ?)",
                             [row, texts[column]])
    code, report = check_json(data_dir)
    assert code == 1 and not report["search_index_ok"]
    assert any("thiếu 3 bản ghi" in p for p in report["problems"])


def test_blob_files_no_record_uses_are_listed_but_not_damage(data_dir):
    from lecturer_app.core.model import Attachment
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data_dir)
    kept = workspace.blobs.put_bytes("Tệp còn được dùng".encode())
    once_used = workspace.blobs.put_bytes("Tệp của một tài liệu đã xóa".encode())
    orphan = workspace.blobs.put_bytes("Tệp của lần nhập bị ngắt".encode())
    workspace.store.save(Attachment(owner_id="x", sha256=kept, size=5, filename="a.txt"))
    deleted = Attachment(owner_id="x", sha256=once_used, size=5, filename="b.txt")
    workspace.store.save(deleted)
    workspace.store.delete(deleted.id)  # its history still names the blob: a restore needs it
    workspace.close()
    leftover = data_dir / "blobs" / orphan[:2] / ".incoming-abc123"
    leftover.write_bytes(b"half")

    code, report = check_json(data_dir)
    assert code == 0 and report["ok"]
    assert report["unused_blobs"] == [orphan]
    assert report["leftover_files"] == [str(leftover)]
    code, out, _ = run("--data-dir", str(data_dir), "check")
    assert orphan in out and "bị ngắt giữa chừng" in out


def test_the_search_index_is_rebuilt_with_the_definition_its_migrations_made(db):
    from lecturer_app.core.store import question_rows
    from lecturer_app.core.store.materialize import FTS_DEFINITION, SEARCH_INDEX

    for name, definition in ((SEARCH_INDEX, FTS_DEFINITION.format(name=SEARCH_INDEX)),
                             *((name, question_rows.FTS_DEFINITION.format(name=name))
                               for name in question_rows.INDEX_TABLES.values())):
        made = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]
        assert made == definition
