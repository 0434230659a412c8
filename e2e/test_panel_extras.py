"""Panel extras: the optional local model (Options settings + "Rewrite with local model") and appeal tracking.

The companion is the real subprocess; the "local model" is a tiny OpenAI-compatible server in this
process on 127.0.0.1 (real HTTP), like tests/test_llm.py's.
"""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.request

import pytest
from playwright.sync_api import expect

from rc_e2e import capture_douyin_review, douyin_review_row
from review_guard_testing import FakeModel

CAPTURE_TIMEOUT = 15000
REWRITE_ORDER = "4937201865044252561"  # 颜色和图片差太多了 (description mismatch)
APPEAL_ORDER = "4937201865043833645"  # 起球掉毛 + a phone number in the review: worth appealing


def api(companion, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(companion.url + path, data=data, method=method,
                                 headers={"Authorization": f"Bearer {companion.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


@pytest.fixture()
def model_settings_reset(paired):
    """The session companion is shared: put its model settings back to the defaults afterwards."""
    yield paired
    api(paired, "PUT", "/api/v1/settings", {"llm": {}})


@pytest.fixture()
def fake_model():
    fake = FakeModel()
    yield fake
    fake.close()


review_row = douyin_review_row
capture_review = capture_douyin_review


def test_options_save_model_settings(context, extension_id, model_settings_reset):
    companion = model_settings_reset
    opts = context.new_page()
    opts.goto(f"chrome-extension://{extension_id}/options/options.html")
    url, model, key = (opts.get_by_test_id(f"rc-opt-llm-{x}") for x in ("url", "model", "key"))
    enabled, save, status = opts.get_by_test_id("rc-opt-llm-enabled"), opts.get_by_test_id("rc-opt-llm-save"), opts.get_by_test_id("rc-opt-llm-status")
    url_error = opts.get_by_test_id("rc-opt-llm-error-base_url")
    expect(opts.get_by_test_id("rc-opt-llm").locator("legend")).to_have_text("Local model (optional, off by default)")

    # Loaded from the companion (paired): its defaults, off.
    expect(url).to_be_enabled()
    expect(url).to_have_value("http://127.0.0.1:11434")
    expect(enabled).not_to_be_checked()
    expect(key).to_have_attribute("type", "password")

    # A non-loopback endpoint: the companion's validation error next to the field, nothing saved.
    enabled.check()
    url.fill("http://example.com:11434")
    save.click()
    expect(url_error).to_contain_text("127.0.0.1")
    expect(status).to_have_text(re.compile(r"^Not saved: "))
    assert api(companion, "GET", "/api/v1/settings")["llm"]["enabled"] is False

    # A loopback endpoint saves; the key comes back masked.
    url.fill("http://127.0.0.1:11435")
    model.fill("qwen-e2e")
    key.fill("sk-e2e-secret")
    save.click()
    expect(status).to_have_text("Model settings saved")
    expect(url_error).to_be_empty()
    llm = api(companion, "GET", "/api/v1/settings")["llm"]
    assert (llm["enabled"], llm["base_url"], llm["model"], llm["api_key"]) == (True, "http://127.0.0.1:11435", "qwen-e2e", "********")

    # Reload: the saved values, key masked; saving again with the mask keeps the stored key.
    opts.reload()
    expect(url).to_have_value("http://127.0.0.1:11435")
    expect(model).to_have_value("qwen-e2e")
    expect(enabled).to_be_checked()
    expect(key).to_have_value("********")
    enabled.uncheck()
    save.click()
    expect(status).to_have_text("Model settings saved")
    with sqlite3.connect(f"file:{companion.data_dir / 'companion.db'}?mode=ro", uri=True) as db:
        stored = json.loads(db.execute("select value_json from settings where key = 'settings'").fetchone()[0])
    assert stored["llm"]["api_key"] == "sk-e2e-secret" and stored["llm"]["enabled"] is False
    opts.close()


def test_rewrite_with_local_model(page, model_settings_reset, seller_pages, fake_model):
    companion = model_settings_reset
    api(companion, "PUT", "/api/v1/settings", {"llm": {"enabled": True, "base_url": fake_model.url, "model": "qwen", "timeout_s": 5}})
    r, case_id = capture_review(page, seller_pages["douyin"], REWRITE_ORDER)
    template = r.get_by_test_id("rc-draft-text-public_reply").input_value()
    assert template != fake_model.answer
    expect(r.get_by_test_id("rc-draft-source-public_reply")).to_have_count(0)

    r.get_by_test_id("rc-rewrite").click()
    expect(r.get_by_test_id("rc-draft-text-public_reply")).to_have_text(fake_model.answer, timeout=CAPTURE_TIMEOUT)
    expect(r.get_by_test_id("rc-draft-source-public_reply")).to_have_text("rewritten by local model")
    expect(r.get_by_test_id("rc-draft-public_reply")).to_have_attribute("data-source", "model")
    expect(r.get_by_test_id("rc-lint-public_reply")).to_be_visible()
    expect(r.get_by_test_id("rc-rewrite-status")).to_have_text(re.compile(r"^Drafts rewritten by the local model: [12]$"))
    assert fake_model.requests and fake_model.requests[0][0] == "/v1/chat/completions"
    drafts = {d["kind"]: d for d in api(companion, "GET", f"/api/v1/cases/{case_id}")["drafts"]}
    assert drafts["public_reply"]["source"] == "model" and drafts["public_reply"]["text"] == fake_model.answer

    # The model switched off: the panel says where to turn it on.
    api(companion, "PUT", "/api/v1/settings", {"llm": {"enabled": False}})
    r.get_by_test_id("rc-rewrite").click()
    expect(r.get_by_test_id("rc-rewrite-status")).to_have_text("The local model is off — turn it on in Options")


def test_appeal_submitted_then_accepted(page, paired, seller_pages):
    companion = paired
    r, case_id = capture_review(page, seller_pages["douyin"], APPEAL_ORDER)
    expect(r.get_by_test_id("rc-advice-verdict")).to_have_attribute("data-worth", "1")
    statement = r.get_by_test_id("rc-draft-text-appeal_statement").input_value()
    reason = r.get_by_test_id("rc-advice-reason").get_attribute("data-reason") if r.get_by_test_id("rc-advice-reason").count() else ""

    r.get_by_test_id("rc-appeal-submit").click()
    state = r.get_by_test_id("rc-appeal-state")
    expect(state).to_have_text(re.compile(r"^Appeal submitted \d{4}-\d{2}-\d{2} — pending$"))
    expect(r.get_by_test_id("rc-case-status")).to_have_attribute("data-status", "appealed")
    expect(r.get_by_test_id("rc-appeal-submit")).to_have_count(0)
    assert api(companion, "GET", f"/api/v1/cases/{case_id}")["case"]["status"] == "appealed"

    r.get_by_test_id("rc-appeal-accepted").click()
    expect(state).to_have_text(re.compile(r"^Appeal submitted \d{4}-\d{2}-\d{2} — accepted$"))
    expect(state).to_have_attribute("data-outcome", "accepted")
    expect(r.get_by_test_id("rc-case-status")).to_have_text("Case status: Resolved")
    expect(r.get_by_test_id("rc-appeal-accepted")).to_have_count(0)
    case = api(companion, "GET", f"/api/v1/cases/{case_id}")
    assert case["case"]["status"] == r.get_by_test_id("rc-case-status").get_attribute("data-status") == "resolved"
    if "appeals" in case:  # listed once the companion's case result carries them
        (appeal,) = case["appeals"]
        assert appeal["outcome"] == "accepted" and appeal["statement"] == statement
        assert appeal["reason_code"] == (reason or "other")
