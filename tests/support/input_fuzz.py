"""The input fuzzer: mutants of every kind of file the app reads, run through the real commands.

A *seed* is a valid file of one kind and the command that reads it (the
same ``lecturer-app`` command a lecturer runs, on a copy of a real data
folder).  A mutant is the seed damaged by ``input_mutations.mutate`` under a
``random.Random`` named by the run's seed and the mutant's number, so any
mutant can be rebuilt from its name.  Each mutant runs in a forked child
(the parent has imported the app and its readers once), with its address
space limited to 500 MB over the parent's and a time limit, and gets a verdict:

- ``ok``: the command succeeded, or read the file and listed what it skipped;
- ``refused``: it failed with one clear "Lỗi: …" message naming the file;
- ``BUG …``: an unexpected error (the message every non-user error becomes),
  a traceback, a crash, a hang, memory exhausted, a message that does not
  name the file, the database changed by a command that failed, or an
  output file left behind by one; for a scanned sheet, a value read other
  than what was filled with no doubt raised (``scan_seeds.misread``).

docs/design/hardening.md describes it; ``scripts/fuzz_inputs.py`` runs it long.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tests.support.bundle_content_mutations import content_mutator
from tests.support.input_mutations import mutate

if TYPE_CHECKING:
    from lecturer_app.sync.keys import DeviceKey

DATABASE = "lecturer_app.sqlite3"
TOPIC = "NTD-01"  # a shipped topic with a plan, a deck and questions


@dataclass(frozen=True)
class Seed:
    """A valid input file, and how the app reads it.

    ``folder`` (when given) is copied whole for each mutant and ``path`` is
    the member of it that is damaged (an exam's ``exam.json``, a bank's
    ``plan.md``); ``argv`` builds the command from the mutant's path, the
    data folder and an output folder that must stay empty when it fails.
    """

    name: str
    path: Path
    argv: Callable[[Path, Path, Path], list[str]]
    folder: Path | None = None
    names: tuple[str, ...] = ()  # what a refusal may name instead of the file (the folder of a bank)
    database_input: bool = False  # the mutant is the database itself: no "before" to compare with
    # How a mutant is made (default ``input_mutations.mutate``): a bundle's content re-signed, for one.
    mutator: Callable[[random.Random, bytes, str], tuple[bytes, str]] | None = None
    # Commands run on the data folder after the command succeeded: what it let in must not break them
    # (a record whose body does not read, a path outside the folder…).
    then: tuple[tuple[str, ...], ...] = ()
    # Run on the placed mutant: a backup's manifest made to match its changed database, for one.
    settle: Callable[[Path], None] | None = None
    # The command's stdout → what it read wrong without saying so ("" when nothing): a scan's answers against
    # what was filled (scan_seeds.misread).
    misread: Callable[[str], str] | None = None
    # Environment of the child: PATH without poppler, so a PDF is rendered by PDFium as on Windows.
    environ: tuple[tuple[str, str], ...] = ()

    def place(self, data: bytes, scratch: Path) -> Path:
        """Write the mutant *data* where the command will read it; its path."""
        if self.folder is None:
            target = scratch / self.path.name
        else:
            shutil.copytree(self.folder, scratch / self.folder.name)
            target = scratch / self.folder.name / self.path.relative_to(self.folder)
        target.write_bytes(data)
        if self.settle is not None:
            self.settle(target)
        return target


@dataclass
class Verdict:
    mutant: str
    seed: str
    what: str
    verdict: str
    seconds: float
    message: str = ""
    detail: str = ""

    @property
    def is_bug(self) -> bool:
        return self.verdict.startswith("BUG")


@dataclass
class Limits:
    seconds: float = 30.0
    memory_mb: int = 500


@dataclass
class Template:
    """The data folder every mutant's command runs on, restored before each from ``pristine``.

    The folder keeps its path: a database opened in another folder is a copy
    and mints a new replica id (core/store/replica.py), a change of its own.
    """

    folder: Path
    pristine: Path
    _dump: str = field(default="", init=False)

    def freeze(self) -> None:
        """Take the folder as it is now as the state every mutant starts from."""
        shutil.rmtree(self.pristine, ignore_errors=True)
        shutil.copytree(self.folder, self.pristine)
        self._dump = ""

    def restore(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(self.pristine, self.folder)

    def dump(self) -> str:
        if not self._dump:
            self._dump = database_dump(self.pristine)
        return self._dump


def database_dump(folder: Path) -> str:
    """The sha256 of ``.dump`` of the data folder's database: its content, not its pages."""
    connection = sqlite3.connect(f"file:{folder / DATABASE}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for line in connection.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    finally:
        connection.close()


def mutant_bytes(seed: Seed, run_seed: int, number: int) -> tuple[bytes, str]:
    """Mutant *number* of the run *run_seed* from *seed*: the same bytes every time."""
    rng = random.Random(f"{run_seed}:{number}:{seed.name}")
    return (seed.mutator or mutate)(rng, seed.path.read_bytes(), seed.path.name)


# --- running one mutant -----------------------------------------------------------------------------

def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmSize:"))
    return int(line.split()[1]) * 1024


def _child(argv: list[str], scratch: Path, memory_mb: int, then: Sequence[list[str]] = ()) -> None:
    """Run *argv* as ``lecturer-app`` does, its streams into files, then each of *then* if it succeeded (a
    failure of one of those is written to ``then``); never returns."""
    code = 70
    try:
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory_mb * 1024 * 1024, resource.RLIM_INFINITY))
        out, err = io.StringIO(), io.StringIO()
        try:
            code = run_command(argv, out, err)
            if code == 0 or not _error_line(err.getvalue()):  # succeeded, or read and listed what it skipped
                _then(then, scratch)
        finally:
            (scratch / "stdout").write_text(out.getvalue(), encoding="utf-8", errors="replace")
            (scratch / "stderr").write_text(err.getvalue(), encoding="utf-8", errors="replace")
    except BaseException as escaped:  # noqa: BLE001 - what escaped main is the finding
        import traceback

        with open(scratch / "escaped", "w", encoding="utf-8") as handle:
            traceback.print_exception(escaped, file=handle)
    finally:
        os._exit(code)


def _then(commands: Sequence[list[str]], scratch: Path) -> None:
    """Run each follow-up command; the first that fails is written to ``then`` with its stderr."""
    for argv in commands:
        out, err = io.StringIO(), io.StringIO()
        try:
            code = run_command(argv, out, err)
        except Exception:  # noqa: BLE001 - what escaped main is the finding
            import traceback

            code, err = 70, io.StringIO(traceback.format_exc())
        if code != 0 and not _only_missing_blobs(argv, out.getvalue()):
            (scratch / "then").write_text(f"{' '.join(argv[3:])} exited {code}\n{out.getvalue()[-2000:]}{err.getvalue()}",
                                          encoding="utf-8")
            return


def _only_missing_blobs(argv: list[str], report: str) -> bool:
    """``check`` listing nothing but blobs records reference and this folder lacks: a state sync allows (a want
    file lists them and the next bundle brings them), not one an import made wrong.  (That ``check`` then
    advises restoring a backup is noted in docs/design/hardening.md.)"""
    findings = [line for line in report.splitlines() if line.startswith("- ")]
    return argv[-1] == "check" and bool(findings) and all(line.startswith("- thiếu tệp dữ liệu ") for line in findings)


def run_command(argv: list[str], out: io.StringIO, err: io.StringIO) -> int:
    """``lecturer-app ARGV``, or the shipped-bank import (``bank-import DATA FOLDER``), which no command runs."""
    if argv[0] != "bank-import":
        from lecturer_app.cli import main

        return main(argv, out=out, err=err)
    return _bank_import(Path(argv[1]), Path(argv[2]), err)


def _bank_import(data_dir: Path, folder: Path, err: io.StringIO) -> int:
    """What the app does with a new shipped bank at start (``core/bank``), with the CLI's error handling."""
    from lecturer_app.core.bank.shipped_import import import_bank
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.core.store.db import user_error
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data_dir)
    try:
        import_bank(workspace.store, folder)
        return 0
    except Exception as exc:  # noqa: BLE001 - sorted into user errors and findings below
        import traceback

        traceback.print_exception(exc, file=err)
        exc = user_error(exc) or exc
        clean = isinstance(exc, UserFacingError) or isinstance(exc, OSError) and exc.filename  # as cli._report
        err.write(("Lỗi: " if clean else "Lỗi: Lỗi không mong đợi: ") + str(exc) + "\n")
        return 1
    finally:
        workspace.close()


def _wait(pid: int, seconds: float) -> tuple[int | None, str]:
    """(exit code or None, how it ended) of child *pid*, killed after *seconds*."""
    deadline = time.monotonic() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            if os.WIFSIGNALED(status):
                return None, f"killed by signal {os.WTERMSIG(status)}"
            return os.WEXITSTATUS(status), ""
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None, f"hang: still running after {seconds:.0f} s"
        time.sleep(0.01)


def run_mutant(seed: Seed, data: bytes, template: Template, scratch: Path, limits: Limits,
               name: str = "", what: str = "") -> Verdict:
    """Run the command of *seed* on the mutant *data* and judge what it did."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    data_dir, output = template.folder, scratch / "out"
    template.restore()
    output.mkdir()
    path = seed.place(data, scratch)
    argv = seed.argv(path, data_dir, output)
    then = [_cli(data_dir, *command) for command in seed.then]
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.environ.update(seed.environ)
        _child(argv, scratch, limits.memory_mb, then)
    code, ended = _wait(pid, limits.seconds)
    seconds = time.monotonic() - started
    verdict = judge(seed, path, code, ended, scratch, template)
    verdict.mutant, verdict.what, verdict.seconds = name, what, seconds
    return verdict


# --- judging ----------------------------------------------------------------------------------------

def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _error_line(stderr: str) -> str:
    """The one message line the CLI writes for a failure ("Lỗi: …"), past any --debug traceback."""
    lines = [line for line in stderr.splitlines() if line.startswith(("Lỗi: ", "Error: "))]
    return lines[-1] if lines else ""


def judge(seed: Seed, path: Path, code: int | None, ended: str, scratch: Path, template: Template) -> Verdict:
    """The verdict on a run that ended with *code* (None: killed, *ended* says why), from what it left in
    *scratch* (its stderr, an escaped traceback, its output folder) and in the template's data folder."""
    stderr, escaped = _read(scratch / "stderr"), _read(scratch / "escaped")
    verdict = Verdict("", seed.name, "", "ok", 0.0, _error_line(stderr))
    if code is None:
        verdict.verdict, verdict.detail = f"BUG {'hang' if ended.startswith('hang') else 'crash'}", ended
    elif escaped:
        verdict.verdict, verdict.detail = "BUG traceback", escaped[-3000:]
    elif "Lỗi không mong đợi" in verdict.message or "MemoryError" in stderr:
        verdict.verdict, verdict.detail = "BUG unexpected error", stderr[-3000:]
    elif code != 0 and verdict.message:
        verdict.verdict = "refused"
        _judge_refusal(verdict, seed, path, scratch, template, stderr)
    elif then := _read(scratch / "then"):
        verdict.verdict, verdict.detail = "BUG what was let in breaks a later command", then[-3000:]
    elif seed.misread is not None and (wrong := seed.misread(_read(scratch / "stdout"))):
        verdict.verdict, verdict.detail = "BUG read wrong without a doubt", wrong[:3000]
    return verdict


def _judge_refusal(verdict: Verdict, seed: Seed, path: Path, scratch: Path, template: Template, stderr: str) -> None:
    """A failed command must name the file, write no output and leave the database as it was."""
    names = (path.name, *seed.names)
    if not any(name in verdict.message for name in names):
        verdict.verdict, verdict.detail = "BUG message does not name the file", stderr[-3000:]
    elif leftovers := sorted(str(p.relative_to(scratch)) for p in (scratch / "out").rglob("*")):
        verdict.verdict, verdict.detail = "BUG output left behind", ", ".join(leftovers)
    elif not seed.database_input and "đã ghi" not in verdict.message and _database_changed(template):
        verdict.verdict, verdict.detail = "BUG database changed by a failed command", stderr[-3000:]


def _database_changed(template: Template) -> bool:
    data_dir = template.folder
    wal = data_dir / f"{DATABASE}-wal"
    if (data_dir / DATABASE).read_bytes() == (template.pristine / DATABASE).read_bytes() and not (
            wal.exists() and wal.stat().st_size):
        return False
    return database_dump(data_dir) != template.dump()


# --- the seeds --------------------------------------------------------------------------------------

def _cli(data_dir: Path, *args: str) -> list[str]:
    """A command's arguments; ``--debug`` puts the traceback of an unexpected error in the verdict."""
    return ["--debug", "--data-dir", str(data_dir), *args]


def _run_cli(*argv: str) -> str:
    from lecturer_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    if code != 0:
        raise RuntimeError(f"lecturer-app {' '.join(argv)} failed: {err.getvalue()}")
    return out.getvalue()


def make_template(work: Path) -> Template:
    """A data folder on the shipped bank with its device key and an organisation (``build_seeds`` then freezes
    it)."""
    folder = work / "data"
    _run_cli("--data-dir", str(folder), "stats")
    _run_cli("--data-dir", str(folder), "device", "show")
    _run_cli("--data-dir", str(folder), "org", "set", "--name", "Trung tâm chính trị", "--line", "Đảng ủy xã")
    return Template(folder, work / "pristine")


def build_seeds(template: Template, work: Path, real: Path | None = None) -> list[Seed]:
    """Valid files of every kind the app reads, written by the app itself (and *real* public files)."""
    work.mkdir(parents=True, exist_ok=True)
    data = template.folder
    seeds = _question_seeds(data, work) + _lesson_seeds(data, work) + _catalog_seeds(data, work)
    seeds += _exam_seeds(data, work) + _scan_seeds(work) + _sync_seeds(data, work) + _bank_seeds(work) + _database_seeds(data, work)
    seeds += _backup_seeds(data, work)
    if real is not None and real.is_dir():
        seeds += real_seeds(real)
    template.freeze()
    return seeds


def _questions_import(path: Path, data: Path, out: Path) -> list[str]:
    return _cli(data, "questions", "import", str(path))


def _question_seeds(data: Path, work: Path) -> list[Seed]:
    seeds = []
    for kind, suffix in (("xlsx", "xlsx"), ("docx", "docx"), ("gift", "gift"), ("aiken", "txt"), ("moodlexml", "xml")):
        path = work / f"cau_hoi_{kind}.{suffix}"
        _run_cli("--data-dir", str(data), "questions", "export", str(path), "--format", kind, "--topic", TOPIC)
        seeds.append(Seed(f"questions-{kind}", path, _questions_import))
    text = work / "cau_hoi.txt"
    text.write_text("Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?\nA. 1925\n*B. 1930\nC. 1945\nD. 1954\n\n"
                    "Câu 2 (2,5 điểm): Chuyển đổi số là gì?\nA. Số hoá\nB. Tin học hoá\n*C. Đổi mới toàn diện\n"
                    "D. Mua máy tính\n", encoding="utf-8")
    seeds.append(Seed("questions-txt", text, _questions_import))

    def forced(kind: str) -> Callable[[Path, Path, Path], list[str]]:
        def argv(path: Path, data_dir: Path, out: Path) -> list[str]:
            return _cli(data_dir, "questions", "import", str(path), "--format", kind)
        return argv

    # --format forced onto a file of another kind: a lecturer's wrong choice in the dialog.
    return [*seeds, Seed("questions-xlsx-as-txt", seeds[0].path, forced("txt")),
            Seed("questions-docx-as-moodlexml", seeds[1].path, forced("moodlexml")),
            Seed("questions-gift-as-docx", seeds[2].path, forced("docx"))]


def _lesson_seeds(data: Path, work: Path) -> list[Seed]:
    def lesson_import(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, "lesson", "import", TOPIC, str(path))

    seeds = []
    for kind in ("docx", "pptx"):
        path = work / f"bai_giang.{kind}"
        _run_cli("--data-dir", str(data), "lesson", "export", TOPIC, "--format", kind, "-o", str(path))
        seeds.append(Seed(f"lesson-{kind}", path, lesson_import))
    disguised = work / "trinh_chieu_doi_ten.docx"  # a deck under a plan's name: the content decides, not the name
    shutil.copy(seeds[1].path, disguised)
    return [*seeds, Seed("org-template-docx", seeds[0].path, _org_template),
            Seed("lesson-pptx-named-docx", disguised, lesson_import)]


def _org_template(path: Path, data_dir: Path, out: Path) -> list[str]:
    return _cli(data_dir, "org", "template", str(path))


def _catalog_seeds(data: Path, work: Path) -> list[Seed]:
    import openpyxl

    topics = json.loads(_run_cli("--data-dir", str(data), "topics", "list", "--json"))[:30]
    rows = [("Mã chuyên đề", "Tên chuyên đề", "Chương trình", "Số tiết")]
    rows += [(t["code"], t["title"], t["program"], t["periods"]) for t in topics]
    rows.append(("MOI-01", "Chuyên đề mới về chuyển đổi số", rows[1][2], 4))
    csv_path, xlsx_path = work / "danh_muc.csv", work / "danh_muc.xlsx"
    csv_path.write_text("\n".join(";".join(str(cell) for cell in row) for row in rows) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)  # type: ignore[union-attr]
    book.save(xlsx_path)

    def catalog_import(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, "catalog", "import", str(path))

    return [Seed("catalog-csv", csv_path, catalog_import), Seed("catalog-xlsx", xlsx_path, catalog_import)]


def _exam_seeds(data: Path, work: Path) -> list[Seed]:
    import openpyxl

    exam = work / "de_thi"
    built = json.loads(_run_cli("--data-dir", str(data), "exam", "build", "--topics", f"{TOPIC},DP-10,NTD-03",
                                "--mc", "8", "--essay", "1", "--versions", "2", "--seed", "7", "--no-docx",
                                "-o", str(exam), "--json"))
    _pin_exam_id(exam)
    book = openpyxl.load_workbook(exam / "mau_bai_lam.xlsx")
    sheet = book.active
    for number, version in enumerate(built["versions"] * 3, start=1):
        sheet.append([f"Nguyễn Văn Học Viên {number}", f"SV{number:03d}", version["code"],  # type: ignore[union-attr]
                      *[("ABCD"[(number + i) % 4] if i % 3 else key) for i, key in enumerate(version["key"])],
                      2.5, 7])
    answers = work / "bai_lam.xlsx"
    book.save(answers)
    csv_answers = work / "google_forms.csv"
    header = ["Dấu thời gian", "Họ và tên", "Số báo danh", "Mã đề"] + [f"Câu {i + 1}" for i in range(8)]
    lines = [",".join(header)] + [",".join(["2026/12/01 9:00:00", f"Trần Thị {n}", f"SV{n:03d}", version["code"],
                                            *version["key"]]) for n, version in enumerate(built["versions"])]
    csv_answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    blueprint = work / "ma_tran.xlsx"
    shutil.copy(exam / "ma_tran.xlsx", blueprint)

    def grade(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, "exam", "grade", "--exam", str(exam), "--answers", str(path), "-o", str(out / "d.xlsx"))

    def grade_exam(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, "exam", "grade", "--exam", str(path.parent), "--answers", str(answers),
                    "-o", str(out / "diem.xlsx"))

    def blueprint_check(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, "exam", "blueprint", "--check", str(path))

    return [Seed("answers-xlsx", answers, grade), Seed("answers-csv", csv_answers, grade),
            Seed("exam-json", exam / "exam.json", grade_exam, folder=exam),
            Seed("blueprint-xlsx", blueprint, blueprint_check)]


def _pin_exam_id(exam: Path) -> None:
    """The built exam's exam.json with the fixed id of the scan seeds: a build's id is time-based, so without
    this no exam-json mutant could be replayed (``--rerun``) byte for byte."""
    from lecturer_app.exam.manifest import manifest_text, write_manifest
    from tests.support.scan_seeds import EXAM_ID

    body = json.loads((exam / "exam.json").read_text(encoding="utf-8"))
    body.pop("sha256")
    body["exam_id"] = EXAM_ID
    write_manifest(manifest_text(body), exam)


def _scan_seeds(work: Path) -> list[Seed]:
    """Scanned answer sheets of the exam ``_exam_seeds`` built (a PNG, a JPEG, a two-page PDF rendered by
    pdftoppm and by PDFium) and that exam's exam.json, through ``exam scan --json``; what was read is checked
    against what was filled."""
    from tests.support.scan_seeds import build_scans, misread

    scans = build_scans(work / "de_thi", work)

    def scan(exam: Path, sheets: Path, out: Path) -> list[str]:
        return ["exam", "scan", "--exam", str(exam), "--sheets", str(sheets), "-o", str(out / "bai_lam.xlsx"),
                "--json"]

    def scan_mutant(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, *scan(scans.exam, path, out))

    def scan_with_exam_mutant(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, *scan(path.parent, scans.png, out))

    check = misread(scans.learners)
    no_poppler = (("PATH", str(work / "no-poppler")),)  # PDFium renders in the scan's PDFium child, as on Windows
    return [Seed(f"scan-{path.suffix[1:]}", path, scan_mutant, misread=check) for path in (scans.png, scans.jpeg,
                                                                                          scans.pdf)] + [
        Seed("scan-pdf-pdfium", scans.pdf, scan_mutant, misread=check, environ=no_poppler),
        Seed("scan-exam-json", scans.exam / "exam.json", scan_with_exam_mutant, folder=scans.exam, misread=check)]


def _sync_seeds(data: Path, work: Path) -> list[Seed]:
    """A bundle from another machine (a copy of the folder with its own key, some questions and a plan),
    and that machine's want file."""
    other = work / "may_khac"
    shutil.copytree(data, other)
    shutil.rmtree(other / "sync", ignore_errors=True)  # its own device key, as a second installation has
    _run_cli("--data-dir", str(other), "questions", "import", str(work / "cau_hoi.txt"))
    _run_cli("--data-dir", str(other), "lesson", "import", "DP-10", str(work / "bai_giang.docx"))
    bundle, want = work / "goi.lbb", work / "da_co.json"
    _run_cli("--data-dir", str(other), "bundle", "export", "-o", str(bundle))
    _run_cli("--data-dir", str(other), "bundle", "want", "-o", str(want))

    def bundle_import(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, "bundle", "import", str(path), "--trust-new")

    def export_against(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, "bundle", "export", "-o", str(out / "goi.lbb"), "--want", str(path))

    def peer_key() -> DeviceKey:
        from lecturer_app.sync.keys import DeviceKey, key_path

        return DeviceKey.load(key_path(other))

    relay = work / "relay.lbb"
    after = (("check",), ("stats",), ("search", "dang cong san"), ("questions", "list"), ("topics", "list"),
             ("conflicts", "list"), ("bundle", "export", "-o", str(relay)))
    return [Seed("bundle-lbb", bundle, bundle_import), Seed("want-json", want, export_against),
            Seed("bundle-content", bundle, bundle_import, mutator=content_mutator(peer_key), then=after)]


def _bank_seeds(work: Path) -> list[Seed]:
    """The shipped bank with one file damaged: bank.toml, catalog.toml and a topic's plan, slides, questions."""
    from lecturer_app.core.resources import bank_path

    bank = work / "lesson_bank"
    shutil.copytree(bank_path(), bank)

    def bank_import(path: Path, data_dir: Path, out: Path) -> list[str]:
        folder = path.parent
        while not (folder / "bank.toml").exists():
            folder = folder.parent
        return ["bank-import", str(data_dir), str(folder)]

    members = ["bank.toml", "catalog.toml", f"topics/{TOPIC}/plan.md", f"topics/{TOPIC}/slides.toml",
               f"topics/{TOPIC}/questions.toml"]
    return [Seed(f"bank-{member.rsplit('/', 1)[-1]}", bank / member, bank_import, folder=bank,
                 names=("lesson_bank",)) for member in members]


def _database_seeds(data: Path, work: Path) -> list[Seed]:
    """The database itself damaged: every command must say it is damaged (and how to repair), not crash."""
    copy = work / DATABASE
    connection = sqlite3.connect(data / DATABASE)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    shutil.copy(data / DATABASE, copy)

    def on_damaged(command: Sequence[str]) -> Callable[[Path, Path, Path], list[str]]:
        def argv(path: Path, data_dir: Path, out: Path) -> list[str]:
            shutil.copy(path, data_dir / DATABASE)
            return _cli(data_dir, *command)
        return argv

    names = ("hỏng", DATABASE, "damaged")
    return [Seed(f"database-{'-'.join(command)}", copy, on_damaged(command), names=names,
                 database_input=True)
            for command in (("stats",), ("search", "dang cong san"), ("check",), ("topics", "list"))]


_READ_BACK = (("check",), ("stats",), ("search", "dang cong san"), ("questions", "list"), ("topics", "list"))


def _backup_seeds(data: Path, work: Path) -> list[Seed]:
    """A backup made with ``backup create``, one of its files damaged (or its database's content changed and
    its manifest made to match), then verified, restored in place and restored to a new folder."""
    from tests.support.backup_mutations import database_any, matching_manifest

    root = work / "sao_luu"
    backup_id = json.loads(_run_cli("--data-dir", str(data), "backup", "create", "--dir", str(root), "--json"))["id"]
    folder = root / backup_id
    blob = next(iter(sorted((folder / "blobs").rglob("*"), key=lambda p: (p.is_dir(), str(p)))), None)

    def backup(*action: str) -> Callable[[Path, Path, Path], list[str]]:
        def argv(path: Path, data_dir: Path, out: Path) -> list[str]:
            copied = next(parent for parent in path.parents if parent.name == backup_id).parent
            extra = [str(out / "khoi_phuc") if part == "OUT" else part for part in action]
            named = [] if action == ("list",) else [backup_id]
            return _cli(data_dir, "backup", *extra[:1], *named, "--dir", str(copied), *extra[1:])
        return argv

    members = [("manifest", folder / "manifest.json", None, None), ("settings", folder / "settings.json", None, None),
               ("db", folder / DATABASE, None, None), ("db-content", folder / DATABASE, database_any, matching_manifest)]
    if blob is not None and blob.is_file():
        members.append(("blob", blob, None, None))
    seeds = []
    for member, path, mutator, settle in members:
        for action, then in ((("verify",), ()), (("list",), ()), (("restore", "--yes"), _READ_BACK),
                             (("restore", "--to", "OUT"), ())):
            seeds.append(Seed(f"backup-{member}-{'-'.join(a for a in action if a.isalpha())}", path, backup(*action),
                              folder=root, names=(backup_id, path.name), mutator=mutator, then=then, settle=settle))
    return seeds


def real_seeds(real: Path) -> list[Seed]:
    """Real public files (the shared folder, read at run time only): question files, decks, plans, templates."""
    seeds = []
    for pattern, name in (("gift/*.txt", "gift"), ("aiken/moodle_questions.aiken.txt", "aiken"),
                          ("moodlexml/*.xml", "moodlexml"), ("amc/*.txt", "amc"), ("xlsx/mau_cau_hoi.xlsx", "xlsx"),
                          ("docx/*.docx", "docx")):
        seeds += [Seed(f"real-questions-{name}-{path.stem}", path, _questions_import)
                  for path in sorted(real.glob(pattern))]

    def deck_import(path: Path, data_dir: Path, out: Path) -> list[str]:
        return _cli(data_dir, "lesson", "import", TOPIC, str(path))

    seeds += [Seed(f"real-deck-{path.stem}", path, deck_import) for path in sorted(real.glob("pptx/*.pptx"))]
    seeds += [Seed(f"real-plan-{path.stem}", path, deck_import) for path in sorted(real.glob("docx/*.docx"))]
    seeds += [Seed(f"real-org-template-{path.stem}", path, _org_template) for path in sorted(real.glob("docx/*.docx"))]
    return seeds


# --- a run ------------------------------------------------------------------------------------------

def preload() -> None:
    """Import the app and its readers once, in the parent, so each forked child starts warm."""
    import cv2  # noqa: F401 - imported only: its thread pool starts in each child, never in this parent
    import docx  # noqa: F401
    import numpy  # noqa: F401
    import openpyxl  # noqa: F401
    import pptx  # noqa: F401
    import python_calamine  # noqa: F401

    import lecturer_app.cli
    from lecturer_app.commands import bundle, catalog, exam, lesson, questions, stats  # noqa: F401

    lecturer_app.cli.build_parser()


def run(seeds: Sequence[Seed], template: Template, scratch: Path, *, run_seed: int, count: int,
        limits: Limits, report: Callable[[Verdict], None] | None = None, start: int = 0) -> list[Verdict]:
    """Mutants ``start`` … ``start + count - 1`` of the run *run_seed*, the seeds taken in turn."""
    preload()
    verdicts = []
    for number in range(start, start + count):
        seed = seeds[number % len(seeds)]
        data, what = mutant_bytes(seed, run_seed, number)
        verdict = run_mutant(seed, data, template, scratch, limits, f"{run_seed}:{number}:{seed.name}", what)
        verdicts.append(verdict)
        if report:
            report(verdict)
    return verdicts
