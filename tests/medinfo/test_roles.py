"""The role groups from the data migration decide what each person sees in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from medinfo.roles import AD_MANAGERS, EDITORS, FACT_EDITORS, REVIEWERS, STRUCTURED_MODELS
from tests.factories import (
    ad_manager_user,
    change_form_data,
    editor_user,
    fact_editing_reviewer,
    milnacipran,
    reviewer_user,
)

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
