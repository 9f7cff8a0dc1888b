"""The certificates a page of changes carries for its signers, judged one by one (sync.md §3.8, §4 guarantee 8).

A page names under ``devices`` the certificate of each device that signed one of its revisions.  A certificate
the app cannot use — not of the shape it reads (answer_shapes.SIGNER_CERTIFICATE: an authority with a bug
signed a ``scopes`` that is a string, an ``not_after`` that is no time), made out to another device, not
signed by a trusted authority, revoked — concerns only the revisions that device signed.  They are refused,
each with a reason naming the certificate (its serial) and the signer, the user is told once per certificate
(``refused_certificates`` of the sync's report: what was wrong, how many revisions, what to do), and the
rest of the page is applied.  Refusing the whole page instead (session 14) stopped every pull that met it,
for every device of that scope, until the server was mended; before that, such a certificate was dropped
without a word and its revisions refused as signed by nobody.  The pull cursor moves past the refused
revisions as past any refused revision: they stay on the server, and logging in again (both marks afresh)
takes them once the certificate is mended.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from lecturer_app.i18n import _, ngettext
from lecturer_app.sync.answer_shapes import SIGNER_CERTIFICATE, problem_of
from lecturer_app.sync.trust_store import TrustStore

Signers = dict[str, tuple[str, list[str]]]  # fingerprint → (public key, scopes), as RevisionJudge takes them


class PageSigners:
    """The page's signers: ``trusted`` for RevisionJudge, ``refused`` (fingerprint → reason) for the rest."""

    def __init__(self, trust: TrustStore, devices: dict[str, Any]) -> None:
        self.trusted: Signers = {}
        self.refused: dict[str, str] = {}
        self.problems: dict[str, dict[str, str]] = {}  # fingerprint → {signer, serial, problem}
        for fingerprint, certificate in devices.items():
            problem = _problem(trust, fingerprint, certificate)
            if problem is None:
                self.trusted[fingerprint] = (str(certificate["public_key"]), list(certificate.get("scopes", [])))
                continue
            serial = _serial(certificate)
            self.problems[fingerprint] = {"signer": fingerprint, "serial": serial, "problem": problem}
            self.refused[fingerprint] = _("chứng chỉ {serial} của thiết bị ký {signer} không dùng được: "
                                          "{problem}").format(serial=serial, signer=fingerprint, problem=problem)

    def tell(self, told: list[dict[str, Any]], refused_sigs: list[dict[str, Any] | None]) -> None:
        """Add to *told* (a report's ``refused_certificates``) the revisions refused for each bad certificate.

        *refused_sigs*: the signatures of the page's refused revisions; one entry per certificate, counted
        across the pages of a sync.
        """
        counts = Counter(str(sig["signer"]) for sig in refused_sigs if sig and sig.get("signer") in self.problems)
        for fingerprint, count in sorted(counts.items()):
            entry = next((item for item in told if item["signer"] == fingerprint), None)
            if entry is None:
                told.append(entry := {**self.problems[fingerprint], "revisions": 0})
            entry["revisions"] += count


def _problem(trust: TrustStore, fingerprint: str, certificate: Any) -> str | None:
    """Why the page's certificate for *fingerprint* cannot be used; None when it can."""
    if (shape := problem_of(certificate, SIGNER_CERTIFICATE, "")) is not None:
        return _("không đúng dạng ({problem})").format(problem=shape)
    if certificate["subject"] != fingerprint:
        return _("cấp cho thiết bị khác ({subject})").format(subject=certificate["subject"][:64])
    return trust.certificate_problem(certificate)


def _serial(certificate: Any) -> str:
    serial = certificate.get("serial") if isinstance(certificate, dict) else None
    return serial[:40] if isinstance(serial, str) and serial else "?"


def refused_certificate_lines(told: list[dict[str, Any]]) -> list[str]:
    """What the user is told of each certificate whose signer's revisions a sync refused (its
    ``refused_certificates``; the CLI, the GUI's status): what was wrong, what was refused, what to do."""
    lines = []
    for item in told:
        count = item["revisions"]
        text = ngettext("Chứng chỉ {serial} của thiết bị {signer} không dùng được ({problem}): {n} phiên bản do "
                        "thiết bị này ký không được nhận, phần còn lại đã nhận. Hãy báo quản trị viên máy chủ cấp "
                        "lại chứng chỉ cho thiết bị đó, rồi đăng nhập lại để nhận các phiên bản này.", count)
        lines.append(text.format(serial=item["serial"], signer=item["signer"], problem=item["problem"], n=count))
    return lines
