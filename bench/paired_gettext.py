"""Paired, interleaved: the cost of one ``_()`` call, a base i18n module against this checkout's.

    git show cbc8479:lecturer_app/i18n/__init__.py > /tmp/i18n_base.py
    .venv/bin/python bench/paired_gettext.py /tmp/i18n_base.py

Every plain message of lecturer_app/ (as scripts/missing_translations.py finds
them) is translated 200 times per round, in Vietnamese (no catalogue) and in
English; rounds alternate which module goes first.  Prints the median ns per
call of each and the median, min and max of the per-round ratio.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

ROUNDS = 11
REPEATS = 200


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_base", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ns_per_call(module: ModuleType, messages: list[str]) -> float:
    translate = module._
    start = time.perf_counter()
    for _round in range(REPEATS):
        for message in messages:
            translate(message)
    return (time.perf_counter() - start) / (REPEATS * len(messages)) * 1e9


def _paired(base: ModuleType, ours: ModuleType, messages: list[str]) -> tuple[list[float], list[float]]:
    base_ns: list[float] = []
    ours_ns: list[float] = []
    for index in range(ROUNDS):
        order = ((base, base_ns), (ours, ours_ns)) if index % 2 == 0 else ((ours, ours_ns), (base, base_ns))
        for module, figures in order:
            figures.append(_ns_per_call(module, messages))
    return base_ns, ours_ns


def main() -> int:
    import missing_translations

    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path

    base = _load(Path(sys.argv[1]))
    messages = [key for key in missing_translations.source_messages() if i18n.CONTEXT_SEPARATOR not in key]
    for language in ("vi", "en"):
        for module in (base, i18n):
            module.setup(language, resource_path("translations") if language == "en" else None)
        base_ns, ours_ns = _paired(base, i18n, messages)
        ratios = [o / b for b, o in zip(base_ns, ours_ns)]
        print(f"{language}: {len(messages)} messages, {ROUNDS} interleaved rounds:"
              f" base {statistics.median(base_ns):.1f} ns/call, ours {statistics.median(ours_ns):.1f} ns/call,"
              f" ours/base median"
              f" {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
