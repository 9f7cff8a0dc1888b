"""Answer sheets the tests make themselves: the app's own PDF rendered, filled like a learner, degraded like a scan.

Marks are drawn in the sheet's own millimetres (formats/answer_sheet_layout),
so what a test fills is exactly what the reader must find.  Pencil is a
grainy gray, pen nearly black; a partial fill covers part of the bubble, a
faint one is light, a crossing is an X over a filled bubble.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.answer_sheet import write_answer_sheet
from lecturer_app.formats import answer_sheet_layout as L

EXAM_ID = "0193b6e2-5c1d-7a00-8000-00000000abcd"


def manifest(questions: int = 40, codes: tuple[str, ...] = ("101", "102", "103", "104"),
             exam_id: str = EXAM_ID, seed: int = 1) -> ExamManifest:
    """A manifest of single-choice questions with a reproducible key per version."""
    rng = np.random.default_rng(seed)
    versions = {}
    for code in codes:
        items = [ItemInfo(f"q{n}", "single_choice", 0.25, "ABCD"[int(rng.integers(4))], ["1", "2", "3", "4"],
                          [0, 1, 2, 3]) for n in range(questions)]
        versions[code] = VersionInfo(code, items, [])
    return ExamManifest("Đề thử", seed, exam_id, versions, [f"q{n}" for n in range(questions)], {}, {})


def sheet_pdf(folder: Path, questions: int = 40, exam_id: str = EXAM_ID, letters: int = 4) -> Path:
    path = folder / f"phieu_{questions}_{exam_id[-4:]}.pdf"
    if not path.exists():
        write_answer_sheet(path, PaperSettings(class_line="Lớp thử nghiệm"), questions, letters, exam_id)
    return path


def render(pdf: Path, dpi: int = 200, page: int = 1) -> np.ndarray:
    out = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-singlefile", str(pdf)],
                         capture_output=True, check=True).stdout
    return cv2.imdecode(np.frombuffer(out, np.uint8), cv2.IMREAD_GRAYSCALE)


class Filler:
    """Draws a learner's marks on a rendered sheet at *dpi*."""

    def __init__(self, image: np.ndarray, dpi: int, rng: np.random.Generator) -> None:
        self.image, self.scale, self.rng = image, dpi / 25.4, rng

    def px(self, x: float, y: float) -> tuple[int, int]:
        return int(round(x * self.scale)), int(round(y * self.scale))

    def fill(self, bubble: L.Bubble, style: str = "pencil") -> None:
        """style: pen, pencil, partial (a half-moon), faint (a light pencil), cross (filled then crossed out),
        x (a cross on an empty bubble), tick (a small stroke)."""
        if style in ("pen", "pencil", "cross"):
            self._disk(bubble, 0.95, 25 if style == "pen" else 80, 30 if style == "pencil" else 10)
        if style == "partial":
            self._disk(bubble, 0.95, 70, 25, half=True)
        if style == "faint":
            self._disk(bubble, 0.9, 175, 15)
        if style in ("cross", "x"):
            self._cross(bubble)
        if style == "tick":
            cx, cy = self.px(bubble.x, bubble.y)
            r = int(bubble.r * self.scale)
            cv2.line(self.image, (cx - r // 2, cy), (cx + r // 2, cy + r // 3), 60, max(2, r // 5))

    def _disk(self, bubble: L.Bubble, cover: float, level: int, grain: int, half: bool = False) -> None:
        cx, cy = self.px(bubble.x, bubble.y)
        r = bubble.r * self.scale * cover
        jitter = self.rng.normal(0, 0.08 * r, 2)
        span = int(r) + 3
        ys, xs = np.mgrid[-span:span + 1, -span:span + 1]
        inside = np.hypot(xs - jitter[0], ys - jitter[1]) <= r * self.rng.uniform(0.93, 1.05)
        if half:
            inside &= ys < 0
        patch = self.image[cy - span:cy + span + 1, cx - span:cx + span + 1]
        ink = np.clip(level + self.rng.normal(0, grain, patch.shape), 0, 255).astype(np.uint8)
        patch[inside] = np.minimum(patch[inside], ink[inside])

    def _cross(self, bubble: L.Bubble) -> None:
        cx, cy = self.px(bubble.x, bubble.y)
        arm = int(bubble.r * self.scale * 1.7)
        width = max(2, int(0.45 * self.scale))
        cv2.line(self.image, (cx - arm, cy - arm), (cx + arm, cy + arm), 20, width)
        cv2.line(self.image, (cx - arm, cy + arm), (cx + arm, cy - arm), 20, width)

    def digits(self, columns: list[list[L.Bubble]], value: str, style: str = "pencil") -> None:
        for column, digit in zip(columns, value):
            self.fill(column[int(digit)], style)

    def stray(self, count: int = 3) -> None:
        """Pencil strokes away from the bubbles (on the learner's name and class lines)."""
        h, w = self.image.shape
        for _ in range(count):
            x, y = int(self.rng.uniform(0.12, 0.45) * w), int(self.rng.uniform(0.2, 0.3) * h)
            cv2.line(self.image, (x, y), (x + int(self.rng.integers(-40, 40)), y + int(self.rng.integers(-15, 15))),
                     90, 2)


DAMAGE_KINDS = [  # what the degraded corpora combine: scanners (rotation, noise, JPEG) and phones (the rest)
    ("rotate", "noise"), ("rotate", "skew", "blur"), ("table", "perspective", "shadow", "jpeg"),
    ("rotate", "contrast", "noise", "jpeg"), ("perspective", "shadow", "contrast", "noise", "jpeg"),
    ("rotate", "blur", "noise", "jpeg"), ("flip", "rotate", "noise"),
]


def degrade(image: np.ndarray, rng: np.random.Generator, kinds: tuple[str, ...]) -> np.ndarray:
    """Scanner and phone damage: rotate, skew, perspective, table (a dark desk around the page), blur, noise,
    jpeg (quality 40), shadow, contrast, flip."""
    out = image.copy()
    if {"rotate", "skew", "perspective", "table"} & set(kinds):
        out = _warp(out, rng, kinds)
    if "shadow" in kinds:
        h, w = out.shape
        gradient = np.linspace(1.0, rng.uniform(0.45, 0.6), w)[None, :] * np.linspace(1.0, 0.8, out.shape[0])[:, None]
        out = (out * gradient).astype(np.uint8)
    if "contrast" in kinds:
        out = (110 + out.astype(np.float32) * 0.45).astype(np.uint8)
    if "blur" in kinds:
        out = cv2.GaussianBlur(out, (5, 5), 1.2)
    if "noise" in kinds:
        out = np.clip(out + rng.normal(0, 12, out.shape), 0, 255).astype(np.uint8)
    if "jpeg" in kinds:
        ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, 40])
        out = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    if "flip" in kinds:
        out = np.ascontiguousarray(np.rot90(out, 2))
    return out


def _warp(image: np.ndarray, rng: np.random.Generator, kinds: tuple[str, ...]) -> np.ndarray:
    h, w = image.shape
    pad = int(0.06 * w)
    table = 60 if "table" in kinds else 235 if "perspective" in kinds else 255  # a dark desk under a phone photo
    canvas = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=table)
    H, W = canvas.shape
    src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    dst = src.copy()
    if "perspective" in kinds:
        dst += rng.uniform(-0.045, 0.045, (4, 2)).astype(np.float32) * np.float32([W, H])
    if "skew" in kinds:
        dst[:, 0] += (dst[:, 1] - H / 2) * rng.uniform(-0.03, 0.03)
    matrix = cv2.getPerspectiveTransform(src, dst)
    if "rotate" in kinds:
        angle = rng.uniform(-5, 5)
        rotation = np.vstack([cv2.getRotationMatrix2D((W / 2, H / 2), angle, 1.0), [0, 0, 1]])
        matrix = rotation @ matrix
    return cv2.warpPerspective(canvas, matrix, (W, H), borderValue=table if "table" in kinds else 255)


def fill_sheet(image: np.ndarray, dpi: int, rng: np.random.Generator, sbd: str, code: str, answers: list[str],
               questions: int, letters: int = 4, style: str = "pencil",
               odd: dict[int, list[tuple[str, str]]] | None = None, page: int = 1) -> np.ndarray:
    """Fill SBD, mã đề and *answers* ("" = blank) of the questions on sheet *page*; *odd* adds (letter, style)
    marks on some questions."""
    filler = Filler(image, dpi, rng)
    filler.digits(L.sbd_bubbles(), sbd, style)
    filler.digits(L.code_bubbles(), code, style)
    on_page = L.page_questions(page, questions)
    for number, answer in enumerate(answers, start=1):
        if number not in on_page:
            continue
        bubbles = L.answer_bubbles(number, questions, letters)
        for letter in answer:
            filler.fill(bubbles["ABCDEFGH".index(letter)], style)
        for letter, how in (odd or {}).get(number, []):
            filler.fill(bubbles["ABCDEFGH".index(letter)], how)
    return image


def with_image_stream_damaged(pdf: bytes, damage: Callable[[bytes], bytes], image: int = 0) -> bytes:
    """*pdf* (as Pillow writes a scan: each page one JPEG image) with its *image*-th image stream replaced by
    ``damage(stream)``.  Its /Length and the cross-reference table follow the new size, so the file stays well
    formed (no reader has to repair it) and only the JPEG inside is damaged."""
    streams = [m.end() for m in re.finditer(rb">>stream\r?\n", pdf)]
    start = [s for s in streams if b"/Subtype /Image" in pdf[pdf.rindex(b" 0 obj", 0, s):s]][image]
    head = pdf[:start]
    declared = list(re.finditer(rb"/Length (\d+)", head))[-1]
    end = start + int(declared.group(1))
    body = (head[:declared.start()] + b"/Length %d" % len(damage(pdf[start:end])) + head[declared.end():]
            + damage(pdf[start:end]) + pdf[end:])
    table = body.rindex(b"\nxref\n") + 1
    offsets = {int(m.group(1)): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj", body[:table])}
    count = max(offsets) + 1
    entries = b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, count))
    trailer = body[body.index(b"trailer", table):body.index(b"startxref", table)]
    return (body[:table] + b"xref\n0 %d\n0000000000 65535 f \n" % count + entries + trailer
            + b"startxref\n%d\n%%%%EOF\n" % table)
