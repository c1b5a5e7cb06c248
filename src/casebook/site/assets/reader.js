/*
 * Casebook: small helps for readers, on every page.
 *
 * - The access date of a "Cite this case" block is the reader's today.
 * - Printing opens every <details> (chart data tables) and prints link addresses.
 *
 * Plain ES2017, no libraries, no network requests. (The header search is assets/search.js.)
 */
(function () {
  "use strict";

  /* ---------------------------------------------------------------- citation, print */
  function accessDates() {
    var today = new Date().toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric"});
    document.querySelectorAll(".cb-access-date").forEach(function (el) {
      el.textContent = today;
      el.setAttribute("data-cb-filled", "");
    });
  }

  var opened = [];
  function beforePrint() {
    document.querySelectorAll(".md-content details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || a.classList.contains("headerlink")) return;
      if (a.textContent.trim() === a.href) return;
      a.setAttribute("data-cb-print-href", a.href);
    });
  }
  function afterPrint() {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  }

  function init() {
    accessDates();
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  // Material's instant navigation replaces the page without a load event.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
