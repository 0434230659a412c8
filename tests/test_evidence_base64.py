"""companion.evidence.decode_base64 answers exactly as base64.b64decode(text, validate=True): the same bytes for
every text it takes and the same error for every text it refuses (a capture's bad upload stays a 422 bad_base64)."""

from __future__ import annotations

import base64
import binascii
import random

import pytest

from companion.evidence import decode_base64


def outcome(fn, text):
    try:
        return ("ok", fn(text))
    except (binascii.Error, ValueError) as exc:
        return ("error", type(exc), str(exc))


def reference(text):
    return base64.b64decode(text, validate=True)


def mutated_texts(seed: int, n: int):
    """Valid encodings of random bytes (long enough for the fast path), some with their padding stripped, with
    0-2 characters inserted, replaced or deleted anywhere (near the end above all, where the padding is)."""
    rng = random.Random(seed)
    odd = [chr(c) for c in range(128)] + ["é", "中", "€", "\u00a0", "\uff21"]
    for _ in range(n):
        data = rng.randbytes(rng.choice([766, 767, 768, 769, 770, 3000]))
        text = base64.b64encode(data).decode()
        if rng.random() < 0.3:
            text = text.rstrip("=")
        chars = list(text)
        for _ in range(rng.choice([0, 1, 1, 2])):
            pos = rng.choice([0, 1, len(chars) - 1, len(chars) - 2, len(chars) - 3, len(chars) - 4, len(chars) - 5,
                              rng.randrange(len(chars))])
            op = rng.choice(["insert", "replace", "delete"])
            if op == "insert":
                chars.insert(pos, rng.choice(odd))
            elif op == "replace":
                chars[pos] = rng.choice(odd)
            else:
                del chars[pos]
        yield "".join(chars)


def test_same_bytes_and_same_errors_as_the_standard_library():
    taken = refused = 0
    for text in mutated_texts(seed=11, n=3000):
        expected = outcome(reference, text)
        assert outcome(decode_base64, text) == expected, text[-12:]
        taken += expected[0] == "ok"
        refused += expected[0] == "error"
    assert taken > 500 and refused > 500  # both sides of the contract were exercised


@pytest.mark.parametrize("text", [
    "", "QQ==", "QUI=", "QUJD", "QUJD" * 300, "QUJD" * 300 + "QQ==", "QUJD" * 300 + "QUI=",
    "QUJD" * 300 + "QQ", "QUJD" * 300 + "Q", "QUJD" * 300 + "====", "QUJD" * 300 + "QUJD==",
    "-_-_" * 300, "QUJD" * 150 + "-" + "QUJ" + "QUJD" * 150, "QUJD" * 150 + "\\u0041QUJ" + "QUJD" * 150,
    "QUJD" * 150 + "\n" + "QUJ" + "QUJD" * 150, "QUJD" * 150 + "=QUJ" + "QUJD" * 150, "=" + "QUJD" * 300 + "QUJ",
    '"' + "QUJD" * 300 + "QUJ", "QUJD" * 300 + "QUJ中", "QUJD" * 299 + "QUJ\x00",
])
def test_edge_cases_answer_as_the_standard_library(text):
    assert outcome(decode_base64, text) == outcome(reference, text)


def test_large_upload_round_trips():
    data = random.Random(3).randbytes(300_000)
    assert decode_base64(base64.b64encode(data).decode()) == data
