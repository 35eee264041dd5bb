"""Review comments (issue #13 item 3): on a paragraph or a fact, replied to, resolved and
reopened, carried to the next revision, shown on approval; who may do what; hostile input.
"""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.text import plain_text
from drugs.models import Use
from medinfo import comments, workflow
from medinfo.models import Comment, CommentEvent, CommentStatus
from tests.admin_forms import change_url, logged_in, page_text, review_url
from tests.factories import (
    DrugFactory,
    ReviewerFactory,
    UserFactory,
    ad_manager_user,
    editor_user,
    milnacipran,
    reviewer_user,
    submitted_revision,
)

pytestmark = pytest.mark.django_db

Kind = CommentEvent.Kind
LEAD = "Milnacipran can ease the pain of fibromyalgia."
BODY = (
    "<h2>How to take it</h2><p>Take it twice a day with food.</p>"
    "<p>It is not approved for children.</p><ul><li>Nausea is common at first.</li></ul>"
)
FIRST_PARAGRAPH = "Body, paragraph 1: “Take it twice a day with food.”"
SECOND_PARAGRAPH = "Body, paragraph 2: “It is not approved for children.”"
FIBROMYALGIA = "fact:drug.uses[fibromyalgia]"


@pytest.fixture
def people():
    """The article's editor, the pharmacist who comments, a second pharmacist, another editor."""
    return SimpleNamespace(
        editor=editor_user(username="eddie"),
        reviewer=reviewer_user(display_name="Kristi Monson", slug="kristi-monson"),
        second=reviewer_user(display_name="Ada Early", slug="ada-early"),
        other_editor=editor_user(username="olive"),
    )


@pytest.fixture
def revision(people):
    """A milnacipran article's first revision, written and submitted by ``people.editor``."""
    return submitted_revision(author=people.editor, drug=milnacipran(), lead=LEAD, body=BODY)


def anchor(revision, label):
    """The form value of the paragraph or fact of ``revision`` labelled ``label``."""
    anchors = {a.label: a.key for a in comments.anchors_of(revision)}
    return anchors.get(label, label)  # a key (fact:…) is passed through


def comment_on(revision, user, label=FIRST_PARAGRAPH, text="Say how long it takes to work."):
    return comments.add_comment(
        revision=revision, author=user, anchor=anchor(revision, label), text=text
    )


def add_url(revision):
    """The comment page of ``revision``, where the thread's forms post too."""
    return reverse("admin:medinfo_articlerevision_comments", args=[revision.pk])


def act(client, revision, action, comment, *, follow=False, **data):
    """Press Reply, Resolve or Reopen on ``comment`` in ``revision``'s thread."""
    data = {"action": action, "comment": comment.pk, **data}
    return client.post(add_url(revision), data, follow=follow)


# Comment, reply, resolve, reopen ----------------------------------------------------------


def test_a_reviewer_comments_on_a_paragraph_and_sees_it_on_the_review_screen(revision, people):
    """Review screen → the comment page (every paragraph and fact to pick) → back at the thread."""
    reviewer = logged_in(people.reviewer)
    screen = page_text(reviewer.get(review_url(revision)))
    assert f'href="{add_url(revision)}">Comment on a paragraph or a fact…' in screen
    form = page_text(reviewer.get(add_url(revision)))
    for offered in (
        "Body, paragraph 2</strong> It is not approved for children.",
        "Drug › use for “fibromyalgia”",
        "Drug › generic name</strong>: milnacipran",
    ):
        assert offered in form  # fmt: skip

    data = {"anchor": anchor(revision, FIRST_PARAGRAPH), "text": "Say how long it takes."}
    response = reviewer.post(add_url(revision), data)
    comment = Comment.objects.get()
    assert response["Location"] == f"{review_url(revision)}#comment-{comment.pk}"
    assert (comment.field, comment.block_index, comment.status) == ("body", 1, "open")
    assert comment.quote == "Take it twice a day with food."
    page = page_text(reviewer.get(response["Location"]))
    assert "Comment added." in page and "Comments: 1 open" in page
    assert FIRST_PARAGRAPH in page and "Say how long it takes." in page
    assert "Kristi Monson, PharmD commented on revision 1" in page


def test_a_reviewer_comments_on_a_fact(revision, people):
    """A fact is named by its key path in the snapshot and shown by its label."""
    comment = comment_on(revision, people.reviewer, FIBROMYALGIA, "Which ages does it cover?")
    assert (comment.anchor_kind, comment.fact_path) == ("fact", "drug.uses[fibromyalgia]")
    page = page_text(logged_in(people.editor).get(review_url(revision)))
    assert "Drug › use for “fibromyalgia”" in page and "Which ages does it cover?" in page


def test_the_editor_replies_and_resolves_and_a_reviewer_reopens(revision, people):
    """Each step is logged with who did it; the comment moves between open and resolved."""
    comment = comment_on(revision, people.reviewer)
    editor, second = logged_in(people.editor), logged_in(people.second)
    act(editor, revision, "reply", comment, text="Added: two to four weeks.")
    act(editor, revision, "resolve", comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.RESOLVED
    page = page_text(second.get(review_url(revision)))
    assert "Comments: 0 open" in page and "Resolved comments (1)" in page

    act(second, revision, "reopen", comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.OPEN
    log = [(event.kind, event.actor, event.text) for event in comment.events.all()]
    assert log == [
        (Kind.COMMENTED, people.reviewer, ""),
        (Kind.REPLIED, people.editor, "Added: two to four weeks."),
        (Kind.RESOLVED, people.editor, ""),
        (Kind.REOPENED, people.second, ""),
    ]
    page = page_text(editor.get(review_url(revision)))
    for line in ("eddie replied", "eddie resolved", "Ada Early, PharmD reopened"):
        assert line in page


def test_the_article_form_lists_open_comments_for_the_editor(revision, people):
    """The editor sees open comments beside the text, with a link to reply or resolve."""
    comment = comment_on(revision, people.reviewer, text="Mention the age limit.")
    resolved = comment_on(revision, people.reviewer, SECOND_PARAGRAPH, "Fine now.")
    comments.resolve_comment(comment=resolved, user=people.editor)
    page = page_text(logged_in(people.editor).get(change_url(revision.article)))
    assert "Open comments from review: 1" in page
    assert "Mention the age limit." in page and "Fine now." not in page
    assert f'href="{review_url(revision)}#comment-{comment.pk}">Reply or resolve' in page


def test_a_refused_reply_comes_back_with_its_words(revision, people):
    """Resolved while the editor typed: the reply page says why and keeps the words.

    On the old code the refusal was a redirect with a message, and the words were lost."""
    comment = comment_on(revision, people.reviewer)
    comments.resolve_comment(comment=comment, user=people.reviewer)
    response = act(logged_in(people.editor), revision, "reply", comment, text="Done <b>now</b>.")
    assert response.status_code == 200
    page = page_text(response)
    assert "This comment is resolved; reopen it to reply." in page
    assert "Done &lt;b&gt;now&lt;/b&gt;.</textarea>" in response.content.decode()
    assert 'value="Reply"' not in page  # nothing to post it to until someone reopens it
    assert not comment.events.filter(kind=Kind.REPLIED).exists()


def test_an_empty_reply_is_a_form_error(revision, people):
    """Only invisible characters: the reply form again with the reason, nothing logged."""
    comment = comment_on(revision, people.reviewer)
    response = act(logged_in(people.editor), revision, "reply", comment, text="\u200b \u00a0")
    assert response.status_code == 200
    page = page_text(response)
    assert "Write the reply first" in page and 'value="Reply"' in page
    assert not comment.events.filter(kind=Kind.REPLIED).exists()


def test_comments_are_never_edited_or_deleted(revision, people):
    """Only the status changes: the words, the anchor and the log stay as written."""
    comment = comment_on(revision, people.reviewer)
    comments.resolve_comment(comment=comment, user=people.editor)
    comment.text = "Something else."
    with pytest.raises(ValidationError):
        comment.save()
    with pytest.raises(ValidationError):
        comment.delete()
    event = comment.events.first()
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert Comment.objects.get().text == "Say how long it takes to work."


# Carried to the next revision ---------------------------------------------------------------


def test_open_comments_follow_the_article_to_its_next_revision(revision, people):
    """Changes requested, the editor revises: the comments are on revision 2's review screen,
    found again where the paragraph moved, marked outdated where it or the fact changed."""
    moved = comment_on(revision, people.reviewer, FIRST_PARAGRAPH, "Moved but unchanged.")
    changed = comment_on(revision, people.reviewer, SECOND_PARAGRAPH, "Say which ages.")
    fact = comment_on(revision, people.reviewer, FIBROMYALGIA, "Check the use.")
    workflow.request_changes(revision=revision, reviewer_user=people.reviewer, comment="See notes.")
    draft = workflow.start_revision(article=revision.article, author=people.editor)
    body = BODY.replace("<h2>", "<p>Read this first.</p><h2>").replace(
        "not approved for children", "not approved under 17"
    )
    workflow.save_draft(revision=draft, editor=people.editor, expected_version=draft.version,
                        title=draft.title, lead=LEAD, body=body,
                        references=draft.references)  # fmt: skip
    Use.objects.filter(condition__slug="fibromyalgia").update(note="Adults only.")
    second = workflow.submit_revision(revision=draft, submitter=people.editor)

    thread = comments.thread_for(revision=second, user=people.second)
    where = {item.comment.pk: item.location for item in thread.open}
    assert where[moved.pk].label == "Body, paragraph 2: “Take it twice a day with food.”"
    assert not where[moved.pk].outdated
    assert (
        where[changed.pk].outdated and "paragraph of the body has changed" in where[changed.pk].note
    )
    assert where[fact.pk].outdated and "fact has changed" in where[fact.pk].note

    page = page_text(logged_in(people.second).get(review_url(second)))
    assert "Comments: 3 open" in page
    assert "Outdated: this paragraph of the body has changed since." in page
    assert "Body: “It is not approved for children.”" in page  # the words it was written on


def test_a_comment_goes_only_on_the_latest_revision(revision, people):
    """Commenting on a revision that a newer one replaced is refused, and its page says so."""
    workflow.request_changes(revision=revision, reviewer_user=people.reviewer, comment="Redo.")
    workflow.start_revision(article=revision.article, author=people.editor)
    with pytest.raises(comments.CommentError, match="latest revision"):
        comment_on(revision, people.reviewer)
    reviewer = logged_in(people.reviewer)
    assert "Comment on a paragraph" not in page_text(reviewer.get(review_url(revision)))
    assert "This revision has been replaced" in page_text(reviewer.get(add_url(revision)))


# Approval ------------------------------------------------------------------------------------


def test_approval_says_how_many_comments_were_open(revision, people):
    """Open comments block nothing; the message and the approved revision's screen count them."""
    comment_on(revision, people.reviewer)
    second = comment_on(revision, people.reviewer, FIBROMYALGIA, "Ages?")
    done = comment_on(revision, people.reviewer, SECOND_PARAGRAPH, "Done.")
    comments.resolve_comment(comment=done, user=people.editor)
    reviewer = logged_in(people.reviewer)
    assert "approved with 2 open comments" in page_text(reviewer.get(review_url(revision)))

    response = reviewer.post(review_url(revision), {"comment": "", "_approve": "1"}, follow=True)
    page = page_text(response)
    assert "is now live" in page and "Approved with 2 open comments." in page
    comments.resolve_comment(comment=second, user=people.editor)  # later: the record stays
    page = page_text(reviewer.get(review_url(revision)))
    assert "Approved with 2 open comments:" in page and "Comments: 1 open" in page


def test_approval_without_open_comments_says_nothing_about_them(revision, people):
    """No open comment, no warning."""
    response = logged_in(people.reviewer).post(
        review_url(revision), {"comment": "", "_approve": "1"}, follow=True
    )
    assert "open comment" not in page_text(response)


# Who may do what ----------------------------------------------------------------------------

ROLES = ["commenting reviewer", "other reviewer", "article editor", "other editor",
         "editor-reviewer not on the article", "superuser", "inactive reviewer", "ad manager"]  # fmt: skip
ALLOWED = {
    "comment": {
        "commenting reviewer",
        "other reviewer",
        "article editor",
        "editor-reviewer not on the article",
    },  # fmt: skip
    "reply": {
        "commenting reviewer",
        "other reviewer",
        "article editor",
        "editor-reviewer not on the article",
    },  # fmt: skip
    "resolve": {"commenting reviewer", "article editor"},
    "reopen": {"commenting reviewer", "other reviewer", "editor-reviewer not on the article"},
}
# Those who may not open the review screen get 403; the others a message on it.
NO_REVIEW_SCREEN = {"ad manager"}


def role_user(role, people):
    editor_reviewer = UserFactory(groups=["Editors", "Pharmacist reviewers"])
    return {
        "commenting reviewer": people.reviewer,
        "other reviewer": people.second,
        "article editor": people.editor,
        "other editor": people.other_editor,
        "editor-reviewer not on the article": ReviewerFactory(user=editor_reviewer).user,
        "superuser": UserFactory(is_superuser=True),
        "inactive reviewer": ReviewerFactory(is_active=False).user,
        "ad manager": ad_manager_user(),
    }[role]


def attempt(action, client, revision, comment):
    """Try ``action`` through its form; return whether it had its effect."""
    if action == "comment":
        data = {"anchor": anchor(revision, SECOND_PARAGRAPH), "text": "Another."}
        response = client.post(add_url(revision), data)
        return response, Comment.objects.count() == 2
    if action == "reply":
        response = act(client, revision, "reply", comment, text="Noted.")
        return response, comment.events.filter(kind=Kind.REPLIED).exists()
    response = act(client, revision, action, comment)
    comment.refresh_from_db()
    return response, comment.status == (CommentStatus.RESOLVED if action == "resolve" else "open")


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_comment_reply_resolve_and_reopen(revision, people, role, action):
    """Reviewers and the article's editors comment and reply; editors and the commenter resolve;
    reviewers and the commenter reopen. A refusal is said on the page (403 without the screen);
    a refused comment or reply comes back as its form, not as a redirect."""
    comment = comment_on(revision, people.reviewer)
    if action == "reopen":
        comments.resolve_comment(comment=comment, user=people.editor)
    response, done = attempt(action, logged_in(role_user(role, people)), revision, comment)
    assert done == (role in ALLOWED[action])
    if role in NO_REVIEW_SCREEN:
        assert response.status_code == 403
    elif action in ("comment", "reply") and not done:
        assert response.status_code == 200  # the form again, saying why
        assert "Only pharmacist reviewers and the article's editors" in page_text(response)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(review_url(revision))


def test_anonymous_visitors_are_sent_to_the_login(revision, people):
    """The endpoints are admin pages: no session, no comment."""
    response = Client().post(add_url(revision), {"anchor": "x", "text": "Hello"})
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert not Comment.objects.exists()


def test_the_forms_need_a_csrf_token_and_a_post(revision, people):
    """Without the form's token the post is refused; a GET only shows the comment page."""
    comment = comment_on(revision, people.reviewer)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.editor)
    data = {"action": "resolve", "comment": comment.pk}
    assert client.post(add_url(revision), data).status_code == 403
    assert client.get(add_url(revision), data).status_code == 200
    comment.refresh_from_db()
    assert comment.is_open


def test_readers_without_rights_see_the_thread_but_no_forms(revision, people):
    """Another editor reads the comments; no comment, reply or resolve form is offered."""
    comment_on(revision, people.reviewer, text="Visible to all staff.")
    other_editor = logged_in(people.other_editor)
    page = page_text(other_editor.get(review_url(revision)))
    assert "Visible to all staff." in page
    for offered in ("Comment on a paragraph", "Your reply", 'value="Resolve"', 'value="Reopen"'):
        assert offered not in page
    form = page_text(other_editor.get(add_url(revision)))
    assert "Only pharmacist reviewers and the article's editors can comment" in form
    assert "<textarea" not in form


# Hostile input ---------------------------------------------------------------------------

HOSTILE_TEXT = {
    "markup": ("<script>alert(1)</script><b>x</b>", "<script>alert(1)</script><b>x</b>"),
    "bidi override": ("Safe\u202etxt.exe", "Safetxt.exe"),
    "control characters": ("a\x00b\x07c\x1b[31m", "abc[31m"),
    "line breaks": ("one\r\ntwo\u2028three", "one\ntwo\nthree"),
    "invisible only": ("\u200b\u200d\u2060 \u00a0", None),
    "one too long": ("x" * 2001, None),
    "very long": ("y" * 200_000, None),
}


@pytest.mark.parametrize("typed, stored", HOSTILE_TEXT.values(), ids=list(HOSTILE_TEXT))
def test_hostile_comment_text_is_plain_text_or_refused(revision, people, typed, stored):
    """Stored normalised and shown escaped, or refused on the page with the words kept."""
    reviewer = logged_in(people.reviewer)
    data = {"anchor": anchor(revision, FIRST_PARAGRAPH), "text": typed}
    response = reviewer.post(add_url(revision), data, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    if stored is None:
        assert not Comment.objects.exists()
        assert 'class="errornote"' in page and 'id="comment-text"' in page
    else:
        assert Comment.objects.get().text == stored
        assert "<script>alert" not in page
        if "<" in stored:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in page


@pytest.mark.parametrize(
    "value",
    ["", "text:body:1:0000000000000000", "text:body:99999999999999999999999:x", "text:lead",
     "fact:drug.uses[nope]", "fact:" + "a" * 5000, "\x00", "fact:drug.uses[fibromyalgia]\x00"],
)  # fmt: skip
def test_a_forged_anchor_is_refused_with_a_message(revision, people, value):
    """Only the revision's own paragraphs and facts are accepted; anything else is a message."""
    response = logged_in(people.reviewer).post(add_url(revision), {"anchor": value, "text": "Hi"})
    assert response.status_code == 200
    assert "Choose a paragraph or fact of this revision" in page_text(response)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("value", ["-1", "１２", "99999999999999999999999", "abc", "1e3", "", "0"])
def test_a_forged_comment_number_is_refused_with_a_message(revision, people, value):
    """Whatever is posted as the comment, the thread answers with a message, never an error."""
    comment = comment_on(revision, people.reviewer)
    data = {"action": "resolve", "comment": value}
    response = logged_in(people.editor).post(add_url(revision), data, follow=True)
    assert response.status_code == 200
    assert "That comment is not on this article." in page_text(response)
    comment.refresh_from_db()
    assert comment.is_open


def test_a_comment_of_another_article_is_not_touched_from_this_one(revision, people):
    """A comment is acted on only through a revision of its own article."""
    other = submitted_revision(author=people.editor, drug=DrugFactory())
    elsewhere = comment_on(other, people.reviewer, comments.anchors_of(other)[0].key)
    response = act(logged_in(people.editor), revision, "resolve", elsewhere, follow=True)
    assert "That comment is not on this article." in page_text(response)
    elsewhere.refresh_from_db()
    assert elsewhere.is_open


def test_unknown_revisions_are_not_found(people):
    """A revision number that does not exist, however large, is a 404."""
    client = logged_in(people.reviewer)
    for pk in (424242, 10**30):
        url = reverse("admin:medinfo_articlerevision_comments", args=[pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"anchor": "x", "text": "Hi"}).status_code == 404


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_is_stored_as_plain_text_or_refused(revision, people, text):
    """Whatever is typed: the comment holds ``plain_text`` of it, or CommentError says why."""
    try:
        comment = comment_on(revision, people.reviewer, text=text)
    except comments.CommentError:
        assert not plain_text(text, multiline=True)
    else:
        assert comment.text == plain_text(text, multiline=True)


# Cost -----------------------------------------------------------------------------------------

# The screen costs 21 queries with comments today; one more per comment would pass 25 at 20.
REVIEW_SCREEN_QUERIES = 25


@pytest.mark.parametrize("count", [1, 20])
def test_review_screen_queries_do_not_grow_with_comments(
    django_assert_max_num_queries, revision, people, count
):
    """Comments by different people, with replies and resolved ones, cost the same queries."""
    for number in range(count):
        author = people.reviewer if number % 2 else people.second
        comment = comment_on(revision, author, FIBROMYALGIA, f"Comment {number}.")
        comments.reply_to_comment(comment=comment, author=people.editor, text="Noted.")
        if number % 3 == 2:
            comments.resolve_comment(comment=comment, user=people.editor)
    client = logged_in(people.editor)
    with django_assert_max_num_queries(REVIEW_SCREEN_QUERIES):
        response = client.get(review_url(revision))
    assert f"Comment {count - 1}." in page_text(response)


def test_a_thread_without_comments_works_out_no_anchors(people, revision, monkeypatch):
    """The article form's thread reads the revision's paragraphs and facts only to place
    comments: without any it reads none (a draft's meant capturing its facts, issue #15);
    with one, the comment is placed as before."""
    worked_out = []
    real = comments.anchors_of
    monkeypatch.setattr(comments, "anchors_of", lambda rev: worked_out.append(rev) or real(rev))
    assert comments.thread_for(revision=revision, user=people.reviewer).open == []
    assert worked_out == []
    comment_on(revision, people.reviewer)
    worked_out.clear()
    thread = comments.thread_for(revision=revision, user=people.reviewer)
    assert [item.location.label for item in thread.open] == [FIRST_PARAGRAPH]
    assert worked_out == [revision]
