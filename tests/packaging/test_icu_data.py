"""The trimmed ICU data of the Linux build (packaging/linux/icu_data.py), checked on the source tree.

The frozen build's own library is checked by test_frozen_app.py (Vietnamese collation).
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "linux"))
from icu_data import kept, read_package, trim_library, write_package  # noqa: E402
from icu_probe import probe_icu  # noqa: E402

HEADER = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0) + b"CmnD" + bytes(16)


@pytest.mark.parametrize(("name", "stays"), [
    ("icudt73l/coll/vi.res", True), ("icudt73l/vi_VN.res", True), ("icudt73l/curr/en_GB.res", True),
    ("icudt73l/coll/root.res", True), ("icudt73l/coll/ucadata.icu", True), ("icudt73l/pool.res", True),
    ("icudt73l/res_index.res", True), ("icudt73l/supplementalData.res", True), ("icudt73l/uprops.icu", True),
    ("icudt73l/cnvalias.icu", True), ("icudt73l/brkitr/line.brk", True),
    ("icudt73l/coll/fr.res", False), ("icudt73l/zone/zh_Hant_TW.res", False), ("icudt73l/ibm-1390_P110-2003.cnv", False),
    ("icudt73l/brkitr/cjdict.dict", False), ("icudt73l/translit/root.res", False), ("icudt73l/lang/yue.res", False),
])
def test_only_vietnamese_and_english_locales_and_what_is_not_a_locales_stay(name, stays):
    assert kept(name) is stays


def test_a_written_package_reads_back_with_every_item_on_a_16_byte_boundary():
    items = [("icudt73l/a.res", b"x" * 5), ("icudt73l/coll/vi.res", b"y" * 33), ("icudt73l/z.icu", b"z")]
    blob = write_package(HEADER, items)
    header, read = read_package(blob)
    assert header == HEADER and [name for name, _ in read] == [name for name, _ in items]
    assert all(data.startswith(original) for (_, data), (_, original) in zip(read, items))
    table = blob[len(HEADER):]
    offsets = [struct.unpack_from("<II", table, 4 + 8 * index)[1] for index in range(len(items))]
    assert all((len(HEADER) + offset) % 16 == 0 for offset in offsets)


def test_something_else_is_not_read_as_a_package():
    with pytest.raises(ValueError):
        read_package(b"\x20\x00\xda\x27" + bytes(8) + b"ResB" + bytes(32))


def _qt_icu() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found and shutil.which("ld") and shutil.which("readelf") else None


@pytest.mark.skipif(_qt_icu() is None, reason="Qt's ICU (Linux wheels) and binutils")
def test_qts_icu_trimmed_still_collates_vietnamese_and_falls_back_to_root_for_the_rest(tmp_path):
    original = _qt_icu()
    work = tmp_path / "Thư mục làm việc"
    trimmed = trim_library(original, work)
    assert trimmed.stat().st_size < original.stat().st_size / 4
    version = original.name.rsplit(".", 1)[-1]
    for part in ("uc", "i18n"):  # the real ICU libraries beside the trimmed data (they look in $ORIGIN)
        shutil.copy(original.with_name(f"libicu{part}.so.{version}"), work)
    # ă is a letter after a in Vietnamese; a locale left out falls back to the root order, not an error.
    u_using_default_warning = -127
    assert probe_icu(work, version, "vi", "fr") == [[0, 1], [u_using_default_warning, -1]]

