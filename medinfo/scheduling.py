"""Publication at a chosen time: scheduled go-lives and expiries, applied by the task worker.

A pharmacist may approve a revision to go live later (``workflow.approve_revision``
with ``go_live_at``): the decision is stored at once, with four eyes and the byline
as always, but the article's ``live_revision`` — the only thing the public site
reads — changes only at that time. An article may also have an expiry: at its
time it is unpublished with the reason given, as by ``workflow.unpublish_article``.

Who applies them, and when:

* Each schedule queues ``publish_due_task`` to run at its time (django-tasks'
  ``run_after``; ``manage.py db_worker`` runs it). The task applies *everything*
  due, so one late run catches up with all that a stopped worker missed.
* ``manage.py publish_due`` does the same from cron, every minute, as a backstop
  for a worker that is down or behind. A scheduled change therefore reaches the
  site at its time when the worker runs, and at most a minute late otherwise
  (plus the CDN's ``MEDINFO_PAGE_MAX_AGE``); never early, as nothing else moves
  ``live_revision``.
* Any transition of an article first applies what is overdue for it, so the
  review log stays in the order things were due.

Applying is idempotent: each row is deleted in the transaction that applies it,
under the article's row lock. Cancelling a go-live keeps the revision approved
(the database never lets a decision be undone) but it will never go live; to
publish that text, an editor opens a new draft from it and sends it to review again.
Taking an article off the site, by hand or by expiry, cancels its scheduled go-live.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import tasks, workflow
from .models import Article, ArticleExpiry, ReviewEvent, ScheduledGoLive
from .models.scheduling import when

logger = logging.getLogger(__name__)
State = ReviewEvent.State

# A go-live more than a year ahead would already be due for its periodic review.
GO_LIVE_MAX_AHEAD = timedelta(days=365)
EXPIRY_MAX_AHEAD = timedelta(days=5 * 365)


def _check_aware(moment: datetime) -> None:
    if timezone.is_naive(moment):
        raise ValueError("Scheduled times must be aware datetimes (with a time zone).")


@task()
def publish_due_task(*, attempt: int = 1) -> None:
    """Apply every go-live and expiry whose time has come; queued for each scheduled time."""
    with tasks.retry_on_failure(publish_due_task, attempt=attempt):
        publish_due()


def _queue_publish_due(moment: datetime) -> None:
    """Have the worker run ``publish_due_task`` at ``moment``, once this transaction commits."""
    # A backend that runs tasks at once (the tests') cannot wait; publish_due catches up.
    if publish_due_task.get_backend().supports_defer:
        tasks.enqueue_on_commit(publish_due_task, run_after=moment)


def publish_due(*, now: datetime | None = None) -> list[str]:
    """Apply every go-live and expiry due at ``now``; returns what happened, one line each.

    Each article is settled in its own transaction, so one failure holds up no other;
    failures are raised together at the end (the task then retries).
    """
    now = now or timezone.now()
    article_ids = set(
        ScheduledGoLive.objects.filter(go_live_at__lte=now).values_list("article_id", flat=True)
    ) | set(ArticleExpiry.objects.filter(expires_at__lte=now).values_list("article_id", flat=True))
    done, errors = [], []
    for article_id in sorted(article_ids):
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=article_id)
                done += apply_due(article=article, now=now)
        except Exception as error:
            logger.exception("Could not apply the schedule of article %s", article_id)
            errors.append(error)
    if errors:
        raise ExceptionGroup("Some scheduled changes could not be applied", errors)
    return done


def apply_due(*, article: Article, now: datetime) -> list[str]:
    """Apply what is due for the locked ``article``, in the order it fell due."""
    go_live = (
        ScheduledGoLive.objects.filter(article=article, go_live_at__lte=now)
        .select_related("revision", "scheduled_by")
        .first()
    )
    expiry = ArticleExpiry.objects.filter(article=article, expires_at__lte=now).first()
    done = []
    if go_live is not None and (expiry is None or go_live.go_live_at < expiry.expires_at):
        done.append(_go_live(go_live, now=now))
    if expiry is not None:
        done.append(_expire(expiry))
    return done


def _go_live(schedule: ScheduledGoLive, *, now: datetime) -> str:
    revision = schedule.revision
    schedule.delete()
    workflow.make_live(
        revision=revision,
        actor=None,
        from_state=State.SCHEDULED,
        comment=f"Went live as scheduled by {schedule.scheduled_by} for {when(schedule.go_live_at)}.",
        live_since=now,
    )
    return f"Revision {revision.number} of “{revision.title}” went live."


def _expire(expiry: ArticleExpiry) -> str:
    article = Article.objects.select_related("live_revision").get(pk=expiry.article_id)
    expiry.delete()
    if article.live_revision_id is None:
        # Already off the site: nothing to take down, but nothing may come back either.
        cancel_pending_go_live(article=article, actor=None, reason="The article expired.")
        return f"“{article}” expired; it was not published."
    reason = f"Expired ({when(expiry.expires_at)}, set by {expiry.set_by}): {expiry.reason}"
    workflow.take_offline(article=article, actor=None, reason=reason, to_state=State.EXPIRED)
    return f"“{article}” expired and was unpublished."


def settle_for_approval(*, revision, reviewer_user, go_live_at: datetime | None) -> bool:
    """The scheduling side of an approval; True when ``revision`` waits for ``go_live_at``.

    Called by ``workflow.approve_revision`` once the decision is stored: what is
    overdue for the article is applied first, and a go-live still waiting for an
    older revision is cancelled, so no older text ever replaces this one.
    """
    now = timezone.now()
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    apply_due(article=article, now=now)
    cancel_pending_go_live(
        article=article,
        actor=reviewer_user,
        reason=f"Replaced by the approval of revision {revision.number}.",
    )
    if go_live_at is None:
        return False
    _check_aware(go_live_at)
    if go_live_at <= now:
        return False
    _check_go_live_time(article, go_live_at, now=now)
    schedule = ScheduledGoLive(
        article=article,
        revision=revision,
        go_live_at=go_live_at,
        scheduled_by=reviewer_user,
        created_at=now,
    )
    schedule.full_clean()
    schedule.save()
    comment = f"Goes live {when(go_live_at)}."
    if revision.decision_comment:
        comment = f"{revision.decision_comment}\n\n{comment}"
    workflow._log(
        article=article,
        revision=revision,
        actor=reviewer_user,
        from_state=State.IN_REVIEW,
        to_state=State.SCHEDULED,
        comment=comment,
    )
    _queue_publish_due(go_live_at)
    return True


def _check_go_live_time(article: Article, go_live_at: datetime, *, now: datetime) -> None:
    if go_live_at > now + GO_LIVE_MAX_AHEAD:
        raise workflow.WorkflowError("Schedule a go-live at most a year ahead.")
    expiry = ArticleExpiry.objects.filter(article=article).first()
    if expiry is not None and go_live_at >= expiry.expires_at:
        raise workflow.WorkflowError(
            f"This article expires {when(expiry.expires_at)}; choose an earlier go-live "
            "or change the expiry first."
        )


def cancel_pending_go_live(*, article: Article, actor, reason: str) -> bool:
    """Cancel the article's scheduled go-live, if any, logging ``reason``; inside a transaction."""
    schedule = ScheduledGoLive.objects.filter(article=article).select_related("revision").first()
    if schedule is None:
        return False
    schedule.delete()
    workflow._log(
        article=article,
        revision=schedule.revision,
        actor=actor,
        from_state=State.SCHEDULED,
        to_state=State.GO_LIVE_CANCELLED,
        comment=f"Was to go live {when(schedule.go_live_at)}. {reason}",
    )
    return True


def _locked_article(article: Article) -> Article:
    """The article under a row lock, with what is already due applied."""
    article = (
        Article.objects.select_for_update(of=("self",))
        .select_related("live_revision")
        .get(pk=article.pk)
    )
    apply_due(article=article, now=timezone.now())
    return article


@transaction.atomic
def cancel_go_live(*, article: Article, reviewer_user, reason: str) -> Article:
    """Withdraw a scheduled go-live before its time: the revision will never go live.

    It stays approved in the record (a decision cannot be undone); to publish its
    text, an editor opens a new draft from it and sends it to review again.
    """
    workflow._require_reviewer(reviewer_user)
    reason = workflow._checked_comment(reason, what="reason")
    if not reason:
        raise workflow.WorkflowError("Say why the go-live is cancelled.")
    article = _locked_article(article)
    if not cancel_pending_go_live(article=article, actor=reviewer_user, reason=reason):
        raise workflow.WorkflowError(
            "Nothing is scheduled to go live: it may have gone live already."
        )
    return article


@transaction.atomic
def set_expiry(
    *, article: Article, reviewer_user, expires_at: datetime, reason: str
) -> ArticleExpiry:
    """Have ``article`` come off the public site at ``expires_at``, with ``reason``.

    The article must be published or scheduled to go live, and any scheduled go-live
    must come before the expiry. Setting it again moves it.
    """
    workflow._require_reviewer(reviewer_user)
    _check_aware(expires_at)
    reason = workflow._checked_comment(reason, what="reason")
    if not reason:
        raise workflow.WorkflowError("Give a reason for the expiry.")
    article = _locked_article(article)
    now = timezone.now()
    _check_expiry_time(article, expires_at, now=now)
    ArticleExpiry.objects.filter(article=article).delete()
    expiry = ArticleExpiry(
        article=article, expires_at=expires_at, reason=reason, set_by=reviewer_user, created_at=now
    )
    expiry.full_clean()
    expiry.save()
    workflow._log(
        article=article,
        revision=article.live_revision,
        actor=reviewer_user,
        from_state=State.NONE,
        to_state=State.EXPIRY_SET,
        comment=f"Expires {when(expires_at)}: {reason}",
    )
    _queue_publish_due(expires_at)
    return expiry


def _check_expiry_time(article: Article, expires_at: datetime, *, now: datetime) -> None:
    if expires_at <= now:
        raise workflow.WorkflowError("Choose a time in the future for the expiry.")
    if expires_at > now + EXPIRY_MAX_AHEAD:
        raise workflow.WorkflowError("Set an expiry at most five years ahead.")
    go_live = ScheduledGoLive.objects.filter(article=article).first()
    if article.live_revision_id is None and go_live is None:
        raise workflow.WorkflowError(
            "Only a published article, or one scheduled to go live, can have an expiry."
        )
    if go_live is not None and expires_at <= go_live.go_live_at:
        raise workflow.WorkflowError(
            f"A revision goes live {when(go_live.go_live_at)}; the expiry must come after it."
        )


@transaction.atomic
def remove_expiry(*, article: Article, reviewer_user) -> Article:
    """Keep ``article`` on the site: its expiry will not happen."""
    workflow._require_reviewer(reviewer_user)
    article = _locked_article(article)
    expiry = ArticleExpiry.objects.filter(article=article).first()
    if expiry is None:
        raise workflow.WorkflowError("This article has no expiry: it may have expired already.")
    expiry.delete()
    workflow._log(
        article=article,
        revision=article.live_revision,
        actor=reviewer_user,
        from_state=State.NONE,
        to_state=State.EXPIRY_REMOVED,
        comment=f"Was to expire {when(expiry.expires_at)}: {expiry.reason}",
    )
    return article
