/* Douyin 抖店 评价管理 adapter (fxg.jinritemai.com).
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
    // Notice / "新功能引导" modals shown on load (§1.3 popups).
    overlay: ".auxo-modal-wrap, .ant-modal-wrap",
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

  /** The row's cells: comment (has stars), product (has 订单编号). */
  function cells(row) {
    const tds = [...row.children];
    const comment = tds.find((td) => td.querySelector(SELECTORS.rate)) || null;
    const product = tds.find((td) => findByText(td, RE.orderId)) || null;
    return { comment, product, actions: tds[tds.length - 1] || row };
  }

  /** Follow-up (追评) and seller-reply blocks: excluded when reading the main review. */
  function blocks(comment) {
    const fu = findByText(comment, RE.followUpLabel);
    const rp = findByText(comment, RE.replyLabel);
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
    for (const el of comment.querySelectorAll("*")) {
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
    const tagsLabel = findByText(comment, RE.tagsLabel, { exclude: skip });
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

  /**
   * Close a blocking notice modal ("新功能引导", 公告) so the rows are clickable. Safe by design:
   * only a modal without form fields, only via its 知道了 button or its close (×) button.
   * @param {Element} wrap an `.auxo-modal-wrap`
   * @returns {boolean} whether it was dismissed
   */
  function dismissOverlay(wrap) {
    if (wrap.querySelector("input, textarea, select, [contenteditable='true']")) return false;
    const ok = [...wrap.querySelectorAll("button")].find((b) => NOTICE_BUTTONS.test(textOf(b)));
    const close = wrap.querySelector(".auxo-modal-close, .ant-modal-close");
    const target = ok || close;
    if (!target) return false;
    target.click();
    return true;
  }

  const MOCK_PREFIX = "/mock/douyin";
  const ROUTES = /^\/ffa\/(?:maftersale\/comment|g\/comment|mshop\/comment\/list)\/?$/;

  /**
   * Is `url` the 评价管理 page (current route, the older route, or the hash-router era), on
   * fxg.jinritemai.com or on the companion's mock under /mock/douyin/? Pure.
   * @param {string} url
   */
  function detect(url) {
    let u;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    let path = u.pathname;
    if (u.protocol === "https:" && u.hostname === "fxg.jinritemai.com") {
      // real seller center
    } else if (u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost") && path.startsWith(MOCK_PREFIX + "/")) {
      path = path.slice(MOCK_PREFIX.length);
    } else {
      return false;
    }
    if (ROUTES.test(path)) return true;
    return /^\/(?:index\.html)?$/.test(path) && /^#\/ffa\/g\/comment(?:[/?]|$)/.test(u.hash);
  }

  RC.adapters.register({
    id: "douyin",
    detect,
    rowSelector: SELECTORS.row,
    overlaySelector: SELECTORS.overlay,
    /** @param {ParentNode} root */
    rows: (root) => [...root.querySelectorAll(SELECTORS.row)],
    missingAnchor,
    extract,
    order,
    shop,
    dismissOverlay,
    /** The panel goes into the 操作 (actions) cell, beside the row's own buttons. */
    anchor: (row) => cells(row).actions,
    testUrls: [
      "https://fxg.jinritemai.com/ffa/maftersale/comment",
      "https://fxg.jinritemai.com/ffa/maftersale/comment?_bid=ffa_aftersale",
      "https://fxg.jinritemai.com/ffa/g/comment",
      "https://fxg.jinritemai.com/index.html#/ffa/g/comment",
      "http://127.0.0.1:8765/mock/douyin/ffa/maftersale/comment",
      "http://localhost:8765/mock/douyin/ffa/g/comment?rank=1",
      "http://127.0.0.1:8765/mock/douyin/index.html#/ffa/g/comment",
    ],
  });
})();

/* Test URLs
https://fxg.jinritemai.com/ffa/maftersale/comment
https://fxg.jinritemai.com/ffa/g/comment
https://fxg.jinritemai.com/index.html#/ffa/g/comment
http://127.0.0.1:8765/mock/douyin/ffa/maftersale/comment
*/
