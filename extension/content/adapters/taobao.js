/* Taobao / Tmall 千牛 adapter: 评价管理 (review page) plus the order, logistics, chat-history and refund
 * pages of an order (context pages, docs/ADAPTERS.md v2).
 * Size (~640 lines): one platform's whole seller center in one file, the adapter contract of
 * docs/ADAPTERS.md; its pages share the label readers and the hashed-class rule below.
 *
 * Anchored only on hooks that survive deploys (shared research seller-pages.md §0 rule 2, §3.3):
 * Alibaba Fusion Next classes (`next-table-*`, `next-dialog*`, never hashed), the semantic classes
 * `l-rate-content` / `l-media-gallery` / `rate-impression` / `rate-explain`, `data-feed-id`, and visible
 * labels (`订单号：`, `宝贝ID：`, `评价时间：`, `订单编号：`, `退款编号：` …). Every other wrapper class on
 * these pages is `<name>--<5 chars>`, regenerated on every load, and is NEVER used here.
 *
 * Rating: Taobao shows no stars per review, only the emotion 正面/中性/负面 (mtop `emotionType.status`
 * 11/12/13). `rating_label` keeps the label as shown; `rating` is a conservative stand-in for the
 * classifier's star prior: 负面 → 1, 中性 → 3, 正面 → 5 (the same buckets as 差评/中评/好评 elsewhere).
 * Evidence readers must treat `rating` on Taobao as derived from `rating_label`, not as stars.
 *
 * Receipt times: 签收 (the logistics "已签收" event) → `sign_time`. 成交时间 is trade success (the buyer
 * confirmed receipt, or the system did ~10 days after shipping), so it goes to `delivery_time` only when no
 * 签收 event is visible on the page. Taobao opens reviews only after 成交, so 成交时间 can never make a
 * review look "written before receipt" (the classifier prefers `sign_time` anyway).
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const { findByText, textOf, LayoutError } = RC;

  // --- selectors (Fusion Next + semantic classes, stable across deploys) ----------------------
  const TABLE = ".next-loading-wrap>div>.next-table-medium>table[role=table]>thead~tbody.next-table-body";
  const SELECTORS = {
    // The research selector (userscript idx:19217114451) narrowed to review rows: not the 追评 row that
    // follows each row, not the single-cell "没有符合条件的评价" row.
    row: `${TABLE}>tr.next-table-row:not(.next-table-expanded-row):not(:has(>td[colspan]))`,
    expandedRow: "tr.next-table-expanded-row",
    rateBlock: ".l-rate-content",
    rateContent: ".rate-content",
    gallery: ".l-media-gallery",
    impression: ".rate-impression .next-tag",
    explain: ".rate-explain",
    explainText: ".explain-text",
    buyerNick: ".buyer-nick",
    itemTitle: "a.item-title",
    itemSku: ".item-sku",
    videoItem: "[data-type='video'], .next-icon-play, video",
    // Popups on load (功能升级 / 重要消息 / 新手引导 …, §3.3 Overlays): Fusion dialogs, and step guides
    // in a Fusion balloon (跳过 / 知道了).
    overlay: ".next-dialog, .next-balloon",
    dialog: ".next-dialog",
    overlayClose: ".next-dialog-close, .next-icon-close_blod",
    formField: "input, textarea, select, [contenteditable='true'], form",
    // Alibaba's slider captcha (baxia / noCaptcha `nc_…`). TODO [2027-06-01]: verify live on 千牛.
    captcha: ".baxia-dialog, #baxia-dialog-content, .nc-container, [id^='nc_'][id$='_wrapper']",
    // Buyer-written text never counts as a page message.
    userText: "tbody, .im-msg-list, .timeline",
    shopHeader: ".qn-header .qn-shop, #qn-shop-name",
    infoItem: ".trade-info-item",
    infoLabel: ".trade-info-label",
    infoValue: ".trade-info-value",
    logisticsItem: ".logistics-item",
    msgList: ".im-msg-list",
    msg: ".im-msg",
    timeline: ".timeline",
    timelineItem: ".timeline-item",
  };

  // --- visible-text anchors ------------------------------------------------------------------
  const TIME = "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(?::\\d{2})?)";
  const RE = {
    // Order ids: 19 digits today, 16-18 on old orders (§3.5).
    orderId: /^订单号[:：]\s*(\d{15,20})$/,
    productId: /^宝贝ID[:：]\s*(\d{6,20})$/,
    reviewTime: new RegExp(`^评价时间[:：]\\s*${TIME}$`),
    time: new RegExp(`^${TIME}$`),
    feedId: /^\d{8,24}$/,
    emotion: /^(正面|中性|负面)$/,
    appendLabel: /^追评$/,
    appendDays: /^确认收货后\s*\d+\s*天后追加评论$/,
    explainLabel: /^\[?解释\]?[:：]?\s*/,
    digits: /^(\d{15,20})$/,
    // The newest tracking event that says the parcel was signed for.
    signed: /已签收|签收人|已代签收|本人签收|代收点签收/,
    notSigned: /未签收|拒签|拒收|待签收/,
    location: /^【([^】]{1,30})】/,
  };
  // Blocking states (seller-pages.md §0 rule 4, §3.3, §8.5), matched against an element's whole visible text.
  const BLOCK_RE = {
    // "您没有该页面的访问权限", "暂无权限访问该页面", "无权限访问": a sub-account without 评价管理.
    noPermission: /^您?(?:暂无|没有|无)(?:该页面的?)?(?:访问)?权限(?:访问)?(?:该页面)?[。.!！]?$/,
    // mtop `FAIL_SYS_SESSION_EXPIRED::Session过期`, or a "登录已失效" dialog.
    sessionExpired: /Session过期|登录(?:状态)?已(?:过期|失效)|会话已过期/,
    loginButton: /^(?:登录|立即登录)$/,
    guideButton: /^(?:跳过|跳过引导|知道了|我知道了|完成)$/,
  };
  const EMOTION_RATING = { 负面: 1, 中性: 3, 正面: 5 };
  // What Taobao shows instead of an empty review (§3.3): the buyer wrote nothing.
  const EMPTY_TEXTS = new Set(["此用户没有填写评价", "此用户没有填写评价。", "系统默认好评", "评价方未及时做出评价,系统默认好评!"]);
  // `_80x80.jpg`, `_400x400q90.jpg`, `_80x80.jpg_.webp`: CDN thumbnail suffixes (§3.3).
  const THUMB = /(\.(?:jpe?g|png|gif|webp))_\d+x\d+(?:q\d+)?\.(?:jpe?g|png|webp)(?:_\.webp)?$/i;

  /** The 追评 row that belongs to `row` (Fusion renders it as the next sibling), or null. */
  function appendRow(row) {
    const next = row.nextElementSibling;
    return next && next.matches(SELECTORS.expandedRow) ? next : null;
  }

  /** The main review block: the first `.l-rate-content` of the row itself (the 追评 one is in the next row). */
  function mainBlock(row) {
    return row.querySelector(SELECTORS.rateBlock);
  }

  /** The 正面/中性/负面 label span and the text span(s) of a `.rate-content`. */
  function rateParts(block) {
    const content = block && block.querySelector(SELECTORS.rateContent);
    if (!content) return null;
    const spans = [...content.children].filter((el) => el.tagName === "SPAN");
    const label = spans.length && (RE.emotion.test(textOf(spans[0])) || RE.appendLabel.test(textOf(spans[0]))) ? spans[0] : null;
    return { label, text: spans.filter((s) => s !== label) };
  }

  /** Review text as shown, with the placeholders turned into "". */
  function reviewText(parts) {
    const text = parts.text.map((s) => textOf(s)).join(" ").trim();
    return EMPTY_TEXTS.has(text) ? "" : text;
  }

  /** Original image URLs (thumbnail suffix stripped), absolute, without video posters. */
  function images(block) {
    const gallery = block && block.querySelector(SELECTORS.gallery);
    if (!gallery) return { images: [], hasVideo: false };
    const out = [];
    let hasVideo = false;
    for (const img of gallery.querySelectorAll("img")) {
      // One thumbnail per media item; a video item carries a play icon or data-type="video".
      const item = img.parentElement;
      if (item && item !== gallery && (item.matches(SELECTORS.videoItem) || item.querySelector(SELECTORS.videoItem))) {
        hasVideo = true;
        continue;
      }
      const src = img.getAttribute("data-src") || img.getAttribute("src");
      if (!src || src.startsWith("data:")) continue;
      out.push(new URL(src, block.baseURI).href.replace(THUMB, "$1"));
    }
    if (gallery.querySelector("video")) hasVideo = true;
    return { images: out, hasVideo };
  }

  /** @param {Element} row @returns {string|null} the first required anchor that is missing */
  function missingAnchor(row) {
    if (!RE.feedId.test(row.getAttribute("data-feed-id") || "")) return "data-feed-id";
    if (!findByText(row, RE.orderId)) return "订单号";
    const parts = rateParts(mainBlock(row));
    if (!parts) return "l-rate-content .rate-content (review text)";
    if (!parts.label || !RE.emotion.test(textOf(parts.label))) return "正面/中性/负面";
    if (!parts.text.length) return "l-rate-content .rate-content (review text)";
    return null;
  }

  /**
   * Review fields (companion.models.Review) from one 评价管理 row. Pure DOM reading, never `document`.
   * @param {Element} row a `tr.next-table-row` with `data-feed-id`
   * @returns {Object} Review
   * @throws {LayoutError} when a required anchor is missing
   */
  function extract(row) {
    const missing = missingAnchor(row);
    if (missing) throw new LayoutError(missing);
    const block = mainBlock(row);
    const parts = rateParts(block);
    const label = textOf(parts.label);
    const media = images(block);

    const productId = findByText(row, RE.productId);
    const titleEl = row.querySelector(SELECTORS.itemTitle);
    const skuEl = row.querySelector(SELECTORS.itemSku);
    const nickEl = row.querySelector(SELECTORS.buyerNick);
    const time = findByText(row, RE.reviewTime) || findByText(block, RE.time);

    let followUp = null;
    const ex = appendRow(row);
    const exBlock = ex && ex.querySelector(SELECTORS.rateBlock);
    if (exBlock) {
      const exParts = rateParts(exBlock);
      const exTime = findByText(exBlock, RE.time);
      const days = findByText(exBlock, RE.appendDays);
      followUp = {
        text: exParts ? reviewText(exParts) : "",
        // The absolute time when shown, else "确认收货后N天后追加评论" as shown.
        time: exTime ? exTime.match[1] : days ? textOf(days.el) : null,
      };
    }

    let sellerReply = null;
    const explain = row.querySelector(SELECTORS.explain);
    if (explain) {
      const body = explain.querySelector(SELECTORS.explainText);
      sellerReply = body ? textOf(body) : textOf(explain).replace(RE.explainLabel, "").replace(/\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?$/, "");
    }

    return {
      review_id: row.getAttribute("data-feed-id"),
      order_id: findByText(row, RE.orderId).match[1],
      product_id: productId ? productId.match[1] : null,
      product_title: titleEl ? titleEl.getAttribute("title") || textOf(titleEl) || null : null,
      sku: skuEl ? textOf(skuEl) || null : null,
      rating: EMOTION_RATING[label] || null,
      sub_ratings: {},
      rating_label: label,
      text: reviewText(parts),
      lang: "zh",
      buyer_nick: nickEl ? textOf(nickEl) || null : null,
      review_time: time ? time.match[1] : null,
      images: media.images,
      has_video: media.hasVideo,
      follow_up: followUp,
      seller_reply: sellerReply,
      tags: [...block.querySelectorAll(SELECTORS.impression)].map((t) => textOf(t)).filter(Boolean),
    };
  }

  /**
   * Order facts visible in the row (companion.models.OrderFacts); null without an order id.
   * @param {Element} row
   */
  function order(row) {
    const id = findByText(row, RE.orderId);
    if (!id) return null;
    const out = { order_id: id.match[1] };
    const titleEl = row.querySelector(SELECTORS.itemTitle);
    if (titleEl) out.product_title = titleEl.getAttribute("title") || textOf(titleEl);
    const skuEl = row.querySelector(SELECTORS.itemSku);
    if (skuEl && textOf(skuEl)) out.sku = textOf(skuEl);
    return out;
  }

  /**
   * Shop identity from the 千牛 header: `店铺名（主账号:子账号）`. The main account nick is Taobao's unique
   * seller identity (one shop per account), so it is the shop id; the name is what the header shows.
   * @param {Document|Element} root
   * @returns {{id: (string|null), name: string}|null}
   */
  function shop(root) {
    const el = root.querySelector(SELECTORS.shopHeader);
    const text = textOf(el);
    if (!text) return null;
    const m = /^(.+?)[（(]([^）)]+)[）)]$/.exec(text);
    if (!m) return { id: null, name: text };
    return { id: m[2].split(":")[0].trim() || null, name: m[1].trim() };
  }

  /** Is `el` laid out (a closed Fusion overlay may stay in the DOM hidden)? */
  function shown(el) {
    // checkVisibility needs style only; getClientRects lays the page out (a 500-row table, in the middle of
    // mounting its panels: blocked() is asked while rows mount).
    return el.isConnected && (typeof el.checkVisibility === "function" ? el.checkVisibility() : el.getClientRects().length > 0);
  }

  /**
   * The control that closes an overlay safely, or null: never one with form fields (the 回复/解释 dialog has a
   * textarea); a dialog through its close (×), a 新手引导 balloon through 跳过 / 知道了. A balloon without
   * such a button is a tooltip, not a popup.
   * @param {Element} el a `.next-dialog` or `.next-balloon`
   * @returns {HTMLElement|null}
   */
  function safeClose(el) {
    if (el.querySelector(SELECTORS.formField)) return null;
    if (el.matches(SELECTORS.dialog)) return el.querySelector(SELECTORS.overlayClose);
    const buttons = [...el.querySelectorAll("button, a")];
    return buttons.find((b) => /^跳过/.test(textOf(b))) || buttons.find((b) => BLOCK_RE.guideButton.test(textOf(b))) || null;
  }

  /**
   * Is the page blocked, so that what it shows is not what the seller can act on? In order:
   * - `captcha`: Alibaba's slider captcha;
   * - `session_expired`: a dialog saying the session expired (mtop `Session过期`);
   * - `logged_out`: the 千牛 login prompt on the same URL (password field + 登录; no review rows);
   * - `no_permission`: a sub-account without 评价管理 ("您没有该页面的访问权限"; no review rows);
   * - `overlay`: a shown dialog that cannot be closed safely (form fields or no ×) — e.g. 回复/解释 open.
   * The login redirect to login.taobao.com is another host the extension does not run on. Cheap on a page
   * with review rows (no text scan then). Reads only `doc`.
   * @param {Document} doc
   * @returns {{code: "captcha"|"session_expired"|"logged_out"|"no_permission"|"overlay", message: string}|null}
   */
  function blocked(doc) {
    if (doc.querySelector(SELECTORS.captcha)) return { code: "captcha", message: "captcha — solve it first" };
    const dialogs = [...doc.querySelectorAll(SELECTORS.dialog)].filter(shown);
    if (dialogs.some((d) => BLOCK_RE.sessionExpired.test(textOf(d)))) return { code: "session_expired", message: "session expired (登录已失效)" };
    if (doc.body && !doc.querySelector(SELECTORS.row)) {
      const login = doc.querySelector("input[type=password]") && [...doc.querySelectorAll("button")].some((b) => BLOCK_RE.loginButton.test(textOf(b)));
      if (login) return { code: "logged_out", message: "not logged in (千牛 login)" };
      const userText = [...doc.querySelectorAll(SELECTORS.userText)];
      if (findByText(doc.body, BLOCK_RE.noPermission, { exclude: userText })) return { code: "no_permission", message: "no permission for this page (没有访问权限)" };
    }
    if (dialogs.some((d) => !safeClose(d))) return { code: "overlay", message: "a dialog covers the page" };
    return null;
  }

  /**
   * Close a blocking notice dialog (功能升级, 重要消息 …) or a 新手引导 balloon so the rows are clickable. Safe
   * by design: never an overlay with form fields, only through its close (×) or the guide's 跳过 / 知道了;
   * never while the page is blocked otherwise (captcha, session expired: `blocked` reports those).
   * @param {Element} el a `.next-dialog` or `.next-balloon`
   * @returns {boolean} whether it was dismissed
   */
  function dismissOverlay(el) {
    return RC.dismissSafely(el, blocked, safeClose);
  }

  /**
   * Before a review capture: show a collapsed 追评 row (its "展开追评" toggle), so the screenshot holds what
   * the record says. Returns the function that collapses it again. Touches nothing else.
   * @param {Element|Document} target the review row (context pages: the document)
   * @param {string} kind
   * @returns {(Function|null)}
   */
  function beforeCapture(target, kind) {
    if (kind !== "review") return null;
    const ex = appendRow(target);
    if (!ex || ex.style.display !== "none") return null;
    const toggle = [...target.querySelectorAll("button, a")].find((b) => /^展开追评$/.test(textOf(b)));
    if (!toggle) return null;
    toggle.click();
    return () => {
      const again = [...target.querySelectorAll("button, a")].find((b) => /^收起追评$/.test(textOf(b)));
      if (again && ex.isConnected) again.click();
    };
  }

  // ------------------------------------------------------------------ context pages (v2)

  /** `{label → value element}` of the `.trade-info-item` lines under `root` (label without the colon). */
  function infoItems(root) {
    const out = new Map();
    for (const item of root.querySelectorAll(SELECTORS.infoItem)) {
      const label = textOf(item.querySelector(SELECTORS.infoLabel)).replace(/[:：]\s*$/, "");
      const value = item.querySelector(SELECTORS.infoValue);
      if (label && value && !out.has(label)) out.set(label, value);
    }
    return out;
  }

  /** Text of the first label present, or null for a missing label or the "-" placeholder. */
  function info(items, ...labels) {
    for (const label of labels) {
      const el = items.get(label);
      if (!el) continue;
      const v = textOf(el);
      return v && v !== "-" ? v : null;
    }
    return null;
  }

  /** The 19-digit order id of a `订单编号` line; LayoutError when the line (or its digits) is missing. */
  function orderIdOf(items) {
    const m = RE.digits.exec(info(items, "订单编号") || "");
    if (!m) throw new LayoutError("订单编号");
    return m[1];
  }

  /** Tracking events `{time, text, location}` of `.logistics-item` lines (newest first, as shown). */
  function trackingEvents(root) {
    return [...root.querySelectorAll(SELECTORS.logisticsItem)].map((li) => {
      const text = textOf(li.querySelector(".text"));
      const loc = RE.location.exec(text);
      return { time: textOf(li.querySelector(".time")) || null, text, location: loc ? loc[1] : null };
    });
  }

  /** Time of the newest tracking event saying the parcel was signed for, or null. */
  function signTime(events) {
    const ev = events.find((e) => RE.signed.test(e.text) && !RE.notSigned.test(e.text));
    return ev && ev.time && RE.time.test(ev.time) ? ev.time : null;
  }

  /** Drop null/empty fields (OrderFacts/ContextRecord keep only what the page showed). */
  function compact(obj) {
    const out = {};
    for (const [k, v] of Object.entries(obj)) {
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
      out[k] = v;
    }
    return out;
  }

  /** Order detail (`trade_order_detail_qian_niu.htm`). */
  function extractOrder(doc) {
    const items = infoItems(doc);
    if (!items.size) throw new LayoutError("trade-info-item");
    const orderId = orderIdOf(items);
    const events = trackingEvents(doc);
    const signed = signTime(events);
    const titleEl = doc.querySelector(SELECTORS.itemTitle);
    const skuEl = doc.querySelector(SELECTORS.itemSku);
    const feeEl = doc.querySelector(".actual-fee");
    const orderFacts = compact({
      order_id: orderId,
      product_title: titleEl ? titleEl.getAttribute("title") || textOf(titleEl) : null,
      sku: textOf(skuEl) || null,
      price: textOf(feeEl) || null,
      status: info(items, "订单状态"),
      order_time: info(items, "创建时间"),
      pay_time: info(items, "付款时间"),
      ship_time: info(items, "发货时间"),
      sign_time: signed,
      // 成交时间 only when no 签收 event is visible (see the header comment).
      delivery_time: signed ? null : info(items, "成交时间"),
      carrier: info(items, "快递公司", "物流公司"),
      tracking_no: info(items, "运单号", "运单号码"),
    });
    // The order page shows only the newest tracking lines: the full timeline comes from the logistics
    // page, so none is sent from here (the companion keeps the latest timeline it was sent).
    const record = compact({
      buyer_nick: info(items, "买家"),
      carrier: orderFacts.carrier,
      tracking_no: orderFacts.tracking_no,
    });
    return { order: orderFacts, record: Object.keys(record).length ? record : null };
  }

  /** Logistics detail (`wuliu.taobao.com/user/order_detail_new.htm`). */
  function extractLogistics(doc) {
    const items = infoItems(doc);
    if (!items.size) throw new LayoutError("trade-info-item");
    const orderId = orderIdOf(items);
    if (!doc.querySelector(SELECTORS.logisticsItem)) throw new LayoutError("logistics-item");
    const events = trackingEvents(doc);
    if (events.some((e) => !e.text)) throw new LayoutError("logistics-item .text");
    const carrier = info(items, "物流公司", "快递公司");
    const trackingNo = info(items, "运单号码", "运单号");
    const orderFacts = compact({
      order_id: orderId,
      product_title: info(items, "宝贝"),
      ship_time: info(items, "发货时间"),
      sign_time: signTime(events),
      carrier,
      tracking_no: trackingNo,
    });
    return { order: orderFacts, record: compact({ carrier, tracking_no: trackingNo, tracking_events: events }) };
  }

  /** Chat history (`market.m.taobao.com/app/qn/im-history-search`). */
  function extractChat(doc) {
    const list = doc.querySelector(SELECTORS.msgList);
    if (!list) throw new LayoutError("im-msg-list");
    const head = doc.querySelector(".im-head");
    const id = findByText(head || doc.body, /^订单编号[:：]\s*(\d{15,20})$/);
    if (!id) throw new LayoutError("订单编号");
    const msgs = [...list.querySelectorAll(SELECTORS.msg)];
    // An empty list must say so; otherwise the message markup changed and an empty capture would lie.
    if (!msgs.length && !findByText(list, /^没有找到聊天记录$/)) throw new LayoutError("im-msg");
    const messages = msgs.map((m) => {
      const content = m.querySelector(".im-msg-content");
      if (!content) throw new LayoutError("im-msg-content");
      const from = m.getAttribute("data-from");
      return {
        time: textOf(m.querySelector(".im-msg-time")) || null,
        sender: from === "buyer" || from === "seller" || from === "system" ? from : "unknown",
        text: textOf(content),
      };
    });
    const nick = textOf(doc.querySelector(".im-buyer-nick")) || null;
    // `messages` stays even when empty: "the chat history shows no message" is itself a fact.
    return { order: { order_id: id.match[1] }, record: { ...compact({ buyer_nick: nick }), messages } };
  }

  /** Refund detail (`refund2.taobao.com/dispute/detail.htm`). */
  function extractAfterSales(doc) {
    const items = infoItems(doc);
    if (!items.size) throw new LayoutError("trade-info-item");
    const orderId = orderIdOf(items);
    const refundId = info(items, "退款编号");
    if (!refundId) throw new LayoutError("退款编号");
    if (!doc.querySelector(SELECTORS.timeline)) throw new LayoutError("协商历史 (timeline)");
    const timeline = [...doc.querySelectorAll(SELECTORS.timelineItem)].map((li) => ({
      time: textOf(li.querySelector(".time")) || null,
      text: textOf(li.querySelector(".text")),
    }));
    const orderFacts = compact({
      order_id: orderId,
      product_title: info(items, "宝贝"),
      price: info(items, "实付金额"),
    });
    const record = compact({
      buyer_nick: info(items, "买家"),
      aftersale_id: refundId,
      aftersale_type: info(items, "退款类型"),
      aftersale_status: info(items, "退款状态"),
      aftersale_reason: info(items, "退款原因"),
      refund_amount: info(items, "退款金额"),
      timeline,
    });
    return { order: orderFacts, record };
  }

  const EXTRACTORS = { order: extractOrder, logistics: extractLogistics, chat: extractChat, after_sales: extractAfterSales };

  /**
   * Structured record of a context page (docs/ADAPTERS.md v2). Never guesses: a missing anchor throws.
   * @param {Document} doc
   * @param {"order"|"chat"|"logistics"|"after_sales"} kind
   * @returns {{order: Object, record: (Object|null), shop: null}}
   * @throws {LayoutError}
   */
  function extractPage(doc, kind) {
    const fn = EXTRACTORS[kind];
    if (!fn) throw new LayoutError(`page kind ${kind}`);
    const out = fn(doc);
    // The trade/wuliu/refund2/market hosts show no shop header.
    return { order: out.order, record: out.record, shop: null };
  }

  // ------------------------------------------------------------------ URLs

  const MOCK_PREFIX = "/mock/taobao";
  const SELLER_HOSTS = ["myseller.taobao.com", "qn.taobao.com"];
  /** [host, path regex, kind] for every page this adapter handles, on the real hosts. */
  const PAGES = [
    ["myseller.taobao.com", /^\/home\.htm\/comment-manage\/list(?:\/rateWait4PC)?\/?$/, "review"],
    ["qn.taobao.com", /^\/home\.htm\/comment-manage\/list(?:\/rateWait4PC)?\/?$/, "review"],
    ["trade.taobao.com", /^\/trade\/detail\/(?:trade_order_detail_qian_niu|trade_item_detail)\.htm$/, "order"],
    ["tradearchive.taobao.com", /^\/trade\/detail\/trade_item_detail\.htm$/, "order"],
    ["wuliu.taobao.com", /^\/user\/order_detail_new\.htm$/, "logistics"],
    ["market.m.taobao.com", /^\/app\/qn\/im-history-search\/index\.html$/, "chat"],
    ["refund2.taobao.com", /^\/dispute\/detail\.htm$/, "after_sales"],
  ];
  const MOCK_HOSTS = ["trade.taobao.com", "wuliu.taobao.com", "market.m.taobao.com", "refund2.taobao.com"];

  /** `{host, path, mockOrigin}` of a URL on the real hosts or on the companion's mock; null otherwise. */
  function locate(url) {
    let u;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    if (u.protocol === "https:" && !u.port) return { host: u.hostname, path: u.pathname, mockOrigin: null };
    if (u.protocol !== "http:" || (u.hostname !== "127.0.0.1" && u.hostname !== "localhost")) return null;
    if (!u.pathname.startsWith(MOCK_PREFIX + "/")) return null;
    const rel = u.pathname.slice(MOCK_PREFIX.length + 1);
    const first = rel.split("/")[0];
    const origin = u.origin + MOCK_PREFIX;
    if (MOCK_HOSTS.includes(first)) return { host: first, path: rel.slice(first.length), mockOrigin: origin };
    return { host: SELLER_HOSTS[0], path: "/" + rel, mockOrigin: origin };
  }

  /**
   * Which Taobao page `url` is (real hosts or the companion's mock under /mock/taobao/). Pure.
   * `login.taobao.com` (the login redirect), buyer pages (item.taobao.com) and look-alike hosts are null.
   * @param {string} url
   * @returns {"review"|"order"|"chat"|"logistics"|"after_sales"|null}
   */
  function pageKind(url) {
    const where = locate(url);
    if (!where) return null;
    const page = PAGES.find(([host, path]) => host === where.host && path.test(where.path));
    return page ? page[2] : null;
  }

  /** Is `url` a Taobao seller page this adapter handles? Pure. @param {string} url */
  function detect(url) {
    return pageKind(url) !== null;
  }

  /**
   * Deep links to the context pages of one order (real URLs; the mock equivalents when `pageUrl` is a
   * page of the companion's mock, so the chain stays clickable in the try-it mode).
   * @param {string} orderId
   * @param {{pageUrl?: string, region?: string}} [opts]
   * @returns {{order: string, chat: string, logistics: string, after_sales: string}}
   */
  function contextLinks(orderId, { pageUrl } = {}) {
    const id = encodeURIComponent(String(orderId));
    const where = pageUrl ? locate(pageUrl) : null;
    const base = (host) => (where && where.mockOrigin ? `${where.mockOrigin}/${host}` : `https://${host}`);
    return {
      order: `${base("trade.taobao.com")}/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId=${id}&sifg=1&isQnNew=true`,
      logistics: `${base("wuliu.taobao.com")}/user/order_detail_new.htm?trade_id=${id}`,
      chat: `${base("market.m.taobao.com")}/app/qn/im-history-search/index.html#/?bizOrderId=${id}`,
      after_sales: `${base("refund2.taobao.com")}/dispute/detail.htm?bizOrderId=${id}`,
    };
  }

  const CONTEXT_TEST_URLS = {
    review: [
      "https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20",
      "https://qn.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=2&pageSize=100&emotion=13",
      "https://myseller.taobao.com/home.htm/comment-manage/list",
      "http://127.0.0.1:8765/mock/taobao/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20",
      "http://localhost:8765/mock/taobao/home.htm/comment-manage/list/rateWait4PC",
    ],
    order: [
      "https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId=4770914534165382896&sifg=1&isQnNew=true",
      "https://tradearchive.taobao.com/trade/detail/trade_item_detail.htm?biz_order_id=4502224694062011129&sifg=1",
      "http://127.0.0.1:8765/mock/taobao/trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId=4770914534165382896&sifg=1&isQnNew=true",
    ],
    logistics: [
      "https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=4770914534165382896",
      "http://127.0.0.1:8765/mock/taobao/wuliu.taobao.com/user/order_detail_new.htm?trade_id=4770914534165382896",
    ],
    chat: [
      "https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId=4541415672151798390&buyer=w**",
      "http://127.0.0.1:8765/mock/taobao/market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId=4541415672151798390",
    ],
    after_sales: [
      "https://refund2.taobao.com/dispute/detail.htm?bizOrderId=4541415672151798390&refundId=2748382467438592934",
      "http://127.0.0.1:8765/mock/taobao/refund2.taobao.com/dispute/detail.htm?bizOrderId=4541415672151798390",
    ],
  };

  RC.adapters.register({
    id: "taobao",
    lang: "zh",
    /** The review's own id keys its panel (two rows of one order are two reviews). */
    rowKey: (row) => row.getAttribute("data-feed-id"),
    detect,
    pageKind,
    rowSelector: SELECTORS.row,
    overlaySelector: SELECTORS.overlay,
    missingAnchor,
    extract,
    order,
    shop,
    dismissOverlay,
    blocked,
    beforeCapture,
    extractPage,
    contextLinks,
    /**
     * The panel goes under the review in the 评价内容 cell, the widest column: in the narrow 操作 cell
     * (about 110 px at 1366 px) a usable panel would widen the table beyond the window.
     */
    anchor: (row) => row.querySelector(SELECTORS.rateBlock)?.closest("td") || row.firstElementChild || row,
    testUrls: Object.values(CONTEXT_TEST_URLS).flat(),
    contextTestUrls: CONTEXT_TEST_URLS,
  });
})();

/* Test URLs
https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20
https://qn.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20
https://trade.taobao.com/trade/detail/trade_order_detail_qian_niu.htm?bizOrderId=4770914534165382896&sifg=1&isQnNew=true
https://tradearchive.taobao.com/trade/detail/trade_item_detail.htm?biz_order_id=4502224694062011129&sifg=1
https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=4770914534165382896
https://market.m.taobao.com/app/qn/im-history-search/index.html#/?bizOrderId=4541415672151798390
https://refund2.taobao.com/dispute/detail.htm?bizOrderId=4541415672151798390
http://127.0.0.1:8765/mock/taobao/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20
*/
