"""Wall time and peak RSS of a whole process, with none of the parent's memory counted.

Linux folds the parent's resident high-water mark into a child's ``ru_maxrss``
when the child execs (the child starts on the parent's pages, fork or vfork),
so ``wait4`` on a child of a large benchmark driver reports at least the
driver's own peak.  Two ways round it, both used here:

* ``run`` starts a small launcher process that forks and execs the command:
  the command's figure then has a floor of the launcher's few MB, below any
  Python program's own start-up footprint;
* ``own_peak_mb`` reads ``VmHWM`` from ``/proc/self/status``, the high-water
  mark of this process's own address space (fresh at exec), for children that
  report their own figure.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_LAUNCHER = r"""
import json, os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "exit": os.waitstatus_to_exitcode(status), "peak_mb": usage.ru_maxrss / 1024,
               "cpu": usage.ru_utime + usage.ru_stime}, out)
"""


@dataclass(frozen=True)
class Measured:
    """One finished process: wall seconds (fork to exit), exit code, peak RSS in MB, CPU seconds."""

    seconds: float
    exit: int
    peak_mb: float
    cpu: float


def run(command: list[str], **popen: object) -> Measured:
    """Run *command* to the end (``popen`` goes to ``subprocess.run``: cwd, env, stdout…) and measure it."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "measured.json"
        subprocess.run([sys.executable, "-c", _LAUNCHER, str(report), *command], check=False, **popen)  # type: ignore[call-overload]
        return Measured(**json.loads(report.read_text()))


def own_peak_mb() -> float:
    """This process's own resident high-water mark in MB (``VmHWM``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmHWM missing from /proc/self/status")
