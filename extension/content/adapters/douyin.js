/* Douyin 抖店 adapter: 评价管理 (review page) and the context pages a seller opens to verify a review
 * (order detail, logistics, after-sales detail on fxg.jinritemai.com; 飞鸽 chat on im.jinritemai.com).
 * Size (~630 lines): one platform's whole seller center in one file, the adapter contract of
 * docs/ADAPTERS.md; its pages share the `auxo-*` readers and label lookups.
 *
 * Anchored only on hooks that survive deploys (shared research seller-pages.md §0 rule 2, §1.3):
 * `auxo-*` component classes, `data-row-key`, and visible labels (`订单编号`, `ID:`, `规格：`,
 * `追评`, `商家回复：`, `评价标签：`). CSS-module classes such as `style_commentContent__<hash>`
 * change their hash on every build and are NEVER used here.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const { findByText, textOf, LayoutError } = RC;

  // --- selectors, newest layout first ------------------------------------------------------
  const SELECTORS = {
    // auxo table (2025– shell). TODO [2027-06-01]: verify live; the older antd table used
    // `tbody.ant-table-tbody > tr` (Greasy Fork 439062).
    row: "tbody.auxo-table-tbody > tr.auxo-table-row, tbody.ant-table-tbody > tr.ant-table-row",
    rate: ".auxo-rate, .ant-rate",
    rateFull: ".auxo-rate-star-full, .ant-rate-star-full",
    tag: ".auxo-tag, .ant-tag",
    text: ".auxo-typography, .ant-typography",
    expand: ".auxo-typography-expand, .ant-typography-expand",
    avatar: ".auxo-avatar, .ant-avatar",
    productTitle: ".sp-tooltip[title], [title]",
    video: "[aria-label='play-circle'], .anticon-play-circle, video",
    // Notice / "新功能引导" modals shown on load (§1.3 popups), and step guides (a popover with 跳过 / 知道了).
    overlay: ".auxo-modal-wrap, .ant-modal-wrap, .auxo-popover, .ant-popover",
    modal: ".auxo-modal-wrap, .ant-modal-wrap",
    formField: "input, textarea, select, [contenteditable='true']",
    // ByteDance's verify center (the same secsdk captcha as TikTok Shop). TODO [2027-06-01]: verify live on fxg.
    captcha: "#captcha_container, .captcha_verify_container",
    // Buyer-written text never counts as a page message (a chat line "暂无权限" is not a 无权限 page).
    userText: ".messageList, tbody",
  };

  // --- visible-text anchors ------------------------------------------------------------------
  const RE = {
    orderId: /^订单编号[:：]?\s*(\d{10,24})$/,
    productId: /^(?:商品)?ID[:：]\s*(\d{6,24})$/,
    sku: /^规格[:：]\s*(.+)$/,
    price: /^实付(?:金额)?[:：]\s*(¥?\s*[\d.,]+)$/,
    time: /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?)$/,
    subRating: /^(商品|物流|服务)评分\s*(\d)$/,
    followUpLabel: /^追评$/,
    replyLabel: /^商家回复[:：]?$/,
    tagsLabel: /^评价标签[:：]?$/,
    shopId: /^店铺ID[:：]\s*(\S+)$/,
    rankLabel: /^(好评|中评|差评)$/,
  };
  const SUB_RATING_KEYS = { 商品: "product", 物流: "logistics", 服务: "service" };
  // Placeholders Douyin shows instead of an empty review (§8.4); the buyer wrote nothing.
  const EMPTY_TEXTS = new Set(["该用户未填写评价内容", "此用户没有填写评价", "此用户没有填写评价。", "系统默认好评", "用户未填写评价内容"]);
  const NOTICE_BUTTONS = /^(知道了|我知道了|我已知晓)$/;
  // Step guides: 跳过 ends the whole tour; 知道了 on its last step.
  const GUIDE_BUTTONS = /^(跳过|跳过引导|知道了|我知道了|完成)$/;
  // Blocking states (seller-pages.md §0 rule 4, §8.5), matched against an element's whole visible text.
  const BLOCK_RE = {
    // 无权限 page of a sub-account: "暂无权限", "暂无权限访问该页面，请联系主账号开通权限", "无权限访问".
    noPermission: /^(?:暂无|没有|无)(?:访问)?权限(?:访问)?(?:该页面)?(?:[，,]\s*请联系主账号(?:开通|授权)(?:权限)?)?[。.!！]?$/,
    // The modal the SPA shows before it sends the seller to /login/common.
    sessionExpired: /登录(?:状态)?已(?:过期|失效)|会话已过期/,
  };
  const LOGIN_PATH = /^\/login\/common\/?$/;

  /**
   * The row's cells: comment (has stars), product (has 订单编号). Read once per row and task (mounting a
   * panel asks several times; a capture click reads afresh).
   */
  const cells = RC.perTask(function cells(row) {
    const tds = [...row.children];
    const comment = tds.find((td) => td.querySelector(SELECTORS.rate)) || null;
    let product; // read on first use: the panel's anchor (a row's shell) needs only the comment cell
    return {
      comment,
      get product() {
        if (product === undefined) product = tds.find((td) => td.textContent.includes("订单编号") && findByText(td, RE.orderId)) || null;
        return product;
      },
      actions: tds[tds.length - 1] || row,
    };
  });

  /** Follow-up (追评) and seller-reply blocks: excluded when reading the main review. */
  function blocks(comment) {
    const all = comment.textContent; // cheap native pre-checks before the element-by-element text search
    const fu = all.includes("追评") ? findByText(comment, RE.followUpLabel) : null;
    const rp = all.includes("商家回复") ? findByText(comment, RE.replyLabel) : null;
    return { followUp: fu ? fu.el.parentElement : null, reply: rp ? rp.el.parentElement : null };
  }

  function firstOutside(root, selector, exclude) {
    for (const el of root.querySelectorAll(selector)) {
      if (!exclude.some((x) => x && x.contains(el))) return el;
    }
    return null;
  }

  /** @param {Element} row @returns {string|null} the first required anchor that is missing */
  function missingAnchor(row) {
    const c = cells(row);
    if (!c.product) return "订单编号";
    if (!c.comment) return "auxo-rate (stars)";
    if (!c.comment.querySelector(SELECTORS.text)) return "auxo-typography (review text)";
    return null;
  }

  /**
   * Review fields (companion.models.Review) from one row. Pure DOM reading, never `document`.
   * @param {Element} row a `tr.auxo-table-row`
   * @returns {Object} Review
   * @throws {LayoutError} when a required anchor is missing
   */
  function extract(row) {
    const missing = missingAnchor(row);
    if (missing) throw new LayoutError(missing);
    const { comment, product } = cells(row);
    const { followUp, reply } = blocks(comment);
    const skip = [followUp, reply];

    const orderId = findByText(product, RE.orderId).match[1];
    const productId = findByText(product, RE.productId);
    const sku = findByText(product, RE.sku);
    const titleEl = product.querySelector(SELECTORS.productTitle);

    const rate = comment.querySelector(SELECTORS.rate);
    const rating = rate ? rate.querySelectorAll(SELECTORS.rateFull).length || null : null;
    const labelEl = [...comment.querySelectorAll(SELECTORS.tag)].find((t) => RE.rankLabel.test(textOf(t)));

    const subRatings = {};
    if (comment.textContent.includes("评分")) for (const el of comment.querySelectorAll("*")) {
      const m = RE.subRating.exec(textOf(el));
      if (m) subRatings[SUB_RATING_KEYS[m[1]]] = Number(m[2]);
    }

    const textEl = firstOutside(comment, SELECTORS.text, skip);
    let text = textOf(textEl, SELECTORS.expand);
    if (EMPTY_TEXTS.has(text)) text = "";

    const avatar = comment.querySelector(SELECTORS.avatar);
    const nickEl = avatar && avatar.nextElementSibling;
    const time = findByText(comment, RE.time, { exclude: skip });

    const images = [...comment.querySelectorAll("img")]
      .filter((img) => !skip.some((x) => x && x.contains(img)))
      .filter((img) => !(img.parentElement && img.parentElement.querySelector(SELECTORS.video)))
      .filter((img) => !img.closest(SELECTORS.avatar))
      .map((img) => img.getAttribute("data-src") || img.getAttribute("src"))
      .filter((src) => src && !src.startsWith("data:"))
      .map((src) => new URL(src, row.baseURI).href);

    let followUpOut = null;
    if (followUp) {
      const fuTime = findByText(followUp, RE.time);
      const fuText = followUp.querySelector(SELECTORS.text);
      followUpOut = { text: textOf(fuText, SELECTORS.expand), time: fuTime ? fuTime.match[1] : null };
    }
    let sellerReply = null;
    if (reply) {
      const body = reply.querySelector(SELECTORS.text);
      sellerReply = body ? textOf(body) : textOf(reply).replace(/^商家回复[:：]?\s*/, "");
    }
    const tagsLabel = comment.textContent.includes("评价标签") ? findByText(comment, RE.tagsLabel, { exclude: skip }) : null;
    const tags = tagsLabel ? [...tagsLabel.el.parentElement.querySelectorAll(SELECTORS.tag)].map((t) => textOf(t)) : [];

    return {
      review_id: row.getAttribute("data-row-key") || `order-${orderId}`,
      order_id: orderId,
      product_id: productId ? productId.match[1] : null,
      product_title: titleEl ? titleEl.getAttribute("title") || textOf(titleEl) : null,
      sku: sku ? sku.match[1].trim() : null,
      rating,
      sub_ratings: subRatings,
      rating_label: labelEl ? textOf(labelEl) : null,
      text,
      lang: null,
      buyer_nick: nickEl ? textOf(nickEl) || null : null,
      review_time: time ? time.match[1] : null,
      images,
      has_video: !!comment.querySelector(SELECTORS.video),
      follow_up: followUpOut,
      seller_reply: sellerReply,
      tags,
    };
  }

  /**
   * Order facts visible in the row (companion.models.OrderFacts); null without an order id.
   * @param {Element} row
   */
  function order(row) {
    const { product } = cells(row);
    const id = product && findByText(product, RE.orderId);
    if (!id) return null;
    const out = { order_id: id.match[1] };
    const titleEl = product.querySelector(SELECTORS.productTitle);
    if (titleEl) out.product_title = titleEl.getAttribute("title") || textOf(titleEl);
    const sku = findByText(product, RE.sku);
    if (sku) out.sku = sku.match[1].trim();
    const price = findByText(product, RE.price);
    if (price) out.price = price.match[1].replace(/\s+/g, "");
    return out;
  }

  /**
   * Shop identity from the seller-center header (`店铺ID：…` with the name just before it).
   * @param {Document|Element} root
   */
  function shop(root) {
    const id = findByText(root.body || root, RE.shopId);
    if (!id) return null;
    const nameEl = id.el.previousElementSibling;
    return { id: id.match[1], name: nameEl ? textOf(nameEl) || null : null };
  }

  /** Is `el` laid out (a closed antd/auxo modal keeps its wrap with display:none)? */
  function shown(el) {
    // checkVisibility needs style only; getClientRects lays the page out (a 500-row table, in the middle of
    // mounting its panels: blocked() is asked while rows mount).
    return el.isConnected && (typeof el.checkVisibility === "function" ? el.checkVisibility() : el.getClientRects().length > 0);
  }

  /**
   * The button that closes an overlay safely, or null: never one with form fields; a notice modal through
   * 知道了 or its close (×), a step guide (popover) through 跳过 / 知道了.
   * @param {Element} el an overlay (`.auxo-modal-wrap` or `.auxo-popover`)
   * @returns {HTMLElement|null}
   */
  function safeClose(el) {
    if (el.querySelector(SELECTORS.formField)) return null;
    const buttons = [...el.querySelectorAll("button")];
    if (el.matches(SELECTORS.modal)) {
      return buttons.find((b) => NOTICE_BUTTONS.test(textOf(b))) || el.querySelector(".auxo-modal-close, .ant-modal-close");
    }
    return buttons.find((b) => /^跳过/.test(textOf(b))) || buttons.find((b) => GUIDE_BUTTONS.test(textOf(b))) || null;
  }

  /**
   * Is the page blocked, so that what it shows is not what the seller can act on? Checked in order:
   * - `captcha`: the verify overlay;
   * - `logged_out`: the login page (`/login/common`, where an expired session lands);
   * - `session_expired`: the 登录已过期 modal shown before that redirect;
   * - `no_permission`: the 无权限 page of a sub-account (no review rows; text "暂无权限访问该页面…");
   * - `overlay`: a shown modal that cannot be closed safely (form fields, or no 知道了/× button).
   * Notice modals and step guides that can be closed safely are not a block: `dismissOverlay` closes them.
   * Cheap on a page with review rows (no text scan then). Reads only `doc`.
   * @param {Document} doc
   * @returns {{code: "captcha"|"logged_out"|"session_expired"|"no_permission"|"overlay", message: string}|null}
   */
  function blocked(doc) {
    if (doc.querySelector(SELECTORS.captcha)) return { code: "captcha", message: "captcha — solve it first" };
    const w = where(doc.URL);
    if (w && w.host === FXG && LOGIN_PATH.test(w.path)) return { code: "logged_out", message: "not logged in (抖店 login page)" };
    const modals = [...doc.querySelectorAll(SELECTORS.modal)].filter(shown);
    if (modals.some((m) => BLOCK_RE.sessionExpired.test(textOf(m)))) return { code: "session_expired", message: "session expired (登录已过期)" };
    if (doc.body && !doc.querySelector(SELECTORS.row)) {
      const userText = [...doc.querySelectorAll(SELECTORS.userText)];
      if (findByText(doc.body, BLOCK_RE.noPermission, { exclude: userText })) return { code: "no_permission", message: "no permission for this page (暂无权限)" };
    }
    const stuck = modals.find((m) => !safeClose(m));
    if (stuck) return { code: "overlay", message: "a dialog covers the page" };
    return null;
  }

  /**
   * Close a blocking notice modal (公告, "新功能引导") or a step guide so the rows are clickable. Safe by
   * design: only an overlay without form fields, only via 知道了 / its close (×) button, or a guide's 跳过;
   * never while the page is blocked (captcha, expired session: those are reported by `blocked`).
   * @param {Element} el an `.auxo-modal-wrap` or `.auxo-popover`
   * @returns {boolean} whether it was dismissed
   */
  function dismissOverlay(el) {
    return RC.dismissSafely(el, blocked, safeClose);
  }

  const MOCK_PREFIX = "/mock/douyin";
  const FXG = "fxg.jinritemai.com";
  const IM = "im.jinritemai.com";
  const ROUTES = /^\/ffa\/(?:maftersale\/comment|g\/comment|mshop\/comment\/list)\/?$/;
  // Context pages. Order detail / logistics / after-sales detail URL patterns are INFERRED (seller-pages.md
  // §1.1 found the list pages only); 飞鸽 is confirmed. TODO [2027-06-01]: verify the inferred ones live.
  const CONTEXT_ROUTES = [
    [FXG, /^\/ffa\/morder\/order\/detail\/?$/, "order"],
    [FXG, /^\/ffa\/morder\/logistics\/detail\/?$/, "logistics"],
    [FXG, /^\/ffa\/merchant-aftersale-workbench\/aftersale\/detail\/?$/, "after_sales"],
    [IM, /^\/pc_seller_v2\/main\/workspace\/?$/, "chat"],
  ];

  /** `{host, path, url}` of a Douyin seller URL, the companion's mock mapped onto the real hosts; else null. */
  function where(url) {
    let u;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    const path = u.pathname;
    if (u.protocol === "https:" && (u.hostname === FXG || u.hostname === IM)) return { host: u.hostname, path, url: u, mock: null };
    if (u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost") && path.startsWith(MOCK_PREFIX + "/")) {
      const rel = path.slice(MOCK_PREFIX.length);
      const mock = `${u.protocol}//${u.host}${MOCK_PREFIX}`;
      if (rel.startsWith("/" + IM + "/")) return { host: IM, path: rel.slice(IM.length + 1), url: u, mock };
      return { host: FXG, path: rel, url: u, mock };
    }
    return null;
  }

  /**
   * Which Douyin page `url` is: "review" (评价管理: current route, the older route, or the hash-router
   * era), "order" / "logistics" / "after_sales" (fxg), "chat" (飞鸽 on im.jinritemai.com) or "login"
   * (`fxg.jinritemai.com/login/common`, nothing captured), on the real hosts or on the companion's mock
   * under /mock/douyin/; null otherwise. Pure.
   * @param {string} url
   */
  function pageKind(url) {
    const w = where(url);
    if (!w) return null;
    if (w.host === FXG) {
      if (ROUTES.test(w.path)) return "review";
      // Where an expired session lands; nothing is captured there, the panel says "log in".
      if (LOGIN_PATH.test(w.path)) return "login";
      if (/^\/(?:index\.html)?$/.test(w.path) && /^#\/ffa\/g\/comment(?:[/?]|$)/.test(w.url.hash)) return "review";
    }
    for (const [host, re, kind] of CONTEXT_ROUTES) if (host === w.host && re.test(w.path)) return kind;
    return null;
  }

  /** Is `url` a Douyin page this extension handles (review or context page)? Pure. */
  function detect(url) {
    return pageKind(url) !== null;
  }

  // --- context pages ------------------------------------------------------------------------
  const CTX = {
    status: "[data-kora_order_status]",
    drawer: ".auxo-drawer",
    drawerOpen: "[data-kora='查看物流详情']",
    drawerClose: ".auxo-drawer-close",
    timelineItem: ".auxo-timeline-item-content",
    messageList: ".messageList",
    message: ".msgItemWrap",
    buyerMsg: ".messageNotMe",
    sellerMsg: ".messageIsMe",
    systemMsg: ".messageSystem",
    // CSS-module prefixes (the hash suffix changes per build; the name does not): §0 rule 2.
    msgTime: "[class^='style_msgTime'], [class*=' style_msgTime']",
    msgText: "[class^='style_msgText'], [class*=' style_msgText']",
    msgNick: "[class^='style_msgNick'], [class*=' style_msgNick']",
    chatBuyer: "[data-kora='会话买家']",
    orderCard: "[data-kora='订单信息面板']",
  };
  const TIME_RE = /^\d{4}[/-]\d{2}[/-]\d{2} \d{2}:\d{2}(?::\d{2})?$/;
  const ORDER_ID_RE = /^\d{10,24}$/;

  /** A labelled value; `required` labels throw LayoutError when absent from the page. */
  function field(root, label, required) {
    const v = RC.fieldByLabel(root, label);
    if (v === undefined && required) throw new LayoutError(label);
    return v === undefined ? null : v;
  }

  function orderIdIn(root) {
    const id = field(root, "订单编号", true);
    if (!id || !ORDER_ID_RE.test(id)) throw new LayoutError("订单编号");
    return id;
  }

  /** Timeline entries (`.auxo-timeline-item-content`): a time line, the text, optionally a location. */
  function timelineIn(root, withLocation) {
    if (!root) return [];
    return [...root.querySelectorAll(CTX.timelineItem)].map((item) => {
      const parts = [...item.children].map((c) => textOf(c)).filter(Boolean);
      const ti = parts.findIndex((p) => TIME_RE.test(p));
      const time = ti >= 0 ? parts.splice(ti, 1)[0] : null;
      const ev = { time, text: parts[0] || "" };
      if (withLocation) ev.location = parts[1] || null;
      return ev;
    }).filter((e) => e.text);
  }

  /** A table cell under the column headed `header` (first body row). */
  function cellUnder(root, header) {
    for (const th of root.querySelectorAll("th")) {
      if (textOf(th) !== header) continue;
      const table = th.closest("table");
      const idx = [...th.parentElement.children].indexOf(th);
      const row = table && table.querySelector("tbody tr");
      return row && row.children[idx] ? row.children[idx] : null;
    }
    return null;
  }

  function shopOf(doc) {
    return shop(doc);
  }

  function openDrawer(doc) {
    for (const d of doc.querySelectorAll(CTX.drawer)) {
      if (d.querySelector(CTX.timelineItem) && RC.fieldByLabel(d, "运单号") !== undefined) return d;
    }
    return null;
  }

  function extractOrder(doc) {
    const orderId = orderIdIn(doc.body);
    const statusEl = doc.querySelector(CTX.status);
    if (!statusEl) throw new LayoutError("data-kora_order_status");
    const order = {
      order_id: orderId,
      status: statusEl.getAttribute("data-kora_order_status") || textOf(statusEl) || null,
      order_time: field(doc.body, "下单时间", true),
      pay_time: field(doc.body, "支付时间"),
      ship_time: field(doc.body, "发货时间"),
      sign_time: field(doc.body, "签收时间"),
      carrier: field(doc.body, "快递公司"),
      tracking_no: field(doc.body, "运单号"),
    };
    const titleEl = cellUnder(doc.body, "商品");
    const title = titleEl && titleEl.querySelector("[title]");
    if (title) order.product_title = title.getAttribute("title") || textOf(title);
    const sku = cellUnder(doc.body, "规格");
    if (sku) order.sku = textOf(sku) || null;
    const paid = cellUnder(doc.body, "实付金额");
    const price = paid && /¥\s*[\d.,]+/.exec(textOf(paid));
    if (price) order.price = price[0].replace(/\s+/g, "");
    // The full trace is in the 查看物流详情 drawer (beforeCapture opens it); else the card's short timeline.
    const drawer = openDrawer(doc);
    const events = drawer ? timelineIn(drawer, true) : timelineIn(doc.querySelector("[data-kora='物流信息']") || doc.body, true);
    const record = { tracking_no: order.tracking_no, carrier: order.carrier, tracking_events: events,
      buyer_nick: field(doc.body, "买家昵称") };
    return { order: clean(order), record: clean(record), shop: shopOf(doc) };
  }

  function extractLogistics(doc) {
    const orderId = orderIdIn(doc.body);
    const trackingNo = field(doc.body, "运单号", true);
    const carrier = field(doc.body, "快递公司");
    const events = timelineIn(doc.body, true);
    if (!doc.querySelector(CTX.timelineItem)) throw new LayoutError("auxo-timeline (物流轨迹)");
    const order = { order_id: orderId, tracking_no: trackingNo, carrier,
      ship_time: field(doc.body, "发货时间"), sign_time: field(doc.body, "签收时间") };
    return { order: clean(order), record: clean({ tracking_no: trackingNo, carrier, tracking_events: events }), shop: shopOf(doc) };
  }

  function extractAfterSales(doc) {
    const orderId = orderIdIn(doc.body);
    const record = {
      aftersale_id: field(doc.body, "售后单号", true),
      aftersale_type: field(doc.body, "售后类型"),
      aftersale_status: field(doc.body, "售后状态"),
      aftersale_reason: field(doc.body, "申请原因"),
      refund_amount: field(doc.body, "退款金额"),
      buyer_nick: field(doc.body, "买家昵称"),
      timeline: timelineIn(doc.body, false),
    };
    return { order: { order_id: orderId }, record: clean(record), shop: shopOf(doc) };
  }

  function senderOf(item) {
    const s = item.getAttribute("data-sender");
    if (s === "buyer" || s === "seller" || s === "system") return s;
    if (item.querySelector(CTX.systemMsg)) return "system";
    if (item.querySelector(CTX.sellerMsg)) return "seller";
    if (item.querySelector(CTX.buyerMsg)) return "buyer";
    return "unknown";
  }

  function extractChat(doc) {
    const list = doc.querySelector(CTX.messageList);
    if (!list) throw new LayoutError("messageList");
    // The order card beside the chat is what the screenshot shows; the URL's order_id is the fallback.
    const card = doc.querySelector(CTX.orderCard);
    let orderId = card ? RC.fieldByLabel(card, "订单编号") : undefined;
    if (!orderId) {
      const fromUrl = new URL(doc.URL).searchParams.get("order_id");
      orderId = fromUrl && ORDER_ID_RE.test(fromUrl.trim()) ? fromUrl.trim() : null;
    }
    if (!orderId || !ORDER_ID_RE.test(orderId)) throw new LayoutError("订单编号");
    const messages = [...list.querySelectorAll(CTX.message)].map((item) => {
      const timeEl = item.querySelector(CTX.msgTime);
      const textEl = item.querySelector(CTX.msgText);
      const time = timeEl ? textOf(timeEl) : null;
      let text = textEl ? textOf(textEl) : textOf(item);
      if (!textEl && time && text.startsWith(time)) text = text.slice(time.length).trim();
      return { time: time || null, sender: senderOf(item), text };
    });
    const header = doc.querySelector(CTX.chatBuyer);
    let nick = header ? textOf(header) : null;
    if (!nick) {
      const buyerNick = list.querySelector(`${CTX.buyerMsg} ${CTX.msgNick}`);
      nick = buyerNick ? textOf(buyerNick) : null;
    }
    const order = { order_id: orderId };
    if (card) {
      const t = field(card, "下单时间");
      if (t) order.order_time = t;
      const st = field(card, "订单状态");
      if (st) order.status = st;
    }
    return { order, record: clean({ buyer_nick: nick, messages }), shop: shopOf(doc) };
  }

  /** Drop null/empty values (the companion's models allow omission, and "-" means not shown). */
  function clean(obj) {
    const out = {};
    for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined && v !== "") out[k] = v;
    return out;
  }

  /**
   * Structured record of a context page (docs/ADAPTERS.md). Reads only `doc`.
   * @param {Document} doc
   * @param {"order"|"chat"|"logistics"|"after_sales"} kind
   * @throws {LayoutError}
   */
  function extractPage(doc, kind) {
    if (kind === "order") return extractOrder(doc);
    if (kind === "logistics") return extractLogistics(doc);
    if (kind === "after_sales") return extractAfterSales(doc);
    if (kind === "chat") return extractChat(doc);
    throw new LayoutError(`page kind ${kind}`);
  }

  /**
   * Make the page show what the capture must hold; returns the restore function.
   * - review row: click 展开 so the screenshot has the whole text (and 收起 again after);
   * - order detail: open the 查看物流详情 drawer (the full trace; closed again after).
   */
  async function beforeCapture(target, kind, { signal } = {}) {
    if (kind === "review") {
      const toggle = target.querySelector(SELECTORS.expand);
      if (!toggle || textOf(toggle) !== "展开") return null;
      toggle.click();
      return () => {
        const again = target.isConnected && target.querySelector(SELECTORS.expand);
        if (again && textOf(again) === "收起") again.click();
      };
    }
    if (kind === "order") {
      const doc = target;
      if (openDrawer(doc)) return null;
      const btn = doc.querySelector(CTX.drawerOpen);
      if (!btn) return null; // no logistics yet (unshipped): the card shows what there is
      btn.click();
      const drawer = await RC.until(() => openDrawer(doc), { signal, root: doc, timeoutMs: 5000 });
      return () => {
        const close = drawer.isConnected && drawer.querySelector(CTX.drawerClose);
        if (close) close.click();
      };
    }
    return null;
  }

  /**
   * Deep links for the evidence checklist (real seller-center URLs; the mock's under /mock/douyin/
   * when the current page is the companion's mock). 飞鸽 `order_id` and the after-sales `search`
   * parameters are this project's guesses (the real 飞鸽 URL is known without parameters).
   * @param {string} orderId
   * @param {{pageUrl?: string}} [ctx]
   */
  function contextLinks(orderId, { pageUrl } = {}) {
    const id = encodeURIComponent(orderId);
    const w = pageUrl ? where(pageUrl) : null;
    const fxg = w && w.mock ? w.mock : `https://${FXG}`;
    const im = w && w.mock ? `${w.mock}/${IM}` : `https://${IM}`;
    return {
      order: `${fxg}/ffa/morder/order/detail?id=${id}`,
      logistics: `${fxg}/ffa/morder/logistics/detail?order_id=${id}`,
      after_sales: `${fxg}/ffa/merchant-aftersale-workbench/aftersale/list?search=${id}`,
      chat: `${im}/pc_seller_v2/main/workspace?order_id=${id}`,
    };
  }

  RC.adapters.register({
    id: "douyin",
    detect,
    pageKind,
    extractPage,
    beforeCapture,
    contextLinks,
    rowSelector: SELECTORS.row,
    overlaySelector: SELECTORS.overlay,
    /** The review id (`extract(row).review_id`) without reading the row: the table's row key. */
    rowKey: (row) => row.getAttribute("data-row-key") || null,
    missingAnchor,
    extract,
    order,
    shop,
    dismissOverlay,
    blocked,
    /** The panel goes into the 操作 (actions) cell, beside the row's own buttons. */
    /**
     * The panel goes under the review in the 评价内容 cell, the widest column (the 操作 column is about
     * 150 px at 1366 px: a usable panel there would squeeze or widen the table).
     */
    anchor: (row) => cells(row).comment || cells(row).actions,
    testUrls: [
      "https://fxg.jinritemai.com/ffa/maftersale/comment",
      "https://fxg.jinritemai.com/ffa/maftersale/comment?_bid=ffa_aftersale",
      "https://fxg.jinritemai.com/ffa/g/comment",
      "https://fxg.jinritemai.com/index.html#/ffa/g/comment",
      "http://127.0.0.1:8765/mock/douyin/ffa/maftersale/comment",
      "http://localhost:8765/mock/douyin/ffa/g/comment?rank=1",
      "http://127.0.0.1:8765/mock/douyin/index.html#/ffa/g/comment",
      "https://fxg.jinritemai.com/login/common?extra=%7B%22target_url%22%3A%22https%3A%2F%2Ffxg.jinritemai.com%2Fffa%2Fmaftersale%2Fcomment%22%7D",
      "http://127.0.0.1:8765/mock/douyin/login/common",
    ],
    contextTestUrls: {
      review: ["https://fxg.jinritemai.com/ffa/maftersale/comment", "http://127.0.0.1:8765/mock/douyin/ffa/g/comment"],
      order: [
        "https://fxg.jinritemai.com/ffa/morder/order/detail?id=4937201865043310000",
        "http://127.0.0.1:8765/mock/douyin/ffa/morder/order/detail?id=4937201865043310000",
      ],
      logistics: [
        "https://fxg.jinritemai.com/ffa/morder/logistics/detail?order_id=4937201865043310000",
        "http://localhost:8765/mock/douyin/ffa/morder/logistics/detail?order_id=4937201865043310000",
      ],
      after_sales: [
        "https://fxg.jinritemai.com/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id=7340352235852997173",
        "http://127.0.0.1:8765/mock/douyin/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id=7340352235852997173",
      ],
      chat: [
        "https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id=4937201865043310000",
        "https://im.jinritemai.com/pc_seller_v2/main/workspace",
        "http://127.0.0.1:8765/mock/douyin/im.jinritemai.com/pc_seller_v2/main/workspace?order_id=4937201865043310000",
      ],
    },
  });
})();

/* Test URLs
https://fxg.jinritemai.com/ffa/maftersale/comment
https://fxg.jinritemai.com/ffa/morder/order/detail?id=4937201865043310000
https://fxg.jinritemai.com/ffa/morder/logistics/detail?order_id=4937201865043310000
https://fxg.jinritemai.com/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id=7340352235852997173
https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id=4937201865043310000
https://fxg.jinritemai.com/ffa/g/comment
https://fxg.jinritemai.com/index.html#/ffa/g/comment
http://127.0.0.1:8765/mock/douyin/ffa/maftersale/comment
https://fxg.jinritemai.com/login/common
*/
