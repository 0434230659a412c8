/* Review Guard mock of TikTok Shop Seller Center: one small SPA that routes on the path and
 * renders after its own XHRs (`<base>/api/...`), like the real Seller Center.
 *
 * Pages: /product/rating, /order/detail, /order/tracking, /order/return-refund/detail (URL inferred),
 * /im. Faithful to shared research seller-pages.md §2.6 / §8 where it matters to an adapter:
 * - CSS-Modules class names regenerated on EVERY load, in one of the two real styles, picked at
 *   random (or `?build=a|b`): build a `ratingListItem-B1nrTf` (6 base64url chars), build b
 *   `_ratingListItem_x3Qz_` (Vite style). Adapters must use substring matching;
 * - stable hooks the real kit has: `core-*` component classes (tabs, pagination, drawer, modal),
 *   `data-tid` attributes, `core-tabs-0-panel-N` ids, `svg[color='#FFC200']` active stars, and
 *   visible labels ("Order ID:", "Product ID:", "Tracking number", "Carrier", "Delivered");
 * - pagination replaces the card nodes asynchronously (250–2000 ms; `?delay=N` fixes it, 0 for tests),
 *   lazy `data-src` images, a notice modal, `?captcha=1` overlay `#captcha_container`,
 *   `?logged_out=1` marketing page on the same URL.
 * All dynamic text is set with textContent/createTextNode: review texts are hostile by nature.
 */
(function () {
  "use strict";
  var BASE = window.__MOCK_BASE__ || "";
  var ASSETS = BASE + "/_mock/";
  var Q = new URLSearchParams(location.search);
  var REGIONS = ["US", "UK", "TH", "VN", "MY", "PH", "SG", "ID"];
  var REGION = (Q.get("shop_region") || "US").toUpperCase();
  if (REGIONS.indexOf(REGION) < 0) REGION = "US";
  var BUILD = Q.get("build") === "a" || Q.get("build") === "b" ? Q.get("build") : (Math.random() < 0.5 ? "a" : "b");
  var FIXED_DELAY = Q.has("delay") ? Math.max(0, Number(Q.get("delay")) || 0) : null;
  var PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
  var PATH = location.pathname.slice(BASE.length).replace(/\/+$/, "");
  // Only the ID shop shows Indonesian labels on the rating card (research §2.2).
  var L = REGION === "ID"
    ? { orderId: "ID Pesanan: ", edited: function (n) { return "| Diubah " + n + " hari yang lalu"; } }
    : { orderId: "Order ID: ", edited: function (n) { return "| Edited " + n + (n === 1 ? " day ago" : " days ago"); } };
  window.__MOCK_TIKTOK__ = { build: BUILD, base: BASE, region: REGION };

  function delay(min, max) { return FIXED_DELAY !== null ? FIXED_DELAY : min + Math.floor(Math.random() * (max - min)); }
  function sleep(ms) { return new Promise(function (res) { setTimeout(res, ms); }); }
  function link(path, params) {
    var q = new URLSearchParams(params || {});
    q.set("shop_region", REGION);
    return BASE + path + "?" + q.toString();
  }

  // ---------------------------------------------------------------- hashed CSS-module classes
  var B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var hashes = {};
  function rand(n) {
    var s = "";
    for (var i = 0; i < n; i++) s += B64URL[Math.floor(Math.random() * B64URL.length)];
    return s;
  }
  /** `cx("ratingListItem")` → `ratingListItem-B1nrTf` (build a) or `_ratingListItem_x3Qz_` (build b). */
  function cx(name) {
    if (!hashes[name]) hashes[name] = BUILD === "a" ? name + "-" + rand(6) : "_" + name + "_" + rand(5);
    return hashes[name];
  }

  var STYLES = {
    layout: "min-height:100vh;display:flex;flex-direction:column;background:#f5f6f7",
    header: "height:56px;display:flex;align-items:center;justify-content:space-between;padding:0 24px;background:#fff;border-bottom:1px solid #eaeaea;position:sticky;top:0;z-index:10",
    logo: "font-weight:700;font-size:16px;display:flex;align-items:center;gap:8px",
    logoMark: "width:24px;height:24px;border-radius:6px;background:#111;color:#fff;display:inline-flex;align-items:center;justify-content:center;font-size:13px",
    logoSub: "font-weight:400;color:#6b6f75",
    headerRight: "display:flex;align-items:center;gap:16px",
    regionTag: "font-size:12px;border:1px solid #e3e3e3;border-radius:12px;padding:2px 10px;color:#444",
    shopInfo: "display:flex;align-items:center;gap:8px",
    shopAvatar: "width:32px;height:32px;border-radius:50%",
    shopName: "font-weight:600;font-size:14px",
    shopId: "font-size:12px;color:#8a8f99",
    layoutBody: "display:flex;flex:1",
    sidebar: "width:208px;background:#fff;border-right:1px solid #eaeaea;padding:12px 0;font-size:14px",
    menuGroup: "color:#8a8f99;font-size:12px;padding:14px 20px 6px",
    mainContent: "flex:1;padding:20px 24px;min-width:0",
    pageTitle: "font-size:20px;font-weight:600;margin:0 0 16px",
    card: "background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:16px",
    cardTitle: "font-size:16px;font-weight:600;margin:0 0 12px",
    ratingSummary: "display:flex;gap:40px;align-items:center",
    summaryScoreValue: "font-size:32px;font-weight:700",
    summaryLabel: "color:#6b6f75;font-size:13px",
    panelBody: "background:#fff;border-radius:0 0 8px 8px;padding:16px 20px",
    filterBar: "display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:12px",
    filterLabel: "color:#6b6f75;margin-right:4px",
    searchBar: "display:flex;gap:8px;align-items:center;margin-bottom:12px",
    listHeader: "color:#6b6f75;font-size:13px;margin-bottom:8px",
    ratingListContainer: "position:relative;min-height:120px",
    ratingListMain: "display:block",
    ratingListMainLists: "display:flex;flex-direction:column",
    ratingListItem: "display:flex;gap:24px;padding:16px 0;border-bottom:1px solid #f0f0f0",
    ratingItemLeft: "flex:1;min-width:0;display:flex;flex-direction:column;gap:8px",
    ratingItemRight: "width:360px;display:flex;flex-direction:column;gap:12px",
    ratingItemHeader: "display:flex;align-items:center;gap:12px",
    userInfo: "display:flex;align-items:center;gap:8px",
    userAvatar: "width:28px;height:28px;border-radius:50%",
    userNameText: "font-weight:500",
    ratingStar: "display:inline-flex;gap:2px",
    starIcon: "width:16px;height:16px",
    reviewText: "line-height:20px;word-break:break-word;white-space:pre-wrap",
    reviewMedia: "display:flex;gap:8px",
    mediaImage: "position:relative;width:64px;height:64px;border-radius:4px;overflow:hidden;background:#eee",
    reviewImage: "width:64px;height:64px;object-fit:cover",
    playIcon: "position:absolute;inset:0;display:flex;align-items:center;justify-content:center",
    reviewTime: "color:#8a8f99;font-size:12px;display:flex;gap:4px",
    productItem: "display:flex;gap:10px;background:#f7f8fa;border-radius:6px;padding:10px",
    productItemImage: "width:56px;height:56px;flex:none",
    productItemImg: "width:56px;height:56px;border-radius:4px",
    productItemInfo: "display:flex;flex-direction:column;gap:2px;font-size:12px;color:#6b6f75;min-width:0",
    productItemInfoName: "color:#161823;font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis",
    orderLink: "color:#009995;text-decoration:none",
    sellerReply: "background:#f7f8fa;border-radius:6px;padding:8px 12px;font-size:13px",
    replyLabel: "color:#6b6f75;font-size:12px;margin-bottom:2px",
    replyText: "white-space:pre-wrap;word-break:break-word",
    replyTime: "color:#8a8f99;font-size:12px;margin-top:2px",
    replyEditor: "display:flex;flex-direction:column;gap:6px",
    ratingItemActions: "display:flex;gap:8px;align-items:center",
    reportedTag: "font-size:12px;color:#b26a00;background:#fff4e0;border-radius:2px;padding:1px 6px",
    paginationWrap: "display:flex;justify-content:flex-end;margin-top:16px",
    detailRow: "display:flex;gap:12px;padding:6px 0;font-size:13px",
    detailLabel: "width:110px;flex:none;color:#6b6f75",
    detailValue: "flex:1;word-break:break-word;white-space:pre-wrap",
    reasonHint: "color:#8a8f99;font-size:12px;margin-top:4px",
    formError: "color:#f53f3f;font-size:12px;min-height:16px",
    infoGrid: "display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:8px 24px",
    infoItem: "display:flex;gap:12px;font-size:13px;line-height:20px",
    infoLabel: "width:140px;flex:none;color:#6b6f75",
    infoValue: "flex:1;word-break:break-all",
    orderHeader: "display:flex;align-items:center;gap:12px;flex-wrap:wrap",
    orderIdLabel: "color:#6b6f75",
    orderIdValue: "font-size:18px;font-weight:600",
    orderStatus: "font-size:12px",
    breadcrumb: "color:#8a8f99;font-size:13px;margin-bottom:8px",
    productCell: "display:flex;gap:10px",
    productCellMeta: "display:flex;flex-direction:column;gap:2px;font-size:12px;color:#6b6f75",
    trackingEventDesc: "color:#161823",
    trackingEventMeta: "color:#8a8f99;font-size:12px;display:flex;gap:12px",
    imPage: "display:flex;background:#fff;border-radius:8px;height:calc(100vh - 110px);min-height:480px;overflow:hidden",
    conversationList: "width:280px;border-right:1px solid #eee;overflow:auto",
    conversationItem: "display:flex;gap:10px;padding:12px 16px;cursor:pointer;border-bottom:1px solid #f5f5f5",
    conversationItemActive: "background:#e8f7f6",
    conversationInfo: "min-width:0;flex:1",
    conversationName: "font-weight:500",
    conversationPreview: "color:#8a8f99;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis",
    conversationTime: "color:#b0b4ba;font-size:11px",
    chatPanel: "flex:1;display:flex;flex-direction:column;min-width:0",
    chatHeader: "padding:12px 16px;border-bottom:1px solid #eee;font-weight:600;display:flex;gap:12px;align-items:center",
    messageList: "flex:1;overflow:auto;padding:16px;display:flex;flex-direction:column;gap:12px;background:#fafafa",
    messageItem: "display:flex;flex-direction:column;max-width:70%",
    messageBuyer: "align-self:flex-start",
    messageSeller: "align-self:flex-end;align-items:flex-end",
    messageSystem: "align-self:center;align-items:center;max-width:90%",
    messageMeta: "font-size:11px;color:#8a8f99;display:flex;gap:8px;margin-bottom:2px",
    messageBubble: "background:#fff;border:1px solid #eee;border-radius:8px;padding:8px 12px;white-space:pre-wrap;word-break:break-word",
    messageBubbleSeller: "background:#dff5f3;border-color:#c5ebe8",
    systemText: "font-size:12px;color:#8a8f99;background:#f0f0f0;border-radius:10px;padding:2px 10px",
    messageImage: "width:120px;height:120px;border-radius:6px",
    orderCard: "display:flex;gap:8px;border:1px solid #eee;border-radius:8px;padding:8px;background:#fff;width:300px",
    orderCardMeta: "display:flex;flex-direction:column;gap:2px;font-size:12px;color:#6b6f75;min-width:0",
    orderCardTitle: "color:#161823;font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis",
    chatInput: "display:flex;gap:8px;padding:12px 16px;border-top:1px solid #eee",
    emptyState: "text-align:center;color:#8a8f99;padding:48px 0",
    loginPage: "min-height:100vh;background:linear-gradient(180deg,#fff 0,#eefaf9 100%)",
    loginHeader: "display:flex;justify-content:space-between;align-items:center;padding:16px 40px",
    loginHero: "max-width:720px;margin:80px auto;text-align:center",
    loginActions: "display:flex;gap:12px;justify-content:center;margin-top:24px"
  };
  var KIT_CSS = [
    "body{margin:0;font-family:'TikTokText','Helvetica Neue',Arial,sans-serif;font-size:14px;color:#161823}",
    "a{color:#009995}",
    ".core-menu-item{display:block;padding:9px 20px 9px 32px;color:#161823;text-decoration:none;cursor:pointer}",
    ".core-menu-item:hover{background:#f5f6f7}.core-menu-item-selected{color:#009995;background:#e8f7f6;font-weight:500}",
    ".core-btn{border:1px solid #d9d9d9;border-radius:4px;background:#fff;padding:5px 14px;font-size:14px;cursor:pointer;color:#161823}",
    ".core-btn-primary{background:#009995;border-color:#009995;color:#fff}",
    ".core-btn-text{border-color:transparent;color:#009995;background:none;padding:5px 6px}",
    ".core-btn-disabled,.core-btn[disabled]{opacity:.45;cursor:not-allowed}",
    ".core-btn-size-large{padding:10px 28px;font-size:16px}",
    ".core-input,.core-textarea,.core-select{border:1px solid #d9d9d9;border-radius:4px;padding:5px 10px;font-size:14px;font-family:inherit}",
    ".core-textarea{width:100%;box-sizing:border-box;min-height:72px;resize:vertical}",
    ".core-input{width:260px}",
    ".core-tabs{background:#fff;border-radius:8px 8px 0 0}",
    ".core-tabs-header{display:flex;gap:32px;padding:0 20px;border-bottom:1px solid #eee}",
    ".core-tabs-header-title{padding:14px 0;cursor:pointer;color:#6b6f75}",
    ".core-tabs-header-title-active{color:#161823;font-weight:600;box-shadow:inset 0 -2px 0 #009995}",
    ".core-tabs-content-item{display:none}.core-tabs-content-item-active{display:block}",
    ".core-tag{display:inline-block;font-size:13px;line-height:22px;padding:0 10px;border-radius:4px;background:#f2f3f5;color:#161823}",
    ".core-tag-checkable{cursor:pointer;border:1px solid #e5e6eb;background:#fff}",
    ".core-tag-checked{border-color:#009995;color:#009995;background:#e8f7f6}",
    ".core-tag-green{background:#e8ffea;color:#00a870}.core-tag-blue{background:#e8f3ff;color:#165dff}",
    ".core-tag-orange{background:#fff3e8;color:#d25f00}.core-tag-gray{background:#f2f3f5;color:#6b6f75}",
    ".core-pagination{display:flex;align-items:center;gap:12px;font-size:14px}",
    ".core-pagination-list{display:flex;gap:6px;list-style:none;margin:0;padding:0}",
    ".core-pagination-item{min-width:32px;height:32px;line-height:32px;text-align:center;border-radius:4px;cursor:pointer;user-select:none}",
    ".core-pagination-item:hover{background:#f2f3f5}.core-pagination-item-active{color:#009995;background:#e8f7f6;font-weight:600}",
    ".core-pagination-item-disabled{color:#c9cdd4;cursor:not-allowed}",
    ".core-spin-mask{position:absolute;inset:0;background:rgba(255,255,255,.6);display:flex;align-items:flex-start;justify-content:center;padding-top:40px;color:#6b6f75;z-index:2}",
    ".core-empty{text-align:center;color:#8a8f99;padding:48px 0}",
    ".core-drawer-mask{position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:1000}",
    ".core-drawer{position:fixed;top:0;right:0;bottom:0;width:520px;background:#fff;z-index:1001;display:flex;flex-direction:column;box-shadow:-4px 0 16px rgba(0,0,0,.1)}",
    ".core-drawer-header{display:flex;justify-content:space-between;align-items:center;padding:16px 20px;border-bottom:1px solid #eee}",
    ".core-drawer-title{font-size:16px;font-weight:600}",
    ".core-drawer-close-icon{border:none;background:none;font-size:18px;cursor:pointer}",
    ".core-drawer-content{flex:1;overflow:auto;padding:16px 20px}",
    ".core-drawer-footer{padding:12px 20px;border-top:1px solid #eee;display:flex;gap:8px;justify-content:flex-end;align-items:center}",
    ".core-form-item{margin-bottom:16px}.core-form-label{display:block;margin-bottom:6px;font-weight:500}",
    ".core-form-label-required:before{content:'* ';color:#f53f3f}",
    ".core-modal-mask{position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:1100}",
    ".core-modal-wrapper{position:fixed;inset:0;z-index:1101;display:flex;align-items:flex-start;justify-content:center;padding-top:140px}",
    ".core-modal{width:440px;background:#fff;border-radius:8px;position:relative}",
    ".core-modal-header{padding:20px 24px 0;font-size:16px;font-weight:600}.core-modal-content{padding:12px 24px;color:#494d54;line-height:22px}",
    ".core-modal-footer{padding:0 24px 20px;text-align:right}",
    ".core-modal-close-icon{position:absolute;right:16px;top:16px;border:none;background:none;cursor:pointer;font-size:16px}",
    ".core-steps{display:flex;gap:8px}.core-steps-item{flex:1;display:flex;gap:8px}",
    ".core-steps-item-icon{width:24px;height:24px;border-radius:50%;flex:none;display:flex;align-items:center;justify-content:center;font-size:12px;background:#f2f3f5;color:#8a8f99}",
    ".core-steps-item-finish .core-steps-item-icon{background:#009995;color:#fff}",
    ".core-steps-item-title{font-weight:500}.core-steps-item-description{color:#6b6f75;font-size:12px;margin-top:2px}",
    ".core-table{width:100%;border-collapse:collapse;font-size:13px}.core-table th{text-align:left;background:#f7f8fa;font-weight:500;padding:10px 12px}",
    ".core-table td{padding:12px;border-bottom:1px solid #f0f0f0;vertical-align:top}",
    ".core-timeline{list-style:none;margin:0;padding:0}",
    ".core-timeline-item{position:relative;padding:0 0 16px 22px;border-left:1px solid #e5e6eb;margin-left:6px}",
    ".core-timeline-item:last-child{border-left-color:transparent}",
    ".core-timeline-item-dot{position:absolute;left:-6px;top:3px;width:11px;height:11px;border-radius:50%;background:#c9cdd4}",
    ".core-timeline-item-active .core-timeline-item-dot{background:#009995}",
    ".core-message{position:fixed;top:24px;left:50%;transform:translateX(-50%);background:#fff;box-shadow:0 4px 12px rgba(0,0,0,.15);border-radius:4px;padding:10px 16px;z-index:2000}",
    "#captcha_container{position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:3000;display:flex;align-items:center;justify-content:center}",
    ".captcha_verify_container{width:340px;background:#fff;border-radius:8px;padding:20px}",
    ".captcha_verify_img{height:150px;background:#dfe7ea;border-radius:4px;margin:12px 0;position:relative}",
    ".captcha_verify_slide{position:relative;height:40px;background:#f2f3f5;border-radius:20px;color:#8a8f99;font-size:13px;line-height:40px;text-align:center}",
    ".secsdk-captcha-drag-icon{position:absolute;left:0;top:0;width:56px;height:40px;border-radius:20px;background:#009995;color:#fff;cursor:grab;touch-action:none}"
  ].join("\n");

  function injectCss() {
    var rules = Object.keys(STYLES).map(function (k) { return "." + CSS_escape(cx(k)) + "{" + STYLES[k] + "}"; });
    var style = document.createElement("style");
    style.textContent = KIT_CSS + "\n" + rules.join("\n");
    document.head.appendChild(style);
  }
  function CSS_escape(s) { return window.CSS && window.CSS.escape ? window.CSS.escape(s) : s; }

  // ---------------------------------------------------------------- tiny DOM helpers (textContent only)
  /** h("div", {c:["ratingListItem"], k:"core-btn", a:{attr:val}, on:{click:fn}}, children) */
  function h(tag, o, kids) {
    var el = document.createElement(tag);
    decorate(el, o, kids);
    return el;
  }
  function svg(tag, o, kids) {
    var el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    decorate(el, o, kids);
    return el;
  }
  function decorate(el, o, kids) {
    o = o || {};
    var classes = (o.k ? o.k.split(" ") : []).concat((o.c || []).map(cx));
    if (classes.length) el.setAttribute("class", classes.join(" "));
    Object.keys(o.a || {}).forEach(function (k) { if (o.a[k] !== null && o.a[k] !== undefined) el.setAttribute(k, o.a[k]); });
    Object.keys(o.on || {}).forEach(function (k) { el.addEventListener(k, o.on[k]); });
    (kids || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  var lazyObserver = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { e.target.src = e.target.getAttribute("data-src"); lazyObserver.unobserve(e.target); }
    });
  }) : null;
  /** An <img> that loads `data-src` when it scrolls into view, like the real lazy thumbnails. */
  function lazyImg(src, cls, alt) {
    var img = h("img", { c: cls, a: { src: PLACEHOLDER, "data-src": ASSETS + src, alt: alt || "", loading: "lazy" } });
    if (lazyObserver) lazyObserver.observe(img); else img.src = ASSETS + src;
    return img;
  }

  // ---------------------------------------------------------------- formatting
  var MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var DATE_STYLE = "md";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /** Review date: `Jan 15, 2026` (US/PH/ID) or `15 Jan 2026` (UK/TH/VN/MY/SG). */
  function fmtDate(sec) {
    var d = new Date(sec * 1000);
    return DATE_STYLE === "dm"
      ? d.getUTCDate() + " " + MON[d.getUTCMonth()] + " " + d.getUTCFullYear()
      : MON[d.getUTCMonth()] + " " + d.getUTCDate() + ", " + d.getUTCFullYear();
  }
  /** Every time of day in order/tracking/chat/return pages: `01/15/2026 14:03:11` (shop time). */
  function fmtTime(sec) {
    if (sec === null || sec === undefined) return "--";
    var d = new Date(sec * 1000);
    return pad(d.getUTCMonth() + 1) + "/" + pad(d.getUTCDate()) + "/" + d.getUTCFullYear() + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
  }

  // ---------------------------------------------------------------- XHR
  function api(path, params, body) {
    var q = new URLSearchParams(params || {});
    q.set("shop_region", REGION);
    var init = { credentials: "same-origin", headers: { "x-tt-oec-region": REGION } };
    if (body) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(BASE + "/api/" + path + "?" + q.toString(), init).then(function (r) { return r.json(); });
  }

  function toast(text) {
    var el = h("div", { k: "core-message", a: { role: "alert" } }, [text]);
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 2500);
  }

  // ---------------------------------------------------------------- shell
  var SIDEBAR = [
    ["", [["Home", "/homepage"]]],
    ["Orders", [["Manage orders", "/order"], ["Returns & refunds", "/order/return-refund"]]],
    ["Products", [["Manage products", "/product/manage"], ["Product Ratings", "/product/rating"]]],
    ["Customer service", [["Messages", "/im"]]],
    ["Marketing", [["Promotions", "/promotion"]]],
    ["Finance", [["Statements", "/finance/statements"]]]
  ];
  var els = {};
  var profile = null;

  function shell(active) {
    var shop = profile.shop;
    var sidebar = h("aside", { c: ["sidebar"], a: { "data-tid": "m4b_sidebar" } });
    SIDEBAR.forEach(function (g) {
      if (g[0]) sidebar.appendChild(h("div", { c: ["menuGroup"] }, [g[0]]));
      g[1].forEach(function (it) {
        sidebar.appendChild(h("a", { k: "core-menu-item" + (it[1] === active ? " core-menu-item-selected" : ""), a: { href: link(it[1]) } }, [it[0]]));
      });
    });
    els.main = h("main", { c: ["mainContent"], a: { id: "page-container" } });
    var root = document.getElementById("root");
    clear(root);
    root.appendChild(h("div", { c: ["layout"] }, [
      h("header", { c: ["header"], a: { "data-tid": "m4b_header" } }, [
        h("div", { c: ["logo"] }, [h("span", { c: ["logoMark"] }, ["♪"]), "TikTok Shop", h("span", { c: ["logoSub"] }, ["Seller Center"])]),
        h("div", { c: ["headerRight"] }, [
          h("span", { c: ["regionTag"], a: { "data-tid": "m4b_region" } }, [profile.region.name]),
          h("div", { c: ["shopInfo"], a: { "data-tid": "m4b_shop_info" } }, [
            h("img", { c: ["shopAvatar"], a: { src: ASSETS + shop.avatar, alt: "" } }),
            h("div", {}, [
              h("div", { c: ["shopName"], a: { "data-tid": "m4b_shop_name" } }, [shop.name]),
              h("div", { c: ["shopId"], a: { "data-tid": "m4b_shop_id" } }, ["Shop ID: " + shop.id])
            ])
          ])
        ])
      ]),
      h("div", { c: ["layoutBody"] }, [sidebar, els.main])
    ]));
    return els.main;
  }

  function loading(container) {
    clear(container);
    container.appendChild(h("div", { k: "core-empty" }, ["Loading..."]));
  }

  function emptyState(container, text) {
    clear(container);
    container.appendChild(h("div", { k: "core-empty", c: ["emptyState"] }, [text]));
  }

  function infoItem(label, value, tid) {
    var v = h("div", { c: ["infoValue"], a: { "data-tid": tid || null } }, [value]);
    return h("div", { c: ["infoItem"] }, [h("div", { c: ["infoLabel"] }, [label]), v]);
  }

  function section(title, tid, kids) {
    return h("section", { c: ["card"], a: { "data-tid": tid || null } }, [h("h2", { c: ["cardTitle"] }, [title])].concat(kids));
  }

  // ---------------------------------------------------------------- stars
  var STAR_PATH = "M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01z";
  function stars(n) {
    var kids = [];
    for (var i = 1; i <= 5; i++) {
      var active = i <= n;
      kids.push(svg("svg", {
        c: active ? ["starIcon", "activeStar"] : ["starIcon"],
        a: { viewBox: "0 0 24 24", width: "16", height: "16", fill: "currentColor", color: active ? "#FFC200" : "#E5E6EB", "aria-hidden": "true" }
      }, [svg("path", { a: { d: STAR_PATH } })]));
    }
    return h("div", { c: ["ratingStar"] }, kids);
  }

  // ================================================================ Product Ratings
  var R = {
    tab: 0, page: 1, pageSize: 10, stars: {}, media: false, searchType: "order_id", keyword: "",
    seq: 0, summary: null, replies: {}, reports: {}
  };
  var TAB_KEYS = ["all", "unreplied", "replied"];
  var TAB_LABELS = ["All", "Waiting for reply", "Replied"];
  var REASON_HINTS = {
    multiple_malicious: "The same buyer left several malicious reviews on your shop.",
    coercive: "The buyer threatened a negative review to obtain refunds or other benefits.",
    competitor: "The review was left by, or promotes, a competitor.",
    traffic_diversion: "The review contains ads, links or contact details that divert traffic.",
    erroneous: "The buyer reviewed the wrong product or misunderstood how to use it.",
    invalid: "The review is unrelated to the product, meaningless or spam."
  };

  function ratingPage() {
    document.title = "Product Ratings | TikTok Shop Seller Center";
    var main = shell("/product/rating");
    loading(main);
    Promise.all([api("v1/product/rating/summary"), sleep(delay(300, 1200))]).then(function (res) {
      R.summary = res[0].data;
      clear(main);
      main.appendChild(h("div", { c: ["ratingPage"] }, [
        h("h1", { c: ["pageTitle"] }, ["Product Ratings"]),
        summaryCard(R.summary),
        tabs()
      ]));
      renderPanel();
      if (Q.get("nomodal") !== "1" && Q.get("notice") !== "0") noticeModal();
    });
  }

  function summaryCard(s) {
    return h("div", { c: ["card", "ratingSummary"], a: { "data-tid": "m4b_rating_summary" } }, [
      h("div", { c: ["summaryScore"] }, [
        h("div", {}, [h("span", { c: ["summaryScoreValue"] }, [s.store_rating]), " / 5"]),
        stars(Math.round(Number(s.store_rating))),
        h("div", { c: ["summaryLabel"] }, ["Store rating"])
      ]),
      h("div", {}, [h("div", { c: ["summaryScoreValue"] }, [s.rating_count.toLocaleString("en-US")]), h("div", { c: ["summaryLabel"] }, ["Total ratings"])]),
      h("div", {}, [h("div", { c: ["summaryScoreValue"] }, [s.negative_rate_30d]), h("div", { c: ["summaryLabel"] }, ["Negative rating rate (last 30 days)"])])
    ]);
  }

  function tabs() {
    var counts = R.summary.tab_counts;
    var titles = TAB_KEYS.map(function (key, i) {
      return h("div", {
        k: "core-tabs-header-title" + (i === R.tab ? " core-tabs-header-title-active" : ""),
        a: { id: "core-tabs-0-tab-" + i, role: "tab", "aria-selected": String(i === R.tab), "aria-controls": "core-tabs-0-panel-" + i, tabindex: "0" },
        on: { click: function () { if (R.tab !== i) { R.tab = i; R.page = 1; syncTabs(); renderPanel(); } } }
      }, [h("span", { k: "core-tabs-header-title-text" }, [TAB_LABELS[i] + " (" + counts[key] + ")"])]);
    });
    els.panels = TAB_KEYS.map(function (key, i) {
      return h("div", { k: "core-tabs-content-item" + (i === R.tab ? " core-tabs-content-item-active" : ""),
        a: { id: "core-tabs-0-panel-" + i, role: "tabpanel", "aria-labelledby": "core-tabs-0-tab-" + i } });
    });
    els.tabTitles = titles;
    return h("div", { k: "core-tabs core-tabs-horizontal core-tabs-line", a: { "data-tid": "m4b_tabs" } }, [
      h("div", { k: "core-tabs-header-nav core-tabs-header-nav-top" }, [
        h("div", { k: "core-tabs-header-scroll" }, [h("div", { k: "core-tabs-header", a: { role: "tablist" } }, titles)])
      ]),
      h("div", { k: "core-tabs-content core-tabs-content-horizontal" }, [h("div", { k: "core-tabs-content-inner" }, els.panels)])
    ]);
  }

  function syncTabs() {
    els.tabTitles.forEach(function (t, i) {
      t.classList.toggle("core-tabs-header-title-active", i === R.tab);
      t.setAttribute("aria-selected", String(i === R.tab));
    });
    els.panels.forEach(function (p, i) { p.classList.toggle("core-tabs-content-item-active", i === R.tab); });
  }

  /** Build the active panel's content (inactive panels stay empty, like lazy-mounted tab panes). */
  function renderPanel() {
    els.panels.forEach(clear);
    var panel = els.panels[R.tab];
    els.lists = h("div", { c: ["ratingListMainLists"] });
    els.pager = h("div", { c: ["paginationWrap"] });
    els.container = h("div", { c: ["ratingListContainer"] }, [h("div", { c: ["ratingListMain"] }, [els.lists]), els.pager]);
    els.count = h("div", { c: ["listHeader"] });
    // #core-tabs-0-panel-0 > div > div > div:nth-child(4) > ratingListContainer (research §2.3 build B).
    panel.appendChild(h("div", { c: ["panelBody"] }, [h("div", { c: ["ratingListWrap"] }, [
      filterBar(), searchBar(), els.count, h("div", { c: ["listBox"] }, [els.container])
    ])]));
    loadList(true);
  }

  function filterBar() {
    var sc = R.summary.star_counts;
    var chips = [h("span", { c: ["filterLabel"] }, ["Rating:"])];
    [5, 4, 3, 2, 1].forEach(function (n) {
      chips.push(h("span", {
        k: "core-tag core-tag-checkable" + (R.stars[n] ? " core-tag-checked" : ""),
        a: { role: "checkbox", "aria-checked": String(!!R.stars[n]), "data-star": String(n) },
        on: { click: function (e) {
          R.stars[n] = !R.stars[n];
          e.currentTarget.classList.toggle("core-tag-checked", R.stars[n]);
          e.currentTarget.setAttribute("aria-checked", String(R.stars[n]));
          R.page = 1; loadList(false);
        } }
      }, [n + (n === 1 ? " star" : " stars") + " (" + sc[String(n)] + ")"]));
    });
    chips.push(h("span", {
      k: "core-tag core-tag-checkable" + (R.media ? " core-tag-checked" : ""), a: { role: "checkbox", "aria-checked": String(R.media) },
      on: { click: function (e) {
        R.media = !R.media;
        e.currentTarget.classList.toggle("core-tag-checked", R.media);
        e.currentTarget.setAttribute("aria-checked", String(R.media));
        R.page = 1; loadList(false);
      } }
    }, ["With photos/videos (" + R.summary.media_count + ")"]));
    return h("div", { c: ["filterBar"] }, chips);
  }

  function searchBar() {
    var type = h("select", { k: "core-select", a: { "aria-label": "Search type", "data-tid": "m4b_rating_search_type" } },
      [["order_id", "Order ID"], ["product_id", "Product ID"], ["product_name", "Product name"]].map(function (o) {
        var opt = h("option", { a: { value: o[0] } }, [o[1]]);
        if (o[0] === R.searchType) opt.selected = true;
        return opt;
      }));
    var input = h("input", { k: "core-input", a: { type: "text", placeholder: "Search order ID", "data-tid": "m4b_rating_search_input" } });
    input.value = R.keyword;
    type.addEventListener("change", function () {
      input.setAttribute("placeholder", "Search " + type.options[type.selectedIndex].textContent.replace("Order ID", "order ID").replace("Product", "product"));
    });
    function go() { R.searchType = type.value; R.keyword = input.value.trim(); R.page = 1; loadList(false); }
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
    return h("div", { c: ["searchBar"] }, [
      type, input,
      h("button", { k: "core-btn core-btn-primary", a: { type: "button", "data-tid": "m4b_rating_search_btn" }, on: { click: go } }, ["Search"]),
      h("button", { k: "core-btn", a: { type: "button" }, on: { click: function () { input.value = ""; go(); } } }, ["Reset"]),
      h("span", { k: "core-picker", c: ["datePicker"], a: { title: "Review time" } }, ["Review time: Last 90 days"])
    ]);
  }

  function loadList(initial) {
    var seq = ++R.seq;
    // Keep the old cards under a spin mask until the new page arrives, then replace every node.
    var mask = h("div", { k: "core-spin-mask" }, [h("span", { k: "core-spin-icon" }, ["Loading..."])]);
    els.container.appendChild(mask);
    var stars = Object.keys(R.stars).filter(function (k) { return R.stars[k]; }).join(",");
    var params = { tab: TAB_KEYS[R.tab], page: String(R.page), page_size: String(R.pageSize) };
    if (stars) params.stars = stars;
    if (R.media) params.has_media = "1";
    if (R.keyword) { params.search_type = R.searchType; params.keyword = R.keyword; }
    Promise.all([api("v1/product/rating/list", params), sleep(initial ? delay(0, 300) : delay(250, 2000))]).then(function (res) {
      if (seq !== R.seq) return;
      var d = res[0].data;
      mask.remove();
      clear(els.lists);
      if (d.list.length) d.list.forEach(function (r) { els.lists.appendChild(card(r)); });
      else els.lists.appendChild(h("div", { k: "core-empty" }, ["No ratings found"]));
      els.count.textContent = d.total + (d.total === 1 ? " rating" : " ratings");
      clear(els.pager);
      els.pager.appendChild(pagination(d.total, d.page, d.page_size));
    });
  }

  function pagination(total, page, size) {
    var pages = Math.max(1, Math.ceil(total / size));
    function item(label, title, target, extra, disabled) {
      return h("li", {
        k: "core-pagination-item" + (extra ? " " + extra : "") + (disabled ? " core-pagination-item-disabled" : ""),
        a: { title: title, tabindex: disabled ? null : "0", "aria-disabled": disabled ? "true" : null },
        on: { click: function () { if (!disabled && target !== page) { R.page = target; loadList(false); } } }
      }, [label]);
    }
    var items = [item("‹", "Previous", page - 1, "core-pagination-item-prev", page <= 1)];
    for (var p = 1; p <= pages; p++) items.push(item(String(p), String(p), p, p === page ? "core-pagination-item-active" : "", false));
    items.push(item("›", "Next", page + 1, "core-pagination-item-next", page >= pages));
    var sizeSel = h("select", { k: "core-select", a: { "aria-label": "Items per page" },
      on: { change: function (e) { R.pageSize = Number(e.target.value); R.page = 1; loadList(false); } } },
      [10, 20, 50].map(function (n) {
        var o = h("option", { a: { value: String(n) } }, [n + " / page"]);
        if (n === size) o.selected = true;
        return o;
      }));
    return h("div", { k: "core-pagination core-pagination-size-default", a: { "data-tid": "m4b_pagination" } }, [
      h("span", { k: "core-pagination-total-text" }, ["Total " + total]),
      h("ul", { k: "core-pagination-list" }, items),
      h("div", { k: "core-pagination-option" }, [sizeSel])
    ]);
  }

  function replyBlock(reply) {
    return h("div", { c: ["sellerReply"] }, [
      h("div", { c: ["replyLabel"] }, ["Your reply"]),
      h("div", { c: ["replyText"] }, [reply.text]),
      h("div", { c: ["replyTime"] }, [fmtDate(reply.create_time)])
    ]);
  }

  function card(r) {
    var reply = r.reply || R.replies[r.order_id] || null;
    var reportStatus = r.report_status || R.reports[r.order_id] || null;
    var media = null;
    if (r.images.length || r.video) {
      var thumbs = r.images.map(function (src) { return h("div", { c: ["mediaImage"] }, [lazyImg(src, ["reviewImage"], "")]); });
      if (r.video) {
        thumbs.push(h("div", { c: ["mediaImage", "mediaVideo"] }, [
          lazyImg(r.video.cover, ["reviewImage"], ""),
          h("span", { c: ["playIcon"], a: { "aria-label": "Play video" } }, [
            svg("svg", { a: { viewBox: "0 0 24 24", width: "24", height: "24", fill: "#fff" } }, [svg("path", { a: { d: "M8 5v14l11-7z" } })])
          ])
        ]));
      }
      media = h("div", { c: ["reviewMedia"] }, thumbs);
    }
    var time = h("div", { c: ["reviewTime"] }, [
      h("span", {}, [fmtDate(r.create_time)]),
      r.edited_days_ago !== null ? h("span", { c: ["editedTag"] }, [L.edited(r.edited_days_ago)]) : null
    ]);
    var replyArea = h("div", { c: ["replyArea"] }, [reply ? replyBlock(reply) : null]);
    var actions = h("div", { c: ["ratingItemActions"] });
    var item = h("div", { c: ["ratingListItem"] }, [
      h("div", { c: ["ratingItemLeft"] }, [
        h("div", { c: ["ratingItemHeader"] }, [
          h("div", { c: ["userInfo"] }, [
            h("img", { c: ["userAvatar"], a: { src: ASSETS + "img/avatar.svg", alt: "" } }),
            h("span", { c: ["userNameText"] }, [r.user_name])
          ]),
          stars(r.star)
        ]),
        r.text ? h("div", { c: ["reviewText"] }, [r.text]) : null,
        media, time, replyArea
      ]),
      h("div", { c: ["ratingItemRight"] }, [productItem(r), actions])
    ]);
    if (!reply) {
      actions.appendChild(h("button", { k: "core-btn core-btn-secondary", c: ["replyButton"], a: { type: "button" },
        on: { click: function (e) { openReply(r, replyArea, e.currentTarget); } } }, ["Reply"]));
    }
    actions.appendChild(h("button", { k: "core-btn core-btn-text", c: ["detailButton"], a: { type: "button" },
      on: { click: function () { openDetails(r, item); } } }, ["Review details"]));
    if (reportStatus) actions.appendChild(h("span", { c: ["reportedTag"] }, ["Reported · " + reportStatus]));
    return item;
  }

  function productItem(r) {
    // productItem > div > productItemInfoOrderId > productItemInfoOrderIdText (research §2.3 build B).
    return h("div", { c: ["productItem"] }, [
      h("div", { c: ["productItemImage"] }, [lazyImg(r.product_image, ["productItemImg"], "")]),
      h("div", { c: ["productItemInfo"] }, [
        h("div", { c: ["productItemInfoName"], a: { title: r.product_name } }, [r.product_name]),
        h("div", { c: ["productItemInfoSku"] }, [r.sku]),
        h("div", { c: ["productItemInfoProductId"] }, ["Product ID: " + r.product_id]),
        h("div", { c: ["productItemInfoOrderId"] }, [h("div", { c: ["productItemInfoOrderIdText"] }, [
          L.orderId,
          h("a", { c: ["orderLink"], a: { href: link("/order/detail", { order_no: r.order_id }), target: "_blank", rel: "noopener" } }, [r.order_id])
        ])])
      ])
    ]);
  }

  function openReply(r, replyArea, button) {
    if (replyArea.querySelector("textarea")) return;
    var input = h("textarea", { k: "core-textarea", c: ["replyInput"], a: { maxlength: "500", placeholder: "Reply publicly to this rating. You can reply only once." } });
    var counter = h("span", { c: ["replyCounter"] }, ["0/500"]);
    var error = h("div", { c: ["formError"] });
    input.addEventListener("input", function () { counter.textContent = input.value.length + "/500"; });
    var editor = h("div", { c: ["replyEditor"] }, [input, error, h("div", { c: ["ratingItemActions"] }, [
      counter,
      h("button", { k: "core-btn", a: { type: "button" }, on: { click: function () { editor.remove(); } } }, ["Cancel"]),
      h("button", { k: "core-btn core-btn-primary", a: { type: "button" }, on: { click: function () {
        var text = input.value.trim();
        if (!text) { error.textContent = "Please enter a reply."; return; }
        api("v1/product/rating/reply", {}, { order_id: r.order_id, product_id: r.product_id, text: text }).then(function (res) {
          if (res.code !== 0) { error.textContent = res.message; return; }
          var reply = { text: text, create_time: profile.today };
          R.replies[r.order_id] = reply;
          editor.remove();
          replyArea.appendChild(replyBlock(reply));
          button.remove();  // one reply per rating
          toast("Reply sent");
        });
      } } }, ["Send"])
    ])]);
    replyArea.appendChild(editor);
    input.focus();
  }

  // ---------------------------------------------------------------- Review details drawer + Report review
  function openDetails(r, cardEl) {
    var old = document.querySelector(".core-drawer-wrapper");
    if (old) old.remove();
    var wrapper = h("div", { k: "core-drawer-wrapper" });
    function close() { wrapper.remove(); }
    var body = h("div", { k: "core-drawer-content" });
    var footer = h("div", { k: "core-drawer-footer" });
    var title = h("div", { k: "core-drawer-title" }, ["Review details"]);
    wrapper.appendChild(h("div", { k: "core-drawer-mask", on: { click: close } }));
    wrapper.appendChild(h("div", { k: "core-drawer", a: { role: "dialog", "aria-modal": "true", "data-tid": "m4b_review_drawer" } }, [
      h("div", { k: "core-drawer-header" }, [title,
        h("button", { k: "core-drawer-close-icon", a: { type: "button", "aria-label": "Close" }, on: { click: close } }, ["×"])]),
      body, footer
    ]));
    document.body.appendChild(wrapper);
    showDetails();

    function row(label, value) {
      return h("div", { c: ["detailRow"] }, [h("div", { c: ["detailLabel"] }, [label]), h("div", { c: ["detailValue"] }, [value])]);
    }
    function showDetails() {
      title.textContent = "Review details";
      clear(body); clear(footer);
      var reply = r.reply || R.replies[r.order_id];
      var reportStatus = r.report_status || R.reports[r.order_id];
      [
        row("Buyer", r.user_name),
        row("Rating", stars(r.star)),
        row("Review", r.text || "--"),
        row("Review time", fmtDate(r.create_time) + (r.edited_days_ago !== null ? " " + L.edited(r.edited_days_ago) : "")),
        row("Product", r.product_name),
        row("SKU", r.sku),
        row("Product ID", r.product_id),
        row("Order ID", h("a", { a: { href: link("/order/detail", { order_no: r.order_id }), target: "_blank", rel: "noopener" } }, [r.order_id])),
        row("Seller reply", reply ? reply.text : "Not replied"),
        row("Report status", reportStatus || "Not reported")
      ].forEach(function (el) { body.appendChild(el); });
      var can = r.reportable && !reportStatus;
      var hint = reportStatus ? "This review has already been reported. Each review can be reported once."
        : (!r.reportable ? "Only reviews from the past " + R.summary.report_window_days + " days can be reported." : null);
      if (hint) footer.appendChild(h("span", { c: ["reasonHint"] }, [hint]));
      footer.appendChild(h("button", { k: "core-btn core-btn-primary" + (can ? "" : " core-btn-disabled"),
        a: { type: "button", "data-tid": "m4b_report_review_btn", disabled: can ? null : "disabled" },
        on: { click: function () { if (can) showReport(); } } }, ["Report review"]));
    }
    function showReport() {
      title.textContent = "Report review";
      clear(body); clear(footer);
      var reason = h("select", { k: "core-select", a: { name: "reason", "data-tid": "m4b_report_reason", "aria-label": "Reason" } },
        [h("option", { a: { value: "" } }, ["Select a reason"])].concat(R.summary.report_reasons.map(function (o) {
          return h("option", { a: { value: o.value } }, [o.label]);
        })));
      var reasonHint = h("div", { c: ["reasonHint"] });
      reason.addEventListener("change", function () { reasonHint.textContent = REASON_HINTS[reason.value] || ""; });
      var desc = h("textarea", { k: "core-textarea", a: { name: "description", maxlength: "500", placeholder: "Describe why this review should be removed", "data-tid": "m4b_report_description" } });
      var counter = h("div", { c: ["reasonHint"] }, ["0/500"]);
      desc.addEventListener("input", function () { counter.textContent = desc.value.length + "/500"; });
      var files = h("input", { a: { type: "file", name: "evidence", accept: "image/png,image/jpeg", multiple: "multiple", "data-tid": "m4b_report_evidence" } });
      var fileList = h("ul", { c: ["evidenceList"] });
      var error = h("div", { c: ["formError"] });
      files.addEventListener("change", function () {
        clear(fileList);
        Array.prototype.slice.call(files.files, 0, 5).forEach(function (f) { fileList.appendChild(h("li", {}, [f.name])); });
        error.textContent = files.files.length > 5 ? "You can upload up to 5 images." : "";
      });
      [
        h("p", { c: ["reasonHint"] }, ["You can report a review once, within 30 days after it was posted. Reports are usually reviewed within 3 business days."]),
        row("Review", r.text || "--"),
        h("div", { k: "core-form-item" }, [h("label", { k: "core-form-label core-form-label-required" }, ["Reason"]), reason, reasonHint]),
        h("div", { k: "core-form-item" }, [h("label", { k: "core-form-label" }, ["Description"]), desc, counter]),
        // Upload limits are not documented publicly (research §2.4); 5 images is a guess.
        h("div", { k: "core-form-item" }, [h("label", { k: "core-form-label" }, ["Evidence"]), files,
          h("div", { c: ["reasonHint"] }, ["Up to 5 images (PNG or JPG, 5 MB each)."]), fileList]),
        error
      ].forEach(function (el) { body.appendChild(el); });
      footer.appendChild(h("button", { k: "core-btn", a: { type: "button" }, on: { click: showDetails } }, ["Cancel"]));
      footer.appendChild(h("button", { k: "core-btn core-btn-primary", a: { type: "button", "data-tid": "m4b_report_submit" }, on: { click: function () {
        if (!reason.value) { error.textContent = "Please select a reason."; return; }
        if (files.files.length > 5) { error.textContent = "You can upload up to 5 images."; return; }
        api("v1/product/rating/report", {}, { order_id: r.order_id, product_id: r.product_id, reason: reason.value,
          description: desc.value, evidence_count: files.files.length }).then(function (res) {
          if (res.code !== 0) { error.textContent = res.message; return; }
          R.reports[r.order_id] = "Under review";
          var actions = cardEl.querySelector("." + CSS_escape(cx("ratingItemActions")));
          if (actions) actions.appendChild(h("span", { c: ["reportedTag"] }, ["Reported · Under review"]));
          title.textContent = "Report review";
          clear(body); clear(footer);
          body.appendChild(h("div", { k: "core-empty" }, ["Report submitted. We'll review it within 3 business days and notify you of the result."]));
          footer.appendChild(h("button", { k: "core-btn core-btn-primary", a: { type: "button" }, on: { click: close } }, ["Done"]));
        });
      } } }, ["Submit"]));
    }
  }

  function noticeModal() {
    var key = "rg_mock_tiktok_notice_v1";
    try { if (Q.get("notice") !== "1" && localStorage.getItem(key)) return; } catch (e) { /* storage blocked */ }
    var root = h("div", { k: "core-modal-root" });
    function close() {
      root.remove();
      try { localStorage.setItem(key, "1"); } catch (e) { /* ignore */ }
    }
    root.appendChild(h("div", { k: "core-modal-mask" }));
    root.appendChild(h("div", { k: "core-modal-wrapper", a: { role: "dialog", "aria-modal": "true" } }, [
      h("div", { k: "core-modal", a: { "data-tid": "m4b_notice_modal" } }, [
        h("button", { k: "core-modal-close-icon", a: { type: "button", "aria-label": "Close" }, on: { click: close } }, ["×"]),
        h("div", { k: "core-modal-header" }, [h("div", { k: "core-modal-title" }, ["Notice"])]),
        h("div", { k: "core-modal-content" }, ["Product Ratings has been updated. Reply to each rating once, and use Review details → Report review for reviews from the past 30 days (available for select sellers)."]),
        h("div", { k: "core-modal-footer" }, [h("button", { k: "core-btn core-btn-primary", a: { type: "button" }, on: { click: close } }, ["Got it"])])
      ])
    ]));
    document.body.appendChild(root);
  }

  // ================================================================ Order detail
  var STATUS_TAG = { "Delivered": "core-tag-green", "Completed": "core-tag-gray", "In transit": "core-tag-blue", "Awaiting shipment": "core-tag-orange" };

  function trackingTimeline(events) {
    return h("ul", { k: "core-timeline", a: { "data-tid": "m4b_tracking_events" } }, events.map(function (e, i) {
      return h("li", { k: "core-timeline-item" + (i === 0 ? " core-timeline-item-active" : ""), a: { "data-tid": "m4b_tracking_event" } }, [
        h("div", { k: "core-timeline-item-dot" }),
        h("div", { k: "core-timeline-item-content" }, [
          h("div", { c: ["trackingEventDesc"] }, [e.text]),
          h("div", { c: ["trackingEventMeta"] }, [
            h("span", { c: ["trackingEventTime"] }, [fmtTime(e.time)]),
            h("span", { c: ["trackingEventLocation"] }, [e.location || ""])
          ])
        ])
      ]);
    }));
  }

  function orderPage() {
    document.title = "Order details | TikTok Shop Seller Center";
    var main = shell("/order");
    var orderNo = (Q.get("order_no") || Q.get("order_id") || "").trim();
    loading(main);
    Promise.all([api("fulfillment/order/get", { order_no: orderNo }), api("fulfillment/order/tracking", { order_no: orderNo }),
      sleep(delay(300, 1200))]).then(function (res) {
      if (res[0].code !== 0) { emptyState(main, "Order not found"); return; }
      var o = res[0].data;
      var tr = res[1].code === 0 ? res[1].data : null;
      clear(main);
      var p = o.product;
      var page = h("div", { c: ["orderDetailPage"], a: { "data-tid": "m4b_order_detail" } }, [
        h("div", { c: ["breadcrumb"] }, [h("a", { a: { href: link("/order") } }, ["Orders"]), " / Order details"]),
        h("div", { c: ["card", "orderHeader"] }, [
          h("span", { c: ["orderIdLabel"] }, ["Order ID"]),
          h("span", { c: ["orderIdValue"], a: { "data-tid": "m4b_order_id" } }, [o.order_id]),
          h("button", { k: "core-btn core-btn-text", a: { type: "button" }, on: { click: function () {
            if (navigator.clipboard) navigator.clipboard.writeText(o.order_id).catch(function () {});
            toast("Copied");
          } } }, ["Copy"]),
          h("span", { k: "core-tag " + (STATUS_TAG[o.status] || "core-tag-gray"), c: ["orderStatus"], a: { "data-tid": "m4b_order_status" } }, [o.status])
        ]),
        section("Order status", "m4b_order_timeline", [h("div", { k: "core-steps" }, o.timeline.map(function (s, i) {
          return h("div", { k: "core-steps-item " + (s.time ? "core-steps-item-finish" : "core-steps-item-wait"), a: { "data-tid": "m4b_order_timeline_" + s.key } }, [
            h("div", { k: "core-steps-item-icon" }, [s.time ? "✓" : String(i + 1)]),
            h("div", { k: "core-steps-item-content" }, [
              h("div", { k: "core-steps-item-title" }, [s.label]),
              h("div", { k: "core-steps-item-description" }, [fmtTime(s.time)])
            ])
          ]);
        }))]),
        section("Product", "m4b_order_products", [h("table", { k: "core-table" }, [
          h("thead", {}, [h("tr", {}, ["Product", "Unit price", "Quantity", "Subtotal"].map(function (t) { return h("th", {}, [t]); }))]),
          h("tbody", {}, [h("tr", { a: { "data-tid": "m4b_order_product_row" } }, [
            h("td", {}, [h("div", { c: ["productCell"] }, [
              lazyImg(p.image, ["productItemImg"], ""),
              h("div", { c: ["productCellMeta"] }, [
                h("div", { c: ["productCellName"], a: { "data-tid": "m4b_order_product_name" } }, [p.name]),
                h("div", { a: { "data-tid": "m4b_order_sku" } }, ["SKU: " + p.sku]),
                h("div", {}, ["Seller SKU: " + p.seller_sku]),
                h("div", {}, ["Product ID: " + p.id])
              ])
            ])]),
            h("td", {}, [p.unit_price.display]),
            h("td", { a: { "data-tid": "m4b_order_quantity" } }, [String(p.quantity)]),
            h("td", {}, [p.subtotal.display])
          ])])
        ])]),
        section("Payment", "m4b_order_payment", [h("div", { c: ["infoGrid"] }, [
          infoItem("Subtotal", o.payment.subtotal.display),
          infoItem("Shipping fee", o.payment.shipping_fee.display),
          infoItem("Platform discount", "-" + o.payment.platform_discount.display),
          infoItem("Total", o.payment.total.display, "m4b_order_total"),
          infoItem("Payment method", o.payment.method),
          infoItem("Currency", o.payment.total.currency)
        ])]),
        section("Customer", "m4b_order_buyer", [h("div", { c: ["infoGrid"] }, [
          infoItem("Buyer username", o.buyer_nick, "m4b_order_buyer_name"),
          infoItem("Contact", h("a", { a: { href: link("/im", { order_no: o.order_id }), "data-tid": "m4b_contact_buyer" } }, ["Contact buyer"]))
        ])]),
        section("Shipping", "m4b_order_shipping", [
          h("div", { c: ["infoGrid"] }, [
            infoItem("Shipping method", o.shipping.method),
            infoItem("Carrier", o.shipping.carrier, "m4b_carrier"),
            infoItem("Tracking number", o.shipping.tracking_no, "m4b_tracking_no"),
            infoItem("Ship to", o.shipping.ship_to)
          ]),
          h("div", { c: ["trackingSection"], a: { "data-tid": "m4b_order_tracking" } }, [
            h("h3", { c: ["cardTitle"] }, ["Tracking"]),
            tr ? trackingTimeline(tr.events) : h("div", { k: "core-empty" }, ["No tracking information yet"]),
            h("a", { a: { href: link("/order/tracking", { order_no: o.order_id }), "data-tid": "m4b_tracking_link" } }, ["View tracking details"])
          ])
        ]),
        o["return"] ? section("Return/Refund", "m4b_order_return", [h("div", { c: ["infoGrid"] }, [
          infoItem("Return ID", h("a", { a: { href: link("/order/return-refund/detail", { return_id: o["return"].return_id }), "data-tid": "m4b_return_link" } }, [o["return"].return_id])),
          infoItem("Request type", o["return"].type),
          infoItem("Status", o["return"].status)
        ])]) : null
      ]);
      main.appendChild(page);
    });
  }

  // ================================================================ Tracking
  function trackingPage() {
    document.title = "Tracking details | TikTok Shop Seller Center";
    var main = shell("/order");
    var orderNo = (Q.get("order_no") || Q.get("order_id") || "").trim();
    loading(main);
    Promise.all([api("fulfillment/order/tracking", { order_no: orderNo }), sleep(delay(300, 1200))]).then(function (res) {
      if (res[0].code !== 0) { emptyState(main, "Order not found"); return; }
      var t = res[0].data;
      clear(main);
      main.appendChild(h("div", { c: ["trackingPage"], a: { "data-tid": "m4b_tracking" } }, [
        h("div", { c: ["breadcrumb"] }, [h("a", { a: { href: link("/order/detail", { order_no: t.order_id }) } }, ["Order details"]), " / Tracking details"]),
        h("h1", { c: ["pageTitle"] }, ["Tracking details"]),
        section("Package", "m4b_tracking_info", [h("div", { c: ["infoGrid"] }, [
          infoItem("Order ID", h("a", { a: { href: link("/order/detail", { order_no: t.order_id }) } }, [t.order_id]), "m4b_order_id"),
          infoItem("Status", h("span", { k: "core-tag " + (STATUS_TAG[t.status] || "core-tag-gray") }, [t.status]), "m4b_tracking_status"),
          infoItem("Carrier", t.carrier, "m4b_carrier"),
          infoItem("Tracking number", t.tracking_no, "m4b_tracking_no")
        ])]),
        section("Tracking history", "m4b_tracking_history", [trackingTimeline(t.events)])
      ]));
    });
  }

  // ================================================================ Return/refund record (URL inferred)
  function returnPage() {
    document.title = "Return/Refund details | TikTok Shop Seller Center";
    var main = shell("/order/return-refund");
    var rid = (Q.get("return_id") || "").trim();
    loading(main);
    Promise.all([api("reverse/return/get", { return_id: rid }), sleep(delay(300, 1200))]).then(function (res) {
      if (res[0].code !== 0) { emptyState(main, "Return request not found"); return; }
      var d = res[0].data;
      clear(main);
      var events = d.timeline.slice().reverse();  // newest first
      main.appendChild(h("div", { c: ["returnDetailPage"], a: { "data-tid": "m4b_return_detail" } }, [
        h("div", { c: ["breadcrumb"] }, [h("a", { a: { href: link("/order/return-refund") } }, ["Returns & refunds"]), " / Request details"]),
        h("h1", { c: ["pageTitle"] }, ["Return/Refund details"]),
        section("Request", "m4b_return_info", [h("div", { c: ["infoGrid"] }, [
          infoItem("Return ID", d.return_id, "m4b_return_id"),
          infoItem("Order ID", h("a", { a: { href: link("/order/detail", { order_no: d.order_id }) } }, [d.order_id]), "m4b_order_id"),
          infoItem("Request type", d.type, "m4b_return_type"),
          infoItem("Status", d.status, "m4b_return_status"),
          infoItem("Reason", d.reason, "m4b_return_reason"),
          infoItem("Refund amount", d.refund_amount.display, "m4b_refund_amount"),
          infoItem("Requested on", fmtTime(d.request_time)),
          infoItem("Buyer username", d.buyer_nick),
          infoItem("Buyer's description", d.buyer_description || "--"),
          infoItem("Product", d.product.name + " (" + d.product.sku + ")")
        ])]),
        d.images.length ? section("Buyer evidence", "m4b_return_evidence", [h("div", { c: ["reviewMedia"] },
          d.images.map(function (src) { return h("div", { c: ["mediaImage"] }, [lazyImg(src, ["reviewImage"], "")]); }))]) : null,
        section("Request history", "m4b_return_timeline", [h("ul", { k: "core-timeline" }, events.map(function (e, i) {
          return h("li", { k: "core-timeline-item" + (i === 0 ? " core-timeline-item-active" : ""), a: { "data-tid": "m4b_return_event" } }, [
            h("div", { k: "core-timeline-item-dot" }),
            h("div", { k: "core-timeline-item-content" }, [
              h("div", { c: ["returnEventText"] }, [e.text]),
              h("div", { c: ["trackingEventMeta"] }, [h("span", { c: ["returnEventTime"] }, [fmtTime(e.time)])])
            ])
          ]);
        }))])
      ]));
    });
  }

  // ================================================================ Chat (IM)
  function imPage() {
    document.title = "Messages | TikTok Shop Seller Center";
    var main = shell("/im");
    var orderNo = (Q.get("order_no") || "").trim();
    loading(main);
    Promise.all([api("im/conversation/list", orderNo ? { order_no: orderNo } : {}), sleep(delay(300, 1200))]).then(function (res) {
      var d = res[0].data;
      clear(main);
      var list = h("div", { c: ["conversationList"], a: { "data-tid": "m4b_im_conversation_list" } });
      var panel = h("div", { c: ["chatPanel"], a: { "data-tid": "m4b_im_chat" } });
      main.appendChild(h("div", { c: ["imPage"], a: { "data-tid": "m4b_im" } }, [list, panel]));
      var items = {};
      d.list.forEach(function (c) {
        items[c.conversation_id] = h("div", { c: ["conversationItem"], a: { "data-tid": "m4b_im_conversation", role: "button", tabindex: "0" },
          on: { click: function () { select(c.conversation_id); } } }, [
          h("img", { c: ["userAvatar"], a: { src: ASSETS + "img/avatar.svg", alt: "" } }),
          h("div", { c: ["conversationInfo"] }, [
            h("div", { c: ["conversationName"] }, [c.buyer_nick]),
            h("div", { c: ["conversationPreview"] }, [c.last_message]),
            h("div", { c: ["conversationTime"] }, [fmtTime(c.last_time)])
          ])
        ]);
        list.appendChild(items[c.conversation_id]);
      });
      function select(cid) {
        Object.keys(items).forEach(function (k) { items[k].classList.toggle(cx("conversationItemActive"), k === cid); });
        clear(panel);
        panel.appendChild(h("div", { k: "core-empty" }, ["Loading..."]));
        api("im/message/list", { conversation_id: cid }).then(function (r) {
          if (r.code !== 0) { emptyState(panel, "Conversation not found"); return; }
          renderChat(panel, r.data);
        });
      }
      if (d.selected) select(d.selected);
      else if (d.new_conversation_buyer) {
        clear(panel);
        panel.appendChild(h("div", { c: ["chatHeader"] }, [h("span", { c: ["chatBuyerName"] }, [d.new_conversation_buyer])]));
        panel.appendChild(h("div", { c: ["messageList"], a: { "data-tid": "m4b_im_message_list" } }, [
          h("div", { k: "core-empty" }, ["No messages with this buyer yet. Send a message to start the conversation."])]));
      } else if (orderNo) emptyState(panel, "Order not found");
      else if (d.list.length) select(d.list[0].conversation_id);
      else emptyState(panel, "No conversations");
    });
  }

  function renderChat(panel, d) {
    clear(panel);
    var messages = h("div", { c: ["messageList"], a: { "data-tid": "m4b_im_message_list" } });
    d.messages.forEach(function (m) { messages.appendChild(message(m, d)); });
    var input = h("textarea", { k: "core-textarea", a: { placeholder: "Type a message", rows: "2" } });
    panel.appendChild(h("div", { c: ["chatHeader"] }, [h("span", { c: ["chatBuyerName"] }, [d.buyer_nick])]));
    panel.appendChild(messages);
    panel.appendChild(h("div", { c: ["chatInput"] }, [input, h("button", { k: "core-btn core-btn-primary", a: { type: "button" }, on: { click: function () {
      var text = input.value.trim();
      if (!text) return;
      input.value = "";
      messages.appendChild(message({ sender: "seller", type: "text", text: text, time: Math.floor(Date.now() / 1000) }, d));
    } } }, ["Send"])]));
    messages.scrollTop = messages.scrollHeight;
  }

  function message(m, d) {
    if (m.sender === "system") {
      return h("div", { c: ["messageItem", "messageSystem"], a: { "data-tid": "m4b_im_message" } }, [
        h("div", { c: ["messageMeta"] }, [h("span", { c: ["messageSender"] }, ["System"]), h("span", { c: ["messageTime"] }, [fmtTime(m.time)])]),
        h("div", { c: ["systemText"] }, [m.text])
      ]);
    }
    var content;
    if (m.type === "order_card") {
      var o = m.order;
      content = h("div", { c: ["orderCard"], a: { "data-tid": "m4b_im_order_card" } }, [
        lazyImg(o.image, ["productItemImg"], ""),
        h("div", { c: ["orderCardMeta"] }, [
          h("div", { c: ["orderCardTitle"] }, [o.product_name]),
          h("div", {}, [o.sku]),
          h("div", { c: ["orderCardId"] }, ["Order ID: ", h("a", { a: { href: link("/order/detail", { order_no: o.order_id }), target: "_blank", rel: "noopener" } }, [o.order_id])]),
          h("div", {}, [o.status + " · " + o.total.display])
        ])
      ]);
    } else if (m.type === "image") {
      content = h("div", { c: ["messageBubble"] }, [lazyImg(m.image, ["messageImage"], "Image")]);
    } else {
      content = h("div", { c: m.sender === "seller" ? ["messageBubble", "messageBubbleSeller"] : ["messageBubble"] }, [m.text]);
    }
    return h("div", { c: ["messageItem", m.sender === "seller" ? "messageSeller" : "messageBuyer"], a: { "data-tid": "m4b_im_message" } }, [
      h("div", { c: ["messageMeta"] }, [
        h("span", { c: ["messageSender"] }, [m.sender === "seller" ? d.seller_name : d.buyer_nick]),
        h("span", { c: ["messageTime"] }, [fmtTime(m.time)])
      ]),
      content
    ]);
  }

  // ================================================================ logged out, captcha, boot
  function loggedOutPage() {
    document.title = "TikTok Shop Seller Center | Sell on TikTok Shop";
    var root = document.getElementById("root");
    clear(root);
    root.appendChild(h("div", { c: ["loginPage"] }, [
      h("div", { c: ["loginHeader"] }, [
        h("div", { c: ["logo"] }, [h("span", { c: ["logoMark"] }, ["♪"]), "TikTok Shop", h("span", { c: ["logoSub"] }, ["Seller Center"])]),
        h("a", { k: "core-btn", a: { href: BASE + "/account/login" } }, ["Log in"])
      ]),
      h("div", { c: ["loginHero"] }, [
        h("h1", {}, ["Sell on TikTok Shop"]),
        h("p", {}, ["Reach millions of shoppers and grow your business with TikTok Shop."]),
        h("div", { c: ["loginActions"] }, [
          h("a", { k: "core-btn core-btn-primary core-btn-size-large", a: { href: BASE + "/account/register" } }, ["Join now"]),
          h("a", { k: "core-btn core-btn-size-large", a: { href: BASE + "/account/register" } }, ["Sign up"])
        ])
      ])
    ]));
  }

  /** `#captcha_container` slider overlay (class names as seen in TikTok captcha solvers [I]). */
  function captcha() {
    var handle = h("div", { k: "secsdk-captcha-drag-icon", a: { role: "slider", "aria-label": "Drag to verify", "aria-valuenow": "0" } }, ["→"]);
    var track = h("div", { k: "captcha_verify_slide" }, ["Drag the slider to fit the puzzle", handle]);
    var box = h("div", { a: { id: "captcha_container" } }, [h("div", { k: "captcha_verify_container" }, [
      h("div", { k: "captcha_verify_bar" }, ["Verify to continue"]),
      h("div", { k: "captcha_verify_img" }),
      track
    ])]);
    var startX = null;
    handle.addEventListener("pointerdown", function (e) { startX = e.clientX; handle.setPointerCapture(e.pointerId); });
    handle.addEventListener("pointermove", function (e) {
      if (startX === null) return;
      handle.style.left = Math.max(0, Math.min(e.clientX - startX, 284)) + "px";
    });
    handle.addEventListener("pointerup", function (e) {
      var dx = e.clientX - startX;
      startX = null;
      if (dx >= 180) box.remove(); else handle.style.left = "0px";
    });
    document.body.appendChild(box);
  }

  function boot() {
    injectCss();
    if (Q.get("logged_out") === "1") { loggedOutPage(); return; }
    var route = PATH === "/product/rating" ? ratingPage
      : PATH === "/order/detail" ? orderPage
        : PATH === "/order/tracking" ? trackingPage
          : PATH === "/order/return-refund/detail" ? returnPage
            : PATH === "/im" ? imPage : null;
    api("v1/seller/profile").then(function (res) {
      profile = res.data;
      DATE_STYLE = profile.region.date_style;
      if (route) route();
      else { shell(""); emptyState(els.main, "Page not found"); }
      if (Q.get("captcha") === "1") captcha();
    });
  }

  boot();
})();
