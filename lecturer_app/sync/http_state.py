"""What this installation knows about its sync server, kept in ``<data_dir>/sync/server.json``.

The URL, the user, the session token and its expiry, the server's id and
epoch, the pull cursor (the server's ``seq`` of the last page committed
here), the push mark (the local ``seq`` up to which the server has
answered every revision) and the blob mark (the local ``seq`` up to which
every referenced blob is here or listed as pending).  Both marks are saved only after the work they
describe is committed, so a crash anywhere repeats work, never skips it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.json_reading import read_json_file
from lecturer_app.i18n import _
from lecturer_app.sync.keys import sync_dir
from lecturer_app.sync.trust import write_json

STATE = "server.json"


@dataclass
class ServerState:
    url: str
    user: str
    token: str
    expires: int
    server_id: str
    epoch: str
    cursor: int = 0
    pushed_seq: int = 0
    last_sync: str = ""
    last_error: str = ""
    proxy: str = ""  # an office's HTTP proxy (empty: the system's settings)
    # Blobs: every one referenced by a local revision up to ``blobs_seq`` is here, except ``pending_blobs``
    # (the server did not have them yet, or a download was cut off): those are asked for again next time.
    blobs_seq: int = 0
    pending_blobs: list[str] = field(default_factory=list)
    # The epoch in which the server was asked for a snapshot (sync/snapshot.py): asked once, not every sync
    # while the feed has given this device nothing yet.
    snapshot_asked: str = ""


def state_path(data_dir: Path) -> Path:
    return sync_dir(data_dir) / STATE


def load_state(data_dir: Path) -> ServerState | None:
    path = state_path(data_dir)
    if not path.is_file():
        return None
    data = read_json_file(path)
    known = ServerState.__dataclass_fields__
    return ServerState(**{key: value for key, value in data.items() if key in known})


def require_state(data_dir: Path) -> ServerState:
    state = load_state(data_dir)
    if state is None:
        raise UserFacingError(_("Chưa đăng nhập máy chủ đồng bộ (chạy 'sync login URL --user TÊN')."))
    return state


def save_state(data_dir: Path, state: ServerState) -> None:
    write_json(state_path(data_dir), asdict(state))
