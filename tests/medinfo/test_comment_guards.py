"""The database keeps review comments as written: only a comment's status ever changes.

``Comment.save`` and ``CommentEvent.save`` refuse edits, but ``update()``,
``bulk_update()`` and raw SQL never call them. Every test here whose docstring
says "Failed on the old code" failed before migration 0022: a comment's words
could be rewritten and the comments' log emptied.
"""

import pytest
from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import Concat

from medinfo import comments
from medinfo.models import Comment, CommentEvent, CommentStatus
from tests.factories import DrugFactory, editor_user, reviewer_user, submitted_revision
from tests.medinfo.test_revision_guards import assert_refused, raw_sql

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment():
    """A pharmacist's open comment, with a reply, on a revision in review."""
    editor = editor_user()
    revision = submitted_revision(author=editor, drug=DrugFactory())
    written = comments.add_comment(revision=revision, author=reviewer_user(),
                                   anchor=comments.anchors_of(revision)[0].key, text="Say why.")  # fmt: skip
    comments.reply_to_comment(comment=written, author=editor, text="Done.")
    return written


def update(**values):
    return lambda comment: Comment.objects.filter(pk=comment.pk).update(**values)


def save_past_the_python_check(comment):
    comment.text = "Words nobody wrote."
    models.Model.save(comment)  # what a save() override that forgot the check would do


def bulk_update_quote(comment):
    comment.quote = "Another paragraph."
    Comment.objects.bulk_update([comment], ["quote"])


COMMENT_WRITES = [
    pytest.param(save_past_the_python_check, id="model-save-skipping-the-check"),
    pytest.param(update(text="Words nobody wrote."), id="update-text"),
    pytest.param(update(text=Concat(F("text"), Value(" Not."))), id="update-expression"),
    pytest.param(update(anchor_digest="0" * 16, block_index=7), id="move-anchor"),
    pytest.param(lambda comment: update(author=comment.revision.author)(comment), id="author"),
    pytest.param(bulk_update_quote, id="bulk-update"),
    pytest.param(
        lambda comment: raw_sql("UPDATE medinfo_comment SET text = 'x' WHERE id = %s", comment.pk),
        id="raw-sql-update",
    ),
    pytest.param(
        lambda comment: raw_sql("DELETE FROM medinfo_comment WHERE id = %s", comment.pk),
        id="raw-sql-delete",
    ),
]


@pytest.mark.parametrize("write", COMMENT_WRITES)
def test_database_refuses_rewriting_or_deleting_a_comment(comment, write):
    """Failed on the old code: a comment's words, anchor or author could be rewritten, or it
    could be deleted, past ``Comment.save`` (Django's own delete stops at the log's PROTECT)."""
    assert_refused(lambda: write(comment), Comment, comment.pk)


EVENT_WRITES = [
    pytest.param(lambda event: CommentEvent.objects.filter(pk=event.pk).update(text="Not."),
                 id="update-reply"),
    pytest.param(lambda event: CommentEvent.objects.filter(pk=event.pk).update(kind="resolved",
                                                                                text=""),
                 id="update-kind"),
    pytest.param(lambda event: raw_sql("DELETE FROM medinfo_commentevent WHERE id = %s", event.pk),
                 id="raw-sql-delete"),
    pytest.param(lambda event: CommentEvent.objects.filter(pk=event.pk).delete(), id="delete"),
]  # fmt: skip


@pytest.mark.parametrize("write", EVENT_WRITES)
def test_database_refuses_changing_or_deleting_a_comment_event(comment, write):
    """Failed on the old code: the comments' append-only log could be rewritten or emptied."""
    reply = comment.events.get(kind=CommentEvent.Kind.REPLIED)
    assert_refused(lambda: write(reply), CommentEvent, reply.pk)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
@pytest.mark.parametrize("table", ["medinfo_comment", "medinfo_commentevent"])
def test_postgres_refuses_truncating_comments_or_their_events(comment, table):
    """Failed on the old code: TRUNCATE emptied the comments and their log."""
    raw_sql("SET CONSTRAINTS ALL IMMEDIATE")  # PostgreSQL will not truncate with checks pending
    assert_refused(lambda: raw_sql(f"TRUNCATE {table} CASCADE"), Comment, comment.pk)


def test_resolving_and_reopening_still_write_the_status(comment):
    """The one column that moves: resolve and reopen pass the guards, each logged."""
    comments.resolve_comment(comment=comment, user=comment.author)
    comments.reopen_comment(comment=comment, user=comment.author)
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.RESOLVED)
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.RESOLVED
    kinds = list(comment.events.values_list("kind", flat=True))
    assert kinds == ["commented", "replied", "resolved", "reopened"]
