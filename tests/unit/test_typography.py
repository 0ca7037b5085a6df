"""French spacing (plugins/typography): narrow no-break spaces in text, nowhere else."""

from typography import french_spacing, french_spacing_html

N = "\u202f"


def test_punctuation_and_quotes_get_a_narrow_no_break_space():
    assert french_spacing("Corrigé: le quiz") == f"Corrigé{N}: le quiz"
    assert french_spacing("Vraiment ? Oui ! Non ; peut-être : oui") == f"Vraiment{N}? Oui{N}! Non{N}; peut-être{N}: oui"
    assert french_spacing("«Bonjour»") == f"«{N}Bonjour{N}»"
    assert french_spacing("« Bonjour »") == f"«{N}Bonjour{N}»"
    assert french_spacing("déjà\u00a0: là") == f"déjà{N}: là", "a no-break space becomes the narrow one"
    assert french_spacing(f"déjà{N}: là") == f"déjà{N}: là", "already right: unchanged"


def test_colons_inside_words_numbers_and_addresses_and_entities_stay():
    for text in ("https://ciso.qc.ca", "à 10:30", "ratio 1:2", "Tom &amp; Jerry", "?!", "(?)"):
        assert french_spacing(text) == text, text
    assert french_spacing("l&#39;Écomusée ; puis") == f"l&#39;Écomusée{N}; puis", "the entity keeps its semicolon"
    assert french_spacing("écrivez &amp;gt; ici") == "écrivez &amp;gt; ici", "an entity typed as text is shown as typed"
    assert french_spacing("Qu’est-ce?!") == f"Qu’est-ce{N}?!", "one space before the first of two marks"


def test_only_the_text_of_html_changes():
    html = ('<p title="Note: ici">Note: <a href="https://x.org/?q=1">lien ?</a></p>'
            '<pre>a: b ?</pre><code>x: y</code><script>var a = {b: 1}; if (a) {}</script><p>fin !</p>')
    spaced = french_spacing_html(html)
    assert spaced == (f'<p title="Note: ici">Note{N}: <a href="https://x.org/?q=1">lien{N}?</a></p>'
                      f'<pre>a: b ?</pre><code>x: y</code><script>var a = {{b: 1}}; if (a) {{}}</script><p>fin{N}!</p>')


def test_attributes_comments_and_the_edges_of_tags_stay_as_written():
    html = ('<!doctype html><img alt="« Photo » : x" src="/a.jpg?v=1"><!-- note : ici ? -->'
            '<p data-x="a;b">«Texte» <em>fin</em>: suite ; <b>x</b>?</p>Dernier mot !')
    assert french_spacing_html(html) == (
        '<!doctype html><img alt="« Photo » : x" src="/a.jpg?v=1"><!-- note : ici ? -->'
        f'<p data-x="a;b">«{N}Texte{N}» <em>fin</em>: suite{N}; <b>x</b>?</p>Dernier mot{N}!')


def test_code_however_nested_or_left_open_stays_as_written():
    html = "<p><kbd><kbd>Ctrl</kbd>+<kbd>C</kbd> : copier ?</kbd> fin !</p><code>x <code>y</code>; z?</code> oui ?<pre>a : b"
    assert french_spacing_html(html) == (
        f"<p><kbd><kbd>Ctrl</kbd>+<kbd>C</kbd> : copier ?</kbd> fin{N}!</p><code>x <code>y</code>; z?</code> oui{N}?"
        "<pre>a : b")
