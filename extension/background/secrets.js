/* The pairing (companion URL + token) lives in the extension origin's own IndexedDB, which only extension pages
 * and this worker can open: content scripts run in the page's origin, and chrome.storage.local — which content
 * scripts can read and write by default — holds no secret (issue 12 item 5). Only this worker reads or writes it;
 * the options page asks through `settings.get` / `settings.put`, which answer extension pages only.
 * (chrome.storage.session is trusted-only too, but it is emptied when the browser closes; `setAccessLevel` on
 * storage.local would also hide the panels' own state from the content scripts.)
 */

const DB_NAME = "rc-secrets";
const STORE = "kv";
let opened = null;

function db() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    opened.catch(() => {
      opened = null;
    });
  }
  return opened;
}

function run(mode, fn) {
  return db().then((conn) => new Promise((resolve, reject) => {
    const tx = conn.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  }));
}

export function secretGet(key) {
  return run("readonly", (store) => store.get(key));
}

export function secretSet(key, value) {
  return run("readwrite", (store) => store.put(value, key));
}
