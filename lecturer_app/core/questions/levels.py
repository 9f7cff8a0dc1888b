"""The configurable list of question levels (mức độ nhận thức).

The default is the long-standing Nhận biết / Thông hiểu / Vận dụng / Vận dụng
cao; a centre following CV 7991 may use three levels instead.  The list lives
in the user's settings (``Settings.extra["question_levels"]``) so it travels
with the data folder; importers and checks are given the list, never read it
themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from lecturer_app.core.model import DEFAULT_LEVELS
from lecturer_app.core.settings import Settings
from lecturer_app.core.text.normalize import fold, nfc
from lecturer_app.i18n import N_, _

SETTINGS_KEY = "question_levels"

# Short forms teachers write in spreadsheets and Moodle tags, by folded text.
_ABBREVIATIONS = {
    "nb": "Nhận biết", "th": "Thông hiểu", "vd": "Vận dụng", "vdc": "Vận dụng cao",
    "biet": "Nhận biết", "hieu": "Thông hiểu", "van dung thap": "Vận dụng",
    "1": "Nhận biết", "2": "Thông hiểu", "3": "Vận dụng", "4": "Vận dụng cao",
}


def levels(settings: Settings | None) -> tuple[str, ...]:
    """The level list in force: the user's own, or the default four."""
    if settings is None:
        return DEFAULT_LEVELS
    stored = settings.extra.get(SETTINGS_KEY)
    if isinstance(stored, list) and stored and all(isinstance(v, str) and v.strip() for v in stored):
        return tuple(nfc(v.strip()) for v in stored)
    return DEFAULT_LEVELS


# The default names, marked for the translators: the stored value stays Vietnamese, the label follows the UI.
DEFAULT_LEVEL_LABELS = (N_("Nhận biết"), N_("Thông hiểu"), N_("Vận dụng"), N_("Vận dụng cao"))


def level_label(level: str) -> str:
    """*level* as the UI language says it; a centre's own level names are shown as written."""
    return _(level) if level in DEFAULT_LEVELS else level


def set_levels(settings: Settings, names: Sequence[str]) -> None:
    """Replace the level list (blank and repeated names are dropped)."""
    cleaned: list[str] = []
    for name in names:
        name = nfc(name.strip())
        if name and fold(name) not in {fold(c) for c in cleaned}:
            cleaned.append(name)
    settings.extra[SETTINGS_KEY] = cleaned


def match_level(text: str, allowed: Sequence[str] = DEFAULT_LEVELS) -> str | None:
    """The level named by *text* (any case or accents, or NB/TH/VD/VDC), or None."""
    # Importers ask this once per row with few distinct values: cache by value.
    return _match_level(text, tuple(allowed))


@lru_cache(maxsize=512)
def _match_level(text: str, allowed: tuple[str, ...]) -> str | None:
    key = " ".join(fold(text).replace("_", " ").replace("-", " ").split())
    if not key:
        return None
    for name in allowed:
        if fold(name) == key:
            return name
    long_form = _ABBREVIATIONS.get(key)
    if long_form is not None:
        for name in allowed:
            if fold(name) == fold(long_form):
                return name
    return None
