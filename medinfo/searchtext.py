"""The searchable text of a revision, captured with its facts when it is submitted.

The public site's search index (``website.search``) reads these columns; they are
filled here, on the write side, so a revision carries them from submission on.
"""

import re

from django.utils.html import strip_tags

from .facts import load_facts
from .models import ArticleRevision


def names_text(facts: dict) -> str:
    """The names in a facts snapshot: the article's own on the first line, related ones after.

    A drug article's own names are its generic, official and brand names and the
    related ones the conditions it is used for; a condition page's own names are
    its name and other names and the related ones its drugs and their brands.
    """
    snapshot = load_facts(facts)
    own, related = [], []
    if snapshot.drug:
        drug = snapshot.drug
        own += [drug.generic_name, drug.official_name, *(brand.name for brand in drug.brands)]
        related += [use.condition.name for use in drug.uses]
    if snapshot.condition:
        condition = snapshot.condition
        own += [condition.name, *condition.other_names]
        for use in condition.uses:
            related += [use.drug.generic_name, *(brand.name for brand in use.drug.brands)]
    return "\n".join(" ".join(name for name in names if name) for names in (own, related))


def prepare_search_fields(revision: ArticleRevision) -> None:
    """Fill the derived search columns of a revision that is being submitted."""
    revision.search_names = names_text(revision.facts)
    revision.search_text = body_text(revision.body)


# A block ends where a heading, paragraph, list item or cell ends; stripping the tags
# without a space there ran "…Milnacipran Uses" into "Milnacipran hydrochloride…".
_BLOCK_BOUNDARY = re.compile(r"(</(?:p|h[1-6]|li|blockquote|td|th|caption|tr)>|<br\s*/?>)", re.I)


def body_text(body: str) -> str:
    """A body's words as one line of plain text, with a space between blocks."""
    return " ".join(strip_tags(_BLOCK_BOUNDARY.sub(r"\1 ", body or "")).split())
