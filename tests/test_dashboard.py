"""The local dashboard lists cases and escapes hostile review text."""

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


def test_empty_dashboard_explains_what_to_do(client):
    assert "Capture" in client.get("/").data.decode()
