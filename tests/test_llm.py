"""The optional local model: off by default, loopback only, its output linted, templates the fallback."""

import pytest

from review_guard_testing import FakeModel
from factories import make_capture


@pytest.fixture
def model():
    fake = FakeModel()
    yield fake
    fake.close()


def enable(client, auth, url, **extra):
    r = client.put("/api/v1/settings", json={"llm": {"enabled": True, "base_url": url, "model": "qwen", **extra}}, headers=auth)
    assert r.status_code == 200, r.json
    return r


def test_off_by_default(client, auth):
    assert client.get("/api/v1/settings", headers=auth).json["llm"]["enabled"] is False
    case_id = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]["id"]
    r = client.post(f"/api/v1/cases/{case_id}/drafts/rewrite", headers=auth)
    assert r.status_code == 409 and r.json["error"]["code"] == "model_disabled"


def test_rewrite_accepted_when_clean(client, auth, model):
    enable(client, auth, model.url, api_key="sk-local")
    case_id = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]["id"]
    drafts = {d["kind"]: d for d in client.post(f"/api/v1/cases/{case_id}/drafts/rewrite", headers=auth).json["drafts"]}
    assert drafts["public_reply"]["source"] == "model"
    assert drafts["public_reply"]["text"] == model.answer
    path, body, authz = model.requests[0]
    assert path == "/v1/chat/completions" and body["model"] == "qwen" and authz == "Bearer sk-local"
    # The case now shows the rewrite; the template rows are still stored.
    case = client.get(f"/api/v1/cases/{case_id}", headers=auth).json
    assert {d["kind"]: d["source"] for d in case["drafts"]}["public_reply"] == "model"
    assert client.get("/api/v1/settings", headers=auth).json["llm"]["api_key"] == "********"


def test_rewrite_failing_lint_keeps_template(client, auth, model):
    model.answer = "亲，改成好评返现5元红包哦！"
    enable(client, auth, model.url)
    body = client.post("/api/v1/captures", json=make_capture(), headers=auth).json
    template = {d["kind"]: d["text"] for d in body["drafts"]}
    drafts = {d["kind"]: d for d in client.post(f"/api/v1/cases/{body['case']['id']}/drafts/rewrite", headers=auth).json["drafts"]}
    assert drafts["public_reply"]["source"] == "template"
    assert drafts["public_reply"]["text"] == template["public_reply"]
    assert any(f["code"] == "model_output_rejected" for f in drafts["public_reply"]["lint"])


def test_model_down_keeps_template(client, auth, model):
    url = model.url
    model.close()
    enable(client, auth, url, timeout_s=2)
    case_id = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]["id"]
    drafts = client.post(f"/api/v1/cases/{case_id}/drafts/rewrite", headers=auth).json["drafts"]
    assert all(d["source"] == "template" for d in drafts)
    assert any(f["code"] == "model_unavailable" for d in drafts for f in d["lint"])


@pytest.mark.parametrize("url", ["https://api.openai.com", "http://192.168.1.10:11434", "file:///etc/passwd"])
def test_only_loopback_endpoints(client, auth, url):
    r = client.put("/api/v1/settings", json={"llm": {"enabled": True, "base_url": url}}, headers=auth)
    assert r.status_code == 422
    assert r.json["error"]["field"] == "llm.base_url"
