"""The classifier's segmenter (companion/classifier/segment.py) gives exactly jieba's tokens.

It reimplements jieba's HMM-free accurate mode over a compact trie of jieba's own dictionary, so the
reference here is jieba itself, initialised as the classifier used it (the same user words, freq 2000).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from companion.classifier import text as T
from companion.classifier.segment import RE_HAN

ROOT = Path(__file__).resolve().parents[1]

# Our own texts: punctuation, mixed scripts, digits and Latin runs, "\r\n", user words, upper case
# (jieba's dictionary is case-sensitive), characters outside jieba's Han range, empty and blank.
OWN_TEXTS = [
    "", " ", "\r\n", "a\r\nb", "\n\n", "\t好\t",
    "快递太慢了，等了一个星期", "没收到货，客服也不理人", "质量很差 quality bad", "不好不好",
    "用了三天就坏了！！！差评", "这个quality很差，不推荐", "AT&T 的手机壳 c# 代码", "B超单 iPhone14 pro max 256G",
    "12315投诉了", "性价比不高，起球掉色色差都有", "快递小哥很好，一星是给快递员的", "发错货还少发漏发",
    "价格降价了差价不退", "头皮屑掉发 1.5kg 3.5折 50% off #好物# 100-200元", "好好好好好好好好好好好好",
    "㐀㐁 鿖鿗 𠜎𠜱 字 ＡＢＣ１２３", "呵呵，真是好极了", "一般般吧，不差不慢不贵不错", "太差很差好差",
    "外包装破了，里面的瓶子漏了一半", "这鞋码偏小，穿着挤脚，硌得慌", "UPPER lower MiXeD 中文English混合",
    "南京市长江大桥", "结婚的和尚未结婚的", "他说的确实在理", "研究生命起源", "乒乓球拍卖完了",
    "😀好😡差💩", "x" * 300, "差" * 500, "a-b_c.d+e#f&g%h", "——…… 。。。！？", "\u200b好\u200d差",
]


@pytest.fixture(scope="module")
def jieba_tok():
    import jieba

    tk = jieba.Tokenizer()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk.initialize()
    for w in T._USER_WORDS:
        tk.add_word(w, freq=T.USER_WORD_FREQ)
    return tk


def corpus_texts() -> list[str]:
    out = []
    for p in sorted((ROOT / "training" / "corpus").glob("*.jsonl")):
        with p.open(encoding="utf-8") as fh:
            out += [json.loads(line)["text"] for line in fh if line.strip()]
    return out


def test_same_dictionary_total(jieba_tok):
    assert T.segmenter().total == jieba_tok.total


@pytest.mark.parametrize("text", OWN_TEXTS)
def test_own_texts_tokenise_like_jieba(jieba_tok, text):
    for x in (text, T.normalize(text)):
        assert T.tokenize_zh(x) == list(jieba_tok.tokenize(x, HMM=False))
        assert T.segmenter().cut(x) == list(jieba_tok.cut(x, HMM=False))


def test_project_corpus_tokenises_like_jieba(jieba_tok):
    texts = corpus_texts()
    assert len(texts) > 1000
    diffs = [t for t in texts for x in (t, T.normalize(t)) if T.tokenize_zh(x) != list(jieba_tok.tokenize(x, HMM=False))]
    assert diffs == []


def test_lazy_bounds_equal_the_full_token_offsets():
    for text in OWN_TEXTS + corpus_texts()[::7]:
        norm = T.normalize(text)
        full = set()
        for _, s, e in T.tokenize_zh(norm):
            full.update((s, e))
        lazy = T.token_bounds(norm)
        assert {p for p in range(-1, len(norm) + 2) if p in lazy} == full, norm[:60]


def test_blocks_are_segmented_alone():
    # The premise of the lazy bounds: a block's tokens do not depend on the text around it.
    for text in corpus_texts()[::50]:
        norm = T.normalize(text)
        pieces = [w for blk in RE_HAN.findall(norm) for w in T.segmenter().cut_block(blk)]
        assert pieces == [w for w, _, _ in T.tokenize_zh(norm) if RE_HAN.fullmatch(w)]
