"""A JSON file handed to the app (exam.json, a «đã có» want file, a certificate) that is not plain JSON is refused
with a message naming it, never an unexpected error.  Each case is a mutant the input fuzzer found
(tests/support/input_fuzz.py), made here from a valid want file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.json_reading import read_json_file
from lecturer_app.sync.want import read_want

WANT = {"kind": "want", "version": 1, "replica": "máy-b", "held": {"máy-a": [[1, 40]]}, "merges": [],
        "missing_blobs": []}


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "đã có.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "says"), [
    ("[" * 100_000 + json.dumps(WANT) + "]" * 100_000, "lồng nhau quá sâu"),  # a RecursionError before
    (json.dumps(WANT).replace("40", "4" * 5000), "có số dài 5000 chữ số"),  # int()'s digit limit before
    (json.dumps(WANT).replace("40", "NaN"), "NaN"),
    (json.dumps(WANT).replace("40", "Infinity"), "Infinity"),
    (json.dumps(WANT, indent=1).replace('"held"', "held"), "dòng 5, cột 2"),
])
def test_a_want_file_that_is_no_plain_json_is_refused_naming_it(tmp_path, text, says):
    path = _file(tmp_path, text)
    with pytest.raises(InputFileError) as refused:
        read_want(path)
    assert refused.value.path == path and says in str(refused.value)


def test_the_same_want_file_written_plainly_is_read(tmp_path):
    assert read_want(_file(tmp_path, json.dumps(WANT))).has("máy-a", 40, "")


def test_a_json_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = _file(tmp_path, json.dumps([WANT] * 100))
    with pytest.raises(InputFileError, match="tệp quá lớn"):
        read_json_file(path, max_bytes=1000)


def test_a_json_file_that_is_no_utf8_says_where(tmp_path):
    path = tmp_path / "exam.json"
    path.write_bytes(json.dumps({"title": "Đề"}).encode("utf-16"))
    with pytest.raises(InputFileError, match="byte 0.*UTF-8"):
        read_json_file(path)
