"""The OpenAPI description served at ``/v1/openapi.json`` (written by hand: the API is small)."""

from __future__ import annotations

from typing import Any

# (path, method, summary, success status) — the routes of app.py.
OPERATIONS = [
    ("/v1/info", "get", "server id, epoch, protocol range, authority", "200"),
    ("/v1/login", "post", "user + password → session token (rate-limited)", "200"),
    ("/v1/enroll", "post", "device request → certificate signed by the province authority", "200"),
    ("/v1/crl", "get", "revocation list signed by the authority", "200"),
    ("/v1/changes", "get", "revisions after ?since= in the caller's read scope, paged", "200"),
    ("/v1/revs/missing", "post", "which of {rev_ids} the server lacks", "200"),
    ("/v1/revs", "post", "a batch of {rev, sig} answered per item: ok|exists|forbidden|invalid", "200"),
    ("/v1/blobs/{sha256}", "get", "a blob (Range supported); out of scope = missing", "200"),
    ("/v1/blobs/{sha256}", "head", "a blob's size; out of scope = missing", "200"),
    ("/v1/uploads", "post", "tus creation: Upload-Length, Upload-Metadata sha256", "201"),
    ("/v1/uploads/{sha256}", "head", "tus: Upload-Offset", "200"),
    ("/v1/uploads/{sha256}", "patch", "tus: append at Upload-Offset, Upload-Checksum sha256", "204"),
    ("/v1/bundles", "post", "a .lbb bundle, verified like a USB import; counts per status", "200"),
    ("/v1/ack", "post", "a device's cursor and version vector", "200"),
]

_BAD = {"description": "bad request, unauthenticated, forbidden, too large or rate-limited"}


def openapi() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for path, method, summary, status in OPERATIONS:
        operation: dict[str, Any] = {"summary": summary, "responses": {
            status: {"description": "success"}, "400": _BAD, "401": _BAD, "404": _BAD}}
        if "{sha256}" in path:
            operation["parameters"] = [{"name": "sha256", "in": "path", "required": True,
                                        "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}]
        if path == "/v1/changes":
            operation["parameters"] = [{"name": "since", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                                       {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}]
        if path == "/v1/bundles":
            operation["requestBody"] = {"content": {"application/octet-stream": {"schema": {"type": "string"}}}}
        elif method == "post" and path != "/v1/uploads":
            operation["requestBody"] = {"content": {"application/json": {"schema": {"type": "object"}}}}
        paths.setdefault(path, {})[method] = operation
    return {"openapi": "3.1.0", "info": {"title": "lecturer_app sync server", "version": "1"},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}], "paths": paths}
