"""Translation: ``_`` for strings shown to users, ``N_`` to mark constants.

Source strings are written in Vietnamese, the default UI language.  The entry
point calls :func:`setup` with the language and the catalogue folder that
``core.resources`` finds; nothing here looks for files by itself (R11).

One Vietnamese word can need two English ones: «Câu hỏi» is "Questions" on a
topic's tab but "Question" over the column of stems.  Such a use names its
context, as gettext's ``msgctxt`` does: :func:`pgettext` translates at once,
:func:`NC_` marks a constant.  A message in a context is looked up under
gettext's own key, ``context + "\\x04" + message`` (what ``po.read_po`` stores
for an entry with ``msgctxt``), and untranslated it reads as the plain message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lecturer_app.i18n.po import PLURAL_SEPARATOR, read_po

SOURCE_LANGUAGE = "vi"
# gettext joins msgctxt and msgid with EOT; no text shown to users contains it.
CONTEXT_SEPARATOR = "\x04"
# The decimal mark of each UI language that does not write the Vietnamese comma.
DECIMAL_POINT_LANGUAGES = frozenset({"en"})


class _Catalog:
    """The active translation table (empty = Vietnamese source strings)."""

    def __init__(self) -> None:
        self.language = SOURCE_LANGUAGE
        self.table: dict[str, str] = {}
        # msgid → its forms, from the catalogue's plural entries (msgid_plural is the same Vietnamese text).
        self.plurals: dict[str, tuple[str, ...]] = {}


_active = _Catalog()


def setup(language: str, catalog_dir: Path | None) -> None:
    """Activate *language*, reading every ``<catalog_dir>/<language>/*.po``."""
    table: dict[str, str] = {}
    if language != SOURCE_LANGUAGE and catalog_dir is not None:
        for po in sorted((catalog_dir / language).glob("*.po")):
            table.update(read_po(po))
    _active.language = language
    _active.table = {key: text for key, text in table.items() if PLURAL_SEPARATOR not in key}
    _active.plurals = {key.partition(PLURAL_SEPARATOR)[0]: tuple(text.split(PLURAL_SEPARATOR))
                       for key, text in table.items() if PLURAL_SEPARATOR in key}


def current_language() -> str:
    return _active.language


def _(message: str) -> str:
    """Translate *message* (plain, or marked with :func:`NC_`) into the active language."""
    translated = _active.table.get(message, message)
    # Only an untranslated message in a context (always so in Vietnamese) holds the separator:
    # it reads as the message alone.
    if CONTEXT_SEPARATOR in translated:
        return translated.partition(CONTEXT_SEPARATOR)[2]
    return translated


def pgettext(context: str, message: str) -> str:
    """Translate *message* as used in *context* (the catalogue's ``msgctxt``).

    Falls back to the untranslated *message*, as gettext's ``pgettext`` does:
    the English catalogue is checked to hold every message in its context
    (tests/test_translations.py), so a missing entry shows the Vietnamese
    source rather than a translation meant for another use.
    """
    return _(NC_(context, message))


def ngettext(message: str, count: float) -> str:
    """Translate *message*, which shows *count* of something, in the form *count* needs.

    Vietnamese has one form, so unlike gettext's ``ngettext`` the source is
    one message (the catalogue's msgid and msgid_plural); untranslated it is
    returned as is.  The form is chosen by gettext's default rule, the
    English one (``n != 1``); a catalogue with fewer forms uses its last.
    """
    forms = _active.plurals.get(message)
    if forms is None:
        return message
    return forms[min(int(count != 1), len(forms) - 1)]


def written_forms(message: str) -> frozenset[str]:
    """Every text *message* can be written as: the Vietnamese source and, in the active
    language, its translation and each of its plural forms.

    For recognising a text the app wrote earlier (a finding of ``check``), whichever form it took.
    """
    translated = _active.table.get(message, message).partition(CONTEXT_SEPARATOR)
    return frozenset({message, translated[2] or translated[0], *_active.plurals.get(message, ())})


def ui_number(text: str) -> str:
    """*text*, one number written with the decimal comma (as ``decimal_comma`` and
    ``format_points`` write it), with the decimal mark of the UI language: "0,25" → "0.25" in English.

    For numbers shown in the UI (screens, messages, the CLI); never for a
    Vietnamese document, which keeps the comma.  The numbers these functions
    write have no thousands separator, so the only comma is the decimal one.
    """
    if _active.language in DECIMAL_POINT_LANGUAGES:
        return text.replace(",", ".")
    return text


def N_(message: str) -> str:
    """Mark *message* for translation where it is used, not where it is defined."""
    return message


def NP_(message: str) -> str:
    """Mark *message*, shown with a count, for translation where the count is known (``ngettext``,
    or a :class:`Message` given the count)."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark *message* in *context* for translation where it is used: ``_()`` of the result translates it.

    The result is the catalogue key (context, EOT, message), so a table of
    labels can hold plain and context-bound messages alike; always pass it
    through ``_()`` before showing it.
    """
    return f"{context}{CONTEXT_SEPARATOR}{message}"


@dataclass(frozen=True)
class Translator:
    """Words a text for one reader: the screen (the UI language) or a written document (Vietnamese).

    Documents the app writes (plans, decks, exam papers, keys, score sheets,
    handouts…) are Vietnamese documents of a Vietnamese bank whatever the UI
    language, and the source strings are Vietnamese, so the document's
    translation is the source itself.  An exporter writes its own labels as
    plain Vietnamese literals; a function that words one text for both a
    screen and a document takes a ``Translator`` (:data:`SCREEN` or
    :data:`DOCUMENT`) and marks its messages with :func:`N_`/:func:`NC_`.
    """

    document: bool = False

    def __call__(self, message: str) -> str:
        """*message* (plain or :func:`NC_`-marked) in this reader's language."""
        if self.document:
            return message.partition(CONTEXT_SEPARATOR)[2] or message
        return _(message)

    def number(self, text: str) -> str:
        """A decimal-comma number as this reader writes it (a document keeps the comma)."""
        return text if self.document else ui_number(text)

    def plural(self, message: str, count: float) -> str:
        """*message* showing *count* of something (:func:`ngettext`); Vietnamese has the one form."""
        return message if self.document else ngettext(message, count)


SCREEN = Translator()
DOCUMENT = Translator(document=True)


@dataclass(frozen=True, slots=True)
class Number:
    """A decimal-comma number inside a :class:`Message`: a screen writes it as ``ui_number`` does."""

    text: str


@dataclass(frozen=True, slots=True)  # slots: a messy answer file holds tens of thousands of these
class Message:
    """A text found before its reader is known (a scan doubt, a problem of an answer-file row): its
    :func:`N_`-marked message and parameters, worded only where it is shown or written.

    A reason read from a sheet or a file reaches both the screen and the files written from it (the
    scanned-answers file, the score sheet, the phúc khảo copy), so it is kept language-neutral and
    ``message(SCREEN)`` or ``message(DOCUMENT)`` words it at that boundary.  A parameter that is a
    ``Message`` is worded for the same reader, a :class:`Number` as the reader writes numbers; any other
    is formatted as it is.  *count* picks the plural form (:func:`ngettext`; mark such a message with
    :func:`NP_`); *literal* text is never translated (a file name, or the separator of :func:`joined`).
    """

    message: str
    params: tuple[tuple[str, object], ...] = ()
    count: int | None = None
    literal: bool = False

    @classmethod
    def of(cls, message: str, count: int | None = None, /, **params: object) -> Message:
        """*message* (marked with :func:`N_` or :func:`NC_` where it is written) with *params*."""
        return cls(message, tuple(params.items()), count)

    def __call__(self, tr: Translator) -> str:
        if self.literal:
            template = self.message
        else:
            template = tr(self.message) if self.count is None else tr.plural(self.message, self.count)
        if not self.params:
            return template
        # Inline, not a helper per parameter: a messy answer file words tens of thousands of these.
        return template.format_map({name: value(tr) if isinstance(value, Message)
                                    else tr.number(value.text) if isinstance(value, Number) else value
                                    for name, value in self.params})


def plain(text: str) -> Message:
    """*text* as it is for every reader (a file name, a row as its file wrote it)."""
    return Message("{text}", (("text", text),), literal=True)


def joined(separator: str, parts: list[Message] | tuple[Message, ...]) -> Message:
    """*parts* worded for one reader and joined by *separator* (not translated)."""
    escaped = separator.replace("{", "{{").replace("}", "}}")
    template = escaped.join(f"{{p{index}}}" for index in range(len(parts)))
    return Message(template, tuple((f"p{index}", part) for index, part in enumerate(parts)), literal=True)


NOWHERE = plain("")
