"""Finding the sheet on a page: flatten the light, find the four corner marks, warp onto the layout, read the QR code.

The page is first divided by its own blurred background, so shadows and a
phone's uneven light become a flat white; ink is then 1 − that ratio.  The
corner marks are the four solid squares nearest the four corners of the page
(bubbles are round, the QR's finder squares are hollow); the homography from
their centres to ``MARK_CENTRES`` places every bubble, whatever the rotation,
skew or perspective.  The QR code sits top-right: found bottom-left instead,
the page was upside down and is turned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lecturer_app.formats import answer_sheet_layout as L

PX_PER_MM = 6.0  # the warped page: 1260 × 1782 pixels, a bubble 25 px across


class NotASheet(Exception):
    """The page cannot be located as an answer sheet; the message says why (Vietnamese)."""


@dataclass
class Located:
    ink: Any  # float32 page in layout pixels, 0 = paper, 1 = black
    qr_text: str
    turned: bool
    black: float  # the ink of the printed corner marks, the reference for "fully filled"
    has_code: bool = True  # False: no QR code printed at all (a sheet from before the QR code, or not a sheet)


def ink_image(gray: Any) -> Any:
    """1 − gray / background: flat white paper whatever the light, ink towards 1."""
    import cv2
    import numpy as np

    side = max(gray.shape)
    k = max(15, int(side / 60) | 1)
    # Smoothed first: the brightest noisy pixel would otherwise set the paper's white.
    smooth = cv2.GaussianBlur(gray, (7, 7), 0)
    background = cv2.dilate(smooth, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    background = cv2.blur(background, (k, k))
    ratio = cv2.divide(gray, np.maximum(background, 1), scale=255.0)  # uint8, saturated: paper 255
    return (255 - ratio).astype(np.float32) * np.float32(1 / 255)


def find_marks(ink: Any) -> Any:
    """Centres of the four corner marks (top-left, top-right, bottom-right, bottom-left) in page pixels."""
    import numpy as np

    candidates = _square_blobs(ink)
    if len(candidates) < 4:
        raise NotASheet("no-marks")
    points = np.array([c[:2] for c in candidates], dtype=np.float32)
    s, d = points.sum(axis=1), points[:, 0] - points[:, 1]
    chosen = [int(np.argmin(s)), int(np.argmax(d)), int(np.argmax(s)), int(np.argmin(d))]
    if len(set(chosen)) < 4:
        raise NotASheet("no-marks")
    sizes = [candidates[i][2] for i in chosen]
    if max(sizes) > 2.5 * min(sizes):
        raise NotASheet("no-marks")
    quad = points[chosen]
    _check_shape(quad, sizes)
    return quad


def _square_blobs(ink: Any) -> list[tuple[float, float, float]]:
    """(x, y, side) of every solid, roughly square dark blob of a plausible mark size."""
    import cv2
    import numpy as np

    mask = (_smooth(ink) > ink_threshold(ink)).astype(np.uint8)
    count, _labels, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    short = min(ink.shape)
    low, high = (short * 0.012) ** 2, (short * 0.05) ** 2  # a 5 mm mark on a 210 mm page ≈ 2.4 % of its width
    found = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if not low <= w * h <= high * 1.6 or not 0.6 <= w / h <= 1.6:
            continue
        if area < 0.6 * w * h:  # rotated squares fill ≥ 50 % of their box; bubbles and QR finders less
            continue
        if not _is_solid_square(mask[y:y + h, x:x + w]):
            continue
        found.append((float(centroids[i][0]), float(centroids[i][1]), float(np.sqrt(area))))
    return found


def _smooth(ink: Any) -> Any:
    import cv2

    return cv2.GaussianBlur(ink, (5, 5), 0)


def ink_threshold(ink: Any) -> float:
    """Half the page's darkest print (its 99.7th percentile of ink), so a pale or low-contrast scan still has marks."""
    import numpy as np

    return float(np.clip(0.5 * np.percentile(ink[::4, ::4], 99.7), 0.15, 0.45))


def _is_solid_square(patch: Any) -> bool:
    import cv2

    contours, _ = cv2.findContours(patch, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return False
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    (_c, (w, h), _a) = cv2.minAreaRect(contour)
    # Perspective and blur round a square towards 0.8 of its box; candidates inside the page (a filled
    # bubble that passes) never matter: the marks are the four outermost.
    if w * h <= 0 or area / (w * h) < 0.75 or not 0.7 <= w / h <= 1.4:
        return False
    return patch.sum() >= 0.85 * area  # solid: a QR finder's white ring would leave holes


def _check_shape(quad: Any, sizes: list[float]) -> None:
    """The marks must frame a page-shaped quadrilateral about 38 marks wide (189 mm / 5 mm)."""
    import numpy as np

    top, right = float(np.linalg.norm(quad[1] - quad[0])), float(np.linalg.norm(quad[2] - quad[1]))
    bottom, left = float(np.linalg.norm(quad[2] - quad[3])), float(np.linalg.norm(quad[3] - quad[0]))
    aspect = (top + bottom) / max(left + right, 1.0)
    want = (L.MARK_CENTRES[1][0] - L.MARK_CENTRES[0][0]) / (L.MARK_CENTRES[3][1] - L.MARK_CENTRES[0][1])
    mark = float(np.median(sizes))
    width_in_marks = (top + bottom) / 2 / mark
    if not 0.75 * want <= aspect <= 1.3 * want or not 25 <= width_in_marks <= 55:
        raise NotASheet("no-marks")


def warp(image: Any, quad: Any, border: float = 255) -> Any:
    """The page in layout pixels (PX_PER_MM), marks where the layout puts them."""
    import cv2
    import numpy as np

    target = np.array(L.MARK_CENTRES, dtype=np.float32) * PX_PER_MM
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    size = (int(L.PAGE_W * PX_PER_MM), int(L.PAGE_H * PX_PER_MM))
    return cv2.warpPerspective(image, matrix, size, flags=cv2.INTER_LINEAR, borderValue=border)


def read_qr(page: Any) -> tuple[str, bool]:
    """The QR text and whether the page is upside down.

    When no code decodes, a dense square of ink where the code belongs still
    tells a sheet of this layout (a smudged or badly photographed code) and
    its orientation: ("", turned).  Without one, NotASheet("no-qr").
    """
    import numpy as np

    box = _qr_box()
    turned_page = np.rot90(page, 2)
    for candidate, turned in ((page, False), (turned_page, True)):  # the upside-down try only when needed
        text = _decode(candidate[box])
        if text:
            return text, turned
    level = ink_threshold(page)
    upright, turned_ink = float((page[box] > level).mean()), float((turned_page[box] > level).mean())
    if max(upright, turned_ink) < 0.2:
        raise NotASheet("no-qr")
    return "", turned_ink > upright


def _qr_box() -> tuple[slice, slice]:
    margin = 5.0
    y0, y1 = L.QR_Y - margin, L.QR_Y + L.QR_SIZE + margin
    x0, x1 = L.QR_X - margin, min(L.PAGE_W, L.QR_X + L.QR_SIZE + margin)
    return slice(int(y0 * PX_PER_MM), int(y1 * PX_PER_MM)), slice(int(x0 * PX_PER_MM), int(x1 * PX_PER_MM))


def _decode(ink_patch: Any) -> str:
    """Plain first; then smoothed and thresholded at two scales (noise and JPEG blocks confuse the detector)."""
    import cv2
    import numpy as np

    gray = (255 * (1.0 - ink_patch)).astype(np.uint8)
    detector = cv2.QRCodeDetector()
    for scale, smooth in ((1, 0), (2, 3), (2, 0), (3, 5)):
        image = cv2.GaussianBlur(gray, (smooth, smooth), 0) if smooth else gray
        big = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1 else image
        if smooth:
            big = cv2.threshold(big, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
        try:
            text, _points, _code = detector.detectAndDecode(big)
        except cv2.error:
            text = ""
        if text:
            return text
    return ""


def locate(gray: Any, known: Callable[[Any], tuple[str, bool] | None] | None = None) -> Located:
    """The located sheet of a gray page (has_code False when no QR code is printed); NotASheet("blank" |
    "no-marks") otherwise.

    The marks are found on a copy at most FIND_SIDE pixels long (enough for a
    5 mm square, and most of the work); the full image is warped once, and
    the light is flattened on the warped page.  *known* recognises the codes
    the caller expects (qr_match: cheaper than decoding, and it survives
    damage the decoder does not); the decoder reads any other code.
    """
    import numpy as np

    small, factor = _shrunk(gray)
    ink = ink_image(small)
    if float((ink > 0.3).mean()) < 0.0005:
        raise NotASheet("blank")
    page = ink_image(warp(gray, find_marks(ink) * factor))
    try:
        text, turned = (known(page) if known else None) or read_qr(page)
    except NotASheet:  # no code printed: the reader may still know the sheet from its old layout
        return Located(page, "", False, _mark_black(page), has_code=False)
    if turned:
        page = np.ascontiguousarray(np.rot90(page, 2))
    return Located(page, text, turned, _mark_black(page))


FIND_SIDE = 1200


def _shrunk(gray: Any) -> tuple[Any, float]:
    import cv2

    side = max(gray.shape)
    if side <= FIND_SIDE:
        return gray, 1.0
    scale = FIND_SIDE / side
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR), 1 / scale


def _mark_black(page: Any) -> float:
    import numpy as np

    values = []
    for cx, cy in L.MARK_CENTRES:
        r = int(1.5 * PX_PER_MM)
        x, y = int(cx * PX_PER_MM), int(cy * PX_PER_MM)
        values.append(float(np.median(page[y - r:y + r, x - r:x + r])))
    return max(0.3, float(np.median(values)))
