"""The role groups from the data migration decide what each person sees in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from medinfo.roles import AD_MANAGERS, EDITORS, REVIEWERS
from tests.factories import ad_manager_user, editor_user, reviewer_user

pytestmark = pytest.mark.django_db

ADS_LIST = reverse("admin:ads_adstxtrecord_changelist")
DRUGS_LIST = reverse("admin:drugs_drug_changelist")
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
    """The migration creates the three role groups, each with permissions."""
    groups = Group.objects.filter(name__in=[EDITORS, REVIEWERS, AD_MANAGERS])
    assert sorted(group.name for group in groups) == sorted([EDITORS, REVIEWERS, AD_MANAGERS])
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
