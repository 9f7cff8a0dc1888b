"""Writing every version's files: a forked helper writes the same bytes, and failures and cancels still surface."""

from __future__ import annotations

import io
import os

import pytest

from lecturer_app.core import second_process
from lecturer_app.core.model import ImageRef, Option, Question
from lecturer_app.core.safe_write import WriteError
from lecturer_app.exam.draw import PaperVersion, PrintedQuestion
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.version_files import (
    MIN_PARALLEL,
    VersionJob,
    helper_split,
    version_paths,
    write_versions,
)

VERSIONS = 6


class Cancelled(Exception):
    pass


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (240, 120), (30, 90, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def _versions() -> list[PaperVersion]:
    """Versions with a picture question, shuffled options and an essay (codes 101, 102, …)."""
    pictured = Question(type="single_choice", stem="Đảng Cộng sản Việt Nam ra đời năm nào?",
                        options=[Option("1925"), Option("1930", correct=True), Option("1945"), Option("1954")],
                        images=[ImageRef(sha256="anh", filename="anh.png")])
    plain = Question(type="single_choice", stem="Hội nghị thành lập Đảng họp ở đâu?",
                     options=[Option("Cửu Long (Hương Cảng)", correct=True), Option("Quảng Châu"),
                              Option("Ma Cao"), Option("Hà Nội")])
    essay = Question(type="essay", stem="Phân tích ý nghĩa lịch sử của Cách mạng Tháng Tám năm 1945.")
    versions = []
    for n in range(VERSIONS):
        order = [(i + n) % 4 for i in range(4)]
        items = [PrintedQuestion(pictured, 0.5, order, "ABCD"[order.index(1)]),
                 PrintedQuestion(plain, 0.5, order, "ABCD"[order.index(0)])]
        versions.append(PaperVersion(str(101 + n), items[::-1] if n % 2 else items,
                                     [PrintedQuestion(essay, 9.0, [], "")]))
    return versions


def _job(folder, parallel: bool, images=None) -> VersionJob:
    folder.mkdir()
    return VersionJob(PaperSettings(), folder, docx=False, images=images, parallel=parallel)


@pytest.fixture
def forking(monkeypatch, single_threaded):
    if VERSIONS < MIN_PARALLEL:
        pytest.skip("no forked helper for so few versions")
    monkeypatch.setattr(second_process, "spare_core", lambda **_: True)   # fork however busy the test machine is


def test_a_busy_machine_builds_in_one_process(tmp_path, monkeypatch):
    def no_fork():
        raise AssertionError("forked on a busy machine")

    monkeypatch.setattr(second_process, "spare_core", lambda **_: False)
    monkeypatch.setattr(os, "fork", no_fork)
    job = _job(tmp_path / "de", True)
    written, _ = write_versions(job, _versions(), None, VERSIONS + 1)
    assert written == [version_paths(job, v) for v in _versions()]


@pytest.mark.parametrize("core_free", [True, False], ids=["forked", "one process"])
def test_the_fork_is_decided_after_the_first_version_by_samples_taken_around_it(tmp_path, monkeypatch, core_free,
                                                                                 single_threaded, no_child_left):
    if VERSIONS < MIN_PARALLEL:
        pytest.skip("no forked helper for so few versions")
    job = _job(tmp_path / "de", True)
    seen = []

    def decide(samples) -> bool:
        seen.append(((job.out / "de_101.pdf").exists(), (job.out / "de_102.pdf").exists(), len(samples)))
        return core_free

    monkeypatch.setattr(second_process, "spare_core", lambda **kwargs: decide(kwargs["samples"]))
    written, extra = write_versions(job, _versions(), None, VERSIONS + 1, meanwhile=lambda: "shared files")
    assert seen == [(True, False, 3)]  # the first version written, no other; before the skeleton, before and after it
    assert extra == "shared files"
    assert written == [version_paths(job, v) for v in _versions()]
    assert all(path.stat().st_size > 0 for paths in written for path in paths)


def test_the_forked_helper_writes_the_same_bytes_as_one_process(tmp_path, forking, no_child_left):
    png = _png()
    versions = _versions()
    alone, _ = write_versions(_job(tmp_path / "one", False, lambda sha: png), versions, None, VERSIONS + 1)
    shared, extra = write_versions(_job(tmp_path / "two", True, lambda sha: png), versions, None, VERSIONS + 1,
                                   meanwhile=lambda: "shared files")
    assert extra == "shared files"
    assert [[p.name for p in paths] for paths in shared] == [[p.name for p in paths] for paths in alone]
    for one, two in zip(alone, shared):
        for a, b in zip(one, two):
            assert a.read_bytes() == b.read_bytes(), a.name


def test_files_come_back_in_version_order_with_paper_then_key(tmp_path):
    job = _job(tmp_path / "de", True)
    versions = _versions()
    written, _ = write_versions(job, versions, None, VERSIONS + 1)
    assert written == [version_paths(job, v) for v in versions]
    assert [p.name for p in written[4]] == ["de_105.pdf", "dap_an_105.pdf"]
    assert all(path.stat().st_size > 0 for paths in written for path in paths)


def test_a_version_the_helper_cannot_write_raises_its_own_error(tmp_path, forking, no_child_left):
    job = _job(tmp_path / "de", True)
    (job.out / "de_105.pdf").mkdir()  # whichever process takes version 5, its paper cannot be written
    with pytest.raises(WriteError, match="de_105.pdf"):
        write_versions(job, _versions(), None, VERSIONS + 1)


def test_versions_a_failed_child_took_are_written_here(tmp_path, forking, no_child_left, monkeypatch):
    from lecturer_app.exporters.exam import version_files

    parent, real_write = os.getpid(), version_files.write_version

    def fails_in_the_child(job, version):
        if os.getpid() != parent:
            raise RuntimeError("the child's disk is full")
        return real_write(job, version)

    monkeypatch.setattr(version_files, "write_version", fails_in_the_child)
    versions = _versions()
    alone, _ = write_versions(_job(tmp_path / "one", False), versions, None, VERSIONS + 1)
    shared, _ = write_versions(_job(tmp_path / "two", True), versions, None, VERSIONS + 1)
    for one, two in zip(alone, shared):
        for a, b in zip(one, two):
            assert a.read_bytes() == b.read_bytes(), a.name


def test_without_a_second_process_this_one_takes_every_version(tmp_path, forking, monkeypatch):
    def refused() -> int:
        raise OSError("fork refused")

    monkeypatch.setattr(os, "fork", refused)
    job = _job(tmp_path / "de", True)
    written, extra = write_versions(job, _versions(), None, VERSIONS + 1, meanwhile=lambda: "shared files")
    assert extra == "shared files"
    assert written == [version_paths(job, v) for v in _versions()]
    assert all(path.stat().st_size > 0 for paths in written for path in paths)


def test_cancelling_from_progress_stops_the_helper(tmp_path, forking, no_child_left):
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        raise Cancelled()

    with pytest.raises(Cancelled):
        write_versions(_job(tmp_path / "de", True), _versions(), progress, VERSIONS + 1)
    assert calls and calls[0][1] == VERSIONS + 1


@pytest.mark.parametrize("parallel", [False, True])
def test_progress_rises_and_stays_below_the_total_until_the_build_ends(tmp_path, parallel):
    calls = []
    write_versions(_job(tmp_path / "de", parallel), _versions(), lambda d, t: calls.append((d, t)), VERSIONS + 1)
    done = [d for d, _t in calls]
    assert done == sorted(done) and done and done[-1] <= VERSIONS
    assert {t for _d, t in calls} == {VERSIONS + 1}


def test_the_helper_takes_more_versions_when_this_process_also_writes_the_shared_files():
    assert helper_split(24, meanwhile=False) == 12
    assert helper_split(24, meanwhile=True) < 12
    assert helper_split(4, meanwhile=True) >= 1 and helper_split(4, meanwhile=False) <= 3
