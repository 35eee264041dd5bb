"""The review desk in Chromium: clicks to the work, accessibility, fit and console (issue #13).

Clicks are counted after login, from the desk the admin opens with; typing is not
a click. Screenshots of the desk go to tests/e2e/screenshots/ for people to look at.
"""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from demo.management.commands import load_demo
from medinfo import workflow
from medinfo.models import Article
from tests.e2e.axe import axe_problems
from tests.e2e.conftest import PASSWORD, horizontal_scroll
from tests.e2e.staff import CLICK_BUDGET, TITLE, Clicks, Console, new_article
from tests.factories import ReviewerFactory, editor_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def pharmacist():
    return ReviewerFactory(display_name="Kristi Monson", slug="kristi-monson").user


def test_reviewer_approves_from_the_desk_within_the_click_budget(new_page, log_in):
    """Desk → Review → Approve: a pharmacist reaches an approval in at most four clicks."""
    editor = editor_user()
    article = new_article(editor)
    workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    page = log_in(new_page(), pharmacist())
    clicks = Clicks(page)

    clicks.click("#desk-awaiting-review a.desk-action:text-is('Review')")
    expect(page.locator("h1")).to_have_text(f"Review: {TITLE}")
    clicks.click("input[name=_approve]")

    expect(page.locator(".messagelist")).to_contain_text(f"Approved: “{TITLE}” is now live.")
    assert Article.objects.get(pk=article.pk).live_revision_id is not None
    print(f"reviewer: {clicks.count} clicks from the desk to an approval")  # noqa: T201
    assert clicks.count <= CLICK_BUDGET


def test_editor_submits_a_draft_from_the_desk_within_the_click_budget(new_page, log_in):
    """Desk → the draft under “Your drafts” → Submit for review: at most four clicks."""
    editor = editor_user()
    article = new_article(editor)
    page = log_in(new_page(), editor)
    clicks = Clicks(page)

    clicks.click(f"#desk-drafts a.desk-title:text-is('{TITLE}')")
    clicks.click("input[name=_submit]")

    expect(page.locator(".messagelist")).to_contain_text("Submitted for review.")
    assert Article.objects.get(pk=article.pk).latest_revision.status == "in_review"
    print(f"editor: {clicks.count} clicks from the desk to a submitted revision")  # noqa: T201
    assert clicks.count <= CLICK_BUDGET


@pytest.fixture
def newsroom(tmp_path, monkeypatch):
    """The demo site with work in flight: a draft, a submission and an article sent back."""
    monkeypatch.setattr(load_demo, "credentials_file", lambda: tmp_path / "demo-credentials.json")
    call_command("load_demo", stdout=StringIO())
    users = {user.username: user for user in get_user_model().objects.all()}
    for user in users.values():
        user.set_password(PASSWORD)
        user.save()
    editor, reviewer = users["editor"], users["reviewer"]
    live = list(Article.objects.live().order_by("pk")[:3])
    drafted, submitted, sent_back = (
        workflow.start_revision(article=article, author=editor) for article in live
    )
    workflow.submit_revision(revision=submitted, submitter=editor)
    workflow.submit_revision(revision=sent_back, submitter=editor)
    workflow.request_changes(
        revision=sent_back, reviewer_user=reviewer, comment="Add the dose for older adults."
    )
    settled = Article.objects.live().filter(drug__isnull=False).exclude(pk__in=[a.pk for a in live])
    drug = settled.order_by("pk").first().drug
    drug.official_name += " (new name)"  # flags its live articles: facts changed
    drug._history_user = editor
    drug.save()
    overdue = settled.exclude(drug=drug).order_by("pk").first()
    Article.objects.filter(pk=overdue.pk).update(review_due_on=datetime.date(2025, 1, 31))
    return users


DESK_PAGES = [
    ("reviewer", "/admin/"),
    ("editor", "/admin/"),
    ("editor", "/admin/medinfo/article/"),
    ("reviewer", "/admin/medinfo/article/?workflow=awaiting-me"),
]


def test_desk_and_article_list_are_accessible_fit_and_quiet(
    newsroom, new_page, log_in, axe_script, axe_page, screenshot
):
    """Zero axe violations, no horizontal scroll at 1280 px and no console errors or warnings."""
    problems = []
    for who, path in DESK_PAGES:
        page = log_in(new_page(), newsroom[who])
        page.set_viewport_size({"width": 1280, "height": 800})
        console = Console(page)
        assert page.goto(path, wait_until="networkidle").status == 200
        problems += [f"{who} {path} at 1280 px: {box}" for box in horizontal_scroll(page)]
        problems += [f"{who} {path}: {message}" for message in console.messages]
        if path == "/admin/":
            screenshot(page, f"desk-{who}")
        elif "workflow" not in path:
            screenshot(page, "article-changelist")
        problems += axe_problems(log_in(axe_page, newsroom[who]), axe_script, path)
        axe_page.context.clear_cookies()
    assert problems == [], "\n".join(problems)


def test_desk_fits_a_phone(newsroom, new_page, log_in):
    """At 375 px the desk's lists stack and nothing on the desk is wider than the screen."""
    page = log_in(new_page(), newsroom["editor"])
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/admin/", wait_until="networkidle")
    widths = page.evaluate(
        "[...document.querySelectorAll('#desk, #desk .desk-list')]"
        ".map((element) => element.getBoundingClientRect().right)"
    )
    assert widths and max(widths) <= 375, widths
    expect(page.locator("#desk-drafts")).to_contain_text(re.compile(r"saved (just now|.* ago)"))
