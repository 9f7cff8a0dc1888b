"""A batch of 30 scanned answer sheets as image files, for ``exam scan`` before/after a change to image decoding
(run from a checkout: it draws with tests/omr/sheet_maker.py):

    PYTHONPATH=CHECKOUT .venv/bin/python bench/scan_images_for_cmp.py EXAM OUT

EXAM: an exam folder (exam.json, phieu_tra_loi.pdf).  OUT/jpeg30: 30 filled sheets at 200 dpi, scanner rotation
and noise, as JPEG (quality 85; every third one with a restart marker after each row of blocks, as many scanners
write them).  OUT/mixed: 6 of them as PNG, a 3-page TIFF (LZW) and a phone photo as JPEG.  Undamaged: nothing in
either may carry a damage doubt.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, "tests/omr")
from sheet_maker import degrade, fill_sheet, render  # noqa: E402

from lecturer_app.exam.manifest import read_manifest  # noqa: E402


def pages(exam: Path, count: int, seed: int) -> list[np.ndarray]:
    manifest = read_manifest(exam)
    codes = sorted(manifest.versions)
    questions = len(manifest.versions[codes[0]].items)
    rng = np.random.default_rng(seed)
    base = render(exam / "phieu_tra_loi.pdf", 200)
    out = []
    for index in range(count):
        answers = ["" if rng.random() < 0.1 else "ABCD"[int(rng.integers(4))] for _ in range(questions)]
        image = fill_sheet(base.copy(), 200, rng, f"{2026300 + index:06d}"[-6:], codes[index % len(codes)], answers,
                           questions)
        out.append(degrade(image, rng, ("rotate", "noise")))
    return out


def main() -> None:
    exam, out = Path(sys.argv[1]), Path(sys.argv[2])
    batch, mixed = out / "jpeg30", out / "mixed"
    batch.mkdir(parents=True, exist_ok=True)
    mixed.mkdir(parents=True, exist_ok=True)
    drawn = pages(exam, 30, 1405)
    for number, page in enumerate(drawn, 1):
        restarts = -(-page.shape[1] // 8) if number % 3 == 0 else 0
        cv2.imwrite(str(batch / f"trang_{number:02d}.jpg"), page,
                    [cv2.IMWRITE_JPEG_QUALITY, 85, cv2.IMWRITE_JPEG_RST_INTERVAL, restarts])
    for number, page in enumerate(drawn[:6], 1):
        cv2.imwrite(str(mixed / f"phieu_{number}.png"), page)
    tiff = [Image.fromarray(page) for page in drawn[6:9]]
    tiff[0].save(mixed / "xap_3_trang.tif", save_all=True, append_images=tiff[1:], compression="tiff_lzw")
    photo = degrade(drawn[9], np.random.default_rng(7), ("table", "perspective", "shadow"))
    cv2.imwrite(str(mixed / "anh_chup.jpg"), photo, [cv2.IMWRITE_JPEG_QUALITY, 80])


if __name__ == "__main__":
    main()
