"""What a text's HTML may hold (content_errors.markdown_reader.unsafe_html), in process: Markdown's own
output passes without being parsed; anything an author could hide a script or another site's resource in
is found, however it is written."""

import glob

import markdown
import pytest

from content_errors.markdown_reader import plainly_safe, unsafe_html
from sitebuild import ROOT


@pytest.mark.parametrize("html, refused", [
    ('<p><span onclick="go()">a</span></p>', "attribut « onclick »"),
    ('<p><SPAN OnMouseOver="go()">a</SPAN></p>', "attribut « onmouseover »"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:alert(1)"),
    ('<a href=" javascript:x">x</a>', "javascript:x"),
    ('<a href="&#106;avascript:x">x</a>', "javascript:x"),
    ("<a href='javascript:x'>x</a>", "javascript:x"),
    ('<a href="java\tscript:x">x</a>', "qui exécuterait du code"),
    ('<a href="data:text/html,x">x</a>', "data:text/html,x"),
    ('<img src="https://images.example/a.png" alt="a">', "pris sur un autre site"),
    ('<img src="//images.example/a.png" alt="a">', "pris sur un autre site"),
    ('<script>alert(1)</script>', "balise « <script> »"),
    ('<iframe src="https://video.example/x"></iframe>', "balise « <iframe> »"),
    ('<svg><circle/></svg>', "balise « <svg> »"),
])
def test_what_could_run_or_load_from_elsewhere_is_refused(html, refused):
    found = [problem for problem, _ in unsafe_html(html)]
    assert found and any(refused in problem for problem in found), found


@pytest.mark.parametrize("html", [
    '<a href="{static}/media/guide.pdf">le guide</a>', '<a href="https://ok.example/?a=1&amp;b=2">lien</a>',
    '<img src="/media/photo.jpg" alt="x">', '<a href="mailto:ciso@example.org">écrire</a>',
    '<a href="#note">note</a>', '<table><tr><td>a</td></tr></table>',
])
def test_what_markdown_writes_is_accepted(html):
    assert list(unsafe_html(html)) == []


def test_every_text_of_the_site_is_recognised_without_parsing():
    """The fast path is the usual one: every real text's HTML is told safe by patterns alone."""
    converter = markdown.Markdown(extensions=["extra", "toc"])
    for path in glob.glob(str(ROOT / "content" / "**" / "*.md"), recursive=True):
        body = open(path, encoding="utf-8").read().split("\n\n", 1)[-1]
        assert plainly_safe(converter.reset().convert(body)), path
