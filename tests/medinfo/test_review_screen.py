"""The review screen as the place of decision, and the comparison of any two revisions (#13 item 2).

Facts are grouped (the drug, each brand, each use, a use's symptoms …): a group
with a change is open, the others are folded with their count, and no changed
line is left out of the groups. On the old code the facts were one flat list
(a new article's symptoms 30 lines of "+ …") and no comparison page existed.
"""

import pytest
from django.urls import reverse

from drugs.models import BrandName, Drug
from medinfo import workflow
from medinfo.diffs import facts_groups
from medinfo.facts import capture_facts, facts_differences
from tests.admin_forms import change_url, logged_in, page_text, review_url
from tests.factories import (
    ConditionFactory,
    UserFactory,
    editor_user,
    milnacipran,
    published_article,
    reviewer_user,
    revise,
    submitted_revision,
)
from tests.public_site import parse

pytestmark = pytest.mark.django_db

SYMPTOMS = "Drug › use for “fibromyalgia” › symptoms"


def fact_groups(response):
    """{group label: (open?, summary text, [row texts])} from the review screen's facts."""
    groups = {}
    for details in parse(response).find_all("details", class_="medinfo-fact-group"):
        label = details.find("span", class_="medinfo-group-label").text
        summary = details.find("span", class_="medinfo-group-count").text
        rows = [item.text for item in details.find_all("li")]
        groups[label] = ("open" in details.attrs, summary, rows)
    return groups


def compare_url(article, older=None, newer=None):
    url = reverse("admin:medinfo_article_compare", args=[article.pk])
    query = "&".join(f"{name}={getattr(rev, 'pk', rev)}"
                     for name, rev in (("from", older), ("to", newer)) if rev is not None)  # fmt: skip
    return f"{url}?{query}" if query else url


@pytest.fixture
def brand_renamed():
    """Milnacipran's live article, then its brand renamed and a new revision in review."""
    article = published_article(drug=milnacipran())
    BrandName.objects.filter(name="Savella").update(name="Savella XR")
    return revise(article, author=editor_user())


# Grouping ---------------------------------------------------------------------------


def test_changed_group_is_open_and_unchanged_groups_are_folded(brand_renamed):
    """Only the renamed brand's group is open; the drug's own facts and its uses are folded."""
    groups = fact_groups(logged_in(reviewer_user()).get(review_url(brand_renamed)))
    opened = [label for label, (is_open, _, _) in groups.items() if is_open]
    assert opened == ["Drug › brand “Savella”", "Drug › brand “Savella XR”"]
    assert groups["Drug"][0] is False and groups[SYMPTOMS][0] is False
    assert groups[SYMPTOMS][1] == "6 unchanged"  # three symptoms, a name and a note each


def test_a_changed_group_lists_its_changes_with_counts(brand_renamed):
    """The new brand's group says what was added and shows each line with its sign."""
    _, summary, rows = fact_groups(logged_in(reviewer_user()).get(review_url(brand_renamed)))[
        "Drug › brand “Savella XR”"
    ]
    assert summary == "6 added"
    assert "+ Drug › brand “Savella XR” › name: Savella XR" in rows


def test_new_articles_symptoms_are_one_open_group_with_a_count():
    """A first revision's symptoms are one group, open, counted, instead of a flat list."""
    revision = submitted_revision(drug=milnacipran())
    groups = {group.label: group for group in facts_groups({}, revision.facts)}
    assert groups[SYMPTOMS].changed and groups[SYMPTOMS].added == 6  # names and notes
    response = logged_in(reviewer_user()).get(review_url(revision))
    is_open, summary, rows = fact_groups(response)[SYMPTOMS]
    assert is_open and summary == "6 added"
    assert "+ Drug › use for “fibromyalgia” › symptom “Headaches” › name: Headaches" in rows


def test_every_changed_fact_line_is_in_an_open_group(brand_renamed):
    """Nothing that changed is folded away: the open groups hold exactly the facts diff."""
    Drug.objects.filter(slug="milnacipran").update(official_name="milnacipran HCl")
    ConditionFactory(name="unrelated")
    article = brand_renamed.article
    old, new = article.live_revision.facts, capture_facts(article)
    flat = facts_differences(old, new, article=article)
    grouped = [change for group in facts_groups(old, new, article=article)
               for change in group.changes]  # fmt: skip
    assert sorted(grouped) == sorted(flat) and flat


def test_no_change_says_so_and_folds_every_group():
    """A revision with the live facts: “No change to the facts.”, every group folded."""
    article = published_article(drug=milnacipran())
    revision = revise(article, author=editor_user())
    response = logged_in(reviewer_user()).get(review_url(revision))
    assert "No change to the facts." in page_text(response)
    assert not any(is_open for is_open, _, _ in fact_groups(response).values())


def test_decision_form_comes_after_the_diff_and_the_preview(brand_renamed):
    """The reader meets the diff, then the preview, then the decision form."""
    text = logged_in(reviewer_user()).get(review_url(brand_renamed)).content.decode()
    diff, preview = text.index('id="diff-heading"'), text.index('class="medinfo-preview"')
    assert diff < preview < text.index('name="_approve"')


# Comparing two revisions ------------------------------------------------------------


@pytest.fixture
def three_revisions():
    """Milnacipran's article with revisions 1 (approved), 2 and 3, each with a new lead."""
    article = published_article(drug=milnacipran(), lead="The first lead.")
    second = revise(article, author=editor_user(), lead="The second lead.")
    workflow.approve_revision(revision=second, reviewer_user=reviewer_user())
    revise(article, author=editor_user(), lead="The third lead.")
    return article


def test_compare_two_older_revisions(three_revisions):
    """Revisions 1 and 2 compared: the lead's words between them, not the third's."""
    first, second = (three_revisions.revisions.get(number=n) for n in (1, 2))
    response = logged_in(editor_user()).get(compare_url(three_revisions, first, second))
    assert response.status_code == 200
    text = page_text(response)
    assert "Changes from revision 1 to revision 2" in text
    words = parse(response).find("div", class_="medinfo-words")
    assert (words.find("del").text, words.find("ins").text) == ("first", "second")
    assert "third" not in words.text


def test_compare_page_offers_every_revision_to_choose():
    """Without a choice the page lists each revision with “from” and “to”, newest two chosen."""
    article = published_article(drug=milnacipran())
    revise(article, author=editor_user())
    page = parse(logged_in(reviewer_user()).get(compare_url(article)))
    revision_ids = {str(pk) for pk in article.revisions.values_list("pk", flat=True)}
    for name in ("from", "to"):
        radios = page.find_all("input", type="radio", name=name)
        assert {radio.attrs["value"] for radio in radios} == revision_ids
    [chosen] = [radio for radio in page.find_all("input", name="to") if "checked" in radio.attrs]
    assert chosen.attrs["value"] == str(article.revisions.get(number=2).pk)
    assert page.find_all("div", class_="medinfo-words") == []


def test_compare_is_linked_from_the_article_form_and_the_review_screen(three_revisions):
    """The article form's status and the review screen link to the comparison page."""
    client = logged_in(editor_user())
    link = compare_url(three_revisions)
    for page in (change_url(three_revisions), review_url(three_revisions.latest_revision)):
        assert [a for a in parse(client.get(page)).find_all("a") if a.attrs.get("href") == link]


def test_history_chooses_two_revisions_to_compare(three_revisions):
    """The History page's revisions each have “from” and “to”, posted to the comparison page."""
    url = reverse("admin:medinfo_article_history", args=[three_revisions.pk])
    page = parse(logged_in(reviewer_user()).get(url))
    [form] = [
        f for f in page.find_all("form") if f.attrs.get("action") == compare_url(three_revisions)
    ]
    ids = {str(pk) for pk in three_revisions.revisions.values_list("pk", flat=True)}
    for name in ("from", "to"):
        assert {radio.attrs["value"] for radio in form.find_all("input", name=name)} == ids


def other_articles_revision():
    return published_article(slug="other").latest_revision


@pytest.mark.parametrize(
    "query",
    [
        {"from": "abc"},
        {"to": "99999999"},
        {"from": "1.5"},
        {"to": "99999999999999999999999999"},
        {"from": "-1"},
        {"to": "other article"},
    ],
)
def test_a_bad_or_foreign_revision_id_is_404(three_revisions, query):
    """Ids that are not this article's revisions answer 404, never 500 or another's text."""
    if query.get("to") == "other article":
        query = {"to": other_articles_revision().pk}
    first = three_revisions.revisions.get(number=1)
    query = {"from": first.pk, "to": first.pk, **query}
    url = reverse("admin:medinfo_article_compare", args=[three_revisions.pk])
    assert logged_in(editor_user()).get(url, query).status_code == 404


def test_compare_of_an_unknown_article_is_404():
    """An article id that does not exist is a 404."""
    url = reverse("admin:medinfo_article_compare", args=[987654])
    assert logged_in(editor_user()).get(url).status_code == 404


def test_compare_is_for_staff_who_may_see_the_article(client, three_revisions):
    """Visitors go to the login page; staff without article permissions are refused."""
    url = compare_url(three_revisions)
    assert client.get(url).status_code == 302
    assert logged_in(UserFactory(is_staff=True)).get(url).status_code == 403
