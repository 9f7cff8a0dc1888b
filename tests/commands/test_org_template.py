"""`lecturer-app org template`: the organisation's own DOCX header template for plans and exam papers."""

from __future__ import annotations

import json

from tests.exporters.test_docx_template import _template
from tests.support.cli_runs import run


def test_the_cli_sets_and_clears_the_template_and_the_plan_export_uses_it(data_dir, tmp_path):
    from docx import Document

    data = str(data_dir)
    (tmp_path / "mau.docx").write_bytes(_template(split=False))
    (tmp_path / "sai.docx").write_bytes(b"not a docx")
    assert run("--data-dir", data, "org", "set", "--name", "Trung tâm chính trị", "--line", "Trung tâm")[0] == 0
    code, out, err = run("--data-dir", data, "org", "template", str(tmp_path / "mau.docx"), "--json")
    assert code == 0, err
    assert json.loads(out)["unknown"] == ["ten_truong"]
    code, out, err = run("--data-dir", data, "lesson", "export", "NTD-01", "--format", "docx", "-o",
                         str(tmp_path / "ga.docx"), "--json")
    assert code == 0, err
    assert Document(str(tmp_path / "ga.docx")).tables[0].cell(0, 0).text == "\nTrung tâm chính trị"
    code, _out, err = run("--data-dir", data, "org", "template", str(tmp_path / "sai.docx"))
    assert code != 0 and "sai.docx" in err
    assert run("--data-dir", data, "org", "template", "--clear")[0] == 0
    run("--data-dir", data, "lesson", "export", "NTD-01", "--format", "docx", "-o", str(tmp_path / "ga2.docx"))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in Document(str(tmp_path / "ga2.docx")).tables[0].cell(0, 1).text
