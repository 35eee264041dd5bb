"""The admin as staff use it in Chromium: counted clicks, the console, an article to work on.

Shared by the browser tests of the desk, the article form and the editorial flow.
"""

from playwright.sync_api import expect

from medinfo import workflow
from tests.factories import DEFAULT_SOURCE, milnacipran

# Clicks from the desk to the work (typing is not a click).
CLICK_BUDGET = 4
TITLE = "What Is Milnacipran Used For?"
LEAD = "Milnacipran is a medicine for fibromyalgia. It can ease pain."
BODY = "<p>Take it twice a day with food.</p>"


class Clicks:
    """The clicks a person makes on ``page``, counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, selector):
        self.count += 1
        self.page.locator(selector).click()


class Console:
    """Console errors and warnings ``page`` logs (a blocked script or style is an error)."""

    def __init__(self, page):
        self.messages = []
        page.on("console", self._record)

    def _record(self, message):
        if message.type in ("error", "warning"):
            self.messages.append(f"{message.type}: {message.text} ({message.location})")


def new_article(author):
    """/drugs/milnacipran/uses/ as a first draft by ``author``."""
    return workflow.create_article(
        author=author,
        kind="uses",
        slug="uses",
        drug=milnacipran(),
        title=TITLE,
        lead=LEAD,
        body=BODY,
        references=[DEFAULT_SOURCE],
    )


def pick_autocomplete_option(page, field, typed, option):
    """Choose ``option`` in the admin's select2 autocomplete widget for ``field``."""
    page.click(f".field-{field} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", typed)
    page.click(f".select2-container--open .select2-results__option:text-is('{option}')")
    expect(page.locator(f"#id_{field} option:checked")).to_have_text(option)
