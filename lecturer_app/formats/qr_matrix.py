"""QR code modules of a short text (byte mode, versions 1–10), as segno makes them, without importing segno.

The answer sheet's code is about 60 ASCII bytes.  Importing segno costs a
fresh ``exam build`` some 30 ms (its writers pull in urllib, http, email
and ssl), more than encoding the code.  This follows ISO/IEC 18004 the way
segno does — smallest version for the asked level, the level raised while
the version holds (segno's ``boost_error``), the mask with the lowest
penalty scored before the format bits are drawn, first mask on a tie — so
the modules are segno's (``tests/formats/test_qr_matrix.py`` compares them).
Anything longer than version 10 holds returns None: the caller asks segno.
"""

from __future__ import annotations

LEVELS = "LMQH"
_LEVEL_BITS = {"L": 1, "M": 0, "Q": 3, "H": 2}
# Per version 1–10 and level L, M, Q, H: (ec codewords per block, [(blocks, data codewords per block), …]).
_BLOCKS: dict[int, dict[str, tuple[int, tuple[tuple[int, int], ...]]]] = {
    1: {"L": (7, ((1, 19),)), "M": (10, ((1, 16),)), "Q": (13, ((1, 13),)), "H": (17, ((1, 9),))},
    2: {"L": (10, ((1, 34),)), "M": (16, ((1, 28),)), "Q": (22, ((1, 22),)), "H": (28, ((1, 16),))},
    3: {"L": (15, ((1, 55),)), "M": (26, ((1, 44),)), "Q": (18, ((2, 17),)), "H": (22, ((2, 13),))},
    4: {"L": (20, ((1, 80),)), "M": (18, ((2, 32),)), "Q": (26, ((2, 24),)), "H": (16, ((4, 9),))},
    5: {"L": (26, ((1, 108),)), "M": (24, ((2, 43),)), "Q": (18, ((2, 15), (2, 16))),
        "H": (22, ((2, 11), (2, 12)))},
    6: {"L": (18, ((2, 68),)), "M": (16, ((4, 27),)), "Q": (24, ((4, 19),)), "H": (28, ((4, 15),))},
    7: {"L": (20, ((2, 78),)), "M": (18, ((4, 31),)), "Q": (18, ((2, 14), (4, 15))),
        "H": (26, ((4, 13), (1, 14)))},
    8: {"L": (24, ((2, 97),)), "M": (22, ((2, 38), (2, 39))), "Q": (22, ((4, 18), (2, 19))),
        "H": (26, ((4, 14), (2, 15)))},
    9: {"L": (30, ((2, 116),)), "M": (22, ((3, 36), (2, 37))), "Q": (20, ((4, 16), (4, 17))),
        "H": (24, ((4, 12), (4, 13)))},
    10: {"L": (18, ((2, 68), (2, 69))), "M": (26, ((4, 43), (1, 44))), "Q": (24, ((6, 19), (2, 20))),
         "H": (28, ((6, 15), (2, 16)))},
}
_ALIGNMENT = {2: (6, 18), 3: (6, 22), 4: (6, 26), 5: (6, 30), 6: (6, 34), 7: (6, 22, 38), 8: (6, 24, 42),
              9: (6, 26, 46), 10: (6, 28, 50)}
_REMAINDER_BITS = {1: 0, 2: 7, 3: 7, 4: 7, 5: 7, 6: 7, 7: 0, 8: 0, 9: 0, 10: 0}
UNSET = 2

Matrix = list[bytearray]


def qr_matrix(text: str, level: str = "M") -> list[list[int]] | None:
    """Rows of 1 (dark) / 0 (light) modules, no quiet zone; None when *text* needs more than version 10."""
    try:
        data = text.encode("iso-8859-1")
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    chosen = _version_and_level(len(data), level)
    if chosen is None:
        return None
    version, level = chosen
    codewords = _codewords(data, version, level)
    matrix, function = _function_patterns(version)
    _place(matrix, codewords, _REMAINDER_BITS[version])
    mask, masked = _best_mask(matrix, function)
    _format_bits(masked, level, mask)
    _version_bits(masked, version)
    return [list(row) for row in masked]


def _data_capacity(version: int, level: str) -> int:
    return sum(count * size for count, size in _BLOCKS[version][level][1])


def _bit_length(length: int, version: int) -> int:
    return 4 + (8 if version < 10 else 16) + 8 * length


def _version_and_level(length: int, level: str) -> tuple[int, str] | None:
    for version in range(1, 11):
        if _bit_length(length, version) <= 8 * _data_capacity(version, level):
            for better in LEVELS[LEVELS.index(level) + 1:]:  # segno's boost_error
                if _bit_length(length, version) > 8 * _data_capacity(version, better):
                    break
                level = better
            return version, level
    return None


def _codewords(data: bytes, version: int, level: str) -> list[int]:
    """Data codewords (mode, count, bytes, terminator, padding) with their error correction, interleaved."""
    capacity = 8 * _data_capacity(version, level)
    bits: list[int] = []

    def put(value: int, width: int) -> None:
        bits.extend((value >> (width - 1 - i)) & 1 for i in range(width))

    put(0b0100, 4)
    put(len(data), 8 if version < 10 else 16)
    for byte in data:
        put(byte, 8)
    bits.extend([0] * min(capacity - len(bits), 4))
    # To the codeword boundary; segno adds a whole zero byte when already on it (a valid QR still: it
    # follows the terminator), and the modules are to be segno's.
    bits.extend([0] * (8 - len(bits) % 8 if len(bits) + 8 - len(bits) % 8 <= capacity else -len(bits) % 8))
    stream = [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8)]
    pad = (0xEC, 0x11)
    stream += [pad[i % 2] for i in range(capacity // 8 - len(stream))]
    ec_size, groups = _BLOCKS[version][level]
    blocks, start = [], 0
    for count, size in groups:
        for _ in range(count):
            blocks.append(stream[start:start + size])
            start += size
    ecc = [_reed_solomon(block, ec_size) for block in blocks]
    out = [block[i] for i in range(max(map(len, blocks))) for block in blocks if i < len(block)]
    return out + [block[i] for i in range(ec_size) for block in ecc]


def _gf_tables() -> tuple[list[int], list[int]]:
    exp, log = [0] * 512, [0] * 256
    value = 1
    for i in range(255):
        exp[i], log[value] = value, i
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    for i in range(255, 512):
        exp[i] = exp[i - 255]
    return exp, log


_EXP, _LOG = _gf_tables()


def _reed_solomon(data: list[int], size: int) -> list[int]:
    generator = [1]
    for i in range(size):  # ∏ (x − α^i)
        nxt = [0] * (len(generator) + 1)
        for j, coef in enumerate(generator):
            nxt[j] ^= coef
            if coef:
                nxt[j + 1] ^= _EXP[_LOG[coef] + i]
        generator = nxt
    remainder = list(data) + [0] * size
    for i in range(len(data)):
        factor = remainder[i]
        if factor:
            log_f = _LOG[factor]
            for j in range(1, size + 1):
                if generator[j]:
                    remainder[i + j] ^= _EXP[log_f + _LOG[generator[j]]]
    return remainder[len(data):]


def _function_patterns(version: int) -> tuple[Matrix, Matrix]:
    """(matrix with finder, timing and alignment patterns, reserved areas 0; function map: UNSET = data)."""
    size = 17 + 4 * version
    matrix = [bytearray([UNSET] * size) for _ in range(size)]
    if version >= 7:
        for i in range(6):
            for k in (-11, -10, -9):
                matrix[i][k] = matrix[k][i] = 0
    for i in range(9):
        matrix[i][8] = matrix[8][i] = matrix[-i][8] = matrix[8][-i] = 0
    bit = 1
    for i in range(8, size - 8):
        matrix[i][6] = matrix[6][i] = bit
        bit ^= 1
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        for r in range(-1, 8):
            for c in range(-1, 8):
                row, col = top + r, left + c
                if 0 <= row < size and 0 <= col < size:
                    ring = max(abs(r - 3), abs(c - 3))
                    matrix[row][col] = 0 if ring in (2, 4) else 1
    positions = _ALIGNMENT.get(version, ())
    corners = {(positions[0], positions[0]), (positions[0], positions[-1]), (positions[-1], positions[0])} \
        if positions else set()
    for y in positions:
        for x in positions:
            if (y, x) not in corners:
                for r in range(-2, 3):
                    for c in range(-2, 3):
                        matrix[y + r][x + c] = 0 if max(abs(r), abs(c)) == 1 else 1
    function = [bytearray(row) for row in matrix]
    function[-8][8] = 1
    return matrix, function


def _place(matrix: Matrix, codewords: list[int], remainder: int) -> None:
    """The codewords' bits (then the remainder bits) in the two-column zigzag from the bottom right."""
    bits = [(word >> (7 - i)) & 1 for word in codewords for i in range(8)] + [0] * remainder
    size, index = len(matrix), 0
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        for vertical in range(size):
            for z in range(2):
                col = right - z
                upwards = (((right & 2) == 0) ^ (col < 6))
                row = size - 1 - vertical if upwards else vertical
                if matrix[row][col] == UNSET and index < len(bits):
                    matrix[row][col] = bits[index]
                    index += 1


_MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)


def _best_mask(matrix: Matrix, function: Matrix) -> tuple[int, Matrix]:
    size = len(matrix)
    data = [(i, j) for i in range(size) for j in range(size) if function[i][j] == UNSET]
    best: tuple[int, int, Matrix] | None = None
    for number, rule in enumerate(_MASKS):
        masked = [bytearray(row) for row in matrix]
        for i, j in data:
            if rule(i, j):
                masked[i][j] ^= 1
        score = _penalty(masked)
        if best is None or score < best[0]:
            best = (score, number, masked)
    assert best is not None
    return best[1], best[2]


_FINDER_LIKE = bytes((1, 0, 1, 1, 1, 0, 1))


def _finder_like(line: bytes, size: int) -> int:
    """N3: 40 for each 1:1:3:1:1 pattern with four light modules (or the edge) on one side."""
    count, index = 0, line.find(_FINDER_LIKE)
    while index != -1:
        after = index + 7
        if index in (0, size - 7) or not any(line[max(index - 4, 0):index]) or not any(line[after:after + 4]):
            count += 40
        else:
            after = index + 4
        index = line.find(_FINDER_LIKE, after)
    return count


def _runs(line: bytes) -> int:
    """N1: 3 + (n − 5) for each run of n ≥ 5 modules of one colour."""
    score, run, previous = 0, 0, -1
    for value in line:
        if value == previous:
            run += 1
        else:
            if run >= 5:
                score += run - 2
            run, previous = 1, value
    return score + (run - 2 if run >= 5 else 0)


def _penalty(matrix: Matrix) -> int:
    size = len(matrix)
    rows = [bytes(row) for row in matrix]
    columns = [bytes(matrix[i][j] for i in range(size)) for j in range(size)]
    score = sum(_runs(line) + _finder_like(line, size) for line in rows + columns)
    for i in range(1, size):
        above, row = rows[i - 1], rows[i]
        for j in range(1, size):
            if row[j] == row[j - 1] == above[j] == above[j - 1]:
                score += 3
    dark = sum(sum(row) for row in rows)
    return score + 10 * int(abs(dark / size ** 2 * 100 - 50) / 5)


def _format_bits(matrix: Matrix, level: str, mask: int) -> None:
    data = _LEVEL_BITS[level] << 3 | mask
    remainder = data
    for _ in range(10):
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
    info = (data << 10 | remainder) ^ 0x5412
    down = across = 0
    for i in range(8):
        low, high = (info >> i) & 1, (info >> (14 - i)) & 1
        if i == 6:  # skip the timing pattern
            down, across = 1, 1
        matrix[i + down][8] = low
        matrix[8][i + across] = high
        matrix[8][-1 - i] = low
        matrix[-1 - i][8] = high
    matrix[-8][8] = 1


def _version_bits(matrix: Matrix, version: int) -> None:
    if version < 7:
        return
    remainder = version
    for _ in range(12):
        remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
    info = version << 12 | remainder
    for i in range(6):
        for k, row in enumerate((-11, -10, -9)):
            bit = (info >> (3 * i + k)) & 1
            matrix[row][i] = bit
            matrix[i][row] = bit
