"""Review Guard's review classifier: hand-written rules and lexicons for zh and en.

Public API::

    from companion.classifier import classify
    c = classify("快递太慢了，等了一个星期", rating=1)   # -> companion.models.Classification

See core.py for the decision outline and lexicon.py for the word lists.
"""

from .core import VERSION, classify

__all__ = ["classify", "VERSION"]
