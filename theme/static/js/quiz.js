/* The quiz in the browser. Without JavaScript, « Vérifier mes réponses » is a
   link that shows each right answer and explanation beside the student's
   own ticks (quiz.html, the CSS). With it: one
   question at a time or all at once, answers checked here (nothing is sent
   anywhere), score announced through a status region, explanations shown
   under each question, and a restart. */
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form");
  if (!form) return;
  var result = document.querySelector(".quiz-result");
  var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset.quiz-question"));
  var text = function (name) { return form.getAttribute("data-" + name); };
  var current = 0, oneAtATime = false;
  // The link that checks without a script gives way to the button that scores.
  form.querySelector(".quiz-check-link").hidden = true;
  form.querySelector("button[type=submit]").hidden = false;

  function button(label, onClick, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (className) b.className = className;
    b.addEventListener("click", onClick);
    return b;
  }

  // Mode switch (in the page, shown only where scripts run), pager for one-question mode.
  var modes = document.querySelector(".quiz-modes");
  var allButton = modes.querySelector("[data-mode=all]");
  var oneButton = modes.querySelector("[data-mode=one]");
  allButton.addEventListener("click", function () { setMode(false); });
  oneButton.addEventListener("click", function () { setMode(true); });
  var pager = document.createElement("div");
  pager.className = "quiz-pager no-print";
  var count = document.createElement("span");
  count.setAttribute("aria-live", "polite");
  var previous = button(text("previous"), function () { show(current - 1); });
  var next = button(text("next"), function () { show(current + 1); });
  pager.append(previous, count, next);
  form.insertBefore(pager, form.querySelector(".quiz-actions"));

  function setMode(one) {
    oneAtATime = one;
    allButton.setAttribute("aria-pressed", String(!one));
    oneButton.setAttribute("aria-pressed", String(one));
    pager.hidden = !one;
    show(one ? 0 : current, !one);
  }

  function show(index, all) {
    current = Math.max(0, Math.min(questions.length - 1, index));
    questions.forEach(function (q, i) { q.hidden = !all && oneAtATime && i !== current; });
    previous.disabled = current === 0;
    next.disabled = current === questions.length - 1;
    count.textContent = text("count").replace("{n}", current + 1).replace("{total}", questions.length);
    if (oneAtATime && !all) {
      var first = questions[current].querySelector("input");
      if (first && document.activeElement && form.contains(document.activeElement)) first.focus();
    }
  }

  function chosen(q) {
    return Array.prototype.map.call(q.querySelectorAll("input:checked"), function (i) { return i.value; })
      .sort().join(",");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var score = 0;
    questions.forEach(function (q) {
      var correct = q.getAttribute("data-correct");
      var right = chosen(q) === correct.split(",").sort().join(",");
      if (right) score += 1;
      var answer = correct.split(",").map(function (n) {
        return q.querySelector('label[for="' + q.querySelector('input[value="' + n + '"]').id + '"]').textContent;
      }).join(" ; ");
      var feedback = q.querySelector(".quiz-feedback");
      var verdict = feedback.querySelector(".quiz-verdict") || document.createElement("strong");
      verdict.className = "quiz-verdict";
      verdict.textContent = (right ? text("right") : text("wrong").replace("{answer}", answer)) + " ";
      feedback.prepend(verdict);
      feedback.hidden = false;
      q.classList.toggle("quiz-right", right);
      q.classList.toggle("quiz-wrong", !right);
      q.hidden = false;
    });
    pager.hidden = true;
    modes.hidden = true;  // after checking, only the answers and the score
    result.replaceChildren();
    var message = document.createElement("p");
    message.className = "quiz-score";
    message.tabIndex = -1;
    message.textContent = text("score").replace("{score}", score).replace("{total}", questions.length);
    result.append(message, button(text("restart"), restart, "quiz-restart"));
    message.focus();
  });

  function restart() {
    form.reset();
    questions.forEach(function (q) {
      q.classList.remove("quiz-right", "quiz-wrong");
      var feedback = q.querySelector(".quiz-feedback");
      var verdict = feedback.querySelector(".quiz-verdict");
      if (verdict) verdict.remove();
      feedback.hidden = true;
    });
    result.replaceChildren();
    modes.hidden = false;
    setMode(oneAtATime);
    show(0);
    questions[0].querySelector("input").focus();
  }

  setMode(false);
})();
