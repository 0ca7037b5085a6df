/* Kit catalogue filters. Without JavaScript each filter is a link to a
   pre-rendered page listing the matching kits. With it, a click filters
   the cards in place (the address still changes to that page's, so it can
   be shared or reloaded), and a second click on the same filter clears it. */
(function () {
  "use strict";
  var nav = document.querySelector(".kit-filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".kit-card[data-facets]"));
  if (!nav || !cards.length || !window.history) return;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  nav.after(status);
  var start = location.href;

  nav.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-facet]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var active = link.getAttribute("aria-current") === "page";
    nav.querySelectorAll("a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    var wanted = active ? null : link.getAttribute("data-facet") + ":" + link.getAttribute("data-value");
    var shown = 0;
    cards.forEach(function (card) {
      var match = !wanted || card.getAttribute("data-facets").split(" ").indexOf(wanted) !== -1;
      card.hidden = !match;
      if (match) shown += 1;
    });
    if (!active) link.setAttribute("aria-current", "page");
    status.textContent = nav.getAttribute("data-count").replace("{n}", shown);
    history.replaceState(null, "", active ? start : link.href);
  });
})();
