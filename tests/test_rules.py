"""Per-platform rules data (companion/rules/*.json) and its loader."""

from __future__ import annotations

import json
import re

import pytest

from companion.drafting.evidence import evidence_checklist, have_ids
from companion.drafting.rules import (
    RULES_DIR,
    available_regions,
    is_verified,
    load_rules,
    rule_detail,
    rule_source,
    shared_rules,
)
from companion.models import APPEAL_FLAGS, COMPLAINT_TYPES

RULE_FILES = sorted(RULES_DIR.glob("*.json"))
PLATFORM_DEFAULTS = ("douyin", "tiktok", "taobao")
REGION_FILES = ("tiktok_us", "tiktok_th", "tiktok_vn", "tiktok_my")
VOCAB = ("order", "review_screenshot", "chat", "logistics", "after_sales", "listing_snapshot",
         "product_photos", "qc_report")
# Every platform default must answer these, even if the answer is "unknown" (null + source).
REQUIRED_KEYS = (
    "reply_max_chars", "reply_once", "reply_deadline_hours", "reply_blocked_after_follow_up",
    "reply_window_days", "dm_channel", "appeal_desc_max_chars", "appeal_window_days", "appeal_lang",
    "reports_per", "reports_max", "evidence_max_files", "evidence_max_file_mb", "ask_review_update",
    "incentives_for_reviews_allowed", "appeal_decision_business_days", "empty_text_report_usually_rejected",
    "appeal_entry", "appeal_reasons", "negative_rating_max",
)


def _raw(name: str) -> dict:
    return json.loads((RULES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def test_expected_files_exist():
    names = {p.stem for p in RULE_FILES}
    assert {*PLATFORM_DEFAULTS, *REGION_FILES, "evidence", "conditions"} <= names


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_value_carries_a_source(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    for key, rule in data.items():
        if key.startswith("_"):
            continue
        assert isinstance(rule, dict), f"{path.name}:{key} is not wrapped"
        assert "value" in rule, f"{path.name}:{key} has no value"
        assert isinstance(rule.get("source"), str) and len(rule["source"]) > 8, f"{path.name}:{key} has no source"
        assert set(rule) <= {"value", "source", "verified", "note"}, f"{path.name}:{key} has stray keys"


@pytest.mark.parametrize("platform", PLATFORM_DEFAULTS)
def test_platform_defaults_answer_every_required_key(platform):
    rules = load_rules(platform)
    missing = [k for k in REQUIRED_KEYS if k not in rules]
    assert not missing
    assert rules["incentives_for_reviews_allowed"] is False
    assert rules["reply_deadline_hours"] == 24


@pytest.mark.parametrize("platform", PLATFORM_DEFAULTS)
def test_appeal_reasons_are_well_formed(platform):
    conditions = set(shared_rules("conditions"))
    reasons = load_rules(platform)["appeal_reasons"]
    codes = [r["code"] for r in reasons]
    assert len(codes) == len(set(codes))
    for r in reasons:
        assert r["label_zh"] and r["label_en"]
        assert r["triggers"], r["code"]
        assert set(r["evidence"]) <= set(VOCAB)
        for trig in r["triggers"]:
            assert set(trig) <= {"flags", "types", "when"}
            assert set(trig.get("flags", [])) <= set(APPEAL_FLAGS)
            assert set(trig.get("types", [])) <= set(COMPLAINT_TYPES)
            assert set(trig.get("when", [])) <= conditions


def test_douyin_has_the_nine_abnormal_review_reasons():
    reasons = {r["code"]: r["label_zh"] for r in load_rules("douyin")["appeal_reasons"]}
    assert reasons == {
        "report_reason_fake_negative_comment": "评价等级为差评内容为好评",
        "report_reason_evaluate_product_other_shop": "评价内容非交易商品或内容无意义",
        "report_reason_wrong_size": "消费者买错型号",
        "report_reason_low_politics_guns": "评价内容中包含辱骂或不当词汇",
        "report_reason_evaluate_advertise": "评价内容包含广告信息",
        "report_reason_before_signing_evaluate": "订单签收前评价商品质量问题",
        "report_reason_negative_comment_compensation": "利用中差评骗赔",
        "report_reason_business_evil_compete": "同行恶意竞争",
        "report_reason_platform_voucher": "平台发券导致的降价差评",
    }


def test_tiktok_has_six_report_categories_and_taobao_six_types():
    tt = {r["label_en"] for r in load_rules("tiktok")["appeal_reasons"]}
    assert tt == {"Multiple malicious reviews", "Coercive reviews", "Competitor reviews",
                  "Traffic diversion reviews", "Erroneous reviews", "Invalid reviews"}
    tb = {r["label_zh"] for r in load_rules("taobao")["appeal_reasons"]}
    assert tb == {"泄露隐私", "不文明用语", "以差评谋求不正当利益", "敏感违法信息", "同行恶意评价", "广告垃圾信息"}


def test_douyin_limits():
    r = load_rules("douyin")
    assert r["appeal_desc_max_chars"] == 100
    assert (r["evidence_max_files"], r["evidence_max_file_mb"]) == (6, 5)
    assert (r["reports_per"], r["reports_max"]) == ("order", 1)
    assert r["appeal_window_days"] == 30
    assert r["empty_text_report_usually_rejected"] is True
    assert "100" in rule_source("douyin", "appeal_desc_max_chars")


def test_tiktok_limits_and_region_overrides():
    base = load_rules("tiktok")
    assert base["reply_once"] is True
    assert base["appeal_desc_max_chars"] == 1800
    assert base["reports_per"] == "review"
    assert base["region"] is None
    us = load_rules("tiktok", "US")
    assert us["ask_review_update"] == "forbidden"
    assert us["buyer_review_window_days"] == 60
    assert us["reply_once"] is True  # inherited from the default
    assert us["region"] == "US"
    th = load_rules("tiktok", "th")  # case-insensitive
    assert th["ask_review_update"] == "encourage_edit_after_resolution"
    for reg in ("VN", "MY", "TH"):
        assert load_rules("tiktok", reg)["appeal_window_days"] == 30
        assert is_verified("tiktok", "appeal_window_days", reg)
    assert not is_verified("tiktok", "appeal_window_days")  # assumed outside VN/MY/TH
    assert available_regions("tiktok") == ["MY", "TH", "US", "VN"]


def test_region_sources_follow_the_override():
    assert "4451321470682882" in rule_source("tiktok", "ask_review_update", "US")
    assert rule_detail("tiktok", "ask_review_update", "US")["file"] == "tiktok_us.json"
    assert rule_detail("tiktok", "reply_once", "US")["file"] == "tiktok.json"
    assert rule_source("tiktok", "reply_once", "US") == rule_source("tiktok", "reply_once")
    assert rule_source("tiktok", "no_such_rule") is None


def test_unknown_region_falls_back_and_unknown_platform_fails():
    assert load_rules("tiktok", "GB") == load_rules("tiktok")
    assert load_rules("douyin", "US")["region"] is None
    with pytest.raises(ValueError):
        load_rules("amazon")


def test_taobao_rules():
    r = load_rules("taobao")
    assert r["reply_max_chars"] == 500
    assert r["reply_blocked_after_follow_up"] is True
    assert r["reply_window_days"] == 30
    # The 不合理评价 form is unconfirmed: a conservative default, flagged as such.
    assert r["appeal_desc_max_chars"] == 500
    assert not is_verified("taobao", "appeal_desc_max_chars")
    assert not is_verified("taobao", "appeal_window_days")
    assert "default" in rule_source("taobao", "appeal_desc_max_chars")


def test_loader_returns_copies():
    r = load_rules("douyin")
    r["appeal_desc_max_chars"] = 9999
    r["appeal_reasons"].clear()
    fresh = load_rules("douyin")
    assert fresh["appeal_desc_max_chars"] == 100
    assert len(fresh["appeal_reasons"]) == 9


def test_evidence_checklist_data():
    ev = shared_rules("evidence")
    assert tuple(ev["vocabulary"]) == VOCAB
    for item in ev["vocabulary"].values():
        assert item["zh"] and item["en"] and item["short_zh"] and item["short_en"]
    assert set(ev["checklist"]) == set(COMPLAINT_TYPES)
    for ids in ev["checklist"].values():
        assert set(ids) <= set(VOCAB)
        assert ids[:2] == ["order", "review_screenshot"]
    assert set(ev["capture_kind_map"].values()) <= set(VOCAB)


def test_evidence_checklist_function():
    out = evidence_checklist("logistics", ["screenshot", "logistics"], "en")
    assert [i["id"] for i in out] == ["order", "review_screenshot", "logistics", "product_photos"]
    assert [i["have"] for i in out] == [False, True, True, False]
    assert out[2]["label"].startswith("Logistics record")
    zh = evidence_checklist("service_attitude", [{"id": 3, "kind": "html", "page_kind": "chat"}], "zh")
    assert {k: zh[-1][k] for k in ("id", "label", "have", "by_hand")} == {"id": "chat", "label": "完整聊天记录（含时间）", "have": True, "by_hand": False}
    # Unknown type falls back to the `other` checklist.
    assert [i["id"] for i in evidence_checklist("nonsense", [], "zh")] == ["order", "review_screenshot"]


def test_every_evidence_item_says_how_to_get_it_in_both_languages():
    """A missing item with no page to open still tells the seller what to do, by hand."""
    for lang in ("zh", "en"):
        for platform in (None, "douyin", "tiktok", "taobao"):
            for item in evidence_checklist("other", [], lang, ids=list(VOCAB), platform=platform):
                assert item["how"].strip(), (lang, platform, item["id"])
                assert not re.search(r"\d", item["how"])  # templates hold no numbers of their own
    zh = {i["id"]: i for i in evidence_checklist("other", [], "zh", ids=list(VOCAB), platform="douyin")}
    assert {i for i, item in zh.items() if item["by_hand"]} == {"listing_snapshot", "product_photos", "qc_report"}
    assert "商品管理" in zh["listing_snapshot"]["how"] and "截" in zh["listing_snapshot"]["how"]
    assert "拍" in zh["product_photos"]["how"] and "飞鸽" in zh["chat"]["how"]
    en = {i["id"]: i for i in evidence_checklist("other", [], "en", ids=list(VOCAB), platform="tiktok")}
    assert "photos" in en["product_photos"]["how"] and "item you received" in en["product_photos"]["how"]
    assert "report" in en["qc_report"]["how"] and "Seller Center" in en["chat"]["how"]


def test_capture_kinds_map_to_checklist_ids():
    items = [
        {"id": 1, "kind": "screenshot", "sha256": "a" * 64},
        {"id": 2, "kind": "order", "sha256": "b" * 64},
        {"id": 3, "kind": "mhtml", "page_kind": "after_sales", "sha256": "c" * 64},
        {"id": 4, "kind": "json", "checklist_id": "qc_report", "sha256": "d" * 64},
        {"id": 5, "kind": "mhtml", "sha256": "e" * 64},  # no page kind: maps to nothing
    ]
    assert have_ids(items) == ["order", "review_screenshot", "after_sales", "qc_report"]
