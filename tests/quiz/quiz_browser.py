"""Debian's chromium driven by Selenium at a phone's size, started by the tests themselves.

Selenium Manager must never download a driver or a browser: both paths are
given, and SE_OFFLINE tells the manager (should it run at all) to stay offline.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PHONE = (360, 740)  # CSS pixels of a common 5-inch Android phone
SCREENSHOTS_ENV = "LECTURER_APP_SCREENSHOTS"  # a folder (docs/images) to copy the screenshots into


def phone_browser():
    """A headless chromium the size of a phone; skips when chromium or its driver is not installed."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the test extra)")
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    profile = tempfile.mkdtemp(prefix="quiz-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-extensions", "--lang=vi", f"--user-data-dir={profile}",
                     f"--window-size={PHONE[0]},{PHONE[1]}"):
        options.add_argument(argument)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1],
                                                                          "pixelRatio": 2.0}})
    # Its own session: the driver and the browser's processes never share pytest's process group, so a
    # signal one of them sends to its group cannot reach the test run.
    service = Service(executable_path=str(CHROMEDRIVER), popen_kw={"start_new_session": True})
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(20)
    return driver, profile


def close_browser(driver, profile: str) -> None:
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def keep_screenshot(driver, folder: Path, name: str) -> Path:
    """Save into the test's folder, and into $LECTURER_APP_SCREENSHOTS too when set (to refresh docs/images)."""
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    target = os.environ.get(SCREENSHOTS_ENV)
    if target:
        shutil.copy(path, Path(target) / path.name)
    return path
