"""A bank folder (the shipped one, or a province's own) with a damaged file is refused naming the file and the entry.

Each case is a mutant the input fuzzer found (tests/support/input_fuzz.py), made here from the mini bank:
before, each was "Lỗi không mong đợi" (a KeyError, an AttributeError, int()'s digit limit, a bad date, a
file name too long), and a topic code of "../" would have read a folder outside the bank.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.core.bank.shipped_import import import_bank, shipped_revisions
from lecturer_app.core.errors import InputFileError


def _damage(bank: Path, name: str, old: str, new: str) -> Path:
    path = bank / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "old", "new", "where"), [
    ("topics/AB-01/questions.toml", '{ text = "1925" }', '{ txt = "1925" }', "questions[1]"),
    ("topics/AB-01/slides.toml", 'notes = "Giới thiệu kết cấu."', "notes = 5", "slides[2]"),
    ("bank.toml", '"2024-12-01T00:00:00Z"', '"2024-12-01T00:00:00ZAAAA"', "published"),
    ("catalog.toml", 'code = "AB-02"', 'code = "' + "AB-02" * 1000 + '"', "topics[2]"),
    ("catalog.toml", 'code = "AB-02"', 'code = "../../AB-01"', "topics[2]"),
    ("catalog.toml", "periods = 4", "periods = [4]", "topics[2]"),
    ("catalog.toml", "periods = 4", "periods = 99999999999999999999", "topics[2]"),  # past SQLite's integer
    ("catalog.toml", "number = 1", "number = -1", "topics[1]"),
    ("bank.toml", 'author = "Ban biên soạn"', 'author = "' + "A" * 100_000 + '"', "author"),  # in every summary
    ("catalog.toml", 'title = "Học tập nghị quyết Đại hội"', 'title = "' + "A" * 100_000 + '"', "topics[2].title"),
    ("topics/AB-01/questions.toml", 'stem = "Đảng ra đời năm nào?"', 'stem = "?"\npoints = inf',
     "questions[1].points"),  # no revision can hash it as JSON
    ("topics/AB-01/questions.toml", 'stem = "Đảng ra đời năm nào?"', 'stem = "?"\npoints = 1e999',
     "questions[1].points"),
    ("catalog.toml", "periods = 4", "periods = " + "4" * 5000, ""),  # int()'s digit limit, inside tomllib
])
def test_a_damaged_bank_file_is_refused_naming_the_file_and_the_entry(mini_bank, name, old, new, where):
    path = _damage(mini_bank, name, old, new)
    with pytest.raises(InputFileError) as refused:
        shipped_revisions(mini_bank)
    assert refused.value.path == path and refused.value.where == where


def test_a_refused_bank_writes_nothing(mini_bank, store):
    _damage(mini_bank, "topics/AB-01/questions.toml", '{ text = "1925" }', '{ txt = "1925" }')
    with pytest.raises(InputFileError):
        import_bank(store, mini_bank)
    assert store.db.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0
