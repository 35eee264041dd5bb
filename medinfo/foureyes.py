"""Four eyes on structured facts: who changed the facts a revision is about to publish.

A revision's snapshot is compared with the article's last approved snapshot. When
they differ, every attributed change (django-simple-history) to the rows behind
either snapshot, made after the approved revision was submitted and up to this
revision's submission, counts as a contribution to the revision: its author may
not decide it. Text contributions are tracked separately, on
``ArticleRevision.contributors``.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from .facts import facts_differ, facts_sources, subject_facts
from .models import Article, ArticleRevision, RevisionStatus
from .roles import STRUCTURED_MODELS

Row = tuple[str, int]  # (model label such as "drugs.drug", primary key)

# The fact models are the ones editors maintain (one list, in roles).
FACT_MODELS = frozenset(STRUCTURED_MODELS)


@dataclass(frozen=True)
class FactChange:
    """One attributed change to a fact row, as the four-eyes message names it."""

    user_id: int
    when: datetime.datetime
    description: str

    def __str__(self) -> str:
        return self.description


def last_approved_revision(revision: ArticleRevision) -> ArticleRevision | None:
    """The article's newest approved revision older than ``revision`` (its baseline)."""
    return (
        ArticleRevision.objects.filter(
            article_id=revision.article_id,
            status=RevisionStatus.APPROVED,
            number__lt=revision.number,
        )
        .order_by("-number")
        .first()
    )


def fact_changes(*, revision: ArticleRevision) -> list[FactChange]:
    """Every attributed change behind the facts ``revision`` changes against its baseline.

    Empty when the snapshot's facts equal the last approved one's: then nobody's
    fact edit reaches the public through this revision.
    """
    window = _review_window(revision, last_approved_revision(revision))
    if window is None:
        return []
    rows, since, until = window
    return _changes_to(rows, since=since, until=until)


def _review_window(
    revision: ArticleRevision, baseline: ArticleRevision | None
) -> tuple[set[Row], datetime.datetime | None, datetime.datetime] | None:
    """The rows and the time window (since, until] whose changes ``revision`` publishes.

    None when it publishes nobody's fact change: its facts equal ``baseline``'s, or it
    was never submitted.
    """
    # Page settings are no fact rows: who changed them is a contributor of the revision.
    if baseline is not None and not facts_differ(
        subject_facts(baseline.facts), subject_facts(revision.facts)
    ):
        return None
    if revision.submitted_at is None:
        return None
    article = revision.article
    rows = _snapshot_rows(revision.facts, article)
    if baseline is not None:
        rows |= _snapshot_rows(baseline.facts, article)
    since = baseline.submitted_at if baseline is not None else None
    return rows, since, revision.submitted_at


def fact_changes_by(
    *, revision: ArticleRevision, user: AbstractBaseUser | AnonymousUser
) -> list[FactChange]:
    """The changes of ``fact_changes`` that ``user`` made."""
    return [change for change in fact_changes(revision=revision) if change.user_id == user.pk]


def fact_contributor_ids(*, revision: ArticleRevision) -> set[int]:
    """Everyone whose fact edits this revision would publish."""
    return {change.user_id for change in fact_changes(revision=revision)}


def revisions_with_fact_changes_by(
    *, revisions: Iterable[ArticleRevision], user: AbstractBaseUser | AnonymousUser
) -> set[int]:
    """The pks of ``revisions`` for which ``fact_changes_by`` would name a change of ``user``.

    The same rule for many revisions at once in a number of queries that does not
    grow with them (the admin's queues list every revision in review): ``user``'s
    history records are read once, the baselines in one query, and each record's
    previous version once, however many revisions it reaches.
    """
    records = _records_by(user)
    if not records:
        return set()
    revisions = list(revisions)
    baselines = _last_approved_revisions(revisions)
    is_real_change = functools.cache(lambda record: bool(describe_change(record)))
    changed = set()
    for revision in revisions:
        window = _review_window(revision, baselines.get(revision.pk))
        if window is None:
            continue
        rows, since, until = window
        reached = (record for row in rows for record in records.get(row, ()))
        if any(_in_window(record.history_date, since, until) and is_real_change(record)
               for record in reached):  # fmt: skip
            changed.add(revision.pk)
    return changed


def _records_by(user: AbstractBaseUser | AnonymousUser) -> dict[Row, list[Any]]:
    """``user``'s history records of every fact model, by the row they changed."""
    records: dict[Row, list[Any]] = defaultdict(list)
    for label in sorted(FACT_MODELS):
        for record in apps.get_model(label).history.filter(history_user_id=user.pk):
            records[(label, record.id)].append(record)
    return records


def _last_approved_revisions(revisions: list[ArticleRevision]) -> dict[int, ArticleRevision]:
    """{revision pk: its ``last_approved_revision``} for many revisions, in one query."""
    approved: dict[int, list[ArticleRevision]] = defaultdict(list)
    for candidate in ArticleRevision.objects.filter(
        article_id__in={revision.article_id for revision in revisions},
        status=RevisionStatus.APPROVED,
    ).order_by("number"):
        approved[candidate.article_id].append(candidate)
    baselines = {}
    for revision in revisions:
        older = [c for c in approved[revision.article_id] if c.number < revision.number]
        if older:
            baselines[revision.pk] = older[-1]
    return baselines


def _in_window(
    when: datetime.datetime, since: datetime.datetime | None, until: datetime.datetime
) -> bool:
    """Whether a change made ``when`` falls in (``since``, ``until``], as ``_changes_to`` reads it."""
    return when <= until and (since is None or when > since)


def has_fact_history(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` ever changed a fact row: a cheap test before the full check."""
    return any(
        apps.get_model(label).history.filter(history_user_id=user.pk).exists()
        for label in FACT_MODELS
    )


def _snapshot_rows(snapshot: dict[str, Any] | None, article: Article) -> set[Row]:
    """The rows a stored snapshot was built from; the article's own rows for old snapshots."""
    rows = {(label, pk) for label, pk in facts_sources(snapshot or {}) if label in FACT_MODELS}
    return rows or subject_rows(drug_id=article.drug_id, condition_id=article.condition_id)


def subject_rows(*, drug_id: int | None, condition_id: int | None) -> set[Row]:
    """A drug's or condition's rows and the rows its facts show, past and present.

    Found through the history tables as well as the live ones, so a brand, use or
    symptom that was deleted or moved away still counts.
    """
    rows: set[Row] = set()
    if drug_id:
        rows |= _drug_rows(drug_id)
    if condition_id:
        rows |= _condition_rows(condition_id)
    return rows


def _drug_rows(drug_id: int) -> set[Row]:
    rows = {("drugs.drug", drug_id)}
    rows |= _labelled("drugs.drugclass", _values("drugs.drug", Q(id=drug_id), "drug_class_id"))
    rows |= _labelled("drugs.brandname", _values("drugs.brandname", Q(drug_id=drug_id), "id"))
    rows |= _labelled("drugs.use", _values("drugs.use", Q(drug_id=drug_id), "id"))
    for condition_id in _values("drugs.use", Q(drug_id=drug_id), "condition_id"):
        rows.add(("conditions.condition", condition_id))
        rows |= _symptom_rows(condition_id)
    return rows


def _condition_rows(condition_id: int) -> set[Row]:
    rows = {("conditions.condition", condition_id)} | _symptom_rows(condition_id)
    rows |= _labelled("drugs.use", _values("drugs.use", Q(condition_id=condition_id), "id"))
    for drug_id in _values("drugs.use", Q(condition_id=condition_id), "drug_id"):
        rows.add(("drugs.drug", drug_id))
        rows |= _labelled("drugs.brandname", _values("drugs.brandname", Q(drug_id=drug_id), "id"))
    return rows


def _symptom_rows(condition_id: int) -> set[Row]:
    where = Q(condition_id=condition_id)
    rows = _labelled(
        "conditions.conditionsymptom", _values("conditions.conditionsymptom", where, "id")
    )
    symptoms = _values("conditions.conditionsymptom", where, "symptom_id")
    return rows | _labelled("conditions.symptom", symptoms)


def _values(label: str, where: Q, field: str) -> set[int]:
    """``field`` of the rows matching ``where``, now or in any historical record."""
    model = apps.get_model(label)
    live = model.objects.filter(where).values_list(field, flat=True)
    past = model.history.filter(where).values_list(field, flat=True)
    return {value for value in [*live, *past] if value is not None}


def _labelled(label: str, pks: Iterable[int]) -> set[Row]:
    return {(label, pk) for pk in pks}


def _changes_to(
    rows: set[Row], *, since: datetime.datetime | None, until: datetime.datetime
) -> list[FactChange]:
    """Attributed, real changes to ``rows`` in the window (``since``, ``until``]."""
    by_label: dict[str, set[int]] = defaultdict(set)
    for label, pk in rows:
        by_label[label].add(pk)
    changes = []
    for label, pks in sorted(by_label.items()):
        records = apps.get_model(label).history.filter(
            id__in=pks, history_user__isnull=False, history_date__lte=until
        )
        if since is not None:
            records = records.filter(history_date__gt=since)
        for record in records.order_by("history_date", "history_id"):
            description = describe_change(record)
            if description:
                changes.append(FactChange(record.history_user_id, record.history_date, description))
    return changes


def describe_change(record: Any) -> str:  # a simple_history record (untyped package)
    """“use “duloxetine for depression (approved)”: minimum approved age (years) 18 → 12”; empty for a save that changed nothing."""
    subject = f"{record.instance._meta.verbose_name} “{_label(record)}”"
    if record.history_type == "+":
        return f"{subject} added"
    if record.history_type == "-":
        return f"{subject} deleted"
    previous = record.prev_record
    if previous is None:
        return f"{subject} changed"
    fields = [
        _field_change(record.instance._meta.get_field(change.field), change.old, change.new)
        for change in record.diff_against(previous, foreign_keys_are_objs=True).changes
    ]
    return f"{subject}: {'; '.join(fields)}" if fields else ""


def _field_change(field: Any, old: Any, new: Any) -> str:
    """“verbose name old → new”; a many-to-many field's values are the rows it links to."""
    if field.many_to_many:  # simple-history gives the link rows: {"brandname": …, "use": …}
        linked = field.m2m_reverse_field_name()
        old, new = ([row[linked] for row in rows] for rows in (old, new))
    return f"{field.verbose_name} {_shown(old)} → {_shown(new)}"


def _label(record: Any) -> str:
    try:
        return str(record.instance)
    except ObjectDoesNotExist:  # a related row it names is gone
        return f"#{record.id}"


def _shown(value: object) -> str:
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return "(empty)" if value in (None, "") else str(value)
