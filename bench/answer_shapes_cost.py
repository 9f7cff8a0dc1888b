"""What checking a page of changes against its shape costs (session 14, sync/answer_shapes.py).

    PYTHONPATH=CHECKOUT .venv/bin/python bench/answer_shapes_cost.py [ROWS] [REPEATS]

Builds a page as the server serves it (``{"items": [{"rev": …, "sig": …}], "next", "more", "devices"}``) from
ROWS revisions of the shipped bank (their real JSON, bodies and all), parses it once with the app's reader, then
times REPEATS checks of it against ``answer_shapes.PAGE`` and REPEATS parses of its text (what reading a page
cost before this check), each the median of its repeats, CPU seconds of the process beside.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from lecturer_app.core.bank.shipped_import import shipped_revisions
from lecturer_app.core.json_reading import parse_json
from lecturer_app.core.resources import bank_path
from lecturer_app.sync.answer_shapes import PAGE


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    revisions = shipped_revisions(bank_path())[1][:rows]
    sig = {"signer": "f" * 64, "signature": "s" * 88}
    text = json.dumps({"items": [{"rev": rev.to_json(), "sig": sig} for rev in revisions], "next": 5000,
                       "more": True, "devices": {}}, ensure_ascii=False)
    page = parse_json(text, "page")
    assert PAGE.fits(page)
    cpu = time.process_time()
    checks, parses = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        assert PAGE.fits(page)
        checks.append(time.perf_counter() - start)
        start = time.perf_counter()
        parse_json(text, "page")
        parses.append(time.perf_counter() - start)
    print(f"page of {len(revisions)} revisions, {len(text.encode()) / 1e6:.2f} MB of JSON, {repeats} repeats")
    print(f"shape check: median {statistics.median(checks) * 1e3:.2f} ms (min {min(checks) * 1e3:.2f}, "
          f"max {max(checks) * 1e3:.2f})")
    print(f"parse (before the check, unchanged): median {statistics.median(parses) * 1e3:.2f} ms "
          f"(min {min(parses) * 1e3:.2f}, max {max(parses) * 1e3:.2f})")
    print(f"check ÷ parse: {statistics.median(checks) / statistics.median(parses):.3f}; "
          f"CPU seconds of the loop: {time.process_time() - cpu:.2f}")


if __name__ == "__main__":
    main()
