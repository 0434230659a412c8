"""The dashboard's "Paired browsers" page (issue 13): which browsers may call the companion, and Unpair.

`GET /settings/browsers` lists the pairings (origin, label, browser, when); `POST /settings/browsers/<id>/unpair`
(a plain form, only from the dashboard itself: the request must carry the companion's own Origin) deletes
one, after which that browser is refused until the seller pastes the token in its options again. Signed-in
like every dashboard page (the session cookie, companion/session.py). The words are here in both languages.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, redirect, render_template, request

from .api.db import get_db
from .paired_origins import list_paired, unpair

bp = Blueprint("browsers", __name__)

WORDS = {
    "zh": {"heading": "已配对的浏览器", "help": "这些浏览器里的 Review Guard 扩展可以调用本机助手。解除配对后，该浏览器需要在扩展设置里重新粘贴令牌。",
           "none": "还没有配对的浏览器：在扩展的设置页粘贴令牌并保存。", "origin": "扩展来源", "label": "名称", "agent": "浏览器",
           "paired_at": "配对时间", "unpair": "解除配对", "unpaired": "已解除配对：", "back": "返回工作台"},
    "en": {"heading": "Paired browsers", "help": "The Review Guard extension in these browsers may call this companion. "
           "After unpairing, that browser needs the token pasted in the extension's options again.",
           "none": "No browser paired yet: paste the token in the extension's options and save.", "origin": "Extension origin",
           "label": "Label", "agent": "Browser", "paired_at": "Paired", "unpair": "Unpair", "unpaired": "Unpaired: ",
           "back": "Back to the dashboard"},
}


@bp.before_request
def _signed_in():
    from .dashboard import _signed_in as dashboard_signed_in

    return dashboard_signed_in()


def _words():
    from .dashboard_i18n import pick_lang, words

    w = words(pick_lang())
    return w, WORDS.get(w["lang"], WORDS["en"])


@bp.get("/settings/browsers")
def browsers():
    w, b = _words()
    return render_template("browsers.html", t=w["t"], lang=w["lang"], b=b, pairings=list_paired(get_db()),
                           unpaired=request.args.get("unpaired", "")[:200])


@bp.post("/settings/browsers/<int:pairing_id>/unpair")
def unpair_browser(pairing_id: int):
    origin = request.headers.get("Origin") or ""
    if not origin or urlsplit(origin).netloc != request.host:
        abort(403)
    gone = unpair(get_db(), pairing_id)
    if gone is None:
        abort(404)
    from urllib.parse import urlencode

    return redirect("/settings/browsers?" + urlencode({"unpaired": gone["origin"]}), code=303)
