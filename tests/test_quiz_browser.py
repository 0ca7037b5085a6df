"""Teaching kits in Chromium: the quiz with the keyboard alone, the
catalogue's filters with JavaScript, a kit printed on one page."""

import io

from pypdf import PdfReader

QUIZ = "/trousses-pedagogiques/les-dessous-du-textile/quiz/"
QUIZ_ES = "/es/materiales-pedagogicos/entre-costuras-textil/cuestionario/"


def focused(page):
    return page.evaluate("""() => { const el = document.activeElement;
        const set = el.closest('fieldset');
        return {tag: el.tagName.toLowerCase(), type: el.type || '', value: el.value || '',
                text: el.textContent.trim(), question: set ? set.id : null}; }""")


def tab_to(page, predicate, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return focused(page)
    raise AssertionError(f"not reached; focus on {focused(page)}")


def test_a_whole_quiz_run_with_the_keyboard_alone(browser, site, origin):
    page = browser.new_page()
    page.goto(origin + QUIZ)
    questions = page.locator("fieldset.quiz-question")
    total = questions.count()
    assert total >= 5
    for index in range(total):
        fieldset = questions.nth(index)
        qid = fieldset.get_attribute("id")
        correct = [int(n) for n in fieldset.get_attribute("data-correct").split(",")]
        choices = fieldset.locator("input").count()
        first = tab_to(page, lambda f, qid=qid: f["question"] == qid and f["tag"] == "input")
        if first["type"] == "radio":
            if correct[0] == 1:
                page.keyboard.press("Space")
            for _ in range(correct[0] - 1):
                page.keyboard.press("ArrowDown")
        else:
            for number in range(1, choices + 1):
                if number in correct:
                    page.keyboard.press("Space")
                if number < choices:
                    page.keyboard.press("Tab")
        checked = [int(v) for v in fieldset.locator("input:checked").evaluate_all("els => els.map(e => e.value)")]
        assert checked == correct, (qid, checked, correct)
    tab_to(page, lambda f: f["tag"] == "button" and f["type"] == "submit")
    page.keyboard.press("Enter")
    score = page.locator(".quiz-result .quiz-score")
    assert f"Votre résultat : {total} sur {total}." == " ".join(score.inner_text().split())
    assert page.evaluate("document.activeElement.className") == "quiz-score", "the score gets the focus"
    assert page.locator(".quiz-result").get_attribute("role") == "status"
    feedback = page.locator(".quiz-feedback")
    assert feedback.count() == total
    for index in range(total):
        assert feedback.nth(index).is_visible()
        assert feedback.nth(index).inner_text().startswith("Bonne réponse.")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Recommencer"
    page.keyboard.press("Enter")
    assert page.locator("input:checked").count() == 0
    assert page.locator(".quiz-feedback:visible").count() == 0
    assert page.locator(".quiz-result").inner_text() == ""
    assert focused(page)["question"] == "question-1"
    page.close()


def test_one_question_at_a_time_and_a_wrong_answer_explained(browser, site, origin):
    page = browser.new_page()
    page.goto(origin + QUIZ_ES)
    tab_to(page, lambda f: f["text"] == "Una pregunta a la vez")
    page.keyboard.press("Enter")
    assert page.locator("fieldset.quiz-question:visible").count() == 1
    assert page.locator(".quiz-pager").inner_text().count("Pregunta 1 de") == 1
    tab_to(page, lambda f: f["text"] == "Pregunta siguiente")
    page.keyboard.press("Enter")
    visible = page.locator("fieldset.quiz-question:visible")
    assert visible.count() == 1 and visible.get_attribute("id") == "question-2"
    tab_to(page, lambda f: f["tag"] == "button" and f["type"] == "submit")
    page.keyboard.press("Enter")  # nothing answered: every answer is wrong
    assert "Su resultado: 0 de" in page.locator(".quiz-score").inner_text()
    first = page.locator(".quiz-feedback").first.inner_text()
    assert first.startswith("No del todo. La respuesta correcta:")
    # Once checked, only the answers and the score: no question pager, no mode switch.
    assert not page.locator(".quiz-pager").is_visible() and not page.locator(".quiz-modes").is_visible()
    assert page.locator("fieldset.quiz-question:visible").count() == page.locator("fieldset.quiz-question").count()
    page.close()


def test_without_javascript_a_student_sees_their_own_answers_beside_the_key(browser, site, origin):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + QUIZ)
    assert not page.get_by_role("button", name="Une question à la fois").is_visible(), "no button that needs a script"
    first = page.locator("fieldset.quiz-question").first
    assert not first.locator(".quiz-feedback").is_visible() and not page.get_by_text("bonne réponse").first.is_visible()
    wrong = first.locator(".quiz-choice:not(.quiz-choice-right) input").first
    wrong.check()
    page.get_by_role("link", name="Vérifier mes réponses").click()
    assert page.url == origin + QUIZ + "#correction", "the same page: the student's ticks stay"
    assert wrong.is_checked()
    assert first.locator(".quiz-feedback").is_visible(), "each explanation shows"
    right = first.locator(".quiz-choice-right")
    assert right.count() >= 1 and all("bonne réponse" in r.inner_text() for r in right.all())
    assert first.locator(".quiz-choice:has(input:checked) label").evaluate(
        "l => getComputedStyle(l).textDecorationLine") == "line-through", "the wrong tick is marked"
    context.close()


def test_catalogue_filters_in_place_with_javascript(browser, site, origin):
    page = browser.new_page()
    page.goto(origin + "/trousses-pedagogiques/")
    cards = page.locator(".kit-card")
    assert cards.count() == 2
    link = page.locator('.kit-filters a[data-facet="format"][data-value="comic"]')
    link.click()
    assert page.locator(".kit-card:visible").count() == 1
    assert page.url == origin + "/trousses-pedagogiques/filtre/format/comic/"
    assert "1" in page.locator(".kit-filters + [role=status]").inner_text()
    link.click()  # the same filter again clears it
    assert page.locator(".kit-card:visible").count() == 2
    assert page.url == origin + "/trousses-pedagogiques/"
    page.close()


def test_a_kit_prints_on_one_page(browser, site, origin):
    page = browser.new_page()
    for url in ("/trousses-pedagogiques/bd-industrie-numerique/", "/es/materiales-pedagogicos/entre-costuras-textil/"):
        page.goto(origin + url, wait_until="networkidle")
        printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
        assert len(printed.pages) == 1, url
        text = " ".join(printed.pages[0].extract_text().split())
        assert ("Comment citer" in text or "Cómo citar" in text) and ("Public" in text or "Público" in text), text
    page.close()
