"""Review Guard's review classifier: hand-written rules and lexicons for zh and en.

Public API::

    from companion.classifier import classify
    c = classify("快递太慢了，等了一个星期", rating=1)   # -> companion.models.Classification

See core.py for the decision outline and lexicon.py for the word lists.
"""

from .core import VERSION, classify


def warm_up() -> None:
    """Load the segmentation dictionary (jieba's words in a trie), the corpus model and the language
    identifier now (at server start), so the seller's first capture is as fast as every other."""
    from .lang import warm_up as lang_warm_up
    from .model import load
    from .text import segmenter

    segmenter()
    load()
    lang_warm_up()
    classify("预热：质量很差，快递也慢 warm-up: the lid broke after a week", rating=1)
    _release_freed_memory()


def _release_freed_memory() -> None:
    """Give the heap that loading freed back to the system (glibc keeps it otherwise: building the
    segmentation trie alone leaves ~16 MB of freed scratch memory resident). No-op elsewhere."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        pass


__all__ = ["classify", "warm_up", "VERSION"]
