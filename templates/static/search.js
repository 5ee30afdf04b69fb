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
  // One Pagefind index per month of articles, newest first; the UI merges them into one search.
  var bundles = box.dataset.bundles.split(" ").filter(Boolean).map(function (path) {
    return new URL(path, root).href;
  });
  if (!bundles.length) {
    notice.hidden = false;
    return;
  }
  var script = document.createElement("script");
  script.src = bundles[0] + "pagefind-ui.js";
  script.onload = function () {
    new PagefindUI({ element: "#search", bundlePath: bundles[0], baseUrl: root.pathname,
                     mergeIndex: bundles.slice(1).map(function (path) { return { bundlePath: path }; }),
                     showSubResults: true, showImages: false });
    box.querySelector("input").setAttribute("aria-label", "Search the articles");
  };
  script.onerror = function () { notice.hidden = false; };
  document.head.appendChild(script);
})();
