/*
 * Casebook: small helps for readers, on every page.
 *
 * - Collapsible filters: any element with `data-cb-collapsible` (the /explore/ form; the
 *   /outcomes/ form can opt in the same way) gets a "Filters" button that, on a small screen,
 *   folds the filters away and says how many are active. Children marked `data-cb-keep` (the
 *   result count) stay visible; controls marked `data-cb-nofilter` (sort order, any/all) are
 *   not counted. On a wide screen the button is hidden by CSS and nothing is folded.
 * - The access date of a "Cite this case" block is the reader's today.
 * - Printing opens every <details> (chart data tables) and prints link addresses.
 *
 * Plain ES2017, no libraries, no network requests. (The header search is assets/search.js.)
 */
(function () {
  "use strict";

  /* ---------------------------------------------------------------- collapsible filters */
  function activeFilters(box) {
    var n = 0;
    box.querySelectorAll("input, select").forEach(function (el) {
      if (!el.name || el.closest("[data-cb-nofilter]") || el.hasAttribute("data-cb-nofilter")) return;
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) n += 1; }
      else if (el.value.trim() !== "") n += 1;
    });
    return n;
  }

  function collapsible(box, i) {
    if (box.querySelector(":scope > .cb-collapse-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cb-button cb-collapse-toggle";
    if (!box.id) box.id = "cb-collapsible-" + i;
    button.setAttribute("aria-controls", box.id);
    box.setAttribute("data-cb-collapsed", "");
    function label() {
      var n = activeFilters(box);
      var open = !box.hasAttribute("data-cb-collapsed");
      button.textContent = (open ? "Hide filters" : "Filters") + (n ? " (" + n + " active)" : "");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      box.toggleAttribute("data-cb-collapsed");
      label();
    });
    var later = function () { window.setTimeout(label, 0); };
    ["input", "change", "click", "reset"].forEach(function (t) { box.addEventListener(t, later); });
    window.addEventListener("popstate", later);
    box.insertBefore(button, box.firstChild);
    label();
  }

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
    document.querySelectorAll("[data-cb-collapsible]").forEach(collapsible);
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
