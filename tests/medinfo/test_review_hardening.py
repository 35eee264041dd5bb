"""Fixes from the end-of-session review: races, self-service rights, frozen addresses."""

import pytest

from conditions.models import Condition
from medinfo.models import PublicName
from tests.factories import ConditionFactory, reviewer_user
from tests.public_site import parse, publish, publish_milnacipran_uses, unpublish
from website import views as drug_views

pytestmark = pytest.mark.django_db
URL = "/drugs/milnacipran/uses/"


def test_page_unpublished_while_rendering_is_not_cached_as_fresh(client, monkeypatch):
    """An unpublication that commits mid-render leaves no cached copy that outlives it."""
    article = publish_milnacipran_uses()
    render = drug_views.render_live_article

    def render_while_unpublishing(request, reference):
        unpublish(article)  # commits between the lookup and the rendering
        return render(request, reference)

    monkeypatch.setattr(drug_views, "render_live_article", render_while_unpublishing)
    assert client.get(URL).status_code == 200  # rendered from what the lookup saw
    monkeypatch.setattr(drug_views, "render_live_article", render)
    assert client.get(URL).status_code == 404


def test_reviewer_cannot_reactivate_or_relicense_their_own_profile(client):
    """Only superusers change who may approve: a reviewer's own form shows those fields read-only."""
    user = reviewer_user()
    profile = user.reviewer_profile
    profile.is_active = False
    profile.save()
    client.force_login(user)
    page = client.get(f"/admin/medinfo/reviewer/{profile.pk}/change/").content.decode()
    assert 'name="is_active"' not in page and 'name="licence_number"' not in page
    assert 'name="bio"' in page


def test_drug_slug_is_frozen_once_a_live_article_uses_it(admin_client):
    """The slug of a drug with a live article cannot be edited: its pages would move."""
    article = publish_milnacipran_uses()
    page = admin_client.get(f"/admin/drugs/drug/{article.drug_id}/change/").content.decode()
    assert 'name="slug"' not in page and "milnacipran" in page


def test_condition_slug_stays_editable_before_publication(admin_client):
    """A condition nobody has published about keeps an editable slug."""
    condition = ConditionFactory()
    page = admin_client.get(f"/admin/conditions/condition/{condition.pk}/change/").content
    assert b'name="slug"' in page


def test_long_other_name_reaches_the_index(client):
    """A 250-character other name (the field allows 300) is listed, not a failed publication."""
    condition = ConditionFactory(other_names="x" * 250)
    publish(condition=condition, slug="symptoms")
    assert PublicName.objects.filter(name="x" * 250).exists()
    listing = parse(client.get("/conditions/?letter=X"))
    assert "see " + Condition.objects.get(pk=condition.pk).name in listing.text
