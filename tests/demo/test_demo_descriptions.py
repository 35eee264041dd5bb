"""Descriptions and titles never offer a brand sold for some uses only as if it covered all
(outside tester: /drugs/fluoxetine/uses/ described “fluoxetine (Prozac, Sarafem), from
depression …”, in its meta description, og:description and JSON-LD, which all print the
article's search description and title).

Read from the data files (``demo.content``), so nothing is loaded.
"""

import re

import pytest

from demo import content


def limited_brands(drug):
    return [brand["name"] for brand in drug.get("brands", []) if brand.get("sold_for")]


def described():
    drugs = {drug["slug"]: drug for drug in content.drugs()}
    for article in content.articles():
        brands = limited_brands(drugs.get(article.get("drug"), {}))
        for field in ("title", "search_description"):
            for brand in brands:
                yield pytest.param(article.get(field, ""), brand,
                                   id=f"{article['drug']}-{article['slug']}-{field}-{brand}")  # fmt: skip


@pytest.mark.parametrize("text,brand", list(described()))
def test_a_limited_brand_is_named_only_with_its_limit(text, brand):
    """Old data: “(Prozac, Sarafem)” in fluoxetine's search description, Sarafem being for
    PMDD only; a limited brand in a title or description must say what it is sold for."""
    for match in re.finditer(re.escape(brand), text):
        following = text[match.end() : match.end() + 80]
        assert re.match(r"®?\s+for [^,;()]+ only", following), text
