"""Compare the Office files (.xlsx, .docx, .pptx) of two output folders member by member, write times aside.

    .venv/bin/python bench/office_members_cmp.py BASE_OUT MINE_OUT

Prints, for each file, "same" or the members that differ.  docProps/core.xml's created/modified times are left
out (they are the second the file was written); any other difference is printed.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

OFFICE = (".xlsx", ".docx", ".pptx")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        found = {name: package.read(name) for name in package.namelist()}
    if "docProps/core.xml" in found:
        found["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*", b"",
                                            found["docProps/core.xml"])
    return found


def main(base: Path, mine: Path) -> None:
    for name in sorted(p.relative_to(base) for p in base.rglob("*") if p.suffix in OFFICE):
        one, other = members(base / name), members(mine / name)
        differ = sorted(key for key in one.keys() | other.keys() if one.get(key) != other.get(key))
        print(f"{'same' if not differ else 'DIFF ' + ', '.join(differ)}  {name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
