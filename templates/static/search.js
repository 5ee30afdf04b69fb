// Start Pagefind's search UI, or say why search cannot run (a page opened from disk).
(function () {
  var box = document.getElementById("search");
  var notice = document.getElementById("search-unavailable");
  if (location.protocol === "file:") {
    notice.hidden = false;
    return;
  }
  // Resolve the site root from this page, so results link correctly at / and under a sub-path.
  var root = new URL(box.dataset.root, location.href);
  var bundle = new URL("pagefind/", root);
  var script = document.createElement("script");
  script.src = bundle.href + "pagefind-ui.js";
  script.onload = function () {
    new PagefindUI({ element: "#search", bundlePath: bundle.href, baseUrl: root.pathname,
                     showSubResults: true, showImages: false });
    box.querySelector("input").setAttribute("aria-label", "Search the articles");
  };
  script.onerror = function () { notice.hidden = false; };
  document.head.appendChild(script);
})();
