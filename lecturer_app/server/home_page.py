"""The page a browser gets at the server's address: the server is running, and how a lecturer connects to it.

An office that starts ``server run`` checks it by opening the address in a browser, and a lecturer given
the address may do the same; both got Starlette's bare «Not Found».  The API stays under ``/v1/``; this
page is for people, in Vietnamese, and says nothing the API does not (the server's name, its address).
"""

from __future__ import annotations

from html import escape

from lecturer_app.i18n import _

_STYLE = ("body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;max-width:42em;margin:2em auto;padding:0 1em;"
          "line-height:1.5;color:#222}h1{font-size:1.5em}code{background:#eef;padding:0 .3em;word-break:break-all}")


def home_page(name: str, address: str) -> str:
    """The HTML of ``GET /`` for the server called *name*, reached at *address* (as the browser asked it)."""
    name, address = escape(name), escape(address)
    steps = [_("Mở ứng dụng Ngân hàng bài giảng, chọn <b>Tệp › Máy chủ đồng bộ…</b>"),
             _("Địa chỉ máy chủ: <code>{address}</code>").format(address=address),
             _("Tên đăng nhập và mật khẩu: do người quản trị máy chủ cấp cho từng giảng viên."),
             _("Bấm <b>Đăng nhập và ghi danh máy này</b>. Từ đó ứng dụng tự đồng bộ.")]
    running = _("Máy chủ đang chạy. Đây không phải trang để làm việc: ngân hàng bài giảng được đồng bộ qua "
                "ứng dụng trên máy giảng viên.")
    offline = _("Máy ở trung tâm không có mạng thì trao đổi bằng gói đồng bộ qua USB "
                "(Tệp › Xuất gói đồng bộ (USB)…).")
    title = _("Máy chủ đồng bộ của {name}").format(name=name)
    return "\n".join([
        "<!doctype html>", '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_('Máy chủ đồng bộ')} – {name}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>", f"<p>{running}</p>", f"<h2>{_('Kết nối từ máy giảng viên')}</h2>",
        "<ol>" + "".join(f"<li>{step}</li>" for step in steps) + "</ol>", f"<p>{offline}</p>",
        "</body></html>"])
