"""Small files that claim huge or absurd pages: what a poisoned scan brings to ``exam scan``.

Each builder writes real bytes a decoder accepts (a PNG with right CRCs, a
JPEG header, a TIFF's tags, a PDF with its cross-reference table), tiny on
disk and made in the test: no binary fixtures.
"""

from __future__ import annotations

import io
import struct
import zlib


def png(width: int, height: int, rows: int | None = None) -> bytes:
    """A gray PNG of *width* × *height* whose pixel rows (all white, compressed) are given up to *rows*
    (all by default: a 30000 × 30000 page is 875 KB on disk and 900 MB decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    data = b"".join(packer.compress(row) for _ in range(height if rows is None else rows)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small real JPEG whose frame header (SOF0) is rewritten to claim *width* × *height*: the entropy data
    ends early, and a decoder that trusts the header allocates the whole page first."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (64, 64), 255).save(buffer, "JPEG", quality=90)
    data = bytearray(buffer.getvalue())
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def tiff_pages(sizes: list[tuple[int, int]]) -> bytes:
    """A multi-page gray TIFF whose pages claim *sizes*; each page's strip is a few bytes of PackBits that a
    decoder would have to expand to the whole page."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    offsets = []
    for width, height in sizes:
        strip = len(out)
        out += b"\x81\xff" * 8  # PackBits: 128 white bytes, eight times
        ifd = len(out)
        offsets.append(ifd)
        tags = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 32773), (262, 3, 1), (273, 4, strip),
                (277, 3, 1), (278, 4, height), (279, 4, 16)]
        out += struct.pack("<H", len(tags))
        for tag, kind, value in tags:
            out += struct.pack("<HHI", tag, kind, 1) + (struct.pack("<HH", value, 0) if kind == 3 else
                                                        struct.pack("<I", value))
        out += b"\x00\x00\x00\x00"  # next IFD: patched below
    struct.pack_into("<I", out, 4, offsets[0])
    for here, following in zip(offsets, offsets[1:]):
        count = struct.unpack_from("<H", out, here)[0]
        struct.pack_into("<I", out, here + 2 + 12 * count, following)
    return bytes(out)


def pdf(pages: list[tuple[str, bytes]], objects: list[bytes] = (),  # type: ignore[assignment]
        deflate: bool = False) -> bytes:
    """A PDF of *pages*, each (its MediaBox, e.g. "0 0 595 842", its content stream, compressed when
    *deflate*); *objects* are extra objects numbered after the pages' (an image a content draws).  The
    cross-reference table is right."""
    count = len(pages)
    bodies: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + 2 * n) for n in range(count))
                           + b"] /Count %d >>" % count]
    resources = b"".join(b"/Im%d %d 0 R " % (n, 3 + 2 * count + n) for n in range(len(objects)))
    for box, content in pages:
        bodies.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [" + box.encode() + b"] /Contents %d 0 R"
                      % (len(bodies) + 2) + b" /Resources << /XObject << " + resources + b">> >> >>")
        stream, flate = (zlib.compress(content, 9), b" /Filter /FlateDecode") if deflate else (content, b"")
        bodies.append(b"<< /Length %d%s >>\nstream\n" % (len(stream), flate) + stream + b"\nendstream")
    bodies += objects
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


def pdf_pages(count: int, box: str = "0 0 595 842") -> bytes:
    """A PDF of *count* empty pages of one size (a thousand pages is about 100 KB)."""
    return pdf([(box, b"")] * count)


def pdf_image(width: int, height: int) -> bytes:
    """A one-page PDF drawing a gray image of *width* × *height* (a deflated stream of white rows, about
    1 KB per million pixels) over an A4 page."""
    packer = zlib.compressobj(9)
    row = b"\xff" * width
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    image = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
             b"/Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(data)) + data + b"\nendstream")
    return pdf([("0 0 595 842", b"q 595 0 0 842 0 0 cm /Im0 Do Q")], [image])


def pdf_busy(fills: int) -> bytes:
    """A one-page PDF whose content fills half the page, a triangle, *fills* times (a deflated stream: 2000
    fills are 700 bytes): each renderer draws every fill, about 5 ms each for PDFium (it takes a shortcut for
    rectangles), so the page keeps it busy as long as wanted."""
    return pdf([("0 0 595 842", b"0.5 g 0 0 m 595 0 l 0 842 l f\n" * fills)], deflate=True)


def progressive_jpeg_pdf(width: int, height: int) -> bytes:
    """A one-page PDF drawing a gray progressive JPEG whose frame header claims *width* × *height* (the file
    is under 1 KB): a progressive decoder keeps every coefficient of the image, 2 bytes a pixel, before the
    first row comes out (20000 × 20000 made pdftoppm take 800 MB)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (64, 64), 255).save(buffer, "JPEG", quality=90, progressive=True)
    data = bytearray(buffer.getvalue())
    struct.pack_into(">HH", data, data.find(b"\xff\xc2") + 5, height, width)
    image = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
             b"/Filter /DCTDecode /Length %d >>\nstream\n" % (width, height, len(data)) + bytes(data) + b"\nendstream")
    return pdf([("0 0 595 842", b"q 595 0 0 842 0 0 cm /Im0 Do Q")], [image])
