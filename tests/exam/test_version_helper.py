"""The helper process started ahead (spawn) writes the same bytes, and failures and cancels still surface."""

from __future__ import annotations

import pytest

from lecturer_app.core.safe_write import WriteError
from lecturer_app.exporters.exam.version_files import write_versions
from lecturer_app.exporters.exam.version_helper import VersionHelper
from tests.exam.test_version_files import VERSIONS, Cancelled, _job, _png, _versions


@pytest.fixture(scope="module")
def helper():
    started = VersionHelper()
    started.start()
    assert started.wait_ready(60), "the helper process did not start"
    yield started
    started.stop()


def test_the_helper_process_writes_the_same_bytes_as_one_process(tmp_path, helper):
    png = _png()
    versions = _versions()
    alone, _ = write_versions(_job(tmp_path / "one", False, lambda sha: png), versions, None, VERSIONS + 1)
    shared, extra = write_versions(_job(tmp_path / "two", True, lambda sha: png), versions, None, VERSIONS + 1,
                                   meanwhile=lambda: "shared files", helper=helper)
    assert extra == "shared files"
    assert [[p.name for p in paths] for paths in shared] == [[p.name for p in paths] for paths in alone]
    for one, two in zip(alone, shared):
        for a, b in zip(one, two):
            assert a.read_bytes() == b.read_bytes(), a.name
    assert helper.claim()  # free again for the next build
    assert not helper.claim()  # one build at a time
    helper.release()


def test_a_version_the_helper_cannot_write_raises_its_own_error_and_the_helper_stays(tmp_path, helper):
    job = _job(tmp_path / "de", True)
    (job.out / "de_106.pdf").mkdir()  # the last version is the helper's; its paper cannot be written
    with pytest.raises(WriteError, match="de_106.pdf"):
        write_versions(job, _versions(), None, VERSIONS + 1, helper=helper)
    assert helper.wait_ready(5)


def test_a_busy_or_cold_helper_is_not_waited_for(tmp_path):
    cold = VersionHelper()  # never started
    written, _ = write_versions(_job(tmp_path / "de", True), _versions(), None, VERSIONS + 1, helper=cold)
    assert all(path.is_file() for paths in written for path in paths)


def test_cancelling_from_progress_stops_the_helper_and_a_new_one_can_start(tmp_path):
    helper = VersionHelper()
    helper.start()
    assert helper.wait_ready(60)

    def progress(done: int, total: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        write_versions(_job(tmp_path / "de", True), _versions(), progress, VERSIONS + 1, helper=helper)
    assert not helper.wait_ready(0)  # stopped
    helper.start()
    assert helper.wait_ready(60)
    helper.stop()


def test_a_cancel_while_waiting_for_the_helper_stops_it(tmp_path):
    helper = VersionHelper()
    helper.start()
    assert helper.wait_ready(60)
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if seen.count(done) > 1:  # reported again: this process is done and waits for the helper
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_versions(_job(tmp_path / "de", True), _versions(), progress, VERSIONS + 1, helper=helper)
    assert seen[-1] == seen[-2] and not helper.wait_ready(0)
