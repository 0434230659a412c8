/* Who sent a message (issue 12 item 5). Two kinds of sender are answered at all:
 *   "page"    an extension page of ours (options, popup): sender.url is under chrome.runtime.getURL("")
 *   "content" our content script in the top frame of a tab whose URL is a seller-center page of the manifest's
 *             content_scripts (the adapters' one table of hosts), with the platform of that entry's adapter
 * Anything else (another extension, a frame, a page we do not run on) gets no answer but `bad_sender`.
 */

const EXTENSION_BASE = chrome.runtime.getURL("");

function escapeRe(s) {
  return s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** A manifest match pattern (`https://*.tiktok.com/*`, `http://127.0.0.1/mock/douyin/*`: any port) as a RegExp. */
export function matchPattern(pattern) {
  const m = /^(\*|https?):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return null;
  const [, scheme, host, path] = m;
  const hostRe = host === "*" ? "[^/:]+" : host.startsWith("*.") ? `(?:[^/:]+\\.)?${escapeRe(host.slice(2))}` : escapeRe(host);
  return new RegExp(`^${scheme === "*" ? "https?" : scheme}://${hostRe}(?::\\d+)?${escapeRe(path).replace(/\*/g, ".*")}$`);
}

/** An include_globs glob (`*` any run, `?` one character) over the whole URL, as a RegExp. */
export function glob(pattern) {
  return new RegExp(`^${escapeRe(pattern).replace(/\\\?/g, ".").replace(/\*/g, ".*")}$`);
}

let sites = null;

/** [{platform, matches: RegExp[], globs: RegExp[]}] from the manifest's content_scripts. */
function siteTable() {
  if (sites) return sites;
  sites = (chrome.runtime.getManifest().content_scripts || []).map((entry) => {
    const adapter = (entry.js || []).map((f) => /(?:^|\/)adapters\/([a-z0-9_-]+)\.js$/.exec(f)).find(Boolean);
    return {
      platform: adapter ? adapter[1] : null,
      matches: (entry.matches || []).map(matchPattern).filter(Boolean),
      globs: (entry.include_globs || []).map(glob),
      allFrames: !!entry.all_frames,
    };
  });
  return sites;
}

/** The seller-center site a URL belongs to, or null. */
export function siteOf(url) {
  for (const site of siteTable()) {
    if (!site.matches.some((re) => re.test(url))) continue;
    if (site.globs.length && !site.globs.some((re) => re.test(url))) continue;
    return site;
  }
  return null;
}

/**
 * @returns {{kind: "page"} | {kind: "content", tabId: number, platform: (string|null), url: string} | null}
 */
export function classifySender(sender) {
  if (!sender || sender.id !== chrome.runtime.id) return null;
  const url = String(sender.url || "");
  if (url.startsWith(EXTENSION_BASE)) return { kind: "page" };
  if (!sender.tab || sender.tab.id == null) return null;
  const site = siteOf(url);
  if (!site) return null;
  if (sender.frameId !== 0 && !site.allFrames) return null;
  return { kind: "content", tabId: sender.tab.id, platform: site.platform, url };
}
