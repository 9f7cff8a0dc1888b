"""settings.json written by a newer version of the app (reinstalled older) is read for what this version knows."""

from __future__ import annotations

import json

from lecturer_app.core.settings import SCHEMA_VERSION, load_settings, save_settings


def test_a_newer_versions_settings_keep_what_this_version_knows_and_the_rest(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1, "author_name": "Nguyễn Thị Hoa",
                                "language": "en", "kieu_moi": {"co": True}}), encoding="utf-8")

    settings = load_settings(path)

    assert (settings.author_name, settings.language) == ("Nguyễn Thị Hoa", "en")
    save_settings(settings, path)
    assert json.loads(path.read_text(encoding="utf-8"))["kieu_moi"] == {"co": True}
