"""Server sync work run on a worker thread, over the CLI's engine (``sync/http_client.py``).

Each function opens its own store and the device on it (never the GUI
thread's store), so editing goes on while it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lecturer_app.i18n import N_, _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import OperationCancelled

if TYPE_CHECKING:
    from lecturer_app.sync.cancel import CancelToken

Report = Callable[..., None]
# What the status bar says while each stage of a sync runs.
STAGES = {"push": N_("Đang gửi thay đổi"), "pull": N_("Đang nhận thay đổi"), "upload": N_("Đang gửi tệp"),
          "download": N_("Đang nhận tệp")}


def run_login(context: AppContext, url: str, user: str, password: str, proxy: str, report: Report,
              stop: CancelToken | None = None) -> Any:
    """Log in, trust the server's authority and enrol this device; what ``sync login`` returns.

    *stop*, cancelled with the operation, ends a request in flight at once.
    """
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.http_client import SyncCancelled, login

    report(0, 0, _("Đang kết nối {url}").format(url=url))
    with context.worker_store() as store:
        device = open_device(context.workspace.data_dir, store)
        try:
            # Hủy pressed while the server was answering: stop before this machine keeps the login.
            return login(device, context.workspace.data_dir, url, user, password, proxy,
                         before_keeping=lambda: report(0, 0, _("Đang kết nối {url}").format(url=url)), stop=stop)
        except SyncCancelled as exc:
            raise OperationCancelled() from exc


def run_sync(context: AppContext, report: Report, stop: CancelToken | None = None) -> dict[str, Any]:
    """One exchange with the server; the report ``sync now --json`` prints.

    *stop*, cancelled with the operation (``Operation.on_cancel``), ends a request in flight at once.
    """
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.http_client import SyncCancelled, sync_now

    def progress(stage: str, done: int, total: int) -> None:
        report(done, total, _(STAGES[stage]) if stage in STAGES else _("Đang đồng bộ…"))

    with context.worker_store() as store:
        device = open_device(context.workspace.data_dir, store)
        try:
            return sync_now(device, context.workspace.blobs, context.workspace.data_dir, progress, stop=stop)
        except SyncCancelled as exc:
            raise OperationCancelled() from exc  # the operation's own way of saying «Đã dừng»
