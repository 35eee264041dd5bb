"""The review workflow: the only code that moves articles and revisions between states.

Admin views, management commands and tests all call these functions, so the
rules (four eyes, comments, immutability, the audit log) hold everywhere.

    draft ──submit──▶ in review ──approve──▶ approved (live)
                          │
                          └──request changes──▶ changes requested ──revise──▶ new draft
"""

from __future__ import annotations

import datetime
from calendar import monthrange
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from common.text import plain_text

from . import foureyes, readability, references, tasks
from .editing import check_draft_is_current, refuse_editing_in_review, revision_text

# The workflow's errors, as callers name them (workflow.StaleDraftError …).
from .errors import ReadabilityConfirmationNeeded as ReadabilityConfirmationNeeded
from .errors import StaleDraftError as StaleDraftError
from .errors import WorkflowError as WorkflowError
from .facts import capture_facts, facts_differ
from .models import Article, ArticleAutosave, ArticleRevision, ReviewEvent, RevisionStatus
from .searchtext import prepare_search_fields

if TYPE_CHECKING:  # for annotations only
    from django.contrib.auth.models import User

    from conditions.models import Condition
    from drugs.models import Drug

State = ReviewEvent.State
BYLINE_FIELDS = ["reviewer_name", "reviewer_credentials"]
# Decision comments and unpublish reasons: a few paragraphs, not a document.
COMMENT_MAX_LENGTH = 2000


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, monthrange(year, month)[1]))


def can_edit(user: User) -> bool:
    return user.is_active and user.has_perm("medinfo.change_articlerevision")


def can_review(user: User) -> bool:
    """Pharmacist reviewers with an active profile may approve or request changes."""
    profile = getattr(user, "reviewer_profile", None)
    return bool(
        user.is_active
        and user.has_perm("medinfo.approve_articlerevision")
        and profile is not None
        and profile.is_active
    )


def _log(
    *,
    article: Article,
    revision: ArticleRevision | None,
    actor: User | None,
    from_state: str,
    to_state: str,
    comment: str = "",
) -> ReviewEvent:
    return ReviewEvent.objects.create(
        article=article,
        revision=revision,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )


def _require_editor(user: User) -> None:
    if not can_edit(user):
        raise WorkflowError("You do not have permission to edit articles.")


def _checked_comment(comment: str | None, *, what: str = "comment") -> str:
    """``comment`` as plain text, refused when longer than ``COMMENT_MAX_LENGTH``."""
    text = plain_text(comment or "", multiline=True)
    if len(text) > COMMENT_MAX_LENGTH:
        raise WorkflowError(
            f"Keep the {what} to {COMMENT_MAX_LENGTH:,} characters; this one has {len(text):,}."
        )
    return text


def _require_reviewer(user: User) -> None:
    if not can_review(user):
        raise WorkflowError(
            "Only pharmacist reviewers with an active reviewer profile can review articles."
        )


def _locked(revision: ArticleRevision) -> ArticleRevision:
    """Re-read ``revision`` under a row lock so concurrent transitions serialise."""
    return ArticleRevision.objects.select_for_update().select_related("article").get(pk=revision.pk)


@transaction.atomic
def create_article(
    *,
    author: User,
    article: Article | None = None,
    kind: str | None = None,
    slug: str | None = None,
    drug: Drug | None = None,
    condition: Condition | None = None,
    **text: Any,
) -> Article:
    """Create an article and its first draft revision; ``text`` names ``DRAFT_FIELDS``.

    The article is either built from ``kind``, ``slug``, ``drug`` and ``condition``,
    or given as ``article``: an unsaved ``Article`` (the admin's add form builds one,
    with its page settings), which is saved as it is and returned.
    """
    _require_editor(author)
    built = {"kind": kind, "slug": slug, "drug": drug, "condition": condition}
    if article is None:
        article = Article(**built)
    elif article.pk is not None or any(built.values()):
        raise TypeError("Give either an unsaved article or its kind, slug, drug and condition.")
    article.full_clean()
    article.save()
    revision = ArticleRevision(
        article=article,
        number=1,
        author=author,
        **revision_text(text),
    )
    revision.full_clean(exclude=["article"])
    revision.readability_grade = readability.revision_grade(revision)
    revision.save()
    revision.contributors.add(author)
    Article.objects.filter(pk=article.pk).update(latest_revision=revision)
    article.latest_revision = revision
    _log(
        article=article,
        revision=revision,
        actor=author,
        from_state=State.NONE,
        to_state=State.DRAFT,
    )
    return article


@transaction.atomic
def save_draft(
    *, revision: ArticleRevision, editor: User, expected_version: int, **text: Any
) -> ArticleRevision:
    """Save new text and references (``DRAFT_FIELDS``) into a draft, refusing an outdated copy.

    ``expected_version`` is the draft's version the editor opened; the editing rules
    (``check_draft_is_current``) refuse the save with ``StaleDraftError``.
    """
    _require_editor(editor)
    candidate = ArticleRevision(
        article_id=revision.article_id,
        number=revision.number,
        author_id=revision.author_id,
        **revision_text(text),
    )
    candidate.full_clean(exclude=["article", "number", "author"], validate_constraints=False)
    current = check_draft_is_current(article=revision.article_id, draft_version=expected_version)
    if current is None or current.pk != revision.pk or current.status != RevisionStatus.DRAFT:
        current = ArticleRevision.objects.get(pk=revision.pk)
        raise WorkflowError(
            f"Revision {current.number} is {current.get_status_display()} and can no longer be edited."
        )
    changes = {
        **{name: getattr(candidate, name) for name in ArticleRevision.DRAFT_FIELDS},
        "readability_grade": readability.revision_grade(candidate),
        "version": expected_version + 1,
        "updated_at": timezone.now(),
    }
    ArticleRevision.objects.filter(pk=current.pk).update(**changes)
    for name, value in changes.items():
        setattr(current, name, value)
    current.contributors.add(editor)
    # The editor's unsaved copy (the live preview's) is now the draft itself.
    ArticleAutosave.objects.filter(article_id=revision.article_id, user=editor).delete()
    return current


def _unapproved_contributors(source: ArticleRevision | None) -> list[User]:
    """Who wrote ``source``'s text since the last approval: none once it was approved."""
    if source is None or source.status == RevisionStatus.APPROVED:
        return []
    return list(source.contributors.all())


@transaction.atomic
def start_revision(*, article: Article, author: User) -> ArticleRevision:
    """Open a new draft for ``article``, copying the newest revision's text and references.

    Returns the existing draft when there is one. Editing a live article this way
    never touches the live revision: the public keeps it until a new approval.
    Text nobody approved yet carries its contributors into the new draft (four eyes).
    """
    _require_editor(author)
    article = Article.objects.select_for_update().get(pk=article.pk)
    latest = article.revisions.order_by("-number").first()
    if latest and latest.status == RevisionStatus.DRAFT:
        return latest
    refuse_editing_in_review(latest)
    number = (article.revisions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    text = revision_text(
        {name: getattr(latest, name) for name in ArticleRevision.DRAFT_FIELDS} if latest else {}
    )
    revision = ArticleRevision.objects.create(
        article=article,
        number=number,
        author=author,
        readability_grade=readability.reading_grade(lead=text["lead"], body=text["body"]),
        **text,
    )
    revision.contributors.add(author, *_unapproved_contributors(latest))
    Article.objects.filter(pk=article.pk).update(latest_revision=revision)
    _log(
        article=article,
        revision=revision,
        actor=author,
        from_state=latest.status if latest else State.NONE,
        to_state=State.DRAFT,
    )
    return revision


@transaction.atomic
def submit_revision(
    *, revision: ArticleRevision, submitter: User, confirm_readability: bool = False
) -> ArticleRevision:
    """Freeze a draft with a snapshot of the current facts and send it to reviewers.

    Prose above ``MEDINFO_READABILITY_CONFIRM_GRADE`` is refused with
    ``ReadabilityConfirmationNeeded`` unless ``confirm_readability`` says the editor saw its grade.
    """
    _require_editor(submitter)
    revision = _locked(revision)
    if revision.status != RevisionStatus.DRAFT:
        raise WorkflowError(
            f"Only a draft can be submitted; this one is {revision.get_status_display()}."
        )
    if not revision.title.strip() or not revision.lead.strip():
        raise WorkflowError("A revision needs a title and a lead before it can be submitted.")
    if uncited := _uncited(revision, "submitted"):
        raise WorkflowError(uncited)
    grade = revision.readability_grade = readability.revision_grade(revision)
    if grade is not None and readability.needs_confirmation(grade) and not confirm_readability:
        raise ReadabilityConfirmationNeeded(readability.confirmation_message(grade))
    revision.facts = capture_facts(revision.article)
    prepare_search_fields(revision)
    revision.status = RevisionStatus.IN_REVIEW
    revision.submitted_at = timezone.now()
    derived = ["facts", "search_names", "search_text", "readability_grade"]
    revision.save(update_fields=[*derived, "status", "submitted_at"])
    revision.contributors.add(submitter)
    _log(
        article=revision.article,
        revision=revision,
        actor=submitter,
        from_state=State.DRAFT,
        to_state=State.IN_REVIEW,
    )
    tasks.enqueue_on_commit(tasks.send_submission_emails, revision_id=revision.pk)
    return revision


def _uncited(revision: ArticleRevision, action: str) -> str:
    article, items = revision.article, revision.references
    return references.missing_sources(kind=article.kind, items=items, action=action)


DECISION_FIELDS = ["status", "reviewer", "reviewed_at", "decision_comment", *BYLINE_FIELDS]


def _decide(revision: ArticleRevision, reviewer_user: User, comment: str) -> ArticleRevision:
    """Checks shared by approve and request-changes; returns the locked revision."""
    _require_reviewer(reviewer_user)
    comment = _checked_comment(comment)
    revision = _locked(revision)
    if revision.status != RevisionStatus.IN_REVIEW:
        raise WorkflowError(
            f"Only a revision in review can be decided; this one is {revision.get_status_display()}."
        )
    _require_four_eyes(revision, reviewer_user)
    profile = reviewer_user.reviewer_profile
    revision.reviewer = profile
    # The byline as it stands now is part of the decision; later profile edits never reach it.
    revision.reviewer_name = profile.display_name
    revision.reviewer_credentials = profile.credentials
    revision.reviewed_at = timezone.now()
    revision.decision_comment = comment
    return revision


def four_eyes_conflict(*, revision: ArticleRevision, reviewer_user: User) -> str:
    """Why ``reviewer_user`` may not decide ``revision`` under four eyes; empty when they may."""
    try:
        _require_four_eyes(revision, reviewer_user)
    except WorkflowError as error:
        return str(error)
    return ""


def _require_four_eyes(revision: ArticleRevision, reviewer_user: User) -> None:
    """Refuse a decision by anyone whose text or fact edits the revision would publish."""
    if (
        revision.author_id == reviewer_user.pk
        or revision.contributors.filter(pk=reviewer_user.pk).exists()
    ):
        raise WorkflowError(
            "You wrote or edited this revision, so another pharmacist must review it (four eyes)."
        )
    changes = foureyes.fact_changes_by(revision=revision, user=reviewer_user)
    if changes:
        raise WorkflowError(
            "You changed facts this revision shows since the last approved revision, so another "
            "pharmacist must review it (four eyes): " + "; ".join(map(str, changes)) + "."
        )


@transaction.atomic
def approve_revision(
    *,
    revision: ArticleRevision,
    reviewer_user: User,
    comment: str = "",
    go_live_at: datetime.datetime | None = None,
) -> ArticleRevision:
    """Approve exactly this revision: it goes live now, or at ``go_live_at`` if that is later.

    A scheduled approval is a decision like any other (four eyes, byline, log);
    only the live revision waits for its time (``medinfo.scheduling``).
    """
    # Imported here: scheduling builds on this module's services.
    from . import scheduling

    revision = _decide(revision, reviewer_user, comment)
    if uncited := _uncited(revision, "approved"):  # submitted before the rule
        raise WorkflowError(uncited)
    revision.status = RevisionStatus.APPROVED
    revision.save(update_fields=DECISION_FIELDS)
    scheduled = scheduling.settle_for_approval(
        revision=revision, reviewer_user=reviewer_user, go_live_at=go_live_at
    )
    if not scheduled:
        make_live(
            revision=revision,
            actor=reviewer_user,
            from_state=State.IN_REVIEW,
            comment=revision.decision_comment,
        )
    tasks.enqueue_on_commit(tasks.send_decision_email, revision_id=revision.pk)
    return revision


def make_live(
    *,
    revision: ArticleRevision,
    actor: User | None,
    from_state: str,
    comment: str = "",
    live_since: datetime.datetime | None = None,
) -> Article:
    """Make the approved ``revision`` its article's live revision; inside a transaction.

    ``actor`` is None when MedInfo does it on a schedule; ``live_since`` (default:
    the decision) dates a first publication.
    """
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    previous = article.live_revision
    article.live_revision = revision
    article.review_due_on = add_months(
        timezone.localdate(revision.reviewed_at), settings.MEDINFO_REVIEW_INTERVAL_MONTHS
    )
    article.facts_changed = facts_differ(revision.facts, capture_facts(article), article=article)
    article.first_published_at = article.first_published_at or live_since or revision.reviewed_at
    article.save(
        update_fields=["live_revision", "review_due_on", "facts_changed", "first_published_at"]
    )
    article.live_related_links.refresh()  # which pages list which, as approved
    _log(
        article=article,
        revision=revision,
        actor=actor,
        from_state=from_state,
        to_state=State.APPROVED,
        comment=comment,
    )
    # Search, A–Z names and cached pages follow at once after commit.
    tasks.run_on_commit(
        tasks.refresh_publication,
        article_id=article.pk,
        previous_reviewer_id=previous and previous.reviewer_id,
    )
    return article


@transaction.atomic
def request_changes(
    *, revision: ArticleRevision, reviewer_user: User, comment: str
) -> ArticleRevision:
    """Send a revision back to its author with the reviewer's reasons."""
    if not plain_text(comment or ""):  # a zero-width space is no comment
        raise WorkflowError("Say what needs to change: a comment is required.")
    revision = _decide(revision, reviewer_user, comment)
    revision.status = RevisionStatus.CHANGES_REQUESTED
    revision.save(update_fields=DECISION_FIELDS)
    _log(
        article=revision.article,
        revision=revision,
        actor=reviewer_user,
        from_state=State.IN_REVIEW,
        to_state=State.CHANGES_REQUESTED,
        comment=revision.decision_comment,
    )
    tasks.enqueue_on_commit(tasks.send_decision_email, revision_id=revision.pk)
    return revision


@transaction.atomic
def unpublish_article(*, article: Article, reviewer_user: User, reason: str) -> Article:
    """Take an article off the public site; its revisions and history stay."""
    _require_reviewer(reviewer_user)
    reason = _checked_comment(reason, what="reason")
    if not reason:
        raise WorkflowError("Give a reason for unpublishing.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.live_revision_id is None:
        raise WorkflowError("This article is not published.")
    return take_offline(article=article, actor=reviewer_user, reason=reason)


def take_offline(
    *, article: Article, actor: User | None, reason: str, to_state: str = State.UNPUBLISHED
) -> Article:
    """Unpublish the live, locked ``article``; inside a transaction.

    A scheduled go-live is cancelled too, so nothing brings the article back by
    itself. ``actor`` is None when MedInfo does it on a schedule (expiry).
    """
    from . import scheduling  # scheduling builds on this module's services

    revision = article.live_revision
    if revision is None:
        raise WorkflowError("This article is not published.")
    article.live_revision = None
    article.facts_changed = False
    article.save(update_fields=["live_revision", "facts_changed"])
    article.live_related_links.refresh()  # which pages list which, as approved
    _log(
        article=article,
        revision=revision,
        actor=actor,
        from_state=State.APPROVED,
        to_state=to_state,
        comment=reason,
    )
    scheduling.cancel_pending_go_live(
        article=article, actor=actor, reason="The article was taken off the site."
    )
    tasks.run_on_commit(
        tasks.refresh_publication, article_id=article.pk, previous_reviewer_id=revision.reviewer_id
    )
    return article
