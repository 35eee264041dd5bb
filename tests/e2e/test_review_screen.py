"""The review screen in Chromium: the place of decision, and comparing two revisions (#13 item 2).

A pharmacist goes from the desk to an approval in at most four clicks after login;
the preview sits beside the diff at 1280 px and under it at 375 px, the decision
form stays at the bottom of the window, nothing scrolls sideways, the console stays
quiet and axe finds nothing. Screenshots go to tests/e2e/screenshots/.
"""

import pytest
from playwright.sync_api import expect

from drugs.models import BrandName
from medinfo import workflow
from medinfo.models import Article
from tests.e2e.axe import axe_problems
from tests.e2e.conftest import horizontal_scroll
from tests.e2e.staff import CLICK_BUDGET, TITLE, Clicks, Console
from tests.factories import (
    ReviewerFactory,
    editor_user,
    milnacipran,
    published_article,
    reviewer_user,
    revise,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def pharmacist():
    return ReviewerFactory(display_name="Kristi Monson", slug="kristi-monson").user


@pytest.fixture
def history():
    """Milnacipran's article: revisions 1 and 2 approved, the brand renamed, revision 3 in review."""
    editor, colleague = editor_user(), reviewer_user()
    article = published_article(drug=milnacipran(), author=editor, reviewer=colleague,
                                title=TITLE, lead="The first lead.")  # fmt: skip
    second = revise(article, author=editor, lead="The second lead.")
    workflow.approve_revision(revision=second, reviewer_user=colleague)
    BrandName.objects.filter(name="Savella").update(name="Savella XR")
    third = revise(article, author=editor, lead="The third lead, easier to read.",
                   body="<h2>How to take it</h2><p>Take it twice a day with food.</p>")  # fmt: skip
    return {"article": article, "revision": third}


def boxes(page, *selectors):
    return [page.locator(selector).bounding_box() for selector in selectors]


def check_wide_layout(page):
    """At 1280 px: preview beside the diff, the decision form pinned to the window's bottom."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.evaluate("window.scrollTo(0, 0)")
    diff, preview, decision = boxes(
        page, ".medinfo-review-diff", ".medinfo-review-preview", ".medinfo-decision"
    )
    assert preview["x"] >= diff["x"] + diff["width"] - 1, (diff, preview)
    assert abs(preview["y"] - diff["y"]) < 2, (diff, preview)
    assert decision["y"] < 800 and abs(decision["y"] + decision["height"] - 800) < 2, decision
    return horizontal_scroll(page)


def check_narrow_layout(page):
    """At 375 px: the preview under the diff, nothing wider than the screen."""
    page.set_viewport_size({"width": 375, "height": 812})
    diff, preview = boxes(page, ".medinfo-review-diff", ".medinfo-review-preview")
    assert preview["y"] >= diff["y"] + diff["height"] - 1, (diff, preview)
    return horizontal_scroll(page)


def test_reviewer_decides_on_the_review_screen(history, new_page, log_in, screenshot):
    """Desk → Review → Approve in at most four clicks; the screen fits, is grouped and quiet."""
    page = log_in(new_page(), pharmacist())
    console, clicks = Console(page), Clicks(page)

    clicks.click("#desk-awaiting-review a.desk-action:text-is('Review')")
    expect(page.locator("h1")).to_have_text(f"Review: {TITLE}")
    page.wait_for_load_state("networkidle")
    expect(page.locator("details.medinfo-fact-group[open]")).to_have_count(2)  # the brand's two
    expect(page.locator("details.medinfo-fact-group:not([open])").first).to_be_visible()
    problems = [f"1280 px: {box}" for box in check_wide_layout(page)]
    problems += [f"375 px: {box}" for box in check_narrow_layout(page)]
    screenshot(page, "review-screen")
    page.set_viewport_size({"width": 1280, "height": 800})

    clicks.click("input[name=_approve]")
    expect(page.locator(".messagelist")).to_contain_text(f"Approved: “{TITLE}” is now live.")
    assert Article.objects.get(pk=history["article"].pk).live_revision == history["revision"]
    print(f"reviewer: {clicks.count} clicks from the desk to an approval")  # noqa: T201
    assert clicks.count <= CLICK_BUDGET
    assert problems + console.messages == []


def test_review_screen_has_no_axe_violations(history, axe_page, axe_script, log_in):
    """axe-core finds no WCAG 2.1 A/AA or best-practice violation on the review screen."""
    path = f"/admin/medinfo/articlerevision/{history['revision'].pk}/review/"
    problems = axe_problems(log_in(axe_page, pharmacist()), axe_script, path)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("start", ["history", "review screen"])
def test_compare_two_older_revisions(history, new_page, log_in, screenshot, start):
    """From History or the review screen, revisions 1 and 2 are chosen and compared."""
    page = log_in(new_page(), pharmacist())
    console = Console(page)
    if start == "history":
        page.goto(f"/admin/medinfo/article/{history['article'].pk}/history/")
        button = "Compare the chosen revisions"
    else:
        page.goto(f"/admin/medinfo/articlerevision/{history['revision'].pk}/review/")
        page.get_by_role("link", name="Compare any two revisions").click()
        button = "Compare"
    page.get_by_label("From revision 1", exact=True).check()
    page.get_by_label("To revision 2", exact=True).check()
    page.get_by_role("button", name=button, exact=True).click()

    expect(page.locator("#diff-heading")).to_have_text("Changes from revision 1 to revision 2")
    expect(page.locator(".medinfo-words del").first).to_have_text("first")
    expect(page.locator(".medinfo-words ins").first).to_have_text("second")
    expect(page.locator(".medinfo-words")).not_to_contain_text("third")
    page.set_viewport_size({"width": 1280, "height": 800})
    problems = [f"1280 px: {box}" for box in horizontal_scroll(page)]
    page.set_viewport_size({"width": 375, "height": 812})
    problems += [f"375 px: {box}" for box in horizontal_scroll(page)]
    screenshot(page, "compare-revisions")
    assert problems + console.messages == []
