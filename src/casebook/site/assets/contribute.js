/* Casebook contribute form, the loader: on the /contribute/ page only, load the form's scripts
 * (Ajv, then the file writer, the checks, the actions and the form, listed in the page's
 * data-scripts) one after another. Every other page pays for these few lines and nothing more. */
(function () {
  "use strict";

  function start() {
    var root = document.getElementById("cb-contribute");
    if (!root || root.getAttribute("data-loading")) return;
    root.setAttribute("data-loading", "true");
    var scripts = (root.getAttribute("data-scripts") || "").split(" ").filter(Boolean);
    (function next(i) {
      if (i >= scripts.length) return;
      var s = document.createElement("script");
      s.src = scripts[i];
      s.onload = function () { next(i + 1); };
      document.head.appendChild(s);
    })(0);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
