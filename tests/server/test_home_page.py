"""The server's address opened in a browser says, in Vietnamese, that the server runs and how a lecturer connects.

Found in the office's journey: ``server run`` started, the office opened http://127.0.0.1:8765/ in chromium to
check it and got Starlette's bare «Not Found».
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def test_the_address_answers_a_vietnamese_page_naming_the_server_and_the_steps_in_the_app(server):
    page = server.client().get("/")

    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert "<title>Máy chủ đồng bộ – Máy chủ thử</title>" in page.text
    assert "Máy chủ đang chạy." in page.text and "Tệp › Máy chủ đồng bộ…" in page.text
    assert f"Địa chỉ máy chủ: <code>{server.url}</code>" in page.text
    assert "Đăng nhập và ghi danh máy này" in page.text


def test_a_server_name_with_markup_is_shown_as_text(server):
    from lecturer_app.server.home_page import home_page

    page = home_page("Trường <b>Chính trị</b> & tỉnh", "http://127.0.0.1:8765")

    assert "Trường &lt;b&gt;Chính trị&lt;/b&gt; &amp; tỉnh" in page and "<b>Chính trị</b>" not in page


def test_chromium_shows_the_page_with_every_line_inside_a_1280_wide_window(server, tmp_path):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the test extra)")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager never downloads anything
    profile = tempfile.mkdtemp(prefix="server-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-extensions", "--lang=vi", f"--user-data-dir={profile}", "--window-size=1280,720"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER),
                                                               popen_kw={"start_new_session": True}))
    try:
        driver.set_page_load_timeout(20)
        driver.get(server.url + "/")
        driver.save_screenshot(str(tmp_path / "may-chu-trang-chu.png"))
        assert driver.title == "Máy chủ đồng bộ – Máy chủ thử"
        assert driver.find_element(By.TAG_NAME, "h1").text == "Máy chủ đồng bộ của Máy chủ thử"
        assert server.url in driver.find_element(By.TAG_NAME, "ol").text
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0  # no line runs past the window's edge
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
