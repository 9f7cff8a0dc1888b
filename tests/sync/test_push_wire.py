"""A push batch's JSON is built from the log's stored text and says exactly what Revision.to_json says."""

from __future__ import annotations

import json

from lecturer_app.core.model import Option, Question, Topic
from lecturer_app.core.store.canonical import canonical_json
from lecturer_app.sync.push_wire import batch_json, read_page


def test_each_revision_is_sent_as_its_to_json_with_the_stored_body_spliced_in(store):
    topic = Topic(code="TT-1", title='Tư tưởng "body":null \\ 😀')
    store.save(topic)
    store.save(Question(stem='Câu "body":null?', options=[Option("Đúng", correct=True), Option("Sai")],
                        topic_ids=[topic.id], points=0.25))
    topic.title = "Sửa lại"
    store.save(topic, summary='ghi chú "summary": x')
    expected = [rev for _seq, rev in store.log.since(0, 100)]
    page = read_page(store.db, 0, 100)
    assert [out.rev_id for out in page] == [rev.rev_id for rev in expected] and len(page) >= 3
    for out, rev in zip(page, expected, strict=True):
        assert json.loads(out.text) == rev.to_json()
        assert out.text == canonical_json(rev.to_json())
        assert out.body == rev.body and (out.record_id, out.type) == (rev.record_id, rev.type)
    assert [out.seq for out in read_page(store.db, page[0].seq, 2)] == [page[1].seq, page[2].seq]


def test_the_batch_carries_every_revision_its_signature_or_null_and_the_certificates(store):
    store.save(Topic(code="A", title="Một"))
    store.save(Topic(code="B", title="Hai"))
    page = read_page(store.db, 0, 10)
    sig = {"signer": "ab" * 16, "signature": "c2ln"}
    certificate = {"subject": "ab" * 16, "scopes": ["bank"], "issuer": "Tỉnh"}
    body = json.loads(batch_json(page, {page[0].rev_id: sig}, [certificate]))
    assert body == {"items": [{"rev": json.loads(page[0].text), "sig": sig},
                              {"rev": json.loads(page[1].text), "sig": None}],
                    "certificates": [certificate]}
