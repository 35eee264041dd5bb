"""The byline is part of the approval (issue #10 item 5).

A reviewer's name and credentials as they stood at the decision are stored on the
revision; published pages, JSON-LD and the feed read them from there. Only an
administrator changes a reviewer's name or credentials, and the profile history
shows every change.
"""

import html
import importlib
import types

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from medinfo import workflow
from medinfo.models import ArticleRevision, Reviewer, RevisionStatus
from medinfo.roles import REVIEWERS, ROLE_PERMISSIONS
from tests.admin_forms import logged_in
from tests.factories import (
    ReviewerFactory,
    UserFactory,
    change_form_data,
    draft_article,
    editor_user,
    milnacipran,
    reviewer_user,
)
from tests.public_site import committed, graph_nodes, json_ld, parse, publish

pytestmark = pytest.mark.django_db

URL = "/drugs/milnacipran/uses/"
APPROVED_BYLINE = "Daniel Reyes, PharmD, BCPS"


def reviewer_change_url(profile):
    return reverse("admin:medinfo_reviewer_change", args=[profile.pk])


def rename(client, profile, **changes):
    """Post the reviewer's change form with ``changes``, as the admin page would."""
    url = reviewer_change_url(profile)
    with committed():
        return client.post(url, {**change_form_data(client, url), **changes})


@pytest.fixture
def daniel():
    return ReviewerFactory(
        display_name="Daniel Reyes", slug="daniel-reyes", credentials="PharmD, BCPS"
    )


@pytest.fixture
def renamed_after_approval(daniel):
    """Daniel approved the article; then an administrator renamed his profile."""
    article = publish(drug=milnacipran(), reviewer=daniel.user)
    superuser = UserFactory(is_superuser=True)
    response = rename(logged_in(superuser), daniel, display_name="Daniel Reyes, PharmD, BCPS, MD")
    assert response.status_code == 302
    cache.clear()  # whatever the cache held, the page is rendered afresh
    return article


def test_renamed_profile_leaves_the_published_byline_as_approved(client, renamed_after_approval):
    """Issue #10 item 5: the page keeps the approved byline; failed on the old code."""
    byline = parse(client.get(URL)).find("p", class_="reviewed-by")
    assert APPROVED_BYLINE in byline.text and "MD" not in byline.text
    assert byline.find("a").attrs["href"] == "/reviewers/daniel-reyes/"


def test_renamed_profile_leaves_the_json_ld_reviewer_as_approved(client, renamed_after_approval):
    """reviewedBy keeps the name and credentials at approval; failed on the old code."""
    (page,) = graph_nodes(json_ld(client.get(URL))[0], "MedicalWebPage")
    assert page["reviewedBy"]["name"] == "Daniel Reyes"
    assert page["reviewedBy"]["honorificSuffix"] == "PharmD, BCPS"


def test_renamed_profile_leaves_the_feed_author_as_approved(client, renamed_after_approval):
    """The feed's author is the byline at approval; failed on the old code."""
    feed = client.get("/feeds/latest/").content.decode()
    assert APPROVED_BYLINE in feed and "BCPS, MD" not in feed


def test_reviewer_page_says_under_which_byline_an_article_was_approved(
    client, renamed_after_approval
):
    """The reviewer page shows the new profile and, per article, the byline approved."""
    page = parse(client.get("/reviewers/daniel-reyes/"))
    assert "MD" in page.find("h1").text
    listed = page.find("ul", class_="article-list").text
    assert f"reviewed as {APPROVED_BYLINE}" in listed


def test_decisions_freeze_the_reviewers_name_and_credentials(daniel):
    """Approving and requesting changes both store the byline on the revision."""
    author = editor_user()
    article = draft_article(author=author, drug=milnacipran())
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=author)
    workflow.request_changes(revision=revision, reviewer_user=daniel.user, comment="Sources?")
    revision.refresh_from_db()
    assert (revision.reviewer_name, revision.reviewer_credentials) == (
        "Daniel Reyes",
        "PharmD, BCPS",
    )
    assert revision.byline == APPROVED_BYLINE


def test_undecided_revision_has_no_byline():
    """A draft names no reviewer."""
    assert draft_article(drug=milnacipran()).latest_revision.byline == ""


# Who may change a byline ------------------------------------------------------------


def test_reviewer_cannot_change_their_own_name_or_credentials(daniel):
    """A pharmacist's own form saves their bio but never their byline; failed on the old code."""
    client = logged_in(daniel.user)
    page = client.get(reviewer_change_url(daniel)).content.decode()
    assert 'name="display_name"' not in page and 'name="credentials"' not in page
    response = rename(client, daniel, display_name="Daniel Reyes, MD", bio="Hospital pharmacist.")
    assert response.status_code == 302
    daniel.refresh_from_db()
    assert daniel.byline == APPROVED_BYLINE and daniel.bio == "Hospital pharmacist."


def test_reviewer_group_cannot_change_bylines():
    """The reviewer role holds no byline permission."""
    assert "medinfo.change_reviewer_byline" not in ROLE_PERMISSIONS[REVIEWERS]
    assert not reviewer_user().has_perm("medinfo.change_reviewer_byline")


def byline_administrator():
    user = editor_user()
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="medinfo",
            codename__in=["change_reviewer", "change_reviewer_byline"],
        )
    )
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


def test_administrator_with_the_permission_changes_a_byline(daniel):
    """A user holding change_reviewer_byline may rename another reviewer."""
    response = rename(logged_in(byline_administrator()), daniel, credentials="PharmD")
    assert response.status_code == 302
    daniel.refresh_from_db()
    assert daniel.credentials == "PharmD"


def test_nobody_changes_their_own_byline_even_with_the_permission(daniel):
    """The permission covers other people's profiles, not one's own."""
    holder = byline_administrator()
    profile = ReviewerFactory(user=holder, display_name="Hold Er")
    page = logged_in(holder).get(reviewer_change_url(profile)).content.decode()
    assert 'name="display_name"' not in page


def test_profile_history_shows_who_changed_the_byline(daniel):
    """The reviewer's history page names the administrator and the old → new name."""
    superuser = UserFactory(is_superuser=True, username="site-admin")
    rename(logged_in(superuser), daniel, display_name="Dan Reyes")
    url = reverse("admin:medinfo_reviewer_history", args=[daniel.pk])
    text = html.unescape(logged_in(editor_user()).get(url).content.decode())
    assert "site-admin" in text
    assert "Daniel Reyes" in text and "Dan Reyes" in text and "→" in text


# Revisions decided before bylines were frozen -----------------------------------------


def test_backfill_gives_old_decisions_the_byline_at_their_decision(daniel):
    """Migration 0010 fills empty bylines from the profile history as of the decision."""
    author = editor_user()
    old = ArticleRevision.objects.create(
        article=draft_article(author=author, drug=milnacipran(), slug="older").latest_revision.article,
        number=2, status=RevisionStatus.APPROVED, author=author, title="Old", lead="Old.",
        submitted_at=daniel.history.earliest().history_date,
        reviewer=daniel, reviewed_at=daniel.history.earliest().history_date,
    )  # fmt: skip
    daniel.display_name = "Daniel Reyes, MD"
    daniel.save()
    migration = importlib.import_module("medinfo.migrations.0010_backfill_bylines")
    migration.backfill_bylines(apps, types.SimpleNamespace(connection=connection))
    old.refresh_from_db()
    assert old.byline == APPROVED_BYLINE
    assert Reviewer.objects.get(pk=daniel.pk).display_name == "Daniel Reyes, MD"


def test_generated_corpus_freezes_every_decided_byline():
    """The synthetic corpus, which bypasses the services, stores bylines as decisions do."""
    call_command("generate_corpus", drugs=10, conditions=5, articles=12, stdout=None)
    decided = ArticleRevision.objects.filter(reviewer__isnull=False).select_related("reviewer")
    assert decided.exists()
    assert all(revision.byline == revision.reviewer.byline for revision in decided)


def test_deactivated_reviewer_is_named_but_not_linked(reader, daniel):
    """When a reviewer's public page goes (profile turned off), the approved byline stays
    and no page links to the 404 any longer; turned on again, the links come back.

    Failed before (outside attack): the byline and the reviewed-by line kept linking to
    /reviewers/<slug>/, which answered 404.
    """
    publish(drug=milnacipran(), reviewer=daniel.user)
    profile_url = daniel.get_absolute_url()
    assert f'href="{profile_url}"' in reader.get(URL).content.decode()
    administrator = logged_in(UserFactory(is_superuser=True))
    url = reviewer_change_url(daniel)
    for active in (False, True):
        data = change_form_data(administrator, url)
        data.pop("is_active", None)
        if active:
            data["is_active"] = "on"
        with committed():
            assert administrator.post(url, data).status_code == 302
        daniel.refresh_from_db()
        assert daniel.is_active is active
        page = reader.get(URL).content.decode()
        assert APPROVED_BYLINE in html.unescape(page)
        assert (f'href="{profile_url}"' in page) is active
        assert client_status(reader, profile_url) == (200 if active else 404)


def client_status(reader, url):
    return reader.get(url).status_code
