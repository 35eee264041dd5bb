"""An article's kind decides its subject: one drug, one condition, either, or neither.

Old code: ``POST /admin/medinfo/article/add/`` with kind “side effects”, a drug and a
condition was accepted, and the drug article was then listed on the condition's page;
the model, the workflow and the database constraint only asked for the drug.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from medinfo import workflow
from medinfo.models import Article, ArticleKind
from medinfo.models.article import CONDITION_KINDS, DRUG_KINDS
from tests.admin_forms import ARTICLE_ADD_URL, article_form, logged_in, page_text
from tests.factories import ConditionFactory, DrugFactory, editor_user

pytestmark = pytest.mark.django_db

BOTH, DRUG, CONDITION, NEITHER = "both", "drug", "condition", "neither"
ALLOWED = {
    **{kind: {DRUG} for kind in DRUG_KINDS},
    **{kind: {CONDITION} for kind in CONDITION_KINDS},
    ArticleKind.OVERVIEW: {DRUG, CONDITION},
    ArticleKind.GENERAL: {DRUG, CONDITION},
    ArticleKind.SITE_PAGE: {NEITHER},
}
TABLE = [
    pytest.param(kind, subjects, subjects in ALLOWED[kind], id=f"{kind}-{subjects}")
    for kind in ArticleKind.values
    for subjects in (BOTH, DRUG, CONDITION, NEITHER)
]


def subjects_of(subjects):
    drug = DrugFactory() if subjects in (BOTH, DRUG) else None
    condition = ConditionFactory() if subjects in (BOTH, CONDITION) else None
    return drug, condition


def test_every_kind_is_in_the_table():
    """The table below covers every kind (a new kind must say which subject it takes)."""
    assert set(ALLOWED) == set(ArticleKind.values)


@pytest.mark.parametrize("kind,subjects,allowed", TABLE)
def test_the_workflow_creates_only_articles_with_their_kinds_subject(kind, subjects, allowed):
    """``create_article`` (model ``full_clean``) refuses a subject the kind rules out."""
    drug, condition = subjects_of(subjects)
    create = lambda: workflow.create_article(  # noqa: E731
        author=editor_user(), kind=kind, slug="an-article", drug=drug, condition=condition,
        title="A title", lead="A lead.",
    )  # fmt: skip
    if allowed:
        create()
    else:
        with pytest.raises(ValidationError):
            create()
        assert not Article.objects.exists()


@pytest.mark.parametrize("kind,subjects,allowed", TABLE)
def test_the_database_holds_the_rule(kind, subjects, allowed):
    """A save that skips validation is refused by the check constraint."""
    drug, condition = subjects_of(subjects)
    article = Article(kind=kind, slug="an-article", drug=drug, condition=condition)
    if allowed:
        article.save()
        return
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


@pytest.mark.parametrize("kind", [*DRUG_KINDS, ArticleKind.OVERVIEW, ArticleKind.GENERAL], ids=str)
def test_the_admin_add_form_refuses_a_drug_article_with_a_condition(kind):
    """The tester's post (kind=side-effects, drug=2, condition=1) re-shows the form with
    the reason; no article is stored."""
    drug, condition = subjects_of(BOTH)
    form = article_form(drug=drug, title="A title", lead="A lead.", _continue="1")
    form.update(kind=kind, condition=condition.pk, slug="an-article")
    response = logged_in(editor_user()).post(ARTICLE_ADD_URL, form)
    assert response.status_code == 200
    assert "leave the condition empty" in page_text(response) or "not both" in page_text(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize("kind", CONDITION_KINDS, ids=str)
def test_the_admin_add_form_refuses_a_condition_article_with_a_drug(kind):
    """A symptoms or treatment article given a drug too is refused, naming the drug."""
    drug, condition = subjects_of(BOTH)
    form = article_form(drug=drug, title="A title", lead="A lead.", _continue="1")
    form.update(kind=kind, condition=condition.pk, slug="an-article")
    response = logged_in(editor_user()).post(ARTICLE_ADD_URL, form)
    assert response.status_code == 200
    assert "leave the drug empty" in page_text(response)
    assert not Article.objects.exists()
