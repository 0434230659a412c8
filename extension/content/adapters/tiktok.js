/* TikTok Shop Seller Center adapter: Product Ratings (review page) plus the order detail, tracking,
 * return/refund and chat (IM) context pages, on every regional host.
 * Size (~690 lines): one platform's whole seller center in one file, the adapter contract of
 * docs/ADAPTERS.md — the hooks of its pages depend on each other (shared hosts, builds and regions).
 *
 * Anchored only on hooks that survive deploys (shared research seller-pages.md §0 rule 2, §2.3):
 * - the SEMANTIC part of CSS-module class names, matched per class token: `ratingListItem` matches
 *   `ratingListItem-B1nrTf` (build "a", `name-HASH6`) and `_ratingListItem_x3Qz_` (build "b", Vite
 *   `_name_HASH`), never the hash itself;
 * - `data-tid` attributes (`m4b_*`) and `core-*` kit classes;
 * - visible labels: "Order ID:" (ID shop: "ID Pesanan:"), "Product ID:".
 *
 * Review ids: the ratings page shows none, so the adapter derives a stable one,
 * `tt-` + FNV-1a 64 (hex) of `order_id|product_id|username` — never the time or the position, so
 * the same card gets the same id across reloads, builds and pages (the scrapers' convention,
 * research §2.2). Review time: `review_time` is the shown date only ("Jan 15, 2026" or
 * "15 Jan 2026"); an edit suffix ("| Edited 5 days ago", ID shop "| Diubah …") is stripped from it
 * and kept as a tag, as shown ("Edited 5 days ago"): it is relative to the capture's `captured_at`.
 * `lang` stays null (the companion detects it from the text; the ID shop may show Indonesian).
 *
 * Blocking states (research §0 rule 4): the notice modal (`.core-modal-root`, "Got it") is
 * dismissed through `dismissOverlay`; a captcha (`#captcha_container`) and the logged-out
 * marketing page ("Join now" / "Sign up" on the same URL) are reported by `blocked(doc)` and make
 * `extract`/`extractPage` throw `RC.BlockedError`-like errors (`name === "BlockedError"`) so nothing
 * is ever captured from a page the seller cannot see.
 */
(function () {
  "use strict";
  const RC = globalThis.RC;
  const { findByText, textOf, LayoutError } = RC;
  const LOG = "Review Guard:";

  // --- selectors ----------------------------------------------------------------------------
  /**
   * CSS for an element that has a class token whose semantic part is `name`, in both hash styles
   * (build a `name-XXXXXX`, build b `_name_XXXXX`). `[class*=…]` alone would also match longer names
   * (`ratingListItemWrap`); `hasPart` filters the candidates exactly.
   * @param {string} name
   */
  const cls = (name) =>
    `[class^='${name}-'], [class*=' ${name}-'], [class^='_${name}_'], [class*=' _${name}_'], [class~='${name}']`;
  const SELECTORS = {
    // The card: `ratingListContainer > ratingListMain > ratingListMainLists > ratingListItem`.
    row: cls("ratingListItem"),
    // Notice / "what's new" modal of the core kit (research §2.3 "Popups must be dismissed").
    overlay: ".core-modal-root",
    captcha: "#captcha_container",
    // Links only the logged-out marketing page has (it keeps the /product/rating URL).
    loggedOutLinks: "a[href*='/account/register'], a[href*='/account/login']",
    sidebar: "[class*='sidebar'], [data-tid='m4b_sidebar']",
    shopName: "[data-tid='m4b_shop_name']",
    shopId: "[data-tid='m4b_shop_id']",
  };

  // --- visible-text anchors -------------------------------------------------------------------
  const RE = {
    orderId: /^(?:Order ID|ID Pesanan|Mã đơn hàng)\s*[:：]\s*(\d{10,24})$/,
    productId: /^(?:Product ID|ID Produk)\s*[:：]\s*(\d{6,24})$/,
    shopId: /^Shop ID\s*[:：]\s*(\S+)$/,
    // "Jan 15, 2026" (US/PH/ID) or "15 Jan 2026"; anything else is kept as shown.
    edited: /\s*\|\s*((?:Edited|Diubah)\b.*)$/,
    time: /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}(?::\d{2})?/,
    signed: /\bsigned\b/i,
    loggedOut: /^(?:Join now|Sign up)$/,
    notice: /^(?:Got it|OK|I understand|I know)$/,
    digits: /^\d{10,24}$/,
  };

  /** Does `el` carry a class token whose semantic part is `name` (hash style a or b, or bare)? */
  function hasPart(el, name) {
    for (const c of el.classList) {
      if (c === name) return true;
      if (c.startsWith(name + "-") && /^[A-Za-z0-9_-]{4,8}$/.test(c.slice(name.length + 1))) return true;
      if (c.startsWith("_" + name + "_") && /^[A-Za-z0-9_-]{4,8}$/.test(c.slice(name.length + 2))) return true;
    }
    return false;
  }

  /** First descendant of `root` (or `root` itself) with the semantic class `name`. */
  function part(root, name) {
    if (!root) return null;
    if (root.nodeType === 1 && hasPart(root, name)) return root;
    for (const el of root.querySelectorAll(cls(name))) if (hasPart(el, name)) return el;
    return null;
  }

  /** All descendants of `root` with the semantic class `name`. */
  function parts(root, name) {
    return root ? [...root.querySelectorAll(cls(name))].filter((el) => hasPart(el, name)) : [];
  }

  /** Element by `data-tid` (stable hook) under `root`. */
  const tid = (root, id) => root.querySelector(`[data-tid='${id}']`);
  const tids = (root, id) => [...root.querySelectorAll(`[data-tid='${id}']`)];

  // --- stable review id ----------------------------------------------------------------------
  /**
   * FNV-1a 64-bit of the UTF-8 bytes of `text`, as 16 hex digits. Sync, tiny, deterministic.
   * @param {string} text
   * @returns {string}
   */
  function fnv1a64(text) {
    const bytes = new TextEncoder().encode(text);
    let h = 0xcbf29ce484222325n;
    for (const b of bytes) {
      h ^= BigInt(b);
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h.toString(16).padStart(16, "0");
  }

  /**
   * Stable review id for a card: the page shows none (research §2.2).
   * @param {string} orderId @param {string} productId @param {string} user
   */
  function reviewId(orderId, productId, user) {
    return "tt-" + fnv1a64(`${orderId}|${productId}|${user}`);
  }

  // --- blocking states -----------------------------------------------------------------------
  /** Thrown instead of reading a page the seller cannot see (captcha, logged out). */
  class BlockedError extends Error {
    /** @param {"captcha"|"logged_out"} code @param {string} message */
    constructor(code, message) {
      super(message);
      this.name = "BlockedError";
      this.code = code;
      // main.js shows LayoutError-like errors through `anchor`; say what blocks, plainly.
      this.anchor = message;
    }
  }

  /**
   * Is the page blocked? Captcha overlay first (the page under it is real but unclickable), then the
   * logged-out marketing page (same URL, no sidebar, "Join now"/"Sign up").
   * @param {Document} doc
   * @returns {{code: "captcha"|"logged_out", message: string}|null}
   */
  function blocked(doc) {
    if (doc.querySelector(SELECTORS.captcha)) return { code: "captcha", message: "captcha — solve it first" };
    const body = doc.body;
    if (body && !body.querySelector(SELECTORS.sidebar)) {
      for (const el of body.querySelectorAll("a, button")) {
        if (RE.loggedOut.test(textOf(el))) return { code: "logged_out", message: "not logged in" };
      }
    }
    return null;
  }

  const warned = new WeakMap();
  /** Console line for a blocking state, once per document and state. */
  function warnBlocked(b, doc = document) {
    const seen = warned.get(doc) || new Set();
    if (seen.has(b.code)) return;
    seen.add(b.code);
    warned.set(doc, seen);
    console.warn(LOG, `TikTok Shop: ${b.message} — nothing will be captured on this page`);
  }

  /**
   * Once the seller solved the captcha (the overlay is gone), drop the panels that said "captcha —
   * solve it first": review-page.js's repair step remounts a panel on every row that lost its own, and
   * the fresh panel reads the card again. A listener of the document observer (core.js `RC.watch`),
   * removed then; another document (a frame's) gets a short-lived observer of its own.
   * @param {Document} doc
   */
  function afterCaptcha(doc) {
    if (watching.has(doc)) return;
    watching.add(doc);
    let stop = () => {};
    const check = () => {
      if (doc.querySelector(SELECTORS.captcha)) return;
      stop();
      watching.delete(doc);
      const seen = warned.get(doc);
      if (seen) seen.delete("captcha");
      for (const card of doc.querySelectorAll(SELECTORS.row)) {
        for (const host of card.querySelectorAll("rc-panel")) host.remove();
      }
    };
    if (doc === document) {
      stop = RC.watch(check, { own: true, childList: true });
    } else {
      const mo = new MutationObserver(check);
      mo.observe(doc, { childList: true, subtree: true });
      stop = () => mo.disconnect();
    }
  }
  const watching = new WeakSet();

  function assertNotBlocked(doc) {
    const b = blocked(doc);
    if (b) throw new BlockedError(b.code, b.message);
  }

  // --- review page ---------------------------------------------------------------------------
  /** Pieces of one card, by semantic class and visible label. */
  function pieces(card) {
    const orderLabel = findByText(card, RE.orderId);
    const productLabel = findByText(card, RE.productId);
    return {
      user: part(card, "userNameText"),
      stars: part(card, "ratingStar"),
      text: part(card, "reviewText"),
      time: part(card, "reviewTime"),
      media: part(card, "reviewMedia"),
      name: part(card, "productItemInfoName"),
      sku: part(card, "productItemInfoSku"),
      reply: part(card, "sellerReply"),
      orderId: orderLabel ? orderLabel.match[1] : null,
      productId: productLabel ? productLabel.match[1] : null,
      orderEl: orderLabel ? orderLabel.el : null,
    };
  }

  /**
   * Name of the first required anchor missing from a card, or null.
   * @param {Element} card
   */
  function missingAnchor(card) {
    const p = pieces(card);
    if (!p.orderId) return "Order ID";
    if (!p.productId) return "Product ID";
    if (!p.user) return "userNameText";
    if (!p.stars) return "ratingStar";
    return null;
  }

  /** "Jan 15, 2026 | Edited 5 days ago" → {time: "Jan 15, 2026", edited: "Edited 5 days ago"}. */
  function splitTime(shown) {
    const m = RE.edited.exec(shown);
    if (!m) return { time: shown || null, edited: null };
    return { time: shown.slice(0, m.index).trim() || null, edited: m[1].trim() };
  }

  /**
   * Review fields (companion.models.Review) of one rating card. Reads only `card`.
   * @param {Element} card a `ratingListItem` element
   * @returns {Object} Review
   * @throws {LayoutError} when a required anchor is missing
   * @throws {BlockedError} behind a captcha or when logged out
   */
  function extract(card) {
    assertNotBlocked(card.ownerDocument);
    const missing = missingAnchor(card);
    if (missing) throw new LayoutError(missing);
    const p = pieces(card);
    const user = textOf(p.user);
    // Only the card's own stars: the summary and the details drawer draw activeStar too.
    const active = parts(p.stars, "activeStar").filter((el) => el.tagName.toLowerCase() === "svg");
    const shown = p.time ? textOf(p.time) : "";
    const { time, edited } = splitTime(shown);
    const images = [];
    let hasVideo = !!(part(card, "playIcon") || part(card, "videoIcon"));
    if (p.media) {
      for (const img of p.media.querySelectorAll("img")) {
        const box = img.parentElement;
        if (box && (part(box, "playIcon") || part(box, "videoIcon"))) {
          hasVideo = true;
          continue; // the video's cover, not a photo
        }
        const src = img.getAttribute("data-src") || img.getAttribute("src");
        if (src && !src.startsWith("data:")) images.push(new URL(src, card.baseURI).href);
      }
    }
    const replyText = p.reply ? part(p.reply, "replyText") : null;
    return {
      review_id: reviewId(p.orderId, p.productId, user),
      order_id: p.orderId,
      product_id: p.productId,
      product_title: p.name ? p.name.getAttribute("title") || textOf(p.name) || null : null,
      sku: p.sku ? textOf(p.sku) || null : null,
      rating: active.length ? Math.min(active.length, 5) : null,
      sub_ratings: {},
      rating_label: null,
      text: p.text ? textOf(p.text) : "",
      lang: null,
      buyer_nick: user || null,
      review_time: time,
      images,
      has_video: hasVideo,
      follow_up: null,
      seller_reply: replyText ? textOf(replyText) : p.reply ? textOf(p.reply) || null : null,
      tags: edited ? [edited] : [],
    };
  }

  /**
   * Order facts visible on the card; null without an order id.
   * @param {Element} card
   */
  function order(card) {
    const p = pieces(card);
    if (!p.orderId) return null;
    const out = { order_id: p.orderId };
    if (p.name) out.product_title = p.name.getAttribute("title") || textOf(p.name);
    if (p.sku && textOf(p.sku)) out.sku = textOf(p.sku);
    return out;
  }

  /**
   * Shop identity from the header (`m4b_shop_name`, `m4b_shop_id` "Shop ID: …").
   * @param {Document|Element} root
   * @returns {{id: string|null, name: string|null}|null}
   */
  function shop(root) {
    const nameEl = tid(root, "m4b_shop_name");
    const idEl = tid(root, "m4b_shop_id");
    const m = idEl ? RE.shopId.exec(textOf(idEl)) : null;
    if (!nameEl && !m) return null;
    return { id: m ? m[1] : null, name: nameEl ? textOf(nameEl) || null : null };
  }

  /** The panel goes under the card's action buttons (Reply / Review details), else at the card's end. */
  function anchor(card) {
    return part(card, "ratingItemRight") || part(card, "ratingItemActions")?.parentElement || card;
  }

  /**
   * Close the notice modal ("Got it") so cards are clickable. Safe by design: only a modal without
   * form fields, only through its "Got it" button or its close (×) icon; never the captcha.
   * @param {Element} el a `.core-modal-root`
   * @returns {boolean} whether it was dismissed
   */
  function dismissOverlay(el) {
    const doc = el.ownerDocument;
    const b = blocked(doc);
    if (b) {
      // Never click through a captcha or a login page: say why nothing can be captured.
      warnBlocked(b, doc);
      if (b.code === "captcha") afterCaptcha(doc);
      return false;
    }
    if (!el.matches(SELECTORS.overlay)) return false;
    if (el.querySelector("input, textarea, select, [contenteditable='true']")) return false;
    const ok = [...el.querySelectorAll("button")].find((b) => RE.notice.test(textOf(b)));
    const close = el.querySelector(".core-modal-close-icon, [aria-label='Close']");
    const target = ok || close;
    if (!target) return false;
    target.click();
    return true;
  }

  // --- context pages -------------------------------------------------------------------------
  /** Text of a `data-tid` hook, or null. */
  function tidText(root, id) {
    const el = tid(root, id);
    const t = el ? textOf(el) : "";
    return t && t !== "--" ? t : null;
  }

  /** The `MM/DD/YYYY HH:MM:SS` time shown inside `el`, as shown; null when "--". */
  function shownTime(el) {
    const m = el ? RE.time.exec(textOf(el)) : null;
    return m ? m[0] : null;
  }

  /** The order id of a `m4b_order_id` hook (text or link), digits only. */
  function orderIdOf(root) {
    const el = tid(root, "m4b_order_id");
    const t = el ? textOf(el).replace(/^Order ID\s*[:：]?\s*/, "") : "";
    return RE.digits.test(t) ? t : null;
  }

  /** Tracking events (`m4b_tracking_event`) under `root`, as shown (newest first). */
  function trackingEvents(root) {
    return tids(root, "m4b_tracking_event").map((ev) => {
      const desc = part(ev, "trackingEventDesc");
      const time = part(ev, "trackingEventTime");
      const loc = part(ev, "trackingEventLocation");
      return {
        time: time ? textOf(time) || null : shownTime(ev),
        text: desc ? textOf(desc) : textOf(ev),
        location: loc ? textOf(loc) || null : null,
      };
    });
  }

  /** Sign-for time: the newest tracking event saying the parcel was signed for. */
  function signTime(events) {
    const ev = events.find((e) => RE.signed.test(e.text));
    return ev ? ev.time : null;
  }

  function compact(obj) {
    const out = {};
    for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined && !(Array.isArray(v) && !v.length)) out[k] = v;
    return out;
  }

  function orderPage(doc, region) {
    const root = tid(doc, "m4b_order_detail") || doc.body;
    const orderId = orderIdOf(root);
    if (!orderId) throw new LayoutError("m4b_order_id");
    if (!tid(root, "m4b_order_timeline_placed")) throw new LayoutError("m4b_order_timeline_placed");
    const step = (key) => shownTime(tid(root, `m4b_order_timeline_${key}`));
    const trackingBox = tid(root, "m4b_order_tracking");
    const events = trackingBox ? trackingEvents(trackingBox) : [];
    const sku = tidText(root, "m4b_order_sku");
    const facts = compact({
      order_id: orderId,
      product_title: tidText(root, "m4b_order_product_name"),
      sku: sku ? sku.replace(/^SKU\s*[:：]\s*/, "") : null,
      price: tidText(root, "m4b_order_total"),
      status: tidText(root, "m4b_order_status"),
      order_time: step("placed"),
      pay_time: step("paid"),
      ship_time: step("shipped"),
      delivery_time: step("delivered"),
      sign_time: signTime(events),
      tracking_no: tidText(root, "m4b_tracking_no"),
      carrier: tidText(root, "m4b_carrier"),
    });
    const ret = tid(root, "m4b_order_return");
    const link = ret ? tid(ret, "m4b_return_link") : null;
    const record = compact({
      buyer_nick: tidText(root, "m4b_order_buyer_name"),
      tracking_no: facts.tracking_no,
      carrier: facts.carrier,
      tracking_events: events,
      aftersale_id: link && RE.digits.test(textOf(link)) ? textOf(link) : null,
    });
    return { order: facts, record, shop: shop(doc), region };
  }

  function trackingPage(doc, region) {
    const root = tid(doc, "m4b_tracking") || doc.body;
    if (!tid(doc, "m4b_tracking")) throw new LayoutError("m4b_tracking");
    const orderId = orderIdOf(root);
    if (!orderId) throw new LayoutError("m4b_order_id");
    const events = trackingEvents(root);
    const carrier = tidText(root, "m4b_carrier");
    const trackingNo = tidText(root, "m4b_tracking_no");
    const delivered = events.find((e) => /^Delivered\b/i.test(e.text));
    return {
      order: compact({ order_id: orderId, carrier, tracking_no: trackingNo, delivery_time: delivered ? delivered.time : null, sign_time: signTime(events) }),
      record: compact({ carrier, tracking_no: trackingNo, tracking_events: events }),
      shop: shop(doc),
      region,
    };
  }

  function returnPage(doc, region) {
    const root = tid(doc, "m4b_return_detail") || doc.body;
    const rid = tidText(root, "m4b_return_id");
    if (!rid) throw new LayoutError("m4b_return_id");
    const orderId = orderIdOf(root);
    if (!orderId) throw new LayoutError("m4b_order_id");
    const timeline = tids(root, "m4b_return_event").map((ev) => {
      const text = part(ev, "returnEventText");
      const time = part(ev, "returnEventTime");
      return { time: time ? textOf(time) || null : shownTime(ev), text: text ? textOf(text) : textOf(ev) };
    });
    return {
      order: { order_id: orderId },
      record: compact({
        aftersale_id: rid,
        aftersale_type: tidText(root, "m4b_return_type"),
        aftersale_status: tidText(root, "m4b_return_status"),
        aftersale_reason: tidText(root, "m4b_return_reason"),
        refund_amount: tidText(root, "m4b_refund_amount"),
        timeline,
      }),
      shop: shop(doc),
      region,
    };
  }

  function chatPage(doc, region) {
    const list = tid(doc, "m4b_im_message_list");
    if (!list) throw new LayoutError("m4b_im_message_list");
    const cardIds = tids(list, "m4b_im_order_card")
      .map((c) => findByText(c, RE.orderId))
      .filter(Boolean)
      .map((f) => f.match[1]);
    const wanted = new URL(doc.URL).searchParams.get("order_no");
    let orderId = null;
    if (wanted && RE.digits.test(wanted)) orderId = wanted;
    else if (new Set(cardIds).size === 1) orderId = cardIds[0];
    // No order in the URL and zero or several order cards: which order this chat is about is a guess.
    if (!orderId) throw new LayoutError("Order ID (order card or ?order_no=)");
    const header = part(doc.body, "chatBuyerName");
    const messages = tids(list, "m4b_im_message").map((m) => {
      const sender = hasPart(m, "messageSeller") ? "seller" : hasPart(m, "messageBuyer") ? "buyer" : hasPart(m, "messageSystem") ? "system" : "unknown";
      const time = part(m, "messageTime");
      const card = tid(m, "m4b_im_order_card");
      let text;
      if (card) {
        const f = findByText(card, RE.orderId);
        text = `[Order card] ${f ? "Order ID: " + f.match[1] : textOf(card)}`;
      } else {
        const bubble = part(m, "messageBubble") || part(m, "systemText");
        text = bubble ? textOf(bubble) : "";
        const img = bubble && bubble.querySelector("img");
        if (!text && img) text = `[Image] ${new URL(img.getAttribute("data-src") || img.getAttribute("src"), doc.baseURI).href}`;
      }
      return { time: time ? textOf(time) || null : null, sender, text };
    });
    return {
      order: { order_id: orderId },
      record: compact({ buyer_nick: header ? textOf(header) || null : null, messages }),
      shop: shop(doc),
      region,
    };
  }

  /**
   * Structured record of a context page (docs/ADAPTERS.md v2).
   * @param {Document} doc
   * @param {"order"|"logistics"|"after_sales"|"chat"} kind
   * @returns {{order: Object, record: Object|null, shop: Object|null, region: string|null}}
   * @throws {LayoutError|BlockedError}
   */
  function extractPage(doc, kind) {
    assertNotBlocked(doc);
    const region = regionOf(doc.URL);
    if (kind === "order") return orderPage(doc, region);
    if (kind === "logistics") return trackingPage(doc, region);
    if (kind === "after_sales") return returnPage(doc, region);
    if (kind === "chat") return chatPage(doc, region);
    throw new LayoutError(`page kind ${kind}`);
  }

  // --- URLs ----------------------------------------------------------------------------------
  const MOCK_PREFIX = "/mock/tiktok";
  // seller-us.tiktok.com, seller-th…, seller-uk…; seller.tiktokglobalshop.com, seller.us.tiktokglobalshop.com
  // (legacy); the Indonesian shop moved to Tokopedia's host.
  const HOSTS = [/^seller-([a-z]{2})\.tiktok\.com$/, /^seller(?:\.([a-z]{2}))?\.tiktokglobalshop\.com$/, /^seller-(id)\.tokopedia\.com$/];
  const REAL_HOSTS = { ID: "seller-id.tokopedia.com" };
  const KINDS = [
    [/^\/product\/rating\/?$/, "review"],
    [/^\/order\/detail\/?$/, "order"],
    [/^\/order\/tracking\/?$/, "logistics"],
    [/^\/order\/return-refund\/detail\/?$/, "after_sales"],
    [/^\/im\/?$/, "chat"],
  ];

  /** `{url, path, hostRegion, mock}` for a TikTok Shop seller-center or mock URL, else null. Pure. */
  function parse(url) {
    let u;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    if (u.protocol === "https:") {
      for (const re of HOSTS) {
        const m = re.exec(u.hostname);
        if (m) return { u, path: u.pathname, hostRegion: m[1] ? m[1].toUpperCase() : null, mock: false };
      }
      return null;
    }
    if (u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost") && u.pathname.startsWith(MOCK_PREFIX + "/")) {
      return { u, path: u.pathname.slice(MOCK_PREFIX.length), hostRegion: null, mock: true };
    }
    return null;
  }

  /**
   * Which page of TikTok Shop Seller Center `url` is. Pure.
   * @param {string} url
   * @returns {"review"|"order"|"chat"|"logistics"|"after_sales"|null}
   */
  function pageKind(url) {
    const p = parse(url);
    if (!p) return null;
    for (const [re, kind] of KINDS) if (re.test(p.path)) return kind;
    return null;
  }

  /**
   * Is `url` a TikTok Shop Seller Center page the extension handles (any region, or the mock)? Pure.
   * @param {string} url
   */
  function detect(url) {
    return pageKind(url) !== null;
  }

  /**
   * Shop region: `shop_region` from the query, else the host's (`seller-th` → TH), else null. Pure.
   * @param {string} url
   * @returns {string|null}
   */
  function regionOf(url) {
    const p = parse(url);
    if (!p) return null;
    const q = (p.u.searchParams.get("shop_region") || "").toUpperCase();
    if (/^[A-Z]{2}$/.test(q)) return q;
    return p.hostRegion;
  }

  /**
   * Deep links for one order (docs/ADAPTERS.md v2): on the current seller-center host (or the
   * region's), or the mock equivalents when the page is the mock. The return/refund detail needs a
   * return id that only the order page shows, so `after_sales` opens the order detail (its
   * "Return/Refund" section links the request).
   * @param {string} orderId
   * @param {{pageUrl?: string, region?: string}} [opts]
   * @returns {{order: string, chat: string, logistics: string, after_sales: string}|{}}
   */
  function contextLinks(orderId, { pageUrl, region } = {}) {
    if (!RE.digits.test(String(orderId || ""))) return {};
    const p = pageUrl ? parse(pageUrl) : null;
    const reg = (region || (pageUrl && regionOf(pageUrl)) || "US").toUpperCase();
    let base;
    if (p && p.mock) base = p.u.origin + MOCK_PREFIX;
    else if (p) base = p.u.origin;
    else base = "https://" + (REAL_HOSTS[reg] || `seller-${reg.toLowerCase()}.tiktok.com`);
    const q = (extra) => "?" + new URLSearchParams({ ...extra, shop_region: reg }).toString();
    const orderUrl = `${base}/order/detail${q({ order_no: orderId })}`;
    return {
      order: orderUrl,
      logistics: `${base}/order/tracking${q({ order_no: orderId })}`,
      chat: `${base}/im${q({ order_no: orderId })}`,
      after_sales: orderUrl,
    };
  }

  const TEST_URLS = {
    review: [
      "https://seller-us.tiktok.com/product/rating?shop_region=US",
      "https://seller-vn.tiktok.com/product/rating?shop_region=VN",
      "https://seller-th.tiktok.com/product/rating?shop_region=TH",
      "https://seller-my.tiktok.com/product/rating?shop_region=MY",
      "https://seller-ph.tiktok.com/product/rating?shop_region=PH",
      "https://seller-sg.tiktok.com/product/rating?shop_region=SG",
      "https://seller-uk.tiktok.com/product/rating?shop_region=UK",
      "https://seller-br.tiktok.com/product/rating?shop_region=BR",
      "https://seller-id.tokopedia.com/product/rating?shop_region=ID",
      "https://seller.tiktokglobalshop.com/product/rating",
      "https://seller.us.tiktokglobalshop.com/product/rating?shop_region=US",
      "http://127.0.0.1:8765/mock/tiktok/product/rating?shop_region=US",
      "http://localhost:8765/mock/tiktok/product/rating?shop_region=US&build=b",
    ],
    order: [
      "https://seller-us.tiktok.com/order/detail?order_no=576050632209646377&shop_region=US",
      "http://127.0.0.1:8765/mock/tiktok/order/detail?order_no=576050632209646377&shop_region=US",
    ],
    logistics: [
      "https://seller-us.tiktok.com/order/tracking?order_no=576050632209646377&shop_region=US",
      "http://127.0.0.1:8765/mock/tiktok/order/tracking?order_no=576050632209646377&shop_region=US",
    ],
    after_sales: [
      "https://seller-us.tiktok.com/order/return-refund/detail?return_id=409655820451708840&shop_region=US",
      "http://127.0.0.1:8765/mock/tiktok/order/return-refund/detail?return_id=409655820451708840&shop_region=US",
    ],
    chat: [
      "https://seller-us.tiktok.com/im?order_no=578896996161258912&shop_region=US",
      "http://127.0.0.1:8765/mock/tiktok/im?order_no=578896996161258912&shop_region=US",
    ],
  };

  RC.adapters.register({
    id: "tiktok",
    detect,
    pageKind,
    region: regionOf,
    /** The derived review id keys the card's panel (no id is shown on the page). */
    rowKey: (row) => extract(row).review_id,
    rowSelector: SELECTORS.row,
    // Notice modals are dismissed; the captcha and the logged-out page are only reported.
    overlaySelector: [SELECTORS.overlay, SELECTORS.captcha, SELECTORS.loggedOutLinks].join(", "),
    /** @param {ParentNode} root */
    rows: (root) => [...root.querySelectorAll(SELECTORS.row)].filter((el) => hasPart(el, "ratingListItem")),
    missingAnchor,
    extract,
    order,
    shop,
    anchor,
    dismissOverlay,
    blocked,
    extractPage,
    contextLinks,
    reviewId,
    testUrls: TEST_URLS.review,
    contextTestUrls: TEST_URLS,
  });
  RC.BlockedError = RC.BlockedError || BlockedError;
})();

/* Test URLs
https://seller-us.tiktok.com/product/rating?shop_region=US
https://seller-th.tiktok.com/product/rating?shop_region=TH
https://seller-id.tokopedia.com/product/rating?shop_region=ID
https://seller.us.tiktokglobalshop.com/product/rating?shop_region=US
https://seller-us.tiktok.com/order/detail?order_no=576050632209646377&shop_region=US
https://seller-us.tiktok.com/order/tracking?order_no=576050632209646377&shop_region=US
https://seller-us.tiktok.com/order/return-refund/detail?return_id=409655820451708840&shop_region=US
https://seller-us.tiktok.com/im?order_no=578896996161258912&shop_region=US
http://127.0.0.1:8765/mock/tiktok/product/rating?shop_region=US
*/
