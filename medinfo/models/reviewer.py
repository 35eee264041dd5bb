"""Pharmacist reviewers: who approves, shown as “Last reviewed by: Kristi Monson, PharmD”."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_image_file_extension
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.text import PlainTextMixin

from ..uploads import (
    ReencodedImageField,
    photo_byte_limit,
    reviewer_photo_path,
    validate_photo_size,
)


class Reviewer(PlainTextMixin, models.Model):
    """A licensed pharmacist who approves articles; shown as “Kristi Monson, PharmD”.

    Edited under Editorial → Reviewers. Only users in the “Pharmacist reviewers”
    group with an active profile may approve revisions.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviewer_profile",
        verbose_name="user",
    )
    display_name = models.CharField(
        "display name", max_length=120, help_text="As printed on pages, e.g. “Kristi Monson”."
    )
    slug = models.SlugField(
        "slug", max_length=120, unique=True, help_text="URL part, e.g. “kristi-monson”."
    )
    credentials = models.CharField(
        "credentials", max_length=60, help_text="Degrees after the name, e.g. “PharmD”."
    )
    licence_number = models.CharField(
        "licence number", max_length=60, help_text="Pharmacist licence, e.g. “RPH-0012345”."
    )
    licence_jurisdiction = models.CharField(
        "licence jurisdiction",
        max_length=120,
        help_text="Where it was issued, e.g. “Minnesota, USA”.",
    )
    bio = models.TextField(
        "bio", blank=True, help_text="A short plain-text biography, e.g. “Kristi has 12 years…”."
    )
    photo = ReencodedImageField(
        "photo",
        upload_to=reviewer_photo_path,
        max_bytes=photo_byte_limit,
        blank=True,
        validators=[validate_image_file_extension, validate_photo_size],
        help_text="A JPEG, PNG or WebP portrait of at most 2 MB.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Only active reviewers may approve revisions."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "reviewer"
        verbose_name_plural = "reviewers"
        ordering = ["display_name"]
        permissions = [
            ("change_reviewer_byline", "Can change a reviewer's name, credentials and licence"),
        ]

    def __str__(self):
        return self.byline

    def get_absolute_url(self):
        return reverse("reviewer_detail", kwargs={"reviewer_slug": self.slug})

    @property
    def byline(self):
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name

    def slug_is_frozen(self):
        """Whether published bylines link to this reviewer's page, so its address must stay."""
        from .article import RevisionStatus

        return (
            bool(self.pk)
            and self.reviewed_revisions.filter(status=RevisionStatus.APPROVED).exists()
        )

    def clean(self):
        super().clean()
        stored = type(self)._default_manager.filter(pk=self.pk).values_list("slug", flat=True)
        old_slug = stored.first() if self.pk else None
        if old_slug not in (None, self.slug) and self.slug_is_frozen():
            raise ValidationError(
                {
                    "slug": "This reviewer approved published revisions whose bylines link to "
                    f"/reviewers/{old_slug}/, so the address can no longer change."
                }
            )
