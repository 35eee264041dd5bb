"""Who may open which admin page and do what: every admin URL for every role.

The admin URLs are discovered from ``admin.site._registry`` and each ModelAdmin's
``get_urls()``, so a model or custom view added later is checked without editing
this file; only a custom view with rules of its own needs a line in CUSTOM_VIEW_ROLES.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from ads.models import Placement
from medinfo import workflow
from medinfo.models import Article, RevisionStatus
from medinfo.roles import STRUCTURED_MODELS
from tests.ads.factories import (
    CampaignFactory,
)
from tests.factories import (
    ReviewerFactory,
    UserFactory,
    ad_manager_user,
    draft_article,
    editor_and_reviewer,
    editor_user,
    fact_editing_reviewer,
    milnacipran,
    published_article,
    reviewer_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "reviewer", "fact-editing reviewer", "ad manager", "superuser"]
EDITORIAL_APPS = {"drugs", "conditions", "medinfo"}
# Editorial staff may look at reviewer profiles but only administrators create them.
EDITORIAL_VIEW_ONLY = {"medinfo.reviewer"}
# A pharmacist granted fact editing does a reviewer's job everywhere else.
JOB = {"fact-editing reviewer": "reviewer"}
# Pharmacists read articles, drugs and conditions; writing articles takes the Editors group,
# changing facts the Fact editors group (#13 item 6).
ARTICLES = {"medinfo.article", "medinfo.articlerevision"}
VIEW_ONLY = {
    "editor": EDITORIAL_VIEW_ONLY,
    "reviewer": EDITORIAL_VIEW_ONLY | ARTICLES | set(STRUCTURED_MODELS),
    "fact-editing reviewer": EDITORIAL_VIEW_ONLY | ARTICLES,
    "ad manager": set(),
    "superuser": set(),
}
STANDARD_VIEWS = ("changelist", "add", "change")
DJANGO_VIEWS = {"changelist", "add", "change", "delete", "history"}
# Custom admin views whose audience is narrower than their app's.
CUSTOM_VIEW_ROLES = {
    # Deciding needs a reviewer profile; looking at the review screen does not.
    "medinfo_articlerevision_review": {"editor", "reviewer", "superuser"},
    # Only pharmacist reviewers unpublish: a superuser without a reviewer profile may not.
    "medinfo_article_unpublish": {"reviewer"},
    # Scheduled go-lives and expiries are the reviewers' too, like unpublishing.
    "medinfo_article_cancel_go_live": {"reviewer"},
    "medinfo_article_expiry": {"reviewer"},
    # Autosaving is writing: editors (and administrators), not pharmacists (#13 item 6).
    "medinfo_article_autosave": {"editor", "superuser"},
}
DECISION_REFUSED = "Only pharmacist reviewers with an active reviewer profile can review articles."
FOUR_EYES = "You wrote or edited this revision, so another pharmacist must review it (four eyes)."


def may_open_app(role, app_label):
    """The apps each role works in (medinfo.roles): editorial, advertising, or everything."""
    return {
        "editor": app_label in EDITORIAL_APPS,
        "reviewer": app_label in EDITORIAL_APPS,
        "ad manager": app_label == "ads",
        "superuser": True,
    }[role]


def offers_add_page(model_admin):
    """Whether the admin has an add page at all (audit logs and statistics do not)."""
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(username="structure-probe", is_superuser=True)
    return model_admin.has_add_permission(request)


def expected_status(role, model, view, offers_add=True):
    if role == "anonymous":
        return 302
    label = model._meta.label_lower
    if view in CUSTOM_VIEW_ROLES:
        return 200 if JOB.get(role, role) in CUSTOM_VIEW_ROLES[view] else 403
    if not may_open_app(JOB.get(role, role), model._meta.app_label):
        return 403
    if view == "add":
        view_only = label in VIEW_ONLY[role]
        return 200 if offers_add and not view_only else 403
    return 200


def custom_url_names(model_admin):
    """Names of the ModelAdmin's own views beyond Django's standard ones."""
    opts = model_admin.model._meta
    standard = {f"{opts.app_label}_{opts.model_name}_{view}" for view in DJANGO_VIEWS}
    return [
        pattern.name
        for pattern in model_admin.get_urls()
        if pattern.name and pattern.name not in standard
    ]


def url_for(name, pattern_params, instance):
    """Reverse a URL, filling its one parameter (if any) with the instance's primary key."""
    if not pattern_params:
        return reverse(f"admin:{name}")
    assert len(pattern_params) == 1, f"{name}: teach url_for about {pattern_params}"
    return reverse(f"admin:{name}", args=[instance.pk])


def admin_urls():
    """[(model, view name, url)] for every registered model's standard and custom views."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        instance = model._default_manager.order_by("pk").first()
        assert instance is not None, f"one_of_everything must create a {model._meta.label}"
        opts = model._meta
        for view in STANDARD_VIEWS:
            args = [instance.pk] if view == "change" else []
            name = f"{opts.app_label}_{opts.model_name}_{view}"
            urls.append((model, view, reverse(f"admin:{name}", args=args), model_admin))
        patterns = {pattern.name: pattern for pattern in model_admin.get_urls()}
        for name in custom_url_names(model_admin):
            params = list(patterns[name].pattern.converters)
            urls.append((model, name, url_for(name, params, instance), model_admin))
    return urls


@pytest.fixture
def users():
    return {
        "editor": editor_user(),
        "reviewer": reviewer_user(),
        "fact-editing reviewer": fact_editing_reviewer(),
        "ad manager": ad_manager_user(),
        "superuser": UserFactory(is_superuser=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_url_answers_each_role_as_its_job_requires(
    client, one_of_everything, users, role
):
    """Each role gets 200 where its work is, 403 elsewhere; anonymous visitors go to login."""
    if role != "anonymous":
        client.force_login(users[role])
    surprises = []
    urls = admin_urls()
    for model, view, url, model_admin in urls:
        offers_add = view != "add" or offers_add_page(model_admin)
        expected = expected_status(role, model, view, offers_add)
        response = client.get(url)
        if response.status_code != expected:
            surprises.append(f"{url}: {response.status_code}, expected {expected}")
        elif expected == 302:
            assert response["Location"].startswith(reverse("admin:login")), url
    assert surprises == [], f"{role}:\n" + "\n".join(surprises)


def test_the_matrix_covers_the_custom_review_and_unpublish_views(one_of_everything):
    """The discovered URLs include the review screen and the unpublish page."""
    names = {view for _, view, _, _ in admin_urls()}
    assert {"medinfo_articlerevision_review", "medinfo_article_unpublish"} <= names


def submitted_revision(author):
    article = draft_article(author=author, drug=milnacipran())
    return workflow.submit_revision(revision=article.latest_revision, submitter=author)


def decide(client, revision, button="_approve"):
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    return client.post(url, {"comment": "Looks right.", button: "1"})


def assert_still_in_review(revision):
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW
    assert revision.article.live_revision_id is None


def test_an_editor_cannot_approve(client):
    """An editor's approval is refused with a message and the revision stays in review."""
    revision = submitted_revision(editor_user())
    client.force_login(editor_user())
    response = decide(client, revision)
    assert response.status_code == 200
    assert DECISION_REFUSED in response.text
    assert_still_in_review(revision)


def test_an_editor_cannot_request_changes_either(client):
    """Requesting changes is a reviewer's decision too."""
    revision = submitted_revision(editor_user())
    client.force_login(editor_user())
    response = decide(client, revision, "_request_changes")
    assert DECISION_REFUSED in response.text
    assert_still_in_review(revision)


def test_a_reviewer_cannot_approve_their_own_revision(client):
    """A pharmacist who wrote the revision (as an editor too) is refused: another must review it."""
    author = editor_and_reviewer()
    revision = submitted_revision(author)
    client.force_login(author)
    response = decide(client, revision)
    assert FOUR_EYES in response.text
    assert_still_in_review(revision)


def test_a_superuser_with_a_reviewer_profile_cannot_approve_their_own_revision(client):
    """Superusers get no exception to the four-eyes rule."""
    author = ReviewerFactory(user=UserFactory(is_superuser=True)).user
    revision = submitted_revision(author)
    client.force_login(author)
    response = decide(client, revision)
    assert FOUR_EYES in response.text
    assert_still_in_review(revision)


def test_another_reviewer_can_approve(client):
    """The same request from a pharmacist who did not write the revision publishes it."""
    revision = submitted_revision(editor_user())
    client.force_login(reviewer_user())
    response = decide(client, revision)
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.article.live_revision_id == revision.pk


def test_a_reviewer_cannot_add_ads(client):
    """Posting the ad placement form as a pharmacist reviewer is forbidden and adds nothing."""
    client.force_login(reviewer_user())
    response = client.post(
        reverse("admin:ads_placement_add"),
        {"code": "sneaky", "name": "Sneaky", "size": "728x90", "mobile_size": "320x50"},
    )
    assert response.status_code == 403
    assert not Placement.objects.filter(code="sneaky").exists()


def test_a_reviewer_cannot_change_a_campaign(client):
    """Posting a campaign's change form as a pharmacist reviewer is forbidden."""
    campaign = CampaignFactory(name="Spring refills")
    client.force_login(reviewer_user())
    url = reverse("admin:ads_campaign_change", args=[campaign.pk])
    assert client.post(url, {"name": "Hijacked"}).status_code == 403
    campaign.refresh_from_db()
    assert campaign.name == "Spring refills"


def test_an_ad_manager_cannot_write_articles(client):
    """Posting the article form as an ad manager is forbidden and creates no article."""
    client.force_login(ad_manager_user())
    response = client.post(reverse("admin:medinfo_article_add"), {"slug": "advertorial"})
    assert response.status_code == 403
    assert not Article.objects.filter(slug="advertorial").exists()


def test_an_editor_cannot_unpublish(client):
    """Only pharmacist reviewers take articles off the site: an editor's request is refused."""
    article = published_article()
    client.force_login(editor_user())
    url = reverse("admin:medinfo_article_unpublish", args=[article.pk])
    assert client.post(url, {"reason": "Because."}).status_code == 403
    article.refresh_from_db()
    assert article.live_revision_id is not None


def test_an_editor_cannot_give_themselves_more_rights(client):
    """User accounts are for superusers only: an editor cannot edit their own account."""
    editor = editor_user()
    client.force_login(editor)
    url = reverse("admin:auth_user_change", args=[editor.pk])
    response = client.post(url, {"username": editor.username, "is_superuser": "on"})
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser
