"""Changes to the public site that wait for their time: a scheduled go-live and an expiry.

Each row is something that will happen by itself. The task worker applies it at
its time (``medinfo.scheduling``) and deletes it; the review log keeps what
happened. Pharmacist reviewers schedule a go-live in the decision form of the
review screen and set or remove an expiry on the article's page.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from common.text import PlainTextMixin

from .article import Article, ArticleRevision


def when(moment: datetime) -> str:
    """A scheduled time as the admin, e-mails and the review log print it: “2026-03-01 09:00 UTC”."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")


class ScheduledGoLive(models.Model):
    """An approved revision that becomes its article's live revision at ``go_live_at``.

    Made by ``workflow.approve_revision(go_live_at=…)``; until that time the public
    keeps seeing the article's current live revision, or nothing. Deleted when the
    revision goes live or the go-live is cancelled.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="scheduled_go_live",
        verbose_name="article",
        help_text="The article whose live revision changes; one scheduled go-live at a time.",
    )
    revision = models.OneToOneField(
        ArticleRevision,
        on_delete=models.CASCADE,
        related_name="scheduled_go_live",
        verbose_name="revision",
        help_text="The approved revision that goes live, e.g. revision 3.",
    )
    go_live_at = models.DateTimeField(
        "goes live at",
        db_index=True,
        help_text="When the revision replaces the live one, e.g. 2026-03-01 09:00.",
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="scheduled by",
        help_text="The pharmacist who approved the revision and chose the time.",
    )
    # Set by the service to the moment it compared go_live_at with, so the check below holds.
    created_at = models.DateTimeField("scheduled on", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "scheduled go-live"
        verbose_name_plural = "scheduled go-lives"
        ordering = ["go_live_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="go_live_after_scheduling",
                condition=models.Q(go_live_at__gt=models.F("created_at")),
                violation_error_message="A go-live is scheduled for a later time.",
            )
        ]

    def __str__(self):
        return f"Revision {self.revision.number} of “{self.revision.title}” goes live at {self.go_live_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:medinfo_article_change", args=[self.article_id])


class ArticleExpiry(PlainTextMixin, models.Model):
    """When a published article comes off the public site by itself, and why.

    Set by a pharmacist on the article's page (“Set expiry…”). At ``expires_at``
    the task worker unpublishes the article with ``reason``, and the review log
    records it as done by MedInfo. Deleted once applied or removed.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="expiry",
        verbose_name="article",
        help_text="The article that comes off the site; one expiry at a time.",
    )
    expires_at = models.DateTimeField(
        "expires at",
        db_index=True,
        help_text="When the article comes off the public site, e.g. 2026-12-31 23:59.",
    )
    reason = models.TextField(
        "reason",
        help_text="Kept in the review log, e.g. “The shortage notice no longer applies”.",
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="set by",
        help_text="The pharmacist who set the expiry.",
    )
    created_at = models.DateTimeField("set on", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "article expiry"
        verbose_name_plural = "article expiries"
        ordering = ["expires_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="expiry_after_setting",
                condition=models.Q(expires_at__gt=models.F("created_at")),
                violation_error_message="An expiry is set for a later time.",
            ),
            models.CheckConstraint(
                name="expiry_has_reason",
                condition=~models.Q(reason=""),
                violation_error_message="Give a reason for the expiry.",
            ),
        ]

    def __str__(self):
        return f"{self.article} expires at {self.expires_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:medinfo_article_change", args=[self.article_id])
