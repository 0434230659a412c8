"""The extension's own surfaces (issue 12 item 5) and pairing by origin (issue 13), in the real browser.

A content script is the part of the extension a hostile seller-center page is closest to, so these tests speak
from its world (the isolated world Chromium gives our content script, reached over CDP): it cannot read the
token, cannot point the service worker at another URL, change settings or pair, nor read a case its tab was never
shown. And the companion allows the extension only once the seller paired it: unpairing on the companion
refuses this browser until the seller pairs again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import urllib.request
import uuid
from datetime import datetime, timezone

from rc_e2e import capture_douyin_review, douyin_mock, pair

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

TOKEN_SHAPE_MIN = 20  # the companion's tokens are 43 characters (secrets.token_urlsafe(32))


class ContentWorld:
    """Evaluate in our content script's isolated world of `page`'s top frame (what a compromised page could drive)."""

    def __init__(self, context, page, extension_id: str):
        self.cdp = context.new_cdp_session(page)
        self.contexts: list[dict] = []
        self.cdp.on("Runtime.executionContextCreated", lambda e: self.contexts.append(e["context"]))
        self.cdp.send("Runtime.enable")
        frame_id = self.cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        origin = f"chrome-extension://{extension_id}"
        for _ in range(50):  # the events of the existing contexts arrive with Runtime.enable; a few round trips at most
            found = [c for c in self.contexts if c.get("origin") == origin and c.get("auxData", {}).get("frameId") == frame_id
                     and not c.get("auxData", {}).get("isDefault")]
            if found:
                self.context_id = found[-1]["id"]
                break
            self.cdp.send("Runtime.evaluate", {"expression": "0"})
        else:
            raise AssertionError(f"no isolated world of the extension in the page: {self.contexts}")

    def eval(self, expression: str):
        r = self.cdp.send("Runtime.evaluate", {"expression": expression, "contextId": self.context_id,
                                               "awaitPromise": True, "returnByValue": True})
        assert "exceptionDetails" not in r, r
        return r["result"].get("value")

    def send(self, type_: str, payload=None):
        return self.eval(f"chrome.runtime.sendMessage({json.dumps({'type': type_, 'payload': payload})})")


def api(companion, method: str, path: str, body=None):
    req = urllib.request.Request(companion.url + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": f"Bearer {companion.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as r:
        return json.loads(r.read())


def stored_elsewhere(companion) -> int:
    """A case stored through the API (another tool, another browser): no tab of this browser was shown it."""
    rid = uuid.uuid4().hex[:19]
    return api(companion, "POST", "/api/v1/captures", {
        "schema_version": 1, "capture_id": uuid.uuid4().hex, "platform": "douyin", "page_kind": "review",
        "page_url": "https://fxg.jinritemai.com/ffa/maftersale/comment", "page_title": "评价管理",
        "captured_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "review": {"review_id": rid, "order_id": "49" + rid[-17:], "rating": 1, "text": "质量太差了"},
        "evidence": [{"kind": "screenshot", "media_type": "image/png", "data_base64": base64.b64encode(PNG).decode(),
                      "sha256": hashlib.sha256(PNG).hexdigest()}],
    })["case"]["id"]


def code(reply) -> str:
    assert reply["ok"] is False, reply
    assert set(reply["error"]) <= {"code", "message", "field", "details"}, reply
    return reply["error"]["code"]


def test_content_script_cannot_read_the_token_redirect_the_worker_or_read_other_cases(
        context, page, extension_id, paired, seller_pages, service_worker):
    companion = paired
    # A case this tab is never shown, and one it captures itself.
    other_case = stored_elsewhere(companion)
    order_id = douyin_mock.load_data()["comments"][0]["order_id"]
    row, case_id = capture_douyin_review(page, seller_pages["douyin"], order_id)
    assert case_id != other_case
    world = ContentWorld(context, page, extension_id)

    # The token is nowhere a content script can read (chrome.storage.local is shared with content scripts).
    stored = world.eval("chrome.storage.local.get(null).then((all) => JSON.stringify(all))")
    assert companion.token not in stored and "rc-settings" not in stored
    assert world.eval("typeof chrome.storage.session === 'undefined' || chrome.storage.session.get(null)"
                      ".then(() => 'readable', () => 'refused')") in (True, "refused")

    # Privileged messages: refused from a content script, whatever the payload.
    assert code(world.send("settings.put", {"url": "http://127.0.0.1:9", "token": "evil-token-from-the-page"})) == "forbidden"
    assert code(world.send("companion.status", {"url": "http://127.0.0.1:9"})) == "forbidden"
    for t in ("settings.get", "companion.settings.get", "popup.state", "queue.status", "dashboard.open"):
        assert code(world.send(t, {})) == "forbidden", t
    assert code(world.send("no.such.message", {})) == "unknown_message"
    assert code(world.send("case.get", [1])) == "bad_payload"

    # Cases: the one this tab captured, yes; another (never shown to this tab), no.
    mine = world.send("case.get", {"case_id": case_id})
    assert mine["ok"] is True and mine["result"]["case"]["id"] == case_id
    assert code(world.send("case.get", {"case_id": other_case})) == "forbidden"
    assert code(world.send("case.status", {"case_id": other_case, "status": "closed"})) == "forbidden"
    assert api(companion, "GET", f"/api/v1/cases/{other_case}")["case"]["status"] != "closed"
    # A Douyin page speaks for Douyin only.
    assert code(world.send("cases.lookup", {"platform": "taobao", "review_ids": ["x"]})) == "bad_platform"

    # The worker still talks to the real companion with the real token: the page changed nothing.
    opts = context.new_page()
    opts.goto(f"chrome-extension://{extension_id}/options/options.html")
    saved = opts.evaluate("chrome.runtime.sendMessage({type: 'settings.get', payload: {}})")
    assert saved == {"ok": True, "result": {"url": companion.url, "has_token": True, "pairing": "paired"}}
    assert companion.token not in json.dumps(saved)
    assert world.send("case.status", {"case_id": case_id, "status": "replied"})["ok"] is True
    assert api(companion, "GET", f"/api/v1/cases/{case_id}")["case"]["status"] == "replied"


def test_unpairing_on_the_companion_refuses_this_browser_until_the_seller_pairs_again(
        context, extension_id, own_companion, service_worker):
    companion = own_companion
    pair(context, extension_id, companion.url, companion.token)
    pairings = api(companion, "GET", "/api/v1/pairing")["pairings"]
    # The companion learnt the extension's origin from the browser (no id is built into it).
    assert [p["origin"] for p in pairings] == [f"chrome-extension://{extension_id}"]
    assert "Chrom" in (pairings[0]["user_agent"] or "")

    opts = context.new_page()
    opts.goto(f"chrome-extension://{extension_id}/options/options.html")
    state = opts.evaluate("chrome.runtime.sendMessage({type: 'popup.state', payload: {}})")
    assert state["ok"] and state["result"]["authorized"] is True

    api(companion, "DELETE", f"/api/v1/pairing/{pairings[0]['id']}")
    state = opts.evaluate("chrome.runtime.sendMessage({type: 'popup.state', payload: {}})")["result"]
    assert state["authorized"] is False and state["error"]["code"] == "unauthorized"
    # The worker does not pair again on its own: only the seller does (Save in Options).
    state = opts.evaluate("chrome.runtime.sendMessage({type: 'popup.state', payload: {}})")["result"]
    assert state["paired"] is False and state["pairing"] == "unpaired"
    assert api(companion, "GET", "/api/v1/pairing")["pairings"] == []

    pair(context, extension_id, companion.url, companion.token)
    state = opts.evaluate("chrome.runtime.sendMessage({type: 'popup.state', payload: {}})")["result"]
    assert state["authorized"] is True and state["pairing"] == "paired"
