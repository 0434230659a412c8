/* Evidence of a tab: the screenshot (the visible window, or a context page scrolled and stitched whole) and the
 * MHTML snapshot, each with its SHA-256. */
import { RcError } from "./errors.js";

export function base64(bytes) {
  let s = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

export async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function evidenceItem(kind, mediaType, bytes, sourceUrl) {
  return { kind, media_type: mediaType, data_base64: base64(bytes), sha256: await sha256Hex(bytes), source_url: sourceUrl || null };
}

// captureVisibleTab is rate limited (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND = 2): keep calls this far apart.
const SHOT_GAP_MS = 550;
// A stitched screenshot stops at this many pixels of height (and says so in the picture and the capture).
const SHOT_MAX_HEIGHT_PX = 12000;
// Above this many bytes the PNG is re-encoded as JPEG, then scaled down (the whole capture must stay < 64 MB).
const SHOT_MAX_BYTES = 12 * 1024 * 1024;
const SHOT_MAX_SLICES = 40;
let lastShotAt = 0;

function dataUrlBytes(dataUrl) {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(",") + 1));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** PNG of the visible tab. Calls are spaced SHOT_GAP_MS apart; a rate-limit error is retried twice. */
async function screenshot(windowId) {
  for (let attempt = 0; ; attempt++) {
    const wait = lastShotAt + SHOT_GAP_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastShotAt = Date.now();
    try {
      return dataUrlBytes(await chrome.tabs.captureVisibleTab(windowId, { format: "png" }));
    } catch (err) {
      if (attempt >= 2 || !/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 600));
    }
  }
}

/** Ask the tab's content script (top frame) to do one screenshot step (`shot.*`, main.js). */
async function tabStep(tabId, type, payload) {
  const reply = await chrome.tabs.sendMessage(tabId, { type, payload: payload || {} }, { frameId: 0 });
  if (!reply || !reply.ok) throw new Error((reply && reply.error && reply.error.message) || `${type}: no answer from the page`);
  return reply.result;
}

/** The tab must still be the one shown: captureVisibleTab takes whatever tab the window shows. */
async function assertShown(tabId) {
  const tab = await chrome.tabs.get(tabId);
  if (!tab.active) throw new RcError("tab_hidden", "The tab was switched away during the screenshot; capture again with the page in front.");
}

/**
 * The evidence screenshot of a tab, without any Review Guard element in it.
 * `full` (context pages: order, chat, logistics, after-sales): the whole page, scrolled and stitched
 * in an OffscreenCanvas — the document, or the element that scrolls the content (a chat's message
 * list) with the rest of the window around it once. Capped at SHOT_MAX_HEIGHT_PX (a band at the bottom
 * says so) and SHOT_MAX_BYTES; fixed elements are hidden after the first slice, sticky ones may repeat.
 * Review pages (`full` false) keep the visible window around the row. The page's panels and scroll
 * position are restored in every case (`shot.end`, also called by the content script on its side).
 * @returns {Promise<{bytes: Uint8Array, mediaType: string, info: Object}>} info = Capture.screenshot
 */
export async function pageScreenshot(tab, full) {
  let m = null;
  try {
    m = await tabStep(tab.id, "shot.begin", { full });
  } catch (err) {
    // No content script answering (e.g. Firefox, an old tab): the visible window as before.
    console.warn("Review Guard: screenshot without hiding panels", err);
  }
  try {
    if (!m || !full || m.mode === "viewport" || typeof OffscreenCanvas === "undefined") {
      const bytes = await screenshot(tab.windowId);
      return { bytes, mediaType: "image/png", info: { mode: "viewport", slices: 1, truncated: false,
        panels_hidden: m ? m.panels_hidden : 0, fixed_hidden: 0, sticky_elements: 0 } };
    }
    return await stitched(tab, m);
  } finally {
    if (m) await tabStep(tab.id, "shot.end").catch(() => undefined);
  }
}

async function stitched(tab, m) {
  const vh = m.viewport.height;
  const r = m.rect;
  // CSS px of the whole picture: the window, with the scrolling region grown to its full content height.
  const fullCss = vh + Math.max(0, m.scroll_height - r.height);
  let pos = await tabStep(tab.id, "shot.scroll", { y: 0 });
  await assertShown(tab.id);
  const first = await createImageBitmap(new Blob([await screenshot(tab.windowId)], { type: "image/png" }));
  const scale = first.height / vh; // device px per CSS px
  const widthPx = first.width;
  const fullPx = Math.round(fullCss * scale);
  const heightPx = Math.min(fullPx, SHOT_MAX_HEIGHT_PX);
  const truncated = fullPx > SHOT_MAX_HEIGHT_PX;
  const canvas = new OffscreenCanvas(widthPx, heightPx);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, widthPx, heightPx);
  const px = (v) => Math.round(v * scale);
  // First slice: the whole window; what lies below the scrolling region (a chat's input box) goes to the bottom.
  const below = vh - (r.top + r.height);
  ctx.drawImage(first, 0, 0, widthPx, px(r.top + r.height), 0, 0, widthPx, px(r.top + r.height));
  if (below > 0) ctx.drawImage(first, 0, px(r.top + r.height), widthPx, px(below), 0, px(fullCss - below), widthPx, px(below));
  first.close();
  let fixedHidden = 0;
  let slices = 1;
  let y = pos.scroll_top;
  const limitCss = heightPx / scale;
  while (slices < SHOT_MAX_SLICES && r.top + y + r.height < limitCss && y + r.height < pos.scroll_height) {
    if (slices === 1 && m.mode === "document") fixedHidden = await tabStep(tab.id, "shot.hideFixed");
    pos = await tabStep(tab.id, "shot.scroll", { y: y + r.height });
    if (pos.scroll_top <= y) break; // it did not move: the end (or a page that refuses to scroll)
    y = pos.scroll_top;
    await assertShown(tab.id);
    const bmp = await createImageBitmap(new Blob([await screenshot(tab.windowId)], { type: "image/png" }));
    // The scrolling region of this slice lands at its content offset.
    ctx.drawImage(bmp, px(r.left), px(r.top), px(r.width), px(r.height), px(r.left), px(r.top + y), px(r.width), px(r.height));
    bmp.close();
    slices += 1;
  }
  if (truncated) {
    const band = Math.max(28, px(28));
    ctx.fillStyle = "#b42318";
    ctx.fillRect(0, heightPx - band, widthPx, band);
    ctx.fillStyle = "#ffffff";
    ctx.font = `${Math.round(band * 0.5)}px sans-serif`;
    ctx.textBaseline = "middle";
    ctx.fillText(`Review Guard: 截图已截断 / screenshot truncated — ${heightPx} of ${fullPx} px shown`, px(12), heightPx - band / 2);
  }
  let blob = await canvas.convertToBlob({ type: "image/png" });
  let mediaType = "image/png";
  let downscaled = false;
  if (blob.size > SHOT_MAX_BYTES) {
    blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.85 });
    mediaType = "image/jpeg";
    for (let f = 0.75; blob.size > SHOT_MAX_BYTES && f > 0.2; f -= 0.25) {
      const small = new OffscreenCanvas(Math.round(widthPx * f), Math.round(heightPx * f));
      small.getContext("2d").drawImage(canvas, 0, 0, small.width, small.height);
      blob = await small.convertToBlob({ type: "image/jpeg", quality: 0.85 });
      downscaled = true;
    }
  }
  return {
    bytes: new Uint8Array(await blob.arrayBuffer()),
    mediaType,
    info: { mode: m.mode, slices, truncated, panels_hidden: m.panels_hidden, fixed_hidden: fixedHidden, sticky_elements: m.sticky,
      width_px: widthPx, height_px: heightPx, page_height_px: fullPx, scale: Math.round(scale * 100) / 100, downscaled },
  };
}

/**
 * MHTML of the whole tab. Reading a fresh MHTML blob intermittently fails with NotFoundError
 * (shared research browser-testing.md §2, pitfall 4): retry the read, and after a second failure
 * take a new snapshot, up to three snapshots in all.
 */
export async function mhtml(tabId) {
  if (!chrome.pageCapture) return null; // Firefox has no pageCapture.
  let lastErr;
  for (let snapshot = 0; snapshot < 3; snapshot++) {
    const blob = await chrome.pageCapture.saveAsMHTML({ tabId });
    for (let read = 0; read < 2; read++) {
      try {
        return new Uint8Array(await blob.arrayBuffer());
      } catch (err) {
        lastErr = err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  throw lastErr;
}
