"""The signature work a sync cannot skip, timed alone with the app's own functions.

    .venv/bin/python bench/signature_floor.py [N ...]

Every revision a device writes is signed by it (ed25519 over the rev id,
``sync/signing.py``); the server checks each signature before it accepts a
revision and a receiving device checks it again before it applies it from
the feed (sync.md §3.2; a brand-new device that takes the server's snapshot
checks the authority's signature of the snapshot and every revision's hash
instead).  So a sync of N new revisions costs at least N signatures and N
checks, 2·N through the feed, whatever else is made faster.  This prints that floor in CPU
seconds of one core, for the numbers of revisions the paired sync
benchmarks move (``paired_initial.py`` and ``paired_incremental.py`` print
it beside Anki's time): Anki's full sync copies a file and checks no
signature, so where the floor alone exceeds Anki's whole sync, being
ahead of Anki would need fewer checks, not faster code.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lecturer_app.sync.keys import DeviceKey, b64  # noqa: E402
from lecturer_app.sync.signing import signature_valid  # noqa: E402

ROUNDS = 3


def _rev_ids(count: int) -> list[str]:
    # Rev ids are sha256 hex digests (store.md); the content of the digest does not change the cost.
    return [hashlib.sha256(str(n).encode()).hexdigest() for n in range(count)]


def floor(count: int) -> tuple[float, float]:
    """(CPU seconds to sign *count* rev ids, CPU seconds to check their signatures once), medians of 3."""
    key, rev_ids = DeviceKey.generate(), _rev_ids(count)
    signing, checking = [], []
    for _ in range(ROUNDS):
        start = time.process_time()
        signed = [(rev_id, b64(key.sign(rev_id.encode("ascii")))) for rev_id in rev_ids]
        middle = time.process_time()
        valid = sum(signature_valid(key.public_b64, rev_id, signature) for rev_id, signature in signed)
        signing.append(middle - start)
        checking.append(time.process_time() - middle)
        if valid != count:
            raise AssertionError(f"{count - valid} of {count} signatures failed their own check")
    return statistics.median(signing), statistics.median(checking)


def floor_line(count: int) -> str:
    """One printed line: the sign + check + check floor of a sync of *count* revisions."""
    sign, check = floor(count)
    return (f"signature floor for {count} revisions (the app's own sign and check, one core, median of {ROUNDS}): "
            f"A signs {sign:.3f} s + the server checks {check:.3f} s + the receiver checks {check:.3f} s "
            f"= {sign + 2 * check:.3f} s CPU through the feed; {sign + check:.3f} s to a device taking the snapshot")


def main() -> None:
    for count in [int(argument) for argument in sys.argv[1:]] or [100, 10_000]:
        print(floor_line(count), flush=True)


if __name__ == "__main__":
    main()
