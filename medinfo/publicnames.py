"""Keep the public A–Z names in step with what pharmacists approved."""

from django.db import transaction

from .alphabet import first_letter
from .models import Article, PublicName

Kind, Subject = PublicName.Kind, PublicName.Subject


def _newest_live_facts(**subject):
    article = (
        Article.objects.live()
        .filter(**subject)
        .select_related("live_revision")
        .order_by("-live_revision__reviewed_at", "-pk")
        .first()
    )
    return article.live_revision.facts if article else None


def _row(name, *, kind, subject, subject_id, subject_slug, see=""):
    return PublicName(
        name=name,
        sort_name=name.lower(),
        letter=first_letter(name),
        kind=kind,
        subject=subject,
        subject_id=subject_id,
        subject_slug=subject_slug,
        see=see,
    )


def drug_name_rows(drug_id, facts):
    drug = facts["drug"]
    place = {"subject": Subject.DRUG, "subject_id": drug_id, "subject_slug": drug["slug"]}
    rows = [_row(drug["generic_name"], kind=Kind.GENERIC, **place)]
    rows += [
        _row(f"{brand['name']}{brand['mark']}", kind=Kind.BRAND, see=drug["generic_name"], **place)
        for brand in drug["brands"]
    ]
    return rows


def condition_name_rows(condition_id, facts):
    condition = facts["condition"]
    place = {
        "subject": Subject.CONDITION,
        "subject_id": condition_id,
        "subject_slug": condition["slug"],
    }
    rows = [_row(condition["name"], kind=Kind.CONDITION, **place)]
    rows += [
        _row(alias, kind=Kind.ALIAS, see=condition["name"], **place)
        for alias in condition["other_names"]
    ]
    return rows


@transaction.atomic
def refresh_public_names(*, drug_id=None, condition_id=None):
    """Rebuild the index names of one drug and/or one condition from their newest live facts."""
    if drug_id:
        PublicName.objects.filter(subject=Subject.DRUG, subject_id=drug_id).delete()
        facts = _newest_live_facts(drug_id=drug_id)
        if facts and facts.get("drug"):
            PublicName.objects.bulk_create(drug_name_rows(drug_id, facts))
    if condition_id:
        PublicName.objects.filter(subject=Subject.CONDITION, subject_id=condition_id).delete()
        facts = _newest_live_facts(condition_id=condition_id)
        if facts and facts.get("condition"):
            PublicName.objects.bulk_create(condition_name_rows(condition_id, facts))


def live_subject_slugs(subject, slugs):
    """Which of these drug or condition slugs have a public page (an approved article)."""
    kind = Kind.GENERIC if subject == Subject.DRUG else Kind.CONDITION
    found = PublicName.objects.filter(subject=subject, kind=kind, subject_slug__in=set(slugs))
    return set(found.values_list("subject_slug", flat=True))
