"""Smoke test: every page in each app's navigation renders in Chromium without an exception box.

Pages are collected from the navigation itself, so pages other developers add are covered
without editing this file. A screenshot of each page lands in test-artifacts/e2e/. Dutch only
(the default language): English is covered by AppTest and the English paradox check, and every
extra page load costs seconds on the shared CI machine.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest


@pytest.mark.parametrize("app_fixture", ["dashboard_app", "public_app"])
def test_every_navigation_page_renders(request, page, st_page, app_fixture):
    server = request.getfixturevalue(app_fixture)
    st = st_page(server).open(lang="nl")
    links = st.nav_links()
    pages = {"": server.url(lang="nl")} | {
        urlparse(href).path.strip("/"): server.url(urlparse(href).path, lang="nl")
        for href in links.values()
    }
    assert len(pages) >= (3 if app_fixture == "dashboard_app" else 1), links
    failures = []
    for path, url in pages.items():
        page.goto(url)
        st.wait_idle()
        errors = page.locator("[data-testid='stException']")
        shown = page.locator("[data-testid='stMain'] [data-testid='stElementContainer']")
        if errors.count():
            failures.append(f"/{path}: {errors.first.inner_text()[:500]}")
        elif not shown.count():
            failures.append(f"/{path}: the page shows nothing")
        name = app_fixture.removesuffix("_app")
        st.screenshot(f"{name}-{path or 'home'}")
    assert not failures, "\n".join(failures)
