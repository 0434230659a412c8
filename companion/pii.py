"""Personal data in text: phone numbers, e-mails, postal addresses.

One place for these patterns, used two ways: the classifier flags a *review* that leaks a buyer's
data (`privacy_leak`, an appeal ground), and the draft lint refuses *seller text* that would
publish it. Reviews are full of numbers (prices, sizes, order ids), so the review side uses the
strict address pattern; the lint checks our own short drafts and can afford the broad one.
"""

from __future__ import annotations

import re

# Bounded runs and a start only where a local part can start: a 20,000-character review without an
# "@" must not cost quadratic time.
EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.[a-z]{2,24}", re.I)

# Mainland mobile numbers: 11 digits starting 13-19, not part of a longer digit run (order ids are
# 18-19 digits and must not count). Separators people type ("138 1234 5678", "138-1234-5678").
CN_MOBILE = re.compile(r"(?<![\d])1[3-9]\d(?:[ -]?\d{4}){2}(?![\d])")
# US numbers: +1 optional, (415) 555-0134 / 415-555-0134 / 415.555.0134.
US_PHONE = re.compile(r"(?<![\d])(?:\+?1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]\d{3}[ .-]\d{4}(?![\d])")
# Any international-looking number: +44 20 7946 0958, 0049-30-1234567 … (broad: for seller text).
INTL_PHONE = re.compile(r"(?<!\d)\+?\d{1,3}[\s-]?\(?\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")

# Chinese postal addresses: administrative unit then a street/number, or building/unit/room.
CN_ADDRESS_STRICT = re.compile(
    r"[\u4e00-\u9fff]{1,8}(?:省|市|自治区|区|县|镇)[\u4e00-\u9fff\d]{0,16}?(?:路|街|大道|巷|弄|村|小区|花园|大厦)"
    r"[\u4e00-\u9fff\d-]{0,8}?(?<!\d)\d{1,6}\s*(?:号|栋|幢|单元|室|楼)"
    r"|(?<!\d)\d{1,4}\s*(?:栋|幢|号楼)\s*\d{0,4}\s*(?:单元)?\s*\d{1,5}\s*(?:室|号)"
)
CN_ADDRESS_BROAD = re.compile(
    r"[\u4e00-\u9fff]{2,8}(?:省|自治区)[\u4e00-\u9fff]{1,10}(?:市|州|盟)"
    r"|[\u4e00-\u9fff]{1,10}(?:市|县|区)[\u4e00-\u9fff]{1,12}(?:路|街|大道|巷|弄|村|镇)[\d一二三四五六七八九十]{0,6}号?"
    r"|(?<!\d)\d{1,6}\s*(?:号楼|栋|单元|室)"
)
# Street addresses. Strict (review text, lower-cased): only unambiguous street words, so "2 weeks is
# way off" is no address. Broad (seller drafts, as written): capitalised names and more street words.
EN_ADDRESS_STRICT = re.compile(
    r"\b\d{1,5}\s+(?:[a-z]+\s){1,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|drive|court)\b"
)
EN_ADDRESS_BROAD = re.compile(
    r"\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way)\b\.?"
)


def phones(text: str, *, broad: bool = False) -> list[re.Match]:
    """Phone-number matches; `broad` adds any international-looking digit group."""
    patterns = (CN_MOBILE, US_PHONE, INTL_PHONE) if broad else (CN_MOBILE, US_PHONE)
    return [m for rx in patterns for m in rx.finditer(text)]


def addresses(text: str, *, broad: bool = False) -> list[re.Match]:
    """Postal-address matches (Chinese and English)."""
    cn, en = (CN_ADDRESS_BROAD, EN_ADDRESS_BROAD) if broad else (CN_ADDRESS_STRICT, EN_ADDRESS_STRICT)
    return [*cn.finditer(text), *en.finditer(text)]
