"""Keep the public A–Z names in step with what pharmacists approved."""

from django.db import transaction

from medinfo import cachetags as tags
from medinfo.cachetags import bump_tags
from medinfo.facts import ConditionFacts, DrugFacts, load_facts
from medinfo.models import Article, PublicName

from .alphabet import first_letter
from .brands import brand_name, index_name

Kind, Subject = PublicName.Kind, PublicName.Subject
NAME_LENGTH = PublicName._meta.get_field("name").max_length


def published_subject(subject: str, **filters) -> tuple[DrugFacts | ConditionFacts, list] | None:
    """(approved facts, live articles) of one drug or condition, or None if nothing is live.

    The facts are the ``subject`` part of the newest approved snapshot: what its hub
    page, its A–Z names and its redirects show. ``filters`` pick the drug or condition.
    """
    articles = list(
        Article.objects.with_live_revision()
        .filter(**{f"{subject}__isnull": False}, **filters)
        .order_by("-live_revision__reviewed_at", "-pk")
    )
    if not articles:
        return None
    return getattr(load_facts(articles[0].live_revision.facts), subject), articles


def _row(name, *, kind, subject, subject_id, subject_slug, see="", sort_name=None):
    return PublicName(
        name=name,
        sort_name=(sort_name or name).lower(),
        letter=first_letter(name),
        kind=kind,
        subject=subject,
        subject_id=subject_id,
        subject_slug=subject_slug,
        see=see,
    )


def drug_name_rows(drug_id: int, facts: dict) -> list[PublicName]:
    """The A–Z names (generic and brands) of the drug in a stored snapshot."""
    return _drug_rows(drug_id, load_facts(facts).drug)


def condition_name_rows(condition_id: int, facts: dict) -> list[PublicName]:
    """The A–Z names (name and other names) of the condition in a stored snapshot."""
    return _condition_rows(condition_id, load_facts(facts).condition)


def _drug_rows(drug_id, drug):
    place = {"subject": Subject.DRUG, "subject_id": drug_id, "subject_slug": drug.slug}
    rows = [_row(drug.generic_name, kind=Kind.GENERIC, **place)]
    # Listed with what it is (“ProAir HFA® (former brand)”), sorted and suggested by its name.
    rows += [
        _row(
            index_name(brand, max_length=NAME_LENGTH),
            kind=Kind.BRAND,
            see=drug.generic_name,
            sort_name=brand_name(brand),
            **place,
        )
        for brand in drug.brands
    ]
    return rows


def _condition_rows(condition_id, condition):
    place = {
        "subject": Subject.CONDITION,
        "subject_id": condition_id,
        "subject_slug": condition.slug,
    }
    rows = [_row(condition.name, kind=Kind.CONDITION, **place)]
    rows += [
        _row(alias, kind=Kind.ALIAS, see=condition.name, **place) for alias in condition.other_names
    ]
    return rows


@transaction.atomic
def refresh_public_names(*, drug_id=None, condition_id=None):
    """Rebuild the index names of one drug and/or one condition from their newest live facts."""
    if drug_id:
        PublicName.objects.filter(subject=Subject.DRUG, subject_id=drug_id).delete()
        published = published_subject(Subject.DRUG, drug_id=drug_id)
        if published and published[0]:
            PublicName.objects.bulk_create(_drug_rows(drug_id, published[0]))
    if condition_id:
        PublicName.objects.filter(subject=Subject.CONDITION, subject_id=condition_id).delete()
        published = published_subject(Subject.CONDITION, condition_id=condition_id)
        if published and published[0]:
            PublicName.objects.bulk_create(_condition_rows(condition_id, published[0]))


def refresh_all_public_names():
    """Rebuild every drug's and condition's A–Z names, and the index pages cached from them.

    For what changes every name at once: a migration of the facts, or a new wording
    of them (“ProAir HFA® (former brand)”). Subjects listed now but no longer live lose
    their names.
    """
    live = Article.objects.live()
    listed = PublicName.objects.values_list("subject_id", flat=True)
    drug_ids = {*live.exclude(drug=None).values_list("drug_id", flat=True),
                *listed.filter(subject=Subject.DRUG)}  # fmt: skip
    condition_ids = {*live.exclude(condition=None).values_list("condition_id", flat=True),
                     *listed.filter(subject=Subject.CONDITION)}  # fmt: skip
    for drug_id in drug_ids:
        refresh_public_names(drug_id=drug_id)
    for condition_id in condition_ids:
        refresh_public_names(condition_id=condition_id)
    bump_tags(tags.DRUG_INDEX, tags.CONDITION_INDEX)


def live_subject_slugs(subject, slugs):
    """Which of these drug or condition slugs have a public page (an approved article)."""
    kind = Kind.GENERIC if subject == Subject.DRUG else Kind.CONDITION
    found = PublicName.objects.filter(subject=subject, kind=kind, subject_slug__in=set(slugs))
    return set(found.values_list("subject_slug", flat=True))
