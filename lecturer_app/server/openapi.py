"""The OpenAPI description served at ``/v1/openapi.json`` (written by hand: the API is small).

Bodies and headers are described closely enough that a schema-driven fuzzer
(schemathesis, tests/server/test_schemathesis.py) reaches the handlers' real
code instead of stopping at "body is not an object".
"""

from __future__ import annotations

from typing import Any

# (path, method, summary, success status) — the routes of app.py.
OPERATIONS = [
    ("/v1/info", "get", "server id, epoch, protocol range, authority, request_encodings (gzip: POST bodies may be "
     "sent with Content-Encoding: gzip)", "200"),
    ("/v1/login", "post", "user + password → session token (rate-limited)", "200"),
    ("/v1/enroll", "post", "device request → certificate signed by the province authority", "200"),
    ("/v1/device-login/challenge", "get", "a challenge signed by the authority, to answer with a device key", "200"),
    ("/v1/device-login", "post", "an enrolled device's signed answer → session token (no password)", "200"),
    ("/v1/crl", "get", "revocation list signed by the authority", "200"),
    ("/v1/changes", "get", "revisions after ?since= in the caller's read scope, paged", "200"),
    ("/v1/revs/missing", "post", "which of {rev_ids} the server lacks", "200"),
    ("/v1/revs", "post", "a batch of {rev, sig} answered per item: ok|exists|forbidden|invalid; seqs: "
     "[before, after], the feed positions between which every row is this batch's", "200"),
    ("/v1/blobs/{sha256}", "get", "a blob (Range supported); out of scope = missing", "200"),
    ("/v1/blobs/{sha256}", "head", "a blob's size; out of scope = missing", "200"),
    ("/v1/snapshot", "get", "the signed manifest of the caller's read-scope snapshot (a new device's first "
     "sync); 404 when the scope is small", "200"),
    ("/v1/snapshot/{sha256}", "get", "the snapshot file named by the manifest (Range supported)", "200"),
    ("/v1/snapshot/{sha256}", "head", "the snapshot file's size", "200"),
    ("/v1/uploads", "post", "tus creation: Upload-Length, Upload-Metadata sha256", "201"),
    ("/v1/uploads/{sha256}", "head", "tus: Upload-Offset", "200"),
    ("/v1/uploads/{sha256}", "patch", "tus: append at Upload-Offset, Upload-Checksum sha256", "204"),
    ("/v1/bundles", "post", "a .lbb bundle, verified like a USB import; counts per status", "200"),
    ("/v1/ack", "post", "a device's cursor and version vector", "200"),
]

_BAD = {"description": "bad request, unauthenticated, forbidden, too large or rate-limited"}
_STR = {"type": "string"}
_SHA = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_REVISION = {"type": "object", "required": ["rev_id", "record_id", "type", "parents", "generation", "body",
                                          "deleted", "author", "device", "hlc"], "properties": {
    "rev_id": _STR, "record_id": _STR, "type": _STR, "parents": {"type": "array", "items": _STR},
    "generation": {"type": "integer"}, "body": {"type": "object"}, "deleted": {"type": "boolean"},
    "author": _STR, "device": _STR, "hlc": _STR, "summary": _STR, "origin_replica": _STR,
    "origin_seq": {"type": "integer"}, "v": {"type": "integer"}}}
BODIES: dict[str, dict[str, Any]] = {
    "/v1/login": {"type": "object", "required": ["user", "password"],
                  "properties": {"user": _STR, "password": _STR}},
    "/v1/enroll": {"type": "object", "required": ["request"], "properties": {"request": {
        "type": "object", "required": ["kind", "fingerprint", "public_key"],
        "properties": {"kind": {"enum": ["device_request"]}, "fingerprint": _STR, "public_key": _STR,
                       "name": _STR, "signature": _STR}}}},
    "/v1/device-login": {"type": "object", "required": ["kind", "challenge", "fingerprint", "signature"],
                         "properties": {"kind": {"enum": ["device_login"]}, "challenge": {"type": "object"},
                                        "fingerprint": _STR, "signature": _STR}},
    "/v1/revs/missing": {"type": "object", "required": ["rev_ids"],
                         "properties": {"rev_ids": {"type": "array", "items": _STR}}},
    "/v1/revs": {"type": "object", "required": ["items"], "properties": {
        "items": {"type": "array", "items": {"type": "object", "required": ["rev"], "properties": {
            "rev": _REVISION, "sig": {"type": "object", "properties": {"signer": _STR, "signature": _STR}}}}},
        "certificates": {"type": "array", "items": {"type": "object"}}}},
    "/v1/ack": {"type": "object", "required": ["fingerprint", "cursor"], "properties": {
        "fingerprint": _STR, "cursor": {"type": "integer"}, "vector": {"type": "object"}}},
}
HEADERS: dict[tuple[str, str], list[tuple[str, dict[str, Any], bool]]] = {
    ("/v1/blobs/{sha256}", "get"): [("Range", _STR, False)],
    ("/v1/snapshot/{sha256}", "get"): [("Range", _STR, False)],
    ("/v1/uploads", "post"): [("Upload-Length", {"type": "string", "pattern": "^[0-9]{1,12}$"}, True),
                              ("Upload-Metadata", _STR, True)],
    ("/v1/uploads/{sha256}", "patch"): [("Upload-Offset", {"type": "string", "pattern": "^[0-9]{1,12}$"}, True),
                                        ("Upload-Checksum", _STR, False),
                                        ("Content-Type", {"enum": ["application/offset+octet-stream"]}, True)],
}


def _parameters(path: str, method: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if "{sha256}" in path:
        found.append({"name": "sha256", "in": "path", "required": True, "schema": _SHA})
    if path == "/v1/changes":
        found += [{"name": "since", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}]
    found += [{"name": name, "in": "header", "required": required, "schema": schema}
              for name, schema, required in HEADERS.get((path, method), [])]
    return found


def _request_body(path: str, method: str) -> dict[str, Any] | None:
    if path == "/v1/bundles" or (path, method) == ("/v1/uploads/{sha256}", "patch"):
        kind = "application/octet-stream" if path == "/v1/bundles" else "application/offset+octet-stream"
        return {"content": {kind: {"schema": {"type": "string", "format": "binary"}}}}
    if method == "post" and path in BODIES:
        return {"required": True, "content": {"application/json": {"schema": BODIES[path]}}}
    return None


def openapi() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for path, method, summary, status in OPERATIONS:
        operation: dict[str, Any] = {"summary": summary, "responses": {
            status: {"description": "success"}, "400": _BAD, "401": _BAD, "404": _BAD}}
        if parameters := _parameters(path, method):
            operation["parameters"] = parameters
        if body := _request_body(path, method):
            operation["requestBody"] = body
        paths.setdefault(path, {})[method] = operation
    return {"openapi": "3.1.0", "info": {"title": "lecturer_app sync server", "version": "1"},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}], "paths": paths}
