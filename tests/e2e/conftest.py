"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from demo.management.commands import load_demo
from medinfo.roles import sync_role_groups
from tests.e2e.axe import AXE_SCRIPT, npm_tool

# Playwright's sync API keeps an event loop running in the main thread, which Django's
# async-safety check would take for async code calling the ORM.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PASSWORD = "correct horse battery staple"
# Screenshots for people to look at after a run (git-ignored; var/ must stay untouched).
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SCREENSHOT_SIZES = [(1280, 800), (375, 812)]  # a laptop, and a phone held upright
TIMEOUT_MS = 15_000
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

expect.set_options(timeout=TIMEOUT_MS)


def chromium_path():
    """MEDINFO_CHROMIUM if set, else Debian's Chromium on PATH or at /usr/bin/chromium, else None."""
    chosen = os.environ.get("MEDINFO_CHROMIUM")
    found = shutil.which("chromium") if not chosen else None
    if found:
        return found
    packaged = Path(chosen or "/usr/bin/chromium")
    return str(packaged) if packaged.exists() else None


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session; a missing browser fails the tests, never skips."""
    executable = chromium_path()
    if executable is None:
        pytest.fail(
            "Chromium not found (not on PATH, no /usr/bin/chromium): install Debian's "
            "chromium package (apt-get install chromium; `make test` does it as root) "
            "or set MEDINFO_CHROMIUM to the browser to run the e2e tests.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (its own cookies), closed after the test."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    """Transactional tests flush the database, so make sure the role groups exist."""
    sync_role_groups()


@pytest.fixture
def log_in():
    """Log a user in through the real admin login form; returns the page on the admin index."""

    def log_in_as(page, user, password=PASSWORD):
        page.goto("/admin/login/?next=/admin/")
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", password)
        page.click("#login-form input[type=submit]")
        expect(page).to_have_url(re.compile(r"/admin/$"))
        expect(page.locator("#user-tools")).to_contain_text(user.get_username(), ignore_case=True)
        return page

    return log_in_as


@pytest.fixture
def screenshot():
    """``screenshot(page, name)``: full-page PNGs of the page at 1280 and 375 px.

    Written to tests/e2e/screenshots/<name>-<width>.png (git-ignored) so that anyone
    can look at the screens after a run; the page gets its own viewport back.
    """

    def take(page, name):
        SCREENSHOTS.mkdir(exist_ok=True)
        original, paths = page.viewport_size, []
        for width, height in SCREENSHOT_SIZES:
            page.set_viewport_size({"width": width, "height": height})
            path = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=path, full_page=True)
            paths.append(path)
        if original:
            page.set_viewport_size(original)
        return paths

    return take


# The page and every box that scrolls sideways inside it (such as the admin's result tables).
FIND_HORIZONTAL_SCROLL = """
() => [document.documentElement, ...document.querySelectorAll("body *")]
  .filter((box) => box === document.documentElement
    || ["auto", "scroll"].includes(getComputedStyle(box).overflowX))
  .filter((box) => box.scrollWidth > box.clientWidth + 1)
  .map((box) => `${box.tagName.toLowerCase()}${box.id ? "#" + box.id : ""}`
    + `${box.className && typeof box.className === "string" ? "." + box.className.trim().split(/\\s+/).join(".") : ""}`
    + `: ${box.scrollWidth - box.clientWidth} px wider than its box`)
"""


def horizontal_scroll(page):
    """Where the page scrolls sideways at its current width: the page itself or a box in it.

    Empty when nothing does (for the page: document.documentElement.scrollWidth <= clientWidth).
    """
    return page.evaluate(FIND_HORIZONTAL_SCROLL)


# axe-core and the demo content, for the accessibility checks -----------------------------


@pytest.fixture
def axe_script():
    """axe-core's browser bundle, checked before any content is loaded."""
    return npm_tool(AXE_SCRIPT)


@pytest.fixture
def axe_page(browser, live_server):
    """A page allowed to run the injected axe script despite the site's Content-Security-Policy."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo_content(tmp_path, monkeypatch):
    """The demo site's drugs, conditions, articles and ad campaigns, published through the workflow."""
    # load_demo keeps the demo users' passwords in var/; the test's throwaway users stay out.
    monkeypatch.setattr(load_demo, "credentials_file", lambda: tmp_path / "demo-credentials.json")
    call_command("load_demo", stdout=StringIO())
