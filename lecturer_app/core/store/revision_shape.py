"""The shape a revision from another machine must have before it is stored (sync.md §3.2).

A revision's id and its signature prove that a trusted device wrote it, not
that it is well formed: a trusted machine with a bug, or a key that was
stolen, can sign a body whose ``title`` is a list or a ``generation`` past
SQLite's integers.  Stored, such a revision failed the import half-way with
an unexpected error, or got in and broke every later read of its record.
So every revision that arrives (bundle import, HTTP pull, the server's
push) is checked here first and, when it does not fit, rejected with its
reason while the rest is taken (the fuzzer's ``bundle-content`` seed found
these; docs/design/hardening.md).

Checked: the revision's own fields (types, ranges, a stamp that parses, ids
that are short plain text with no path in them, parents that are revision
ids) and, for a record type this app knows, every field of the body it knows
by the type its model declares (``core/model.py``; an ``int`` is accepted
where a ``float`` is declared, and nested items are checked the same way).
Keys the model does not know are not judged: a newer app's fields travel
through an older one (sync.md §3.9).
"""

from __future__ import annotations

import dataclasses
import math
import re
import sys
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from lecturer_app.core.model import RECORD_CLASSES, Item
from lecturer_app.core.store.hlc import parse_stamp
from lecturer_app.core.store.revisions import Revision
from lecturer_app.i18n import _

MAX_ID = 200  # record ids are UUIDs (36 characters); a replica or device id is as short
MAX_INTEGER = 2**62  # below SQLite's 2**63, with room for the sums a counter goes through
_REV_ID = re.compile(r"[0-9a-f]{64}")
_SHA256 = _REV_ID
_TYPE = re.compile(r"[a-z][a-z_]{0,39}")
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z-\d{4,9}")
_UNSAFE_ID = re.compile(r"[/\\]|^\.|[\x00-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_AUTHOR = 1000  # a name with its unit, far past any real one; the settings dialog takes any length


def revision_problem(rev: Revision) -> str | None:
    """Why *rev* (from another machine) may not be stored, in the user's words; None when it fits."""
    problem = _fields_problem(rev) or _body_problem(rev)
    return None if problem is None else _("phiên bản sai dạng ({problem})").format(problem=problem)


def _fields_problem(rev: Revision) -> str | None:
    if not isinstance(rev.type, str) or not _TYPE.fullmatch(rev.type):
        return "type"
    for name in ("record_id", "device", "origin_replica"):
        value = getattr(rev, name)
        if not isinstance(value, str) or len(value) > MAX_ID or _UNSAFE_ID.search(value):
            return name
    # The author is a person's name as typed in Cài đặt («Nguyễn Văn A / Khoa Lý luận»): plain text, no path.
    if not isinstance(rev.author, str) or len(rev.author) > MAX_AUTHOR or _CONTROL.search(rev.author):
        return "author"
    if not rev.record_id:
        return "record_id"
    if not isinstance(rev.summary, str) or not isinstance(rev.deleted, bool):
        return "summary" if not isinstance(rev.summary, str) else "deleted"
    if not (1 <= rev.generation <= MAX_INTEGER) or not (0 <= rev.origin_seq <= MAX_INTEGER):
        return "generation" if not 1 <= rev.generation <= MAX_INTEGER else "origin_seq"
    if not all(isinstance(p, str) and _REV_ID.fullmatch(p) for p in rev.parents):
        return "parents"
    if not isinstance(rev.hlc, str) or not _STAMP.fullmatch(rev.hlc) or not _parses(rev.hlc):
        return "hlc"
    if not isinstance(rev.body, dict):
        return "body"
    return None


def _parses(stamp: str) -> bool:
    try:
        parse_stamp(stamp)
    except (ValueError, OverflowError):
        return False
    return True


def _body_problem(rev: Revision) -> str | None:
    """The first misfit of the body, found the slow way (with its place) only when the fast check fails."""
    model = RECORD_CLASSES.get(rev.type)
    if model is None or _fields_fit(model, rev.body):
        return None
    return _fields_misfit(model, rev.body, "body") or "body"


# The fast check: one compiled predicate per declared type, no places built (an import checks 56,641 bodies;
# the slow walk below, which names the place, cost 16 % of such an import's time).
Fits = Callable[[Any], bool]


def _fields_fit(model: type, data: dict[str, Any]) -> bool:
    checks = _checks(model)
    for key, value in data.items():
        check = checks.get(key)
        if check is not None and not check(value):
            return False
    return "sha256" not in checks or not data.get("sha256") or bool(_SHA256.fullmatch(str(data["sha256"])))


@cache
def _checks(model: type) -> dict[str, Fits]:
    return {name: _fits_of(hint) for name, hint in _hints(model).items()}


def _fits_of(hint: Any) -> Fits:  # noqa: C901 - one branch per kind of declared type, as _misfit
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return lambda value: True
    if origin in (typing.Union, types.UnionType):
        options = [_fits_of(arg) for arg in args]
        return lambda value: any(fits(value) for fits in options)
    if origin is list:
        item = _fits_of(args[0]) if args else (lambda value: True)
        return lambda value: type(value) is list and all(map(item, value))
    if origin is dict:
        entry = _fits_of(args[1]) if args else (lambda value: True)
        return lambda value: (type(value) is dict and all(type(key) is str for key in value)
                              and all(map(entry, value.values())))
    if isinstance(hint, type) and issubclass(hint, Item):
        return lambda value: type(value) is dict and _fields_fit(hint, value)
    return lambda value: _scalar_fits(value, hint)


def _fields_misfit(model: type, data: dict[str, Any], where: str) -> str | None:
    """The first known field of *data* whose value does not fit *model*'s declared type, as ``body.key``."""
    hints = _hints(model)
    for key, value in data.items():
        hint = hints.get(key)
        if hint is not None and (misfit := _misfit(value, hint, f"{where}.{key}")) is not None:
            return misfit
        if key == "sha256" and hint is not None and value and not _SHA256.fullmatch(value):
            return f"{where}.{key}"  # a blob's name: the blob store refuses (and `check` failed on) anything else
    return None


@cache
def _hints(model: type) -> dict[str, Any]:
    """Field name → declared type of a record or item class (``id`` and ``extra`` are not in a body).

    Each annotation is evaluated in its module alone: ``typing.get_type_hints`` also looks in the class,
    where a field named ``type`` (a question's) hides the builtin another annotation uses.
    """
    names = vars(sys.modules[model.__module__])
    return {f.name: eval(f.type, names) if isinstance(f.type, str) else f.type  # noqa: S307 - our own annotations
            for f in dataclasses.fields(model) if f.name not in ("id", "extra")}


def _misfit(value: Any, hint: Any, where: str) -> str | None:
    """*where* when *value* is not of type *hint* (or the place inside it that is not), else None."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return None
    if origin in (typing.Union, types.UnionType):
        misfits = [_misfit(value, arg, where) for arg in args]
        return None if None in misfits else misfits[-1]
    if origin is list:
        if not isinstance(value, list):
            return where
        return next((m for index, item in enumerate(value) if (m := _misfit(item, args[0], f"{where}[{index}]"))),
                    None) if args else None
    if origin is dict:
        if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
            return where
        return next((m for key, item in value.items() if (m := _misfit(item, args[1], f"{where}.{key}"))),
                    None) if args else None
    if isinstance(hint, type) and issubclass(hint, Item):
        return _fields_misfit(hint, value, where) if isinstance(value, dict) else where
    return None if _scalar_fits(value, hint) else where


def _scalar_fits(value: Any, hint: Any) -> bool:
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INTEGER
    if hint is float:
        return (isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INTEGER
                or isinstance(value, float) and math.isfinite(value))
    if hint is str:
        return isinstance(value, str)
    return True  # a type this check does not know: not judged
