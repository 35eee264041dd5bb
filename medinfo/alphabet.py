"""Grouping names under A–Z letters for the index pages."""

import string
import unicodedata


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
# one letter per page, so no page ever loads the whole catalogue.
SINGLE_PAGE_LIMIT = 300


def az_index(request, *, subject):
    """Context for an A–Z page: letters that have names, and the names to list.

    ``?letter=M`` lists one letter; without it, small catalogues list everything
    and large ones start at the first letter that has names.
    """
    from .models import PublicName

    names = PublicName.objects.filter(subject=subject)
    present = set(names.values_list("letter", flat=True).distinct())
    letter = request.GET.get("letter", "").upper()[:1]
    if letter not in LETTERS:
        letter = ""
    if not letter and names.count() > SINGLE_PAGE_LIMIT:
        letter = next((candidate for candidate in LETTERS if candidate in present), "A")
    if letter:
        names = names.filter(letter=letter)
    groups = group_by_letter(names.order_by("sort_name", "pk"), key=lambda entry: entry.name)
    return {
        "letters": [(candidate, candidate in present) for candidate in LETTERS],
        "groups": [(found_letter, entries) for found_letter, entries in groups if entries],
        "letter": letter,
    }
