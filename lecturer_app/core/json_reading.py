"""Reading JSON that comes from outside the app's own code: a file a user hands it or edits, a backup's
manifest, a member of a bundle from another machine.

``json.loads`` refuses bad JSON with a ``JSONDecodeError``, but not every
hostile file is bad JSON: ``[[[[…`` a thousand deep raises RecursionError,
a number of 5,000 digits a plain ValueError (Python's limit on converting
long integers), ``NaN``, ``Infinity`` and ``1e999`` are taken as numbers, and
a file of hundreds of MB is read whole.  Each of those is refused here as an
``InputFileError`` naming the file (and the line and column where JSON says
where), so a reader checks only the shape of what it got.  It lives in core
because core reads such files too (settings.json, a backup's manifest.json);
the formats and features above import it from here.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError, os_error_reason
from lecturer_app.i18n import _

# Far above any file the app writes (an exam of 200 versions of 200 questions is about 12 MB), and small
# enough that its Python objects (about ten times the text) stay within the memory budget of a reader.
MAX_JSON_BYTES = 32 * 1024 * 1024
MAX_DIGITS = 4300  # Python's own limit on converting digits to an int (sys.get_int_max_str_digits())


def _no_constant(name: str) -> Any:
    raise ValueError(_("giá trị {name} không phải số hợp lệ").format(name=name))


def _whole_number(digits: str) -> int:
    """An integer of the file; one longer than Python converts is said in words, not in Python's."""
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError(_("có số dài {n} chữ số").format(n=len(digits.lstrip("-"))))
    return int(digits)


def _finite_number(text: str) -> float:
    """A fraction of the file; ``1e999`` would be read as infinity, which no value of the app can be."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(_("giá trị {name} không phải số hợp lệ").format(name=text[:40]))
    return value


# One decoder for every call: json.loads builds a new one whenever it is given a hook.
_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_int=_whole_number, parse_float=_finite_number)


def parse_json(text: str, path: Path | str, where: str = "") -> Any:
    """The JSON value in *text*, which came from *path* (*where* in it: a bundle's member); an
    ``InputFileError`` naming them when it is not plain JSON."""
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        place = _("dòng {line}, cột {column}").format(line=exc.lineno, column=exc.colno)
        raise InputFileError(path, ", ".join(p for p in (where, place) if p),
                             _("không phải tệp JSON hợp lệ ({error})").format(error=exc.msg)) from exc
    except RecursionError as exc:
        reason = _("không phải tệp JSON hợp lệ ({error})").format(error=_("lồng nhau quá sâu"))
        raise InputFileError(path, where, reason) from exc
    except ValueError as exc:  # a number too long or not finite, NaN or Infinity
        raise InputFileError(path, where, _("không phải tệp JSON hợp lệ ({error})").format(error=exc)) from exc


def read_json_file(path: Path, max_bytes: int = MAX_JSON_BYTES) -> Any:
    """The JSON value in *path*; an ``InputFileError`` naming it when it cannot be read as JSON."""
    path = Path(path)
    try:
        if path.stat().st_size > max_bytes:
            raise InputFileError(path, "", _("tệp quá lớn (tối đa {mb} MB)").format(mb=max_bytes >> 20))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputFileError(path, "", _("không tìm thấy tệp")) from exc
    except UnicodeDecodeError as exc:
        raise InputFileError(path, _("byte {n}").format(n=exc.start), _("tệp không phải UTF-8")) from exc
    except OSError as exc:  # a folder, no permission, a pulled USB stick: the one wording (core/errors.py)
        raise InputFileError(path, "", _("không đọc được tệp: {reason}").format(reason=os_error_reason(exc))) from exc
    return parse_json(text, path)
