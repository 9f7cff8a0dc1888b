"""Marking a topic official from this device (docs/design/sync.md § "Official versions").

The core writes the mark (``core/bank/official.py``); here the device's own
certificate is checked first, so a lecturer's device refuses to mint a mark
that every server and importer would refuse anyway, and the mark is signed
at once.
"""

from __future__ import annotations

from lecturer_app.core.bank.official import mark_official
from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.store.revisions import Revision
from lecturer_app.core.store.scopes import OFFICIAL
from lecturer_app.i18n import _
from lecturer_app.sync.device import Device
from lecturer_app.sync.signing import sign_own_revisions
from lecturer_app.sync.trust import grants


class NotAnEditor(UserFacingError):
    """This device's certificate does not carry the province editor's scope."""


def can_mark_official(device: Device) -> bool:
    cert = device.trust.certificate()
    if not cert:
        return False
    return device.trust.certificate_problem(cert) is None and grants(cert.get("scopes", []), OFFICIAL)


def mark_as_editor(device: Device, topic_id: str, note: str = "") -> Revision | None:
    """Mark *topic_id* official and sign the mark; NotAnEditor unless this device is a province editor's."""
    if not can_mark_official(device):
        raise NotAnEditor(_("Chỉ thiết bị của biên tập viên tỉnh (chứng chỉ có quyền '{scope}') mới đánh dấu "
                            "được bản chính thức.").format(scope=OFFICIAL))
    mark = mark_official(device.store, topic_id, note)
    sign_own_revisions(device.store, device.key)
    return mark
