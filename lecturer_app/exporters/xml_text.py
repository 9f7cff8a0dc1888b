"""Escaping text for XML and reportlab's paragraph markup, without ``xml.sax.saxutils``.

``xml.sax.saxutils`` imports ``urllib.request`` and with it ``http.client``,
``email`` and ``ssl``: about a tenth of a second of CPU on a loaded machine,
paid by every process that writes an exam paper, for three ``replace`` calls.
"""

from __future__ import annotations


def escape(value: str) -> str:
    """*value* with ``&``, ``<`` and ``>`` escaped, as ``xml.sax.saxutils.escape`` does."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(value: str) -> str:
    """*value* escaped and quoted for an XML attribute, as ``xml.sax.saxutils.quoteattr`` does."""
    data = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))
