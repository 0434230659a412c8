"""The local dashboard lists cases and escapes hostile review text."""

import re

from factories import make_capture


def test_dashboard_lists_cases_and_escapes_review_text(client, auth):
    hostile = '<script>alert("x")</script> 质量太差'
    body = client.post("/api/v1/captures", json=make_capture(review={"text": hostile}), headers=auth).json
    page = client.get("/").data.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert f'/cases/{body["case"]["id"]}' in page
    detail = client.get(f'/cases/{body["case"]["id"]}')
    assert detail.status_code == 200
    text = detail.data.decode()
    assert body["evidence"][0]["sha256"] in text
    assert "<script>alert" not in text
    assert detail.headers["X-Frame-Options"] == "DENY"


def visible_text(html: str) -> str:
    """The page as a reader sees it: no styles or tags, whitespace collapsed."""
    html = re.sub(r"(?s)<(style|script)\b[^>]*>.*?</\1>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_empty_dashboard_explains_what_to_do(client, auth):
    resp = client.get("/")
    assert resp.status_code == 200
    page = resp.data.decode()
    text = visible_text(page)
    assert "Capture" in page
    # Zero everywhere, no table, and one line saying what to do next.
    assert "All (0) 0 open cases past their 24 h reply deadline · 0 unresolved escalation risks · " \
           "appeals: 0 pending, 0 accepted, 0 rejected" in text
    assert "No cases yet. Open a review page with the extension and click Capture ." in text
    assert "<table" not in page
    # The first capture replaces the hint with the case.
    client.post("/api/v1/captures", json=make_capture(), headers=auth)
    text = visible_text(client.get("/").data.decode())
    assert "All (1)" in text and "No cases yet" not in text


def test_dashboard_shows_overdue_replies_and_appeal_outcomes(client, auth):
    old = {"review_time": "2026-01-05 10:00:00"}  # its 24 h reply window is long gone
    case_id = client.post("/api/v1/captures", json=make_capture(review=old), headers=auth).json["case"]["id"]
    appeal = client.post(f"/api/v1/cases/{case_id}/appeals", json={"reason_code": "x", "statement": "y"}, headers=auth).json
    client.patch(f"/api/v1/appeals/{appeal['id']}", json={"outcome": "accepted"}, headers=auth)
    other = client.post("/api/v1/captures", json=make_capture(review={**old, "review_id": "r2", "order_id": "4900000000000000002"}), headers=auth).json
    page = client.get("/").data.decode()
    assert "<b>1</b> open cases past their 24 h reply deadline" in page
    assert "1 accepted" in page and "(100% won)" in page
    assert "overdue" in page and f'/cases/{other["case"]["id"]}' in page


def test_case_page_lists_appeals_and_offers_the_evidence_package(client, auth):
    import io
    import zipfile

    case_id = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]["id"]
    client.post(f"/api/v1/cases/{case_id}/appeals", json={"reason_code": "report_reason_low_politics_guns", "statement": "含辱骂"}, headers=auth)
    assert client.get(f"/api/v1/cases/{case_id}", headers=auth).json["appeals"][0]["outcome"] == "pending"
    page = client.get(f"/cases/{case_id}").data.decode()
    assert "report_reason_low_politics_guns" in page and "pending" in page
    r = client.get(f"/cases/{case_id}/export.zip")
    assert r.status_code == 200
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(r.data)).namelist()
