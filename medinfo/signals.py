"""Watch the structured models and flag live articles whose facts changed since review.

The flag is stored on Article (indexed), so the admin filter is a plain query.
Checks run once per transaction, after it commits, and only for the articles
that show the edited drug or condition, or whose page settings (show ads,
related articles) were edited: those too wait for review.
"""

import dataclasses
from functools import partial

from asgiref.local import Local
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from conditions.models import Condition, ConditionSymptom, Symptom
from drugs.models import BrandName, Drug, DrugClass, Use

from .facts import capture_page, capture_subject, facts_differ
from .models import Article

# Sent (sender=Article) after an article's live revision changed (approval or unpublication)
# and the change committed, from the task queue with retries; the public site's search
# index, A–Z names and page cache follow it. Arguments: article, previous_reviewer_id.
live_revision_changed = Signal()


def affected_articles(*, drug_ids=(), condition_ids=()):
    """Live articles whose facts include any of these drugs or conditions.

    A drug's facts include its uses' conditions (and their symptoms); a
    condition's facts include the drugs used for it, so both directions count.
    """
    drug_ids, condition_ids = set(drug_ids), set(condition_ids)
    related = Use.objects.filter(drug_id__in=drug_ids) | Use.objects.filter(
        condition_id__in=condition_ids
    )
    for drug_id, condition_id in related.values_list("drug_id", "condition_id"):
        drug_ids.add(drug_id)
        condition_ids.add(condition_id)
    return Article.objects.live().filter(drug_id__in=drug_ids) | Article.objects.live().filter(
        condition_id__in=condition_ids
    )


def refresh_facts_flags(*, drug_ids=(), condition_ids=(), article_ids=()):
    """Recompute “facts changed since review” for the articles these edits affect.

    Articles about the same drug and condition share one capture of the current facts.
    """
    articles = affected_articles(drug_ids=drug_ids, condition_ids=condition_ids)
    _refresh_flags(articles | Article.objects.live().filter(pk__in=article_ids))


def refresh_all_facts_flags():
    """Recompute the flag of every live article, e.g. after a migration rewrote fact rows.

    Migrations write with bulk updates, which send no signals: 0006 moved ages to the
    uses and gave off-label uses an evidence level, and the flags stayed as they were.
    """
    _refresh_flags(Article.objects.live())


def _refresh_flags(articles):
    subjects = {}
    for article in articles.select_related("live_revision").distinct():
        subject = (article.drug_id, article.condition_id)
        if subject not in subjects:
            subjects[subject] = capture_subject(article)
        current = dataclasses.replace(subjects[subject], page=capture_page(article)).to_json()
        changed = facts_differ(article.live_revision.facts, current, article=article)
        if changed != article.facts_changed:
            Article.objects.filter(pk=article.pk).update(facts_changed=changed)


# The edits waiting for the current transaction to commit, per database alias.
# asgiref's Local is what Django keeps its connections in, so a batch lives exactly
# as long, and is seen by exactly the same code, as the connection it belongs to.
_pending = Local()


def _schedule(drug_ids=(), condition_ids=(), article_ids=()):
    """Collect edits per transaction and check them once, after it commits.

    An admin save with inlines fires a dozen signals; each queues a callback, but
    the first one to run takes the whole batch and the rest find nothing to do.
    (Tying the batch to one pending callback lost edits whenever that callback
    never ran, as in tests that roll back or capture on-commit callbacks.)
    """
    alias = transaction.get_connection().alias
    batches = getattr(_pending, "batches", None)
    if batches is None:
        batches = _pending.batches = {}
    batch = batches.setdefault(alias, {"drugs": set(), "conditions": set(), "articles": set()})
    batch["drugs"].update(drug_ids)
    batch["conditions"].update(condition_ids)
    batch["articles"].update(article_ids)
    transaction.on_commit(partial(_check_batch, alias), using=alias)


def _check_batch(alias):
    batch = getattr(_pending, "batches", {}).pop(alias, None)
    if batch:
        refresh_facts_flags(
            drug_ids=batch["drugs"],
            condition_ids=batch["conditions"],
            article_ids=batch["articles"],
        )


# Rows that name a drug or condition by foreign key; when one moves to another drug
# or condition, the one it left changes too.
MOVABLE = {
    BrandName: ("drug_id",),
    Use: ("drug_id", "condition_id"),
    ConditionSymptom: ("condition_id",),
}


def remember_previous_subjects(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._previous_subjects = (
        sender.objects.filter(pk=instance.pk).values(*MOVABLE[sender]).first() or {}
    )


def _subjects(instance):
    """The drug and condition ids an edited row belongs to, now and before the edit."""
    drug_ids, condition_ids = _current_subjects(instance)
    previous = getattr(instance, "_previous_subjects", {})
    return [*drug_ids, previous.get("drug_id")], [*condition_ids, previous.get("condition_id")]


def _current_subjects(instance):
    if isinstance(instance, Drug):
        return [instance.pk], []
    if isinstance(instance, (BrandName, Use)):
        return [instance.drug_id], [getattr(instance, "condition_id", None)]
    if isinstance(instance, Condition):
        return [], [instance.pk]
    if isinstance(instance, ConditionSymptom):
        return [], [instance.condition_id]
    if isinstance(instance, DrugClass):
        return list(instance.drugs.values_list("pk", flat=True)), []
    if isinstance(instance, Symptom):
        return [], list(instance.memberships.values_list("condition_id", flat=True))
    return [], []


WATCHED = (Drug, BrandName, Use, DrugClass, Condition, ConditionSymptom, Symptom)


def structured_data_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    drug_ids, condition_ids = _subjects(instance)
    _schedule([pk for pk in drug_ids if pk], [pk for pk in condition_ids if pk])


def _connect_fact_watchers():
    """Connect per model, so saving anything else (users, ads, revisions) runs none of this."""
    for model in MOVABLE:
        pre_save.connect(
            remember_previous_subjects,
            sender=model,
            dispatch_uid=f"medinfo.facts.previous_subjects.{model._meta.label_lower}",
        )
    for model in WATCHED:
        for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                structured_data_changed,
                sender=model,
                dispatch_uid=f"medinfo.facts.{name}.{model._meta.label_lower}",
            )


_connect_fact_watchers()


@receiver(
    m2m_changed, sender=Condition.symptoms.through, dispatch_uid="medinfo.facts.condition_symptoms"
)
def condition_symptoms_changed(sender, instance, **kwargs):
    if isinstance(instance, Condition):
        _schedule([], [instance.pk])


@receiver(m2m_changed, sender=BrandName.uses.through, dispatch_uid="medinfo.facts.brand_uses")
def brand_uses_changed(sender, instance, **kwargs):
    """A brand's “sold for” uses edited (from either side): its drug's facts may differ."""
    _schedule([instance.drug_id])


@receiver(post_save, sender=Article, dispatch_uid="medinfo.facts.article_settings")
def article_settings_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """“Show ads” saved on a live article: its page keeps the approved setting, flag the change."""
    if raw or not instance.live_revision_id:
        return
    if update_fields is None or "ads_enabled" in update_fields:
        _schedule(article_ids=[instance.pk])


@receiver(
    m2m_changed,
    sender=Article.related_articles.through,
    dispatch_uid="medinfo.facts.related_articles",
)
def related_articles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Related articles edited: the articles whose list changed may now differ from review."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _schedule(article_ids=[instance.pk])
    elif pk_set:
        _schedule(article_ids=pk_set)
