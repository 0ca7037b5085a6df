import pytest
from bs4 import BeautifulSoup

from sitebuild import build, html_files

ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once for the whole session."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = build(output)
    assert result.returncode == 0, result.stdout
    return output


@pytest.fixture(scope="session")
def pages(site):
    """{path: BeautifulSoup} of every built HTML page."""
    return {path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in html_files(site)}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
