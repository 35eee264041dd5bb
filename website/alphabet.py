"""Grouping names under A–Z letters for the index pages."""

import math
import string

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse

from common.text import base_letters, plain_text
from medinfo.cachetags import index_tag

LATIN_LETTERS = frozenset(string.ascii_uppercase)
OTHER = "#"
LETTERS = [*string.ascii_uppercase, OTHER]


def first_letter(name):
    """The one index letter of any name: “Émend” → “E”, “Łyrica” → “L”, the rest → “#”.

    Latin letters count by their base letter (accents, strokes and forms such as
    “Ｐ” removed); names in other scripts (“Пrozac”) or starting with a digit, a
    symbol, an emoji or nothing at all go under “#”. Every name gets a letter of
    ``LETTERS``, so the letter counts, the letter pages and the listing agree.
    """
    letter = base_letters(plain_text(name or ""))[:1].upper()
    return letter if letter in LATIN_LETTERS else OTHER


def group_by_letter(items, *, key, letter=None):
    """[(letter, [items sorted by name])] for every letter A–Z and “#”, empty ones included.

    ``letter(item)`` is the item's index letter (by default ``first_letter`` of its name).
    """
    letter = letter or (lambda item: first_letter(key(item)))
    groups = {candidate: [] for candidate in LETTERS}
    for item in items:
        groups[letter(item)].append(item)
    return [
        (candidate, sorted(found, key=lambda i: key(i).lower()))
        for candidate, found in groups.items()
    ]


# Up to this many names the index shows every letter on one page; beyond it,
# one letter per page, itself split into pages of NAMES_PER_PAGE, so no page
# ever loads more than a few hundred names.
SINGLE_PAGE_LIMIT = 300
NAMES_PER_PAGE = 200


def letter_counts(subject):
    """{letter: number of names} for one index, cached until the index next changes.

    Counting would otherwise scan every name on every request.
    """
    from medinfo.models import PublicName

    from .pagecache import tag_versions

    key = f"az-counts:{index_tag(subject)}:{tag_versions(index_tag(subject))[0]}"
    counts = cache.get(key)
    if counts is None:
        rows = (
            PublicName.objects.filter(subject=subject).values_list("letter").annotate(Count("pk"))
        )
        counts = dict(rows.order_by())
        cache.set(key, counts, settings.MEDINFO_TAGGED_FRAGMENT_SECONDS)
    return counts


def _page_number(raw, pages):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), pages)


def az_index(request, *, subject):
    """Context for an A–Z page: the letter navigation and the listing's HTML.

    ``?letter=M`` lists one letter; without it, small catalogues list everything
    and large ones start at the first letter that has names. Each letter is split
    into pages of NAMES_PER_PAGE. A listing page is rendered once and cached until
    the index changes, so its cost does not grow with the catalogue.
    """
    from .pagecache import tag_versions

    counts = letter_counts(subject)
    letter = request.GET.get("letter")
    if letter is None:
        letter = ""
    elif letter not in LETTERS:
        # "?letter=ZZ" and any other string would be a page of its own in the page cache.
        raise Http404("No such letter in the index.")
    if not letter and sum(counts.values()) > SINGLE_PAGE_LIMIT:
        letter = next((candidate for candidate in LETTERS if counts.get(candidate)), "A")
    total = counts.get(letter, 0) if letter else sum(counts.values())
    pages = max(1, math.ceil(total / NAMES_PER_PAGE))
    number = _page_number(request.GET.get("page"), pages)
    version = tag_versions(index_tag(subject))[0]
    key = f"az-listing:{subject}:{version}:{letter}:{number}"
    listing = cache.get(key)
    if listing is None:
        listing = _render_listing(subject, letter, number, pages)
        cache.set(key, listing, settings.MEDINFO_TAGGED_FRAGMENT_SECONDS)
    return {
        "letters": [(candidate, bool(counts.get(candidate))) for candidate in LETTERS],
        "letter": letter,
        "listing": listing,
    }


def _render_listing(subject, letter, number, pages):
    from medinfo.models import PublicName

    names = PublicName.objects.filter(subject=subject)
    if letter:
        names = names.filter(letter=letter)
    start = (number - 1) * NAMES_PER_PAGE
    rows = names.order_by("sort_name", "pk").values("name", "see", "subject_slug", "letter")
    prefix = reverse(f"{subject}s:index")
    entries = [
        {**row, "url": f"{prefix}{row['subject_slug']}/"}
        for row in rows[start : start + NAMES_PER_PAGE]
    ]
    # Grouped by the stored letter the letter pages filter on, so a name is never
    # listed under one letter here and found under another there.
    groups = group_by_letter(
        entries, key=lambda entry: entry["name"], letter=lambda entry: entry["letter"]
    )
    context = {
        "groups": [(found, entries) for found, entries in groups if entries],
        "letter": letter,
        "number": number,
        "pages": pages,
        "capitalise": subject == "condition",
    }
    return render_to_string("includes/az_listing.html", context)
