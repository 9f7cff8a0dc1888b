import random

import pytest

from lecturer_app.core.positions import between, spread


def test_spread_gives_increasing_keys():
    for count in (1, 3, 61, 62, 500):
        keys = spread(count)
        assert len(keys) == count
        assert keys == sorted(keys) and len(set(keys)) == count


def test_between_always_fits_strictly_between():
    rng = random.Random(7)
    keys = spread(4)
    for _ in range(3000):
        index = rng.randint(0, len(keys))
        before = keys[index - 1] if index else None
        after = keys[index] if index < len(keys) else None
        key = between(before, after)
        assert (before is None or before < key) and (after is None or key < after)
        keys.insert(index, key)
    assert keys == sorted(keys)


def test_between_rejects_reversed_bounds():
    with pytest.raises(ValueError):
        between("b", "a")
