"""Who an approval covers and how strong an off-label use's evidence is, as pages word it.

Everything here reads an approved snapshot (``medinfo.facts``), so the words follow
the facts a pharmacist approved: “Approved for obsessive-compulsive disorder in
children 6 and older and adults; for depression in adults only.”
"""

from drugs.models import ADULT_AGE, EvidenceLevel, UseKind

# From this age on the page speaks of people, not children (“people 17 and older”).
TEEN_AGE = 13

# For readers: what the evidence level means, in plain words.
EVIDENCE_IN_PLAIN_WORDS = {
    EvidenceLevel.GUIDELINE: "recommended in clinical guidelines",
    EvidenceLevel.CLINICAL_TRIALS: "studied in clinical trials",
    EvidenceLevel.CASE_REPORTS: "limited (only reports about single patients)",
    EvidenceLevel.EXPERT_OPINION: "based on expert opinion only",
}


def population(use) -> str:
    """Who ``use`` covers: its own note, else its age in words (“children 6 and older and
    adults”, “adults only”); "" when none is stated."""
    if use.population_note:
        return use.population_note
    age = use.minimum_age
    if age is None:
        return ""
    if age >= ADULT_AGE:
        return "adults only"
    if age == 0:
        return "people of all ages"
    if age >= TEEN_AGE:
        return f"people {age} and older"
    return f"children {age} and older and adults"


def evidence_in_plain_words(use) -> str:
    """“studied in clinical trials”; "" for an approved use."""
    return EVIDENCE_IN_PLAIN_WORDS.get(use.evidence_level, "")


def _names(names):
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def approval_sentence(drug) -> str:
    """The drug's approved uses grouped by who they cover, youngest first; "" without any.

    Ends with the age under which no use is approved: “Not approved for anyone
    under 6 years old.”, or “Not approved for children.” when every use starts at 18;
    nothing when a use covers every age (0) or states no limit.
    """
    approved = [use for use in drug.uses if use.kind == UseKind.APPROVED]
    if not approved:
        return ""
    groups: dict[str, list[str]] = {}
    for use in sorted(approved, key=lambda use: -1 if use.minimum_age is None else use.minimum_age):
        groups.setdefault(population(use), []).append(use.condition.name)
    parts = [f"{_names(names)} in {who}" if who else _names(names) for who, names in groups.items()]
    return f"Approved for {'; for '.join(parts)}.{_age_limit(drug.minimum_age)}"


def _age_limit(youngest):
    # 0: a use covers babies (omeprazole from 1 month), so there is no age to name.
    if not youngest:
        return ""
    if youngest >= ADULT_AGE:
        return " Not approved for children."
    return f" Not approved for anyone under {youngest} year{'s' if youngest > 1 else ''} old."


def indication_description(use) -> str:
    """The JSON-LD description of an approved indication: “Approved for adults only.”"""
    who = population(use)
    return f"Approved for {who}." if who else ""
