"""The public app in a real browser: its figures, its language link, and an axe-core accessibility check."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PUBLIC_PAGES = [("", "Gent aan het werk: de cijfers"), ("over-de-cijfers", "Over de cijfers")]


@pytest.fixture
def pub(st_page, public_app):
    return st_page(public_app)


def test_public_summary_shows_the_real_figures(pub):
    pub.open("")
    pub.assert_no_exception()
    body = pub.page.locator("[data-testid='stMain']").inner_text()
    assert "10,8 %" in body and "14.576 mensen" in body and "35,5 %" in body
    pub.screenshot("public-summary")


def test_language_is_kept_in_the_url(pub):
    pub.open("", lang="en")
    assert pub.title() == "Ghent at work: the figures"
    pub.page.get_by_text("About the figures").first.click()
    pub.wait_idle()
    assert "lang=en" in pub.page.url
    assert pub.title() == "About the figures"


@pytest.mark.parametrize(("path", "title"), PUBLIC_PAGES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_public_pages_have_no_accessibility_violations(pub, path, title, lang):
    pub.open(path, lang=lang)
    pub.page.locator("h1").first.wait_for()
    results = Axe().run(pub.page)
    violations = [(v["id"], v["impact"], v["nodes"][0]["target"]) for v in results.response["violations"]]
    assert violations == [], violations
