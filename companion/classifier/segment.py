"""Chinese word segmentation: jieba's accurate mode without HMM, over a compact dictionary.

The classifier needs jieba's tokens only to accept one-character lexicon words as whole words (and
for the content tokens of the corrections nudge). jieba keeps its dictionary as a Python dict of every
word *and every prefix of every word* (~580,000 keys, ~62 MB resident). Here the same words live in a
marisa-trie (a few MB) with their log-probabilities in one array, and the segmentation is jieba's own
algorithm, so the tokens are exactly jieba's (`jieba.tokenize(text, HMM=False)` after the same
`add_word` calls); tests/test_segmenter.py compares the two on many texts.

Reimplemented from jieba 0.42.1 (MIT licence, © 2013 Sun Junyi): `Tokenizer.gen_pfdict`,
`add_word`, `cut` (block split by `re_han_default` / `re_skip_default`), `get_DAG`, `calc` and
`__cut_DAG_NO_HMM`. The floats are computed in the same order (`log(freq) - log(total) + route`) and
ties go to the longer word, as in jieba's `max` over `(probability, end)` tuples. The dictionary is read
from jieba's own `dict.txt` (the installed jieba package's file; jieba itself is not imported).
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
from array import array
from typing import Iterable

# jieba's re_han_default and re_skip_default (HMM=False, cut_all=False).
RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
RE_SKIP = re.compile("(\r\n|\\s)")
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # jieba's re_eng, one char


def jieba_dict_path() -> str:
    """The installed jieba's dict.txt, found without importing jieba where possible (importing it loads
    its HMM tables, ~9 MB that the HMM-free segmentation never reads)."""
    spec = importlib.util.find_spec("jieba")
    if spec is not None and spec.submodule_search_locations:
        return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")
    # An importer that does not describe the package's location (some frozen builds): ask the module.
    import jieba

    return os.path.join(os.path.dirname(jieba.__file__), "dict.txt")


def _dict_lines(dict_path: str):
    """(word, frequency) per line of a jieba dictionary, parsed as jieba's gen_pfdict does."""
    with open(dict_path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            text = line.strip().decode("utf-8")
            try:
                word, f = text.split(" ")[:2]
                yield word, int(f)
            except ValueError:
                raise ValueError(f"invalid dictionary entry in {dict_path} at line {lineno}: {text}") from None


class Segmenter:
    """jieba's dictionary (plus words added with a frequency) and its HMM-free segmentation."""

    def __init__(self, dict_path: str, add_words: Iterable[tuple[str, int]] = ()):
        import marisa_trie

        self.dict_path = dict_path
        add_words = [(w, int(f)) for w, f in add_words]
        # Two streaming passes over dict.txt (words into the trie, then each word's probability by its
        # trie id) instead of jieba's dict of every word: no 350,000 strings alive at once, whose freed
        # memory the allocator would keep (the trie and its array are the whole resident cost).
        total = 0
        zero = False

        def words():
            nonlocal total, zero
            for word, f in _dict_lines(dict_path):
                total += f
                if f > 0:
                    yield word
                else:
                    zero = True
            for word, f in add_words:
                total += f
                if f > 0:
                    yield word
                else:
                    zero = True

        self.trie = marisa_trie.Trie(words())
        if zero:
            # A word set to frequency 0 (jieba's del_word) is no candidate: rare, so built the plain way.
            self.trie = marisa_trie.Trie(self._plain_words(add_words))
        logtotal = math.log(total)
        self.logp = array("d", bytes(8 * len(self.trie)))
        key_id = self.trie.key_id
        # jieba's gen_pfdict and add_word: the last frequency given for a word wins; every line counts
        # towards the total (a word listed twice too).
        for word, f in _dict_lines(dict_path):
            if f > 0 and self.trie.get(word) is not None:
                self.logp[key_id(word)] = math.log(f) - logtotal
        for word, f in add_words:
            if f > 0:
                self.logp[key_id(word)] = math.log(f) - logtotal
        self.total = total
        self.no_word = math.log(1) - logtotal  # jieba: log(FREQ.get(frag) or 1) - logtotal
        self.maxlen = max(map(len, self.trie.iterkeys()))

    def _plain_words(self, add_words: list[tuple[str, int]]) -> list[str]:
        """The words whose final frequency (last line, then add_word) is above 0."""
        freq: dict[str, int] = dict(_dict_lines(self.dict_path))
        freq.update(add_words)
        return [w for w, f in freq.items() if f > 0]

    def cut_block(self, blk: str) -> list[str]:
        """jieba's __cut_DAG_NO_HMM on one block matched by RE_HAN."""
        n = len(blk)
        prefixes = self.trie.iter_prefixes_with_ids
        logp, no_word, maxlen = self.logp, self.no_word, self.maxlen
        route_p = [0.0] * (n + 1)
        route_x = [0] * (n + 1)
        route_p[n] = 0  # jieba: route[N] = (0, 0)
        for idx in range(n - 1, -1, -1):
            best_p = None
            best_x = idx
            for w, i in prefixes(blk[idx:idx + maxlen]):
                x = idx + len(w) - 1
                p = logp[i] + route_p[x + 1]
                # max over (p, x): on equal p the longer word (larger x) wins; candidates come shortest first.
                if best_p is None or p >= best_p:
                    best_p, best_x = p, x
            if best_p is None:
                best_p = no_word + route_p[idx + 1]
            route_p[idx] = best_p
            route_x[idx] = best_x
        out: list[str] = []
        x = 0
        buf = ""
        while x < n:
            y = route_x[x] + 1
            if y - x == 1 and blk[x] in _ENG:
                buf += blk[x]
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(blk[x:y])
            x = y
        if buf:
            out.append(buf)
        return out

    @staticmethod
    def cut_other(blk: str) -> list[str]:
        """jieba's handling of the text between RE_HAN blocks: "\\r\\n" and each other character alone."""
        out: list[str] = []
        for x in RE_SKIP.split(blk):
            if RE_SKIP.match(x):
                out.append(x)
            else:
                out.extend(x)
        return out

    def cut(self, text: str) -> list[str]:
        """jieba.lcut(text, HMM=False)."""
        out: list[str] = []
        for blk in RE_HAN.split(text):
            if not blk:
                continue
            if RE_HAN.match(blk):
                out += self.cut_block(blk)
            else:
                out += self.cut_other(blk)
        return out

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """list(jieba.tokenize(text, HMM=False)): [(word, start, end)]."""
        out = []
        start = 0
        for w in self.cut(text):
            end = start + len(w)
            out.append((w, start, end))
            start = end
        return out
