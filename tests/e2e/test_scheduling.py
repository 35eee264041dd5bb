"""A reviewer schedules an approval on the review screen; the public sees it only after its time.

The clock is frozen for the test and the live server alike (``tests.clock``); the
go-live is applied by ``manage.py publish_due`` in-process, as cron or the task
worker would.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from medinfo.models.scheduling import when
from tests.clock import frozen_clock
from tests.e2e.axe import (
    AXE_SCRIPT,
    axe_violations,
    describe_axe_violations,
    npm_tool,
)
from tests.factories import ReviewerFactory, editor_user, milnacipran, submitted_revision

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "What Is Milnacipran Used For?"
PUBLIC_URL = "/drugs/milnacipran/uses/"


@pytest.fixture
def clock(monkeypatch):
    """Real time, to the minute (the form's picker has no seconds), standing still."""
    return frozen_clock(monkeypatch, timezone.now().replace(second=0, microsecond=0))


@pytest.fixture
def in_review():
    """/drugs/milnacipran/uses/ written and submitted by an editor, and a reviewer to decide it."""
    revision = submitted_revision(author=editor_user(), drug=milnacipran(), title=TITLE)
    reviewer = ReviewerFactory(display_name="Kristi Monson", slug="kristi-monson").user
    return revision, reviewer


def publish_due():
    output = StringIO()
    call_command("publish_due", stdout=output)
    return output.getvalue()


def test_a_scheduled_approval_goes_live_only_after_its_time(new_page, log_in, clock, in_review):
    """Approved for two minutes later: 404 until then, even when the catch-up runs; 200 after."""
    revision, reviewer = in_review
    go_live_at = clock.now + timedelta(minutes=2)
    page = log_in(new_page(), reviewer)
    page.goto(reverse("admin:medinfo_articlerevision_review", args=[revision.pk]))
    page.fill("#id_go_live_at", timezone.localtime(go_live_at).strftime("%Y-%m-%dT%H:%M"))
    page.click("input[name=_approve]")
    expect(page.locator(".messagelist")).to_contain_text(f"goes live on {when(go_live_at)}")
    expect(page.locator(".field-workflow_status")).to_contain_text(
        f"Scheduled to go live on {when(go_live_at)}"
    )

    anonymous = new_page()
    assert anonymous.goto(PUBLIC_URL).status == 404
    clock.advance(minutes=1, seconds=59)
    assert publish_due() == ""
    assert anonymous.goto(PUBLIC_URL).status == 404

    clock.advance(seconds=1)
    assert "went live" in publish_due()
    assert anonymous.goto(PUBLIC_URL).status == 200
    expect(anonymous.locator("h1")).to_have_text(TITLE)
    page.reload()
    expect(page.locator(".field-workflow_status")).not_to_contain_text("Scheduled to go live")


def test_scheduling_screens_have_no_axe_violations(browser, live_server, log_in, clock, in_review):
    """The decision form with its go-live field, the expiry and the cancel pages pass axe-core."""
    axe_script = npm_tool(AXE_SCRIPT)
    revision, reviewer = in_review
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = log_in(context.new_page(), reviewer)
    review = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    page.goto(review)
    page.fill("#id_go_live_at", "2000-01-01T00:00")  # in the past: the form shows its error
    page.click("input[name=_approve]")
    expect(page.locator("form.medinfo-decision .errorlist")).to_contain_text("passed")
    violations = axe_violations(page, axe_script, "form.medinfo-decision")
    assert violations == [], describe_axe_violations(review, violations)

    page.fill("#id_go_live_at", (clock.now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.click("input[name=_approve]")
    expect(page.locator(".messagelist")).to_contain_text("goes live on")
    for name in ("medinfo_article_expiry", "medinfo_article_cancel_go_live"):
        path = reverse(f"admin:{name}", args=[revision.article_id])
        page.goto(path)
        expect(page.locator("#content h1")).to_have_text(re.compile(r"Expiry|Cancel"))
        violations = axe_violations(page, axe_script, "#content")
        assert violations == [], describe_axe_violations(path, violations)
    context.close()
