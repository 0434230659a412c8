"""Issue 10 analytics: batch-problem alerts (work queue, GET /api/v1/summary), the /analytics page's SVG charts and
numbers (appeal pass rates, replies within 24 h). Real SQLite files through the app's test client.

The clock is conftest's NOW (2026-11-24 04:00 UTC = 12:00 in Beijing); review times are Beijing time (抖店).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factories import make_capture

QUALITY = "杯子漏水，质量太差"  # classified product_quality
LOGISTICS = "快递太慢，一周才到"  # classified logistics
SVG_NS = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'

_seq = iter(range(10_000))


def complaint(client, auth, review_time: str, text: str = QUALITY, **review) -> dict:
    n = next(_seq)
    body = {"review_id": f"7{n:018d}", "order_id": f"4{n:018d}", "review_time": review_time, "text": text, "rating": 1, **review}
    r = client.post("/api/v1/captures", json=make_capture(review=body), headers=auth)
    assert r.status_code == 201, r.get_json()
    return r.get_json()["case"]


def alerts(client, auth) -> list[dict]:
    r = client.get("/api/v1/summary?tz=Asia/Shanghai", headers=auth)
    assert r.status_code == 200
    return r.get_json()["pattern_alerts"]


def test_three_same_type_complaints_on_one_product_within_7_days_alert(client, auth):
    ids = [complaint(client, auth, t)["id"] for t in ("2026-11-18 09:00:00", "2026-11-21 15:00:00", "2026-11-24 10:00:00")]
    assert {c["primary"] for c in client.get("/api/v1/cases", headers=auth).get_json()["cases"]} == {"product_quality"}
    got = alerts(client, auth)
    assert len(got) == 1
    a = got[0]
    assert (a["type"], a["count"], a["product_id"], a["product_title"], a["platform"]) == \
        ("product_quality", 3, "3601234567890", "不锈钢保温杯 500ml", "douyin")
    assert a["case_ids"] == ids and a["open"] == 3
    assert a["first_at"] == "2026-11-18T01:00:00.000Z" and a["last_at"] == "2026-11-24T02:00:00.000Z"
    assert a["dashboard_path"] == "/?q=3601234567890&primary=product_quality"
    # The summary's other fields are still there.
    body = client.get("/api/v1/summary", headers=auth).get_json()
    assert {"now", "tz", "day_ends_at", "open", "replies", "due"} <= set(body)
    # At the top of the work queue, in the page's language.
    page = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert 'data-testid="pattern-alerts"' in page
    assert page.index('data-testid="pattern-alerts"') < page.index('data-testid="summary"')
    assert "不锈钢保温杯 500ml：7 天内 3 条「产品质量」差评（2026-11-18 – 2026-11-24），3 条未结" in page
    assert 'data-testid="pattern-alert-wave"' not in page  # a product batch: no "malicious wave" remark
    assert all(f'href="/cases/{i}?lang=zh"' in page for i in ids)
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "3 “Product quality” complaints within 7 days" in page
    # The seller resolves one: still a batch problem, two open. Corrects another's type: no longer one.
    assert client.patch(f"/api/v1/cases/{ids[0]}", json={"status": "resolved"}, headers=auth).status_code == 200
    assert [a["open"] for a in alerts(client, auth)] == [2]
    r = client.post(f"/api/v1/cases/{ids[1]}/corrections", json={"primary": "logistics"}, headers=auth)
    assert r.status_code == 201, r.get_json()
    assert alerts(client, auth) == []
    assert 'data-testid="pattern-alerts"' not in client.get("/").get_data(as_text=True)


def test_a_wave_of_malicious_reviews_is_not_called_a_product_batch(client, auth):
    """Three abusive / spam / extortion reviews on one product within days: the alert fires, and says what it likely
    is (a coordinated wave to verify and appeal), not a defect in a batch of the product."""
    texts = ("你们这些骗子，垃圾店铺，全家不得好死", "加我微信 wx123456 低价出同款，比这家便宜一半",
             "不给我退一半的钱我就一直挂着差评，给200块就删")
    for t, text in zip(("2026-11-20 09:00:00", "2026-11-22 15:00:00", "2026-11-23 10:00:00"), texts):
        complaint(client, auth, t, text)
    got = alerts(client, auth)
    assert [(a["type"], a["count"]) for a in got] == [("malicious_or_unfounded", 3)]
    page = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "不是商品批次问题，可能是集中的恶意差评" in page
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "possibly a coordinated wave of malicious reviews" in page


def test_two_complaints_or_other_products_and_types_do_not_alert(client, auth):
    complaint(client, auth, "2026-11-20 09:00:00")
    complaint(client, auth, "2026-11-22 09:00:00")
    assert alerts(client, auth) == []
    # A third of another type on the same product, and a third of the same type on another product: still none.
    complaint(client, auth, "2026-11-23 09:00:00", text=LOGISTICS)
    complaint(client, auth, "2026-11-23 10:00:00", product_id="3609999999999", product_title="玻璃杯 300ml")
    assert alerts(client, auth) == []
    assert 'data-testid="pattern-alerts"' not in client.get("/").get_data(as_text=True)
    # A 4★ review of the same type is praise, not a complaint.
    complaint(client, auth, "2026-11-23 11:00:00", rating=5)
    assert alerts(client, auth) == []


def test_three_spread_over_8_days_do_not_alert_until_a_fourth_closes_the_window(client, auth):
    first = complaint(client, auth, "2026-11-15 10:00:00")
    second = complaint(client, auth, "2026-11-19 10:00:00")
    third = complaint(client, auth, "2026-11-23 10:00:00")  # 8 days after the first: no 7-day window holds 3
    assert alerts(client, auth) == []
    fourth = complaint(client, auth, "2026-11-23 18:00:00")
    got = alerts(client, auth)
    assert len(got) == 1 and got[0]["count"] == 3
    assert got[0]["case_ids"] == [second["id"], third["id"], fourth["id"]] and first["id"] not in got[0]["case_ids"]


def test_exactly_7_days_apart_still_alerts(app, client, auth, clock):
    from companion.analytics import pattern_alerts
    from companion.store.sqlite import connect

    for t in ("2026-11-16 10:00:00", "2026-11-20 10:00:00", "2026-11-23 10:00:00"):
        complaint(client, auth, t)
    db = connect(app.config["DATABASE"])
    assert [a["count"] for a in pattern_alerts(db, clock)] == [3]
    assert pattern_alerts(db, clock, min_count=4) == []
    # Long past: a batch two months ago is not an alert today.
    from datetime import timedelta

    assert pattern_alerts(db, clock + timedelta(days=60)) == []


def _svg(page: str, testid: str) -> ET.Element:
    found = re.search(r'<svg[^>]*data-testid="%s".*?</svg>' % re.escape(testid), page, re.S)
    assert found, testid
    return ET.fromstring(found.group(0))  # well-formed XML: every text was escaped


def _bars(svg: ET.Element) -> list[tuple[str, str, float]]:
    return [(r.get("data-label"), r.get("data-series"), float(r.get("data-value"))) for r in svg.iter(f"{SVG_NS}rect")
            if r.get("data-value") is not None]  # bars, not the legend's swatches


def test_stacked_bars_draw_one_bar_per_non_zero_value_with_heights_to_scale():
    from companion.charts import stacked_bars

    svg = ET.fromstring(str(stacked_bars(["11-16", "11-23"], [("产品质量", [2, 0]), ("物流", [1, 3])],
                                         title="t", y_label="条数", x_label="周")))
    bars = _bars(svg)
    assert bars == [("11-16", "产品质量", 2.0), ("11-16", "物流", 1.0), ("11-23", "物流", 3.0)]
    heights = [float(r.get("height")) for r in svg.iter(f"{SVG_NS}rect") if r.get("data-value")]
    assert abs(heights[0] - 2 * heights[1]) < 0.2 and abs(heights[2] - 3 * heights[1]) < 0.2  # one scale (axis top 5)
    labels = [t.text for t in svg.iter(f"{SVG_NS}text")]
    assert "条数" in labels and "周" in labels and "11-16" in labels and "5" in labels
    assert "产品质量" in labels and "物流" in labels  # the legend


def test_hostile_product_titles_stay_text_in_charts_and_pages(client, auth):
    from companion.charts import hbars, stacked_bars

    raw = str(stacked_bars(["11-23"], [(HOSTILE, [1])], title=HOSTILE, y_label=HOSTILE, x_label=HOSTILE))
    assert "<script" not in raw and "<img" not in raw
    svg = ET.fromstring(raw)
    assert svg.find(f"{SVG_NS}title").text == HOSTILE and _bars(svg)[0][1] == HOSTILE
    assert "<script" not in str(hbars([(HOSTILE, 0.5, HOSTILE)], title=HOSTILE, x_label="x"))

    for t in ("2026-11-18 09:00:00", "2026-11-19 09:00:00", "2026-11-20 09:00:00"):
        complaint(client, auth, t, product_title=HOSTILE)
    for path in ("/analytics", "/", "/analytics?lang=en"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path
    page = client.get("/analytics").get_data(as_text=True)
    assert _bars(_svg(page, "chart-by-product")) == [("11-16", HOSTILE, 3.0)]


def test_weekly_charts_and_tables_for_a_known_data_set(client, auth):
    for t in ("2026-11-18 12:00:00", "2026-11-18 13:00:00"):
        complaint(client, auth, t)
    complaint(client, auth, "2026-11-24 10:00:00")
    complaint(client, auth, "2026-11-24 10:30:00", text=LOGISTICS)
    data = client.get("/analytics.json?from=2026-11-16&to=2026-11-29").get_json()
    assert data["complaints"] == 4
    assert data["by_type"]["weeks"] == ["2026-11-16", "2026-11-23"]
    assert [(s["key"], s["values"]) for s in data["by_type"]["series"]] == [("product_quality", [2, 1]), ("logistics", [0, 1])]
    assert [(s["key"], s["values"]) for s in data["by_platform"]["series"]] == [("douyin", [2, 2])]
    page = client.get("/analytics?from=2026-11-16&to=2026-11-29", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert _bars(_svg(page, "chart-by-type")) == [("11-16", "产品质量", 2.0), ("11-23", "产品质量", 1.0), ("11-23", "物流", 1.0)]
    assert _bars(_svg(page, "chart-by-platform")) == [("11-16", "抖店", 2.0), ("11-23", "抖店", 2.0)]
    table = re.search(r'<table class="figures" data-testid="table-by-type">.*?</table>', page, re.S).group(0)
    assert re.sub(r"\s+", "", re.sub(r"<[^>]+>", " ", table)) == "11-1611-23合计产品质量213物流011"
    for svg_id in ("chart-by-type", "chart-by-product", "chart-by-platform", "chart-replies"):
        svg = _svg(page, svg_id)
        assert svg.get("role") == "img" and svg.get("aria-label")
        assert any(t.get("data-testid") == "x-label" for t in svg.iter(f"{SVG_NS}text"))
    # The date range filters; a shop filter for another shop leaves nothing.
    assert client.get("/analytics.json?from=2026-11-23&to=2026-11-29").get_json()["complaints"] == 2
    assert client.get("/analytics.json?from=2026-11-16&to=2026-11-29&shop=douyin:other").get_json()["complaints"] == 0
    assert client.get("/analytics.json?from=2026-11-16&to=2026-11-29&shop=douyin:shop-1").get_json()["complaints"] == 4
    assert client.get("/analytics.json?from=2026-11-16&to=2026-11-29&platform=taobao").get_json()["complaints"] == 0
    # Dates a form would not send are ignored (the default range), never an error.
    for query in ("from=0001-01-01&to=9999-12-31", "from=2026-02-30", "to=x", "from=2026-11-29&to=2026-11-16", "shop=" + "x" * 5000):
        r = client.get(f"/analytics.json?{query}")
        assert r.status_code == 200, query
        assert client.get(f"/analytics?{query}").status_code == 200, query
    assert client.get("/analytics.json?from=2026-11-29&to=2026-11-16").get_json()["complaints"] == 4  # swapped


def test_appeal_pass_rate_by_reason_and_top_rejection_reasons(client, auth):
    def appeal(reason: str, outcome: str | None, note: str | None = None) -> None:
        case = complaint(client, auth, "2026-11-23 09:00:00", text=LOGISTICS)
        r = client.post(f"/api/v1/cases/{case['id']}/appeals", json={"reason_code": reason, "statement": "说明"}, headers=auth)
        assert r.status_code == 201, r.get_json()
        if outcome:
            body = {"outcome": outcome, **({"note": note} if note else {})}
            assert client.patch(f"/api/v1/appeals/{r.get_json()['id']}", json=body, headers=auth).status_code == 200

    abuse, ad = "report_reason_low_politics_guns", "report_reason_evaluate_advertise"
    appeal(abuse, "accepted")
    appeal(abuse, "accepted")
    appeal(abuse, "rejected", "证据不足")
    appeal(ad, "rejected", "  证据不足 ")
    appeal(ad, "rejected", "不符合规则")
    appeal(ad, None)
    data = client.get("/analytics.json").get_json()["appeals"]
    rows = {r["reason_code"]: r for r in data["reasons"]}
    assert (rows[abuse]["submitted"], rows[abuse]["accepted"], rows[abuse]["rejected"], rows[abuse]["pending"]) == (3, 2, 1, 0)
    assert abs(rows[abuse]["pass_rate"] - 2 / 3) < 1e-9
    assert (rows[ad]["submitted"], rows[ad]["rejected"], rows[ad]["pending"], rows[ad]["pass_rate"]) == (3, 2, 1, 0.0)
    assert data["total"]["pass_rate"] == 2 / 5 and data["total"]["submitted"] == 6
    assert [(r["note"], r["count"]) for r in data["rejections"]] == [("证据不足", 2), ("不符合规则", 1)]
    page = client.get("/analytics", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    rates = dict(re.findall(r'<tr data-reason="([^"]+)">.*?data-testid="pass-rate">([^<]*)<', page, re.S))
    assert rates == {abuse: "67%", ad: "0%"} and re.search(r'data-testid="pass-rate-total">40%<', page)
    assert "评价内容中包含辱骂或不当词汇" in page  # the platform's own name for the reason
    chart = _svg(page, "chart-appeals")
    assert sorted(round(float(r.get("data-value")), 4) for r in chart.iter(f"{SVG_NS}rect")) == [0.0, 0.6667]


def test_reply_within_24h_rate(client, auth, monkeypatch, clock):
    on_time = complaint(client, auth, "2026-11-23 20:15:00")  # due 2026-11-24 12:15Z, replied at NOW
    late = complaint(client, auth, "2026-11-22 10:00:00")  # due 2026-11-23 02:00Z, replied at NOW
    complaint(client, auth, "2026-11-21 10:00:00")  # due 2026-11-22 02:00Z, never replied: missed
    complaint(client, auth, "2026-11-24 10:00:00")  # due 2026-11-25 02:00Z: not due yet
    for case in (on_time, late):
        assert client.patch(f"/api/v1/cases/{case['id']}", json={"status": "replied"}, headers=auth).status_code == 200
    replies = client.get("/analytics.json").get_json()["replies"]
    assert replies["counts"] == {"on_time": 1, "late": 1, "missed": 1, "on_page": 0, "closed_without_reply": 0, "pending": 1}
    assert abs(replies["rate"] - 1 / 3) < 1e-9
    page = client.get("/analytics?lang=en").get_data(as_text=True)
    assert re.search(r'data-testid="reply-rate"><b>Rate: 33%</b>', page)


def test_analytics_pages_refuse_without_the_session(app, client):
    anonymous = app.test_client()
    for path in ("/analytics", "/analytics.json", "/analytics?lang=en&from=2026-01-01"):
        r = anonymous.get(path)
        assert r.status_code == 401, path
        assert "data-testid" not in r.get_data(as_text=True) or "chart" not in r.get_data(as_text=True)
    # The bearer token alone is not a session for dashboard pages.
    assert anonymous.get("/analytics", headers={"Authorization": "Bearer test-token-0123456789"}).status_code == 401
    assert client.get("/analytics").status_code == 200
    r = client.get("/analytics")
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"] and "script-src" not in r.headers["Content-Security-Policy"]
    assert "<script" not in r.get_data(as_text=True)
