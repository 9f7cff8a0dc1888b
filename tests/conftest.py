"""Shared fixtures: real in-memory databases and tmp_path files, no mocks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import fork_guard
from tests.support.child_processes import children

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
fork_guard.keep_libraries_single_threaded()  # before any test module imports numpy or cv2

REAL_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"


def pytest_configure(config: pytest.Config) -> None:
    fork_guard.register(config)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qapp" in getattr(item, "fixturenames", ()) or "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker("gui")


@pytest.fixture
def real_data() -> Path:
    """The shared folder of real public sample files; skips when it is absent."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"real sample files not present at {REAL_DATA}")
    return REAL_DATA


@pytest.fixture
def db():
    from lecturer_app.core.store.db import open_database

    database = open_database(None)
    yield database
    database.close()


@pytest.fixture
def store(db):
    from lecturer_app.core.store.record_store import Store

    return Store(db, author="Nguyễn Văn A")


@pytest.fixture
def mini_bank(tmp_path: Path) -> Path:
    """A small bank folder in the shipped format: 2 programs, 3 topics, one with content."""
    folder = tmp_path / "bank"
    (folder / "topics" / "AB-01").mkdir(parents=True)
    (folder / "bank.toml").write_text(
        'id = "0d7c2a34-6a8e-4f0e-9a51-0c9d2f1e7b11"\nname = "Ngân hàng thử"\nversion = "1"\n'
        'published = "2024-12-01T00:00:00Z"\nauthor = "Ban biên soạn"\nsample = true\n', encoding="utf-8")
    (folder / "catalog.toml").write_text('''
[[programs]]
code = "AB"
title = "Bồi dưỡng nhận thức về Đảng"
audience = "Quần chúng ưu tú"
  [[programs.modules]]
  code = "AB-A"
  title = "Phần chính"

[[programs]]
code = "CD"
title = "Chuyển đổi số"

[[topics]]
code = "AB-01"
title = "Khái quát lịch sử Đảng Cộng sản Việt Nam"
program = "AB"
module = "AB-A"
number = 1
periods = 5
also_in = ["CD"]

[[topics]]
code = "AB-02"
title = "Học tập nghị quyết Đại hội"
program = "AB"
periods = 4

[[topics]]
code = "CD-01"
title = "Chuyển đổi số trong công tác tư tưởng"
program = "CD"
periods = 6
''', encoding="utf-8")
    topic = folder / "topics" / "AB-01"
    (topic / "plan.md").write_text(
        '+++\nnguoi_soan = "Ban biên soạn"\n+++\n# I. MỤC TIÊU\nNắm được quá trình ra đời của Đảng.\n\n'
        '# B. NỘI DUNG BÀI GIẢNG\n## I. Đảng ra đời\nNgày 3/2/1930, Hội nghị thành lập Đảng.\n', encoding="utf-8")
    (topic / "slides.toml").write_text(
        'title = "Lịch sử Đảng"\n[[slides]]\nlayout = "title"\ntitle = "Khái quát lịch sử Đảng"\n'
        '[[slides]]\nlayout = "bullets"\ntitle = "Kết cấu bài giảng"\nbody = """\n- Đảng ra đời\n  - Hội nghị 1930\n"""\n'
        'notes = "Giới thiệu kết cấu."\n', encoding="utf-8")
    (topic / "questions.toml").write_text(
        '[[questions]]\ntype = "single_choice"\nlevel = "Nhận biết"\nstem = "Đảng ra đời năm nào?"\n'
        'options = [{ text = "1925" }, { text = "1930", correct = true }]\n', encoding="utf-8")
    return folder


@pytest.fixture
def mini_data_dir(tmp_path: Path, mini_bank: Path) -> Path:
    """A data folder past its first start holding the mini bank (not the shipped one), closed."""
    from lecturer_app.core.bank.shipped_import import import_bank
    from lecturer_app.core.workspace import open_workspace

    folder = tmp_path / "data"
    ws = open_workspace(folder, import_shipped_bank=False)
    import_bank(ws.store, mini_bank)
    ws.close()
    return folder


@pytest.fixture
def workspace(tmp_path: Path, mini_bank: Path):
    """A data folder with the mini bank imported (2 programs, 3 topics, AB-01 with content)."""
    from lecturer_app.core.bank.shipped_import import import_bank
    from lecturer_app.core.workspace import open_workspace

    ws = open_workspace(tmp_path / "data", import_shipped_bank=False)
    import_bank(ws.store, mini_bank)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def pixel_bomb() -> bytes:
    """A black 1-bit PNG of 30,000 × 30,000 pixels: 109 KB on disk, gigabytes once decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    width = height = 30_000
    row = b"\0" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.fixture(autouse=True)
def vietnamese_after_each_test():
    """A command run in-process with --lang en switches the process's language, as the CLI's entry
    point should; the next test starts in Vietnamese again."""
    yield
    from lecturer_app import i18n

    i18n.setup("vi", None)


@pytest.fixture
def single_threaded(request: pytest.FixtureRequest) -> None:
    """For a test of a forked path: this process may fork now (Linux, one thread), else the test skips,
    naming the test that left the other threads; on CI (or LECTURER_APP_STRICT_FORK=1) it fails instead."""
    fork_guard.require_single_thread(request.config)


@pytest.fixture
def no_child_left() -> Iterator[None]:
    """Fails the test if it leaves a child process behind (other tests' long-lived helpers do not count)."""
    before = children()
    yield
    assert children() <= before
