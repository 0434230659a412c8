/* The enums, field names and limits of companion/models.py, generated into extension/shared/contract.js
 * (scripts/gen_js_contract.py; tests/test_js_contract.py guards drift): the worker copies none by hand. */
import "../shared/contract.js";

export const C = globalThis.RC_CONTRACT;
