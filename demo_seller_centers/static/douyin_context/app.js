/* Review Guard mock of Douyin 抖店 context pages (one SPA, page chosen from host + path):
 * 订单详情 (+ 物流详情 drawer), 物流详情 route, 售后工作台 list + detail, 飞鸽 workspace.
 *
 * Faithful to shared research seller-pages.md §1 where it matters to an adapter:
 * - CSS-Modules class names `style_<name>__<5 random chars>` regenerated on EVERY load;
 * - stable hooks: `auxo-*` component classes, `data-kora` attributes (`data-kora="查看敏感信息"`),
 *   `data-kora_order_status`, the 飞鸽 classes `.messageList`, `.msgItemWrap`, `.messageNotMe`,
 *   `textarea[data-qa-id="qa-send-message-textarea"]`, and visible labels (`订单编号`, `下单时间` …);
 * - Garfish-like micro-frontend container on fxg pages; renders after an XHR;
 * - test switch `?no_permission=1`: the 无权限 page instead of the record (blocking states, §8.5).
 * Every dynamic text goes through textContent (the data has hostile strings on purpose); no innerHTML.
 */
(function () {
  "use strict";
  var BASE = window.__DY_CTX_BASE__ || "";
  var ASSETS = BASE + "/_ctx/";
  var API = ASSETS + "api/";
  var FXG = "fxg.jinritemai.com", IM = "im.jinritemai.com";
  // The mock's clock for "会话超过7天不可回复" (the data is fixed in late November 2026).
  var NOW = Date.UTC(2026, 10, 26, 4, 0, 0);

  var HERE = (function () {
    var p = location.pathname;
    if (!BASE) return { host: location.hostname, path: p };
    var rel = p.slice(BASE.length + 1);
    if (rel.indexOf(IM + "/") === 0) return { host: IM, path: "/" + rel.slice(IM.length + 1) };
    return { host: FXG, path: "/" + rel };
  })();

  /** A real URL → an href that works here (under /mock/douyin/ the fxg/im hosts are rewritten). */
  function link(url) {
    var m = /^https:\/\/([^/]+)(\/[^#]*)?(#.*)?$/.exec(url);
    if (!m) return url;
    var host = m[1], rest = (m[2] || "/") + (m[3] || "");
    if (!BASE) return url;
    if (host === FXG) return BASE + rest;
    if (host === IM) return BASE + "/" + IM + rest;
    return url;
  }
  var enc = encodeURIComponent;
  var URLS = {
    comment: function () { return "https://" + FXG + "/ffa/maftersale/comment"; },
    orderList: function () { return "https://" + FXG + "/ffa/morder/order/list"; },
    // Inferred URL patterns (seller-pages.md §1.1 found no order-detail or logistics URL).
    order: function (id) { return "https://" + FXG + "/ffa/morder/order/detail?id=" + id; },
    logistics: function (id) { return "https://" + FXG + "/ffa/morder/logistics/detail?order_id=" + id; },
    aftersaleList: function () { return "https://" + FXG + "/ffa/merchant-aftersale-workbench/aftersale/list"; },
    aftersale: function (id) { return "https://" + FXG + "/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id=" + id; },
    chat: function (id) { return "https://" + IM + "/pc_seller_v2/main/workspace" + (id ? "?order_id=" + id : ""); }
  };

  // ---------------------------------------------------------------- hashed CSS-module classes + DOM helper
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  function rand(n) { var s = ""; for (var i = 0; i < n; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]; return s; }
  var hashes = {};
  function cx(name) { if (!hashes[name]) hashes[name] = "style_" + name + "__" + rand(5); return hashes[name]; }
  /** h("div", {auxo: "auxo-tag", cls: ["infoItem"], raw: "messageList", attrs, on}, children) */
  function h(tag, opts, children) {
    var el = document.createElement(tag);
    opts = opts || {};
    var classes = (opts.raw ? opts.raw.split(" ") : []).concat(opts.auxo ? opts.auxo.split(" ") : []).concat((opts.cls || []).map(cx));
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
    return h("a", { auxo: opts.auxo || "auxo-btn auxo-btn-link", cls: opts.cls, attrs: attrs }, [text]);
  }
  function query(str) {
    var out = {};
    (str || "").replace(/^\?/, "").split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("=");
      out[decodeURIComponent(i < 0 ? kv : kv.slice(0, i))] = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
    });
    return out;
  }
  function getJSON(url) { return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }); }
  function loaded() { document.body.setAttribute("data-rg-loaded", String(Date.now())); }
  function message(text, type) {
    var el = h("div", { auxo: "auxo-message" }, [h("div", { auxo: "auxo-message-notice" }, [
      h("div", { auxo: "auxo-message-notice-content" }, [h("div", { auxo: "auxo-message-custom-content auxo-message-" + (type || "info") }, [h("span", {}, [text])])])
    ])]);
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 2500);
  }
  /** `<div class=style_infoItem__x><span class=style_infoLabel__x>订单编号</span><span class=style_infoValue__x>…</span></div>` */
  function info(label, value, extra) {
    return h("div", { cls: ["infoItem"] }, [
      h("span", { cls: ["infoLabel"] }, [label]),
      h("span", { cls: ["infoValue"] }, [value === null || value === undefined || value === "" ? "-" : String(value)]),
      extra || null
    ]);
  }
  function timeline(events, withLocation) {
    return h("ul", { auxo: "auxo-timeline" }, events.map(function (e, i) {
      return h("li", { auxo: "auxo-timeline-item" + (i === 0 ? " auxo-timeline-item-active" : "") }, [
        h("div", { auxo: "auxo-timeline-item-tail" }), h("div", { auxo: "auxo-timeline-item-head auxo-timeline-item-head-" + (i === 0 ? "blue" : "gray") }),
        h("div", { auxo: "auxo-timeline-item-content" }, [
          h("div", { cls: ["eventTime"] }, [e.time]),
          h("div", { cls: ["eventText"] }, [e.text]),
          withLocation && e.location ? h("div", { cls: ["eventLocation"] }, [e.location]) : null
        ])
      ]);
    }));
  }

  var CSS = {
    page: "padding:16px 24px;background:#f4f5f7;min-height:calc(100vh - 48px);box-sizing:border-box",
    title: "font-size:20px;font-weight:600;margin:0 0 12px",
    card: "background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:12px",
    cardTitle: "font-size:15px;font-weight:600;margin:0 0 10px",
    statusCard: "background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:12px;display:flex;align-items:center;gap:16px",
    statusText: "font-size:20px;font-weight:600;color:#1966ff",
    infoGrid: "display:grid;grid-template-columns:repeat(3,1fr);gap:8px 24px",
    infoItem: "display:flex;gap:8px;font-size:13px;line-height:22px",
    infoLabel: "color:#85878a;min-width:70px",
    infoValue: "color:#252931;word-break:break-all",
    productItem: "display:flex;gap:8px",
    productImg: "width:56px;height:56px;border-radius:4px",
    productMeta: "display:flex;flex-direction:column;gap:2px;font-size:12px;color:#55585c",
    productName: "color:#252931;font-size:13px",
    eventTime: "color:#85878a;font-size:12px",
    eventText: "color:#252931;font-size:13px",
    eventLocation: "color:#a9abad;font-size:12px",
    toolbar: "display:flex;gap:8px;align-items:center;margin-bottom:12px",
    empty: "text-align:center;color:#85878a;padding:40px",
    links: "display:flex;gap:16px",
    imApp: "display:flex;height:100vh;background:#f4f5f7",
    imNav: "width:64px;background:#1f2329;color:#fff;display:flex;flex-direction:column;align-items:center;padding-top:16px;gap:16px;font-size:12px",
    imConvCol: "width:280px;background:#fff;border-right:1px solid #eee;display:flex;flex-direction:column",
    imSearch: "padding:12px;border-bottom:1px solid #eee",
    convItem: "display:flex;gap:8px;padding:10px 12px;cursor:pointer;border-bottom:1px solid #f2f3f5",
    convItemActive: "background:#e8f0ff",
    convMeta: "flex:1;min-width:0;font-size:12px;color:#85878a",
    convNick: "color:#252931;font-size:14px;display:flex;justify-content:space-between",
    convLast: "white-space:nowrap;overflow:hidden;text-overflow:ellipsis",
    imChat: "flex:1;display:flex;flex-direction:column;min-width:0",
    imChatHeader: "height:48px;background:#fff;border-bottom:1px solid #eee;display:flex;align-items:center;padding:0 16px;font-weight:600",
    msgAvatar: "width:32px;height:32px;border-radius:50%",
    msgBody: "display:flex;flex-direction:column;gap:4px;max-width:60%",
    msgHead: "font-size:12px;color:#85878a",
    msgTime: "margin-left:8px",
    msgBubble: "background:#fff;border-radius:8px;padding:8px 12px;font-size:14px;line-height:20px;white-space:pre-wrap;word-break:break-all",
    msgBubbleMe: "background:#d6e4ff",
    imInputArea: "background:#fff;border-top:1px solid #eee;padding:8px 16px",
    imTextarea: "width:100%;height:80px;border:none;outline:none;resize:none;font-size:14px",
    imClosed: "color:#85878a;font-size:12px;padding:4px 0",
    imSide: "width:300px;background:#fff;border-left:1px solid #eee;padding:16px;font-size:13px"
  };
  var GLOBAL_CSS = [
    "body{margin:0;font-family:'PingFang SC','WenQuanYi Micro Hei',sans-serif;font-size:14px;color:#252931}",
    ".layout-header{height:48px;display:flex;align-items:center;justify-content:space-between;padding:0 24px;background:#fff;border-bottom:1px solid #eee}",
    ".layout-logo{font-weight:700;color:#fe2c55}.layout-shop{display:flex;gap:12px;font-size:13px;color:#55585c}",
    ".layout-body{display:flex}.layout-menu{width:140px;background:#fff;padding:12px;font-size:13px;line-height:32px}",
    ".layout-menu a{display:block;color:#252931;text-decoration:none}.layout-menu a.active{color:#1966ff}",
    "#app_subContainer{flex:1}",
    ".auxo-btn{border:1px solid #dcdee1;border-radius:4px;padding:5px 12px;background:#fff;cursor:pointer;font-size:13px}",
    ".auxo-btn-primary{background:#1966ff;border-color:#1966ff;color:#fff}",
    ".auxo-btn-link{border:none;background:none;color:#1966ff;padding:0;cursor:pointer;text-decoration:none}",
    ".auxo-input{border:1px solid #dcdee1;border-radius:4px;padding:5px 8px;width:240px;box-sizing:border-box}",
    ".auxo-tag{display:inline-block;font-size:12px;line-height:18px;padding:0 6px;border-radius:2px;background:#f2f3f5;color:#55585c}",
    ".auxo-tag-blue{background:#e8f3ff;color:#1966ff}.auxo-tag-green{background:#e8ffea;color:#00b42a}.auxo-tag-orange{background:#fff3e8;color:#ff7d00}",
    ".auxo-table table{width:100%;border-collapse:collapse}.auxo-table-thead th{text-align:left;background:#f7f8fa;padding:10px 8px;font-weight:500;font-size:13px}",
    ".auxo-table-cell{padding:12px 8px;border-bottom:1px solid #eee;vertical-align:top;font-size:13px}",
    ".auxo-tabs{display:flex;gap:24px;border-bottom:1px solid #eee;margin-bottom:12px}.auxo-tabs-tab{padding:10px 0;cursor:pointer}",
    ".auxo-tabs-tab-active{color:#1966ff;border-bottom:2px solid #1966ff}",
    ".auxo-timeline{list-style:none;margin:0;padding:0}.auxo-timeline-item{position:relative;padding:0 0 14px 20px}",
    ".auxo-timeline-item-tail{position:absolute;left:4px;top:10px;bottom:0;border-left:2px solid #eee}",
    ".auxo-timeline-item-head{position:absolute;left:0;top:4px;width:10px;height:10px;border-radius:50%;background:#c9cdd4}",
    ".auxo-timeline-item-head-blue{background:#1966ff}",
    ".auxo-drawer{position:fixed;inset:0;z-index:1000}.auxo-drawer-mask{position:absolute;inset:0;background:rgba(0,0,0,.45)}",
    ".auxo-drawer-content-wrapper{position:absolute;right:0;top:0;bottom:0;width:480px;background:#fff;overflow:auto}",
    ".auxo-drawer-header{padding:16px 20px;border-bottom:1px solid #eee;font-weight:600;display:flex;justify-content:space-between}",
    ".auxo-drawer-body{padding:16px 20px}.auxo-drawer-close{border:none;background:none;cursor:pointer;font-size:16px}",
    ".auxo-message{position:fixed;top:24px;left:0;right:0;text-align:center;z-index:2000}",
    ".auxo-message-custom-content{display:inline-block;background:#fff;padding:8px 16px;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.15)}",
    ".messageList{flex:1;overflow:auto;padding:16px;display:flex;flex-direction:column;gap:12px}",
    ".msgItemWrap{display:flex}.messageNotMe{display:flex;gap:8px}.messageIsMe{display:flex;gap:8px;flex-direction:row-reverse;margin-left:auto}",
    ".messageSystem{margin:0 auto;color:#85878a;font-size:12px;background:#eceef0;border-radius:10px;padding:2px 10px}"
  ].join("\n");
  function injectCss() {
    var style = document.createElement("style");
    style.textContent = GLOBAL_CSS + "\n" + Object.keys(CSS).map(function (k) { return "." + cx(k) + "{" + CSS[k] + "}"; }).join("\n");
    document.head.appendChild(style);
  }

  // ---------------------------------------------------------------- fxg shell (header, menu, Garfish container)
  function fxgShell(app, active, title) {
    document.title = "抖店 - " + title;
    var menu = h("div", { raw: "layout-menu" }, [
      ["订单管理", URLS.orderList(), "order"], ["售后工作台", URLS.aftersaleList(), "aftersale"], ["评价管理", URLS.comment(), "comment"]
    ].map(function (m) {
      return a(m[1], m[0], { auxo: m[2] === active ? "active" : "", attrs: { "data-url": m[1].replace("https://" + FXG, "") } });
    }));
    var garfish = h("div", { attrs: { id: "garfish_app_for_" + app + "_" + rand(6).replace(/[_-]/g, "x") } });
    var page = h("div", { cls: ["page"] }, [h("h1", { cls: ["title"] }, [title])]);
    garfish.appendChild(page);
    document.getElementById("root").appendChild(h("div", {}, [
      h("div", { raw: "layout-header", attrs: { "data-kora": "顶部导航" } }, [
        h("span", { raw: "layout-logo" }, ["抖店"]), h("span", { raw: "layout-shop", attrs: { id: "rg-shop" } }, [
          h("span", { raw: "layout-shop-name", attrs: { "data-kora": "店铺名称" } }), h("span", { raw: "layout-shop-id", attrs: { "data-kora": "店铺ID" } })])
      ]),
      h("div", { raw: "layout-body" }, [menu, h("div", { attrs: { id: "app_subContainer" } }, [
        h("div", { raw: "load_app_container", attrs: { id: "__LOAD_" + app + "_APP_DOM__" } }, [garfish])
      ])])
    ]));
    return page;
  }
  function emptyState(page, text) { page.appendChild(h("div", { cls: ["card", "empty"] }, [text])); loaded(); }

  // ================================================================ 订单详情
  function mountOrder() {
    var page = fxgShell("order", "order", "订单详情");
    var id = query(location.search).id || query(location.search).order_id || "";
    getJSON(API + "order?id=" + enc(id)).then(function (res) {
      if (res.code !== 0) return emptyState(page, "订单不存在或无权限查看：" + id);
      var o = res.data;
      page.appendChild(h("div", { cls: ["statusCard"] }, [
        h("span", { cls: ["infoLabel"] }, ["订单状态"]),
        h("span", { cls: ["statusText"], attrs: { "data-kora_order_status": o.status } }, [o.status]),
        h("span", { auxo: "auxo-tag auxo-tag-blue" }, [o.sign_time ? "已签收" : "运输中"])
      ]));
      var copyBtn = h("button", { auxo: "auxo-btn auxo-btn-link", attrs: { type: "button", "data-kora": "复制订单编号" },
        on: { click: function () { message("复制成功", "success"); } } }, ["复制"]);
      page.appendChild(h("div", { cls: ["card"], attrs: { "data-kora": "订单信息" } }, [
        h("div", { cls: ["cardTitle"] }, ["订单信息"]),
        h("div", { cls: ["infoGrid"] }, [
          info("订单编号", o.order_id, copyBtn), info("主订单编号", o.shop_order_id), info("买家昵称", o.buyer_nick),
          info("下单时间", o.order_time), info("支付时间", o.pay_time), info("发货时间", o.ship_time),
          info("签收时间", o.sign_time), info("完成时间", o.finish_time), info("支付方式", "抖音支付")
        ])
      ]));
      page.appendChild(h("div", { cls: ["card"], attrs: { "data-kora": "商品信息" } }, [
        h("div", { cls: ["cardTitle"] }, ["商品信息"]),
        h("div", { auxo: "auxo-table auxo-table-middle" }, [h("table", {}, [
          h("thead", { auxo: "auxo-table-thead" }, [h("tr", {}, ["商品", "规格", "单价", "数量", "实付金额"].map(function (t) { return h("th", {}, [t]); }))]),
          h("tbody", { auxo: "auxo-table-tbody" }, [h("tr", { auxo: "auxo-table-row", attrs: { "data-row-key": o.order_id } }, [
            h("td", { auxo: "auxo-table-cell" }, [h("div", { cls: ["productItem"] }, [
              h("img", { cls: ["productImg"], attrs: { src: ASSETS + o.product.img, alt: "商品图片" } }),
              h("div", { cls: ["productMeta"] }, [h("div", { cls: ["productName"], attrs: { title: o.product.name } }, [o.product.name]),
                h("div", { cls: ["productId"] }, ["商品ID：" + o.product.id])])
            ])]),
            h("td", { auxo: "auxo-table-cell" }, [h("span", { cls: ["sku"] }, [o.sku])]),
            h("td", { auxo: "auxo-table-cell" }, ["¥" + o.price]),
            h("td", { auxo: "auxo-table-cell" }, [String(o.quantity)]),
            h("td", { auxo: "auxo-table-cell" }, [h("span", { cls: ["payAmount"] }, ["¥" + o.pay_amount]), h("div", { cls: ["eventTime"] }, ["运费 ¥" + o.freight])])
          ])])
        ])])
      ]));
      page.appendChild(h("div", { cls: ["card"], attrs: { "data-kora": "收货信息" } }, [
        h("div", { cls: ["cardTitle"] }, ["收货信息"]),
        h("div", { cls: ["infoGrid"] }, [info("收货人", o.receiver.name), info("手机号", o.receiver.phone), info("收货地址", o.receiver.address)]),
        h("button", { auxo: "auxo-btn auxo-btn-link", attrs: { type: "button", "data-kora": "查看敏感信息" },
          on: { click: function () { message("今日查看敏感信息次数已达上限", "warning"); } } }, ["查看"])
      ]));
      var lg = o.logistics;
      page.appendChild(h("div", { cls: ["card"], attrs: { "data-kora": "物流信息" } }, [
        h("div", { cls: ["cardTitle"] }, ["物流信息"]),
        h("div", { cls: ["infoGrid"] }, [info("快递公司", lg.company), info("运单号", lg.tracking_no)]),
        timeline(lg.events.slice(0, 3)),
        h("div", { cls: ["links"] }, [
          h("button", { auxo: "auxo-btn auxo-btn-link", attrs: { type: "button", "data-kora": "查看物流详情" }, on: { click: function () { logisticsDrawer(o); } } }, ["查看物流详情"]),
          a(URLS.logistics(o.order_id), "在新页面打开", { blank: true, attrs: { "data-kora": "物流详情页" } })
        ])
      ]));
      var related = [a(URLS.chat(o.order_id), "联系买家", { blank: true, attrs: { "data-kora": "联系买家" } })];
      o.aftersale_ids.forEach(function (aid) { related.push(a(URLS.aftersale(aid), "售后详情 " + aid, { blank: true, attrs: { "data-kora": "售后详情" } })); });
      related.push(a(URLS.comment(), "评价管理", { attrs: { "data-kora": "评价管理" } }));
      page.appendChild(h("div", { cls: ["card", "links"] }, related));
      loaded();
    });
  }

  function logisticsDrawer(o) {
    var root = h("div", { auxo: "auxo-drawer auxo-drawer-right auxo-drawer-open", attrs: { role: "dialog" } });
    function close() { root.remove(); }
    root.appendChild(h("div", { auxo: "auxo-drawer-mask", on: { click: close } }));
    root.appendChild(h("div", { auxo: "auxo-drawer-content-wrapper" }, [h("div", { auxo: "auxo-drawer-content" }, [
      h("div", { auxo: "auxo-drawer-header" }, [h("div", { auxo: "auxo-drawer-title" }, ["物流详情"]),
        h("button", { auxo: "auxo-drawer-close", attrs: { type: "button", "aria-label": "Close" }, on: { click: close } }, ["×"])]),
      h("div", { auxo: "auxo-drawer-body" }, [
        info("订单编号", o.order_id), info("快递公司", o.logistics.company), info("运单号", o.logistics.tracking_no),
        timeline(o.logistics.events, true)
      ])
    ])]));
    document.body.appendChild(root);
  }

  // ================================================================ 物流详情 route
  function mountLogistics() {
    var page = fxgShell("order", "order", "物流详情");
    var id = query(location.search).order_id || "";
    getJSON(API + "logistics?order_id=" + enc(id)).then(function (res) {
      if (res.code !== 0) return emptyState(page, "未查询到物流信息：" + id);
      var l = res.data;
      page.appendChild(h("div", { cls: ["card"], attrs: { "data-kora": "物流详情" } }, [
        h("div", { cls: ["infoGrid"] }, [
          info("订单编号", l.order_id), info("快递公司", l.company), info("运单号", l.tracking_no),
          info("发货时间", l.ship_time), info("签收时间", l.sign_time), info("商品", l.product_name)
        ]),
        h("div", { cls: ["links"] }, [a(URLS.order(l.order_id), "查看订单详情", { attrs: { "data-kora": "订单详情" } })])
      ]));
      page.appendChild(h("div", { cls: ["card"] }, [h("div", { cls: ["cardTitle"] }, ["物流轨迹"]), timeline(l.events, true)]));
      loaded();
    });
  }

  // ================================================================ 售后工作台
  var AFTERSALE_TAG = { "退款成功": "auxo-tag-green", "换货完成": "auxo-tag-green", "待买家退货": "auxo-tag-orange", "售后关闭": "" };
  function mountAftersaleList() {
    var page = fxgShell("aftersale", "aftersale", "售后工作台");
    var state = { status: "", search: query(location.search).search || "" };
    var tabs = h("div", { auxo: "auxo-tabs", attrs: { role: "tablist" } });
    var input = h("input", { auxo: "auxo-input", attrs: { placeholder: "订单编号/售后单号/商品名称", "data-kora": "售后搜索", value: state.search } });
    var tbody = h("tbody", { auxo: "auxo-table-tbody" });
    function renderTabs() {
      tabs.replaceChildren.apply(tabs, [["", "全部"], ["待买家退货", "待买家退货"], ["退款成功", "退款成功"], ["换货完成", "换货完成"], ["售后关闭", "售后关闭"]].map(function (t) {
        return h("div", { auxo: "auxo-tabs-tab" + (state.status === t[0] ? " auxo-tabs-tab-active" : ""), attrs: { role: "tab", "data-kora": "售后tab_" + t[1] },
          on: { click: function () { state.status = t[0]; renderTabs(); load(); } } }, [t[1]]);
      }));
    }
    function load() {
      return getJSON(API + "aftersales?status=" + enc(state.status) + "&search=" + enc(state.search)).then(function (res) {
        var rows = res.data.list.map(function (r) {
          return h("tr", { auxo: "auxo-table-row", attrs: { "data-row-key": r.aftersale_id } }, [
            h("td", { auxo: "auxo-table-cell" }, [h("div", { cls: ["aftersaleId"] }, ["售后单号 " + r.aftersale_id]),
              h("div", { cls: ["orderId"] }, ["订单编号 ", a(URLS.order(r.order_id), r.order_id, { blank: true })])]),
            h("td", { auxo: "auxo-table-cell" }, [h("div", { cls: ["productName"] }, [r.product_name]), h("div", { cls: ["eventTime"] }, [r.sku]),
              h("div", { cls: ["eventTime"] }, ["买家：" + r.buyer_nick])]),
            h("td", { auxo: "auxo-table-cell" }, [r.type]),
            h("td", { auxo: "auxo-table-cell" }, [r.refund_amount ? "¥" + r.refund_amount : "-"]),
            h("td", { auxo: "auxo-table-cell" }, [r.reason]),
            h("td", { auxo: "auxo-table-cell" }, [r.apply_time]),
            h("td", { auxo: "auxo-table-cell" }, [h("span", { auxo: "auxo-tag " + (AFTERSALE_TAG[r.status] || "") }, [r.status])]),
            h("td", { auxo: "auxo-table-cell" }, [a(URLS.aftersale(r.aftersale_id), "查看详情", { attrs: { "data-kora": "售后详情" } })])
          ]);
        });
        if (!rows.length) rows = [h("tr", {}, [h("td", { auxo: "auxo-table-cell", cls: ["empty"], attrs: { colspan: "8" } }, ["暂无数据"])])];
        tbody.replaceChildren.apply(tbody, rows);
        loaded();
      });
    }
    renderTabs();
    page.appendChild(h("div", { cls: ["card"] }, [
      tabs,
      h("div", { cls: ["toolbar"] }, [input, h("button", { auxo: "auxo-btn auxo-btn-primary", attrs: { type: "button", "data-kora": "售后查询" },
        on: { click: function () { state.search = input.value.trim(); load(); } } }, ["查询"])]),
      h("div", { auxo: "auxo-table auxo-table-middle" }, [h("table", {}, [
        h("thead", { auxo: "auxo-table-thead" }, [h("tr", {}, ["售后单号/订单编号", "商品", "售后类型", "退款金额", "申请原因", "申请时间", "售后状态", "操作"].map(function (t) { return h("th", {}, [t]); }))]),
        tbody
      ])])
    ]));
    setTimeout(load, 100);
  }

  function mountAftersaleDetail() {
    var page = fxgShell("aftersale", "aftersale", "售后详情");
    var q = query(location.search);
    getJSON(API + "aftersale?aftersale_id=" + enc(q.aftersale_id || "") + "&order_id=" + enc(q.order_id || "")).then(function (res) {
      if (res.code !== 0) return emptyState(page, "售后单不存在");
      var r = res.data;
      page.appendChild(h("div", { cls: ["statusCard"] }, [h("span", { cls: ["infoLabel"] }, ["售后状态"]), h("span", { cls: ["statusText"], attrs: { "data-kora": "售后状态" } }, [r.status])]));
      var items = [
        info("售后单号", r.aftersale_id), info("订单编号", r.order_id), info("售后类型", r.type), info("售后状态", r.status),
        info("申请原因", r.reason), info("退款金额", r.refund_amount ? "¥" + r.refund_amount : "-"), info("实付金额", "¥" + r.pay_amount),
        info("申请时间", r.apply_time), info("买家昵称", r.buyer_nick), info("商品", r.product_name), info("规格", r.sku)
      ];
      if (r.return_logistics) items.push(info("退货物流", r.return_logistics.company + " " + r.return_logistics.tracking_no));
      page.appendChild(h("div", { cls: ["card"], attrs: { "data-kora": "售后信息" } }, [h("div", { cls: ["cardTitle"] }, ["售后信息"]), h("div", { cls: ["infoGrid"] }, items),
        h("div", { cls: ["links"] }, [a(URLS.order(r.order_id), "查看订单详情", { attrs: { "data-kora": "订单详情" } }), a(URLS.chat(r.order_id), "联系买家", { blank: true, attrs: { "data-kora": "联系买家" } })])]));
      page.appendChild(h("div", { cls: ["card"], attrs: { "data-kora": "协商历史" } }, [h("div", { cls: ["cardTitle"] }, ["协商历史"]), timeline(r.timeline.slice().reverse())]));
      loaded();
    });
  }

  // ================================================================ 飞鸽 workspace
  function parseTime(s) {
    var m = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(s || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5], +m[6]) : 0;
  }
  function mountChat() {
    document.title = "飞鸽客服系统";
    var state = { convs: [], current: query(location.search).order_id || "", filter: "" };
    var convList = h("div", { cls: ["convList"], attrs: { "data-kora": "会话列表" } });
    var header = h("div", { cls: ["imChatHeader"] });
    var list = h("div", { raw: "messageList", cls: ["messageListInner"] });
    var closed = h("div", { cls: ["imClosed"] });
    var textarea = h("textarea", { cls: ["imTextarea"], attrs: { "data-qa-id": "qa-send-message-textarea", placeholder: "发送给 买家，使用Enter 发送消息" } });
    var side = h("div", { cls: ["imSide"], attrs: { "data-kora": "订单信息面板" } });
    var search = h("input", { auxo: "auxo-input", attrs: { placeholder: "搜用户/180天订单(Ctrl+F)", "data-kora": "搜索会话" },
      on: { input: function () { state.filter = search.value.trim(); renderConvs(); } } });
    document.addEventListener("keydown", function (e) { if (e.ctrlKey && (e.key === "f" || e.key === "F")) { e.preventDefault(); search.focus(); } });
    document.getElementById("root").appendChild(h("div", { cls: ["imApp"] }, [
      h("div", { cls: ["imNav"] }, [h("span", {}, ["飞鸽"]), h("span", {}, ["接待"]), h("span", {}, ["历史"])]),
      h("div", { cls: ["imConvCol"] }, [
        h("div", { raw: "layout-shop", cls: ["imSearch"], attrs: { id: "rg-shop" } }, [
          h("span", { raw: "layout-shop-name", attrs: { "data-kora": "店铺名称" } }), h("span", { raw: "layout-shop-id", attrs: { "data-kora": "店铺ID" } })]),
        h("div", { cls: ["imSearch"] }, [search]), convList]),
      h("div", { cls: ["imChat"] }, [header, list, h("div", { cls: ["imInputArea"] }, [closed, textarea])]),
      side
    ]));
    textarea.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" || e.shiftKey) return;
      e.preventDefault();
      var text = textarea.value.trim();
      if (!text || textarea.disabled) return;
      list.appendChild(msgItem({ sender: "seller", text: text, time: "刚刚" }, state.chat));
      textarea.value = "";
    });

    function renderConvs() {
      var f = state.filter;
      convList.replaceChildren.apply(convList, state.convs.filter(function (c) {
        return !f || c.buyer_nick.indexOf(f) >= 0 || c.order_id.indexOf(f) >= 0;
      }).map(function (c) {
        var active = c.order_id === state.current;
        return h("div", { cls: active ? ["convItem", "convItemActive"] : ["convItem"], attrs: { "data-order-id": c.order_id, "data-kora": "会话" },
          on: { click: function () { select(c.order_id); } } }, [
          h("img", { cls: ["msgAvatar"], attrs: { src: ASSETS + "img/avatar.svg", alt: "" } }),
          h("div", { cls: ["convMeta"] }, [
            h("div", { cls: ["convNick"] }, [h("span", {}, [c.buyer_nick]), h("span", { cls: ["eventTime"] }, [c.last_time.slice(5, 10)])]),
            h("div", { cls: ["convLast"] }, [c.last_text])
          ])
        ]);
      }));
    }
    function msgItem(m, chat) {
      if (m.sender === "system") {
        return h("div", { raw: "msgItemWrap", attrs: { "data-sender": "system" } }, [h("div", { raw: "messageSystem" }, [
          h("span", { cls: ["msgTime"] }, [m.time]), " ", h("span", { cls: ["msgText"] }, [m.text])])]);
      }
      var me = m.sender === "seller";
      return h("div", { raw: "msgItemWrap", attrs: { "data-sender": m.sender } }, [h("div", { raw: me ? "messageIsMe" : "messageNotMe" }, [
        h("img", { cls: ["msgAvatar"], attrs: { src: ASSETS + "img/avatar.svg", alt: "" } }),
        h("div", { cls: ["msgBody"] }, [
          h("div", { cls: ["msgHead"] }, [h("span", { cls: ["msgNick"] }, [me ? chat.seller_cs : chat.buyer_nick]), h("span", { cls: ["msgTime"] }, [m.time])]),
          h("div", { cls: me ? ["msgBubble", "msgBubbleMe"] : ["msgBubble"] }, [h("span", { cls: ["msgText"] }, [m.text])])
        ])
      ])]);
    }
    function select(orderId) {
      state.current = orderId;
      history.replaceState(null, "", location.pathname + "?order_id=" + orderId);
      renderConvs();
      return getJSON(API + "chat?order_id=" + enc(orderId)).then(function (res) {
        if (res.code !== 0) {
          header.replaceChildren("暂无会话");
          list.replaceChildren(h("div", { cls: ["empty"] }, ["未找到该订单的会话：" + orderId]));
          side.replaceChildren();
          loaded();
          return;
        }
        var c = res.data;
        state.chat = c;
        header.replaceChildren(h("span", { cls: ["chatNick"], attrs: { "data-kora": "会话买家" } }, [c.buyer_nick]));
        list.replaceChildren.apply(list, c.messages.map(function (m) { return msgItem(m, c); }));
        textarea.setAttribute("placeholder", "发送给 " + c.buyer_nick + "，使用Enter 发送消息");
        var last = parseTime(c.messages[c.messages.length - 1].time);
        var expired = last && NOW - last > 7 * 86400000;
        textarea.disabled = !!expired;
        closed.textContent = expired ? "会话超过7天不可回复" : "";
        var o = c.order;
        side.replaceChildren(
          h("div", { cls: ["cardTitle"] }, ["订单信息"]),
          info("订单编号", o.order_id), info("商品", o.product.name), info("规格", o.sku), info("实付金额", "¥" + o.pay_amount),
          info("下单时间", o.order_time), info("订单状态", o.status),
          a(URLS.order(o.order_id), "查看订单详情", { blank: true, attrs: { "data-kora": "订单详情" } })
        );
        loaded();
      });
    }
    getJSON(API + "conversations").then(function (res) {
      state.convs = res.data.list;
      if (!state.current && state.convs.length) state.current = state.convs[0].order_id;
      renderConvs();
      if (state.current) select(state.current); else loaded();
    });
  }

  // ---------------------------------------------------------------- router
  injectCss();
  getJSON(API + "conversations").then(function (res) {
    // fxg header and the 飞鸽 side bar: shop name, then `店铺ID：<id>` (sellers run several shops).
    if (!res.data) return;
    document.querySelectorAll(".layout-shop-name").forEach(function (el) { el.textContent = res.data.shop.name; });
    document.querySelectorAll(".layout-shop-id").forEach(function (el) { el.textContent = "店铺ID：" + res.data.shop.id; });
  });
  /** `?no_permission=1` (test switch): the 无权限 page a sub-account without this page's permission gets. */
  function mountNoPermission() {
    var box = h("div", { auxo: "auxo-result auxo-result-403", cls: ["card", "empty"] }, [
      h("div", { auxo: "auxo-result-title", attrs: { style: "font-size:20px;font-weight:600;color:#252931" } }, ["暂无权限"]),
      h("div", { auxo: "auxo-result-subtitle", attrs: { style: "margin-top:8px" } }, ["暂无权限访问该页面，请联系主账号开通权限"])
    ]);
    if (HERE.host === IM) {
      document.title = "飞鸽客服系统";
      document.getElementById("root").appendChild(h("div", { cls: ["page"] }, [box]));
    } else {
      fxgShell("auth", "", "暂无权限").appendChild(box);
    }
    loaded();
  }

  var p = HERE.path;
  if (query(location.search).no_permission === "1") mountNoPermission();
  else if (HERE.host === IM) mountChat();
  else if (/\/ffa\/morder\/logistics\/detail/.test(p)) mountLogistics();
  else if (/\/aftersale\/detail/.test(p)) mountAftersaleDetail();
  else if (/\/aftersale\/list/.test(p)) mountAftersaleList();
  else mountOrder();
})();
