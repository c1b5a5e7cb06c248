/*
 * Casebook: what the filter scripts of /explore/ and /outcomes/ share, loaded before them.
 *
 * fold() is casebook/site/text.py fold() in JavaScript: accents dropped, lower case, every run
 * of characters that are not letters or digits one space, so "out-of-area" and "out of area"
 * are the same text and a substring test on the rows' folded data-text agrees with the server.
 *
 * Plain ES2017, no libraries, no network requests, no inline handlers, no eval.
 */
(function () {
  "use strict";

  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  window.CasebookFilters = { fold: fold };
})();
