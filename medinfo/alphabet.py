"""Grouping names under A–Z letters for the index pages."""

import string
import unicodedata

from django.core.cache import cache
from django.core.paginator import Paginator


def first_letter(name):
    """“Émend” → “E”; names starting with a digit or symbol go under “#”."""
    letter = unicodedata.normalize("NFKD", name[:1]).encode("ascii", "ignore").decode().upper()
    return letter if letter in string.ascii_uppercase else "#"


def group_by_letter(items, *, key):
    """[(letter, [items sorted by name])] for every letter A–Z and “#”, empty ones included."""
    groups = {letter: [] for letter in [*string.ascii_uppercase, "#"]}
    for item in items:
        groups[first_letter(key(item))].append(item)
    return [
        (letter, sorted(found, key=lambda i: key(i).lower())) for letter, found in groups.items()
    ]


LETTERS = [*string.ascii_uppercase, "#"]
# Up to this many names the index shows every letter on one page; beyond it,
# one letter per page, itself split into pages of NAMES_PER_PAGE, so no page
# ever loads more than a few hundred names.
SINGLE_PAGE_LIMIT = 300
NAMES_PER_PAGE = 200


def letter_summary(subject):
    """(letters that have names, total names) for one index, cached until it next changes.

    Both would otherwise scan every name on every request.
    """
    from .models import PublicName
    from .pagecache import tag_versions

    index_tag = f"{subject}-index"
    key = f"az-summary:{index_tag}:{tag_versions(index_tag)[0]}"
    summary = cache.get(key)
    if summary is None:
        names = PublicName.objects.filter(subject=subject)
        summary = (set(names.values_list("letter", flat=True).distinct()), names.count())
        cache.set(key, summary, None)
    return summary


def az_index(request, *, subject):
    """Context for an A–Z page: letters that have names, and the names to list.

    ``?letter=M`` lists one letter; without it, small catalogues list everything
    and large ones start at the first letter that has names.
    """
    from .models import PublicName

    present, total = letter_summary(subject)
    letter = request.GET.get("letter", "").upper()[:1]
    if letter not in LETTERS:
        letter = ""
    if not letter and total > SINGLE_PAGE_LIMIT:
        letter = next((candidate for candidate in LETTERS if candidate in present), "A")
    names = PublicName.objects.filter(subject=subject)
    if letter:
        names = names.filter(letter=letter)
    page = Paginator(names.order_by("sort_name", "pk"), NAMES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    groups = group_by_letter(page.object_list, key=lambda entry: entry.name)
    return {
        "letters": [(candidate, candidate in present) for candidate in LETTERS],
        "groups": [(found_letter, entries) for found_letter, entries in groups if entries],
        "letter": letter,
        "page": page,
    }
