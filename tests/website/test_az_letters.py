"""Every name, in any script, lands under exactly one A–Z letter, and the index never fails.

On the old code (82195ae) a brand such as “Пrozac” (Cyrillic П first) was stored
under the letter “” and /drugs/ answered 500 (``KeyError: ''``) to every visitor;
the property tests failed at once on such a name, and the HTTP tests with a 500.
"""

import string

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from medinfo.models import PublicName
from tests.factories import BrandNameFactory, ConditionFactory, milnacipran
from tests.public_site import parse, publish
from website.alphabet import LETTERS, first_letter, group_by_letter
from website.publicnames import _row

TRICKY_NAMES = [
    "Пrozac", "Ргозас", "P\u0301rozac", "Łyrica", "Ｐaxil", "ﬁbrex", "1-Day",
    "(R)-Tablet", "😀 Smile", "\u0301Orphan mark", "ǅemal", "ıbuprofen", "Ωmega", "中药",
]  # fmt: skip
EXPECTED_LETTERS = {
    "Пrozac": "#", "Ргозас": "#", "P\u0301rozac": "P", "Pro\u0301zac": "P", "Łyrica": "L",
    "Ｐaxil": "P", "ﬁbrex": "F", "1-Day": "#", "(R)-Tablet": "#", "😀 Smile": "#",
    "\u0301Orphan mark": "O", "ǅemal": "D", "Ωmega": "#", "中药": "#", "": "#",
}  # fmt: skip


def index_row(name, subject_slug="somedrug"):
    """The A–Z row publication stores for ``name`` (the same code path as the index)."""
    return _row(name, kind=PublicName.Kind.BRAND, subject=PublicName.Subject.DRUG,
                subject_id=1, subject_slug=subject_slug, see="somedrug")  # fmt: skip


@pytest.mark.parametrize(("name", "letter"), EXPECTED_LETTERS.items())
def test_names_go_under_their_base_latin_letter_or_hash(name, letter):
    """“Prózac” is under P, “Łyrica” under L, “Пrozac”, digits and emoji under “#”."""
    assert index_row(name).letter == letter


@hypothesis_settings(max_examples=500, deadline=None)
@given(st.lists(st.text(), max_size=20))
def test_any_names_get_exactly_one_defined_letter(names):
    """Any text: its stored letter is one of the index's letters and the listing agrees."""
    rows = [index_row(name) for name in names]
    assert all(row.letter in LETTERS for row in rows)
    entries = [{"name": row.name, "letter": row.letter} for row in rows]
    stored = group_by_letter(entries, key=lambda entry: entry["name"],
                             letter=lambda entry: entry["letter"])  # fmt: skip
    recomputed = group_by_letter(entries, key=lambda entry: entry["name"])
    assert stored == recomputed
    assert sum(len(found) for _, found in stored) == len(rows)


@given(st.sampled_from(string.ascii_letters), st.text(st.characters(categories=["Mn"]), max_size=3))
def test_a_latin_letter_with_marks_counts_as_the_letter(letter, marks):
    """“Ó”, “P” + a combining acute or any other marks: the plain letter's page."""
    assert first_letter(f"{letter}{marks}rest") == letter.upper()


def listed_hrefs(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, (url, query)
    return [link.attrs["href"] for ul in parse(response).find_all("ul", class_="az-list")
            for link in ul.find_all("a")]  # fmt: skip


def assert_each_name_under_one_letter(client, url, expected_hrefs):
    """/…/ and every ?letter= page answer 200, and each name is on exactly one letter page."""
    assert sorted(listed_hrefs(client, url)) == sorted(expected_hrefs)
    listed = [href for letter in LETTERS for href in listed_hrefs(client, url, letter=letter)]
    assert sorted(listed) == sorted(expected_hrefs)


@pytest.mark.django_db
def test_drug_and_condition_indexes_answer_for_names_in_any_script(client):
    """Brands and other names in any script, once published, are each listed under one letter."""
    drug = milnacipran()
    for number, name in enumerate(TRICKY_NAMES):
        BrandNameFactory(drug=drug, name=name, slug=f"tricky-{number}")
    condition = ConditionFactory(name="Ωmega syndrome", slug="omega-syndrome",
                                 other_names=", ".join(TRICKY_NAMES[:8]))  # fmt: skip
    publish(drug=drug)
    publish(condition=condition, slug="symptoms")
    assert_each_name_under_one_letter(
        client, "/drugs/", ["/drugs/milnacipran/"] * (2 + len(TRICKY_NAMES))
    )
    assert_each_name_under_one_letter(client, "/conditions/", ["/conditions/omega-syndrome/"] * 9)


@pytest.mark.django_db
@hypothesis_settings(max_examples=25, deadline=None)
# PostgreSQL cannot store NUL or lone surrogates; real names lose both (and every
# control character) in plain_text.
@given(names=st.lists(st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=30),
                      min_size=1, max_size=8))  # fmt: skip
def test_index_pages_answer_for_any_published_names(names):
    """Whatever names the A–Z table holds, every index page answers and lists each once."""
    PublicName.objects.all().delete()
    cache.clear()
    rows = [index_row(name, subject_slug=f"drug-{number}") for number, name in enumerate(names)]
    PublicName.objects.bulk_create(rows)
    expected = [f"/drugs/drug-{number}/" for number in range(len(names))]
    assert_each_name_under_one_letter(Client(), "/drugs/", expected)
