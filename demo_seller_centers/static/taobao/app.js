/* Review Guard mock of Taobao/Tmall 千牛 seller pages (one SPA, page chosen from host + path).
 *
 * Faithful to shared research seller-pages.md §3 where it matters to an adapter:
 * - Fusion Next classes are NOT hashed (`next-table`, `next-table-body`, `next-table-expanded-row`,
 *   `next-pagination`, `next-dialog`, `next-btn` …) nor is `l-rate-content` / `l-media-gallery`; other wrapper
 *   classes are `<name>--<5 random chars>`, regenerated on every load;
 * - the review list renders after an mtop-style XHR and re-renders on every query change (pushState, no
 *   reload); pagination replaces the row nodes; next is `disabled` on the last page;
 * - a 功能升级 popup on load (`.next-dialog-close`), `data-spm` attributes;
 * - test switches for the blocking states: `?logged_out=1`, `?no_permission=1`, `?guide=1` (评价管理 only);
 * - visible labels an adapter can anchor on: `订单号：`, `宝贝ID：`, `订单编号`, `创建时间` …
 * Every dynamic text goes through textContent (the data has hostile strings on purpose); no innerHTML.
 */
(function () {
  "use strict";
  var MOCK = window.__TB_MOCK_BASE__ || "";
  var ASSETS = MOCK + "/_tb/";
  var API = ASSETS + "api/";
  var LIST_URL = MOCK + "/h5/mtop.rm.sellercenter.list.data.pc/1.0/";
  var SELLER_HOSTS = ["myseller.taobao.com", "qn.taobao.com"];
  var OTHER_HOSTS = ["trade.taobao.com", "wuliu.taobao.com", "market.m.taobao.com", "refund2.taobao.com"];
  var PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";

  /** Where this page "is": {host, path} on the real site, also when served under /mock/taobao/. */
  var HERE = (function () {
    var p = location.pathname;
    if (!MOCK) return { host: location.hostname, path: p };
    var rel = p.slice(MOCK.length + 1), first = rel.split("/")[0];
    if (OTHER_HOSTS.indexOf(first) >= 0) return { host: first, path: "/" + rel.slice(first.length + 1) };
    return { host: "myseller.taobao.com", path: "/" + rel };
  })();

  /** A real URL → an href that works here (under /mock/taobao/ the known hosts are rewritten). */
  function link(url) {
    var m = /^(?:https?:)?\/\/([^/]+)(\/[^#]*)?(#.*)?$/.exec(url);
    if (!m) return url;
    var host = m[1], rest = (m[2] || "/") + (m[3] || "");
    if (!MOCK) return "https://" + host + rest;
    if (SELLER_HOSTS.indexOf(host) >= 0) return MOCK + rest;
    if (OTHER_HOSTS.indexOf(host) >= 0) return MOCK + "/" + host + rest;
    return url;
  }
  var enc = encodeURIComponent;
  var URLS = {
    review: function () { return "https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20"; },
    refundList: function () { return "https://myseller.taobao.com/home.htm/trade-platform/refund-list"; },
    order: function (id) { return "https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId=" + id + "&sifg=1&isQnNew=true"; },
    // Inferred URL (not seen in the research sources).
    logistics: function (id) { return "https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=" + id; },
    chat: function (id, buyer) { return "https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId=" + id + (buyer ? "&buyer=" + enc(buyer) : ""); },
    // Inferred URL (not seen in the research sources).
    refund: function (id, refundId) { return "https://refund2.taobao.com/dispute/detail.htm?bizOrderId=" + id + (refundId ? "&refundId=" + refundId : ""); }
  };

  // ---------------------------------------------------------------- DOM helpers (textContent only)
  var ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  function rand(n) { var s = ""; for (var i = 0; i < n; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]; return s; }
  var hashes = {};
  /** Non-Fusion wrapper class, e.g. `rate-list--k3Df9`: random per load, adapters must not rely on it. */
  function hc(name) { if (!hashes[name]) hashes[name] = name + "--" + rand(5); return hashes[name]; }

  /** h("div", {cls: "next-btn", hc: ["toolbar"], attrs: {}, on: {}}, children) */
  function h(tag, opts, children) {
    var el = document.createElement(tag);
    opts = opts || {};
    var classes = (opts.cls ? opts.cls.split(" ") : []).concat((opts.hc || []).map(hc));
    if (classes.length) el.className = classes.join(" ");
    Object.keys(opts.attrs || {}).forEach(function (k) { el.setAttribute(k, opts.attrs[k]); });
    Object.keys(opts.on || {}).forEach(function (k) { el.addEventListener(k, opts.on[k]); });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }
  function a(url, text, opts) {
    opts = opts || {};
    var attrs = opts.attrs || {};
    attrs.href = link(url);
    if (opts.blank) attrs.target = "_blank";
    return h("a", { cls: opts.cls, hc: opts.hc, attrs: attrs }, [text]);
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /** ms → `YYYY-MM-DD HH:mm:ss` in China time whatever the browser's zone. */
  function fmt(ms) {
    var d = new Date(ms + 8 * 3600 * 1000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
  }
  function query(str) {
    var out = {};
    (str || "").replace(/^[?#\/]*\??/, "").split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("=");
      var k = decodeURIComponent(i < 0 ? kv : kv.slice(0, i)), v = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
      out[k] = v;
    });
    return out;
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); });
  }
  var lazyObserver = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { e.target.src = e.target.getAttribute("data-src"); lazyObserver.unobserve(e.target); }
    });
  }) : null;
  /** Lazy thumbnail: `src` starts as a placeholder, `data-src` keeps the CDN-style `…jpg_80x80.jpg` name. */
  function lazyImg(name, alt, cls) {
    var img = h("img", { cls: cls, attrs: { src: PLACEHOLDER, "data-src": ASSETS + name, alt: alt || "", width: "60", height: "60" } });
    if (lazyObserver) lazyObserver.observe(img); else img.src = ASSETS + name;
    return img;
  }
  function toast(text, type) {
    var el = h("div", { cls: "next-message next-message-" + (type || "success") + " next-toast", attrs: { role: "alert" } },
      [h("div", { cls: "next-message-title" }, [text])]);
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 2500);
  }
  /** Label/value line: `<div class=…><span class="label">订单编号：</span><span class="value">…</span></div>` */
  function kv(label, value, valueNode) {
    return h("div", { cls: "trade-info-item", hc: ["infoItem"] }, [
      h("span", { cls: "trade-info-label" }, [label + "："]),
      h("span", { cls: "trade-info-value" }, [valueNode || (value === null || value === undefined || value === "" ? "-" : String(value))])
    ]);
  }

  // ---------------------------------------------------------------- styles (Fusion-like, stable class names)
  var CSS = [
    "body{margin:0;font:12px/1.5 'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;color:#333;background:#f2f3f7}",
    "a{color:#3089dc;text-decoration:none}a:hover{text-decoration:underline}",
    ".qn-header{height:48px;background:#fff;display:flex;align-items:center;padding:0 20px;border-bottom:1px solid #e8e8e8;gap:10px}",
    ".qn-header .qn-logo{font-size:16px;font-weight:600;color:#ff5000;display:flex;align-items:center;gap:6px}",
    ".qn-header .qn-shop{margin-left:auto;color:#666}",
    ".qn-layout{display:flex;min-height:calc(100vh - 49px)}",
    ".qn-menu{width:168px;background:#fff;border-right:1px solid #e8e8e8;padding:8px 0}",
    ".qn-menu-group{padding:8px 20px 4px;color:#999}.qn-menu-item{display:block;padding:6px 20px 6px 32px;color:#333}",
    ".qn-menu-item.active{color:#ff5000;background:#fff4ee;border-right:2px solid #ff5000}",
    ".qn-main{flex:1;padding:16px 20px;min-width:0}",
    ".qn-card{background:#fff;border-radius:4px;padding:16px 20px;margin-bottom:12px}",
    ".qn-title{font-size:16px;font-weight:600;margin:0 0 12px}",
    ".next-tabs-nav{display:flex;gap:24px;border-bottom:1px solid #e8e8e8;margin-bottom:12px;padding:0;list-style:none}",
    ".next-tabs-tab{padding:8px 0;cursor:pointer}.next-tabs-tab.active{color:#ff5000;border-bottom:2px solid #ff5000}",
    ".next-form-item{display:flex;align-items:center;gap:8px;margin-bottom:10px}.next-form-item-label{width:70px;color:#666;text-align:right}",
    ".next-input,.next-select select{height:28px;border:1px solid #c4c6cf;border-radius:3px;padding:0 8px;font-size:12px;box-sizing:border-box}",
    ".next-range-picker{display:inline-flex;align-items:center;gap:4px;position:relative}.next-range-picker input{width:104px}",
    ".next-range-picker-panel{position:absolute;top:32px;left:0;background:#fff;border:1px solid #ddd;box-shadow:0 2px 8px rgba(0,0,0,.15);padding:8px;display:flex;gap:16px;z-index:20}",
    ".next-calendar-panel-header{text-align:center;font-weight:600;margin-bottom:4px}.next-calendar-table{border-collapse:collapse}",
    ".next-calendar-cell{width:24px;height:22px;text-align:center;cursor:pointer}.next-calendar-cell:hover{background:#fff4ee}.next-calendar-cell.next-selected{background:#ff5000;color:#fff}",
    ".next-radio-group,.next-tag-group{display:inline-flex;gap:6px}",
    ".next-radio-wrapper,.next-tag{border:1px solid #c4c6cf;border-radius:3px;padding:2px 10px;cursor:pointer;background:#fff;user-select:none}",
    ".next-radio-wrapper.checked,.next-tag.checked{border-color:#ff5000;color:#ff5000;background:#fff4ee}",
    ".next-btn{height:28px;padding:0 14px;border-radius:3px;border:1px solid #c4c6cf;background:#fff;cursor:pointer;font-size:12px}",
    ".next-btn-primary{background:#ff5000;border-color:#ff5000;color:#fff}.next-btn-text{border:none;background:none;color:#3089dc;padding:0;height:auto}",
    ".next-btn[disabled]{opacity:.5;cursor:not-allowed}",
    ".next-table table{width:100%;border-collapse:collapse;table-layout:fixed;background:#fff}",
    ".next-table-header th{background:#f5f6fa;text-align:left;font-weight:500;padding:10px 8px;border-bottom:1px solid #e8e8e8}",
    ".next-table-cell{padding:12px 8px;border-bottom:1px solid #eee;vertical-align:top;word-break:break-all}",
    ".next-table-expanded-row td{background:#fafafa;padding:8px 8px 12px 24px;border-bottom:1px solid #eee}",
    ".l-rate-content .rate-content{line-height:20px}.rate-type{display:inline-block;border-radius:2px;padding:0 4px;margin-right:6px;font-size:12px}",
    ".rate-type-11{background:#fff1ea;color:#ff5000}.rate-type-12{background:#f2f3f7;color:#666}.rate-type-13{background:#333;color:#fff}.rate-type-append{background:#e9f4ff;color:#3089dc}",
    ".rate-text-empty{color:#999}",
    ".l-media-gallery{display:flex;gap:6px;margin-top:6px}.l-media-gallery .media-item{position:relative}.l-media-gallery img{width:60px;height:60px;object-fit:cover;border-radius:2px;background:#eee}",
    ".media-video-icon{position:absolute;left:20px;top:18px;color:#fff;font-size:16px}",
    ".rate-impression{margin-top:6px;display:flex;gap:4px;flex-wrap:wrap}.rate-impression .next-tag{cursor:default;padding:0 6px;font-size:12px}",
    ".rate-explain{margin-top:6px;background:#fff8f1;padding:4px 8px;color:#8a5a2b}",
    ".append-days{color:#999;margin-top:2px}",
    ".next-pagination{display:flex;justify-content:flex-end;align-items:center;gap:8px;margin-top:12px}",
    ".next-pagination-pages{display:flex;gap:4px;align-items:center}.next-pagination-list{display:flex;gap:4px}",
    ".next-pagination-item{min-width:28px;height:28px;border:1px solid #c4c6cf;background:#fff;border-radius:3px;cursor:pointer}",
    ".next-pagination-item.next-current{border-color:#ff5000;color:#ff5000}",
    ".next-overlay-wrapper{position:fixed;inset:0;z-index:1000}.next-overlay-backdrop{position:absolute;inset:0;background:rgba(0,0,0,.3)}",
    ".next-dialog{position:absolute;left:50%;top:120px;transform:translateX(-50%);width:480px;background:#fff;border-radius:4px;box-shadow:0 4px 16px rgba(0,0,0,.2)}",
    ".next-dialog-header{padding:16px 20px 8px;font-size:16px;font-weight:600}.next-dialog-body{padding:8px 20px;color:#555}",
    ".next-dialog-footer{padding:12px 20px 16px;text-align:right;display:flex;gap:8px;justify-content:flex-end}",
    ".next-dialog-close{position:absolute;right:14px;top:12px;cursor:pointer;color:#999;font-size:16px}",
    ".next-input-textarea textarea{width:100%;height:120px;box-sizing:border-box;border:1px solid #c4c6cf;padding:6px 8px;font-size:12px}",
    ".next-input-len{display:block;text-align:right;color:#999}.next-form-item-help{color:#ff3000}",
    ".next-message{position:fixed;top:60px;left:50%;transform:translateX(-50%);background:#fff;border:1px solid #d6f5dd;padding:8px 16px;z-index:2000;box-shadow:0 2px 8px rgba(0,0,0,.1)}",
    ".next-loading-tip{color:#999;padding:16px;text-align:center}",
    ".trade-header{height:56px;background:#fff;border-bottom:2px solid #ff5000;display:flex;align-items:center;padding:0 40px;gap:16px}",
    ".trade-header .logo{font-size:20px;font-weight:700;color:#ff5000}.trade-main{max-width:1100px;margin:16px auto;padding:0 20px}",
    ".trade-info-item{display:flex;padding:4px 0}.trade-info-label{width:90px;color:#999;flex:none}.trade-info-value{color:#333}",
    ".trade-status{font-size:18px;font-weight:600;color:#ff5000}",
    ".trade-steps{display:flex;gap:0;margin:8px 0 4px}.trade-step{flex:1;text-align:center;border-top:3px solid #ddd;padding-top:6px;color:#999}",
    ".trade-step.done{border-color:#ff5000;color:#333}",
    ".logistics-list{list-style:none;margin:8px 0 0;padding:0 0 0 12px;border-left:2px solid #eee}",
    ".logistics-item{padding:6px 0 6px 10px;position:relative}.logistics-item:first-child{color:#ff5000}",
    ".logistics-item .time{color:#999;margin-right:12px}",
    ".im-msg{padding:8px 0;border-bottom:1px dashed #eee}.im-msg-head{color:#999}.im-msg-seller .im-msg-nick{color:#3089dc}.im-msg-buyer .im-msg-nick{color:#ff5000}",
    ".im-msg-content{margin-top:4px;white-space:pre-wrap}",
    ".timeline{list-style:none;margin:0;padding:0}.timeline-item{padding:6px 0;border-bottom:1px dashed #eee}.timeline-item .time{color:#999;margin-right:12px}",
    ".empty-state{padding:40px;text-align:center;color:#999}"
  ].join("\n");

  function injectCss() {
    var style = document.createElement("style");
    style.textContent = CSS;
    document.head.appendChild(style);
  }

  // ---------------------------------------------------------------- 千牛 shell (header + left nav)
  function qnShell(active) {
    var groups = [
      ["首页", [["工作台", "https://myseller.taobao.com/home.htm/QnworkbenchHome/", "home"]]],
      ["商品", [["发布宝贝", "https://myseller.taobao.com/home.htm/SellManage/", "publish"]]],
      ["交易", [["已卖出的宝贝", "https://myseller.taobao.com/home.htm/trade-platform/tp/sold", "sold"],
        ["退款管理", URLS.refundList(), "refund"], ["评价管理", URLS.review(), "comment"]]],
      ["客服", [["聊天记录", "https://market.m.taobao.com/app/qn/im-history-search/index.html#/", "im"]]]
    ];
    var menu = h("div", { cls: "qn-menu", hc: ["menu"], attrs: { "data-spm": "menu" } }, []);
    groups.forEach(function (g) {
      menu.appendChild(h("div", { cls: "qn-menu-group" }, [g[0]]));
      g[1].forEach(function (it) {
        menu.appendChild(a(it[1], it[0], { cls: "qn-menu-item" + (it[2] === active ? " active" : ""), attrs: { "data-spm-click": "gostr=/qn.menu;locaid=" + it[2] } }));
      });
    });
    var main = h("div", { cls: "qn-main", hc: ["main"] });
    document.getElementById("ice-container").appendChild(h("div", { hc: ["app"] }, [
      h("div", { cls: "qn-header", attrs: { "data-spm": "header" } }, [
        h("span", { cls: "qn-logo" }, [h("img", { attrs: { src: ASSETS + "img/logo.png", alt: "", width: "24", height: "24" } }), "千牛卖家中心"]),
        h("span", { cls: "qn-shop", attrs: { id: "qn-shop-name" } }, [])
      ]),
      h("div", { cls: "qn-layout" }, [menu, main])
    ]));
    return main;
  }
  function setShop(shop) {
    var el = document.getElementById("qn-shop-name");
    if (el && shop) el.textContent = shop.name + "（" + shop.csNick + "）";
  }

  function dialog(title, body, footer, onClose) {
    var wrap = h("div", { cls: "next-overlay-wrapper opened" });
    function close() { wrap.remove(); if (onClose) onClose(); }
    wrap.appendChild(h("div", { cls: "next-overlay-backdrop" }));
    wrap.appendChild(h("div", { cls: "next-dialog next-closeable next-overlay-inner", attrs: { role: "dialog", "aria-modal": "true" } }, [
      h("div", { cls: "next-dialog-header" }, [title]),
      h("div", { cls: "next-dialog-body" }, body),
      h("div", { cls: "next-dialog-footer" }, footer(close)),
      h("a", { cls: "next-dialog-close", attrs: { role: "button", "aria-label": "Close", tabindex: "0" }, on: { click: close } },
        [h("i", { cls: "next-icon next-icon-close next-medium" }, ["×"])])
    ]));
    document.body.appendChild(wrap);
    return { el: wrap, close: close };
  }

  // ================================================================ 评价管理 (rateWait4PC)
  var EMOTION_LABEL = { 11: "正面", 12: "中性", 13: "负面" };
  var CONTENT_CHIPS = [["hasContent", "有内容"], ["hasImage", "有图片"], ["hasVideo", "有视频"], ["hasAppend", "有追评"]];
  var rs = { current: 1, pageSize: 20, emotion: "", content: [], explain: "", dateRange: ["", ""], keyword: "", total: 0 };
  var els = {};
  var rowsById = {};

  function readRateUrl() {
    var q = query(location.search);
    rs.current = Math.max(parseInt(q.current, 10) || 1, 1);
    rs.pageSize = Math.min(Math.max(parseInt(q.pageSize, 10) || 20, 1), 100);
    rs.emotion = q.emotion || ({ "1": "11", "0": "12", "-1": "13" })[q.rate] || "";
    rs.content = (q.content || "").split(/[,|]/).filter(Boolean);
    rs.explain = q.explain || "";
    var dr = (q.dateRange || "").split(",");
    rs.dateRange = dr.length === 2 ? dr : ["", ""];
    rs.keyword = q.keyword || "";
  }
  function rateQueryString() {
    var parts = ["current=" + rs.current, "pageSize=" + rs.pageSize];
    if (rs.emotion) parts.push("emotion=" + rs.emotion);
    if (rs.content.length) parts.push("content=" + rs.content.join("|"));
    if (rs.explain) parts.push("explain=" + rs.explain);
    if (rs.dateRange[0] && rs.dateRange[1]) parts.push("dateRange=" + rs.dateRange.join(","));
    if (rs.keyword) parts.push("keyword=" + enc(rs.keyword));
    return "?" + parts.join("&");
  }
  /** Query change: push the URL (no reload), re-render filters and rows. */
  function applyRate(resetPage) {
    if (resetPage) rs.current = 1;
    history.pushState(null, "", location.pathname + rateQueryString());
    renderFilters();
    loadRates();
  }

  function ymd(s) { return s ? s.slice(0, 4) + "-" + s.slice(4, 6) + "-" + s.slice(6, 8) : ""; }
  function rangePicker() {
    var start = h("input", { cls: "next-input", attrs: { placeholder: "开始日期", value: ymd(rs.dateRange[0]), readonly: "readonly", "aria-label": "开始日期" } });
    var end = h("input", { cls: "next-input", attrs: { placeholder: "结束日期", value: ymd(rs.dateRange[1]), readonly: "readonly", "aria-label": "结束日期" } });
    var picker = h("span", { cls: "next-range-picker next-date-picker" }, [start, h("span", { cls: "next-range-picker-separator" }, ["-"]), end]);
    var picking = [];
    function month(y, m) {
      var rows = [], first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay(), days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      var cells = [];
      for (var i = 0; i < first; i++) cells.push(h("td", {}, []));
      for (var d = 1; d <= days; d++) {
        (function (d) {
          var key = String(y) + pad(m) + pad(d);
          var sel = key === rs.dateRange[0] || key === rs.dateRange[1];
          cells.push(h("td", { cls: "next-calendar-cell" + (sel ? " next-selected" : ""), attrs: { title: y + "-" + pad(m) + "-" + pad(d) },
            on: { click: function () { pick(key); } } }, [String(d)]));
        })(d);
      }
      while (cells.length) rows.push(h("tr", {}, cells.splice(0, 7)));
      return h("div", { cls: "next-calendar-panel" }, [
        h("div", { cls: "next-calendar-panel-header" }, [y + "年" + m + "月"]),
        h("table", { cls: "next-calendar-table" }, [h("tbody", {}, rows)])
      ]);
    }
    function pick(key) {
      picking.push(key);
      if (picking.length === 2) {
        picking.sort();
        rs.dateRange = picking.slice();
        picker.querySelector(".next-range-picker-panel").remove();
        start.value = ymd(rs.dateRange[0]); end.value = ymd(rs.dateRange[1]);
      } else {
        start.value = ymd(key); end.value = "";
      }
    }
    function open() {
      if (picker.querySelector(".next-range-picker-panel")) return;
      picking = [];
      picker.appendChild(h("div", { cls: "next-range-picker-panel next-overlay-inner" }, [month(2026, 10), month(2026, 11)]));
    }
    start.addEventListener("click", open); end.addEventListener("click", open);
    return picker;
  }
  function quickRange(days) {
    var now = Date.UTC(2026, 10, 26);
    function key(ms) { var d = new Date(ms); return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()); }
    // The mock's "today" is fixed (2026-11-26) so the quick ranges match the data.
    if (days === 0) return [key(now), key(now)];
    if (days === 1) return [key(now - 86400000), key(now - 86400000)];
    return [key(now - (days - 1) * 86400000), key(now)];
  }

  function renderFilters() {
    var emotions = [["", "全部"], ["11", "正面"], ["12", "中性"], ["13", "负面"]];
    var form = h("div", { cls: "next-form next-form-inline", hc: ["filterBar"], attrs: { "data-spm": "filter" } }, [
      h("div", { cls: "next-form-item" }, [h("label", { cls: "next-form-item-label" }, ["评价时间"]), rangePicker(),
        h("span", { cls: "next-tag-group" }, [["今天", 0], ["昨天", 1], ["近7天", 7], ["近30天", 30]].map(function (q) {
          return h("span", { cls: "next-tag next-tag-small", on: { click: function () {
            rs.dateRange = quickRange(q[1]); applyRate(true);
          } } }, [q[0]]);
        }))]),
      h("div", { cls: "next-form-item" }, [h("label", { cls: "next-form-item-label" }, ["评价类型"]),
        h("div", { cls: "next-radio-group", attrs: { role: "radiogroup" } }, emotions.map(function (e) {
          return h("label", { cls: "next-radio-wrapper" + (rs.emotion === e[0] ? " checked" : ""), attrs: { "data-value": e[0], "data-spm-click": "gostr=/qn.comment;locaid=emotion" + e[0] },
            on: { click: function () { rs.emotion = e[0]; applyRate(true); } } }, [e[1]]);
        }))]),
      h("div", { cls: "next-form-item" }, [h("label", { cls: "next-form-item-label" }, ["评价内容"]),
        h("div", { cls: "next-tag-group" }, CONTENT_CHIPS.map(function (c) {
          var on = rs.content.indexOf(c[0]) >= 0;
          return h("span", { cls: "next-tag next-tag-checkable" + (on ? " checked" : ""), attrs: { role: "checkbox", "aria-checked": String(on), "data-value": c[0] },
            on: { click: function () {
              rs.content = on ? rs.content.filter(function (x) { return x !== c[0]; }) : rs.content.concat([c[0]]);
              applyRate(true);
            } } }, [c[1]]);
        }))]),
      h("div", { cls: "next-form-item" }, [
        h("label", { cls: "next-form-item-label" }, ["回复状态"]),
        (function () {
          var sel = h("select", { attrs: { "aria-label": "回复状态" }, on: { change: function (e) { rs.explain = e.target.value; applyRate(true); } } },
            [["", "全部"], ["notExplain", "未回复"], ["explained", "已回复"]].map(function (o) {
              var opt = h("option", { attrs: { value: o[0] } }, [o[1]]);
              if (o[0] === rs.explain) opt.selected = true;
              return opt;
            }));
          return h("span", { cls: "next-select" }, [sel]);
        })(),
        h("label", { cls: "next-form-item-label" }, ["关键词"]),
        (els.keyword = h("input", { cls: "next-input", attrs: { placeholder: "评价内容/宝贝ID/订单号/买家昵称", value: rs.keyword, "aria-label": "关键词" },
          on: { keydown: function (e) { if (e.key === "Enter") search(); } } })),
        h("button", { cls: "next-btn next-btn-primary next-medium", attrs: { type: "button", "data-spm-click": "gostr=/qn.comment;locaid=search" }, on: { click: search } }, ["搜索"]),
        h("button", { cls: "next-btn next-btn-normal next-medium", attrs: { type: "button" }, on: { click: function () {
          rs.emotion = ""; rs.content = []; rs.explain = ""; rs.dateRange = ["", ""]; rs.keyword = ""; applyRate(true);
        } } }, ["重置"])
      ])
    ]);
    function search() { rs.keyword = els.keyword.value.trim(); applyRate(true); }
    if (els.filters) els.filters.replaceWith(form);
    els.filters = form;
    return form;
  }

  function gallery(list) {
    if (!list || !list.length) return null;
    return h("div", { cls: "l-media-gallery" }, list.map(function (m) {
      var item = h("div", { cls: "media-item", attrs: { "data-type": m.uiType } }, [lazyImg(m.thumbnail, m.uiType === "video" ? "买家视频" : "买家图片")]);
      if (m.uiType === "video") item.appendChild(h("i", { cls: "next-icon next-icon-play media-video-icon", attrs: { "aria-label": "播放视频" } }, ["▶"]));
      return item;
    }));
  }
  function rateText(main) {
    if (main.isDefault) return h("span", { cls: "rate-text rate-text-empty" }, ["系统默认好评"]);
    if (!main.content) return h("span", { cls: "rate-text rate-text-empty" }, ["此用户没有填写评价"]);
    return h("span", { cls: "rate-text" }, [main.content]);
  }
  function explainBlock(reply) {
    return h("div", { cls: "rate-explain" }, [h("span", { cls: "explain-label" }, ["[解释] "]), h("span", { cls: "explain-text" }, [reply.content]),
      h("span", { cls: "explain-time", hc: ["explainTime"] }, ["  " + fmt(reply.date)])]);
  }

  function rateRows(row) {
    var main = row.rateContent.mainRate, append = row.rateContent.appendRate, reply = row.rateContent.reply;
    var emo = row.emotionType.status;
    var orderId = row.orderInfo.orderId;
    var impressions = main.expression.length ? h("div", { cls: "rate-impression" }, main.expression.map(function (e) {
      return h("span", { cls: "next-tag next-tag-small impression-tag impression-" + e.emotion }, [e.content]);
    })) : null;
    var explainHolder = h("div", { hc: ["explainHolder"] }, [reply ? explainBlock(reply) : null]);
    var replyBtn = h("button", { cls: "next-btn next-btn-text next-medium", attrs: { type: "button", "data-spm-click": "gostr=/qn.comment;locaid=explain" } },
      [reply ? "已解释" : "回复/解释"]);
    if (reply) replyBtn.disabled = true;
    replyBtn.addEventListener("click", function () { openReply(row, replyBtn, explainHolder); });
    var toggle = append ? h("button", { cls: "next-btn next-btn-text next-medium", attrs: { type: "button", "aria-expanded": "true" } }, ["收起追评"]) : null;
    var tr = h("tr", { cls: "next-table-row", attrs: { role: "row", "data-feed-id": main.feedId, "data-spm": "row" } }, [
      h("td", { cls: "next-table-cell first", attrs: { role: "gridcell" } }, [h("div", { cls: "next-table-cell-wrapper" }, [
        h("div", { cls: "l-rate-content", hc: ["rateMain"] }, [
          h("div", { cls: "rate-content" }, [h("span", { cls: "rate-type rate-type-" + emo }, [EMOTION_LABEL[emo]]), rateText(main)]),
          gallery(main.mediaList), impressions,
          h("div", { cls: "rate-time", hc: ["rateTime"] }, [fmt(main.date)])
        ]), explainHolder
      ])]),
      h("td", { cls: "next-table-cell", attrs: { role: "gridcell" } }, [h("div", { cls: "next-table-cell-wrapper" }, [
        h("div", { cls: "l-buyer", hc: ["buyer"] }, [
          h("span", { cls: "buyer-nick" }, [row.userInfo.userName]),
          h("img", { cls: "buyer-star", attrs: { src: ASSETS + row.userInfo.userStar, alt: "买家信用", height: "12" } })
        ])
      ])]),
      h("td", { cls: "next-table-cell", attrs: { role: "gridcell" } }, [h("div", { cls: "next-table-cell-wrapper" }, [
        h("div", { cls: "l-item", hc: ["item"] }, [
          lazyImg(row.itemInfo.pic, "宝贝图片", "item-pic"),
          h("div", { hc: ["itemMeta"] }, [
            h("a", { cls: "item-title", attrs: { href: row.itemInfo.link, target: "_blank", title: row.itemInfo.title } }, [row.itemInfo.title]),
            h("div", { cls: "item-id" }, ["宝贝ID：", h("span", { cls: "item-id-value" }, [row.itemInfo.itemId])]),
            h("div", { cls: "item-sku", hc: ["sku"] }, [row.itemInfo.skuText])
          ])
        ])
      ])]),
      h("td", { cls: "next-table-cell", attrs: { role: "gridcell" } }, [h("div", { cls: "next-table-cell-wrapper" }, [
        h("div", { cls: "l-order", hc: ["order"] }, [
          h("div", {}, ["订单号：", a(URLS.order(orderId), orderId, { cls: "order-id", blank: true, attrs: { "data-spm-click": "gostr=/qn.comment;locaid=order" } })]),
          h("div", { cls: "rate-date", hc: ["date"] }, ["评价时间：" + fmt(main.date)])
        ])
      ])]),
      h("td", { cls: "next-table-cell last", attrs: { role: "gridcell" } }, [h("div", { cls: "next-table-cell-wrapper" }, [
        h("div", { cls: "l-actions", hc: ["actions"] }, [
          replyBtn, h("br"),
          h("a", { cls: "contact-buyer", attrs: { href: "aliim:sendmsg?uid=cntaobao" + enc("暖居生活馆") + "&touid=cntaobao" + enc(row.userInfo.userName) + "&siteid=cntaobao&status=1",
            "data-spm-click": "gostr=/qn.comment;locaid=wangwang", title: "旺旺联系买家" } }, ["联系买家"]),
          h("br"),
          a(URLS.chat(orderId, row.userInfo.userName), "聊天记录", { cls: "chat-history", blank: true }),
          toggle ? h("br") : null, toggle
        ])
      ])])
    ]);
    if (!append) return [tr];
    var ex = h("tr", { cls: "next-table-expanded-row", attrs: { role: "row", "data-feed-id": append.feedId } }, [
      h("td", { attrs: { colspan: "5" } }, [h("div", { cls: "next-table-expanded-area" }, [
        h("div", { cls: "l-rate-content l-rate-append", hc: ["rateAppend"] }, [
          h("div", { cls: "rate-content" }, [h("span", { cls: "rate-type rate-type-append" }, ["追评"]), h("span", { cls: "rate-text" }, [append.content])]),
          h("div", { cls: "append-days" }, ["确认收货后" + append.days + "天后追加评论"]),
          gallery(append.mediaList),
          h("div", { cls: "rate-time", hc: ["rateTime"] }, [fmt(append.date)])
        ])
      ])])
    ]);
    toggle.addEventListener("click", function () {
      var open = ex.style.display !== "none";
      ex.style.display = open ? "none" : "";
      toggle.textContent = open ? "展开追评" : "收起追评";
      toggle.setAttribute("aria-expanded", String(!open));
    });
    return [tr, ex];
  }

  function openReply(row, btn, holder) {
    var ta = h("textarea", { attrs: { maxlength: "500", placeholder: "请输入回复/解释内容，最多500字", "aria-label": "回复内容" } });
    var len = h("span", { cls: "next-input-len" }, ["0/500"]);
    var help = h("div", { cls: "next-form-item-help" }, []);
    ta.addEventListener("input", function () { len.textContent = ta.value.length + "/500"; });
    var main = row.rateContent.mainRate;
    var dlg = dialog("回复/解释", [
      h("div", { hc: ["replyQuote"] }, ["评价：", main.content || "此用户没有填写评价"]),
      h("div", { cls: "next-input next-input-textarea" }, [ta, len]), help
    ], function (close) {
      return [
        h("button", { cls: "next-btn next-btn-primary next-medium", attrs: { type: "button" }, on: { click: function () {
          var text = ta.value.trim();
          if (!text) { help.textContent = "请输入回复内容"; return; }
          if (text.length > 500) { help.textContent = "最多500字"; return; }
          row.rateContent.reply = { content: text, date: Date.now() };
          holder.replaceChildren(explainBlock(row.rateContent.reply));
          btn.textContent = "已解释"; btn.disabled = true;
          close();
          toast("提交成功");
        } } }, ["提交"]),
        h("button", { cls: "next-btn next-btn-normal next-medium", attrs: { type: "button" }, on: { click: function () { close(); } } }, ["取消"])
      ];
    });
    setTimeout(function () { ta.focus(); }, 0);
    return dlg;
  }

  function pagination(total, current, pageSize, go) {
    var pages = Math.max(1, Math.ceil(total / pageSize));
    var prev = h("button", { cls: "next-btn next-btn-normal next-pagination-item next-prev", attrs: { type: "button", "aria-label": "上一页" },
      on: { click: function () { if (current > 1) go(current - 1); } } }, ["上一页"]);
    if (current <= 1) prev.disabled = true;
    var list = h("div", { cls: "next-pagination-list" }, []);
    for (var p = 1; p <= pages; p++) {
      (function (p) {
        list.appendChild(h("button", { cls: "next-btn next-btn-normal next-pagination-item" + (p === current ? " next-current" : ""),
          attrs: { type: "button", "aria-label": "第" + p + "页" }, on: { click: function () { go(p); } } }, [String(p)]));
      })(p);
    }
    var next = h("button", { cls: "next-btn next-btn-normal next-pagination-item next-next", attrs: { type: "button", "aria-label": "下一页" },
      on: { click: function () { if (current < pages) go(current + 1); } } }, ["下一页"]);
    if (current >= pages) next.disabled = true;
    return h("div", { cls: "next-pagination next-medium next-normal" }, [
      h("span", { cls: "next-pagination-total" }, ["共 " + total + " 条"]),
      h("div", { cls: "next-pagination-pages" }, [prev, list, next])
    ]);
  }

  function loadRates() {
    var body = { pageType: "rateWait4PC", pagination: { current: rs.current, pageSize: rs.pageSize } };
    if (rs.dateRange[0] && rs.dateRange[1]) body.dateRange = rs.dateRange;
    if (rs.emotion) body.emotion = Number(rs.emotion);
    if (rs.content.length) body.content = rs.content;
    if (rs.explain) body.explain = rs.explain;
    if (rs.keyword) body.keyword = rs.keyword;
    var url = LIST_URL + "?jsv=2.6.1&appKey=12574478&t=" + Date.now() + "&api=mtop.rm.sellercenter.list.data.pc&v=1.0&type=originaljson&dataType=json&data=" +
      enc(JSON.stringify({ jsonBody: JSON.stringify(body) }));
    els.loading.className = "next-loading next-open next-loading-wrap";
    els.tip.style.display = "";
    return getJSON(url).then(function (res) {
      var d = res.data;
      setShop(d.shop);
      rs.total = d.pagination.total;
      rowsById = {};
      var trs = [];
      d.dataSource.forEach(function (r) { rowsById[r.rateContent.mainRate.feedId] = r; trs = trs.concat(rateRows(r)); });
      if (!trs.length) trs = [h("tr", { cls: "next-table-row" }, [h("td", { cls: "next-table-cell", attrs: { colspan: "5" } }, [h("div", { cls: "empty-state" }, ["没有符合条件的评价"])])])];
      // Replace every node (rows are never reused, like the real table).
      els.tbody.replaceChildren.apply(els.tbody, trs);
      els.pager.replaceChildren(pagination(rs.total, rs.current, rs.pageSize, function (p) { rs.current = p; applyRate(false); }));
      els.tip.style.display = "none";
      els.loading.className = "next-loading next-loading-wrap";
      document.body.setAttribute("data-rg-loaded", String(Date.now()));
    });
  }

  function upgradePopup() {
    dialog("功能升级", [
      h("p", {}, ["新版评价管理已上线"]),
      h("p", {}, ["支持按评价类型、有图/有视频/有追评筛选，回复与解释合并为“回复/解释”。"])
    ], function (close) {
      return [h("button", { cls: "next-btn next-btn-primary next-medium", attrs: { type: "button" }, on: { click: function () { close(); } } }, ["知道了"])];
    });
  }

  // ---------------------------------------------------------------- blocking states (test switches)
  // `?logged_out=1` the 千牛 login prompt on the same URL (the real site redirects to login.taobao.com);
  // `?no_permission=1` a sub-account without the 评价管理 permission; `?guide=1` a 新手引导 step balloon
  // over the table (seller-pages.md §0 rule 4, §3.3 overlays, §8.5).
  function qnLogin() {
    document.title = "千牛卖家工作台 - 登录";
    document.getElementById("ice-container").appendChild(h("div", { hc: ["loginPage"], attrs: { style: "min-height:100vh;background:#f2f3f7" } }, [
      h("div", { cls: "qn-header" }, [h("span", { cls: "qn-logo" }, [h("img", { attrs: { src: ASSETS + "img/logo.png", alt: "", width: "24", height: "24" } }), "千牛卖家中心"])]),
      h("div", { hc: ["loginBox"], attrs: { "data-spm": "login", style: "width:360px;margin:80px auto;background:#fff;border-radius:6px;padding:28px;box-sizing:border-box" } }, [
        h("h2", { cls: "qn-title" }, ["千牛卖家工作台"]),
        h("p", { hc: ["loginTip"] }, ["登录后才能访问千牛卖家中心"]),
        h("ul", { cls: "next-tabs-nav", attrs: { role: "tablist" } }, [
          h("li", { cls: "next-tabs-tab active", attrs: { role: "tab" } }, ["密码登录"]), h("li", { cls: "next-tabs-tab", attrs: { role: "tab" } }, ["扫码登录"])]),
        h("input", { cls: "next-input", attrs: { name: "fm-login-id", placeholder: "账号名/邮箱/手机号", style: "display:block;width:100%;margin:8px 0" } }),
        h("input", { cls: "next-input", attrs: { name: "fm-login-password", type: "password", placeholder: "请输入登录密码", style: "display:block;width:100%;margin:8px 0" } }),
        h("button", { cls: "next-btn next-btn-primary next-large", attrs: { type: "button", style: "width:100%" } }, ["登录"])
      ])
    ]));
  }

  function noPermission(main) {
    main.appendChild(h("div", { cls: "qn-card", hc: ["noAuth"], attrs: { "data-spm": "no-permission", style: "text-align:center;padding:64px 24px" } }, [
      h("div", { hc: ["noAuthTitle"], attrs: { style: "font-size:18px;font-weight:600" } }, ["您没有该页面的访问权限"]),
      h("div", { hc: ["noAuthDesc"], attrs: { style: "color:#999;margin-top:8px" } }, ["当前子账号未开通「评价管理」权限，请联系主账号在「子账号管理」中授权。"]),
      h("button", { cls: "next-btn next-btn-primary next-medium", attrs: { type: "button", style: "margin-top:16px" }, on: { click: function () { toast("已向主账号发送权限申请", "notice"); } } }, ["申请权限"])
    ]));
  }

  function guideBalloon() {
    var steps = ["「来自买家的评价」可按评价类型、有图/有视频/有追评筛选。", "差评可直接「回复/解释」，回复后买家会收到通知。"];
    var i = 0;
    var wrap = h("div", { cls: "next-overlay-wrapper opened", hc: ["guide"] });
    var text = h("div", { cls: "next-balloon-content" });
    var next = h("button", { cls: "next-btn next-btn-primary next-small", attrs: { type: "button" } });
    function close() { wrap.remove(); }
    function show() { text.textContent = steps[i] + "（" + (i + 1) + "/" + steps.length + "）"; next.textContent = i === steps.length - 1 ? "知道了" : "下一步"; }
    next.addEventListener("click", function () { if (i === steps.length - 1) close(); else { i++; show(); } });
    wrap.appendChild(h("div", { cls: "next-overlay-backdrop" }));
    wrap.appendChild(h("div", { cls: "next-balloon next-balloon-primary next-balloon-medium next-balloon-bottom next-overlay-inner", attrs: { role: "dialog", "aria-label": "新手引导",
      style: "position:absolute;left:50%;top:160px;transform:translateX(-50%);width:340px;background:#fff;border-radius:4px;padding:14px 16px;box-shadow:0 4px 16px rgba(0,0,0,.2)" } }, [
      h("div", { cls: "next-balloon-title", attrs: { style: "font-weight:600;margin-bottom:6px" } }, ["新手引导"]), text,
      h("div", { attrs: { style: "display:flex;gap:8px;justify-content:flex-end;margin-top:10px" } }, [
        h("button", { cls: "next-btn next-btn-normal next-small next-btn-text", attrs: { type: "button" }, on: { click: close } }, ["跳过"]), next])
    ]));
    show();
    document.body.appendChild(wrap);
  }

  function mountRates() {
    var sw = query(location.search);
    if (sw.logged_out === "1") return qnLogin();
    document.title = "评价管理 - 千牛卖家中心";
    var main = qnShell("comment");
    if (sw.no_permission === "1") {
      noPermission(main);
      document.body.setAttribute("data-rg-loaded", String(Date.now()));
      return;
    }
    readRateUrl();
    els.tbody = h("tbody", { cls: "next-table-body" });
    els.tip = h("div", { cls: "next-loading-tip" }, ["加载中..."]);
    els.pager = h("div", { hc: ["pager"] });
    var thead = h("thead", { cls: "next-table-header" }, [h("tr", {}, ["评价内容", "评价人", "宝贝信息", "订单信息", "操作"].map(function (t) {
      return h("th", { cls: "next-table-header-node", attrs: { role: "columnheader" } }, [h("div", { cls: "next-table-cell-wrapper" }, [t])]);
    }))]);
    var colgroup = h("colgroup", {}, [42, 10, 22, 16, 10].map(function (w) { return h("col", { attrs: { style: "width:" + w + "%" } }); }));
    els.loading = h("div", { cls: "next-loading next-loading-wrap" }, [
      h("div", { hc: ["tableWrap"] }, [
        h("div", { cls: "next-table next-table-medium" }, [h("table", { attrs: { role: "table" } }, [colgroup, thead, els.tbody])])
      ]),
      els.tip
    ]);
    main.appendChild(h("div", { cls: "qn-card", hc: ["rateManage"], attrs: { "data-spm": "comment-manage" } }, [
      h("h2", { cls: "qn-title" }, ["评价管理"]),
      h("ul", { cls: "next-tabs-nav", attrs: { role: "tablist" } }, [
        h("li", { cls: "next-tabs-tab active", attrs: { role: "tab", "aria-selected": "true" } }, ["来自买家的评价"]),
        h("li", { cls: "next-tabs-tab", attrs: { role: "tab", "aria-selected": "false" }, on: { click: function () { toast("问大家：暂无待回答的问题", "notice"); } } }, ["问大家"])
      ]),
      renderFilters(),
      els.loading,
      els.pager
    ]));
    window.addEventListener("popstate", function () { readRateUrl(); renderFilters(); loadRates(); });
    if (!/[?&]nomodal=1/.test(location.search)) upgradePopup();
    if (sw.guide === "1") guideBalloon();
    setTimeout(loadRates, 150);
  }

  // ================================================================ 退款管理 (refund-list)
  function mountRefundList() {
    document.title = "退款管理 - 千牛卖家中心";
    var main = qnShell("refund");
    var state = { status: "", keyword: "" };
    var tbody = h("tbody", { cls: "next-table-body" });
    var tabs = h("ul", { cls: "next-tabs-nav", attrs: { role: "tablist" } }, []);
    var input = h("input", { cls: "next-input", attrs: { placeholder: "退款编号/订单编号/买家昵称", "aria-label": "搜索退款" } });
    function renderTabs() {
      tabs.replaceChildren.apply(tabs, [["", "全部"], ["待卖家处理", "待处理"], ["退款成功", "退款成功"], ["退款关闭", "退款关闭"]].map(function (t) {
        return h("li", { cls: "next-tabs-tab" + (state.status === t[0] ? " active" : ""), attrs: { role: "tab" }, on: { click: function () { state.status = t[0]; renderTabs(); load(); } } }, [t[1]]);
      }));
    }
    function load() {
      return getJSON(API + "refunds?status=" + enc(state.status) + "&keyword=" + enc(state.keyword)).then(function (res) {
        var rows = res.data.list.map(function (r) {
          return h("tr", { cls: "next-table-row", attrs: { role: "row", "data-refund-id": r.refundId } }, [
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, [h("div", {}, [r.itemTitle]), h("div", { cls: "item-sku" }, [r.sku])])]),
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, [h("span", { cls: "buyer-nick" }, [r.buyerNick])])]),
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, [
              h("div", {}, ["订单编号：", a(URLS.order(r.bizOrderId), r.bizOrderId, { cls: "order-id", blank: true })]),
              h("div", {}, ["退款编号：", h("span", { cls: "refund-id" }, [r.refundId])])
            ])]),
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, [r.refundType])]),
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, ["¥" + r.refundFee])]),
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, [r.reason])]),
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, [r.applyTime])]),
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, [h("span", { cls: "refund-status" }, [r.refundStatus])])]),
            h("td", { cls: "next-table-cell" }, [h("div", { cls: "next-table-cell-wrapper" }, [a(URLS.refund(r.bizOrderId, r.refundId), "查看详情", { cls: "refund-detail-link", blank: true })])])
          ]);
        });
        if (!rows.length) rows = [h("tr", {}, [h("td", { cls: "next-table-cell", attrs: { colspan: "9" } }, [h("div", { cls: "empty-state" }, ["暂无退款"])])])];
        tbody.replaceChildren.apply(tbody, rows);
        document.body.setAttribute("data-rg-loaded", String(Date.now()));
      });
    }
    renderTabs();
    var head = ["宝贝", "买家", "订单编号/退款编号", "退款类型", "退款金额", "退款原因", "申请时间", "退款状态", "操作"];
    main.appendChild(h("div", { cls: "qn-card", hc: ["refundList"], attrs: { "data-spm": "refund-list" } }, [
      h("h2", { cls: "qn-title" }, ["退款管理"]),
      tabs,
      h("div", { cls: "next-form-item" }, [input, h("button", { cls: "next-btn next-btn-primary", attrs: { type: "button" }, on: { click: function () { state.keyword = input.value.trim(); load(); } } }, ["搜索"])]),
      h("div", { cls: "next-loading next-loading-wrap" }, [h("div", {}, [h("div", { cls: "next-table next-table-medium" }, [
        h("table", { attrs: { role: "table" } }, [h("thead", { cls: "next-table-header" }, [h("tr", {}, head.map(function (t) { return h("th", {}, [t]); }))]), tbody])
      ])])])
    ]));
    setTimeout(load, 100);
  }

  // ================================================================ standalone pages (other hosts)
  function tradeShell(title) {
    document.title = title;
    var main = h("div", { cls: "trade-main", hc: ["tradeMain"] });
    document.getElementById("ice-container").appendChild(h("div", { hc: ["tradeApp"] }, [
      h("div", { cls: "trade-header", attrs: { "data-spm": "header" } }, [h("span", { cls: "logo" }, ["淘宝网"]), h("span", {}, [title])]),
      main
    ]));
    return main;
  }
  function notFound(main, text) {
    main.appendChild(h("div", { cls: "qn-card empty-state" }, [text]));
    document.body.setAttribute("data-rg-loaded", String(Date.now()));
  }
  function trackingList(events) {
    return h("ul", { cls: "logistics-list" }, events.map(function (e) {
      return h("li", { cls: "logistics-item" }, [h("span", { cls: "time" }, [e.time]), h("span", { cls: "text" }, [e.text])]);
    }));
  }

  function mountOrder() {
    var main = tradeShell("交易详情");
    var id = query(location.search).bizOrderId || "";
    getJSON(API + "order?bizOrderId=" + enc(id)).then(function (res) {
      if (!res.success) return notFound(main, "订单不存在或无权查看：" + id);
      var o = res.data;
      var steps = [["拍下商品", o.createTime], ["付款到支付宝", o.payTime], ["卖家发货", o.consignTime], ["确认收货", o.endTime], ["评价", null]];
      main.appendChild(h("div", { cls: "qn-card", hc: ["statusCard"] }, [
        h("div", {}, ["当前订单状态：", h("span", { cls: "trade-status" }, [o.status])]),
        h("div", { cls: "trade-steps" }, steps.map(function (s) {
          return h("div", { cls: "trade-step" + (s[1] ? " done" : "") }, [h("div", {}, [s[0]]), h("div", { cls: "time" }, [s[1] || ""])]);
        }))
      ]));
      main.appendChild(h("div", { cls: "qn-card", hc: ["orderInfo"], attrs: { "data-spm": "order-info" } }, [
        h("h3", { cls: "qn-title" }, ["订单信息"]),
        kv("订单编号", o.bizOrderId), kv("订单状态", o.status), kv("买家", o.buyerNick),
        kv("收货地址", o.receiver.name + "，" + o.receiver.phone + "，" + o.receiver.address),
        kv("创建时间", o.createTime), kv("付款时间", o.payTime), kv("发货时间", o.consignTime), kv("成交时间", o.endTime)
      ]));
      main.appendChild(h("div", { cls: "qn-card", hc: ["items"] }, [
        h("div", { cls: "next-table next-table-medium" }, [h("table", { attrs: { role: "table" } }, [
          h("thead", { cls: "next-table-header" }, [h("tr", {}, ["宝贝", "宝贝属性", "单价", "数量", "实付款"].map(function (t) { return h("th", {}, [t]); }))]),
          h("tbody", { cls: "next-table-body" }, [h("tr", { cls: "next-table-row" }, [
            h("td", { cls: "next-table-cell" }, [lazyImg(o.item.pic, "宝贝图片"), " ", h("a", { cls: "item-title", attrs: { href: o.item.link, target: "_blank" } }, [o.item.title]),
              h("div", { cls: "item-id" }, ["宝贝ID：", o.item.itemId])]),
            h("td", { cls: "next-table-cell item-sku" }, [o.sku.replace(/:/g, "：").replace(/;/g, "；")]),
            h("td", { cls: "next-table-cell" }, ["¥" + o.price]),
            h("td", { cls: "next-table-cell" }, [String(o.quantity)]),
            h("td", { cls: "next-table-cell" }, [h("span", { cls: "actual-fee" }, ["¥" + o.actualFee]), h("div", {}, ["（含运费：¥" + o.postFee + "）"])])
          ])])
        ])])
      ]));
      var lg = o.logistics;
      main.appendChild(h("div", { cls: "qn-card", hc: ["logistics"], attrs: { "data-spm": "logistics" } }, [
        h("h3", { cls: "qn-title" }, ["物流信息"]),
        kv("快递公司", lg.company), kv("运单号", lg.mailNo),
        trackingList(lg.events.slice(0, 3)),
        h("div", {}, [a(URLS.logistics(o.bizOrderId), "查看物流详情", { cls: "logistics-detail-link", blank: true })])
      ]));
      var more = [a(URLS.chat(o.bizOrderId, o.buyerNick), "查看聊天记录", { cls: "chat-history", blank: true })];
      o.refundIds.forEach(function (rid) { more.push(" | "); more.push(a(URLS.refund(o.bizOrderId, rid), "退款详情", { cls: "refund-detail-link", blank: true })); });
      main.appendChild(h("div", { cls: "qn-card", hc: ["more"] }, more));
      document.body.setAttribute("data-rg-loaded", String(Date.now()));
    });
  }

  function mountLogistics() {
    var main = tradeShell("物流详情");
    var id = query(location.search).trade_id || "";
    getJSON(API + "logistics?trade_id=" + enc(id)).then(function (res) {
      if (!res.success) return notFound(main, "未查询到物流信息：" + id);
      var l = res.data;
      main.appendChild(h("div", { cls: "qn-card", hc: ["wuliu"], attrs: { "data-spm": "wuliu" } }, [
        h("h3", { cls: "qn-title" }, ["物流详情"]),
        kv("订单编号", l.bizOrderId, a(URLS.order(l.bizOrderId), l.bizOrderId, { cls: "order-id" })),
        kv("宝贝", l.itemTitle), kv("物流公司", l.company), kv("运单号码", l.mailNo), kv("发货时间", l.consignTime),
        kv("物流状态", l.signTime ? "已签收" : "运输中"),
        trackingList(l.events)
      ]));
      document.body.setAttribute("data-rg-loaded", String(Date.now()));
    });
  }

  function mountChat() {
    document.title = "聊天记录查询";
    var main = tradeShell("聊天记录查询");
    var results = h("div", { cls: "qn-card", hc: ["imResult"] });
    var buyerInput = h("input", { cls: "next-input", attrs: { placeholder: "买家昵称", "aria-label": "买家昵称" } });
    var orderInput = h("input", { cls: "next-input", attrs: { placeholder: "订单编号", "aria-label": "订单编号" } });
    main.appendChild(h("div", { cls: "qn-card", hc: ["imSearch"] }, [
      h("div", { cls: "next-form-item" }, [h("label", {}, ["买家："]), buyerInput, h("label", {}, ["订单："]), orderInput,
        h("button", { cls: "next-btn next-btn-primary", attrs: { type: "button" }, on: { click: function () {
          location.hash = "#/?bizOrderId=" + enc(orderInput.value.trim()) + "&buyer=" + enc(buyerInput.value.trim());
        } } }, ["查询"])])
    ]));
    main.appendChild(results);
    function render() {
      var q = query(location.hash.replace(/^#\/?/, ""));
      buyerInput.value = q.buyer || ""; orderInput.value = q.bizOrderId || "";
      if (!q.buyer && !q.bizOrderId) {
        results.replaceChildren(h("div", { cls: "empty-state" }, ["请输入买家昵称或订单编号查询聊天记录"]));
        document.body.setAttribute("data-rg-loaded", String(Date.now()));
        return;
      }
      getJSON(API + "chat?bizOrderId=" + enc(q.bizOrderId || "") + "&buyer=" + enc(q.buyer || "")).then(function (res) {
        var c = res.data;
        var head = h("div", { cls: "im-head", hc: ["imHead"] }, [
          h("span", {}, ["买家：", h("span", { cls: "im-buyer-nick" }, [c.buyer || q.buyer || ""])]), "  ",
          c.bizOrderId ? h("span", {}, ["订单编号：", a(URLS.order(c.bizOrderId), c.bizOrderId, { cls: "order-id" })]) : null
        ]);
        var msgs = c.messages.length ? c.messages.map(function (m) {
          return h("div", { cls: "im-msg im-msg-" + m.from, attrs: { "data-from": m.from } }, [
            h("div", { cls: "im-msg-head" }, [h("span", { cls: "im-msg-nick" }, [m.nick]), "  ", h("span", { cls: "im-msg-time" }, [m.time])]),
            h("div", { cls: "im-msg-content" }, [m.text])
          ]);
        }) : [h("div", { cls: "empty-state" }, ["没有找到聊天记录"])];
        results.replaceChildren.apply(results, [head, h("div", { cls: "im-msg-list" }, msgs)]);
        document.body.setAttribute("data-rg-loaded", String(Date.now()));
      });
    }
    window.addEventListener("hashchange", render);
    render();
  }

  function mountRefundDetail() {
    var main = tradeShell("退款详情");
    var q = query(location.search);
    getJSON(API + "refund?bizOrderId=" + enc(q.bizOrderId || "") + "&refundId=" + enc(q.refundId || "")).then(function (res) {
      if (!res.success) return notFound(main, "未找到退款记录");
      var r = res.data;
      var card = h("div", { cls: "qn-card", hc: ["refundDetail"], attrs: { "data-spm": "refund-detail" } }, [
        h("h3", { cls: "qn-title" }, ["退款详情"]),
        kv("退款编号", r.refundId), kv("订单编号", r.bizOrderId, a(URLS.order(r.bizOrderId), r.bizOrderId, { cls: "order-id" })),
        kv("买家", r.buyerNick), kv("宝贝", r.itemTitle), kv("退款类型", r.refundType), kv("退款状态", r.refundStatus),
        kv("退款原因", r.reason), kv("退款金额", "¥" + r.refundFee), kv("实付金额", "¥" + r.actualFee), kv("申请时间", r.applyTime)
      ]);
      if (r.returnLogistics) card.appendChild(kv("退货物流", r.returnLogistics.company + " " + r.returnLogistics.mailNo));
      card.appendChild(h("h3", { cls: "qn-title" }, ["协商历史"]));
      card.appendChild(h("ul", { cls: "timeline" }, r.timeline.map(function (t) {
        return h("li", { cls: "timeline-item" }, [h("span", { cls: "time" }, [t.time]), h("span", { cls: "text" }, [t.text])]);
      })));
      main.appendChild(card);
      document.body.setAttribute("data-rg-loaded", String(Date.now()));
    });
  }

  // ---------------------------------------------------------------- router
  injectCss();
  var p = HERE.path;
  if (HERE.host === "trade.taobao.com") mountOrder();
  else if (HERE.host === "wuliu.taobao.com") mountLogistics();
  else if (HERE.host === "market.m.taobao.com") mountChat();
  else if (HERE.host === "refund2.taobao.com") mountRefundDetail();
  else if (/\/trade-platform\/refund-list/.test(p)) mountRefundList();
  else mountRates();
})();
