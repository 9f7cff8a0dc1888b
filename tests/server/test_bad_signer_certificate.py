"""One signer's certificate the app cannot use refuses that signer's revisions, named, and the rest is pulled.

The server is real (127.0.0.1, SQLite or PostgreSQL).  C pushed an edit; then the certificate the server keeps
for C is replaced by one its own authority signed with a field the app cannot read (``scopes`` a string,
``not_after`` no time: an authority with a bug) or by one no authority signed.  Every page naming C carries
it.  B's pull takes A's edit and refuses C's, each refusal naming the certificate's serial and C's
fingerprint; ``sync now`` tells once per certificate what was refused and what to do, and exits 0.  With
the certificate mended on the server, logging in again (as the message says) brings C's edit, and the
machines agree.
"""

from __future__ import annotations

import json

import pytest

from lecturer_app.sync.trust import sign_document


def _fingerprint(peer) -> str:
    with peer.device() as (_workspace, device):
        return str(device.key.fingerprint)


def _server_certificate(server, fingerprint: str, certificate: dict | None = None) -> dict:
    """The certificate the server keeps for *fingerprint*; replaced by *certificate* when given."""
    with server.context.repo.transaction(write=True) as tx:
        kept = json.loads(tx.one("SELECT certificate FROM devices WHERE fingerprint = ?", [fingerprint])[0])
        if certificate is not None:
            tx.run("UPDATE devices SET certificate = ? WHERE fingerprint = ?", [json.dumps(certificate), fingerprint])
    return kept


def _signed_by_the_authority(server, certificate: dict, **fields: object) -> dict:
    return sign_document(server.context.authority.key, {**certificate, **fields})


BAD = {
    "scopes a string": (lambda server, cert: _signed_by_the_authority(server, cert, scopes="bank"),
                        "không đúng dạng (trường scopes không phải một danh sách)"),
    "not_after no time": (lambda server, cert: _signed_by_the_authority(server, cert, not_after="mãi mãi"),
                          "không đúng dạng (trường not_after không phải thời điểm dạng 2026-12-05T17:00:00Z)"),
    "signed by no authority": (lambda server, cert: {**cert, "scopes": [*cert["scopes"], "prov:exam:E"]},
                               "chứng chỉ không do cơ quan được tin cậy ký"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_signer_certificate_the_app_cannot_use_refuses_only_its_revisions_naming_it_and_says_what_to_do(
        server, logged_in_pair, make_peer, proxy, password, case):
    a, b = logged_in_pair
    c = make_peer("C")
    c.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    c.save_topics("CUA-C")
    pushed_by_c = c.json("sync", "now")["pushed"]
    a.save_topics("CUA-A")
    a.ok("sync", "now")
    signer = _fingerprint(c)
    make_bad, problem = BAD[case]
    good = _server_certificate(server, signer)
    _server_certificate(server, signer, make_bad(server, good))

    code, out, err = b.run("sync", "now")
    assert code == 0 and "Traceback" not in err, err
    says = f"Chứng chỉ {good['serial']} của thiết bị {signer} không dùng được ({problem}): {pushed_by_c} phiên bản"
    assert says in out and "đăng nhập lại" in out, out
    assert "CUA-A" in b.topic_codes() and "CUA-C" not in b.topic_codes()
    report = b.json("sync", "now")  # the refused revisions are behind the cursor: not refused again
    assert report["refused_certificates"] == [] and report["rejected"] == []
    b.ok("check")

    _server_certificate(server, signer, good)
    b.ok("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    b.ok("sync", "now")
    a.ok("sync", "now")
    assert "CUA-C" in b.topic_codes() and a.digest() == b.digest()


def test_each_refusal_names_the_certificate_and_the_signer_in_the_report(server, logged_in_pair, make_peer, password):
    a, b = logged_in_pair
    c = make_peer("C")
    c.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    c.save_topics("CUA-C")
    pushed_by_c = c.json("sync", "now")["pushed"]
    signer = _fingerprint(c)
    good = _server_certificate(server, signer)
    _server_certificate(server, signer, _signed_by_the_authority(server, good, scopes="bank"))
    report = b.json("sync", "now")
    problem = "không đúng dạng (trường scopes không phải một danh sách)"
    assert report["refused_certificates"] == [
        {"signer": signer, "serial": good["serial"], "problem": problem, "revisions": pushed_by_c}]
    assert [item["reason"] for item in report["rejected"]] == [
        f"chứng chỉ {good['serial']} của thiết bị ký {signer} không dùng được: {problem}"] * pushed_by_c
