"""Review comments in Chromium (issue #13 item 3): a pharmacist comments on a paragraph, the
editor replies and resolves it, the pharmacist approves; the screens pass axe-core.

Forms only, no script: everything here works with JavaScript off too.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from medinfo import comments, workflow
from medinfo.models import Article
from tests.e2e import test_accessibility as accessibility
from tests.e2e.conftest import horizontal_scroll
from tests.factories import ReviewerFactory, editor_user, milnacipran

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

axe_page, axe_script = accessibility.axe_page, accessibility.axe_script

TITLE = "What Is Milnacipran Used For?"
LEAD = "Milnacipran is a medicine for fibromyalgia. It can ease pain."
# No heading in the body: the review screen's diff of a first revision shows the body's <h2>
# under its own <h4>s, which axe reports as heading-order (reported; not this feature's).
BODY = "<p>Take it twice a day with food.</p><p>Do not stop suddenly.</p>"
PARAGRAPH = "Body, paragraph 1: “Take it twice a day with food.”"


def in_review():
    """An article written and submitted by an editor, and a pharmacist to review it."""
    editor = editor_user()
    article = workflow.create_article(author=editor, kind="uses", slug="uses", drug=milnacipran(),
                                      title=TITLE, lead=LEAD, body=BODY)  # fmt: skip
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    reviewer = ReviewerFactory(display_name="Kristi Monson", slug="kristi-monson").user
    return revision, editor, reviewer


def review_path(revision):
    return reverse("admin:medinfo_articlerevision_review", args=[revision.pk])


def test_reviewer_comments_editor_resolves_reviewer_approves(new_page, log_in):
    """The whole round: comment on a paragraph, reply and resolve, approve with none open."""
    revision, editor, reviewer = in_review()
    pharmacist = log_in(new_page(), reviewer)
    pharmacist.goto(review_path(revision))
    pharmacist.click("#comments a:text-is('Comment on a paragraph or a fact…')")
    pharmacist.get_by_label("Body, paragraph 1 Take it twice a day with food.").check()
    pharmacist.fill("#comment-text", "Say whether it can be taken without food.")
    pharmacist.click("input[value='Add comment']")
    expect(pharmacist.locator(".messagelist")).to_contain_text("Comment added.")
    expect(pharmacist.locator("#comments-heading")).to_have_text("Comments: 1 open")

    writer = log_in(new_page(), editor)
    writer.goto(reverse("admin:medinfo_article_change", args=[revision.article_id]))
    expect(writer.locator("#comments")).to_contain_text("Say whether it can be taken")
    writer.click("#comments a:text-is('Reply or resolve')")
    comment = writer.locator(".comment", has_text="Say whether it can be taken")
    comment.get_by_label("Your reply").fill("It can: food only eases nausea.")
    comment.locator("input[value=Reply]").click()
    expect(writer.locator(".messagelist")).to_contain_text("Reply added.")
    writer.locator(".comment", has_text="food only eases nausea").locator(
        "input[value=Resolve]"
    ).click()
    expect(writer.locator(".messagelist")).to_contain_text("Comment resolved.")
    expect(writer.locator("#comments-heading")).to_have_text("Comments: 0 open")

    pharmacist.goto(review_path(revision))
    expect(pharmacist.locator(".comments-resolved summary")).to_have_text("Resolved comments (1)")
    pharmacist.click("input[name=_approve]")
    expect(pharmacist.locator(".messagelist")).to_contain_text(f"Approved: “{TITLE}” is now live.")
    expect(pharmacist.locator(".messagelist")).not_to_contain_text("open comment")
    assert Article.objects.get(pk=revision.article_id).live_revision_id == revision.pk


@pytest.fixture
def busy_thread():
    """Revision 2 in review, with an outdated, a current, a replied-to and a resolved comment."""
    revision, editor, reviewer = in_review()
    say = {"revision": revision, "author": reviewer}
    anchors = {anchor.label: anchor.key for anchor in comments.anchors_of(revision)}
    changed = comments.add_comment(**say, anchor=anchors[PARAGRAPH], text="Food or not?")
    kept = comments.add_comment(**say, anchor="fact:drug.uses[fibromyalgia]", text="Ages?")
    comments.reply_to_comment(comment=kept, author=editor, text="Adults only, per the label.")
    done = comments.add_comment(**say, anchor=anchors[PARAGRAPH], text="Typo in “twice”.")
    comments.resolve_comment(comment=done, user=editor)
    workflow.request_changes(revision=revision, reviewer_user=reviewer, comment="See comments.")
    draft = workflow.start_revision(article=revision.article, author=editor)
    draft = workflow.save_draft(revision=draft, editor=editor, expected_version=draft.version,
                                title=TITLE, lead=LEAD, body=BODY.replace("food", "or without food"))  # fmt: skip
    second = workflow.submit_revision(revision=draft, submitter=editor)
    assert changed.pk and second.number == 2
    return second, editor, reviewer


def test_review_screen_with_comments_is_accessible_and_fits(
    busy_thread, log_in, axe_page, axe_script, new_page, screenshot
):
    """Zero axe violations on the review screen, the comment page and the article form's
    comment list; no horizontal scroll at 1280 px; screenshots at 1280 and 375 px."""
    revision, editor, reviewer = busy_thread
    page = log_in(new_page(), reviewer)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(review_path(revision), wait_until="networkidle")
    expect(page.locator("#comments")).to_contain_text("Outdated: this paragraph of the body")
    assert horizontal_scroll(page) == []
    page.locator("#comments").scroll_into_view_if_needed()
    screenshot(page, "review-comments")
    page.goto(reverse("admin:medinfo_articlerevision_comments", args=[revision.pk]))
    assert horizontal_scroll(page) == []
    screenshot(page, "comment-form")

    problems = []
    log_in(axe_page, reviewer)
    problems += axe_problems(axe_page, axe_script, review_path(revision), "document")
    axe_page.context.clear_cookies()
    log_in(axe_page, editor)
    change = reverse("admin:medinfo_article_change", args=[revision.article_id])
    problems += axe_problems(axe_page, axe_script, change, "#comments")
    axe_page.context.clear_cookies()
    log_in(axe_page, reviewer)
    form = reverse("admin:medinfo_articlerevision_comments", args=[revision.pk])
    problems += axe_problems(axe_page, axe_script, form, "document")
    assert problems == [], "\n".join(problems)


def axe_problems(page, script, path, within):
    """axe-core's WCAG 2.1 A/AA and best-practice violations within ``within`` on ``path``."""
    page.goto(path, wait_until="networkidle")
    page.add_script_tag(path=str(script))
    run = accessibility.RUN_AXE
    if within != "document":
        run = run.replace("axe.run(document,", f"axe.run({within!r},")
    violations = page.evaluate(run, accessibility.AXE_TAGS)
    return [accessibility.describe_axe_violations(path, violations)] if violations else []
