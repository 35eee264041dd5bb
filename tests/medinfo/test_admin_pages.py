"""Every admin page answers, and changelists cost fixed queries."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ads.models import AdsTxtRecord
from conditions.models import Condition, ConditionSymptom, Symptom
from drugs.models import BrandName, Drug, DrugClass, Use
from medinfo.models import Article, ArticleRevision, Reviewer, ReviewEvent, RevisionStatus
from tests.factories import ReviewerFactory
from tests.task_results import failed_task_results

pytestmark = pytest.mark.django_db

REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_changelist_add_and_change_pages_answer(admin_client, one_of_everything, model):
    """A superuser can open the list, the add form (where adding exists) and a change page."""
    changelist = admin_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count >= 1
    model_admin = admin.site._registry[model]
    if model_admin.has_add_permission(changelist.wsgi_request):
        assert admin_client.get(admin_url(model, "add")).status_code == 200
    first = model._default_manager.first()
    assert admin_client.get(admin_url(model, "change", first.pk)).status_code == 200


AUDIT_MODELS = [ArticleRevision, ReviewEvent, DBTaskResult]
AUDIT_IDS = ["revision", "event", "task result"]


@pytest.mark.parametrize("model", AUDIT_MODELS, ids=AUDIT_IDS)
def test_audit_models_have_no_add_page(admin_client, model):
    """Revisions, review events and task results cannot be added by hand, not even by a superuser."""
    assert admin_client.get(admin_url(model, "add")).status_code == 403


@pytest.mark.parametrize("model", AUDIT_MODELS, ids=AUDIT_IDS)
def test_audit_change_page_is_view_only(admin_client, one_of_everything, model):
    """A revision, review event or task result opens as a read-only page without a save button."""
    response = admin_client.get(admin_url(model, "change", model.objects.first().pk))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


def test_review_page_answers_for_superuser(admin_client, one_of_everything):
    """The review screen shows the revision's title to a superuser."""
    revision = one_of_everything.live_revision
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert revision.title in response.content.decode()


def test_unpublish_is_forbidden_to_superuser_without_reviewer_profile(
    admin_client, one_of_everything
):
    """Only a pharmacist reviewer may unpublish: a superuser without a profile gets 403."""
    url = reverse("admin:medinfo_article_unpublish", args=[one_of_everything.pk])
    assert admin_client.get(url).status_code == 403


def test_unpublish_page_answers_for_superuser_with_reviewer_profile(
    admin_client, superuser, one_of_everything
):
    """A superuser with an active reviewer profile is asked for the reason to unpublish."""
    ReviewerFactory(user=superuser)
    url = reverse("admin:medinfo_article_unpublish", args=[one_of_everything.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()


# Changelist query counts: building rows in bulk skips signals, which these pages do not need.


def add_drugs(numbers):
    """One drug per number, each with its own class and brand name."""
    classes = DrugClass.objects.bulk_create(
        DrugClass(name=f"class {n}", abbreviation=f"C{n}", slug=f"class-{n}") for n in numbers
    )
    drugs = Drug.objects.bulk_create(
        Drug(generic_name=f"drug{n}", slug=f"drug-{n}", drug_class=drug_class)
        for n, drug_class in zip(numbers, classes, strict=True)
    )
    BrandName.objects.bulk_create(
        BrandName(drug=drug, name=f"Brand{n}", slug=f"brand-{n}", mark="®")
        for n, drug in zip(numbers, drugs, strict=True)
    )
    return drugs


def add_conditions(numbers):
    """One condition per number, each listing its own symptom."""
    conditions = Condition.objects.bulk_create(
        Condition(name=f"condition {n}", slug=f"condition-{n}", definition="A test disorder.")
        for n in numbers
    )
    symptoms = Symptom.objects.bulk_create(Symptom(name=f"Symptom {n}") for n in numbers)
    ConditionSymptom.objects.bulk_create(
        ConditionSymptom(condition=condition, symptom=symptom)
        for condition, symptom in zip(conditions, symptoms, strict=True)
    )
    return conditions


def add_uses(numbers):
    pairs = zip(add_drugs(numbers), add_conditions(numbers), strict=True)
    Use.objects.bulk_create(Use(drug=drug, condition=condition) for drug, condition in pairs)


def add_users(numbers, prefix):
    return get_user_model().objects.bulk_create(
        get_user_model()(username=f"{prefix}{n}", is_staff=True) for n in numbers
    )


def add_reviewers(numbers):
    users = add_users(numbers, "reviewer")
    return Reviewer.objects.bulk_create(
        Reviewer(
            user=user,
            display_name=f"Reviewer {n}",
            slug=f"reviewer-{n}",
            credentials="PharmD",
            licence_number=f"RPH-{n}",
            licence_jurisdiction="Ohio, USA",
        )
        for n, user in zip(numbers, users, strict=True)
    )


def add_articles(numbers):
    """Articles about distinct drugs: even ones published, odd ones drafts; one event each."""
    articles = Article.objects.bulk_create(
        Article(kind="uses", slug="uses", drug=drug) for drug in add_drugs(numbers)
    )
    rows = zip(numbers, articles, add_users(numbers, "author"), add_reviewers(numbers), strict=True)
    revisions = ArticleRevision.objects.bulk_create(
        first_revision(n, article, author, reviewer) for n, article, author, reviewer in rows
    )
    for article, revision in zip(articles, revisions, strict=True):
        article.latest_revision = revision
        article.live_revision = revision if revision.status == RevisionStatus.APPROVED else None
    Article.objects.bulk_update(articles, ["latest_revision", "live_revision"])
    ReviewEvent.objects.bulk_create(
        ReviewEvent(
            article=revision.article,
            revision=revision,
            actor=revision.author,
            to_state=revision.status,
        )
        for revision in revisions
    )


def first_revision(number, article, author, reviewer):
    revision = ArticleRevision(
        article=article, number=1, title=f"Article {number}", lead="Lead.", author=author
    )
    if number % 2 == 0:
        revision.status, revision.reviewer = RevisionStatus.APPROVED, reviewer
        revision.submitted_at = revision.reviewed_at = timezone.now()
    return revision


def add_ads_txt_records(numbers):
    AdsTxtRecord.objects.bulk_create(
        AdsTxtRecord(
            ad_system_domain=f"exchange{n}.example",
            publisher_account_id=f"pub-{n}",
            relationship="DIRECT",
        )
        for n in numbers
    )


ROW_BUILDERS = {
    Drug: add_drugs,
    BrandName: add_drugs,
    Use: add_uses,
    DrugClass: add_drugs,
    Condition: add_conditions,
    Symptom: add_conditions,
    ConditionSymptom: add_conditions,
    Reviewer: add_reviewers,
    Article: add_articles,
    ArticleRevision: add_articles,
    ReviewEvent: add_articles,
    AdsTxtRecord: add_ads_txt_records,
    DBTaskResult: failed_task_results,
}


def count_changelist_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


@pytest.mark.parametrize("model", ROW_BUILDERS, ids=lambda model: model._meta.label)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    """A changelist of 200 rows needs exactly the queries of one with 3 rows."""
    url = admin_url(model, "changelist")
    ROW_BUILDERS[model](range(3))
    admin_client.get(url)  # Warm per-process caches so both measurements compare like for like.
    few_queries, few_rows = count_changelist_queries(admin_client, url)
    ROW_BUILDERS[model](range(3, 200))
    many_queries, many_rows = count_changelist_queries(admin_client, url)
    assert (few_rows, many_rows) == (3, 200)
    assert many_queries == few_queries
