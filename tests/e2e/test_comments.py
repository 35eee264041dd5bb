"""Review comments in Chromium (issue #13 item 3): a pharmacist comments on a paragraph, the
editor replies and resolves it, the pharmacist approves; the screens pass axe-core.

Forms only, no script: everything here works with JavaScript off too.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from medinfo import comments, workflow
from medinfo.models import Article
from tests.e2e.axe import axe_problems
from tests.e2e.conftest import horizontal_scroll
from tests.factories import DEFAULT_SOURCE, ReviewerFactory, editor_user, milnacipran

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


TITLE = "What Is Milnacipran Used For?"
LEAD = "Milnacipran is a medicine for fibromyalgia. It can ease pain."
# Headings in the body, the last one before the screen's "Headings, lists…" <h4>: the diff
# once showed them as they are (<h2> under <h4>), which axe reports as heading-order.
BODY = "<h2>How to take it</h2><p>Take it twice a day with food.</p><p>Do not stop suddenly.</p>"
PARAGRAPH = "Body, paragraph 1: “Take it twice a day with food.”"


def in_review():
    """An article written and submitted by an editor, and a pharmacist to review it."""
    editor = editor_user()
    article = workflow.create_article(author=editor, kind="uses", slug="uses", drug=milnacipran(),
                                      title=TITLE, lead=LEAD, body=BODY,
                                      references=[DEFAULT_SOURCE])  # fmt: skip
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    reviewer = ReviewerFactory(display_name="Kristi Monson", slug="kristi-monson").user
    return revision, editor, reviewer


class CommentScreensConsole:
    """Console errors and warnings while ``page`` shows a review screen or a comment page.

    The article form is left out: CKEditor's exportpdf warnings there are issue #13
    item 5's (editing comfort), not the comments'.
    """

    SCREENS = re.compile(r"/admin/medinfo/articlerevision/\d+/(review|comments)/")

    def __init__(self, page):
        self.page, self.messages = page, []
        page.on("console", self._record)

    def _record(self, message):
        if message.type in ("error", "warning") and self.SCREENS.search(self.page.url):
            self.messages.append(f"{self.page.url} {message.type}: {message.text}")


def review_path(revision):
    return reverse("admin:medinfo_articlerevision_review", args=[revision.pk])


def test_reviewer_comments_editor_resolves_reviewer_approves(new_page, log_in, screenshot):
    """The whole round: comment on a paragraph, the editor replies and resolves, the pharmacist
    approves with the other comment (on a fact) still open and is told so. Both people's
    screens log no console error or warning and do not scroll sideways at 1280 px."""
    revision, editor, reviewer = in_review()
    comments.add_comment(revision=revision, author=reviewer, text="Which ages?",
                         anchor="fact:drug.uses[fibromyalgia]")  # fmt: skip
    pharmacist = log_in(new_page(), reviewer)
    pharmacist.set_viewport_size({"width": 1280, "height": 800})
    noise = CommentScreensConsole(pharmacist)
    pharmacist.goto(review_path(revision))
    pharmacist.click("#comments a:text-is('Comment on a paragraph or a fact…')")
    assert horizontal_scroll(pharmacist) == []
    pharmacist.get_by_label("Body, paragraph 1 Take it twice a day with food.").check()
    pharmacist.fill("#comment-text", "Say whether it can be taken without food.")
    pharmacist.click("input[value='Add comment']")
    expect(pharmacist.locator(".messagelist")).to_contain_text("Comment added.")
    expect(pharmacist.locator("#comments-heading")).to_have_text("Comments: 2 open")
    assert horizontal_scroll(pharmacist) == []
    screenshot(pharmacist, "review-comment")

    writer = log_in(new_page(), editor)
    writer.set_viewport_size({"width": 1280, "height": 800})
    writer_noise = CommentScreensConsole(writer)
    writer.goto(reverse("admin:medinfo_article_change", args=[revision.article_id]))
    expect(writer.locator("#comments")).to_contain_text("Say whether it can be taken")
    writer.locator(".comment", has_text="Say whether it can be taken").get_by_role(
        "link", name="Reply or resolve"
    ).click()
    comment = writer.locator(".comment", has_text="Say whether it can be taken")
    comment.get_by_label("Your reply").fill("It can: food only eases nausea.")
    comment.locator("input[value=Reply]").click()
    expect(writer.locator(".messagelist")).to_contain_text("Reply added.")
    writer.locator(".comment", has_text="food only eases nausea").locator(
        "input[value=Resolve]"
    ).click()
    expect(writer.locator(".messagelist")).to_contain_text("Comment resolved.")
    expect(writer.locator("#comments-heading")).to_have_text("Comments: 1 open")
    assert horizontal_scroll(writer) == []

    pharmacist.goto(review_path(revision))
    expect(pharmacist.locator(".comments-resolved summary")).to_have_text("Resolved comments (1)")
    resolved_by = f"{comments.person(editor)} resolved"
    expect(pharmacist.locator(".comments-resolved")).to_contain_text(resolved_by)
    pharmacist.click("input[name=_approve]")
    messages = pharmacist.locator(".messagelist")
    expect(messages).to_contain_text(f"Approved: “{TITLE}” is now live.")
    expect(messages).to_contain_text("Approved with 1 open comment.")
    assert Article.objects.get(pk=revision.article_id).live_revision_id == revision.pk
    pharmacist.goto(review_path(revision))  # the approved revision's screen keeps the count
    summary = pharmacist.locator(".comments-summary")
    expect(summary).to_have_text("Approved with 1 open comment:")
    assert noise.messages + writer_noise.messages == []


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
                                title=TITLE, lead=LEAD, body=BODY.replace("food", "or without food"),
                                references=draft.references)  # fmt: skip
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
