"""Brand names as public pages print them, from an approved snapshot (``medinfo.factschema``).

A brand sold for some of the drug's uses only (Sarafem: premenstrual dysphoric
disorder) is never printed bare where the drug's other uses are in view: it says
what it is sold for (“Sarafem® for premenstrual dysphoric disorder only”). A
discontinued brand is always named as a former one (“formerly sold as ProAir HFA®”,
“ProAir HFA® (former brand)”). Condition pages list only the brands sold for the
condition's use (``medinfo.facts``), next to that use, so they print names alone.
"""


def _and(names):
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def brand_name(brand) -> str:
    """“Sarafem®”: the name and its mark, nothing else."""
    return f"{brand.name}{brand.mark}"


def brand_with_limit(brand) -> str:
    """“Sarafem® for premenstrual dysphoric disorder only”, or the name alone when sold for every use."""
    if not brand.limited:
        return brand_name(brand)
    return f"{brand_name(brand)} for {_and(list(brand.uses))} only"


def _listed(brands, separator):
    labelled = [brand_with_limit(brand) for brand in brands]
    # A limit names conditions with commas of its own: brands are then parted by “;”.
    return ("; " if any(brand.limited for brand in brands) else separator).join(labelled)


def current_brands(drug) -> str:
    """The brands ``drug`` is sold under today, limits named: “Prozac®; Sarafem® for … only”."""
    return _listed(drug.marketed_brands, ", ")


def former_brands(drug) -> str:
    """The brands it was sold under, for “formerly sold as …”: “ProAir HFA® and Proventil®”."""
    brands = list(drug.former_brands)
    if not brands or any(brand.limited for brand in brands):
        return _listed(brands, "; ")
    return _and([brand_name(brand) for brand in brands])  # “A®, B® and C®”


def index_name(brand, *, max_length: int) -> str:
    """A brand as the A–Z lists it: “ProAir HFA® (former brand)”, “Sarafem® (for PMDD only)”.

    At most ``max_length`` characters: a limit naming too many uses to fit says “for
    some uses only”, and the drug's page names them.
    """
    for uses in (_and(list(brand.uses)), "some uses") if brand.limited else ("",):
        notes = ["former brand"] if brand.discontinued else []
        notes += [f"for {uses} only"] if uses else []
        name = f"{brand_name(brand)} ({', '.join(notes)})" if notes else brand_name(brand)
        if len(name) <= max_length:
            break
    return name[:max_length]
