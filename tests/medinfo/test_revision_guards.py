"""The database itself refuses to change submitted revisions or to delete them and review events.

Before migration 0009 these rules lived in ``ArticleRevision.save`` only, so
``update()``, ``bulk_update()`` and raw SQL changed approved, live text, and an
expression stored hostile markup past the sanitiser. Tests whose docstring says
"Failed on the old code" were run against commit 2d77638 and failed there; the
others guard what must keep working.
"""

import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from medinfo import workflow
from medinfo.models import ArticleRevision, ImmutableRevisionError, ReviewEvent, RevisionStatus
from medinfo.preview import preview_url
from tests.factories import (
    DEFAULT_SOURCE,
    draft_article,
    editor_user,
    published_article,
    reviewer_user,
)
from tests.hostile import HOSTILE, harm_in

XSS = '<script>alert("guard")</script><img src=x onerror=alert(1)>'
# Stated here rather than imported from medinfo.guards: dropping a guard must fail a test.
GUARDS = {
    "sqlite": {
        "medinfo_guard_revision_content", "medinfo_guard_revision_status",
        "medinfo_guard_revision_decision", "medinfo_guard_revision_delete",
        "medinfo_guard_reviewevent_update", "medinfo_guard_reviewevent_delete",
        "medinfo_guard_comment_update", "medinfo_guard_comment_delete",
        "medinfo_guard_commentevent_update", "medinfo_guard_commentevent_delete",
    },
    "postgresql": {
        "medinfo_guard_revision_update", "medinfo_guard_revision_delete",
        "medinfo_guard_revision_truncate", "medinfo_guard_reviewevent_change",
        "medinfo_guard_reviewevent_truncate", "medinfo_guard_comment_update",
        "medinfo_guard_comment_delete", "medinfo_guard_comment_truncate",
        "medinfo_guard_commentevent_change", "medinfo_guard_commentevent_truncate",
    },
}  # fmt: skip


def guard_names():
    """The names of the guard triggers the test database holds."""
    if connection.vendor == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE tgname::text LIKE 'medinfo\\_guard\\_%%'"
    else:
        query = (
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'medinfo_guard_*'"
        )
    with connection.cursor() as cursor:
        cursor.execute(query, [])
        return {name for (name,) in cursor.fetchall()}


def row(model, pk):
    """Every stored column of one row, or None once it is gone."""
    return model._base_manager.filter(pk=pk).values().first()


def assert_refused(write, model, pk):
    """``write`` fails with the guard's error and leaves the row exactly as it was."""
    before = row(model, pk)
    assert before is not None
    with pytest.raises(IntegrityError, match="medinfo guard"), transaction.atomic():
        write()
    assert row(model, pk) == before


def raw_sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def site():
    """A live article (approved revision 1) with revision 2 in review, plus an eventless approved one."""
    editor = editor_user()
    article = published_article(author=editor)
    in_review = workflow.start_revision(article=article, author=editor)
    in_review = workflow.submit_revision(revision=in_review, submitter=editor)
    # An approved revision nothing refers to, so Django's PROTECT checks let a delete reach the database.
    orphan = ArticleRevision.objects.create(
        article=article, number=9, status=RevisionStatus.APPROVED, title="Old", lead="Old lead.",
        author=editor, reviewer=article.live_revision.reviewer, reviewed_at=timezone.now(),
        submitted_at=timezone.now(), reviewer_name="Kristi Monson", reviewer_credentials="PharmD",
    )  # fmt: skip
    return SimpleNamespace(
        live=article.live_revision,
        in_review=in_review,
        orphan=orphan,
        event=ReviewEvent.objects.filter(revision=article.live_revision).first(),
    )


def save_past_the_python_check(revision):
    revision.body = "<p>Unapproved.</p>"
    models.Model.save(revision)  # what a save() override that forgot the check would do


def set_body_by_expression(revision):
    ArticleRevision.objects.filter(pk=revision.pk).update(body=Concat(F("body"), Value(XSS)))


def bulk_update_lead(revision):
    revision.lead = "A lead nobody approved."
    ArticleRevision.objects.bulk_update([revision], ["lead"])


def update(**values):
    return lambda revision: type(revision).objects.filter(pk=revision.pk).update(**values)


REVISION_WRITES = [
    pytest.param("live", save_past_the_python_check, id="model-save-skipping-the-check"),
    pytest.param("live", update(title="A title nobody approved"), id="update-plain-value"),
    pytest.param("live", set_body_by_expression, id="update-expression-xss"),
    pytest.param("live", update(facts={"drug": {"name": "other"}}), id="update-facts"),
    pytest.param("live", update(references=[{"title": "Unapproved"}]), id="update-references"),
    pytest.param("live", update(number=F("number") + 100), id="update-number"),
    pytest.param("live", bulk_update_lead, id="bulk-update"),
    pytest.param(
        "live",
        lambda revision: raw_sql(
            "UPDATE medinfo_articlerevision SET body = %s WHERE id = %s", XSS, revision.pk
        ),
        id="raw-sql-update",
    ),
    pytest.param("live", update(status=RevisionStatus.DRAFT), id="approved-back-to-draft"),
    pytest.param("in_review", update(status=RevisionStatus.DRAFT), id="in-review-back-to-draft"),
    pytest.param("in_review", update(body=XSS), id="in-review-body"),
    pytest.param("in_review", update(decision_comment="Early."), id="in-review-comment-alone"),
    pytest.param("orphan", update(reviewer_name="Someone Else"), id="rewrite-byline"),
    pytest.param("live", update(decision_comment="Rewritten."), id="rewrite-decision-comment"),
    pytest.param("live", update(reviewed_at=timezone.now()), id="rewrite-review-date"),
    pytest.param("live", update(submitted_at=timezone.now()), id="rewrite-submission-date"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("target", "write"), REVISION_WRITES)
def test_database_refuses_changing_a_submitted_revision(site, target, write):
    """Failed on the old code: every write path changed submitted text, facts, status or byline."""
    revision = getattr(site, target)
    assert_refused(lambda: write(revision), ArticleRevision, revision.pk)


def delete_by_queryset(revision):
    ArticleRevision.objects.filter(pk=revision.pk).delete()


def delete_by_sql(revision):
    raw_sql("DELETE FROM medinfo_articlerevision WHERE id = %s", revision.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("target", "delete"),
    [
        pytest.param("orphan", delete_by_queryset, id="queryset-delete-approved"),
        pytest.param("live", delete_by_sql, id="raw-sql-delete-live"),
        pytest.param("in_review", delete_by_sql, id="raw-sql-delete-in-review"),
    ],
)
def test_database_refuses_deleting_a_submitted_revision(site, target, delete):
    """Failed on the old code: approved and submitted revisions could be deleted."""
    revision = getattr(site, target)
    assert_refused(lambda: delete(revision), ArticleRevision, revision.pk)


def bulk_update_event(event):
    event.comment = "Rewritten history."
    ReviewEvent.objects.bulk_update([event], ["comment"])


EVENT_WRITES = [
    pytest.param(
        lambda event: ReviewEvent.objects.filter(pk=event.pk).update(comment="x"), id="update"
    ),
    pytest.param(
        lambda event: ReviewEvent.objects.filter(pk=event.pk).update(
            comment=Concat(F("comment"), Value("!"))
        ),
        id="update-expression",
    ),
    pytest.param(bulk_update_event, id="bulk-update"),
    pytest.param(
        lambda event: raw_sql(
            "UPDATE medinfo_reviewevent SET to_state = %s WHERE id = %s", "draft", event.pk
        ),
        id="raw-sql-update",
    ),
    pytest.param(lambda event: ReviewEvent.objects.filter(pk=event.pk).delete(), id="delete"),
    pytest.param(
        lambda event: raw_sql("DELETE FROM medinfo_reviewevent WHERE id = %s", event.pk),
        id="raw-sql-delete",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("write", EVENT_WRITES)
def test_database_refuses_changing_or_deleting_a_review_event(site, write):
    """Failed on the old code: the append-only log could be rewritten or emptied."""
    assert_refused(lambda: write(site.event), ReviewEvent, site.event.pk)


@pytest.mark.django_db
@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.parametrize("table", ["medinfo_articlerevision", "medinfo_reviewevent"])
def test_postgres_refuses_truncating_revisions_or_events(site, table):
    """Failed on the old code: TRUNCATE emptied the review log and every revision."""
    raw_sql("SET CONSTRAINTS ALL IMMEDIATE")  # PostgreSQL will not truncate with checks pending
    assert_refused(lambda: raw_sql(f"TRUNCATE {table} CASCADE"), ReviewEvent, site.event.pk)


@pytest.mark.django_db
def test_model_save_still_refuses_before_the_database(site):
    """ArticleRevision.save keeps its own clear error; the trigger is the last line of defence."""
    site.live.title = "Changed"
    with pytest.raises(ImmutableRevisionError):
        site.live.save()


@pytest.mark.django_db
def test_workflow_transitions_still_work(site):
    """Submitting, approving and requesting changes pass the guards, with a full review log."""
    reviewer = reviewer_user()
    approved = workflow.approve_revision(revision=site.in_review, reviewer_user=reviewer)
    editor = approved.author
    draft = workflow.start_revision(article=approved.article, author=editor)
    draft = workflow.save_draft(revision=draft, editor=editor, expected_version=draft.version,
                                title="T", lead="L", body="<p>B</p>",
                                references=[DEFAULT_SOURCE])  # fmt: skip
    submitted = workflow.submit_revision(revision=draft, submitter=editor)
    workflow.request_changes(revision=submitted, reviewer_user=reviewer, comment="Cite it.")
    assert row(ArticleRevision, approved.pk)["status"] == RevisionStatus.APPROVED
    assert row(ArticleRevision, submitted.pk)["status"] == RevisionStatus.CHANGES_REQUESTED
    assert ReviewEvent.objects.filter(article=approved.article).count() >= 7


@pytest.mark.django_db
def test_decision_may_write_reviewer_and_byline_in_the_same_update(site):
    """The UPDATE that records a decision may set reviewer, date, comment and byline at once."""
    reviewer = reviewer_user(display_name="Ana Ruiz").reviewer_profile
    ArticleRevision.objects.filter(pk=site.in_review.pk).update(
        status=RevisionStatus.APPROVED, reviewer=reviewer, reviewed_at=timezone.now(),
        decision_comment="Fine.", reviewer_name="Ana Ruiz", reviewer_credentials="PharmD",
    )  # fmt: skip
    assert row(ArticleRevision, site.in_review.pk)["reviewer_name"] == "Ana Ruiz"


@pytest.mark.django_db
def test_search_columns_of_an_approved_revision_may_be_rewritten(site):
    """Search indexing writes the derived columns of live revisions."""
    ArticleRevision.objects.filter(pk=site.live.pk).update(
        search_names="milnacipran savella", search_text="reindexed", search_vector=None
    )
    assert row(ArticleRevision, site.live.pk)["search_text"] == "reindexed"


@pytest.mark.django_db
def test_an_empty_byline_from_an_older_decision_may_be_filled_once(site):
    """Decisions made before bylines were frozen get theirs once (migration 0010), then never again."""
    legacy = ArticleRevision.objects.create(
        article=site.live.article, number=10, status=RevisionStatus.APPROVED, title="T", lead="L",
        author=site.live.author, reviewer=site.live.reviewer, reviewed_at=timezone.now(),
    )  # fmt: skip
    update(reviewer_name="Kristi Monson", reviewer_credentials="PharmD")(legacy)
    assert row(ArticleRevision, legacy.pk)["reviewer_name"] == "Kristi Monson"
    assert_refused(lambda: update(reviewer_name="Someone Else")(legacy), ArticleRevision, legacy.pk)


@pytest.mark.django_db
def test_a_draft_may_change_any_way_and_be_deleted():
    """Drafts are not guarded: expression updates, status to in review, deletion."""
    article = published_article()  # no open revision, so a second draft may be added
    draft = ArticleRevision.objects.create(
        article=article, number=5, title="T", lead="L", author=editor_user()
    )
    set_body_by_expression(draft)
    assert XSS in row(ArticleRevision, draft.pk)["body"]
    draft.delete()
    assert row(ArticleRevision, draft.pk) is None


@pytest.mark.django_db
def test_every_guard_is_installed_after_migrating():
    """Failed on the old code. Also fails if a later migration rebuilds a table without them."""
    assert guard_names() == GUARDS[connection.vendor]


@pytest.mark.django_db
def test_migration_reverse_drops_every_guard_and_forward_restores_them(site):
    """Failed on the old code (nothing to drop). Reversing 0009 lets raw SQL through again."""
    migration = importlib.import_module("medinfo.migrations.0009_revision_guards").Migration
    (operation,) = migration.operations
    schema_editor = SimpleNamespace(connection=connection)
    operation.reverse_code(None, schema_editor)
    assert guard_names() == set()
    operation.code(None, schema_editor)
    assert guard_names() == GUARDS[connection.vendor]
    assert_refused(lambda: delete_by_sql(site.live), ArticleRevision, site.live.pk)


@pytest.mark.django_db
def test_admin_offers_no_path_to_the_guards(admin_client, site):
    """Deleting or editing revisions and events in the admin is 403, never a trigger's 500."""
    urls = [
        f"/admin/medinfo/articlerevision/{site.live.pk}/delete/",
        f"/admin/medinfo/articlerevision/{site.live.pk}/change/",
        f"/admin/medinfo/reviewevent/{site.event.pk}/delete/",
        f"/admin/medinfo/reviewevent/{site.event.pk}/change/",
    ]
    for url in urls:
        assert admin_client.post(url, {"post": "yes", "comment": "x"}).status_code == 403, url
    assert row(ArticleRevision, site.live.pk) and row(ReviewEvent, site.event.pk)


# Flushing: pytest-django empties the database after each transactional test with
# ``manage.py flush``; these tests run it themselves and are flushed afterwards too.


@pytest.mark.django_db(transaction=True)
def test_flush_empties_approved_revisions_and_events_and_keeps_the_guards():
    """Failed on the old code (no guards to keep); without the flush override it fails here."""
    published_article()
    call_command("flush", interactive=False, verbosity=0)
    assert not ArticleRevision.objects.exists() and not ReviewEvent.objects.exists()
    assert guard_names() == GUARDS[connection.vendor]
    live = published_article().live_revision
    assert_refused(lambda: delete_by_sql(live), ArticleRevision, live.pk)


@pytest.mark.django_db(transaction=True)
def test_restore_replace_over_approved_revisions_keeps_the_guards(tmp_path):
    """Failed on the old code (no guards). restore --replace swaps whole tables, firing no trigger."""
    live = published_article().live_revision
    call_command("backup", str(tmp_path / "backup"), stdout=StringIO())
    published_article(slug="second")  # replaced by the restore
    call_command("restore", str(tmp_path / "backup"), "--replace", stdout=StringIO())
    assert list(ArticleRevision.objects.values_list("pk", flat=True)) == [live.pk]
    assert guard_names() == GUARDS[connection.vendor]
    assert_refused(lambda: delete_by_sql(live), ArticleRevision, live.pk)


# Rich text is sanitised again on output: a body stored raw (by an expression on a
# draft, or by any path that skipped the model field) never reaches a page raw.


def prose_of(response):
    assert response.status_code == 200
    return response.content.decode().split('<div class="prose">', 1)[1].split("</div>", 1)[0]


def store_raw_body(article, body):
    """Write ``body`` to the draft through an expression, which skips the field's sanitiser."""
    drafts = ArticleRevision.objects.filter(pk=article.latest_revision_id)
    drafts.update(body=Concat(Value("<p>Take with food.</p>"), Value(body)))
    return drafts.get()


@pytest.mark.django_db
def test_raw_draft_body_is_sanitised_in_the_staff_preview(client):
    """Failed on the old code: the preview printed the raw <script> stored by an expression."""
    editor = editor_user()
    draft = store_raw_body(draft_article(author=editor), XSS)
    assert "<script>" in draft.body  # stored raw: drafts are not guarded
    client.force_login(editor)
    prose = prose_of(client.get(preview_url(draft)))
    assert prose.startswith("<p>Take with food.</p>") and harm_in(prose) == []


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_body_stored_by_expression_reaches_no_page_raw(client, hostile):
    """Failed on the old code for most vectors: preview and public page printed them raw."""
    editor = editor_user()
    article = draft_article(author=editor)
    draft = store_raw_body(article, hostile)
    client.force_login(editor)
    assert harm_in(prose_of(client.get(preview_url(draft)))) == []
    workflow.submit_revision(revision=draft, submitter=editor)
    workflow.approve_revision(revision=draft, reviewer_user=reviewer_user())
    client.logout()
    assert harm_in(prose_of(client.get(article.get_absolute_url()))) == []
