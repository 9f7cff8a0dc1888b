import uuid

from lecturer_app.core.store.ids import bank_record_id, uuid7


def test_uuid7_has_version_7_and_sorts_by_time():
    first, second = uuid7(now_ms=1_700_000_000_000), uuid7(now_ms=1_700_000_000_001)
    assert uuid.UUID(first).version == 7
    assert uuid.UUID(first).variant == uuid.RFC_4122
    assert str(uuid.UUID(first)) == first  # the canonical lowercase 8-4-4-4-12 form
    assert first < second


def test_bank_ids_are_the_same_on_every_machine():
    bank = "0d7c2a34-6a8e-4f0e-9a51-0c9d2f1e7b11"
    assert bank_record_id(bank, "topic", "AB-01") == bank_record_id(bank, "topic", "AB-01")
    assert bank_record_id(bank, "topic", "AB-01") != bank_record_id(bank, "topic", "AB-02")
    assert uuid.UUID(bank_record_id(bank, "topic", "AB-01")).version == 5


def test_is_uuid_accepts_exactly_what_uuid_parses():
    from lecturer_app.core.store.ids import is_uuid

    def parses(value) -> bool:
        try:
            uuid.UUID(value)
        except (ValueError, AttributeError, TypeError):
            return False
        return True

    sample = str(uuid.uuid4())
    values = [sample, sample.upper(), sample.replace("-", ""), "{" + sample + "}", "urn:uuid:" + sample,
              sample[:-1], sample + "0", "g" * 32, "+" + "1" * 31, " " + "1" * 31, "0_" + "1" * 30, "-" * 40, "",
              None, 12]
    assert [is_uuid(value) for value in values] == [parses(value) for value in values]
    assert is_uuid(sample) and not is_uuid("g" * 32)
