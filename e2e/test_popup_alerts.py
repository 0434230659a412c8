"""The toolbar popup names a wave of malicious reviews for what it likely is (as the work queue does): three
abusive / spam / extortion reviews on one product are a coordinated wave to verify and appeal, not a batch of a
defective product — and a product batch gets no such remark.

Real Chromium with the e2e copy of the extension, a real companion of this test alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from rc_e2e import EXTENSION_ID, api, pair, store_case

# Written for this test: insults, a competitor's advert with a contact, an extortion demand; and three
# plain quality complaints about another product.
WAVE = ["你们这些骗子，垃圾店铺，全家不得好死", "加我微信 wx123456 低价出同款，比这家便宜一半",
        "不给我退一半的钱我就一直挂着差评，给200块就删"]
BATCH = ["保温杯收到就是坏的，漏水，质量太差", "杯盖质量不行，用了两天就裂了，漏水", "质量很差，保温效果没有，还漏水"]


def test_popup_says_a_malicious_wave_is_not_a_product_batch(context, service_worker, own_companion):
    companion = own_companion
    now = datetime.now(timezone.utc)
    for i, text in enumerate(WAVE):
        store_case(companion, f"74200000000000000{i}", now - timedelta(days=3 - i) + timedelta(hours=24), text,
                   product="蓝牙耳机 降噪版", product_id="3612045577812900002")
    for i, text in enumerate(BATCH):
        store_case(companion, f"74300000000000000{i}", now - timedelta(days=3 - i) + timedelta(hours=24), text,
                   product="不锈钢保温杯 500ml", product_id="3612045577812900003")
    types = {a["product_title"]: a["type"] for a in api(companion, "GET", "/api/v1/summary")["pattern_alerts"]}
    assert types == {"蓝牙耳机 降噪版": "malicious_or_unfounded", "不锈钢保温杯 500ml": "product_quality"}

    pair(context, EXTENSION_ID, companion.url, companion.token)
    popup = context.new_page()
    popup.goto(f"chrome-extension://{EXTENSION_ID}/popup/popup.html")
    expect(popup.get_by_test_id("rc-pop-pairing")).to_have_attribute("data-state", "ok")
    wave = popup.get_by_test_id("rc-pop-alert").filter(has_text="蓝牙耳机")
    expect(wave.get_by_test_id("rc-pop-alert-wave")).to_have_text(
        "Not like a batch of the product: possibly a coordinated wave of malicious reviews — check each, keep the evidence, then appeal")
    batch = popup.get_by_test_id("rc-pop-alert").filter(has_text="保温杯")
    expect(batch).to_have_count(1)
    expect(batch.get_by_test_id("rc-pop-alert-wave")).to_have_count(0)
