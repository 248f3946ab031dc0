"""Playwright fixtures: Debian's headless Chromium (Playwright's own browser download is impossible here).

Browser tests use pytest-django's `live_server` and `phone_page`:

    def test_...(live_server, phone_page):
        phone_page.goto(live_server.url + reverse("login"))
"""

import os

import pytest

from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all of tests/browser/, closed when they are done.

    Package scope, not session: Playwright's sync API keeps an asyncio loop running in this thread, so while
    the browser is open Django refuses ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and that variable
    must not leak into the rest of the suite (`check --deploy` rejects it, subprocesses inherit it).
    """
    require(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone_page(browser):
    """A page in a fresh context the size of a phone (390×844, touch), in Indonesian and Jakarta time."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


PONSEL = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def masuk_sebagai(browser, live_server):
    """Opens a fresh browser context for one person and logs them in through the login form.

        page = masuk_sebagai(user, sandi)               # a phone (390×844, touch)
        page = masuk_sebagai(user, sandi, ponsel=False)  # a desktop window

    Each call is its own context (own cookies), in Indonesian and Jakarta time; all are closed afterwards.
    """
    from django.urls import reverse
    from playwright.sync_api import expect

    konteks = []

    def masuk(user, sandi: str, *, ponsel: bool = True):
        context = browser.new_context(**(PONSEL if ponsel else DESKTOP), locale="id-ID", timezone_id="Asia/Jakarta")
        context.set_default_timeout(10_000)
        konteks.append(context)
        page = context.new_page()
        page.goto(live_server.url + reverse("login"))
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", sandi)
        page.locator("form:has(#id_password) [type=submit]").click()
        expect(page.get_by_role("heading", name="Beranda", exact=True)).to_be_visible()
        return page

    yield masuk
    for context in konteks:
        context.close()
