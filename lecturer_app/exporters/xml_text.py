"""Escaping text for XML and reportlab's paragraph markup, without ``xml.sax.saxutils``.

``xml.sax.saxutils`` imports ``urllib.request`` and with it ``http.client``,
``email`` and ``ssl``: about a tenth of a second of CPU on a loaded machine,
paid by every process that writes an exam paper, for three ``replace`` calls.
"""

from __future__ import annotations


def escape(value: str) -> str:
    """*value* with ``&``, ``<`` and ``>`` escaped, as ``xml.sax.saxutils.escape`` does."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
