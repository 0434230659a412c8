"""Review Guard's review classifier: hand-written rules and lexicons for zh and en.

Public API::

    from companion.classifier import classify
    c = classify("快递太慢了，等了一个星期", rating=1)   # -> companion.models.Classification

See core.py for the decision outline and lexicon.py for the word lists.
"""

from .core import VERSION, classify


def warm_up() -> None:
    """Load jieba's dictionary, the corpus model and the language identifier now (at server start),
    so the seller's first capture is as fast as every other."""
    from .lang import warm_up as lang_warm_up
    from .model import load

    load()
    lang_warm_up()
    classify("预热：质量很差，快递也慢 warm-up: the lid broke after a week", rating=1)


__all__ = ["classify", "warm_up", "VERSION"]
