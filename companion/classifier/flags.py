"""Appeal flags that come from the text alone, plus escalation terms.

Size: ~560 lines, mostly patterns; each family is one section with its own spec suite, kept in one
file because the families share the normalisation helpers and veto each other (a seller's offer is
not extortion, an order number is not a phone number).

Each family is written from the platforms' appeal reasons (DOMAIN.md) and LABELING.md's
definitions, never from data rows, and has a spec suite of hand-written positives and hard
negatives (tests/test_flags.py). Each detector returns the matched snippets so the panel can show
*why* a flag is raised: an appeal is only as good as the evidence the seller can point at.

Families:
- ad_or_spam: links and domains; contact diversion (WeChat/QQ/phone/Telegram/WhatsApp, including
  obfuscations such as 加V, 薇信, 扣扣, digits split by spaces, dots or Chinese numerals);
  coupon/gift-card/account selling, 刷单/兼职 recruiting, promotion of another shop.
- privacy_leak: phone numbers, ID-card numbers (checksum-verified, so order ids never count),
  e-mails, street addresses, full names given with a role ("快递员王建国", "my name is …").
- abusive_language: profanity and insults, including pinyin initials and masked forms
  (SB, 傻X, nmsl, f***, s***). Harsh verdicts on the product (垃圾, junk, 骗子) are not abuse.
- extortion: a demand (money, compensation, gifts, coupons, a refund beyond the order) tied to
  posting, keeping or changing a review, in one sentence. A complaint to 12315, the platform or a
  bank is escalation, never extortion; so is a plain refund request.
- irrelevant_to_product: filler for points, keyboard mashing, reposts and check-ins, a review of
  another order or platform.
"""

from __future__ import annotations

import re

from .. import pii
from . import lexicon as L
from .text import ZhLexicon

# --------------------------------------------------------------------------- helpers

_ZH_DIGITS = str.maketrans({
    "零": "0", "〇": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
    "六": "6", "七": "7", "八": "8", "九": "9", "壹": "1", "贰": "2", "叁": "3", "肆": "4", "伍": "5",
    "陆": "6", "柒": "7", "捌": "8", "玖": "9",
    "①": "1", "②": "2", "③": "3", "④": "4", "⑤": "5", "⑥": "6", "⑦": "7", "⑧": "8", "⑨": "9", "⓪": "0",
})
# A run of digits that may be split by spaces, dots, dashes, slashes, underscores or emoji/symbols
# ("138 1234 5678", "1 3 8-1234.5678", "1️⃣3️⃣8…" after NFKC).
_SPLIT_DIGITS = re.compile(r"\d(?:[\s.\-_/·|,*~+()\[\]]{0,3}\d|[^\w\u4e00-\u9fff\s]{1,3}\d){4,}")


def _digit_runs(norm: str) -> list[tuple[str, int, int]]:
    """(digits, start, end) for digit runs of ≥ 5, with Chinese numerals and separators folded."""
    folded = norm.translate(_ZH_DIGITS)
    out = []
    for m in _SPLIT_DIGITS.finditer(folded):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) >= 5:
            out.append((digits, m.start(), m.end()))
    return out


class _Words:
    """A literal word list matched by dictionary look-ups (Chinese, or ASCII like "sb" kept apart
    from longer Latin or digit runs); exposes `finditer` like a compiled regex."""

    def __init__(self, words):
        self.lex = ZhLexicon(words)

    def finditer(self, norm: str):
        return [_Lit(k) for k, _, _ in self.lex.scan(norm)]


class _Lit:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def group(self, _=0) -> str:
        return self.text


def _en_rx(pats) -> re.Pattern:
    # Latin-letter boundaries (not \b): CJK characters count as word characters in Python.
    return re.compile(r"(?<![a-z0-9])(?=[a-z0-9*])(?:" + "|".join(f"(?:{p})" for p in pats) + r")(?![a-z0-9])")


class _Gated:
    """A compiled regex whose match attempts are made only where a match can begin.

    Python's regex search tries every position, and a long alternation (`补偿|赔偿|…`, a name after
    one of 40 role words) costs one test per alternative there; only patterns that open with a
    plain character set get the engine's own fast skip. Here a character class of the possible first
    characters (read off the parsed pattern) finds the candidate positions at C speed and the
    pattern is matched at those only: `finditer` and `search` give the same matches as the regex's
    own (`match(s, p)` still sees the text before p for look-behinds and \\b). Everything else
    (`fullmatch`, `sub`, …) is the regex's. Patterns whose first characters cannot be listed keep
    their plain regex (see `_gated`).
    """

    __slots__ = ("rx", "gate", "pattern")

    def __init__(self, rx: re.Pattern, gate: re.Pattern):
        self.rx, self.gate, self.pattern = rx, gate, rx.pattern

    def finditer(self, s: str):
        match = self.rx.match
        end = 0
        for g in self.gate.finditer(s):
            p = g.start()
            if p < end:
                continue
            m = match(s, p)
            if m is not None:
                end = m.end()  # (a gated pattern never matches empty)
                yield m

    def search(self, s: str):
        match = self.rx.match
        for g in self.gate.finditer(s):
            m = match(s, g.start())
            if m is not None:
                return m
        return None

    def findall(self, s: str):
        if self.rx.groups:
            return self.rx.findall(s)
        return [m.group(0) for m in self.finditer(s)]

    def __getattr__(self, name):
        return getattr(self.rx, name)


def _first_chars(pattern: str) -> str | None:
    """A character class matching every character a match of `pattern` can begin with, or None when
    that cannot be listed (a match may be empty; case-insensitive or verbose parts; '.', negated
    sets or other constructs at the start)."""
    import re._constants as C
    import re._parser as P

    def esc(c: int) -> str:
        return "\\" + chr(c) if chr(c) in "-]\\^[" else re.escape(chr(c))

    cats = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}

    def seq(items) -> tuple[set[str], bool]:  # (first characters, may match empty)
        out: set[str] = set()
        for op, av in items:
            if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: the next item consumes the first character
                continue
            first, nullable = one(op, av)
            out |= first
            if not nullable:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[str], bool]:
        if op is C.LITERAL:
            return {esc(av)}, False
        if op is C.IN:
            got = set()
            for o, a in av:
                if o is C.LITERAL:
                    got.add(esc(a))
                elif o is C.RANGE:
                    got.add(esc(a[0]) + "-" + esc(a[1]))
                elif o is C.CATEGORY and a in cats:
                    got.add(cats[a])
                else:
                    raise ValueError(o)
            return got, False
        if op is C.BRANCH:
            got, nullable = set(), False
            for alt in av[1]:
                f, n = seq(alt)
                got |= f
                nullable = nullable or n
            return got, nullable
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise ValueError("flags")
            return seq(sub)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            f, n = seq(sub)
            return f, n or lo == 0
        raise ValueError(op)

    try:
        parsed = P.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE | re.LOCALE):
            return None
        first, nullable = seq(list(parsed))
    except Exception:  # noqa: BLE001 - anything not listed above: no gate
        return None
    return None if nullable or not first else "[" + "".join(sorted(first)) + "]"


def _gated(rx: re.Pattern) -> "_Gated | re.Pattern":
    """`rx` with a first-character gate (see `_Gated`), or `rx` itself when its first characters
    cannot be listed."""
    first = _first_chars(rx.pattern) if not rx.flags & (re.IGNORECASE | re.VERBOSE | re.LOCALE) else None
    return _Gated(rx, re.compile(first)) if first else rx


def _found(rxs, norm: str) -> list[str]:
    return [m.group(0) for rx in rxs for m in rx.finditer(norm)]


# --------------------------------------------------------------------------- ad_or_spam

_TLD = r"(?:com|cn|net|org|shop|store|top|xyz|vip|cc|io|me|co|ly|gg|info|biz|club|site|online|link|live|app|tk|ru|my|id|ph|sg|th|vn)"
_URL = re.compile(
    r"https?:\s*/+\s*\S+|www\s*\.\s*[a-z0-9-]+\S*|\b(?:t\.cn|bit\.ly|tinyurl\.com|t\.me|wa\.me|s\.click|m\.tb\.cn|v\.douyin\.com)/\S*"
    r"|(?<![@\w.])[a-z0-9][a-z0-9-]{1,40}(?:\.[a-z0-9-]{2,40})*\." + _TLD + r"(?![a-z0-9-])(?:/\S*)?"
    r"|(?<![@\w.])[a-z0-9][a-z0-9-]{1,40}\s*(?:点|\(dot\)|\[dot\]|\[\.\]|\(\.\)| dot | titik )\s*" + _TLD + r"(?![a-z])"
)
# Marketplaces and big brands named in passing ("cheaper on amazon.com") are no advertising.
_KNOWN_SITES = re.compile(r"^(?:www\.)?(?:amazon|taobao|tmall|jd|pinduoduo|tiktok|douyin|ebay|walmart|bestbuy|target|shopee|lazada|"
                          r"tokopedia|aliexpress|apple|google|youtube|facebook|instagram|costco|etsy|temu|shein)\.")
# Contact apps and their usual disguises (NFKC already folded full-width letters; text is lower-case).
_CONTACT_APP = (
    r"微信|微心|微芯|薇信|薇心|威信|维信|维心|喂信|徽信|卫星号|v信|vx|v x|wx|weixin|wechat|we chat|加v|\+v|➕v|➕薇|加微|加薇|加威|v号|v同名"
    r"|绿泡泡|绿色软件|蓝色软件|w h a t s a p p|tele\b"
    r"|qq|扣扣|抠抠|企鹅|q群|qq群|群号|\bq号|telegram|电报|\btg\b|whatsapp|whats app|\bwa\b|line ?id|line ?[:：]|加line|viber|zalo|飞机号|discord|snap(?:chat)?\s*[:：]|\big\s*[:：@]|公众号"
)
_CONTACT_APP_RX = re.compile(_CONTACT_APP)
_SOLICIT = re.compile(
    r"加我|联系我|找我|私聊|私信我|咨询|详聊|来撩|加一下|加好友|扫码|进群|拉你|dd我|滴滴我|call me|text me|dm me|message me"
    r"|contact me|hit me up|reach me|add me|inbox me|pm me|msg me|hubungi|whatsapp saya|nhắn|liên hệ|ติดต่อ|แอดไลน์|i-message"
)
# Someone else (the seller) asking the buyer to move to WeChat is reported diversion, not an ad.
_REPORTED = re.compile(r"(?:客服|商家|卖家|店家|他们|对方|seller|they|store|shop|support)[^。！？!?]{0,8}"
                       r"(?:说|让|叫|要我|要求|非要|keeps? telling|told|asked|wants?|insists?)")
# Commercial cues that turn "call me + number" into an ad rather than a buyer asking for help.
_COMMERCE = re.compile(r"价|优惠|便宜|低价|货源|代理|兼职|赚|批发|拿货|厂家|定制|stock|price|cheap|sale|deal|wholesale|income|earn"
                       r"|murah|harga|giá|sỉ|ราคา|presyo|stok|jual")
_ZH_SPAM_WORDS = _Words(L.ZH_SPAM + (
    "刷单", "刷信誉", "兼职", "日结", "日赚", "月入", "躺赚", "招代理", "招学员", "代理加盟", "低价出", "出售", "转让", "收购", "回收",
    "代购", "代拍", "代下单", "返利", "淘口令", "复制口令", "复制这段", "点击链接", "优惠券领取", "内部券", "隐藏券", "大额券",
    "领券", "礼品卡", "购物卡", "充值卡", "游戏点卡", "账号出售", "卖号", "出号", "涨粉", "刷粉", "引流", "关注我", "关注主播",
    "进我主页", "看我主页", "主页有", "我家店", "我的店铺", "我店里", "来我店", "进店", "搜店铺", "搜索店铺", "某宝搜", "去拼多多搜",
    "私域", "加群", "拉群", "代开发票", "代开各类", "关注公众号", "回复口令", "福利群", "拉你进", "有意扣1", "扣1", "千粉号", "万粉号",
    "可过户", "去我家", "我家小店", "认准", "推荐一个app", "去隔壁", "旗舰店买", "九块九包邮",
    "私我", "dd我", "评论区见", "点我头像", "看我主页", "看我昵称", "我的昵称", "我家橱窗", "我的橱窗", "直播间只要", "晚上八点开播",
    "开播", "福袋", "进群", "内购群", "福利群", "长按识别", "扫码", "二维码", "置顶评论", "链接挂", "挂我主页", "团购链接", "三人成团",
    "出闲置", "出全新", "一张转", "拿货价", "批发价", "渠道价", "厂家直供", "找货源", "靠谱货源", "专业维修", "同城上门", "上门秒结",
    "订货请来电", "量大从优", "可以找我们", "找我们工作室", "招聘", "招暑假工", "居家办公", "打卡营", "小红薯搜", "咸鱼搜", "1688搜",
    "快手号", "抖音搜", "店名叫", "一搜就出来", "直接去搜", "点我头像就能", "教你免费领", "免费领",
))
_EN_SPAM = _en_rx(tuple(p for p in L.EN_SPAM if p not in (r"discount code", r"promo code", r"use code")) + (
    r"gift ?cards? for sale", r"selling (?:gift ?cards?|accounts?|coupons?|vouchers?)", r"cheap (?:followers|likes|accounts)",
    r"buy (?:followers|likes)", r"work from home", r"earn (?:up to )?\$?\d+", r"make money", r"passive income",
    r"use my (?:code|link)", r"referral (?:code|link)", r"link in (?:my )?bio", r"check (?:out )?my (?:shop|store|page|channel|profile)",
    r"visit (?:my|our) (?:shop|store|page|website)", r"follow (?:me|my page|my shop)", r"subscribe to my", r"crypto", r"forex",
    r"investment opportunity", r"dm for (?:price|prices|details|deals)", r"order from (?:my|our) (?:shop|store)",
    r"use (?:my |the |this )?(?:promo|discount|coupon|referral) ?code", r"coupon codes? for", r"codes? (?:for sale|sold cheap)",
    r"we buy \w+ accounts", r"buy(?:ing)? (?:tiktok|instagram|shopee) accounts", r"search (?:for )?them", r"part-time",
    r"order boosting", r"per task", r"link in (?:my )?(?:bio|profile|linktree|pinned comment)", r"(?:my|the) linktree",
    r"pinned comment", r"scan the qr", r"qr code", r"giveaway", r"comment me", r"join (?:the|our|my) (?:challenge|group|discord|live)",
    r"my live", r"on my live", r"hit follow", r"hmu", r"dm '\w+'", r"wholesale inquir\w*", r"5 star reviews from", r"boost your listing",
    r"price glitch\w*", r"cash ?app flip", r"send \$\d+ get \$\d+", r"(?:search|find) (?:for )?\w+ on (?:tiktok|etsy|instagram|ig|shopee|amazon)",
    r"order from \w+ (?:official|store|shop)", r"instead,? they ship", r"for the plug", r"group buy", r"join thru", r"need \d+ more people",
    r"the real site is",
))
# Southeast-Asian languages: the same solicitation in Malay/Indonesian/Thai/Vietnamese/Tagalog.
_SEA_SPAM = re.compile(
    r"whatsapp saya|klik link|klik pautan|kunjungi toko|jual murah|promo murah|jual akun|toko kami|lowongan kerja|inbox shop"
    r"|kết bạn zalo|tuyển ctv|แอดไลน์|ทักไลน์|คลิกลิงก์|ราคาส่ง|i-pm mo|i-message mo|bisita sa shop|message mo ako|fb page"
    r"|cek bio|link (?:ada )?di (?:bio|profil)|join live|flash sale|imbas kod qr|jual akaun|pm je|trang cá nhân|nhóm săn sale|ib zalo"
    r"|giá sỉ|may link ako sa bio|pm lang po"
)


def url_hits(norm: str) -> list[str]:
    """Links and bare domain names (e-mail addresses excluded: they are privacy, not spam)."""
    out = []
    for m in _URL.finditer(norm):
        s = m.group(0).strip()
        # Decimal numbers and versions ("3.5.com" never occurs; "1.5kg" has no TLD) are excluded by
        # the TLD list; what looks like an e-mail's domain is skipped.
        if (m.start() > 0 and norm[m.start() - 1] == "@") or _KNOWN_SITES.match(s):
            continue
        out.append(s)
    return out


_CJK_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_EN_NUMBER_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                    "eight": "8", "nine": "9", "không": "0", "một": "1", "hai": "2", "ba": "3", "bốn": "4", "năm": "5", "sáu": "6",
                    "bảy": "7", "tám": "8", "chín": "9", "nol": "0", "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5",
                    "enam": "6", "tujuh": "7", "delapan": "8", "sembilan": "9"}
_NUMBER_WORD_RUN = re.compile(r"(?:\b(?:" + "|".join(map(re.escape, _EN_NUMBER_WORDS)) + r")\b[\s,.-]*){6,}")


_UNSPACED_LAST = ("", "")  # (text, result): spam_hits and contact_hits both ask for the same review's


def _unspaced(norm: str) -> str:
    """"加 我 企 鹅" → "加我企鹅"; "nine one seven, three three two" → "917332"."""
    global _UNSPACED_LAST
    last = _UNSPACED_LAST
    if last[0] == norm:
        return last[1]
    out = _CJK_SPACED.sub("", norm)
    out = _NUMBER_WORD_RUN.sub(lambda m: "".join(_EN_NUMBER_WORDS[w] for w in re.findall(r"[^\s,.-]+", m.group(0))
                                                 if w in _EN_NUMBER_WORDS) + " ", out)
    _UNSPACED_LAST = (norm, out)
    return out


def contact_hits(norm: str) -> list[str]:
    """Contact diversion: a contact app with an id, or a solicitation with a number or an app.

    Not when the buyer reports that the seller asked them to move off the platform, and not a
    number that is part of an e-mail address.
    """
    out: list[str] = []
    if _REPORTED.search(norm) and not _COMMERCE.search(norm):
        return out
    norm = _unspaced(norm)
    apps = list(_CONTACT_APP_RX.finditer(norm))
    runs = _digit_runs(norm)
    for m in apps:
        win = norm[m.end():m.end() + 24]
        if re.match(r"\s*(?:邮箱|mail)", win):
            continue
        # An id after the app name: digits (possibly split) or a Latin handle of ≥ 5 characters.
        if any(0 <= s - m.end() <= 12 for _, s, _ in runs) or re.match(r"\s*(?:号|号码|id)?\s*[:：是为]?\s*[a-z][a-z0-9_-]{4,}", win):
            out.append(norm[m.start():min(len(norm), m.end() + 16)].strip())
            continue
        near = norm[max(0, m.start() - 12):m.end() + 12]
        if _SOLICIT.search(near) or re.search(r"(?:加|搜|找)\s*$", norm[max(0, m.start() - 3):m.start()]):
            out.append(near.strip())
    if not out:
        for digits, s, e in runs:
            if len(digits) < 6 or len(digits) > 13 or norm[e:e + 1] == "@":
                continue
            near = norm[max(0, s - 14):e + 14]
            if _CONTACT_APP_RX.search(near) or (_SOLICIT.search(near) and _COMMERCE.search(norm)):
                out.append(norm[s:e])
    return out


# "搜“小鹿优选”", "search 'CozyCorner'": sending buyers to another named shop.
_SEARCH_SHOP = re.compile(r"(?:搜|搜索)\s*[“\"「『'‘][^”\"」』'’]{2,20}[”\"」』'’]")
_SPAM_EMAIL = re.compile(r"(?:简历|email|e-mail|邮箱|联系)[^。！？!?]{0,6}[\w.%+-]+@[\w-]+\.[a-z]{2,}")


def spam_hits(norm: str) -> list[str]:
    """Advertising or contact diversion (contact ids, selling, recruiting, another shop by name).
    Links are separate (`url_hits`): a link is an ad when it stands without a real complaint (see
    core). A buyer reporting that the seller moved them to WeChat is not advertising."""
    if _REPORTED.search(norm) and not _COMMERCE.search(norm):
        return []
    out = contact_hits(norm)
    flat = _unspaced(norm)
    out += _found((_ZH_SPAM_WORDS, _EN_SPAM, _SEA_SPAM, _SEARCH_SHOP), flat)
    if _COMMERCE.search(norm) or out:
        out += [m.group(0) for m in _SPAM_EMAIL.finditer(norm)]
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- privacy_leak

# Any phone number given as contact: a contact word, then a number of 8-13 digits in the usual
# groupings (landlines "0755-83451276", UK "07700 900456", "+60 12-387 5519", "0812-3456-7890").
_PHONE_CONTEXT = re.compile(r"电话|号码|手机|打给|致电|来电|拨|call|phone|number|tel|whatsapp|\bwa\b|zalo|viber|โทร|เบอร์|hubungi|nomor|telefon"
                            r"|số|liên hệ|sđt|\bon\b|\bat\b|\+\d")
_ANY_PHONE = _gated(re.compile(r"(?<![\d.])(?:\+\d{1,3}[\s-]?)?\(?0?\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d.])"))
_ORDER_CONTEXT = re.compile(r"(订单|单号|order|tracking|运单|快递单|物流单|编号|型号|sku|model|no\.?|#)\D{0,6}$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CARD = _gated(re.compile(r"(?<!\d)[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dx](?![\dx])"))


def _id_checksum_ok(s: str) -> bool:
    total = sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS))
    return "10x98765432"[total % 11] == s[17]


_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_ROLE = (r"(?:快递员|快递小哥|快递哥|小哥|送货员|配送员|派送员|骑手|外卖员|司机|师傅|客服|店员|店长|导购|售后工程师|工程师|售后|安装工|装修师傅"
         r"|业务员|仓管|经理|收件人|收货人|寄件人|户名|全名|工牌上写着|老板叫|店主叫|邻居|同事|我妈|我爸|我老婆|我老公|我女儿|我儿子|女儿|儿子"
         r"|名字|的是|个人[:：])")
_CN_NAME = _gated(re.compile(
    r"(?:收件人|收货人|寄件人|姓名|名字(?:是|叫)|我叫|本人叫|我的名字是)\s*[:：是]?\s*[\u4e00-\u9fff]{2,3}"
    + r"|" + _ROLE + r"\s*(?:叫|名叫|姓名|名字是)\s*[:：]?\s*[" + _SURNAMES + r"][\u4e00-\u9fff]{1,2}"
    + r"|" + _ROLE + r"\s*[:：]?\s*(?P<bare>[" + _SURNAMES + r"][\u4e00-\u9fff]{2})"
    r"(?=[，。！？!?,\s()（）]|$|[的说把给让还也就都不没在态这太很非送打骂居竟真直亲上帮跟看硬一你七八九十六五四三两二是人才阿经私答])"
    r"|(?P<aunt>[" + _SURNAMES + r"][\u4e00-\u9fff]{2})(?=阿姨|叔叔|大爷|大妈|奶奶|爷爷)"
))
# A surname with a title is how people are addressed, not a full name ("王师傅", "刘经理").
_TITLES = frozenset(("师傅", "经理", "老板", "小哥", "先生", "女士", "阿姨", "大哥", "大姐", "小姐", "老师", "总", "工", "姐", "哥"))
# Two-character starts that look like surname + given name but are ordinary words ("客服张口就骂").
_NOT_GIVEN = frozenset((
    "张口", "马上", "高冷", "白眼", "方便", "何必", "于是", "周到", "任何", "万一", "向来", "严重", "毛病", "金牌", "史上",
    "江湖", "程序", "余额", "全程", "许多", "常常", "黄牛", "石头", "范围", "金额", "熊孩", "白白", "高高", "明明", "陆续",
    "龙头", "钱包", "钱都", "钱也", "钱还", "于心", "汤水", "孔子", "任由", "万般", "沈默", "段时", "雷人", "邱比", "江河",
    "何时", "何况", "方面", "方法", "白天", "高兴", "高速", "马虎", "周末", "周边", "林立", "唐突", "许可", "韩版", "冯",
))
_EN_NAME_LOWER = _gated(re.compile(r"\bmy name is [a-z]+ [a-z]+"))
_EN_ROLE_NAME = re.compile(
    r"\b(?i:driver|courier|delivery (?:guy|man|driver)|agent|rep|representative|staff|employee|manager|seller|neighbou?r"
    r"|technician|engineer|installer|shipper|penghantar|kurir|rider|mom|mum|dad|wife|husband|son|daughter|friend|grandma|grandpa"
    r"|grandmother|grandfather|mother|father|aunt|uncle|reps?|addressed to|name (?:is|as)|it's|it is|i'm|i am|this is"
    r"|bernama|atas nama|na si)"
    r"(?: (?:named|called)|,)? ([A-Z][a-z]+ (?:[A-Z][a-z]+ )?(?:bin |binti |van |de |dela |dos )?[A-Z][a-zễăâđêôơư]+)\b")
_CAPITALISED = re.compile(r"[A-Z][a-z]")
# Role words that precede a capitalised word pair but are not names.
_NOT_NAMES = {"Customer Service", "Amazon Prime", "Tik Tok", "Tiktok Shop", "Seller Center", "Thank You", "Best Buy", "Home Depot"}
# Street addresses in Malay/Indonesian ("Jl. Melati No. 27", "Jalan …"), Vietnamese ("số 12 đường …") and Thai
# ("บ้านเลขที่ 45/12").
_SEA_ADDRESS = _gated(re.compile(r"\b(?:jl\.|jln\.?|jalan) [a-z ]{2,30}(?:no\.?|nombor) ?\d+|\bsố \d+ (?:đường|phố) \w+|บ้านเลขที่\s*\d+"
                          r"|\bunit \d+-\d+,? [a-z ]+,? \d{5}"))
# Chinese addresses without a province or city: a street and a number, or a housing estate with building and room.
_ZH_NUM = r"(?:\d+|[一二三四五六七八九十百零〇]+)"
_CN_ADDRESS_LOCAL = re.compile(
    r"[\u4e00-\u9fff]{2,6}(?:路|街|弄|巷|大道)" + _ZH_NUM + r"(?:号|弄)(?:院)?(?:" + _ZH_NUM + r"(?:号|栋|幢|楼|室|单元|号楼))+"
    r"|[\u4e00-\u9fff]{2,8}(?:小区|家园|花园|公寓|苑|新村|大厦)" + _ZH_NUM + r"(?:栋|幢|号楼)" + _ZH_NUM)
# Bank cards (Luhn-valid, with a card word before), IBANs, passports, licence plates.
_CARD = re.compile(r"(?:卡号|银行卡|卡|card|kartu)[^\d]{0,8}((?:\d[ -]?){15,18}\d)")
_IBAN = re.compile(r"\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){3,7}(?: ?[a-z0-9]{1,3})?\b")
_PASSPORT = re.compile(r"(?:护照|passport)[^\d]{0,10}[a-z]?\d{7,9}\b")
_CN_PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][a-z][·\s]?[a-z0-9]{5,6}(?![a-z0-9])")
_PLATE_EN = re.compile(r"(?:plate|reg(?:istration)?|number plate)[^a-z0-9]{0,4}([a-z]{2}\d{2} ?[a-z]{3})\b")


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def privacy_hits(norm: str, raw: str | None = None) -> list[str]:
    """Phone numbers, ID numbers, e-mails, addresses and full names in the text (not order numbers).

    `raw` (the text as written, before lower-casing) lets English names be recognised by case.
    """
    out: list[str] = []
    for m in pii.phones(norm):
        if _ORDER_CONTEXT.search(norm[max(0, m.start() - 12):m.start()]):
            continue
        out.append(m.group(0))
    # Obfuscated mobile numbers: 11 digits starting 13-19 once separators/Chinese numerals fold.
    for digits, s, _e in _digit_runs(norm):
        if len(digits) == 11 and re.fullmatch(r"1[3-9]\d{9}", digits) and digits not in "".join(out).replace(" ", "").replace("-", ""):
            if not _ORDER_CONTEXT.search(norm[max(0, s - 12):s]):
                out.append(digits)
    for m in _ANY_PHONE.finditer(norm):
        digits = re.sub(r"\D", "", m.group(0))
        if 8 <= len(digits) <= 13 and _PHONE_CONTEXT.search(norm[max(0, m.start() - 16):m.start() + 1]) \
                and not _ORDER_CONTEXT.search(norm[max(0, m.start() - 12):m.start()]) and m.group(0) not in out:
            out.append(m.group(0).strip())
    for m in _ID_CARD.finditer(norm):
        if _id_checksum_ok(m.group(0)) and not _ORDER_CONTEXT.search(norm[max(0, m.start() - 12):m.start()]):
            out.append(m.group(0))
    out.extend(m.group(0) for m in pii.EMAIL.finditer(norm))
    out.extend(m.group(0) for m in pii.addresses(norm))
    out.extend(m.group(0) for m in _SEA_ADDRESS.finditer(norm))
    out.extend(m.group(0) for m in _CN_ADDRESS_LOCAL.finditer(norm))
    for m in _CARD.finditer(norm):
        digits = re.sub(r"\D", "", m.group(1))
        if 16 <= len(digits) <= 19 and _luhn(digits):
            out.append(m.group(1))
    out.extend(m.group(0) for m in _IBAN.finditer(norm) if re.search(r"iban|bank|refund|退款|账户", norm))
    out.extend(m.group(0) for m in _PASSPORT.finditer(norm))
    out.extend(m.group(0) for m in _CN_PLATE.finditer(norm))
    out.extend(m.group(1) for m in _PLATE_EN.finditer(norm))
    for m in _CN_NAME.finditer(_CJK_SPACED.sub("", norm)):
        bare = m.group("bare") or m.group("aunt")
        if bare and (bare[:2] in _NOT_GIVEN or bare[1:] in _TITLES):
            continue
        out.append(m.group(0))
    out.extend(m.group(0) for m in _EN_NAME_LOWER.finditer(norm))
    if raw and _CAPITALISED.search(raw):  # every name it finds starts "Xy": skip the scan without one
        out.extend(m.group(1) for m in _EN_ROLE_NAME.finditer(raw) if m.group(1) not in _NOT_NAMES)
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- abusive_language

_ZH_ABUSE_WORDS = _Words(L.ZH_ABUSE + (
    "傻叉", "傻×", "傻*", "傻屌", "傻狗", "煞逼", "沙雕", "啥b", "sb玩意", "2b", "二逼", "逗比玩意", "nmsl", "wqnmlgb", "mlgb", "rnm",
    "qnmd", "nmd", "cnmb", "tm的", "他喵的", "特喵", "尼玛的", "你妹", "妈了个", "去你的", "去你妈", "滚犊子", "滚粗",
    "有病吧", "脑子有病", "神经病", "脑子进水", "弱智", "蠢货", "蠢猪", "猪脑子", "狗屎", "狗娘", "狗日的", "死全家", "全家死",
    "不得好死", "断子绝孙", "杂种", "贱货", "婊子", "王八", "龟孙", "孙子", "瘪三", "废物", "垃圾玩意", "黑心商家去死", "吃屎",
    "缺德", "丧良心", "死骗子", "操蛋", "扯淡", "扯蛋", "蛋疼", "屁用", "个屁", "放屁", "鸟用", "日了狗", "奶奶的", "你大爷",
    "妈蛋", "我艹", "握草", "沃日", "我去你", "真tm", "tm的", "碧池", "丫的", "龟儿子", "瓜娃子", "他奶奶",
    # insults at people: blind, heartless, not human
    "眼瞎", "瞎了眼", "瞎了狗眼", "狗眼", "良心被狗吃", "狼心狗肺", "不是人", "还算人吗", "算什么东西", "坑比", "坑逼", "猪脑",
    # slurs at nationalities or groups
    "小日本", "日本鬼子", "鬼子", "棒子", "高丽棒子", "阿三", "黑鬼", "支那", "尼哥",
    "一坨屎", "坨屎", "滚吧", "滚出", "滚远点", "你个龟孙",
))
_SEA_ABUSE = re.compile(r"\b(?:goblok|bodoh|babi|anjing|bangsat|tanga|gago|putang ?ina|bobo ka)\b|ควาย|ไอ้สัตว์|đồ ngu|đm|vãi")
# Censored swearing: "*的", "**的", "他x的", "这**", a grawlix such as "@#$!" in English.
_MASKED = _gated(re.compile(r"(?:^|[他她你真])[*＊×x]{1,3}的|这[*＊]{2}(?=[\u4e00-\u9fff，,])|^[*＊]{1,3}的"
                     r"|(?<![a-z0-9@#$%&!*])(?=[!*]{0,20}[@#$%&])[@#$%&!*]{4,40}(?![a-z0-9])"))
# A bare "滚" is an order to leave, aimed at someone, when it stands alone or ends a sentence.
_ZH_GUN = re.compile(r"(?:^|[，。！？!?,\s])(?:滚|靠|艹|草)(?:吧|远点|出去|开)?(?=[！!。.？?，,\s]|$)|滚蛋|滚粗|滚犊子")
# "idiot", "moron", "loser", "jerk" count when aimed at someone ("you idiots", "the seller is a
# complete moron"), not in "I felt like an idiot" or "idiot-proof".
_AIMED = (r"(?<!like )(?<!feel )(?<!felt )(?:you|you're|youre|your|ur|u|are|is|they're|theyre|such|what|bunch of|total|complete"
          r"|absolute|stupid|fucking|damn|bloody|these|those)\s+(?:an?\s+)?(?:bunch of\s+|complete\s+|total\s+|absolute\s+)?(?:idiots?|morons?|losers?|jerks?|imbeciles?)"
          r"(?!-)")
_EN_ABUSE = _en_rx(tuple(p for p in L.EN_ABUSE if p not in (r"morons?", r"idiots?", r"jerks?")) + (_AIMED,
    r"f[\*\-_#@]+(?:k|ck|ing|ed|er|ers)?", r"f[\*\-_#@]+k?ing", r"f\*+\w*", r"s\*{2,}", r"b\*{3,}", r"a\*{2,}", r"fck\w*", r"fuk\w*", r"phuck\w*", r"effing", r"stfu", r"gtfo",
    r"s[\*#@]+t", r"sh[\*#@]+t?", r"sh!t", r"b[\*#@]+tch\w*", r"a[\*#@]{1,3}hole", r"a[\*#@]{2}", r"d[\*#@]+n", r"dipshit",
    r"piece of (?:shit|s[\*]+)", r"cunt\w*", r"dickhead", r"douche\w*", r"prick", r"pathetic losers?", r"clowns",
    r"go to hell", r"screw you", r"shut up", r"brain[ -]?dead", r"son of a", r"a-holes?", r"bullsh[!*1]t", r"d[1!]ckheads?",
))


def abuse_hits(norm: str) -> list[str]:
    """Profanity and insults (zh, en, pinyin initials and masked forms)."""
    norm = re.sub(r"(?<=[我俺])妈的", "妈 ", norm)  # "我妈的手机" is my mother's phone
    out = _found((_ZH_ABUSE_WORDS, _EN_ABUSE, _INSULT, _EN_INSULT, _SEA_ABUSE), norm)
    out += [m.group(0).strip("，。！？!?, ") for m in _ZH_GUN.finditer(norm)]
    out += [m.group(0) for m in _MASKED.finditer(norm)]
    return list(dict.fromkeys(out))


# Insults aimed at people or companies (not mere expletives): these also add the
# malicious_or_unfounded secondary label (LABELING "secondary").
_INSULT = _Words(("傻逼", "傻b", "傻x", "傻叉", "煞笔", "沙比", "sb", "脑残", "智障", "弱智", "白痴", "混蛋", "王八蛋", "贱人",
                  "不要脸", "你妈", "草泥马", "畜生", "人渣", "狗东西", "汉奸", "你丫", "狗日", "去死", "脑子有病", "有病吧",
                  "神经病", "蠢货", "废物", "死全家", "不得好死", "杂种", "贱货", "骗子去死", "nmsl", "cnm"))
_EN_INSULT = _en_rx((_AIMED, r"dumbass", r"retard(ed|s)?", r"scumbags?", r"bitch\w*", r"assholes?", r"bastards?",
                     r"clowns", r"imbeciles?", r"so are you", r"screw you", r"go to hell", r"b[\*#@]+tch\w*",
                     r"a[\*#@]{1,3}hole"))


def insult_hits(norm: str) -> list[str]:
    """Insults aimed at people or companies."""
    return _found((_INSULT, _EN_INSULT), norm)


# --------------------------------------------------------------------------- extortion

_SENT_SPLIT = re.compile(r"[。！？!?\n；;]+|(?<![a-z0-9])\.(?=\s|$)")
_NUM = r"(?:(?<!\d)\d{1,7}|(?<![一二两三四五六七八九十百千万几])[一二两三四五六七八九十百千万几]{1,6})"
_ZH_DEMAND = _gated(re.compile(
    r"补偿|赔偿|赔我|赔给我|赔钱|赔点|赔付|给钱|给点钱|打钱|转账|转我|返现|返钱|返我|返点|红包|现金|精神损失|损失费|报销"
    r"|双倍|三倍|十倍|加倍|免单|白送|送我|再送|免费(?:寄|送|换|发|给)|优惠券|代金券|无门槛|满减券|券|会员卡|年卡|(?:送|给)我[^，。]{0,4}(?:礼品|赠品)|好处|表示一下|意思一下"
    r"|一半的钱|退一半|的钱|打给我|打钱|转我|转账|开个价|多少钱|值多少|意思一下|再寄|寄一件新的|寄两|送一份|送三台|一台新的|免单|vip|会员"
    r"|给点|拿\d|拿[一二两三四五六七八九十百]|[一二两三四五六七八九十百千]块|\d块|赔\d|补\d"
    r"|" + _NUM + r"\s*(?:块|元|块钱|元钱|rmb|¥)|[¥￥]\s*\d+|退(?:我)?" + _NUM + r"\s*(?:块|元)"
))
# The review used as the lever: posting, keeping, changing or deleting it.
_ZH_LEVER = re.compile(r"差评|好评|中评|一星|1星|五星|5星|追评|评价|删评|改评|晒单|曝光差评|挂着|一直挂|星|删掉|就删|删了|撤|置顶|发帖|发一遍"
                       r"|闭嘴|停手|让我停")
_ZH_COND = _gated(re.compile(
    r"不给|不赔|不补|不返|不退|不处理就|否则|不然|要不然|要么|除非|只要|如果|才(?:会|给|能|改|删|追)|就(?:给|改|删|追|一直|永远|马上|天天)|我就|天天"
    r"|(?:给|赔|补偿|返|转)[^，。]{0,12}(?:就|马上|立刻|立马)|要不|先.{0,6}再|立马|马上|立刻|来换|换好评|撤|改成|改为|什么时候改|就改|我把"
    r"|我改|就删|才删|再说|好说|免谈|自然会|当没发生|别让我等|到账|合适我|买个清净|买我闭嘴|想让我"
))
# Someone else (the seller) offering the benefit is inducement reported by the buyer, not extortion.
_ZH_SELLER_OFFER = re.compile(r"(?:商家|卖家|客服|店家|掌柜|老板|店铺|他们|对方)[^，。]{0,6}(?:说|让|叫|要我|承诺|答应|提出|主动|发来|诱导)")
_EN_DEMAND = re.compile(
    r"\b(?:pay me|pay up|paypal me|venmo me|my number is \$|money back plus|plus the same|same amount again|\$\s?\d+|\d+ ribu"
    r"|(?:gift|send|give) me (?:one|two|the)|for free|store credit|credit|gift ?card|amazon card|compensation|a little something|"
    r"compensat\w*|reimburse\w*|refund me (?:double|twice|extra|more)|double refund|full refund (?:and|plus)"
    r"|(?:give|send) me (?:\S+ ){0,3}(?:free|money|cash|gift|coupon|voucher|discount|credit|\$)|free (?:item|product|one|stuff|gift)"
    r"|for free|free of charge|let me keep|keep the item|discount code|baucar|voucher|\brm ?\d+|\d+ ?rb\b|\d+ ?k\b|\d+ ?บาท|\d+ ?pesos"
    r"|โอนเงิน|ibalik|hoàn cho|refund \d+"
    r"|gift ?card|coupons?|vouchers?|store credit|extra money|\$\s?\d+|\d+\s?(?:dollars|bucks|usd|pounds|rm|php|ringgit|pesos))"
)
_EN_LEVER = re.compile(r"\b(?:review\w*|stars?|rating|ratings|feedback|ulasan)\b|\b[1-5][- ]?star|bintang|ดาว|\bsao\b|รีวิว|đánh giá"
                       r"|\bthis down\b|\bpost (?:the|a) video|\bflooding your page|getting three of these")
_EN_COND = re.compile(r"\b(?:unless|or else|or i(?:'ll| will| am going to|'m going to)|if you (?:don't|do not|won't|refuse|pay|paypal|send|give|refund|venmo)"
                      r"|or (?:this|the|my) |if not|goes away|stays|take (?:it|the review|this) down|for \$\d+"
                      r"|and i(?:'ll| will) (?:write|give|leave|post|bump|take|change|edit|update|remove|pull|delete)|nanti|tukar|ubah|แล้วจะ|\bthì\b|gagawin"
                      r"|the moment|once you|gets you|and it's done|it's done|or i'm|or you're|and i delete|i'll delete|final offer"
                      r"|not taking this down|for anything less|stays|until then|i'd bump|kalau|thì tôi|at buburahin|แล้ว|ลบ|xoá|hapus|naikin"
                      r"|until you|and i(?:'ll| will) (?:change|update|remove|delete|edit|raise|fix)|then i(?:'ll| will)"
                      r"|in exchange|otherwise|i(?:'ll| will) (?:change|update|remove|delete|edit|raise)[^.!?]{0,30}\bif\b)")
_EN_SELLER_OFFER = re.compile(r"\b(?:seller|they|store|shop|support|agent)\b[^.!?]{0,20}\b(?:offered|asked me|promised|told me|wanted me)\b")


def extortion_hits(norm: str, window: bool = True) -> list[str]:
    """A demand tied to a review in the same sentence (both languages).

    Needs all three: a demand (money, compensation, gifts, coupons, a refund beyond the order), the
    review as lever (差评/好评/追评/一星, review/stars) and a condition (不…就, 否则, unless, or I'll,
    …才改好评). A buyer who complains to 12315 or asks for a refund asks for nothing beyond their
    rights: no demand word, no flag.
    """
    out: list[str] = []
    # No lever anywhere, no lever in any sentence (no lever pattern spans a sentence break): done.
    if not _ZH_LEVER.search(norm) and not _EN_LEVER.search(norm):
        return out
    sents = [x for x in _SENT_SPLIT.split(norm) if x.strip()]
    # A demand and its lever often sit in neighbouring sentences ("Venmo me 50. Then I'll delete it.").
    pairs = [a + "。" + b for a, b in zip(sents, sents[1:])] if window else []
    for sent in sents + pairs:
        if not sent.strip():
            continue
        # The lever first: the cheapest test and the one most sentences fail.
        if _ZH_LEVER.search(sent) and _ZH_COND.search(sent) and _ZH_DEMAND.search(sent) and not _ZH_SELLER_OFFER.search(sent):
            out.append(sent.strip())
        elif (_EN_LEVER.search(sent) and _EN_COND.search(sent) and _EN_DEMAND.search(sent)
              and not _EN_SELLER_OFFER.search(sent)):
            out.append(sent.strip())
    return out


# --------------------------------------------------------------------------- how sure a flag is

def flag_confidence(flag: str, hits: list[str], norm: str) -> float:
    """How sure the text evidence is, 0-1. Drafting acts on a flag (an appeal, no apology) only from
    0.6 up, so the weak forms sit below: a censored "**" that may hide a brand name, a demand and a
    review lever only in neighbouring sentences."""
    if flag == "abusive_language":
        return 0.55 if all(_MASKED.fullmatch(h) or re.fullmatch(r"[*＊x×]+的?|这[*＊]+", h) for h in hits) else 0.9
    if flag == "extortion":
        return 0.9 if extortion_hits(norm, window=False) else 0.7
    if flag == "privacy_leak":
        return 0.9 if any(sum(c.isdigit() for c in h) >= 7 or "@" in h for h in hits) else 0.75
    if flag == "ad_or_spam":
        return 0.9 if spam_hits(norm) else 0.7
    return 0.75


# --------------------------------------------------------------------------- irrelevant_to_product

# Strong markers say outright that the text is not a review of this product (filler for points,
# a review of another order); weak ones (reposts, "#", @-mentions) only count without a complaint.
_ZH_IRRELEVANT_STRONG = (
    "凑字数", "凑个字数", "为了积分", "赚积分", "拿积分", "领积分", "混积分", "为了金币", "为了返利", "评价拿", "字数不够",
    "系统默认好评", "默认好评", "复制粘贴", "随便写写", "随便评评", "哈哈哈哈哈哈", "啦啦啦", "不知道说什么", "不知道写什么",
    "上一单", "上个订单", "另一个订单", "别的订单", "别家买的", "在别家", "拼多多买的", "淘宝买的", "京东买的", "这条评价是给",
    "未填写评价", "没有填写评价", "测试测试", "评价错了", "评错了", "另一家店", "v我50", "凑评价", "拿金币", "为了金币",
)
_ZH_IRRELEVANT_WORDS = _Words(tuple(w for w in L.ZH_IRRELEVANT if w != "#") + _ZH_IRRELEVANT_STRONG)
_ZH_IRRELEVANT_STRONG_WORDS = _Words(_ZH_IRRELEVANT_STRONG)
_EN_IRRELEVANT_STRONG = _en_rx((
    r"for (?:the )?(?:points|coins)", r"test review", r"please ignore", r"meant to review", r"this review is for the",
    r"wrong box", r"cho đủ chữ", r"lấy xu", r"untuk koin", r"filler text", r"just filling", r"need \d+ words", r"reviewing (?:for|to get) (?:coins|points)",
    r"wrong (?:listing|product page)", r"this review is for (?:a|another|my other)", r"different order", r"lorem ipsum",
    r"blah blah", r"asdf\w*", r"qwert\w*",
))
_EN_IRRELEVANT = _en_rx(L.EN_IRRELEVANT)
_MENTION = _gated(re.compile(r"(?<![\w.])@[\w\u4e00-\u9fff]+"))
_HASHTAG = re.compile(r"#[^\s\d#＃]")  # "#4900…" is an order number, "#好物推荐" a tag
_REPEAT_CHAR = re.compile(r"(.)\1{7,}")
_LATIN_RUN = re.compile(r"[a-z]{6,}")


def _gibberish(norm: str) -> list[str]:
    """Keyboard mashing: long runs of one character, or Latin runs without vowels."""
    out = [m.group(0) for m in _REPEAT_CHAR.finditer(norm)
           if not m.group(1).isspace() and not m.group(1).isdigit() and m.group(1) not in ".!！?？~～。，,*-=_"]
    out += [w for w in _LATIN_RUN.findall(norm) if not re.search(r"[aeiouy]", w)]
    # Nothing but digits, symbols or emoticons ("666666", "123456789", a kaomoji).
    if len(norm.strip()) >= 4 and not re.search(r"[a-z\u4e00-\u9fff\u0e00-\u0e7f]", norm):
        out.append(norm.strip()[:20])
    return out


def strong_irrelevant_hits(norm: str) -> list[str]:
    """Markers that say outright the text is not a review of this product: filler, gibberish,
    a review meant for another order."""
    return list(dict.fromkeys(_found((_ZH_IRRELEVANT_STRONG_WORDS, _EN_IRRELEVANT_STRONG), norm) + _gibberish(norm)))


def irrelevant_hits(norm: str) -> list[str]:
    """Filler, reposts, check-ins, @-mentions, gibberish and reviews of another order."""
    out = _found((_ZH_IRRELEVANT_WORDS, _EN_IRRELEVANT, _EN_IRRELEVANT_STRONG), norm)
    out += [m.group(0) for m in _MENTION.finditer(norm)]
    out += [m.group(0) for m in _HASHTAG.finditer(norm)]
    out += _gibberish(norm)
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- escalation

_ESC = (_Words(L.ZH_ESCALATION), _en_rx(L.EN_ESCALATION))


def escalation_hits(norm: str) -> list[str]:
    """Escalation terms (假货, 12315, lawsuit, chargeback …), de-duplicated, in order of appearance."""
    seen: list[str] = []
    for rx in _ESC:
        for m in rx.finditer(norm):
            t = m.group(0)
            if t not in seen:
                seen.append(t)
    return seen
