"""What the app uses of each answer of the sync server, declared once, and the check that an answer has it.

``server_answers.json_of`` checks the JSON *syntax*; a broken or hostile server can still answer well-formed
JSON whose fields are of the wrong type or shape (``next`` a string, ``revisions`` an object, a revision
without ``rev_id``, a count of -1 or 10^30, a certificate's scopes a number).  Read as it is, such an answer
failed with a Python error (a traceback, or a generic message), or was taken wrongly (a signed revocation list whose
``serials`` is one string revoked every serial that is part of it).  Each answer's shape is written below as
plain data: a Python type (``str``, ``bool``), an :class:`Int` with its sane range, a :class:`Text` with its
form, ``[shape]`` for a list, ``{"field": shape, "field?": shape}`` for an object (``?``: may be absent;
fields the app does not use are not looked at), :class:`MapOf`, :class:`OneOf`, :class:`Nullable`.  The
first field that does not fit is named in a :class:`ServerAnswerInvalid`, raised before anything of the
answer is kept.  No schema library (docs/dependencies.md): the shapes are small, and each is checked by
closures made once (:class:`Shape`); what that costs a pull is in docs/benchmarks.md (session 14, helper H).
Below the shapes: what a shape cannot say (a cursor that must move on, results that must name what was sent).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import httpx

from lecturer_app.i18n import N_, _
from lecturer_app.sync.server_answers import ServerAnswerInvalid, json_of
from lecturer_app.sync.trust import parse_iso

MAX_INT = (1 << 63) - 1  # what SQLite (and PostgreSQL's BIGINT) holds: a seq, a count, a time


@dataclass(frozen=True)
class Int:
    """A JSON integer (not a bool, not 1.0) from *lo* to *hi*."""

    lo: int = 0
    hi: int = MAX_INT


@dataclass(frozen=True)
class Text:
    """A string of the form *pattern* (a full match), worded *form* in the error."""

    pattern: str
    form: str


@dataclass(frozen=True)
class Moment:
    """A UTC time as the app writes it (trust.iso): ``2026-12-05T17:00:00Z``."""


@dataclass(frozen=True)
class MapOf:
    """An object whose every value has *shape* (its keys are strings, as in all JSON)."""

    shape: Any


@dataclass(frozen=True)
class OneOf:
    """One of these strings."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class Nullable:
    """``null`` or *shape*."""

    shape: Any


class Shape:
    """An answer's shape, declared as plain data (*spec*), with its check made once: a page of 1,000 revisions
    is checked by closures, without building a field's path unless it does not fit (then :func:`problem_of`
    walks it again to name the field)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    @cached_property
    def fits(self) -> Callable[[Any], bool]:
        """Whether a value has this shape (made on first use: the functions below come after the shapes)."""
        return _compiled(self.spec)


ANY_OBJECT: dict[str, Any] = {}  # an object, whatever its fields (a revision's body)
SHA256 = Text(r"[0-9a-f]{64}", N_("64 chữ số hex"))
TOKEN = Text(r"[!-~]{1,1024}", N_("1 đến 1024 ký tự ASCII in được"))  # it goes into a header, as it is

AUTHORITY = {"public_key": str, "fingerprint": str}
# A certificate of another device (a page's signers): what pulling reads of it (changes._signers, trust_store).
SIGNER_CERTIFICATE = {"subject": str, "public_key": str, "issuer?": str, "serial?": str, "scopes?": [str],
                      "not_before?": Moment(), "not_after?": Moment()}
# This device's own certificate (enrolment): every field is used, so every field must be there.
CERTIFICATE = {key.rstrip("?"): shape for key, shape in SIGNER_CERTIFICATE.items()}
REVISION = {"rev_id": str, "record_id": str, "type": str, "parents": [str], "generation": Int(), "body": ANY_OBJECT,
            "deleted": bool, "author": str, "device": str, "hlc": str, "summary?": str, "origin_replica?": str,
            "origin_seq?": Int(), "v?": Int()}

INFO_FIELDS = {"server_id": str, "epoch": str, "request_encodings?": [str]}
INFO = Shape(INFO_FIELDS)
INFO_AT_LOGIN = Shape({**INFO_FIELDS, "authority": AUTHORITY})
SESSION_FIELDS = {"token": TOKEN, "expires": Int()}
SESSION = Shape(SESSION_FIELDS)
LOGIN = Shape({**SESSION_FIELDS, "role": str})
ENROLMENT = Shape({"certificate": CERTIFICATE})
CRL = Shape({"issuer": str, "issued": Moment(), "serials": [str]})
MISSING = Shape({"missing": [str]})
PUSHED = Shape({"results": [{"rev_id": str, "status": OneOf(("ok", "exists", "forbidden", "invalid")),
                             "reason?": str}], "seqs?": [Int()]})
PAGE = Shape({"items": [{"rev": REVISION, "sig?": Nullable({"signer": str, "signature": str})}], "next": Int(),
              "more": bool, "devices?": MapOf(ANY_OBJECT)})  # each certificate judged alone: page_signers.py
ACK = Shape({"ok": bool})
CHALLENGE = Shape({"challenge": {"server_id": str}})
MANIFEST = Shape({"kind": str, "server_id": str, "epoch": str, "schema": Int(), "bank": [[str]],
                  "sha256": SHA256, "size": Int(), "seq": Int(), "revisions": Int()})

_KINDS = {str: N_("một chuỗi"), bool: N_("true hoặc false"), list: N_("một danh sách"), dict: N_("một đối tượng")}


def checked(answer: httpx.Response, shape: Shape, doing: str) -> dict[str, Any]:
    """The JSON object of the (read) *answer*, once it has *shape*; ServerAnswerInvalid naming the field if not."""
    value = json_of(answer, doing)
    require(answer, value, shape, doing)
    return value


def require(answer: httpx.Response, value: Any, shape: Shape, doing: str) -> None:
    """ServerAnswerInvalid when *value*, from *answer*, does not have *shape*."""
    if not shape.fits(value):
        raise ServerAnswerInvalid(answer.request, doing, problem_of(value, shape.spec, "") or "?")


def wrong_field(answer: httpx.Response, doing: str, field: str, why: str) -> ServerAnswerInvalid:
    """The error for *field*, of the right type but not what was asked (a cursor going back, an id not sent)."""
    return ServerAnswerInvalid(answer.request, doing, _("trường {field} {why}").format(field=field, why=why))


def problem_of(value: Any, shape: Any, where: str) -> str | None:
    """Why *value* (at the field path *where*) does not have *shape*; None when it has."""
    if isinstance(shape, dict):
        return _object_problem(value, shape, where)
    if isinstance(shape, list):
        if not isinstance(value, list):
            return _not_a(where, _(_KINDS[list]))
        return next((found for n, item in enumerate(value)
                     if (found := problem_of(item, shape[0], f"{where}[{n}]")) is not None), None)
    if isinstance(shape, MapOf):
        if not isinstance(value, dict):
            return _not_a(where, _(_KINDS[dict]))
        return next((found for key, item in value.items()
                     if (found := problem_of(item, shape.shape, f"{where}.{key[:40]}")) is not None), None)
    if isinstance(shape, Nullable):
        return None if value is None else problem_of(value, shape.shape, where)
    return _scalar_problem(value, shape, where)


def _object_problem(value: Any, shape: dict[str, Any], where: str) -> str | None:
    if not isinstance(value, dict):
        return _not_a(where, _(_KINDS[dict]))
    for key, field_shape in shape.items():
        name = key.rstrip("?")
        path = f"{where}.{name}" if where else name
        if name not in value:
            if key.endswith("?"):
                continue
            return _("thiếu trường {field}").format(field=path)
        found = problem_of(value[name], field_shape, path)
        if found is not None:
            return found
    return None


def _scalar_problem(value: Any, shape: Any, where: str) -> str | None:
    if isinstance(shape, Int):
        if not isinstance(value, int) or isinstance(value, bool):
            return _not_a(where, _("một số nguyên"))
        if not shape.lo <= value <= shape.hi:
            return _("trường {field} = {value} nằm ngoài khoảng {lo} đến {hi}").format(
                field=where, value=_shortened(str(value)), lo=shape.lo,
                hi="2^63-1" if shape.hi == MAX_INT else shape.hi)
        return None
    if shape is bool:
        return None if isinstance(value, bool) else _not_a(where, _(_KINDS[bool]))
    if not isinstance(value, str):  # str, Text, Moment, OneOf: a string first
        return _not_a(where, _(_KINDS[str]))
    return _text_problem(value, shape, where)


def _text_problem(value: str, shape: Any, where: str) -> str | None:
    if isinstance(shape, Text) and not re.fullmatch(shape.pattern, value):
        return _("trường {field} không đúng dạng ({form})").format(field=where, form=_(shape.form))
    if isinstance(shape, OneOf) and value not in shape.values:
        return _("trường {field} không phải một trong {values}").format(field=where, values=", ".join(shape.values))
    if isinstance(shape, Moment):
        try:
            parse_iso(value)
        except ValueError:
            return _("trường {field} không phải thời điểm dạng 2026-12-05T17:00:00Z").format(field=where)
    return None


def _compiled(spec: Any) -> Callable[[Any], bool]:
    """Whether a value fits *spec*, as one closure per level (no path built, no message: the fast path)."""
    if isinstance(spec, dict):
        return _object_fits(spec)
    if isinstance(spec, list):
        item = _compiled(spec[0])
        return lambda value: isinstance(value, list) and all(map(item, value))
    if isinstance(spec, MapOf):
        each = _compiled(spec.shape)
        return lambda value: isinstance(value, dict) and all(map(each, value.values()))
    if isinstance(spec, Nullable):
        inner = _compiled(spec.shape)
        return lambda value: value is None or inner(value)
    if isinstance(spec, Int):
        lo, hi = spec.lo, spec.hi
        return lambda value: type(value) is int and lo <= value <= hi  # not a bool (a subclass of int)
    if spec is str or spec is bool:
        return lambda value: type(value) is spec
    return lambda value: _scalar_problem(value, spec, "") is None  # Text, Moment, OneOf: few, and short


def _object_fits(spec: dict[str, Any]) -> Callable[[Any], bool]:
    texts = [key for key, shape in spec.items() if shape is str and key[-1] != "?"]  # most: inline, no call
    required = [(key, _compiled(shape)) for key, shape in spec.items() if shape is not str and key[-1] != "?"]
    optional = [(key[:-1], _compiled(shape)) for key, shape in spec.items() if key[-1] == "?"]

    def fits(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        try:
            if not all(type(value[key]) is str for key in texts) or not all(
                    check(value[key]) for key, check in required):
                return False
        except KeyError:
            return False
        return all(check(value[key]) for key, check in optional if key in value)

    return fits


def _shortened(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _not_a(where: str, kind: str) -> str:
    if not where:
        return _("câu trả lời không phải {kind}").format(kind=kind)
    return _("trường {field} không phải {kind}").format(field=where, kind=kind)


# What a shape cannot say: the answer against what was asked.  The same error, naming the field.

def page_after(answer: httpx.Response, cursor: int, doing: str) -> dict[str, Any]:
    """A page of changes after *cursor*, whole and moving forward (a cursor that stays while ``more`` says there
    is more would ask for the same page for ever; one going back would pull again what was pulled)."""
    page = checked(answer, PAGE, doing)
    if page["next"] < cursor or (page["more"] and page["next"] == cursor):
        raise wrong_field(answer, doing, "next", _("= {next} không đi tiếp từ {since}").format(
            next=page["next"], since=cursor))
    return page


def push_results(answer: httpx.Response, sent: list[str], doing: str, least: int = 0) -> dict[str, Any]:
    """The answer to a pushed batch: one result per revision *sent*, in order, and where the new rows went.

    The stretch ``[before, after]`` holds at least one row per revision stored (``ok``), none when nothing was;
    it may hold more (PostgreSQL's sequence leaves gaps where a push was rolled back: :func:`own_stretch`).
    It starts at or after *least*, the end of the stretch of a batch sent earlier in this sync: the feed's top
    only grows, and batches are sent one after the other.
    """
    answered = checked(answer, PUSHED, doing)
    if [result["rev_id"] for result in answered["results"]] != sent:
        raise wrong_field(answer, doing, "results", _("không khớp với các phiên bản đã gửi"))
    if "seqs" in answered and not _stretch_holds(answered["seqs"], stored_count(answered), least):
        raise wrong_field(answer, doing, "seqs", _("không phải [trước, sau] của các phiên bản vừa lưu"))
    return answered


def _stretch_holds(seqs: list[int], stored: int, least: int) -> bool:
    return len(seqs) == 2 and least <= seqs[0] <= seqs[1] and (seqs[0] < seqs[1]) == (stored > 0) \
        and seqs[1] - seqs[0] >= stored


def stored_count(answered: dict[str, Any]) -> int:
    """How many revisions of a pushed batch the server stored (answered ``ok``)."""
    return sum(result["status"] == "ok" for result in answered["results"])


def own_stretch(answered: dict[str, Any]) -> tuple[int, int] | None:
    """The stretch of the feed a checked push answer lets the pull skip, or None: nothing is skipped.

    Only a stretch with exactly one row per revision stored: the pull cursor then moves over no more rows than
    this batch put there (sync.md §3.9: no cursor ahead of what this replica holds).  A wider stretch (a gap in
    PostgreSQL's sequence) cannot say which of its rows are the batch's: its rows are pulled back as before the
    skip existed and found known (``store.log.known``), never applied twice.
    """
    seqs = answered.get("seqs")
    if seqs is None or seqs[1] - seqs[0] != stored_count(answered) or seqs[0] == seqs[1]:
        return None
    return seqs[0], seqs[1]


def acknowledged(answer: httpx.Response, doing: str) -> None:
    """The ack's answer: ``{"ok": true}``, the server's word that it kept the device's cursor."""
    if checked(answer, ACK, doing)["ok"] is not True:
        raise wrong_field(answer, doing, "ok", _("= false: máy chủ không ghi nhận"))


def lacking(answer: httpx.Response, asked: list[str], doing: str) -> set[str]:
    """The revisions the server says it lacks (``revs/missing``), each one of those *asked* about."""
    missing = set(checked(answer, MISSING, doing)["missing"])
    if not missing <= set(asked):
        raise wrong_field(answer, doing, "missing", _("có phiên bản không được hỏi"))
    return missing


def upload_offset(answer: httpx.Response, least: int, size: int, doing: str) -> int:
    """The ``Upload-Offset`` the server answered: digits, at least *least* (a PATCH must move it on, or the
    upload would send the same chunk for ever) and at most the file's *size*."""
    given = answer.headers.get("Upload-Offset", "")
    if not (given.isascii() and given.isdigit() and len(given) <= 19 and least <= int(given) <= size):
        raise wrong_field(answer, doing, "Upload-Offset", _("= «{given}», không phải số từ {least} đến {size}").format(
            given=given[:30], least=least, size=size))
    return int(given)
