"""Each answer's declared shape (sync/answer_shapes.py): an honest answer fits, and a field missing, of another
type or out of range does not, with the field named; the fast check and the naming walk always agree."""

from __future__ import annotations

import httpx
import pytest

from lecturer_app.core.bank.shipped_import import shipped_revisions
from lecturer_app.core.resources import bank_path
from lecturer_app.sync import answer_shapes as shapes
from lecturer_app.sync.answer_shapes import MAX_INT, problem_of
from lecturer_app.sync.server_answers import ServerAnswerInvalid


@pytest.fixture(scope="module")
def page() -> dict:
    """A page as the server serves it, of real revisions of the shipped bank."""
    revisions = shipped_revisions(bank_path())[1][:20]
    return {"items": [{"rev": rev.to_json(), "sig": {"signer": "f" * 64, "signature": "s"}} for rev in revisions]
            + [{"rev": revisions[0].to_json(), "sig": None}], "next": 21, "more": False, "devices": {}}


def _verdict(value: object, shape: shapes.Shape) -> str | None:
    problem = problem_of(value, shape.spec, "")
    assert shape.fits(value) is (problem is None), problem
    return problem


def test_an_honest_page_of_real_revisions_fits(page):
    assert _verdict(page, shapes.PAGE) is None


@pytest.mark.parametrize("field", [key for key in shapes.REVISION if not key.endswith("?")])
def test_a_revision_without_any_field_the_app_reads_is_named(page, field):
    item = dict(page["items"][3]["rev"])
    del item[field]
    assert _verdict({**page, "items": [{"rev": item}]}, shapes.PAGE) == f"thiếu trường items[0].rev.{field}"


@pytest.mark.parametrize(("value", "says"), [
    ("7", "trường next không phải một số nguyên"), (True, "trường next không phải một số nguyên"),
    (7.0, "trường next không phải một số nguyên"), (None, "trường next không phải một số nguyên"),
    (-1, "trường next = -1 nằm ngoài khoảng 0 đến 2^63-1"),
    (MAX_INT + 1, f"trường next = {MAX_INT + 1} nằm ngoài khoảng 0 đến 2^63-1"),
    (10 ** 50, "trường next = " + str(10 ** 50)[:40] + "… nằm ngoài khoảng 0 đến 2^63-1"),
])
def test_a_cursor_that_is_no_count_is_named(page, value, says):
    assert _verdict({**page, "next": value}, shapes.PAGE) == says


@pytest.mark.parametrize(("answer", "shape", "says"), [
    ([], shapes.INFO, "câu trả lời không phải một đối tượng"),
    ({"server_id": "s", "epoch": "e", "request_encodings": ["gzip", 1]}, shapes.INFO,
     "trường request_encodings[1] không phải một chuỗi"),
    ({"token": "t", "expires": 1, "role": False}, shapes.LOGIN, "trường role không phải một chuỗi"),
    ({"results": [{"rev_id": "r", "status": "ok?"}]}, shapes.PUSHED,
     "trường results[0].status không phải một trong ok, exists, forbidden, invalid"),
    ({"issuer": "i", "issued": "hôm qua", "serials": []}, shapes.CRL,
     "trường issued không phải thời điểm dạng 2026-12-05T17:00:00Z"),
    ({"challenge": {"server_id": ["s"]}}, shapes.CHALLENGE, "trường challenge.server_id không phải một chuỗi"),
    ({"items": [], "next": 1, "more": 0}, shapes.PAGE, "trường more không phải true hoặc false"),
    # A signer's certificate is judged alone (page_signers.py): only one that is no object refuses the page.
    ({"items": [], "next": 1, "more": False, "devices": {"fp": ["chứng chỉ"]}}, shapes.PAGE,
     "trường devices.fp không phải một đối tượng"),
    ({"subject": "fp"}, shapes.Shape(shapes.SIGNER_CERTIFICATE), "thiếu trường public_key"),
    ({"items": [{"rev": None}], "next": 1, "more": False}, shapes.PAGE, "trường items[0].rev không phải một đối tượng"),
])
def test_any_other_field_out_of_shape_is_named(answer, shape, says):
    assert _verdict(answer, shape) == says


def _pushed(seqs: list[int], *statuses: str) -> httpx.Response:
    results = [{"rev_id": f"r{n}", "status": status} for n, status in enumerate(statuses)]
    return httpx.Response(200, json={"results": results, "seqs": seqs},
                          request=httpx.Request("POST", "http://127.0.0.1:1/v1/revs"))


@pytest.mark.parametrize(("seqs", "statuses", "least", "stretch"), [
    ([4, 6], ("ok", "ok"), 0, (4, 6)),  # one row per revision stored: skipped by the pull
    ([4, 7], ("ok", "ok"), 0, None),  # a gap in the sequence: which rows are the batch's? pulled back
    ([4, 6], ("ok", "exists", "ok"), 4, (4, 6)),
    ([9, 9], ("exists",), 9, None),  # nothing stored
])
def test_a_push_answer_lets_the_pull_skip_only_a_stretch_of_exactly_the_rows_it_stored(seqs, statuses, least, stretch):
    answered = shapes.push_results(_pushed(seqs, *statuses), [f"r{n}" for n in range(len(statuses))], "gửi", least)
    assert shapes.own_stretch(answered) == stretch


@pytest.mark.parametrize(("seqs", "statuses", "least"), [
    ([4, 5], ("ok", "ok"), 0),  # fewer rows than revisions stored
    ([6, 4], ("ok",), 0),  # backwards
    ([4, 4], ("ok",), 0),  # stored, yet no row
    ([4, 5], ("exists",), 0),  # a row, yet nothing stored
    ([3, 5], ("ok", "ok"), 4),  # before the stretch of a batch sent earlier in this sync
    ([4, 5, 6], ("ok",), 0),
])
def test_a_push_answer_whose_stretch_no_server_can_give_is_refused_naming_seqs(seqs, statuses, least):
    with pytest.raises(ServerAnswerInvalid) as refused:
        shapes.push_results(_pushed(seqs, *statuses), [f"r{n}" for n in range(len(statuses))], "gửi", least)
    assert refused.value.reason.startswith("trường seqs không phải [trước, sau]")
