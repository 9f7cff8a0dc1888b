"""The packed app, unpacked elsewhere, does every job a lecturer asks of it (issue #11).

Runs the FROZEN executables of the build (``scripts/build-app.sh``; see
tests/packaging/frozen_build.py for which build), never the source tree.  The app
is unpacked under a folder name with Vietnamese letters and spaces, and the
data folder, the export folder and every imported file have such names too.
Skipped when there is no build, unless LECTURER_APP_FROZEN names one.
"""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path

import pytest
from frozen_build import (
    ENV_VAR,
    WINDOWS,
    FrozenApp,
    find_build,
    find_scan_addon,
    place_scan_addon,
    remove_scan_addon,
    unpacked,
    unpacked_scan_addon,
)
from icu_probe import probe_icu

BUILD = find_build()
if BUILD is None:
    pytest.skip(f"no frozen build in dist/ (run scripts/build-app.sh, or set {ENV_VAR})", allow_module_level=True)
if not BUILD.exists():
    pytest.fail(f"{ENV_VAR}={BUILD} does not exist", pytrace=False)

SAMPLE_TOPICS = ("NTD-01", "NTD-03", "DP-10")
QUESTION_EXPORTS = {"xlsx": "xlsx", "docx": "docx", "gift": "gift", "aiken": "txt", "moodlexml": "xml", "qti": "zip"}
pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("frozen") / "Thư mục của cô Hoà"


@pytest.fixture(scope="module")
def app(place) -> FrozenApp:
    folder = unpacked(BUILD, place / "Ứng dụng đã giải nén")
    (place / "nhà").mkdir(parents=True, exist_ok=True)
    return FrozenApp(folder, place / "nhà")


@pytest.fixture(scope="module")
def data(app, place) -> Path:
    """A data folder after the first start: the shipped bank imported by the frozen app."""
    folder = place / "Dữ liệu giảng viên"
    app.ok("--data-dir", folder, "stats")
    return folder


@pytest.fixture(scope="module")
def out(place) -> Path:
    folder = place / "Xuất bản – tháng 9"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pdf(path: Path) -> bytes:
    content = path.read_bytes()
    assert content.startswith(b"%PDF") and b"%%EOF" in content[-1024:], path
    return content


def _zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return archive.namelist()


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_the_build_has_the_windowed_app_and_the_console_cli_side_by_side(app):
    assert app.window_exe.is_file() and app.cli_exe.exists()
    assert os.access(app.cli_exe, os.X_OK)


def test_version_is_printed(app):
    import lecturer_app

    assert app.ok("--version").strip() == f"lecturer-app {lecturer_app.__version__}"


def test_topics_are_listed_from_the_shipped_bank(app, data):
    topics = app.json("--data-dir", data, "topics", "list")
    assert len(topics) >= 100 and set(SAMPLE_TOPICS) <= {topic["code"] for topic in topics}


def test_search_folds_accents(app, data):
    hits = app.json("--data-dir", data, "search", "chuyen doi so")
    assert hits and any("Chuyển đổi số" in json.dumps(hit, ensure_ascii=False) for hit in hits)


@pytest.mark.parametrize("fmt", ["pptx", "docx", "pdf"])
def test_a_lesson_exports_with_the_libraries_templates(app, data, out, fmt):
    target = out / f"Giáo án NTD-01.{fmt}"
    app.ok("--data-dir", data, "lesson", "export", "NTD-01", "--format", fmt, "-o", target)
    if fmt == "pdf":
        assert b"/FontFile2" in _pdf(target)  # the Liberation fonts travelled with the app
    else:
        part = "ppt/slides/slide1.xml" if fmt == "pptx" else "word/document.xml"
        assert part in _zip_names(target)


def test_a_handout_has_its_qr_codes(app, data, out):
    result = app.json("--data-dir", data, "handout", *SAMPLE_TOPICS, "-o", out / "Phiếu tài liệu.pdf")
    assert result["pages"] >= len(SAMPLE_TOPICS)
    _pdf(out / "Phiếu tài liệu.pdf")


@pytest.fixture(scope="module")
def exported(app, data, out) -> dict[str, Path]:
    files = {}
    for fmt, suffix in QUESTION_EXPORTS.items():
        files[fmt] = out / f"Câu hỏi đã xuất.{suffix}"
        result = app.json("--data-dir", data, "questions", "export", files[fmt], "--format", fmt)
        assert result["exported"] > 0, (fmt, result)
    return files


@pytest.mark.parametrize("fmt", sorted(QUESTION_EXPORTS))
def test_questions_export_in_every_format(exported, fmt):
    path = exported[fmt]
    if fmt in ("xlsx", "docx", "qti"):
        assert _zip_names(path)
    else:
        assert path.read_text(encoding="utf-8").strip()


def _docx_questions(path: Path) -> None:
    from docx import Document

    document = Document()
    for line in ("Câu 1: Thủ đô của nước Cộng hoà xã hội chủ nghĩa Việt Nam là thành phố nào?",
                 "A. Huế", "B. Hà Nội", "C. Đà Nẵng", "D. Cần Thơ", "Đáp án: B",
                 "Câu 2: Quốc hội khoá đầu tiên được bầu vào năm nào?",
                 "A. 1945", "B. 1946", "C. 1954", "D. 1960", "Đáp án: B"):
        document.add_paragraph(line)
    document.save(path)


MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Ngày Quốc khánh</text></name>
    <questiontext format="html"><text><![CDATA[<p>Ngày Quốc khánh nước ta là ngày nào?</p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>2 tháng 9</text></answer>
    <answer fraction="0"><text>30 tháng 4</text></answer>
    <answer fraction="0"><text>1 tháng 5</text></answer>
  </question>
</quiz>
"""


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "moodlexml"])
def test_questions_import_from_files_with_vietnamese_names(app, data, place, fmt):
    source = place / "Tệp nhập" / f"Câu hỏi mới ({fmt}).{ {'moodlexml': 'xml'}.get(fmt, fmt)}"
    source.parent.mkdir(exist_ok=True)
    if fmt == "xlsx":
        app.ok("questions", "template", source)  # the template's example rows
    elif fmt == "docx":
        _docx_questions(source)
    else:
        source.write_text(MOODLE_XML, encoding="utf-8")
    result = app.json("--data-dir", data, "questions", "import", source, "--topic", "DP-10")
    assert result["imported"] >= 1, result
    assert all(question["options"] or question["type"] not in ("single_choice",)
               for question in result["questions"])


@pytest.fixture(scope="module")
def exam(app, data, out) -> tuple[dict, Path]:
    folder = out / "Đề kiểm tra lớp A"
    result = app.json("--data-dir", data, "exam", "build", "--topics", "NTD-01,NTD-03", "--mc", "10",
                      "--versions", "2", "--seed", "7", "-o", folder)
    return result, folder


def test_an_exam_builds_pdf_and_docx_papers_whose_key_matches_the_xlsx(exam):
    from openpyxl import load_workbook

    result, folder = exam
    for version in result["versions"]:
        _pdf(Path(version["paper"]))
        assert "word/document.xml" in _zip_names(folder / f"de_{version['code']}.docx")
        _pdf(folder / f"dap_an_{version['code']}.pdf")
    rows = list(load_workbook(folder / "dap_an.xlsx").active.iter_rows(values_only=True))[1:]
    assert {str(row[0]): list(row[1:]) for row in rows} == {v["code"]: v["key"] for v in result["versions"]}


def test_grading_applies_each_versions_key(app, data, exam, place):
    from openpyxl import Workbook

    result, folder = exam
    sheet_book = Workbook()
    sheet = sheet_book.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, 11)])
    first, second = result["versions"]
    sheet.append(["Nguyễn Thị Hoà", "01", first["code"], *first["key"]])
    sheet.append(["Trần Văn Đức", "02", second["code"], *(["A"] * 10)])
    answers = place / "Bài làm lớp A.xlsx"
    sheet_book.save(answers)
    expected = sum(1 for key in second["key"] if key == "A")
    graded = app.json("--data-dir", data, "exam", "grade", "--exam", folder, "--answers", answers,
                      "-o", place / "Bảng điểm lớp A.xlsx")
    scores = {learner["name"]: learner["score"] for learner in graded["learners"]}
    assert scores == pytest.approx({"Nguyễn Thị Hoà": 10.0, "Trần Văn Đức": expected * 10 / 10})


def test_oral_exam_cards_are_written(app, data, out):
    target = out / "Phiếu vấn đáp.pdf"
    result = app.json("--data-dir", data, "exam", "oral", "--topics", ",".join(SAMPLE_TOPICS), "--cards", "2",
                      "--mix", "lý thuyết=1", "-o", target)
    assert len(result["cards"]) == 2
    _pdf(target)
    _pdf(target.with_name("Phiếu vấn đáp_huong_dan.pdf"))


def test_the_quality_check_finds_near_duplicates_with_rapidfuzz(app, data):
    result = app.json("--data-dir", data, "questions", "check", "--threshold", "60")
    assert result["questions"] > 0 and isinstance(result["findings"], list)


def test_check_passes_after_all_that_work(app, data, exam):
    assert app.json("--data-dir", data, "check")["ok"] is True


def test_a_backup_to_a_usb_like_folder_verifies_and_restores_into_a_new_folder(app, data, place):
    stick = place / "USB của tôi" / "Sao lưu"
    made = app.json("--data-dir", data, "backup", "create", "--dir", stick)
    verified = app.json("--data-dir", data, "backup", "verify", made["id"], "--dir", stick)
    assert [entry["ok"] for entry in verified] == [True]
    copy = place / "Bản khôi phục"
    app.ok("--data-dir", data, "backup", "restore", made["id"], "--to", copy, "--dir", stick)
    assert app.json("--data-dir", copy, "check")["ok"] is True


def test_a_user_error_is_one_vietnamese_line_not_a_traceback(app, data):
    done = app.run("--data-dir", data, "lesson", "export", "KHÔNG-CÓ", "--format", "pdf", "-o", "x.pdf")
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.startswith("Lỗi: ")


def test_the_window_opens_on_the_shipped_bank_with_every_feature(app, place):
    from lecturer_app.ui.app import FEATURES

    shot = place / "Ảnh màn hình" / "cửa sổ chính.png"
    shot.parent.mkdir(exist_ok=True)
    # The data folder comes from the environment here, as a shortcut's would.
    app.env["LECTURER_APP_DATA"] = str(place / "Dữ liệu từ biến môi trường")
    try:
        exe = app.cli_exe if WINDOWS else app.window_exe  # a windowed .exe has no standard output
        done = app.run("gui", "--screenshot", shot, exe=exe)
    finally:
        del app.env["LECTURER_APP_DATA"]
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["features"] == list(FEATURES) and report["missing_features"] == []
    assert report["programs"] >= 5
    width, height = _png_size(shot)
    assert width >= 800 and height >= 500
    assert (place / "Dữ liệu từ biến môi trường" / "lecturer.db").exists() or any(
        (place / "Dữ liệu từ biến môi trường").iterdir())


def test_the_frozen_app_loads_only_the_qt_modules_the_build_keeps(app, place):
    done = app.run("--data-dir", place / "Dữ liệu giảng viên", "gui", "--screenshot", place / "lần hai.png",
                   exe=app.cli_exe if WINDOWS else app.window_exe)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1])["qt_modules"])
    assert loaded <= {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}, loaded
    internal = app.folder / "_internal" / "PySide6"
    for left_out in ("QtQml", "QtQuick", "QtPdf", "QtNetwork", "QtVirtualKeyboard"):
        assert not list(internal.glob(f"{left_out}.*")), left_out
        assert not list(internal.rglob(f"*Qt6{left_out.removeprefix('Qt')}.*")), left_out


def test_a_signed_bundle_travels_to_another_data_folder(app, data, place):
    """cryptography in the build: device keys, signatures, the bundle checked and imported elsewhere."""
    bundle = place / "USB của tôi" / "Gói tháng 9.lbb"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    made = app.json("--data-dir", data, "bundle", "export", "-o", bundle)
    assert made["revisions"] > 0 and bundle.is_file()
    assert app.json("--data-dir", data, "bundle", "verify", bundle)["ok"] is True
    other = place / "Dữ liệu máy thứ hai"
    taken = app.json("--data-dir", other, "bundle", "import", bundle, "--trust-new")
    assert taken["rejected"] == [] and taken["revisions_new"] + taken["revisions_known"] == made["revisions"]


@pytest.fixture
def province_server(place):
    """The province server, run from the source tree (the packed app has none), with a lecturer's account."""
    pytest.importorskip("uvicorn")
    import socket
    import subprocess
    import sys
    import time

    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    folder, password = place / "Máy chủ tỉnh", place / "mật khẩu.txt"
    password.write_text("mat-khau-dai-1\n", encoding="utf-8")
    server = [sys.executable, "-m", "lecturer_app", "server"]
    subprocess.run([*server, "init", folder, "--password-file", password], check=True, env=env, capture_output=True)
    subprocess.run([*server, "user", "add", "lan", "--role", "giang_vien", "--password-file", password,
                    "--data-dir", folder], check=True, env=env, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def listening() -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    log = place / "máy chủ.log"
    with open(log, "wb") as errors:
        running = subprocess.Popen([*server, "run", "--data-dir", folder, "--port", str(port)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=errors)
    try:
        deadline = time.monotonic() + 60
        while not listening():
            assert running.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", password
    finally:
        running.terminate()
        running.wait(timeout=30)


def test_the_sync_client_logs_in_and_syncs_with_the_province_server(app, data, province_server):
    """httpx in the build: `sync login` and `sync now` against a real server."""
    url, password = province_server
    app.ok("--data-dir", data, "sync", "login", url, "--user", "lan", "--password-file", password)
    done = app.json("--data-dir", data, "sync", "now")
    assert done["rejected"] == [] and done["pushed"] >= 0
    assert app.json("--data-dir", data, "sync", "status")["pending"] == 0


def test_server_actions_say_the_server_is_installed_with_pip(app, place):
    done = app.run("server", "user", "list", "--data-dir", place / "Máy chủ")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("Lỗi: Bản cài đặt này không có máy chủ đồng bộ")
    assert 'pip install "lecturer-app[server]"' in done.stderr and "docs/server.md" in done.stderr
    assert not (place / "Máy chủ").exists()


def test_a_quiz_is_served_to_a_phone(app, data):
    import subprocess
    import urllib.request

    serving = subprocess.Popen([str(app.cli_exe), "--data-dir", str(data), "quiz", "serve", "--topics", "NTD-01",
                                "--mc", "2", "--port", "0", "--host", "127.0.0.1", "--json",
                                "--results", str(app.home / "Kết quả kiểm tra nhanh.xlsx")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               encoding="utf-8", env=app.env, cwd=app.home)
    try:
        info = json.loads(serving.stdout.readline() or "null")
        assert info, serving.stderr.read()
        page = urllib.request.urlopen(info["url"], timeout=30).read().decode("utf-8")
        assert "<form" in page
    finally:
        out, err = serving.communicate("\n", timeout=60)
    assert serving.returncode == 0, err
    assert "results" in json.loads(out.strip().splitlines()[-1])


@pytest.mark.skipif(WINDOWS, reason="the Windows wheels of Qt use the system's ICU")
def test_the_trimmed_icu_still_collates_vietnamese(app):
    """build.spec keeps ICU's Vietnamese and English data only (packaging/linux/icu_data.py)."""
    lib = app.folder / "_internal" / "PySide6" / "Qt" / "lib"
    data = next(lib.glob("libicudata.so.*"))
    assert data.stat().st_size < 8_000_000  # the full data is 32 MB
    # Vietnamese: ă is a letter of its own after a ("ăn" after "az"); in the root order it is an a.
    assert probe_icu(lib, data.name.rsplit(".", 1)[-1], "vi", "root") == [[0, 1], [0, -1]]


def test_extension_modules_imported_by_name_are_in_the_build(app):
    """reportlab's accelerator and cffi's back end (which cryptography's Rust code imports) are not linked
    by anything, so the spec's library pruning once dropped them."""
    internal = app.folder / "_internal"
    for module in ("_rl_accel", "_cffi_backend"):
        assert list(internal.glob(f"{module}.*")), module


def _sheet_maker():
    """tests/omr/sheet_maker.py: fills the app's own answer sheet like a learner and degrades it like a scanner."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("sheet_maker", Path(__file__).parents[1] / "omr" / "sheet_maker.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scanned(exam, place) -> tuple[Path, list[tuple[str, str, list[str]]]]:
    """A scanner's PDF of three filled sheets of the exam the frozen app built, and (SBD, mã đề, answers) of each.
    The sheet is rendered by PDFium (a test dependency), so no poppler is needed on Windows."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    maker = _sheet_maker()
    result, folder = exam
    document = pdfium.PdfDocument(folder / "phieu_tra_loi.pdf")
    base = document[0].render(scale=200 / 72, grayscale=True).to_numpy()
    base = np.ascontiguousarray(base.reshape(base.shape[:2]))
    document.close()
    rng = np.random.default_rng(18)
    learners, pages = [], []
    for number, version in enumerate([*result["versions"], result["versions"][0]], start=1):
        answers = [letter if number != 3 or index % 3 else "" for index, letter in enumerate(version["key"])]
        learners.append((f"{4700 + number:06d}", version["code"], answers))
        sheet = maker.fill_sheet(base.copy(), 200, rng, learners[-1][0], version["code"], answers, len(answers))
        pages.append(Image.fromarray(maker.degrade(sheet, rng, ("rotate", "noise"))))
    scan = place / "Bài làm quét lớp A.pdf"
    pages[0].save(scan, save_all=True, append_images=pages[1:], resolution=200, quality=80)
    return scan, learners


@pytest.fixture(scope="module")
def scan_addon_folder(tmp_path_factory) -> Path:
    """The scan add-on built beside the build (its tarball unpacked once)."""
    addon = find_scan_addon(BUILD)
    if not addon.exists():
        message = f"no scan add-on beside the build ({addon}; scripts/build-app.sh makes it)"
        if os.environ.get(ENV_VAR):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return unpacked_scan_addon(addon, tmp_path_factory.mktemp("add-on"))


@pytest.fixture
def scan_addon(app, scan_addon_folder):
    remove_scan_addon(app.folder)
    yield place_scan_addon(scan_addon_folder, app.folder)
    remove_scan_addon(app.folder)  # the install test below copies the folder: without 250 MB more


def test_without_the_scan_addon_a_scan_says_in_vietnamese_what_to_install(app, data, exam, scanned, place):
    remove_scan_addon(app.folder)
    done = app.run("--data-dir", data, "exam", "scan", "--exam", exam[1], "--sheets", scanned[0],
                   "-o", place / "Bài làm (không có phần đọc phiếu).xlsx")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "chưa có phần đọc phiếu quét" in done.stderr and "scan-addon" in done.stderr, done.stderr


@pytest.mark.parametrize("renderer", ["as installed", "without poppler"])
def test_with_the_scan_addon_the_frozen_app_reads_the_scanned_sheets(app, data, exam, scanned, scan_addon, place,
                                                                     renderer):
    """With the add-on in <app>/scan-addon the sheets are read; PDF pages by pdftoppm where poppler is on the
    PATH, else (Windows, or here with an empty PATH) by the add-on's PDFium, with the same answers."""
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.importers.exam_answers import read_answer_file

    scan, learners = scanned
    answers = place / f"Bài làm quét ({renderer}).xlsx"
    if renderer == "without poppler":
        app.env = {**app.env, "PATH": str(place / "nhà")}
    try:
        done = app.run("--data-dir", data, "exam", "scan", "--exam", exam[1], "--sheets", scan, "-o", answers,
                       "--json")
    finally:
        app.env = {**app.env, "PATH": os.environ["PATH"]}
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["bad_pages"] == [] and [sheet["doubts"] for sheet in report["sheets"]] == [[], [], []]
    assert [(s["sbd"], s["code"], s["answers"]) for s in report["sheets"]] == learners
    read = read_answer_file(answers, read_manifest(exam[1]))
    assert [(r.sbd, r.code, r.answers) for r in read.responses] == learners


@pytest.mark.skipif(WINDOWS, reason="the Linux install script")
def test_the_real_build_installs_for_the_user_runs_from_the_menu_path_and_uninstalls(app, place):
    """install.sh of the unpacked tarball itself (test_build_config.py checks it on a stand-in)."""
    import shutil
    import subprocess

    home = place / "nhà cô Lan"
    data = home / ".local" / "share" / "lecturer_app"
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    done = subprocess.run(["sh", str(app.folder / "install.sh")], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    entry = home / ".local" / "share" / "applications" / "lecturer-app.desktop"
    installed = home / ".local" / "lib" / "lecturer-app" / "lecturer-app"
    assert f'Exec="{installed}"' in entry.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
    cli = FrozenApp(installed.parent, home)
    cli.cli_exe = home / ".local" / "bin" / "lecturer-app-cli"  # the command the install put on the PATH
    topics = cli.json("topics", "list")  # the default data folder, under the new home
    assert len(topics) >= 100 and (data / "lecturer_app.sqlite3").is_file()
    done = subprocess.run(["sh", str(installed.parent / "install.sh"), "--uninstall"], capture_output=True,
                          text=True, env=env)
    assert done.returncode == 0 and not installed.exists() and not entry.exists()
    assert (data / "lecturer_app.sqlite3").is_file()
