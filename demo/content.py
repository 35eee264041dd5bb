"""The demo content, read from the YAML files in ``demo/data/`` (see its README.md).

Each function returns plain dicts and lists, in file order, with optional keys
filled in; ``load_demo`` turns them into rows.
"""

from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def read(name: str):
    """One data file, e.g. ``read("drugs.yaml")``."""
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def html(text: str) -> str:
    """An HTML body as written: blocks apart by blank lines, joined with nothing between."""
    return "".join(text.splitlines())


def drug_classes() -> list[dict]:
    """Drug classes, each as the ``DrugClass`` fields."""
    return read("drug_classes.yaml")


def conditions() -> list[dict]:
    """Conditions; each symptom is ``{"name", "note"}``, in display order."""
    items = read("conditions.yaml")
    for condition in items:
        condition["symptoms"] = [{"note": "", **symptom} for symptom in condition["symptoms"]]
    return items


BRAND_DEFAULTS = {"status": "marketed", "discontinued_year": None, "sold_for": []}
USE_DEFAULTS = {"note": "", "minimum_age": None, "population_note": "", "evidence_level": ""}


def drugs() -> list[dict]:
    """Drugs with their brands and uses, every optional key filled in (``…_DEFAULTS``).

    A brand is ``{"name", "mark", "slug", "status", "discontinued_year", "sold_for"}``
    (``sold_for``: condition slugs of its uses, empty for all); a use is
    ``{"condition", "kind", "note", "minimum_age", "population_note", "evidence_level"}``.
    """
    items = read("drugs.yaml")
    for drug in items:
        drug["brands"] = [{**BRAND_DEFAULTS, **brand} for brand in drug["brands"]]
        drug["uses"] = [{**USE_DEFAULTS, **use} for use in drug["uses"]]
    return items


def reviewers() -> list[dict]:
    """The pharmacist reviewers' profiles and the usernames of their accounts."""
    return read("reviewers.yaml")


def articles() -> list[dict]:
    """The articles in file-name order, which is the order they are published in.

    ``references`` is a list of ``{"title", "publisher", "url", "accessed", "dailymed_setid"}``
    (``accessed`` a date, ``dailymed_setid`` empty when the file leaves it out); empty
    for a file without the key.
    """
    items = []
    for path in sorted((DATA_DIR / "articles").glob("*.yaml")):
        article = read(f"articles/{path.name}")
        article["body"] = html(article["body"])
        article.setdefault("related", [])
        article.setdefault("approved_by", None)
        article["references"] = [
            {"dailymed_setid": "", **reference} for reference in article.get("references") or []
        ]
        items.append(article)
    return items


def advertising() -> dict:
    """Placements, campaigns with their creatives and targeting, and ads.txt lines."""
    return read("ads.yaml")
