import json

from tests.support.cli_runs import run


def test_setting_the_organisation_selects_it_and_keeps_history(tmp_path):
    data = str(tmp_path / "d")
    code, out, err = run("--data-dir", data, "org", "set", "--name", "Trung tâm chính trị", "--style", "state",
                         "--line", "Ủy ban nhân dân xã", "--line", "Trung tâm chính trị", "--place", "Phong Thổ")
    assert code == 0, err
    code, out, _ = run("--data-dir", data, "org", "list", "--json")
    orgs = json.loads(out)
    assert len(orgs) == 1 and orgs[0]["current"] and orgs[0]["header_style"] == "state"
    assert orgs[0]["header_lines"] == ["Ủy ban nhân dân xã", "Trung tâm chính trị"]
    run("--data-dir", data, "org", "set", "--name", "Trung tâm chính trị", "--line", "Đảng ủy xã")
    code, out, _ = run("--data-dir", data, "org", "list", "--json")
    assert [o["header_lines"] for o in json.loads(out)] == [["Đảng ủy xã"]]
    code, out, _ = run("--data-dir", data, "history", orgs[0]["id"], "--json")
    assert len(json.loads(out)) == 2
