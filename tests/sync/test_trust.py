"""Device identity and trust (issue #13 items 1–2): keys, certificates, revocation, unknown devices."""

from __future__ import annotations

import json
import stat

from lecturer_app.core.model import Topic
from lecturer_app.sync.bundle_trust import UntrustedBundle
from lecturer_app.sync.keys import key_path
from lecturer_app.sync.signing import signature_valid


def test_device_show_prints_replica_fingerprint_and_certificate_status(make_peer):
    peer = make_peer("A")
    info = peer.json("device", "show")
    assert len(info["fingerprint"]) == 32 and int(info["fingerprint"], 16) >= 0
    assert info["certificate"]["state"] == "none"
    with peer.workspace() as workspace:
        assert info["replica_id"] == workspace.store.device
    assert stat.S_IMODE(key_path(peer.folder).stat().st_mode) == 0o600
    assert peer.json("device", "show")["fingerprint"] == info["fingerprint"]  # made once, then kept
    text = peer.ok("device", "show")
    assert info["fingerprint"] in text and "chưa có chứng chỉ" in text


def test_local_revisions_are_signed_when_the_key_is_made(make_peer):
    peer = make_peer("A")
    with peer.workspace() as workspace:
        workspace.store.save(Topic(code="KEY-1", title="Trước khi có khóa"))
    info = peer.json("device", "show")
    with peer.workspace() as workspace:
        rows = workspace.db.execute(
            "SELECT r.rev_id, s.signer, s.signature, r.origin_replica FROM revisions r "
            "LEFT JOIN revision_signatures s ON s.rev_id = r.rev_id").fetchall()
    local = [row for row in rows if not row[3].startswith("bank:")]
    assert local and all(row[1] == info["fingerprint"] for row in local)
    assert all(signature_valid(info["public_key"], row[0], row[2]) for row in local)
    assert all(row[1] is None for row in rows if row[3].startswith("bank:"))  # trusted by the bank's hash


def test_certificates_carry_scopes_and_expiry_and_make_bundles_trusted(make_peer, authority, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    authority.certify(a)
    authority.certify(b, scopes="bank,exam:*", days=30)
    shown = b.json("device", "show")["certificate"]
    assert shown["state"] == "valid" and shown["scopes"] == ["bank", "exam:*"]
    assert json.loads((tmp_path / "A-cert.json").read_text(encoding="utf-8"))["scopes"] == ["bank"]
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="CA-1", title="Có chứng chỉ"))
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    result = b.json("bundle", "import", str(tmp_path / "a.lbb"))  # no --trust-new needed
    assert result["revisions_new"] == 1 and result["new_devices"] == []


def test_a_certificate_for_another_device_is_not_installed(make_peer, authority):
    a, b = make_peer("A"), make_peer("B")
    cert = authority.certify(a)
    code, _out, err = b.run("device", "install", str(cert))
    assert code == 1 and "thiết bị khác" in err


def test_an_unknown_device_is_refused_showing_its_fingerprint_until_trusted_on_purpose(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="NEW-1", title="Thiết bị lạ"))
    fingerprint = a.json("device", "show")["fingerprint"]
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    before = b.digest()
    code, _out, err = b.run("bundle", "import", str(tmp_path / "a.lbb"))
    assert code == 1 and fingerprint in err and "a.lbb" in err and "--trust-new" in err
    assert b.digest() == before
    with b.device() as (workspace, device):
        from lecturer_app.sync.bundle_import import import_bundle

        try:
            import_bundle(device, workspace.blobs, tmp_path / "a.lbb")
        except UntrustedBundle as exc:
            assert exc.fingerprints == [fingerprint]  # what a GUI confirmation shows
    assert b.json("bundle", "import", str(tmp_path / "a.lbb"), "--trust-new")["new_devices"] == [fingerprint]
    assert b.json("bundle", "import", str(tmp_path / "a.lbb"))["revisions_known"] >= 1  # remembered


def test_expired_and_revoked_producers_are_refused_and_revocation_travels_in_bundles(make_peer, authority, tmp_path):
    from datetime import UTC, datetime

    from lecturer_app.sync.trust import issue_certificate, load_authority, make_request

    a, b, c = make_peer("A"), make_peer("B"), make_peer("C")
    ca = authority.folder
    cert_a = authority.certify(a)
    authority.certify(b)
    authority.certify(c)
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="REV-1", title="Sẽ bị thu hồi"))
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))

    serial = json.loads(cert_a.read_text(encoding="utf-8"))["serial"]
    a.ok("ca", "revoke", serial, "--ca", str(ca))
    b.ok("trust", "add", str(ca / "crl.json"))
    b.ok("bundle", "export", "-o", str(tmp_path / "b.lbb"))
    c.ok("bundle", "import", str(tmp_path / "b.lbb"))  # carries the revocation list to C
    code, _out, err = c.run("bundle", "import", str(tmp_path / "a.lbb"), "--trust-new")
    assert code == 1 and "thu hồi" in err

    # An expired certificate: issued three years ago for one year.
    with a.device() as (_workspace, device):
        request = make_request(device.key, device.replica_id, "A")
    old = issue_certificate(load_authority(ca), request, days=365, now=datetime(2020, 1, 1, tzinfo=UTC))
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    a.ok("device", "install", str(tmp_path / "old.json"))
    assert a.json("device", "show")["certificate"]["state"] == "invalid"
    a.ok("bundle", "export", "-o", str(tmp_path / "a2.lbb"))
    code, _out, err = b.run("bundle", "import", str(tmp_path / "a2.lbb"))
    assert code == 1 and "hết hạn" in err


def test_revisions_of_a_revoked_author_relayed_by_a_trusted_device_are_rejected(make_peer, authority, tmp_path):
    a, b, c = make_peer("A"), make_peer("B"), make_peer("C")
    cert_a = authority.certify(a)
    authority.certify(b)
    authority.certify(c)
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="RV-1", title="Của máy bị thu hồi"))
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    b.ok("bundle", "import", str(tmp_path / "a.lbb"))
    with b.workspace() as workspace:
        workspace.store.save(Topic(code="RV-2", title="Của máy B"))
    b.ok("bundle", "export", "-o", str(tmp_path / "b.lbb"))
    serial = json.loads(cert_a.read_text(encoding="utf-8"))["serial"]
    authority_dir = authority.folder
    make_peer("office2").ok("ca", "revoke", serial, "--ca", str(authority_dir))
    c.ok("trust", "add", str(authority_dir / "crl.json"))
    result = c.json("bundle", "import", str(tmp_path / "b.lbb"), "--trust-new")
    assert result["revisions_new"] == 1 and [r["type"] for r in result["rejected"]] == ["topic"]
    assert result["new_devices"] == []
