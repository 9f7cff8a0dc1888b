"""How the refused-items list names what the engine reports without a record: a refused snapshot, our own push.

The reports are as ``sync_now`` writes them (http_client.py: a snapshot refused on a first sync; the server's
answer to a pushed revision, which names only the revision).
"""

from __future__ import annotations

from lecturer_app.ui.sync.refusals import server_refusals


def _report(*rejected: dict[str, str]) -> dict[str, object]:
    return {"pulled": 0, "pushed": 0, "blobs_in": 0, "blobs_out": 0, "conflicts": 0, "rejected": list(rejected),
            "refused_certificates": []}


def test_a_refused_snapshot_is_named_as_the_snapshot_and_says_nothing_is_lost():
    [problem] = server_refusals(_report({"rev_id": "", "status": "invalid",
                                         "reason": "snapshot: tệp không khớp mã băm"}))
    assert problem.where == "Bản chụp dữ liệu của máy chủ"
    assert problem.reason.startswith("Tệp không khớp mã băm. Máy này không dùng bản chụp")
    assert problem.reason.endswith("không mất gì.")


def test_our_revision_refused_by_the_server_is_named_as_ours_with_what_to_do():
    [problem] = server_refusals(_report({"rev_id": "0123456789abcdef", "status": "forbidden",
                                         "reason": "ngoài phạm vi của tài khoản"}))
    assert problem.where == "Phiên bản 0123456789ab của máy này, gửi lên máy chủ"
    assert problem.reason.startswith("Ngoài phạm vi của tài khoản. Máy chủ không nhận phiên bản này")
