"""Review comments: remarks on one paragraph or one fact of an article, with their audit log.

Reviewers and the article's editors write them on the review screen; editors
also see the open ones on the article form. A comment belongs to the article's
thread, so it is still there (and still open) on the next revision. Its text is
never edited and it is never deleted; replies, resolving and reopening are
append-only ``CommentEvent`` rows. The services are in ``medinfo.comments``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.urls import reverse

from common.text import PlainTextMixin

from .article import Article, ArticleRevision

# A few paragraphs, like a decision comment (workflow.COMMENT_MAX_LENGTH).
COMMENT_MAX_LENGTH = 2000


class CommentStatus(models.TextChoices):
    OPEN = "open", "open"
    RESOLVED = "resolved", "resolved"


class CommentEventKind(models.TextChoices):
    COMMENTED = "commented", "commented"
    REPLIED = "replied", "replied"
    RESOLVED = "resolved", "resolved"
    REOPENED = "reopened", "reopened"


class AnchorKind(models.TextChoices):
    PARAGRAPH = "paragraph", "paragraph of the text"
    FACT = "fact", "fact"


def _length_at_most(field, limit):
    return models.lookups.LessThanOrEqual(Length(field), limit)


class Comment(PlainTextMixin, models.Model):
    """A remark on one paragraph or fact of an article, open until someone resolves it.

    The anchor names a paragraph by its field, its position and a digest of its
    words, or a fact by its key path in the facts snapshot (e.g.
    ``drug.uses[fibromyalgia]``), so later revisions find it again or show it as
    outdated (``medinfo.comment_anchors``). Only ``status`` ever changes.
    """

    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="comments", verbose_name="article"
    )
    revision = models.ForeignKey(
        ArticleRevision,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name="made on revision",
        help_text="The revision the commenter was reading, e.g. revision 2.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="author",
    )
    anchor_kind = models.CharField(
        "points at", max_length=10, choices=AnchorKind.choices, help_text="A paragraph or a fact."
    )
    field = models.CharField(
        "text field",
        max_length=30,
        blank=True,
        editable=False,
        help_text="For a paragraph: the revision field it is in, e.g. “body”.",
    )
    block_index = models.PositiveIntegerField(
        "block position",
        null=True,
        blank=True,
        editable=False,
        help_text="For a paragraph: its position in the field, from 0, e.g. 2 for the third.",
    )
    fact_path = models.CharField(
        "fact",
        max_length=500,
        blank=True,
        editable=False,
        help_text="For a fact: its key path in the facts snapshot, e.g. “drug.uses[fibromyalgia]”.",
    )
    anchor_digest = models.CharField(
        "digest of what it points at",
        max_length=16,
        editable=False,
        help_text="Tells whether the paragraph or fact still reads as it did.",
    )
    quote = models.CharField(
        "quoted",
        max_length=200,
        editable=False,
        help_text="The start of the paragraph or the fact as it read, e.g. “Take it twice a day…”.",
    )
    text = models.TextField(
        "comment", help_text="Plain text, e.g. “Say that it is not approved under 17.”."
    )
    status = models.CharField(
        "status", max_length=10, choices=CommentStatus.choices, default=CommentStatus.OPEN
    )
    created_at = models.DateTimeField("written", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "comment"
        verbose_name_plural = "comments"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="comment_status_valid", condition=models.Q(status__in=CommentStatus.values)
            ),
            models.CheckConstraint(
                name="comment_has_one_anchor",
                condition=models.Q(
                    anchor_kind=AnchorKind.PARAGRAPH, block_index__isnull=False, fact_path=""
                )
                & ~models.Q(field="")
                | models.Q(anchor_kind=AnchorKind.FACT, block_index__isnull=True, field="")
                & ~models.Q(fact_path=""),
                violation_error_message="A comment points at a paragraph or at a fact.",
            ),
            models.CheckConstraint(
                name="comment_text_length",
                condition=~models.Q(text="")
                & models.Q(_length_at_most("text", COMMENT_MAX_LENGTH)),
                violation_error_message=f"A comment has 1 to {COMMENT_MAX_LENGTH:,} characters.",
            ),
        ]
        indexes = [models.Index(fields=["article", "status"], name="comment_article_status")]

    def __str__(self):
        return f"Comment by {self.author} on revision {self.revision.number}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        # Nobody edits a comment's words or moves it; resolving changes the status alone.
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (update_fields is None or set(update_fields) - {"status"}):
            raise ValidationError("A comment's text and anchor never change.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        review = reverse("admin:medinfo_articlerevision_review", args=[self.revision_id])
        return f"{review}#comment-{self.pk}"

    def delete(self, *args, **kwargs):
        raise ValidationError("Comments are kept, resolved or not.")

    @property
    def is_open(self):
        return self.status == CommentStatus.OPEN


class CommentEvent(PlainTextMixin, models.Model):
    """One entry of a comment's append-only log: written, replied to, resolved or reopened.

    Who and when for each; a reply carries its text. Shown in the comment's
    thread on the review screen.
    """

    Kind = CommentEventKind

    comment = models.ForeignKey(
        Comment, on_delete=models.PROTECT, related_name="events", verbose_name="comment"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="who"
    )
    kind = models.CharField("what", max_length=10, choices=CommentEventKind.choices)
    text = models.TextField(
        "reply", blank=True, help_text="A reply's words, e.g. “Done: the age limit is in.”."
    )
    created_at = models.DateTimeField("when", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "comment event"
        verbose_name_plural = "comment events"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="comment_event_kind_valid",
                condition=models.Q(kind__in=CommentEventKind.values),
            ),
            models.CheckConstraint(
                name="comment_event_reply_has_text",
                condition=models.Q(kind=CommentEventKind.REPLIED)
                & ~models.Q(text="")
                & models.Q(_length_at_most("text", COMMENT_MAX_LENGTH))
                | ~models.Q(kind=CommentEventKind.REPLIED) & models.Q(text=""),
                violation_error_message="A reply has words; other events have none.",
            ),
        ]

    def __str__(self):
        return f"{self.actor} {self.get_kind_display()} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("Comment events are append-only.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.comment.get_absolute_url()

    def delete(self, *args, **kwargs):
        raise ValidationError("Comment events are append-only.")
