"""The append-only review log: every step of every article through the workflow."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from common.text import PlainTextMixin

from .article import Article, ArticleRevision


class ReviewEvent(PlainTextMixin, models.Model):
    """One entry of the append-only audit log: who moved which revision from where to where.

    Read-only in the admin under Editorial → Review events.
    """

    class State(models.TextChoices):
        NONE = "", "—"
        DRAFT = "draft", "draft"
        IN_REVIEW = "in_review", "in review"
        CHANGES_REQUESTED = "changes_requested", "changes requested"
        APPROVED = "approved", "approved (live)"
        UNPUBLISHED = "unpublished", "unpublished"
        # medinfo.scheduling: approvals that wait for their time, and expiry.
        SCHEDULED = "scheduled", "approved, scheduled to go live"
        GO_LIVE_CANCELLED = "go_live_cancelled", "scheduled go-live cancelled"
        EXPIRY_SET = "expiry_set", "expiry set"
        EXPIRY_REMOVED = "expiry_removed", "expiry removed"
        EXPIRED = "expired", "expired (unpublished)"

    # Who the log names when nobody acted at that moment: a scheduled go-live or expiry.
    SYSTEM_ACTOR = "MedInfo (on schedule)"

    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="events", verbose_name="article"
    )
    revision = models.ForeignKey(
        ArticleRevision,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        verbose_name="revision",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="who",
        help_text="Empty when MedInfo acted on a schedule (a go-live or an expiry).",
    )
    created_at = models.DateTimeField("when", auto_now_add=True, db_index=True)
    from_state = models.CharField("from", max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField("to", max_length=20, choices=State.choices)
    comment = models.TextField("comment", blank=True)

    class Meta:
        verbose_name = "review event"
        verbose_name_plural = "review events"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.who}: {self.get_from_state_display()} → {self.get_to_state_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("Review events are append-only.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:medinfo_reviewevent_change", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise ValidationError("Review events are append-only.")

    @property
    def who(self):
        """The person who acted, or ``SYSTEM_ACTOR`` for what happened on a schedule."""
        return self.actor if self.actor_id else self.SYSTEM_ACTOR
