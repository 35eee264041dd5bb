"""Review comments: the services that write them, and the thread each screen shows.

Who may do what (the table in ``tests/medinfo/test_comments.py`` checks it):

- pharmacist reviewers (``workflow.can_review``) and the article's editors (editors
  whose words are in one of its revisions) comment and reply;
- the article's editors, and whoever wrote the comment, resolve it;
- reviewers, and whoever wrote the comment, reopen it;
- nobody changes a comment's words, and nothing is deleted.

Open comments block no decision; approving with some open says how many
(``open_count``), and the approved revision's review screen lists them
(``Thread.open_at_approval``). Every change is a ``CommentEvent``: who and when.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch

from common.text import plain_text

from . import comment_anchors, workflow
from .facts import capture_facts
from .models import (
    Article,
    ArticleRevision,
    Comment,
    CommentEvent,
    CommentStatus,
    RevisionStatus,
)
from .models.comment import COMMENT_MAX_LENGTH

Kind = CommentEvent.Kind


class CommentError(workflow.WorkflowError):
    """A comment, reply, resolve or reopen that is refused; the message says why."""


class CommentPermissionError(CommentError):
    """The person may not do this to this comment."""


# Who may do what ---------------------------------------------------------------------


def is_article_editor(user, article) -> bool:
    """Whether ``user`` edits articles and has words in one of ``article``'s revisions."""
    contributed = ArticleRevision.contributors.through.objects.filter(
        articlerevision__article_id=article.pk, user_id=user.pk
    )
    return workflow.can_edit(user) and contributed.exists()


@dataclass(frozen=True)
class Rights:
    """What one person may do in one article's thread (computed once per screen)."""

    user_id: int
    reviewer: bool
    article_editor: bool

    @classmethod
    def of(cls, user, article) -> "Rights":
        return cls(user.pk, workflow.can_review(user), is_article_editor(user, article))

    @property
    def may_comment(self) -> bool:
        return self.reviewer or self.article_editor

    def may_resolve(self, comment) -> bool:
        return self.article_editor or comment.author_id == self.user_id

    def may_reopen(self, comment) -> bool:
        return self.reviewer or comment.author_id == self.user_id


def _checked_text(text, what="comment") -> str:
    text = plain_text(text or "", multiline=True)
    if not text:
        raise CommentError(
            f"Write the {what} first: it is empty (spaces and invisible characters do not count)."
        )
    if len(text) > COMMENT_MAX_LENGTH:
        raise CommentError(
            f"Keep the {what} to {COMMENT_MAX_LENGTH:,} characters; this one has {len(text):,}."
        )
    return text


def _locked(comment) -> Comment:
    """Re-read ``comment`` under a row lock so two clicks on Resolve serialise."""
    return Comment.objects.select_for_update().select_related("article").get(pk=comment.pk)


# The services -------------------------------------------------------------------------


def anchors_of(revision) -> list[comment_anchors.Anchor]:
    """The paragraphs and facts of ``revision`` a comment can point at.

    A draft has no facts snapshot yet: its facts are the article's as they stand,
    which is what submitting would capture.
    """
    facts = revision.facts
    if revision.status == RevisionStatus.DRAFT:
        facts = capture_facts(revision.article)
    return [
        *comment_anchors.text_anchors(revision),
        *comment_anchors.fact_anchors(facts, article=revision.article),
    ]


@transaction.atomic
def add_comment(*, revision: ArticleRevision, author, anchor: str, text: str) -> Comment:
    """Comment on the paragraph or fact of ``revision`` whose ``Anchor.key`` is ``anchor``."""
    # Locked like start_revision locks it, so a new draft and a comment never cross.
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if not Rights.of(author, article).may_comment:
        raise CommentPermissionError(
            "Only pharmacist reviewers and the article's editors can comment on it."
        )
    if article.latest_revision_id != revision.pk:
        raise CommentError("Comment on the article's latest revision; this one has been replaced.")
    text = _checked_text(text)
    revision = ArticleRevision.objects.select_related("article").get(pk=revision.pk)  # as saved
    chosen = next((a for a in anchors_of(revision) if a.key == anchor), None)
    if chosen is None:
        raise CommentError(
            "Choose a paragraph or fact of this revision to comment on; "
            "the one chosen is not in it (reload the page to see the current text)."
        )
    comment = Comment(article=article, revision=revision, author=author, text=text,
                      anchor_kind=chosen.kind, field=chosen.field, block_index=chosen.index,
                      fact_path=chosen.path, anchor_digest=chosen.digest, quote=chosen.quote)  # fmt: skip
    comment.full_clean()
    comment.save()
    CommentEvent.objects.create(comment=comment, actor=author, kind=Kind.COMMENTED)
    return comment


@transaction.atomic
def reply_to_comment(*, comment: Comment, author, text: str) -> CommentEvent:
    """Add ``author``'s reply to an open comment."""
    comment = _locked(comment)
    if not Rights.of(author, comment.article).may_comment:
        raise CommentPermissionError(
            "Only pharmacist reviewers and the article's editors can reply to its comments."
        )
    if not comment.is_open:
        raise CommentError("This comment is resolved; reopen it to reply.")
    return CommentEvent.objects.create(
        comment=comment, actor=author, kind=Kind.REPLIED, text=_checked_text(text, "reply")
    )


def _set_status(comment, user, status, kind) -> Comment:
    comment.status = status
    comment.save(update_fields=["status"])
    CommentEvent.objects.create(comment=comment, actor=user, kind=kind)
    return comment


@transaction.atomic
def resolve_comment(*, comment: Comment, user) -> Comment:
    """Mark an open comment resolved: by the article's editors or the comment's author."""
    comment = _locked(comment)
    if not Rights.of(user, comment.article).may_resolve(comment):
        raise CommentPermissionError(
            "Only the article's editors and the comment's author can resolve it."
        )
    if not comment.is_open:
        raise CommentError("This comment is already resolved.")
    return _set_status(comment, user, CommentStatus.RESOLVED, Kind.RESOLVED)


@transaction.atomic
def reopen_comment(*, comment: Comment, user) -> Comment:
    """Open a resolved comment again: by pharmacist reviewers or the comment's author."""
    comment = _locked(comment)
    if not Rights.of(user, comment.article).may_reopen(comment):
        raise CommentPermissionError(
            "Only pharmacist reviewers and its author can reopen a comment."
        )
    if comment.is_open:
        raise CommentError("This comment is already open.")
    return _set_status(comment, user, CommentStatus.OPEN, Kind.REOPENED)


def open_count(article) -> int:
    """How many of ``article``'s comments are open."""
    return Comment.objects.filter(article=article, status=CommentStatus.OPEN).count()


# What the screens show -------------------------------------------------------------------


@dataclass
class ThreadItem:
    """One comment as a screen shows it: where it points now and what the reader may do."""

    comment: Comment
    location: comment_anchors.Location
    events: list[CommentEvent]
    may_reply: bool = False
    may_resolve: bool = False
    may_reopen: bool = False

    @property
    def replies(self) -> list[CommentEvent]:
        return [event for event in self.events if event.kind == Kind.REPLIED]


@dataclass
class Thread:
    """The comments a revision's reader sees, split into open and resolved."""

    revision: ArticleRevision
    open: list[ThreadItem] = field(default_factory=list)
    resolved: list[ThreadItem] = field(default_factory=list)
    may_comment: bool = False
    # For an approved revision: the comments that were open when it was approved.
    open_at_approval: list[ThreadItem] | None = None
    max_length: int = COMMENT_MAX_LENGTH


def person(user) -> str:
    """A name for the thread: a reviewer's byline, else the user's full name or username."""
    profile = getattr(user, "reviewer_profile", None)
    if profile is not None:
        return profile.byline
    return user.get_full_name() or user.get_username()


def _comments(article, up_to_number):
    """``article``'s comments made on revisions up to ``up_to_number``, events prefetched."""
    events = CommentEvent.objects.select_related("actor__reviewer_profile").order_by(
        "created_at", "pk"
    )
    return (
        Comment.objects.filter(article=article, revision__number__lte=up_to_number)
        .select_related("author__reviewer_profile", "revision")
        .prefetch_related(Prefetch("events", queryset=events))
    )


def _was_open_at(comment, moment) -> bool:
    """Whether ``comment`` was open at ``moment``, from its log alone."""
    state = None
    for event in comment.events.all():
        if event.created_at > moment:
            break
        if event.kind != Kind.REPLIED:
            state = event.kind
    return state in (Kind.COMMENTED, Kind.REOPENED)


def thread_for(*, revision: ArticleRevision, user) -> Thread:
    """What ``revision``'s review screen shows ``user``: a fixed number of queries, any length."""
    rights = Rights.of(user, revision.article)
    thread = Thread(revision=revision)
    thread.may_comment = rights.may_comment and revision.article.latest_revision_id == revision.pk
    items = []
    anchors = None  # worked out for the first comment: a thread without any needs none
    for comment in _comments(revision.article, revision.number):
        if anchors is None:
            anchors = anchors_of(revision)
        item = ThreadItem(
            comment, comment_anchors.locate(comment, anchors), list(comment.events.all())
        )
        item.may_reply = comment.is_open and rights.may_comment
        item.may_resolve = comment.is_open and rights.may_resolve(comment)
        item.may_reopen = not comment.is_open and rights.may_reopen(comment)
        (thread.open if comment.is_open else thread.resolved).append(item)
        items.append(item)
    if revision.status == RevisionStatus.APPROVED and revision.reviewed_at:
        thread.open_at_approval = [
            i for i in items if _was_open_at(i.comment, revision.reviewed_at)
        ]
    return thread


def article_thread(*, article, user) -> Thread | None:
    """The open comments the article form lists for its editor, against the latest revision."""
    revision = article.latest_revision
    if revision is None:
        return None
    revision.article = article  # the article the form holds, not fetched again for the rights
    return thread_for(revision=revision, user=user)
