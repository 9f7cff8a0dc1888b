"""`server …` where the server's libraries are not installed (the packed desktop app, a pip install
without the `server` extra): one Vietnamese line saying how the server is installed, exit 1."""

from __future__ import annotations

import io

from lecturer_app.cli import main
from lecturer_app.commands import server


def test_every_server_action_says_the_server_is_installed_with_pip(monkeypatch, tmp_path):
    monkeypatch.setattr(server, "SERVER_PACKAGES", (*server.SERVER_PACKAGES, "thu_vien_khong_co"))
    folder = tmp_path / "Máy chủ"
    for action in (["init", str(folder)], ["user", "list", "--data-dir", str(folder)],
                   ["run", "--data-dir", str(folder)], ["backup", "-o", str(tmp_path / "b.tar"), "--data-dir",
                                                         str(folder)]):
        err = io.StringIO()
        assert main(["server", *action], out=io.StringIO(), err=err) == 1, action
        message = err.getvalue()
        assert message.startswith("Lỗi: Bản cài đặt này không có máy chủ đồng bộ (thiếu thư viện thu_vien_khong_co)")
        assert 'pip install "lecturer-app[server]"' in message and "docs/server.md" in message
        assert message.count("\n") == 1
    assert not folder.exists()

