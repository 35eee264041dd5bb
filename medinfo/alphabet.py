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
