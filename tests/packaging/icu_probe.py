"""How the ICU in a folder orders "ăn" and "az" for each locale given: ``probe_icu`` runs this file as a
script (python icu_probe.py LIB_FOLDER VERSION LOCALE… -> JSON [[status, order], …]).

In a process of its own, so that the ICU of the folder is the one loaded (a test process that has
started Qt already holds the virtual environment's ICU, which a library loaded later would share).
Status 0: the locale's own collation; -127 (U_USING_DEFAULT_WARNING): ICU fell back to the root order.
"""

from __future__ import annotations

import ctypes
import json
import subprocess
import sys
from pathlib import Path


def probe_icu(folder: Path, version: str, *locales: str) -> list[list[int]]:
    done = subprocess.run([sys.executable, __file__, str(folder), version, *locales], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def orders(folder: Path, version: str, locales: list[str]) -> list[tuple[int, int]]:
    icu = ctypes.CDLL(str(folder / f"libicui18n.so.{version}"))
    open_collator = getattr(icu, f"ucol_open_{version}")
    open_collator.restype, open_collator.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    compare = getattr(icu, f"ucol_strcoll_{version}")
    compare.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    found = []
    for locale in locales:
        status = ctypes.c_int(0)
        collator = open_collator(locale.encode(), ctypes.byref(status))
        first, second = "ăn".encode("utf-16-le"), "az".encode("utf-16-le")
        found.append((status.value, compare(collator, first, 2, second, 2) if collator else 0))
    return found


if __name__ == "__main__":
    print(json.dumps(orders(Path(sys.argv[1]), sys.argv[2], sys.argv[3:])))
