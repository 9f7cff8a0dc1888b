"""``is_uuid`` answers as ``uuid.UUID`` does, reading the canonical form without the uuid module."""

from __future__ import annotations

import uuid

import pytest

from lecturer_app.core.store.ids import is_uuid, uuid7

SAMPLES = [uuid7(), "6B23B191-421F-59EA-90D0-B21BFD511CD4", "{6b23b191-421f-59ea-90d0-b21bfd511cd4}",
           "urn:uuid:6b23b191-421f-59ea-90d0-b21bfd511cd4", "6b23b191421f59ea90d0b21bfd511cd4",
           "6b23b191-421f-59ea-90d0-b21bfd511cd", "6b23b191-421f-59ea-90d0-b21bfd511cd4\n", "xyz", ""]


def _parses(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("value", SAMPLES)
def test_is_uuid_agrees_with_the_uuid_module(value):
    assert is_uuid(value) is _parses(value)
