"""A hostile corpus we wrote for the route fuzz test (tests/test_fuzz_routes.py).

Strings a seller center, a buyer or a web page could put in front of the companion: huge and
negative numbers, deep nesting, NUL and control bytes, CR/LF header injection, bidi and zero-width
marks, emoji and astral characters, lone surrogates, 100k-character strings, markup, SQL, spreadsheet
formulas, path traversal, template syntax, far dates. Plus values of the wrong JSON type.
"""

from __future__ import annotations

BIG = 10**30

STRINGS: list[str] = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "order\r\nSet-Cookie: x=1",
    "x\rContent-Disposition: inline",
    "\t\v\f\x1b[31m\x07",
    "\x7f\x80\x9f",
    "\u202etxt.exe",  # RTL override
    "\u200f\u200e\u2066\u2069\u061c",  # bidi marks and isolates
    "\u200b\u200c\u200d\ufeff",  # zero-width
    "مرحبا بالعالم",
    "שָׁלוֹם",
    "😀💩👩‍👩‍👧‍👦🏳️‍🌈",
    "𠜎𠜱𠝹𠱓",  # astral CJK
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "\ud800",  # a lone surrogate
    "ＡＢＣ１２３",  # full-width
    "１９９９９９９９９９９９９９９９９９９９９",
    "é" * 10,
    "x" * 100_000,
    "差" * 100_000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}${7*7}<%= 7*7 %>",
    "'; DROP TABLE cases; --",
    "1 OR 1=1",
    "%",
    "_",
    "\\",
    "%00%0d%0a",
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/dev/null",
    "CON",
    "NaN",
    "Infinity",
    "-1",
    "0",
    "9" * 25,
    "-" + "9" * 25,
    "1e999",
    "0x7fffffffffffffff",
    "9999-12-31 23:00:00",
    "0001-01-01 00:00:00",
    "9999-12-31T23:59:59+14:00",
    "253402297200000",
    "true",
    "null",
    "undefined",
    "[object Object]",
    "__proto__",
    "constructor",
]

# Values of every JSON type, for fields that expect another.
VALUES: list = [
    None,
    True,
    False,
    0,
    -1,
    BIG,
    -BIG,
    2**63,
    2**64,
    1.5,
    1e308,
    -1e308,
    [],
    [None],
    ["x"] * 10_000,
    {},
    {"a": 1},
    {"__proto__": {"x": 1}},
    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
    *STRINGS,
]

# Whole bodies sent raw with Content-Type: application/json.
RAW_BODIES: list[bytes] = [
    b"[" * 100_000,
    b"{\"a\":" * 50_000,
    b"[" * 100_000 + b"]" * 100_000,
    b"[" * 40 + b"]" * 40,  # deeper than any model, far below the recursion limit
    b"",
    b"null",
    b"0",
    b"\"text\"",
    b"[]",
    b"{",
    b"\x00",
    b"\xff\xfe\x00{",
    b"{\"text\": \"\xff\xfe\"}",
    b"{\"text\": \"\\ud800\"}",
    b"{\"text\": NaN, \"rating\": Infinity}",
    b"{\"rating\": " + b"9" * 5000 + b"}",
    b"{\"rating\": 1e999999}",
    b"{\"a\": 1, \"a\": 2}",
]

# Query-string values for every query argument a route reads.
# (Long values are cut at 5,000 characters: a 100k value in 12 arguments of 30 routes is minutes of URL parsing;
# a 200k `q` has its own test.)
QUERY_VALUES: list[str] = [s[:5000] for s in STRINGS if "\ud800" not in s] + ["1", "500", "501", "-0", "1.5", "9" * 200]
QUERY_NAMES = ("q", "platform", "status", "primary", "shop_id", "escalation", "limit", "offset",
               "buyer_nick", "product_id", "order_id", "lang")

# Path segments for `<int:…>` and string arguments.
INT_SEGMENTS = ["0", "1", "2", "9" * 19, "9" * 20, "9" * 25, "18446744073709551616", "00000000000000000000001"]
STR_SEGMENTS = ["x", "9" * 25, "a%00b", "a%0d%0ab", "%E2%80%AE", "%F0%9F%98%80", "..%2F..%2Fetc", "x" * 5000, "%25", "%27%20OR%201%3D1"]
