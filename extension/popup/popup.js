/* Review Guard toolbar popup: pairing state, the offline queue, replies overdue / due today (as the badge)
 * and links to the dashboard and to each due case.
 * It never calls the companion: one `popup.state` message to the service worker, the only caller.
 * Every string goes in through textContent (review excerpts are written by strangers).
 */
const $ = (id) => document.getElementById(id);
const t = (key, subs) => chrome.i18n.getMessage(key, subs === undefined ? undefined : [].concat(subs).map(String)) || key;
const UI_LOCALE = chrome.i18n.getUILanguage() || undefined;

for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
document.documentElement.lang = UI_LOCALE || "en";

/** Open `url` in a new tab and close the popup. */
function opener(link, url) {
  link.href = url;
  link.hidden = false;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    chrome.tabs.create({ url }).finally(() => window.close());
  });
}

/**
 * A dashboard link: the worker gets a one-time sign-in link for `path` from the companion and opens it (the
 * dashboard needs a session cookie; the token never leaves the worker). `href` shows where it goes.
 */
function dashboardOpener(link, base, path) {
  link.href = base.replace(/\/+$/, "") + path;
  link.hidden = false;
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    const reply = await chrome.runtime.sendMessage({ type: "dashboard.open", payload: { path } }).catch((err) => ({ ok: false, error: { message: String(err) } }));
    if (reply && reply.ok) window.close();
    else $("pairing").textContent = t("popupError", [(reply && reply.error && (reply.error.message || reply.error.code)) || "?"]);
  });
}

/** "20 h left" / "Overdue by 3 h", rounded down like the panel and companion/deadlines.py. */
function leftText(ms) {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  const left = ms > 0;
  if (minutes < 60) return t(left ? "leftMin" : "overdueMin", [minutes]);
  const hours = Math.floor(minutes / 60);
  if (!left && hours >= 48) return t("overdueD", [Math.floor(hours / 24)]);
  return t(left ? "leftH" : "overdueH", [hours]);
}

function dueTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  try {
    return new Intl.DateTimeFormat(UI_LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  } catch {
    return "";
  }
}

function platformName(id) {
  const name = chrome.i18n.getMessage("platformName_" + id);
  return name || id;
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderPairing(state) {
  const box = $("pairing");
  let kind;
  let text;
  if (!state.paired) [kind, text] = ["unpaired", t("popupUnpaired")];
  else if (state.authorized) [kind, text] = ["ok", t("popupConnected", [state.url])];
  else if (state.error && state.error.code === "companion_unreachable") [kind, text] = ["down", t("popupDown", [state.url])];
  else if (state.error && state.error.code === "unauthorized") [kind, text] = ["refused", t("popupRefused")];
  else [kind, text] = ["error", t("popupError", [(state.error && (state.error.message || state.error.code)) || "?"])];
  box.dataset.state = kind;
  box.textContent = text;
}

function renderQueue(queue) {
  const p = $("queue");
  p.dataset.waiting = String(queue.length);
  p.dataset.failed = String(queue.failed);
  p.textContent = queue.length || queue.failed ? t("popupQueue", [queue.length, queue.failed]) : t("popupQueueEmpty");
}

function renderSummary(state) {
  const s = state.summary;
  if (!s) return;
  const now = Date.now();
  $("counts").hidden = false;
  for (const [id, n] of [["overdue", s.replies.overdue], ["today", s.replies.due_today], ["open", s.open]]) {
    $(id).textContent = String(n);
    $(id).parentElement.dataset.n = String(n);
  }
  $("due-section").hidden = false;
  const list = $("due");
  list.replaceChildren();
  for (const c of s.due || []) {
    const ms = new Date(c.reply_due_at).getTime() - now;
    const li = el("li");
    li.dataset.caseId = String(c.id);
    li.dataset.state = c.reply_state || "";
    li.dataset.testid = "rc-pop-case";
    li.setAttribute("data-testid", "rc-pop-case");
    const a = el("a");
    const when = c.reply_state === "overdue" ? leftText(ms) : t("popupDueAt", [dueTime(c.reply_due_at), leftText(ms)]);
    const line1 = el("div", "line1");
    line1.append(el("span", "id", "#" + c.id), el("span", "platform", platformName(c.platform)), el("span", "when", when));
    a.append(line1, el("div", "excerpt", c.review_excerpt || c.product_title || c.order_id || ""));
    a.title = c.review_excerpt || "";
    dashboardOpener(a, state.url, "/cases/" + encodeURIComponent(String(Number(c.id))));
    li.append(a);
    list.append(li);
  }
  const shown = (s.due || []).length;
  const total = s.replies.overdue + s.replies.due_today;
  $("due-empty").hidden = total > 0;
  if (total > shown) list.append(el("li", "muted", t("popupMore", [total - shown])));
}

/**
 * Batch problems (the companion's `pattern_alerts`, at most 5): one warning line each — "⚠ <product>: 3
 * “Product quality” complaints within 7 days" — opening its `dashboard_path` signed in.
 */
function renderAlerts(state) {
  const alerts = (state.summary && Array.isArray(state.summary.pattern_alerts)) ? state.summary.pattern_alerts.slice(0, 5) : [];
  $("alerts-section").hidden = !alerts.length;
  const list = $("alerts");
  list.replaceChildren();
  for (const a of alerts) {
    const li = el("li");
    li.setAttribute("data-testid", "rc-pop-alert");
    li.dataset.type = String(a.type || "");
    li.dataset.count = String(a.count);
    const type = chrome.i18n.getMessage("type_" + a.type) || String(a.type || "?");
    const a2 = el("a", "alert", t("popupAlert", [a.product_title || a.product_id || t("popupAlertUnknownProduct"), a.count, type]));
    const path = String(a.dashboard_path || "/");
    a2.title = a.first_at && a.last_at ? `${a.first_at} – ${a.last_at}` : "";
    if (path.startsWith("/") && !path.startsWith("//")) dashboardOpener(a2, state.url, path);
    li.append(a2);
    // Three 恶意/无理由 reviews on one product read as a coordinated wave, not a defect (as on the dashboard).
    if (a.type === "malicious_or_unfounded") {
      const wave = el("div", "muted", t("popupAlertWave"));
      wave.setAttribute("data-testid", "rc-pop-alert-wave");
      li.append(wave);
    }
    list.append(li);
  }
}

/**
 * The search box: `cases.search` {q} to the worker (GET /api/v1/cases?q=), each match — #id, status,
 * platform, the product and the review's first words — opening its dashboard page signed in.
 */
function setupSearch(state) {
  $("search-section").hidden = false;
  $("search").addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = $("q").value.trim();
    const list = $("results");
    if (!q) return list.replaceChildren();
    list.dataset.state = "loading";
    const reply = await chrome.runtime.sendMessage({ type: "cases.search", payload: { q } })
      .catch((err) => ({ ok: false, error: { message: String(err) } }));
    if ($("q").value.trim() !== q) return; // a newer search is on its way
    list.replaceChildren();
    list.dataset.state = reply && reply.ok ? "done" : "error";
    if (!reply || !reply.ok) {
      list.append(el("li", "muted", t("popupError", [(reply && reply.error && (reply.error.message || reply.error.code)) || "?"])));
      return;
    }
    const cases = reply.result.cases || [];
    if (!cases.length) list.append(el("li", "muted", t("popupSearchEmpty")));
    for (const c of cases) {
      const li = el("li");
      li.setAttribute("data-testid", "rc-pop-result");
      li.dataset.caseId = String(c.id);
      li.dataset.status = String(c.status || "");
      const a = el("a");
      const status = chrome.i18n.getMessage("caseStatus_" + c.status) || String(c.status || "");
      const line1 = el("div", "line1");
      line1.append(el("span", "id", "#" + c.id), el("span", "platform", platformName(c.platform)), el("span", "when", status));
      a.append(line1, el("div", "excerpt", [c.product_title, c.review_text].filter(Boolean).join(" · ") || c.order_id || ""));
      a.title = c.review_text || "";
      dashboardOpener(a, state.url, "/cases/" + encodeURIComponent(String(Number(c.id))));
      li.append(a);
      list.append(li);
    }
    if (reply.result.total > cases.length) list.append(el("li", "muted", t("popupSearchMore", [reply.result.total - cases.length])));
  });
}

async function load() {
  opener($("options"), chrome.runtime.getURL("options/options.html"));
  let reply;
  try {
    reply = await chrome.runtime.sendMessage({ type: "popup.state", payload: { limit: 10 } });
  } catch (err) {
    reply = { ok: false, error: { code: "extension_error", message: String(err.message || err) } };
  }
  if (!reply || !reply.ok) {
    renderPairing({ paired: true, error: (reply && reply.error) || { code: "extension_error" } });
    return;
  }
  const state = reply.result;
  renderPairing(state);
  renderQueue(state.queue);
  if (state.paired && state.url) dashboardOpener($("dashboard"), state.url, "/");
  renderSummary(state);
  renderAlerts(state);
  if (state.paired && state.authorized && state.url) setupSearch(state);
  document.body.dataset.ready = "1";
}

load();
