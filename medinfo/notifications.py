"""E-mails the workflow sends: reviewers on submission, the author on a decision."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from common.text import plain_text

from . import foureyes
from .models import ArticleRevision, ScheduledGoLive
from .models.scheduling import when
from .roles import REVIEWERS


def _admin_link(name: str, *args: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def revision_submitted(*, revision: ArticleRevision) -> None:
    """Tell every active pharmacist reviewer who did not write it that a revision awaits review."""
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=REVIEWERS, is_active=True, reviewer_profile__is_active=True)
        .exclude(email="")
        .exclude(contributed_revisions=revision)
        .exclude(pk__in=foureyes.fact_contributor_ids(revision=revision))  # four eyes on facts
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return
    send_mail(
        # A title stored before input was normalised may hold a line break: no header can.
        subject=f"Review requested: {plain_text(revision.title)}",
        message=(
            f"Revision {revision.number} of “{revision.title}” was submitted for review.\n\n"
            f"Review it here: {_admin_link('admin:medinfo_articlerevision_review', revision.pk)}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )


def revision_decided(*, revision: ArticleRevision) -> None:
    """Tell the revision's author what the reviewer decided and why."""
    if not revision.author.email:
        return
    if revision.reviewer is None:
        raise ValueError(f"Revision {revision.pk} has no decision to tell its author about")
    comment = revision.decision_comment or "(no comment)"
    go_live = ScheduledGoLive.objects.filter(revision=revision).first()
    going_live = f" It goes live on {when(go_live.go_live_at)}." if go_live else ""
    send_mail(
        subject=f"{revision.get_status_display().capitalize()}: {plain_text(revision.title)}",
        message=(
            f"{revision.reviewer.byline} marked revision {revision.number} of “{revision.title}” "
            f"as {revision.get_status_display()}.{going_live}\n\nComment: {comment}\n\n"
            f"Article: {_admin_link('admin:medinfo_article_change', revision.article_id)}\n"
        ),
        from_email=None,
        recipient_list=[revision.author.email],
    )
