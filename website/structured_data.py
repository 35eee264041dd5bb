"""schema.org JSON-LD for article pages, built only from the approved revision.

Off-label uses are never marked up as approved indications: schema.org has no
off-label property, so they are left out of the Drug markup altogether.
"""

import json

from django.utils.safestring import mark_safe

from drugs.models import UseKind
from medinfo.facts import ConditionFacts, DrugFacts, load_facts
from medinfo.models import ArticleKind
from medinfo.references import Reference, stored_references

from .populations import indication_description

# What only a MedicalWebPage says; a site page's WebPage leaves it out.
_MEDICAL_ONLY = {"@type", "about", "medicalAudience"}
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

PRESCRIPTION_STATUS: dict[str, str | list[str]] = {
    "otc": "https://schema.org/OTC",
    "prescription": "https://schema.org/PrescriptionOnly",
    "controlled": "https://schema.org/PrescriptionOnly",
    # schema.org has no value for both: the property takes both values.
    "prescription_and_otc": ["https://schema.org/PrescriptionOnly", "https://schema.org/OTC"],
}


def _condition_node(name, symptoms=()):
    node = {"@type": "MedicalCondition", "name": name}
    if symptoms:
        node["signOrSymptom"] = [
            {"@type": "MedicalSignOrSymptom", "name": symptom.name} for symptom in symptoms
        ]
    return node


def _approved(uses):
    return [use for use in uses if use.kind == UseKind.APPROVED]


def drug_node(drug: DrugFacts) -> dict:
    """A schema.org Drug from a snapshot's drug; only approved uses become indications."""
    node = {
        "@type": "Drug",
        "name": drug.generic_name,
        "nonProprietaryName": drug.official_name or drug.generic_name,
        "prescriptionStatus": PRESCRIPTION_STATUS[drug.prescription_status],
    }
    # A discontinued brand is no name the drug is sold under, and a brand sold for some
    # uses only (Sarafem) cannot say so here: both stay out of the bare list of names.
    if drug.every_use_brands:
        node["proprietaryName"] = [brand.name for brand in drug.every_use_brands]
    if drug.drug_class:
        node["drugClass"] = {"@type": "DrugClass", "name": drug.drug_class.name}
    if approved := _approved(drug.uses):
        node["indication"] = [_indication(use) for use in approved]
    return node


def _indication(use):
    """An approved use, with who the approval covers (“Approved for adults only.”)."""
    node = {"@type": "ApprovedIndication", "name": use.condition.name}
    if description := indication_description(use):
        node["description"] = description
    return node


def condition_node(condition: ConditionFacts) -> dict:
    """A schema.org MedicalCondition with its symptoms, from a snapshot's condition."""
    return _condition_node(condition.name, condition.symptoms)


def citation_node(reference: Reference) -> dict:
    """A schema.org CreativeWork for one of the sources the page lists."""
    node = {
        "@type": "CreativeWork",
        "name": reference.title,
        "url": reference.url,
        "publisher": {"@type": "Organization", "name": reference.publisher},
    }
    if reference.dailymed_setid:
        node["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "DailyMed set id",
            "value": reference.dailymed_setid,
        }
    return node


def _reviewer_node(revision):
    """The reviewer as the byline froze them at approval, not as their profile reads now."""
    return {
        "@type": "Person",
        "name": revision.reviewer_name,
        "honorificSuffix": revision.reviewer_credentials,
        "jobTitle": "Pharmacist",
    }


def article_graph(*, article, revision, url, breadcrumbs, facts=None):
    """The page's JSON-LD: a MedicalWebPage about the drug or condition (a WebPage for a
    site page such as About), and its breadcrumbs.

    ``facts`` defaults to the revision's snapshot; a draft preview passes the facts it shows.
    """
    facts = load_facts(revision.facts) if facts is None else facts
    about = []
    if facts.drug:
        about.append(drug_node(facts.drug))
        about += [
            _condition_node(use.condition.name, use.symptoms) for use in _approved(facts.drug.uses)
        ]
    if facts.condition:
        about.append(condition_node(facts.condition))
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": revision.title,
        "description": revision.search_description or revision.lead,
        "about": about,
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
    }
    if article.kind == ArticleKind.SITE_PAGE:
        # About, Privacy …: a page about MedInfo itself, not medical information.
        page = {"@type": "WebPage", **{k: v for k, v in page.items() if k not in _MEDICAL_ONLY}}
    if sources := stored_references(revision.references):
        page["citation"] = [citation_node(source) for source in sources]
    if revision.reviewer_id:
        page |= {
            "reviewedBy": _reviewer_node(revision),
            "lastReviewed": revision.reviewed_at.date().isoformat(),
            "dateModified": revision.reviewed_at.isoformat(),
            "datePublished": (article.first_published_at or revision.reviewed_at).isoformat(),
        }
    return {"@context": "https://schema.org", "@graph": [page, breadcrumb_list(breadcrumbs)]}


def breadcrumb_list(breadcrumbs):
    """BreadcrumbList from [(name, absolute url), …]."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(breadcrumbs, start=1)
        ],
    }


def as_script(data):
    """A <script type="application/ld+json"> element that cannot be broken out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    # JSON with <, > and & escaped (_JSON_ESCAPES) cannot close the tag or open another.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308  # nosec B308 B703
