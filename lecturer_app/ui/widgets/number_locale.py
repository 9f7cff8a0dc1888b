"""The QLocale a number box uses: the decimal mark of the UI language.

A spin box shows and reads numbers through its locale, which by default is
the system's; the app's numbers follow the UI language instead ("0,25" in
Vietnamese, "0.25" in English: i18n.ui_number, docs/design/gui.md "Numbers").
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from lecturer_app.i18n import DECIMAL_POINT_LANGUAGES, current_language


def number_locale() -> QLocale:
    """English (decimal point) for a UI language that writes one, else Vietnamese (decimal comma)."""
    if current_language() in DECIMAL_POINT_LANGUAGES:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    else:
        locale = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    # Points and weights are small numbers: no thousands separator, as i18n.ui_number writes them.
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale
