"""Every article cites its sources (#12): no path submits or approves a revision without one.

Old code: an editor posting the article form with ``references-TOTAL_FORMS=0`` got a
draft citing nothing, submitted it, a reviewer approved it and the page went live with
no "Sources"; ``submit_revision`` and ``approve_revision`` checked nothing.
"""

import pytest

from medinfo import references, workflow
from medinfo.models import Article, ArticleKind, RevisionStatus
from tests.admin_forms import (
    ARTICLE_ADD_URL,
    article_form,
    logged_in,
    management,
    page_text,
    post_article_form,
    review_url,
)
from tests.factories import draft_article, editor_user, milnacipran, reviewer_user

pytestmark = pytest.mark.django_db

NO_ROWS = management("references", total=0)


def submit_in_workflow(editor, article):
    workflow.submit_revision(revision=article.latest_revision, submitter=editor)


def submit_in_change_form(editor, article):
    response = post_article_form(editor, article, button="_submit", **NO_ROWS)
    assert response.status_code == 200  # the form again, with the reason
    raise workflow.WorkflowError(page_text(response))


def submit_in_add_form(editor, article):
    form = article_form(drug=article.drug, title="Dosage", lead="A lead.", _submit="1")
    data = {**form, "kind": ArticleKind.DOSAGE, "slug": "dosage", **NO_ROWS}
    response = logged_in(editor).post(ARTICLE_ADD_URL, data)
    assert response.status_code == 200
    assert not Article.objects.filter(slug="dosage").exists()
    raise workflow.WorkflowError(page_text(response))


@pytest.mark.parametrize("submit", [submit_in_workflow, submit_in_change_form, submit_in_add_form])
def test_a_revision_without_sources_cannot_be_submitted(submit):
    """Every submit path refuses a revision citing nothing, saying to add a source."""
    editor = editor_user()
    article = draft_article(author=editor, drug=milnacipran(), references=[])
    with pytest.raises(workflow.WorkflowError, match="cites no sources"):
        submit(editor, article)
    assert Article.objects.get(pk=article.pk).latest_revision.status == RevisionStatus.DRAFT


def test_a_site_page_needs_no_sources():
    """About, Editorial policy … state no medical facts: they are submitted without sources."""
    editor = editor_user()
    page = workflow.create_article(
        author=editor, kind=ArticleKind.SITE_PAGE, slug="about-us", title="About", lead="Us."
    )
    submitted = workflow.submit_revision(revision=page.latest_revision, submitter=editor)
    assert submitted.status == RevisionStatus.IN_REVIEW


@pytest.fixture
def uncited_in_review(monkeypatch):
    """A revision in review citing nothing, as one submitted before the rule was."""
    editor = editor_user()
    article = draft_article(author=editor, drug=milnacipran(), references=[])
    with monkeypatch.context() as patch:
        patch.setattr(references, "missing_sources", lambda **kwargs: "")
        return workflow.submit_revision(revision=article.latest_revision, submitter=editor)


def approve_in_workflow(reviewer, revision):
    workflow.approve_revision(revision=revision, reviewer_user=reviewer)


def approve_on_review_screen(reviewer, revision):
    response = logged_in(reviewer).post(review_url(revision), {"comment": "", "_approve": "1"})
    raise workflow.WorkflowError(page_text(response))


@pytest.mark.parametrize("approve", [approve_in_workflow, approve_on_review_screen])
def test_a_revision_without_sources_cannot_be_approved(uncited_in_review, approve):
    """Approval refuses a revision citing nothing (one submitted before the rule); the
    article stays off the site."""
    with pytest.raises(workflow.WorkflowError, match="cites no sources"):
        approve(reviewer_user(), uncited_in_review)
    uncited_in_review.refresh_from_db()
    assert uncited_in_review.status == RevisionStatus.IN_REVIEW
    assert not Article.objects.live().exists()
