"""Hostile content in a validly signed bundle: what a trusted but buggy or compromised machine could send.

The plain mutations of ``input_mutations`` damage a bundle's bytes, and the
signature check refuses every one of them.  These damage what the revision
lines *say* and then sign the bundle again with the producer's own key (a
test peer whose key file the fuzzer holds): each changed revision gets its
id recomputed from its content and a fresh signature, the manifest lists the
members' new hashes and sizes and is signed, and the trailer signs the file.
The receiving import then has to judge the content itself.

The manifest is written as format version 1 (the trailer hashes every byte),
which readers take as well as version 2, so no stand-in regions have to be laid out.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import zipfile
from collections.abc import Callable
from typing import Any

from lecturer_app.core.store.canonical import content_hash
from lecturer_app.sync.bundle_format import MANIFEST, SIGNATURE, TRAILER_MAGIC, trailer_message
from lecturer_app.sync.keys import DeviceKey, b64

Line = dict[str, Any]
ContentMutation = Callable[[random.Random, list[Line], dict[str, bytes]], str]

_WRONG_BODIES: tuple[object, ...] = ([], "x", None, 5, {"": None}, {"text": {"a": [1]}})
_WRONG_VALUES: tuple[object, ...] = (None, "", -1, 10**30, 1.5, [], {}, [[[]]], True, "\u0000", "../../etc/passwd",
                                     {"sha256": "0" * 64})
_HUGE = ("A" * 5_000_000, "Đ" * 200_000)
_HOSTILE_IDS = ("../../../etc/passwd", "..\\..\\x", "", "\u0000", "a/../../b", "A" * 100_000)


def _line(rng: random.Random, lines: list[Line]) -> Line:
    """A line the producer signed, mostly: a shipped-bank line changed is refused for its id alone."""
    signed = [line for line in lines if line.get("sig")]
    return rng.choice(signed if signed and rng.random() < 0.9 else lines)


def _revised(rng: random.Random, lines: list[Line]) -> Line:
    return _line(rng, lines)["rev"]


def body_of_wrong_shape(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    rev = _revised(rng, lines)
    if isinstance(rev["body"], dict) and rev["body"] and rng.random() < 0.7:
        key = rng.choice(sorted(rev["body"]))
        rev["body"][key] = rng.choice(_WRONG_VALUES)
        return f"{rev['type']} body[{key!r}] = {str(rev['body'][key])[:30]!r}"
    rev["body"] = rng.choice(_WRONG_BODIES)
    return f"{rev['type']} body = {str(rev['body'])[:30]!r}"


def absurd_fields(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    rev = _revised(rng, lines)
    key = rng.choice(("generation", "origin_seq", "hlc", "deleted", "parents", "v", "type", "author", "summary"))
    rev[key] = rng.choice((-1, 10**30, 2**63, "x", None, 1.5, [], {}, True, "1" * 5000))
    return f"{rev['type']} {key} = {str(rev[key])[:30]!r}"


def huge_text(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    rev = _revised(rng, lines)
    body = rev["body"] if isinstance(rev["body"], dict) else {}
    texts = [key for key, value in body.items() if isinstance(value, str)]
    text = rng.choice(_HUGE)
    if texts and rng.random() < 0.8:
        key = rng.choice(texts)
        body[key] = text
        return f"{rev['type']} body[{key!r}] of {len(text)} characters"
    rev["summary"] = text
    return f"{rev['type']} summary of {len(text)} characters"


def hostile_ids(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    rev = _revised(rng, lines)
    hostile = rng.choice(_HOSTILE_IDS)
    key = rng.choice(("record_id", "record_id", "type", "device", "origin_replica"))
    rev[key] = hostile
    return f"{key} = {hostile[:30]!r}"


def missing_parent(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    rev = _revised(rng, lines)
    rev["parents"] = sorted([*rev["parents"], "f" * 64])
    rev["generation"] = int(rev.get("generation", 1)) + 1
    return f"{rev['type']} given a parent no one has"


def missing_blob(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    rev = _revised(rng, lines)
    if not isinstance(rev["body"], dict):
        rev["body"] = {}
    rev["body"]["attachment"] = {"sha256": "e" * 64, "name": "anh.png", "size": 10}
    return f"{rev['type']} references a blob no one has"


def blob_not_its_hash(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    if not blobs:
        return missing_blob(rng, lines, blobs)
    name = rng.choice(sorted(blobs))
    blobs[name] = blobs[name][:-1] + bytes([blobs[name][-1] ^ 1]) if blobs[name] else b"x"
    return f"{name} bytes changed (the manifest lists their new hash)"


def duplicate_revisions(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    line = _line(rng, lines)
    count = rng.choice((1, 2, 1000))
    lines.extend(json.loads(json.dumps(line)) for _ in range(count))
    return f"{line['rev']['type']} revision repeated {count} more times"


def fork_a_record(rng: random.Random, lines: list[Line], blobs: dict[str, bytes]) -> str:
    """Two revisions of one record from one parent with different bodies: a conflict a peer may send."""
    line = _line(rng, lines)
    twin = json.loads(json.dumps(line))
    if isinstance(twin["rev"]["body"], dict):
        twin["rev"]["body"]["__twin"] = rng.randrange(1000)
    twin["rev"]["hlc"] = str(twin["rev"]["hlc"]) + "0"
    lines.append(twin)
    return f"{line['rev']['type']} forked"


CONTENT_MUTATIONS: tuple[ContentMutation, ...] = (
    body_of_wrong_shape, body_of_wrong_shape, absurd_fields, huge_text, hostile_ids, missing_parent, missing_blob,
    blob_not_its_hash, duplicate_revisions, fork_a_record)


# --- re-signing ---------------------------------------------------------------------------------------

_HASHED = ("record_id", "type", "parents", "generation", "body", "deleted", "author", "device", "hlc", "summary")


def _resign_line(line: Line, key: DeviceKey) -> None:
    """The revision's id recomputed from what it now says (as its writer would), and signed by *key*."""
    rev = line["rev"]
    content = {name: rev.get(name) for name in _HASHED}
    if "v" in rev:
        content.update(v=rev["v"], origin_replica=rev.get("origin_replica"), origin_seq=rev.get("origin_seq"))
    try:
        content["parents"] = sorted(content["parents"])  # type: ignore[type-var]
        rev["rev_id"] = content_hash(content)
    except (TypeError, ValueError):
        return  # not hashable as the app hashes: the old id stays, and the importer must refuse it for that
    line["sig"] = {"signer": key.fingerprint, "signature": b64(key.sign(rev["rev_id"].encode("ascii")))}


def _line_bytes(lines: list[Line]) -> bytes:
    return b"".join((json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
                    for line in lines)


def resign(data: bytes, key: DeviceKey, change: Callable[[list[Line], dict[str, bytes]], str],
           extra_line: bytes = b"") -> tuple[bytes, str]:
    """The bundle *data* with its revision lines and blobs changed by *change*, signed again by *key*; *extra_line*
    (raw bytes, which ``json.dumps`` could not write: JSON nested past its depth, an int past its digits) last."""
    body = data[:data.rindex(TRAILER_MAGIC)]
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    rev_names = sorted(name for name in members if name.startswith("revs/"))
    lines: list[Line] = [json.loads(raw) for name in rev_names for raw in members[name].splitlines() if raw.strip()]
    before = {id(line): json.dumps(line, sort_keys=True) for line in lines}
    blobs = {name: content for name, content in members.items() if name.startswith("blobs/")}
    what = change(lines, blobs)
    for line in lines:
        if before.get(id(line)) != json.dumps(line, sort_keys=True, default=str):
            _resign_line(line, key)
    files = {"revs/0001.jsonl": _line_bytes(lines) + extra_line, **blobs}
    manifest.update(version=1, members=[{"name": name, "sha256": hashlib.sha256(content).hexdigest(),
                                         "size": len(content)} for name, content in sorted(files.items())])
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in [*sorted(files.items()), (MANIFEST, manifest_bytes),
                              (SIGNATURE, b64(key.sign(manifest_bytes)).encode("ascii"))]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # not now: a mutant is rebuilt byte for byte
            info.compress_type = zipfile.ZIP_STORED if name.startswith("blobs/") else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    zipped = buffer.getvalue()
    trailer = b64(key.sign(trailer_message(hashlib.sha256(zipped).digest(), 1)))
    return zipped + TRAILER_MAGIC + trailer.encode("ascii") + b"\n", what


def content_mutator(key_file: Callable[[], DeviceKey]) -> Callable[[random.Random, bytes, str], tuple[bytes, str]]:
    """A seed's mutator: one content mutation (sometimes two), re-signed by the key *key_file* loads."""
    def mutate(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
        chosen = [rng.choice(CONTENT_MUTATIONS) for _ in range(rng.choice((1, 1, 2)))]

        def change(lines: list[Line], blobs: dict[str, bytes]) -> str:
            return "; ".join(f"{mutation.__name__}: {mutation(rng, lines, blobs)}" for mutation in chosen)

        return resign(data, key_file(), change)
    return mutate
