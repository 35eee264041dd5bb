"""Facts snapshots: the structured data an article page shows, frozen at submission.

A revision stores the dictionary built here. The public page renders only that
snapshot, so editing a drug or condition changes nothing publicly until a
pharmacist approves a new revision; comparing the snapshot with a fresh capture
tells the admin which live articles' facts have changed since review.
"""

import difflib

from conditions.models import Condition
from drugs.models import Drug, PrescriptionStatus, UseKind


def _brands(drug):
    return [
        {"name": brand.name, "mark": brand.mark, "slug": brand.slug}
        for brand in drug.brand_names.all()
    ]


def _symptoms(condition):
    return [
        {"name": membership.symptom.name, "note": membership.note}
        for membership in condition.memberships.all()
    ]


def drug_facts(drug):
    """The facts of one drug, its uses and each used-for condition's symptoms."""
    drug_class = drug.drug_class
    return {
        "generic_name": drug.generic_name,
        "official_name": drug.official_name,
        "slug": drug.slug,
        "brands": _brands(drug),
        "drug_class": drug_class
        and {
            "name": drug_class.name,
            "abbreviation": drug_class.abbreviation,
            "slug": drug_class.slug,
        },
        "prescription_status": drug.prescription_status,
        "prescription_status_label": PrescriptionStatus(drug.prescription_status).label,
        "controlled_schedule": drug.controlled_schedule,
        "minimum_age": drug.minimum_age,
        "uses": [
            {
                "kind": use.kind,
                "note": use.note,
                "condition": {
                    "name": use.condition.name,
                    "slug": use.condition.slug,
                    "definition": use.condition.definition,
                },
                "symptoms": _symptoms(use.condition),
            }
            for use in drug.uses.all()
        ],
    }


def condition_facts(condition):
    """The facts of one condition: definition, ordered symptoms, drugs used for it."""
    return {
        "name": condition.name,
        "slug": condition.slug,
        "definition": condition.definition,
        "other_names": condition.other_names_list,
        "symptoms": _symptoms(condition),
        "uses": [
            {
                "kind": use.kind,
                "note": use.note,
                "drug": {
                    "generic_name": use.drug.generic_name,
                    "slug": use.drug.slug,
                    "brands": _brands(use.drug),
                },
            }
            for use in condition.uses.all()
        ],
    }


def _source(instance):
    return f"{instance._meta.label_lower}:{instance.pk}"


def _drug_sources(drug):
    rows = [drug, drug.drug_class, *drug.brand_names.all()]
    for use in drug.uses.all():
        rows += [use, use.condition, *_membership_rows(use.condition)]
    return rows


def _membership_rows(condition):
    return [row for m in condition.memberships.all() for row in (m, m.symptom)]


def _condition_sources(condition):
    rows = [condition, *_membership_rows(condition)]
    for use in condition.uses.all():
        rows += [use, use.drug, *use.drug.brand_names.all()]
    return rows


def capture_facts(article):
    """Build the snapshot for ``article`` from the current structured data.

    ``sources`` names every row whose fields the snapshot took ("drugs.use:7").
    """
    facts, rows = {"drug": None, "condition": None}, []
    if article.drug_id:
        drug = (
            Drug.objects.with_facts()
            .prefetch_related("uses__condition__memberships__symptom")
            .get(pk=article.drug_id)
        )
        facts["drug"] = drug_facts(drug)
        rows += _drug_sources(drug)
    if article.condition_id:
        condition = Condition.objects.with_facts().get(pk=article.condition_id)
        facts["condition"] = condition_facts(condition)
        rows += _condition_sources(condition)
    facts["sources"] = sorted({_source(row) for row in rows if row is not None})
    return facts


def facts_sources(facts: dict) -> set[tuple[str, int]]:
    """The rows a stored snapshot was taken from, as {("drugs.drug", 3), …}.

    Snapshots stored before sources were recorded name none.
    """
    pairs = (source.rsplit(":", 1) for source in (facts or {}).get("sources", ()))
    return {(label, int(pk)) for label, pk in pairs}


def facts_differ(stored: dict, current: dict) -> bool:
    """Whether two snapshots show different facts (where they came from does not count)."""

    def shown(facts):
        return {key: value for key, value in (facts or {}).items() if key != "sources"}

    return shown(stored) != shown(current)


def _brand_label(brands):
    return ", ".join(f"{brand['name']}{brand['mark']}" for brand in brands) or "none"


def _drug_lines(drug):
    drug_class = drug["drug_class"]
    lines = [
        f"Drug: {drug['generic_name']} ({drug['official_name'] or 'no official name'})",
        f"Brand names: {_brand_label(drug['brands'])}",
        f"Drug class: {drug_class['name'] if drug_class else 'none'}",
        f"Prescription status: {drug['prescription_status_label']}"
        + (f", Schedule {drug['controlled_schedule']}" if drug["controlled_schedule"] else ""),
        f"Minimum approved age: {drug['minimum_age'] or 'not stated'}",
    ]
    for use in drug["uses"]:
        kind = UseKind(use["kind"]).label
        lines.append(f"Use ({kind}): {use['condition']['name']} {use['note']}".rstrip())
        lines += [f"  Symptom of {use['condition']['name']}: {s['name']}" for s in use["symptoms"]]
    return lines


def _condition_lines(condition):
    lines = [
        f"Condition: {condition['name']}",
        f"Definition: {condition['definition']}",
        f"Other names: {', '.join(condition['other_names']) or 'none'}",
    ]
    lines += [f"Symptom: {s['name']} {s['note']}".rstrip() for s in condition["symptoms"]]
    for use in condition["uses"]:
        kind = UseKind(use["kind"]).label
        brands = _brand_label(use["drug"]["brands"])
        lines.append(f"Treated with ({kind}): {use['drug']['generic_name']} [{brands}]")
    return lines


def facts_lines(facts):
    """The snapshot as readable lines, the unit the admin's diff compares."""
    lines = []
    if facts.get("drug"):
        lines += _drug_lines(facts["drug"])
    if facts.get("condition"):
        lines += _condition_lines(facts["condition"])
    return lines


def line_differences(old_lines, new_lines):
    """Lines removed (“-”) and added (“+”) between two versions, in reading order."""
    return [
        (line[0], line[2:])
        for line in difflib.ndiff(old_lines, new_lines)
        if line.startswith(("- ", "+ "))
    ]


def facts_differences(old_facts, new_facts):
    return line_differences(facts_lines(old_facts or {}), facts_lines(new_facts or {}))
