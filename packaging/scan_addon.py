"""Makes the scan add-on folder of the packed app (docs/packaging.md, lecturer_app/importers/omr/addon.py).

    .venv/bin/python packaging/scan_addon.py dist/lecturer-app-scan-addon
    .venv\\Scripts\\python packaging\\scan_addon.py dist\\lecturer-app-scan-addon      (Windows)

Run it with the interpreter of the environment the app was frozen from: it
copies the files the wheels of OpenCV (opencv-python-headless), numpy and
PDFium (pypdfium2) installed into that environment's site-packages, as they
are (packages, their bundled-library folders such as ``numpy.libs``, and
their ``.dist-info`` folders, which hold the licence files), and writes
``addon.json`` with this Python's version, which the app checks before
using the add-on.  Scripts installed outside site-packages (``f2py``…) are
left out.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from importlib import metadata
from pathlib import Path

# The distributions answer-sheet scanning imports (opencv needs numpy; pypdfium2 renders PDF pages
# where poppler's pdftoppm is missing, as on Windows).
DISTRIBUTIONS = ("opencv-python-headless", "numpy", "pypdfium2")
MANIFEST = "addon.json"  # the name lecturer_app/importers/omr/addon.py reads


def top_level_entries(distribution: metadata.Distribution) -> set[str]:
    """The first path part of every file the distribution installed inside site-packages."""
    files = distribution.files or []
    return {file.parts[0] for file in files if file.parts and file.parts[0] != ".."}


def copy_distribution(distribution: metadata.Distribution, target: Path) -> None:
    site = Path(str(distribution.locate_file("")))
    for entry in sorted(top_level_entries(distribution)):
        source = site / entry
        if source.is_dir():
            shutil.copytree(source, target / entry, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, target / entry)


def build(target: Path, app_version: str) -> dict:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    versions = {}
    for name in DISTRIBUTIONS:
        distribution = metadata.distribution(name)
        copy_distribution(distribution, target)
        versions[name] = distribution.version
    manifest = {"python": f"{sys.version_info.major}.{sys.version_info.minor}", "app": app_version,
                "platform": sys.platform, "libraries": versions}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="the add-on folder to make (replaced when it exists)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import lecturer_app

    print(json.dumps(build(args.target, lecturer_app.__version__)))


if __name__ == "__main__":
    main()
