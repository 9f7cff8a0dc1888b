"""What a sync or a bundle import refused, each item told where the lecturer sees it (not in a tooltip).

The reports (``sync_now``'s ``rejected`` and ``refused_certificates``, an ImportReport's ``rejected``) become
one ``Problem`` per item: *where* names what was refused — a certificate, or a revision by its kind and title
and the device that signed it — and *reason* says why and what to do.  ``RefusalsDialog`` lists them,
selectable and with «Sao chép danh sách», from «Chi tiết…» beside the status (server) or in the import's
summary (USB bundle).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from lecturer_app.core.errors import Problem
from lecturer_app.i18n import _, ngettext
from lecturer_app.ui.sync.conflict_view import type_name
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

# Items drawn in the dialog; «Sao chép danh sách» copies them all (a bundle may refuse thousands).
SHOWN_ITEMS = 300
FINGERPRINT_CHARS = 16  # enough to tell devices apart when read out over the phone; a certificate's item has it whole


def server_refusals(report: dict[str, Any]) -> list[Problem]:
    """The certificates a server sync could not use, then each revision it refused (pulled or pushed)."""
    told = report.get("refused_certificates") or []
    numbers = {item["signer"]: number for number, item in enumerate(told, start=1)}  # their place in the list
    problems = [_certificate(item) for item in told]
    for item in report.get("rejected") or []:
        if not item.get("rev_id"):  # the server's snapshot, refused on a first sync (http_client._from_snapshot)
            problems.append(_snapshot(item))
        elif not item.get("type"):  # our own revision, refused by the server when pushed (it names only the id)
            problems.append(_pushed(item))
        elif item.get("signer") in numbers:  # its reason repeats the certificate's sentence: point to it instead
            reason = _("chứng chỉ của thiết bị ký không dùng được (mục {n})").format(n=numbers[item["signer"]])
            advice = _("Khi chứng chỉ được cấp lại, đăng nhập lại để nhận phiên bản này.")
            problems.append(_revision({**item, "reason": reason}, advice))
        else:
            problems.append(_revision(item, _("Phiên bản này vẫn ở máy chủ, máy này giữ bản của mình. Hãy sao "
                                              "chép danh sách này gửi quản trị viên máy chủ.")))
    return problems


def bundle_refusals(report: Any) -> list[Problem]:
    """Each revision a bundle import refused (an ImportReport's ``rejected``)."""
    advice = _("Máy này không nhận phiên bản này và giữ bản của mình. Hãy báo người gửi gói (gửi kèm danh "
               "sách này) để họ kiểm tra máy của họ hoặc xin cấp lại chứng chỉ, rồi xuất gói mới.")
    return [_revision(item, advice) for item in report.rejected]


def _certificate(item: dict[str, Any]) -> Problem:
    where = _("Chứng chỉ {serial} của thiết bị {signer}").format(serial=item["serial"], signer=item["signer"])
    count = item["revisions"]
    reason = ngettext("{problem}. {n} phiên bản do thiết bị này ký không được nhận, phần còn lại đã nhận. Hãy "
                      "báo quản trị viên máy chủ cấp lại chứng chỉ cho thiết bị đó, rồi đăng nhập lại để nhận "
                      "các phiên bản này.", count)
    return Problem("", where, reason.format(problem=_capitalised(item["problem"]), n=count))


def _revision(item: dict[str, Any], advice: str) -> Problem:
    title = item.get("title") or _("(không tên, mã bản ghi {id})").format(id=str(item.get("record_id", ""))[:12])
    signer = item.get("signer")
    who = (_("chữ ký ghi thiết bị {signer}").format(signer=signer[:FINGERPRINT_CHARS]) if signer
           else _("không có chữ ký"))
    where = _("{kind} «{title}», {who}").format(kind=type_name(str(item["type"])), title=title, who=who)
    return Problem("", where, f"{_capitalised(str(item.get('reason', '')))}. {advice}")


def _pushed(item: dict[str, Any]) -> Problem:
    where = _("Phiên bản {rev} của máy này, gửi lên máy chủ").format(rev=str(item.get("rev_id", ""))[:12])
    reason = _capitalised(str(item.get("reason") or item.get("status", "")))
    return Problem("", where, reason + ". " + _("Máy chủ không nhận phiên bản này; bản trên máy này vẫn còn. Hãy "
                                               "sao chép danh sách này gửi quản trị viên máy chủ."))


def _snapshot(item: dict[str, Any]) -> Problem:
    reason = _capitalised(str(item.get("reason", "")).removeprefix("snapshot: "))
    return Problem("", _("Bản chụp dữ liệu của máy chủ"), reason + ". " + _(
        "Máy này không dùng bản chụp mà nhận dữ liệu từng phần từ máy chủ như thường; không mất gì."))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def refusals_text(heading: str, problems: list[Problem]) -> str:
    """The whole list as plain text, for the clipboard (an e-mail to the administrator)."""
    return "\n\n".join([heading] + [f"{number}. {problem.where}\n{problem.reason}"
                                    for number, problem in enumerate(problems, start=1)])


class RefusalsDialog(QDialog):
    """Lists *problems* (what was refused, who signed it, why, what to do); the text selectable and copyable."""

    def __init__(self, heading: str, problems: list[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading, self.problems = heading, problems
        self.setWindowTitle(_("Phiên bản bị từ chối"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(720, 460)
        self.summary = QLabel(heading)
        self.summary.setWordWrap(True)
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("Danh sách bị từ chối"))
        self.details.setHtml(_items_html(problems))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(self.buttons)
        self.copy_button = self.buttons.addButton(_("Sao chép danh sách"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_list)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

    def copy_list(self) -> None:
        QGuiApplication.clipboard().setText(refusals_text(self.heading, self.problems))


def _items_html(problems: list[Problem]) -> str:
    items = [f"<li style='margin-bottom:8px'><b>{escape(problem.where)}</b><br>{escape(problem.reason)}</li>"
             for problem in problems[:SHOWN_ITEMS]]
    more = ""
    if len(problems) > SHOWN_ITEMS:
        more = "<p>" + escape(_("… và {n} mục khác (có trong bản sao chép).").format(
            n=len(problems) - SHOWN_ITEMS)) + "</p>"
    return "<ol style='margin-left:0'>" + "".join(items) + "</ol>" + more


def server_heading(problems: list[Problem], url: str) -> str:
    """The sentence over a server sync's list: how many items, which server."""
    return ngettext("{n} mục bị từ chối khi đồng bộ với máy chủ {url}; phần còn lại đã đồng bộ.",
                    len(problems)).format(n=len(problems), url=url)


def bundle_heading(problems: list[Problem], name: str) -> str:
    """The sentence over a bundle import's list: how many revisions, which bundle."""
    return ngettext("{n} phiên bản bị từ chối khi nhập gói {name}; phần còn lại đã nhập.",
                    len(problems)).format(n=len(problems), name=name)
