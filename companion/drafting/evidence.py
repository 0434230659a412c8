"""Evidence checklist per complaint type (data: `companion/rules/evidence.json`)."""

from __future__ import annotations

from typing import Any, Iterable

from .rules import shared_view


def vocabulary() -> dict[str, dict[str, str]]:
    """Checklist ids → labels `{zh, en, short_zh, short_en}`, in display order (shared: never modify it)."""
    return shared_view("evidence")["vocabulary"]


def checklist_ids(primary: str) -> list[str]:
    """Evidence ids a seller should hold for a complaint type (unknown type → `other`)."""
    lists = shared_view("evidence")["checklist"]
    return list(lists.get(primary) or lists["other"])


def to_checklist_id(item: Any) -> str | None:
    """Map one evidence item (dict or string) onto a checklist id, or None if it maps to nothing.

    Dict items may say what they are explicitly (`checklist_id`), else their capture page kind
    (`page_kind`: order/chat/logistics/after_sales/review) decides, else their file `kind`
    (`screenshot` → review_screenshot). Checklist ids pass through unchanged.
    """
    vocab = vocabulary()
    kind_map = shared_view("evidence")["capture_kind_map"]
    if isinstance(item, dict):
        candidates = [item.get("checklist_id"), item.get("page_kind"), item.get("kind")]
    else:
        candidates = [item]
    for cand in candidates:
        if not cand:
            continue
        cand = str(cand)
        if cand in vocab:
            return cand
        if cand in kind_map:
            return kind_map[cand]
    return None


def have_ids(evidence: Iterable[Any] | None) -> list[str]:
    """Distinct checklist ids covered by captured evidence, in vocabulary order."""
    got = {to_checklist_id(e) for e in (evidence or [])}
    return [i for i in vocabulary() if i in got]


# Items a page of the seller center supplies: the extension captures them there (its "Open" link).
PAGE_ITEMS = ("order", "review_screenshot", "chat", "logistics", "after_sales")


def how_to_get(item_id: str, lang: str = "zh", platform: str | None = None) -> str:
    """What the seller does to get one evidence item, in `lang` (zh/en): the page to open and capture,
    or for items no page supplies (listing snapshot, product photos, QC report) what to do by hand."""
    from .advice import templates

    how = templates("en" if lang == "en" else "zh").get("evidence_how", {}).get(item_id) or {}
    return how.get(platform or "") or how.get("_") or ""


def evidence_checklist(primary: str, have: Iterable[Any] | None = None, lang: str = "zh",
                       ids: Iterable[str] | None = None, platform: str | None = None) -> list[dict]:
    """The checklist as `[{"id", "label", "have", "how", "by_hand"}]`, texts in `lang` (zh/en).

    `ids` (e.g. `appeal_advice(...)["evidence_needed"]`, which follows the chosen appeal reason)
    replaces the complaint type's list when given. `have` may hold checklist ids, capture kinds
    (`screenshot`, `chat` …) or evidence dicts. `how` says how to get the item (which page to open
    and capture, worded for `platform` where it differs); `by_hand` is true for items no seller-center
    page supplies (photos, reports, the listing as sold), which the seller adds by hand.
    """
    got = set(have_ids(have))
    vocab = vocabulary()
    key = "en" if lang == "en" else "zh"
    wanted = [i for i in ids if i in vocab] if ids is not None else checklist_ids(primary)
    return [{"id": i, "label": vocab[i][key], "have": i in got, "how": how_to_get(i, key, platform),
             "by_hand": i not in PAGE_ITEMS} for i in wanted]
