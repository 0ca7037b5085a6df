/* Exhibition lightbox: enhances the photo grid; without JavaScript each
   thumbnail is a plain link to the photo's own page.
   A native modal <dialog> makes the page behind it inert and closes on
   Escape; Tab and Shift+Tab cycle within it (browsers would otherwise let
   the focus leave for their own toolbar);
   arrow keys move; the address bar shows the current photo's page, so it
   can be shared; closing returns the focus to that photo's thumbnail. */
(function () {
  "use strict";
  var dialog = document.querySelector("dialog.lightbox");
  var links = Array.prototype.slice.call(document.querySelectorAll(".photo-grid a.photo-link"));
  if (!dialog || !links.length || typeof dialog.showModal !== "function") return;

  var frame = dialog.querySelector(".lightbox-image");
  var caption = dialog.querySelector("#lightbox-caption");
  var credit = dialog.querySelector(".lightbox-credit");
  var count = dialog.querySelector(".lightbox-count");
  var pageLink = dialog.querySelector(".lightbox-page");
  var countText = document.getElementById("lightbox-count-text").innerHTML;
  var landing = location.href;
  var current = 0;

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var picture = link.querySelector("picture").cloneNode(true);
    picture.querySelectorAll("source, img").forEach(function (node) {
      node.setAttribute("sizes", "(min-width: 64rem) 60rem, 100vw");
    });
    var img = picture.querySelector("img");
    img.setAttribute("loading", "eager");
    img.removeAttribute("fetchpriority");
    frame.replaceChildren(picture);
    caption.textContent = link.querySelector(".photo-caption").textContent;
    credit.textContent = link.getAttribute("data-credit");
    count.textContent = countText.replace("{n}", current + 1).replace("{total}", links.length);
    pageLink.href = link.href;
    history.replaceState({ photo: current }, "", link.href);
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      show(index);
      dialog.showModal();
      dialog.querySelector(".lightbox-close").focus();
    });
  });

  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
    if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
    if (event.key === "Tab") {
      var focusable = dialog.querySelectorAll("button, a[href]");
      var first = focusable[0], last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
      else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
    }
  });
  dialog.querySelectorAll("[data-move]").forEach(function (button) {
    button.addEventListener("click", function () {
      show(current + Number(button.getAttribute("data-move")));
    });
  });
  dialog.querySelector(".lightbox-close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    history.replaceState(null, "", landing);
    links[current].focus();
  });
})();
