/* Review Guard mock of Douyin 抖店 评价管理: a small SPA that renders after the list XHR.
 *
 * Faithful to shared research seller-pages.md §1.6 where it matters to an adapter:
 * - CSS-Modules class names `style_<name>__<5 random chars>` regenerated on EVERY load, so an
 *   adapter that keys on them breaks immediately;
 * - stable hooks that real scrapers rely on: `auxo-*` component classes, `data-kora` tracking
 *   attributes, `data-row-key`, visible labels (`订单编号`, `ID:`, `规格：`, `追评`, `商家回复：`);
 * - Garfish-like micro-frontend container, notice modal on load, tabs that pushState, numbered
 *   pagination that REPLACES the row DOM, lazy `data-src` thumbnails, clamped text with 展开;
 * - test switches for the blocking states: `?guide=1`, `?no_permission=1`, `?session_expired=1`.
 * All text is set with textContent: the data contains hostile strings on purpose.
 */
(function () {
  "use strict";
  var BASE = window.__MOCK_BASE__ || "";
  var ASSETS = BASE + "/_mock/";
  /** A real fxg/im URL → an href that works here (under the companion's /mock/douyin/ the hosts are rewritten). */
  function link(url) {
    var m = /^https:\/\/(fxg|im)\.jinritemai\.com(\/.*)$/.exec(url);
    if (!m || !BASE) return url;
    return m[1] === "fxg" ? BASE + m[2] : BASE + "/im.jinritemai.com" + m[2];
  }
  var LIST_URL = BASE + "/product/tcomment/commentList";
  var PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";

  // ---------------------------------------------------------------- hashed CSS-module classes
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  var hashes = {};
  function rand(n) {
    var s = "";
    for (var i = 0; i < n; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
    return s;
  }
  /** `cx("commentContent")` → e.g. `style_commentContent__q3_Zk`, stable within one load only. */
  function cx(name) {
    if (!hashes[name]) hashes[name] = "style_" + name + "__" + rand(5);
    return hashes[name];
  }
  var CSS = {
    page: "padding:16px 24px;background:#f4f5f7;min-height:100vh;box-sizing:border-box",
    title: "font-size:20px;font-weight:600;margin:0 0 12px",
    stats: "display:flex;gap:12px;margin-bottom:12px",
    statCard: "flex:1;background:#fff;border-radius:8px;padding:12px 16px",
    statLabel: "color:#85878a;font-size:12px",
    statValue: "font-size:22px;font-weight:600;margin-top:4px",
    toolbar: "display:flex;gap:8px;align-items:center;background:#fff;padding:12px 16px;border-radius:8px 8px 0 0",
    filters: "display:flex;gap:8px;color:#55585c;font-size:12px;margin-right:auto",
    filterItem: "border:1px solid #dcdee1;border-radius:4px;padding:4px 8px;background:#fff",
    tableWrap: "background:#fff;padding:0 16px 16px;border-radius:0 0 8px 8px",
    commentItem: "display:flex;flex-direction:column;gap:6px;max-width:560px",
    userInfo: "display:flex;align-items:center;gap:8px;color:#55585c",
    userName: "font-weight:500;color:#252931",
    commentTime: "color:#85878a;font-size:12px",
    rates: "display:flex;gap:12px;align-items:center;font-size:12px;color:#55585c",
    commentContent: "color:#252931;line-height:20px;word-break:break-all",
    omitContent: "display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden",
    emptyContent: "color:#a9abad",
    imgList: "display:flex;gap:6px",
    thumbWrap: "position:relative;width:48px;height:48px",
    thumb: "width:48px;height:48px;border-radius:4px;object-fit:cover;background:#eee",
    tagRow: "display:flex;gap:4px;align-items:center;font-size:12px;color:#85878a",
    append: "background:#f7f8fa;border-radius:4px;padding:6px 8px;font-size:13px",
    appendTime: "color:#85878a;font-size:12px;margin-left:8px",
    reply: "background:#fff7e8;border-radius:4px;padding:6px 8px;font-size:13px",
    productItem: "display:flex;gap:8px;max-width:320px",
    productImg: "width:56px;height:56px;border-radius:4px",
    productMeta: "display:flex;flex-direction:column;gap:2px;font-size:12px;color:#55585c",
    productName: "color:#252931;font-size:13px;max-width:240px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis",
    actions: "display:flex;flex-direction:column;gap:6px;align-items:flex-start;min-width:120px",
    pager: "display:flex;justify-content:flex-end;margin-top:12px",
    guideMask: "position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:1010",
    guidePopover: "position:fixed;top:180px;left:50%;transform:translateX(-50%);z-index:1011;width:320px;background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 6px 16px rgba(0,0,0,.2)",
    guideFooter: "display:flex;gap:8px;align-items:center;justify-content:flex-end;margin-top:10px",
    guideCounter: "margin-right:auto;color:#85878a;font-size:12px",
    noAuth: "background:#fff;border-radius:8px;padding:64px 24px;text-align:center",
    empty: "text-align:center;color:#85878a;padding:32px"
  };
  // Stable auxo-* look (the real kit ships these globally).
  var AUXO_CSS = [
    "body{margin:0;font-family:'PingFang SC','WenQuanYi Micro Hei',sans-serif;font-size:14px;color:#252931}",
    ".layout-header{height:48px;display:flex;align-items:center;justify-content:space-between;padding:0 24px;background:#fff;border-bottom:1px solid #eee}",
    ".layout-logo{font-weight:700;color:#fe2c55}.layout-shop{display:flex;gap:12px;font-size:13px;color:#55585c}",
    ".layout-body{display:flex}.layout-menu{width:140px;background:#fff;padding:12px;font-size:13px;line-height:32px}",
    "#app_subContainer{flex:1}",
    ".auxo-tabs{display:flex;gap:24px;background:#fff;padding:0 16px;border-bottom:1px solid #eee;border-radius:8px 8px 0 0}",
    ".auxo-tabs-tab{padding:12px 0;cursor:pointer}.auxo-tabs-tab-active{color:#1966ff;border-bottom:2px solid #1966ff}",
    ".auxo-input{border:1px solid #dcdee1;border-radius:4px;padding:5px 8px;width:240px}",
    ".auxo-btn{border:1px solid #dcdee1;border-radius:4px;padding:5px 12px;background:#fff;cursor:pointer}",
    ".auxo-btn-primary{background:#1966ff;border-color:#1966ff;color:#fff}",
    ".auxo-table table{width:100%;border-collapse:collapse}.auxo-table-thead th{text-align:left;background:#f7f8fa;padding:10px 8px;font-weight:500;font-size:13px}",
    ".auxo-table-cell{padding:14px 8px;border-bottom:1px solid #eee;vertical-align:top}",
    ".auxo-tag{display:inline-block;font-size:12px;line-height:18px;padding:0 6px;border-radius:2px;background:#f2f3f5;color:#55585c}",
    ".auxo-tag-red{background:#ffece8;color:#f53f3f}.auxo-tag-orange{background:#fff3e8;color:#ff7d00}.auxo-tag-green{background:#e8ffea;color:#00b42a}",
    ".auxo-rate{display:inline-flex;list-style:none;margin:0;padding:0;gap:1px}.auxo-rate-star{color:#e5e6eb}.auxo-rate-star-full{color:#ffb400}",
    ".auxo-avatar{display:inline-flex;width:24px;height:24px;border-radius:50%;background:#c9cdd4;color:#fff;font-size:12px;align-items:center;justify-content:center}",
    ".auxo-typography-expand{color:#1966ff;cursor:pointer;margin-left:4px;font-size:12px}",
    ".auxo-btn-link{border:none;background:none;color:#1966ff;padding:0;cursor:pointer;font-size:13px;text-decoration:none}",
    ".auxo-pagination{display:flex;gap:6px;list-style:none;margin:0;padding:0;align-items:center}",
    ".auxo-pagination-item,.auxo-pagination-prev,.auxo-pagination-next{min-width:28px;height:28px;line-height:28px;text-align:center;border:1px solid #dcdee1;border-radius:4px;cursor:pointer}",
    ".auxo-pagination-item-active{border-color:#1966ff;color:#1966ff}.auxo-pagination-disabled{color:#c9cdd4;cursor:not-allowed}",
    ".anticon-play-circle{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;color:#fff;font-size:18px}",
    ".auxo-spin{padding:24px;text-align:center;color:#85878a}",
    ".auxo-result-title{font-size:20px;font-weight:600;margin-top:12px}.auxo-result-subtitle{color:#85878a;margin-top:8px}.auxo-result-extra{margin-top:20px}",
    ".auxo-popover-title{font-weight:600;margin-bottom:6px}.auxo-popover-inner-content{color:#55585c;line-height:20px}.auxo-btn-sm{padding:2px 10px;font-size:12px}.auxo-btn-text{border:none}",
    ".auxo-modal-mask{position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:1000}",
    ".auxo-modal-wrap{position:fixed;inset:0;z-index:1001;display:flex;align-items:flex-start;justify-content:center;padding-top:120px}",
    ".auxo-modal{width:420px;background:#fff;border-radius:8px;position:relative}",
    ".auxo-modal-header{padding:16px 20px 0;font-weight:600}.auxo-modal-body{padding:12px 20px;color:#55585c;line-height:22px}",
    ".auxo-modal-footer{padding:0 20px 16px;text-align:right}.auxo-modal-close{position:absolute;right:12px;top:12px;border:none;background:none;cursor:pointer;font-size:16px}"
  ].join("\n");

  function injectCss() {
    var rules = Object.keys(CSS).map(function (k) { return "." + cx(k) + "{" + CSS[k] + "}"; });
    var style = document.createElement("style");
    style.textContent = AUXO_CSS + "\n" + rules.join("\n");
    document.head.appendChild(style);
  }

  // ---------------------------------------------------------------- tiny DOM helper (textContent only)
  /** h("div", {cls:["commentItem"], auxo:"auxo-tag", attrs:{}}, children) */
  function h(tag, opts, children) {
    var el = document.createElement(tag);
    opts = opts || {};
    var classes = (opts.auxo ? opts.auxo.split(" ") : []).concat((opts.cls || []).map(cx));
    if (classes.length) el.className = classes.join(" ");
    Object.keys(opts.attrs || {}).forEach(function (k) { el.setAttribute(k, opts.attrs[k]); });
    if (opts.on) Object.keys(opts.on).forEach(function (k) { el.addEventListener(k, opts.on[k]); });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /** Unix seconds → `YYYY-MM-DD HH:mm:ss` in China time (UTC+8) regardless of the browser's zone. */
  function fmtTime(sec) {
    var d = new Date((sec + 8 * 3600) * 1000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
  }

  function stars(n) {
    var items = [];
    for (var i = 1; i <= 5; i++) {
      items.push(h("li", { auxo: "auxo-rate-star " + (i <= n ? "auxo-rate-star-full" : "auxo-rate-star-zero") }, ["★"]));
    }
    return h("ul", { auxo: "auxo-rate auxo-rate-disabled", attrs: { role: "radiogroup" } }, items);
  }

  var lazyObserver = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { e.target.src = e.target.getAttribute("data-src"); lazyObserver.unobserve(e.target); }
    });
  }) : null;
  function lazyImg(src, cls, alt) {
    var img = h("img", { cls: cls, attrs: { src: PLACEHOLDER, "data-src": ASSETS + src, alt: alt || "" } });
    if (lazyObserver) lazyObserver.observe(img); else img.src = ASSETS + src;
    return img;
  }

  var RANK_TAG = { 1: ["差评", "auxo-tag-red"], 2: ["差评", "auxo-tag-red"], 3: ["中评", "auxo-tag-orange"], 4: ["好评", "auxo-tag-green"], 5: ["好评", "auxo-tag-green"] };

  // ---------------------------------------------------------------- row
  function commentCell(c) {
    var tag = RANK_TAG[c.rank];
    var content;
    if (c.content) {
      var long = c.content.length > 60;
      content = h("div", { auxo: "auxo-typography", cls: long ? ["commentContent", "omitContent"] : ["commentContent"] }, [c.content]);
      if (long) {
        var toggle = h("a", { auxo: "auxo-typography-expand", attrs: { "data-kora": "展开评价" } }, ["展开"]);
        toggle.addEventListener("click", function () {
          var open = content.classList.toggle(cx("omitContent")) === false;
          toggle.textContent = open ? "收起" : "展开";
        });
        content.appendChild(toggle);
      }
    } else {
      content = h("div", { auxo: "auxo-typography auxo-typography-secondary", cls: ["commentContent", "emptyContent"] }, ["该用户未填写评价内容"]);
    }
    var media = null;
    if (c.photos.length || c.has_video) {
      var thumbs = c.photos.map(function (p) { return h("div", { cls: ["thumbWrap"] }, [lazyImg(p, ["thumb"], "买家图片")]); });
      if (c.has_video) {
        thumbs.push(h("div", { cls: ["thumbWrap"], attrs: { "data-kora": "播放视频" } }, [
          lazyImg("img/photo3.svg", ["thumb"], "买家视频"),
          h("span", { auxo: "anticon anticon-play-circle", attrs: { role: "img", "aria-label": "play-circle" } }, ["▶"])
        ]));
      }
      media = h("div", { cls: ["imgList"] }, thumbs);
    }
    var tags = c.tags.length ? h("div", { cls: ["tagRow"] }, [h("span", {}, ["评价标签："])].concat(
      c.tags.map(function (t) { return h("span", { auxo: "auxo-tag" }, [t]); }))) : null;
    var append = c.append_comment ? h("div", { cls: ["append"] }, [
      h("span", { auxo: "auxo-tag auxo-tag-orange" }, ["追评"]),
      h("span", { cls: ["appendTime"] }, [fmtTime(c.append_comment.comment_time)]),
      h("div", { auxo: "auxo-typography", cls: ["appendContent"] }, [c.append_comment.content])
    ]) : null;
    var reply = c.shop_reply ? h("div", { cls: ["reply"] }, [
      h("span", { cls: ["replyLabel"] }, ["商家回复："]),
      h("span", { auxo: "auxo-typography", cls: ["replyContent"] }, [c.shop_reply])
    ]) : null;
    return h("td", { auxo: "auxo-table-cell" }, [h("div", { cls: ["commentItem"] }, [
      h("div", { cls: ["userInfo"] }, [
        h("span", { auxo: "auxo-avatar auxo-avatar-circle" }, [c.user_name.charAt(0)]),
        h("span", { cls: ["userName"] }, [c.user_name]),
        h("span", { auxo: "auxo-tag " + tag[1], cls: ["rankTag"] }, [tag[0]]),
        h("span", { cls: ["commentTime"] }, [fmtTime(c.comment_time)])
      ]),
      h("div", { cls: ["rates"] }, [
        stars(c.rank),
        h("span", {}, ["商品评分 " + c.rank_product]),
        h("span", {}, ["物流评分 " + c.rank_logistics]),
        h("span", {}, ["服务评分 " + c.rank_service])
      ]),
      content, media, tags, append, reply
    ])]);
  }

  function productCell(c) {
    return h("td", { auxo: "auxo-table-cell" }, [h("div", { cls: ["productItem"] }, [
      lazyImg(c.product.img, ["productImg"], "商品图片"),
      h("div", { cls: ["productMeta"] }, [
        h("div", { auxo: "sp-tooltip", cls: ["productName"], attrs: { title: c.product.name } }, [c.product.name]),
        h("div", { cls: ["productId"] }, ["ID:" + c.product_id]),
        h("div", { cls: ["sku"] }, ["规格：" + c.sku]),
        h("div", { cls: ["payAmount"] }, ["实付金额：¥" + c.pay_amount]),
        h("div", { cls: ["orderId"] }, [h("span", {}, ["订单编号 "]), h("a", { cls: ["orderIdValue"],
          attrs: { href: link("https://fxg.jinritemai.com/ffa/morder/order/detail?id=" + c.order_id), target: "_blank", "data-kora": "订单详情" } }, [c.order_id])])
      ])
    ])]);
  }

  function actionCell(c) {
    return h("td", { auxo: "auxo-table-cell" }, [h("div", { cls: ["actions"] }, [
      h("button", { auxo: "auxo-btn auxo-btn-link", attrs: { "data-kora": "回复评价", type: "button" } }, [c.shop_reply ? "修改回复" : "回复"]),
      h("button", { auxo: "auxo-btn auxo-btn-link", attrs: { "data-kora": "申诉", type: "button" } }, ["申诉"]),
      h("a", { auxo: "auxo-btn auxo-btn-link", attrs: { "data-kora": "联系买家", href: link("https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id=" + c.order_id), target: "_blank" } }, ["联系买家"])
    ])]);
  }

  function row(c) {
    return h("tr", { auxo: "auxo-table-row auxo-table-row-level-0", attrs: { "data-row-key": c.id } },
      [commentCell(c), productCell(c), actionCell(c)]);
  }

  // ---------------------------------------------------------------- page
  var state = { rank: 0, page: 0, pageSize: 10, search: "", total: 0 };
  var els = {};

  function readUrl() {
    var m = /[?&]rank=(\d)/.exec(location.search);
    state.rank = m ? Number(m[1]) : 0;
  }

  function tabs() {
    var labels = [["全部", 0], ["差评", 1], ["中评", 2], ["好评", 3]];
    els.tabs = h("div", { auxo: "auxo-tabs", attrs: { role: "tablist" } }, labels.map(function (l) {
      return h("div", { auxo: "auxo-tabs-tab" + (state.rank === l[1] ? " auxo-tabs-tab-active" : ""), attrs: { "data-kora": "评价tab_" + l[0] },
        on: { click: function () { switchTab(l[1]); } } }, [h("div", { auxo: "auxo-tabs-tab-btn", attrs: { role: "tab" } }, [l[0]])]);
    }));
    return els.tabs;
  }

  function switchTab(rank) {
    // The real page is a SPA: changing tabs pushes a URL without reloading.
    history.pushState({ rank: rank }, "", location.pathname + (rank ? "?rank=" + rank : "") + location.hash);
    readUrl();
    state.page = 0;
    els.tabs.replaceWith(tabs());
    load();
  }

  function pagination() {
    var pages = Math.max(1, Math.ceil(state.total / state.pageSize));
    var items = [h("li", { auxo: "auxo-pagination-prev" + (state.page === 0 ? " auxo-pagination-disabled" : ""), attrs: { title: "上一页" },
      on: { click: function () { if (state.page > 0) { state.page--; load(); } } } }, ["‹"])];
    for (var p = 0; p < pages; p++) {
      (function (p) {
        items.push(h("li", { auxo: "auxo-pagination-item auxo-pagination-item-" + (p + 1) + (p === state.page ? " auxo-pagination-item-active" : ""),
          attrs: { title: String(p + 1) }, on: { click: function () { state.page = p; load(); } } }, [h("a", {}, [String(p + 1)])]));
      })(p);
    }
    items.push(h("li", { auxo: "auxo-pagination-next" + (state.page >= pages - 1 ? " auxo-pagination-disabled" : ""), attrs: { title: "下一页" },
      on: { click: function () { if (state.page < pages - 1) { state.page++; load(); } } } }, ["›"]));
    var select = h("select", { auxo: "auxo-select", attrs: { "aria-label": "每页条数" },
      on: { change: function (e) { state.pageSize = Number(e.target.value); state.page = 0; load(); } } },
      [10, 20, 50].map(function (n) {
        var o = h("option", { attrs: { value: String(n) } }, [n + " 条/页"]);
        if (n === state.pageSize) o.selected = true;
        return o;
      }));
    items.push(h("li", { auxo: "auxo-pagination-options" }, [select]));
    items.unshift(h("li", { auxo: "auxo-pagination-total-text" }, ["共 " + state.total + " 条"]));
    return h("ul", { auxo: "auxo-pagination" }, items);
  }

  function load() {
    els.spin.textContent = "加载中…";
    var q = "?rank=" + state.rank + "&page=" + state.page + "&pageSize=" + state.pageSize +
      (state.search ? "&content_search=" + encodeURIComponent(state.search) : "") +
      // Test switch: the mock's list API answers "session expired" (a real session simply times out).
      (SWITCHES.session_expired ? "&session_expired=1" : "");
    return fetch(LIST_URL + q, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (body) {
      if (body.code === SESSION_EXPIRED) return sessionExpired(body.msg);
      state.total = body.total;
      els.spin.textContent = "";
      if (body.shop) {
        document.querySelector(".layout-shop-name").textContent = body.shop.name;
        document.querySelector(".layout-shop-id").textContent = "店铺ID：" + body.shop.id;
      }
      if (body.stats && !els.statsFilled) fillStats(body.stats);
      // A page change replaces every row node, like the real table (no reuse, no infinite scroll).
      els.tbody.replaceChildren.apply(els.tbody, body.data.length ? body.data.map(row) :
        [h("tr", { auxo: "auxo-table-placeholder" }, [h("td", { auxo: "auxo-table-cell", cls: ["empty"], attrs: { colspan: "3" } }, ["暂无数据"])])]);
      els.pager.replaceChildren(pagination());
    });
  }

  function fillStats(s) {
    els.statsFilled = true;
    [["近30天好评率", s.good_rate], ["近30天中评率", s.mid_rate], ["近30天差评率", s.bad_rate], ["未回复差评", String(s.unreplied_bad)]].forEach(function (x) {
      els.stats.appendChild(h("div", { cls: ["statCard"], attrs: { "data-kora": "数据卡片_" + x[0] } }, [
        h("div", { cls: ["statLabel"] }, [x[0]]), h("div", { cls: ["statValue"] }, [x[1]])]));
    });
  }

  function noticeModal() {
    var root = h("div", { auxo: "auxo-modal-root" });
    function close() { root.remove(); }
    root.appendChild(h("div", { auxo: "auxo-modal-mask" }));
    root.appendChild(h("div", { auxo: "auxo-modal-wrap", attrs: { role: "dialog", tabindex: "-1" } }, [
      h("div", { auxo: "auxo-modal" }, [h("div", { auxo: "auxo-modal-content" }, [
        h("button", { auxo: "auxo-modal-close", attrs: { type: "button", "aria-label": "Close" }, on: { click: close } },
          [h("span", { auxo: "auxo-modal-close-x" }, ["×"])]),
        h("div", { auxo: "auxo-modal-header" }, [h("div", { auxo: "auxo-modal-title" }, ["新功能引导"])]),
        h("div", { auxo: "auxo-modal-body" }, ["评价管理升级：支持按差评标签筛选，并可在举报中心对异常评价发起举报。"]),
        h("div", { auxo: "auxo-modal-footer" }, [h("button", { auxo: "auxo-btn auxo-btn-primary", attrs: { type: "button", "data-kora": "新功能引导_知道了" }, on: { click: close } }, [h("span", {}, ["知道了"])])])
      ])])
    ]));
    document.body.appendChild(root);
  }

  // ---------------------------------------------------------------- blocking states (test switches)
  // `?guide=1` a 新功能引导 step guide (popover + mask) over the list; `?no_permission=1` the 无权限 page
  // of a sub-account without 评价管理; `?session_expired=1` the list XHR answers a session-expired code
  // and the SPA sends the seller to /login/common (seller-pages.md §0 rule 4, §1.6 behaviours, §8.5).
  var SWITCHES = (function () {
    var out = {};
    location.search.replace(/^\?/, "").split("&").forEach(function (kv) { if (kv) out[kv.split("=")[0]] = kv.split("=")[1] || ""; });
    return { guide: out.guide === "1", no_permission: out.no_permission === "1", session_expired: out.session_expired === "1" };
  })();
  var SESSION_EXPIRED = 10008;

  function guidePopover() {
    var steps = [
      ["新功能引导", "「差评标签」筛选上线：按物流、质量、服务快速定位差评。"],
      ["新功能引导", "异常评价可在「举报中心」发起举报，处理进度在举报记录中查看。"]
    ];
    var i = 0;
    var root = h("div", { attrs: { "data-kora": "新功能引导" } });
    var title = h("div", { auxo: "auxo-popover-title" });
    var body = h("div", { auxo: "auxo-popover-inner-content" });
    var counter = h("span", { cls: ["guideCounter"] });
    var next = h("button", { auxo: "auxo-btn auxo-btn-primary auxo-btn-sm", attrs: { type: "button" } });
    function close() { root.remove(); }
    function show() {
      title.textContent = steps[i][0];
      body.textContent = steps[i][1];
      counter.textContent = (i + 1) + "/" + steps.length;
      next.replaceChildren(h("span", {}, [i === steps.length - 1 ? "知道了" : "下一步"]));
    }
    next.addEventListener("click", function () { if (i === steps.length - 1) close(); else { i++; show(); } });
    root.appendChild(h("div", { cls: ["guideMask"] }));
    root.appendChild(h("div", { auxo: "auxo-popover auxo-popover-placement-bottom", cls: ["guidePopover"], attrs: { role: "tooltip" } }, [
      h("div", { auxo: "auxo-popover-content" }, [h("div", { auxo: "auxo-popover-inner", attrs: { role: "tooltip" } }, [
        title, body,
        h("div", { cls: ["guideFooter"] }, [counter,
          h("button", { auxo: "auxo-btn auxo-btn-text auxo-btn-sm", attrs: { type: "button" }, on: { click: close } }, [h("span", {}, ["跳过"])]),
          next])
      ])])
    ]));
    show();
    document.body.appendChild(root);
  }

  /** The 无权限 page a sub-account without the 评价管理 permission gets (no table, no XHR). */
  function noPermissionPage(host) {
    host.appendChild(h("div", { cls: ["page"] }, [h("div", { auxo: "auxo-result auxo-result-403", cls: ["noAuth"] }, [
      h("div", { auxo: "auxo-result-icon" }, [h("img", { attrs: { src: ASSETS + "img/zz.svg", alt: "", width: "120" } })]),
      h("div", { auxo: "auxo-result-title" }, ["暂无权限"]),
      h("div", { auxo: "auxo-result-subtitle" }, ["暂无权限访问该页面，请联系主账号开通权限"]),
      h("div", { auxo: "auxo-result-extra" }, [h("a", { auxo: "auxo-btn auxo-btn-primary", attrs: { href: link("https://fxg.jinritemai.com/ffa/mshop/homepage/index") } }, ["返回首页"])])
    ])]));
  }

  /** The list XHR said the session expired: a modal says so, then the SPA goes to the login page. */
  function sessionExpired(msg) {
    els.spin.textContent = "";
    var root = h("div", { auxo: "auxo-modal-root" });
    var target = BASE + "/login/common?extra=" + encodeURIComponent(JSON.stringify({ target_url: location.href }));
    function go() { location.href = target; }
    root.appendChild(h("div", { auxo: "auxo-modal-mask" }));
    root.appendChild(h("div", { auxo: "auxo-modal-wrap auxo-modal-confirm", attrs: { role: "dialog", tabindex: "-1" } }, [
      h("div", { auxo: "auxo-modal" }, [h("div", { auxo: "auxo-modal-content" }, [
        h("div", { auxo: "auxo-modal-header" }, [h("div", { auxo: "auxo-modal-title" }, ["登录已过期"])]),
        h("div", { auxo: "auxo-modal-body" }, [msg || "登录状态已失效，请重新登录"]),
        h("div", { auxo: "auxo-modal-footer" }, [h("button", { auxo: "auxo-btn auxo-btn-primary", attrs: { type: "button" }, on: { click: go } }, [h("span", {}, ["重新登录"])])])
      ])])
    ]));
    document.body.appendChild(root);
    setTimeout(go, 1200);
  }

  function mount() {
    injectCss();
    readUrl();
    var host = document.getElementById("__LOAD_comment_APP_DOM__");
    if (SWITCHES.no_permission) {
      document.title = "抖店 - 暂无权限";
      noPermissionPage(host);
      return;
    }
    var app = h("div", { attrs: { id: "garfish_app_for_comment_" + rand(6).replace(/[_-]/g, "x") } });
    els.stats = h("div", { cls: ["stats"] });
    els.search = h("input", { auxo: "auxo-input", attrs: { placeholder: "商品编号/订单编号/商品名称", "data-kora": "评价搜索" } });
    els.tbody = h("tbody", { auxo: "auxo-table-tbody" });
    els.spin = h("div", { auxo: "auxo-spin" });
    els.pager = h("div", { cls: ["pager"] });
    app.appendChild(h("div", { cls: ["page"] }, [
      h("h1", { cls: ["title"] }, ["评价管理"]),
      els.stats,
      tabs(),
      h("div", { cls: ["toolbar"] }, [
        h("div", { cls: ["filters"] }, ["回复状态：全部", "申诉/举报状态：全部", "是否有内容：全部", "差评标签：全部", "评价时间：近30天"].map(function (t) {
          return h("span", { cls: ["filterItem"] }, [t]);
        })),
        h("span", { auxo: "auxo-input-affix-wrapper" }, [els.search]),
        h("button", { auxo: "auxo-btn auxo-btn-primary", attrs: { type: "button", "data-kora": "评价查询" },
          on: { click: function () { state.search = els.search.value.trim(); state.page = 0; load(); } } }, [h("span", {}, ["查询"])])
      ]),
      h("div", { cls: ["tableWrap"] }, [h("div", { auxo: "auxo-spin-nested-loading" }, [els.spin, h("div", { auxo: "auxo-spin-container" }, [
        h("div", { auxo: "auxo-table auxo-table-middle" }, [h("table", {}, [
          h("thead", { auxo: "auxo-table-thead" }, [h("tr", {}, [h("th", {}, ["评价内容"]), h("th", {}, ["商品信息"]), h("th", {}, ["操作"])])]),
          els.tbody
        ])])
      ])]), els.pager])
    ]));
    host.appendChild(app);
    window.addEventListener("popstate", function () { readUrl(); state.page = 0; els.tabs.replaceWith(tabs()); load(); });
    if (!/[?&]nomodal=1/.test(location.search)) noticeModal();
    if (SWITCHES.guide) guidePopover();
    // The real SPA renders 0.5–3 s after route entry; a short delay keeps e2e fast but still async.
    setTimeout(load, 150);
  }

  mount();
})();
