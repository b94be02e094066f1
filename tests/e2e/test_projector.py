"""On a 1280x720 projector: every metric label is readable in full, and a presentation slide fits the
screen with the sidebar out of the way.

Why a real browser: truncation ("Werkzoekenden zonder werk Gen…") and overflow are layout, which only
Chromium computes. A label is truncated when any element inside it is wider than the box that shows
it (scrollWidth > clientWidth); a slide fits when the page does not scroll (the main area's
scrollHeight stays within the viewport). Screenshots: test-artifacts/e2e/projector-*.png.
"""

from __future__ import annotations

import pytest

PROJECTOR = {"width": 1280, "height": 720}
MAIN_PAGES = ["", "werkzoekenden", "vacatures", "pendel", "doelstellingen", "signalen"]

TRUNCATED = """() => Array.from(document.querySelectorAll("[data-testid='stMetricLabel']")).flatMap(label =>
    [label, ...label.querySelectorAll('*')]
        .filter(el => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        .map(el => label.innerText.trim()))"""

OVERFLOW = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const sidebar = document.querySelector("[data-testid='stSidebar']");
    const shown = sidebar && sidebar.getBoundingClientRect().width > 0
        && getComputedStyle(sidebar).display !== 'none' && sidebar.getAttribute('aria-expanded') !== 'false';
    return {scroll: main.scrollHeight, client: main.clientHeight, height: window.innerHeight,
            sidebar: !!shown};
}"""


@pytest.fixture
def projector(page):
    page.set_viewport_size(PROJECTOR)
    return page


def _truncated(st) -> list[str]:
    st.wait_idle()
    return sorted(set(st.page.evaluate(TRUNCATED)))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_metric_label_is_cut_off_at_1280(projector, st_page, dashboard_app, lang):
    st = st_page(dashboard_app)
    cut = {}
    for path in MAIN_PAGES:
        st.open(path, lang=lang)
        st.assert_no_exception()
        if projector.locator("[data-testid='stMetric']").count():
            found = _truncated(st)
            if found:
                cut[path or "home"] = found
                st.screenshot(f"projector-cut-{path or 'home'}-{lang}")
    assert not cut, f"metric labels cut off at 1280 px: {cut}"


def test_public_metric_labels_are_not_cut_off(projector, st_page, public_app):
    st = st_page(public_app).open(lang="nl")
    assert _truncated(st) == []


def test_presentation_slides_fit_the_projector(projector, st_page, dashboard_app):
    st = st_page(dashboard_app)
    misfits = []
    for slide in (1, 2, 3, 4):
        st.open("presentatie", since="2026-09-15", slide=str(slide), lang="nl")
        st.assert_no_exception()
        projector.wait_for_timeout(500)  # a chart finishes its layout after the script run
        box = projector.evaluate(OVERFLOW)
        st.screenshot(f"projector-slide-{slide}")
        if box["sidebar"]:
            misfits.append(f"slide {slide}: the sidebar is shown in presentation mode")
        if box["scroll"] > box["height"] + 2:
            misfits.append(
                f"slide {slide}: {box['scroll']} px of content on a {box['height']} px screen"
            )
    assert not misfits, "\n".join(misfits)
