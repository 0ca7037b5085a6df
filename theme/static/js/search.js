// The search page: Pagefind's own interface, speaking the page's language
// (strings from our catalogue, in data-strings), started with the query the
// header box sent (?q=), and keeping ?q= in the address so a search can be
// shared or reloaded. Without this script the page offers links to browse.
(function () {
  "use strict";
  var box = document.getElementById("site-search");
  if (!box || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: box,
    bundlePath: box.dataset.bundle,
    showImages: false,
    showSubResults: true,
    translations: JSON.parse(box.dataset.strings),
    processTerm: function (term) {
      var url = new URL(window.location.href);
      if (term) url.searchParams.set("q", term); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
      return term;
    }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
