"""The shipped bank's ``bank.toml``: its id and version, and the TOML reading the bank importer shares.

Kept apart from ``shipped_import`` because every start asks whether the app
ships a bank version the data folder has not imported yet; that question must
not load the importer (its model, outline and slide parsers) before the
window's first paint.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.store.ids import is_uuid
from lecturer_app.core.text.normalize import nfc_deep
from lecturer_app.i18n import _

# A topic code, in a bank's catalog.toml and in a province's catalogue import alike: it names a folder too.
TOPIC_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
# A topic's periods, year and lesson number, in both too: four digits at most; a bigger one is a typing
# slip or a damaged file (and a number past 2^63 does not even fit SQLite's integer).
MAX_NUMBER = 9999
# bank.toml's name, version and author go into the summary of every revision the bank makes.
MAX_INFO_CHARS = 200
# Any text of a bank's TOML files: a question's guide or a slide's notes are a few thousand characters.
MAX_TOML_TEXT = 50_000


@dataclass
class BankInfo:
    """What a lesson bank's bank.toml says about it."""

    id: str
    name: str
    version: str
    published: str
    author: str
    sample: bool
    note: str


def load_toml(path: Path) -> dict[str, Any]:
    """The TOML file *path*, NFC; an ``InputFileError`` naming the file when it is missing or malformed."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise InputFileError(path, "", _("không tìm thấy tệp")) from exc
    except UnicodeDecodeError as exc:
        raise InputFileError(path, _("byte {n}").format(n=exc.start), _("tệp không phải UTF-8")) from exc
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError, a number too long to convert, deep nesting
        raise InputFileError(path, "", _("sai cú pháp TOML: {exc}").format(exc=exc)) from exc
    _check_values(data, path, "")
    return nfc_deep(data)


def _check_values(value: Any, path: Path, where: str) -> None:
    """Refuse what TOML allows and a bank never holds: ``inf``/``nan`` (no revision can hash them as JSON)
    and a text over ``MAX_TOML_TEXT`` (copied into several records, a 5 MB title exhausted memory)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_values(item, path, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_values(item, path, f"{where}[{index + 1}]")
    elif isinstance(value, float) and not math.isfinite(value):
        raise InputFileError(path, where, _("'{v}' không phải số hợp lệ").format(v=value))
    elif isinstance(value, str) and len(value) > MAX_TOML_TEXT:
        raise InputFileError(path, where, _("dài quá {n} ký tự").format(n=MAX_TOML_TEXT))


def require(entry: dict[str, Any], key: str, path: Path, where: str) -> Any:
    """``entry[key]``; an ``InputFileError`` naming the file and *where* when it is missing or empty."""
    if key not in entry or entry[key] in ("", None):
        raise InputFileError(path, where, _("thiếu trường bắt buộc '{key}'").format(key=key))
    return entry[key]


def read_bank_info(folder: Path) -> BankInfo:
    path = folder / "bank.toml"
    data = load_toml(path)
    bank_id = str(require(data, "id", path, ""))
    if not is_uuid(bank_id):
        raise InputFileError(path, "id", _("'{bank_id}' không phải UUID").format(bank_id=bank_id))
    published = str(require(data, "published", path, ""))
    try:
        datetime.fromisoformat(published.replace("Z", "+00:00"))  # it stamps every revision of the bank
    except ValueError as exc:
        raise InputFileError(path, "published", _("'{value}' không phải ngày giờ ISO").format(
            value=published[:40])) from exc
    for key in ("name", "version", "author"):
        if len(str(data.get(key, ""))) > MAX_INFO_CHARS:
            raise InputFileError(path, key, _("dài quá {n} ký tự").format(n=MAX_INFO_CHARS))
    return BankInfo(
        id=bank_id, name=str(data.get("name", "")), version=str(require(data, "version", path, "")),
        published=published, author=str(require(data, "author", path, "")),
        sample=bool(data.get("sample", False)), note=str(data.get("note", "")),
    )
