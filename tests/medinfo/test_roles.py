"""The role groups from the data migration decide what each person sees in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from medinfo.models import Article, ArticleRevision
from medinfo.roles import AD_MANAGERS, EDITORS, FACT_EDITORS, REVIEWERS, STRUCTURED_MODELS
from tests.admin_forms import article_form, change_url, form_data, logged_in
from tests.factories import (
    ad_manager_user,
    change_form_data,
    editor_and_reviewer,
    editor_user,
    fact_editing_reviewer,
    milnacipran,
    published_article,
    reviewer_user,
    revise,
)
from tests.public_site import parse

pytestmark = pytest.mark.django_db

ADS_LIST = reverse("admin:ads_adstxtrecord_changelist")
DRUGS_LIST = reverse("admin:drugs_drug_changelist")
FACT_ACTIONS = ("add", "change", "delete")
EDITORIAL_LISTS = [
    DRUGS_LIST,
    reverse("admin:conditions_condition_changelist"),
    reverse("admin:medinfo_article_changelist"),
]


def admin_index(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_role_groups_exist_without_fixtures():
    """The migration creates the role groups, each with permissions."""
    roles = [EDITORS, REVIEWERS, AD_MANAGERS, FACT_EDITORS]
    groups = Group.objects.filter(name__in=roles)
    assert sorted(group.name for group in groups) == sorted(roles)
    assert all(group.permissions.exists() for group in groups)


def test_editor_index_shows_drugs_conditions_and_articles(client):
    """An editor's admin home links to drugs, conditions and articles."""
    html = admin_index(client, editor_user())
    assert all(f'href="{url}"' in html for url in EDITORIAL_LISTS)


def test_editor_index_hides_advertising(client):
    """An editor's admin home has no Advertising section."""
    html = admin_index(client, editor_user())
    assert f'href="{ADS_LIST}"' not in html
    assert 'class="app-ads' not in html


def test_editor_cannot_open_ads_txt_records(client):
    """An editor who types the ads.txt admin address is refused."""
    client.force_login(editor_user())
    assert client.get(ADS_LIST).status_code == 403


def test_ad_manager_index_shows_advertising_only(client):
    """An ad manager's admin home links to ads.txt records and to none of the editorial lists."""
    html = admin_index(client, ad_manager_user())
    assert f'href="{ADS_LIST}"' in html and 'class="app-ads' in html
    assert not any(f'href="{url}"' in html for url in EDITORIAL_LISTS)


def test_ad_manager_cannot_open_drugs(client):
    """An ad manager who types the drugs admin address is refused."""
    client.force_login(ad_manager_user())
    assert client.get(DRUGS_LIST).status_code == 403


def test_reviewers_may_approve_revisions():
    """Pharmacist reviewers hold the approve permission."""
    assert reviewer_user().has_perm("medinfo.approve_articlerevision")


def test_editors_may_not_approve_revisions():
    """Editors can write and submit but do not hold the approve permission."""
    editor = editor_user()
    assert editor.has_perm("medinfo.change_articlerevision")
    assert not editor.has_perm("medinfo.approve_articlerevision")


# Issue #13 item 6: pharmacists review; editing facts is a grant ----------------------


def post_drug_change(user, drug, **changes):
    client = Client()
    client.force_login(user)
    url = reverse("admin:drugs_drug_change", args=[drug.pk])
    return client.post(url, {**change_form_data(client, url), **changes})


def test_reviewers_read_facts_but_may_not_change_them():
    """A pharmacist opens a drug read-only; posting a change is refused and changes nothing.

    Failed on the old code: the Pharmacist reviewers group held every fact permission.
    """
    drug, pharmacist = milnacipran(), reviewer_user()
    client = Client()
    client.force_login(pharmacist)
    page = client.get(reverse("admin:drugs_drug_change", args=[drug.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(reverse("admin:drugs_drug_change", args=[drug.pk]), {}).status_code == 403
    assert client.get(reverse("admin:drugs_drug_add")).status_code == 403
    assert not any(pharmacist.has_perm(f"drugs.{action}_drug") for action in FACT_ACTIONS)


def test_fact_editors_group_lets_a_pharmacist_change_facts():
    """An administrator adds a pharmacist to Fact editors; then their drug edit is saved."""
    drug = milnacipran()
    response = post_drug_change(fact_editing_reviewer(), drug, official_name="milnacipran HCl")
    assert response.status_code == 302
    drug.refresh_from_db()
    assert drug.official_name == "milnacipran HCl"


def test_fact_editors_hold_fact_permissions_only():
    """The Fact editors group grants changing drugs and conditions, and nothing else."""
    granted = Group.objects.get(name=FACT_EDITORS).permissions.all()
    assert {p.content_type.app_label for p in granted} == {"drugs", "conditions"}
    assert {f"{p.content_type.app_label}.{p.content_type.model}" for p in granted} == set(
        STRUCTURED_MODELS
    )


def test_editors_keep_changing_facts():
    """Editors maintain drugs and conditions as before."""
    assert all(editor_user().has_perm(f"drugs.{action}_drug") for action in FACT_ACTIONS)


# Issue #13 item 6: pharmacists review; writing articles is the Editors group ----------


def article_in_review():
    """Milnacipran's live article with revision 2, written by an editor, in review."""
    article = published_article(drug=milnacipran(), lead="The approved lead.")
    revise(article, author=editor_user())
    article.refresh_from_db()
    return article


def try_to_add_an_article(client, drug):
    return client.post(
        reverse("admin:medinfo_article_add"),
        article_form(drug=drug, title="A pharmacist's article?", lead="Words.", _submit="1"),
    )


def try_to_change_the_lead(client, article):
    # What an editor's form would post, with the lead changed and "Save draft" pressed.
    editor = logged_in(editor_user())
    data = form_data(editor.get(change_url(article)))
    return client.post(change_url(article), {**data, "lead": "A pharmacist's lead.",
                                              "_continue": "1"})  # fmt: skip


WRITING_ATTEMPTS = {
    "open the add form": lambda client, article: client.get(reverse("admin:medinfo_article_add")),
    "add an article": lambda client, article: try_to_add_an_article(client, article.drug),
    "change the article": try_to_change_the_lead,
    "submit the article": lambda client, article: client.post(
        change_url(article), {"lead": "Sneaked in.", "_submit": "1"}
    ),
}


@pytest.mark.parametrize("attempt", WRITING_ATTEMPTS)
@pytest.mark.parametrize("who", ["reviewer", "fact-editing reviewer"])
def test_reviewers_may_not_add_or_change_articles(attempt, who):
    """Over HTTP a pharmacist's writing is refused (403) and no revision changes.

    Failed on the old code: the Pharmacist reviewers group held add and change on
    articles and revisions, so these posts saved drafts.
    """
    article = article_in_review()
    person = reviewer_user() if who == "reviewer" else fact_editing_reviewer()
    revisions_before = list(ArticleRevision.objects.values_list("pk", "version", "lead"))
    response = WRITING_ATTEMPTS[attempt](logged_in(person), article)
    assert response.status_code == 403
    assert list(ArticleRevision.objects.values_list("pk", "version", "lead")) == revisions_before
    assert Article.objects.count() == 1


def test_reviewers_hold_no_writing_permission():
    """The group grants viewing articles and revisions and approving, not adding or changing."""
    pharmacist = reviewer_user()
    assert pharmacist.has_perm("medinfo.view_article")
    assert pharmacist.has_perm("medinfo.view_articlerevision")
    assert pharmacist.has_perm("medinfo.approve_articlerevision")
    for model in ("article", "articlerevision"):
        assert not pharmacist.has_perm(f"medinfo.add_{model}")
        assert not pharmacist.has_perm(f"medinfo.change_{model}")


def test_a_reviewer_opening_an_article_in_review_is_offered_the_decision():
    """The article form offers a pharmacist “Review this revision”, not buttons that would fail.

    Failed on the old code: “Save draft” and “Submit for review” were offered, and both failed.
    """
    article = article_in_review()
    page = logged_in(reviewer_user()).get(change_url(article))
    assert page.status_code == 200
    buttons = {element.attrs.get("name") for element in parse(page).find_all("input")}
    assert not buttons & {"_continue", "_submit", "_save"}
    review = reverse("admin:medinfo_articlerevision_review", args=[article.latest_revision_id])
    links = [(a.attrs.get("href"), a.text) for a in parse(page).find_all("a")]
    assert (review, "Review this revision") in links
    assert logged_in(reviewer_user()).get(review).context["can_decide"]


def test_no_decision_link_where_there_is_nothing_to_decide():
    """A live article with no revision in review, or an editor's view, has no decision link."""
    live = published_article(slug="live-only")
    assert "Review this revision" not in logged_in(reviewer_user()).get(change_url(live)).text
    in_review = article_in_review()
    editor_page = logged_in(editor_user()).get(change_url(in_review)).text
    assert "Review this revision" not in editor_page
    # Nor save buttons while it is in review (#13): the text is read-only until the decision.
    assert 'name="_submit"' not in editor_page
    assert "is in review and can no longer be edited" in editor_page


def test_a_pharmacist_who_is_also_an_editor_writes_articles():
    """Added to Editors by an administrator, a pharmacist's article is saved (and four eyes binds them)."""
    drug = milnacipran()
    response = try_to_add_an_article(logged_in(editor_and_reviewer()), drug)
    assert response.status_code == 302
    assert Article.objects.get(drug=drug).latest_revision.title == "A pharmacist's article?"
