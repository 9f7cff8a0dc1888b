"""A forking test that finds other threads running names the test that left them, and fails on CI.

Each case runs pytest over a tiny test folder in a child process, with this suite's conftest as a
plugin: one test leaves a thread running, a later one needs a single-threaded process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import fork_guard

ROOT = Path(__file__).resolve().parents[1]
LEAVES_A_THREAD = '''
import threading

STOP = threading.Event()


def test_leaves_a_thread_running():
    threading.Thread(target=STOP.wait, daemon=True).start()
'''
FORKS = '''
def test_forks(single_threaded):
    pass
'''

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads are counted in /proc")


def _pytest_over(folder: Path, *tests: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """``pytest -rs TESTS…`` in *folder* (no installed plugin), the environment without CI settings but with
    *variables*."""
    left_out = ("CI", fork_guard.STRICT_VARIABLE, *fork_guard.SINGLE_THREADED_LIBRARIES)
    env = {name: value for name, value in os.environ.items() if name not in left_out}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # only this suite's conftest: a start in 0.3 s, not 2 s
    command = [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", "-rs",
               "--rootdir", str(folder), *tests]
    return subprocess.run(command, cwd=folder, env={**env, **variables}, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "test_a_thread.py").write_text(LEAVES_A_THREAD, encoding="utf-8")
    (tmp_path / "test_b_fork.py").write_text(FORKS, encoding="utf-8")
    return tmp_path


def test_alone_the_forking_test_runs(folder):
    run = _pytest_over(folder, "test_b_fork.py", **{fork_guard.STRICT_VARIABLE: "1"})
    assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout + run.stderr


def test_after_a_test_that_left_a_thread_it_skips_naming_that_test(folder):
    run = _pytest_over(folder)
    assert run.returncode == 0 and "1 passed, 1 skipped" in run.stdout, run.stdout + run.stderr
    assert "left running by test_a_thread.py::test_leaves_a_thread_running" in run.stdout


@pytest.mark.parametrize("variables", [{fork_guard.STRICT_VARIABLE: "1"}, {"CI": "true"}], ids=["asked", "CI"])
def test_on_ci_the_skip_is_a_failure_naming_that_test(folder, variables):
    run = _pytest_over(folder, **variables)
    assert run.returncode == 1 and "1 passed, 1 error" in run.stdout, run.stdout + run.stderr
    assert "left running by test_a_thread.py::test_leaves_a_thread_running" in run.stdout
    assert "skipped" not in run.stdout


@pytest.mark.parametrize(("variables", "strict"), [
    ({}, False), ({"CI": ""}, False), ({"CI": "false"}, False), ({"CI": "0"}, False),
    ({"CI": "true"}, True), ({"CI": "1"}, True), ({fork_guard.STRICT_VARIABLE: "1"}, True),
    ({fork_guard.STRICT_VARIABLE: "0"}, False),
])
def test_strict_on_ci_or_when_asked(variables, strict):
    assert fork_guard.strict(variables) is strict


def test_the_numerical_libraries_are_asked_for_no_threads_unless_set_otherwise():
    environ = {"OPENBLAS_NUM_THREADS": "4"}
    fork_guard.keep_libraries_single_threaded(environ)
    assert environ == {"OPENBLAS_NUM_THREADS": "4", "OPENCV_FOR_THREADS_NUM": "1"}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="OpenBLAS starts no thread on one core")
@pytest.mark.parametrize("blas_threads", ["2", None], ids=["asked for 2", "left to the suite"])
def test_numpy_imported_at_collection_starts_no_thread_unless_asked(tmp_path, blas_threads):
    (tmp_path / "test_numpy.py").write_text("import numpy\n\n" + FORKS, encoding="utf-8")
    variables = {"OPENBLAS_NUM_THREADS": blas_threads} if blas_threads else {}
    run = _pytest_over(tmp_path, **variables)
    if blas_threads:
        assert "1 skipped" in run.stdout and "left running by the collection" in run.stdout, run.stdout + run.stderr
    else:
        assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout + run.stderr
