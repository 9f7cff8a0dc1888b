"""Attachments: files copied into blobs under their NFC name, exported back intact."""

from __future__ import annotations

import unicodedata

import pytest

from lecturer_app.core.bank.attachments import (
    add_attachment,
    export_attachment,
    human_size,
)
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import Attachment
from lecturer_app.core.store.blobs import BlobStore


@pytest.fixture
def blobs(tmp_path):
    return BlobStore(tmp_path / "blobs")


def test_a_file_is_stored_once_and_named_in_nfc(store, blobs, tmp_path):
    decomposed = unicodedata.normalize("NFD", "Bài giảng Đảng.pptx")
    source = tmp_path / decomposed
    source.write_bytes(b"PK\x03\x04 noi dung")
    first = add_attachment(store, blobs, "topic-1", source)
    second = add_attachment(store, blobs, "topic-1", source)
    assert first.filename == "Bài giảng Đảng.pptx" == unicodedata.normalize("NFC", first.filename)
    assert first.role == "original_pptx" and first.mime.endswith("presentation")
    assert first.sha256 == second.sha256 and first.id != second.id
    assert store.get(Attachment, first.id).size == len(b"PK\x03\x04 noi dung")
    assert blobs.read_bytes(first.sha256) == source.read_bytes()


def test_export_never_overwrites(store, blobs, tmp_path):
    source = tmp_path / "tài liệu.pdf"
    source.write_bytes(b"%PDF-1.4")
    attachment = add_attachment(store, blobs, "t", source)
    out = tmp_path / "out"
    first = export_attachment(blobs, attachment, out)
    second = export_attachment(blobs, attachment, out)
    assert first.name == "tài liệu.pdf" and second.name == "tài liệu (2).pdf"
    assert second.read_bytes() == b"%PDF-1.4"


def test_a_missing_file_is_a_clear_error(store, blobs, tmp_path):
    with pytest.raises(InputFileError, match="không tìm thấy"):
        add_attachment(store, blobs, "t", tmp_path / "không có.docx")
    assert store.counts().get("attachment", 0) == 0


def test_sizes_read_in_vietnamese():
    assert human_size(512) == "512 B"
    assert human_size(1536) == "1,5 KB"
