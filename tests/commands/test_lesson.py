"""`lecturer-app lesson export|import` and `lecturer-app handout`, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lecturer_app.importers.legacy_vietnamese import LegacyEncoding, encode
from tests.support.cli_runs import run_in


def run_json(data_dir: Path, *argv: str):
    code, out, err = run_in(data_dir, *argv)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("fmt", ["pptx", "docx", "pdf"])
def test_export_writes_each_format(data_dir, tmp_path, fmt):
    target = tmp_path / f"bai.{fmt}"
    report = run_json(data_dir, "lesson", "export", "NTD-01", "--format", fmt, "-o", str(target), "--json")
    assert report["path"] == str(target) and report["format"] == fmt and report["topic"] == "NTD-01"
    assert target.stat().st_size > 1000
    assert set(report) == {"path", "format", "topic", "pages", "theme", "warnings"}
    if fmt == "pptx":
        assert report["theme"] == "trang_trong" and report["pages"] >= 12


def test_export_with_a_theme_and_plain_output(data_dir, tmp_path):
    target = tmp_path / "sang.pptx"
    code, out, err = run_in(data_dir, "lesson", "export", "NTD-03", "--format", "pptx", "--theme", "tuong_phan_cao",
                            "-o", str(target))
    assert (code, err) == (0, "")
    assert str(target) in out


def test_export_errors_name_the_problem(data_dir, tmp_path):
    code, _out, err = run_in(data_dir, "lesson", "export", "KHONG-CO", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "KHONG-CO" in err
    code, _out, err = run_in(data_dir, "lesson", "export", "NTD-01", "--format", "pptx", "--theme", "xanh",
                             "-o", str(tmp_path / "x.pptx"))
    assert code == 1 and "xanh" in err and "trang_trong" in err
    code, _out, err = run_in(data_dir, "lesson", "export", "TC-19", "--format", "pptx", "-o", str(tmp_path / "x.pptx"))
    assert code == 1 and "TC-19" in err
    assert not (tmp_path / "x.pptx").exists()


def test_an_exported_deck_imports_back_into_another_topic(data_dir, tmp_path):
    deck = tmp_path / "bai.pptx"
    run_json(data_dir, "lesson", "export", "NTD-01", "--format", "pptx", "-o", str(deck), "--json")
    report = run_json(data_dir, "lesson", "import", "TC-19", str(deck), "--json")
    assert report["kind"] == "deck" and report["replaced"] is False
    assert report["items"] >= 12 and report["skipped"] == [] and report["converted"] == []
    assert len(report["slides"]) >= report["items"]
    topics = run_json(data_dir, "topics", "list", "--json")
    assert next(t for t in topics if t["code"] == "TC-19")["slides"] == report["items"]


def test_a_vntime_docx_imports_as_unicode_and_the_conversion_is_reported(data_dir, tmp_path):
    from docx import Document

    doc = Document()
    doc.styles["Normal"].font.name = ".VnTime"
    heading = doc.add_paragraph().add_run(encode("i. mục tiêu", LegacyEncoding.TCVN3, upper_font=True))
    heading.font.name, heading.bold = ".VnTimeH", True
    doc.add_paragraph(encode("- Nắm vững lịch sử Đảng Cộng sản Việt Nam", LegacyEncoding.TCVN3))
    path = tmp_path / "cu.docx"
    doc.save(str(path))
    report = run_json(data_dir, "lesson", "import", "TC-19", str(path), "--json")
    assert report["kind"] == "plan" and report["items"] == 1
    assert {c["font"] for c in report["converted"]} == {".VnTime", ".VnTimeH"}
    run_json(data_dir, "lesson", "export", "TC-19", "--format", "docx", "-o", str(tmp_path / "moi.docx"), "--json")
    from docx import Document as Read

    texts = [p.text for p in Read(str(tmp_path / "moi.docx")).paragraphs]
    assert "I. MỤC TIÊU" in texts
    assert "- Nắm vững lịch sử Đảng Cộng sản Việt Nam" in texts


def test_import_reports_in_plain_text_too(data_dir, real_data):
    code, out, err = run_in(data_dir, "lesson", "import", "TC-19", str(real_data / "pptx" / "ph-populated-placeholders.pptx"))
    assert (code, err) == (0, "")
    assert "biểu đồ" in out and "SmartArt" in out


def test_import_refuses_other_files(data_dir, tmp_path):
    other = tmp_path / "ghi-chu.txt"
    other.write_text("xin chào", encoding="utf-8")
    code, _out, err = run_in(data_dir, "lesson", "import", "NTD-01", str(other))
    assert code == 1 and "ghi-chu.txt" in err


def test_handout_lists_the_topics_links(data_dir, tmp_path):
    target = tmp_path / "phieu.pdf"
    report = run_json(data_dir, "handout", "NTD-01", "-o", str(target), "--json")
    assert report["pages"] == 1 and target.is_file() and report["topics"] == ["NTD-01"]
    assert report["materials"] and all(m["code"].startswith("NTD-01-") for m in report["materials"])
    assert any(m["url"].startswith("https://") for m in report["materials"])


def test_handout_of_several_topics_gives_a_page_each(data_dir, tmp_path):
    target = tmp_path / "hoi-nghi.pdf"
    report = run_json(data_dir, "handout", "NTD-01", "NTD-03", "DP-10", "-o", str(target), "--json")
    assert report["pages"] == 3
    assert {m["topic"] for m in report["materials"]} == {"NTD-01", "NTD-03", "DP-10"}
