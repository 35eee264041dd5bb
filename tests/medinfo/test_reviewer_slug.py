"""A reviewer's address is frozen once published bylines link to it.

On the old code (82195ae) an administrator could change the slug of a reviewer
whose approvals were live, and /reviewers/<old-slug>/ then answered 404; the
freezing tests failed there (the guards that unpublished reviewers stay editable passed).
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from medinfo import workflow
from medinfo.models import Reviewer
from tests.admin_forms import form_data
from tests.factories import draft_article, editor_user, reviewer_user
from tests.public_site import publish

pytestmark = pytest.mark.django_db


def published_reviewer():
    user = reviewer_user(display_name="Kristi Monson", slug="kristi-monson")
    publish(reviewer=user)
    return user.reviewer_profile


def change_url(reviewer):
    return reverse("admin:medinfo_reviewer_change", args=[reviewer.pk])


def test_published_reviewers_slug_is_read_only_in_the_admin(admin_client):
    """The change form shows the slug as text, and a posted new slug changes nothing."""
    reviewer = published_reviewer()
    response = admin_client.get(change_url(reviewer))
    assert 'name="slug"' not in response.text
    data = {**form_data(response), "slug": "kristi-m", "display_name": "Kristi M."}
    assert admin_client.post(change_url(reviewer), data).status_code == 302
    reviewer.refresh_from_db()
    assert (reviewer.display_name, reviewer.slug) == ("Kristi M.", "kristi-monson")
    assert Client().get("/reviewers/kristi-monson/").status_code == 200


def test_changing_a_published_reviewers_slug_is_refused_by_validation():
    """Past the admin, model validation refuses the new slug and says why."""
    reviewer = published_reviewer()
    reviewer.slug = "kristi-m"
    with pytest.raises(ValidationError) as refused:
        reviewer.full_clean()
    assert "/reviewers/kristi-monson/" in refused.value.message_dict["slug"][0]


def test_slug_stays_editable_before_any_publication(admin_client):
    """A reviewer who only sent revisions back, or decided nothing, can still be renamed."""
    editor = editor_user()
    article = draft_article(author=editor)
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    user = reviewer_user(slug="pat")
    workflow.request_changes(revision=revision, reviewer_user=user, comment="Fix it.")
    reviewer = user.reviewer_profile
    response = admin_client.get(change_url(reviewer))
    assert 'name="slug"' in response.text
    reviewer.slug = "pat-new"
    reviewer.full_clean()
    reviewer.save()
    assert Reviewer.objects.get(pk=reviewer.pk).slug == "pat-new"
