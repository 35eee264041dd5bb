"""Four eyes: nobody approves text or facts they changed since the last approved revision.

Issue #10 items 1 and 2. Every way a person can put words or facts into a revision
is a row of ``CONTRIBUTIONS``; for each, that person is refused (by the service
and on the review screen) and another pharmacist may approve. Issue #12 added the
facts of each use (age, population, evidence) and of each brand (status, uses).
"""

import pytest
from django.urls import reverse

from conditions.models import Condition
from drugs.models import BrandName, Drug, Use
from medinfo import notifications, workflow
from medinfo.models import Article, RevisionStatus
from medinfo.roles import EDITORS
from tests.admin_forms import (
    add_reference_in_admin,
    brand_deleted,
    brand_discontinued,
    brand_discontinued_year,
    brand_inline,
    brand_sold_for,
    condition_definition,
    drug_class,
    drug_field,
    fibromyalgia,
    inline_rows,
    logged_in,
    page_text,
    post_change,
    review_url,
    symptom_name,
    symptom_note,
    use_evidence_level,
    use_inline,
    use_minimum_age,
    use_population,
)
from tests.factories import (
    DEFAULT_SOURCE,
    ConditionFactory,
    DrugFactory,
    UseFactory,
    change_form_data,
    editor_and_reviewer,
    editor_user,
    fact_editing_reviewer,
    grant_fact_editing,
    milnacipran,
    published_article,
    reviewer_user,
    revise,
)

# The add form's one source row (every submitted revision cites one, #12).
CITED = inline_rows("references", [{**DEFAULT_SOURCE, "ORDER": "1"}])

pytestmark = pytest.mark.django_db

FOUR_EYES = "another pharmacist must review it (four eyes)"


# Helpers ---------------------------------------------------------------------------


def decide(user, revision, button="_approve"):
    """Press a decision button on the review screen as ``user``."""
    return logged_in(user).post(review_url(revision), {"comment": "Checked.", button: "1"})


def assert_in_review(revision):
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW
    assert revision.article.live_revision_id != revision.pk


def assert_refused(person, revision):
    """``person`` is refused by the service and on the review screen; nothing changes."""
    with pytest.raises(workflow.WorkflowError, match=r"four eyes"):
        workflow.approve_revision(revision=revision, reviewer_user=person)
    response = decide(person, revision)
    assert response.status_code == 200
    assert FOUR_EYES in page_text(response)
    assert_in_review(revision)


def assert_approved_by_someone_else(revision):
    response = decide(reviewer_user(), revision)
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.article.live_revision_id == revision.pk


@pytest.fixture
def article():
    """/drugs/milnacipran/uses/, written by an editor and approved by a pharmacist."""
    return published_article(drug=milnacipran())


# Every way a person contributes to a revision --------------------------------------


def wrote_the_draft(person, article):
    return revise(article, author=person, saver=editor_user(), submitter=editor_user())


def saved_the_draft(person, article):
    return revise(article, author=editor_user(), saver=person, submitter=editor_user())


def submitted_the_draft(person, article):
    editor = editor_user()
    return revise(article, author=editor, saver=editor, submitter=person)


def wrote_an_earlier_unapproved_revision(person, article):
    sent_back = revise(article, author=person)
    workflow.request_changes(revision=sent_back, reviewer_user=reviewer_user(), comment="No.")
    return revise(article, author=editor_user())


def wrote_two_unapproved_revisions_back(person, article):
    for author in (person, editor_user()):
        sent_back = revise(article, author=author)
        workflow.request_changes(revision=sent_back, reviewer_user=reviewer_user(), comment="No.")
    return revise(article, author=editor_user())


def edited_the_references(person, article):
    """Adds a source in the article form (nothing else), then an editor submits the draft."""
    add_reference_in_admin(person, article)
    return workflow.submit_revision(
        revision=Article.objects.get(pk=article.pk).latest_revision, submitter=editor_user()
    )


def edited_references_of_an_earlier_unapproved_revision(person, article):
    add_reference_in_admin(person, article)
    sent_back = workflow.submit_revision(
        revision=Article.objects.get(pk=article.pk).latest_revision, submitter=editor_user()
    )
    workflow.request_changes(revision=sent_back, reviewer_user=reviewer_user(), comment="No.")
    return revise(article, author=editor_user())


def after_fact_edit(edit):
    """A contribution: ``edit`` facts in the admin, then an editor submits a wording change."""

    def contribute(person, article):
        grant_fact_editing(person)  # reviewers edit facts only when an administrator allows it
        edit(person, article)
        return revise(article, author=editor_user())

    contribute.__name__ = edit.__name__
    return contribute


TEXT_CONTRIBUTIONS = [
    wrote_the_draft,
    saved_the_draft,
    submitted_the_draft,
    wrote_an_earlier_unapproved_revision,
    wrote_two_unapproved_revisions_back,
    edited_the_references,
    edited_references_of_an_earlier_unapproved_revision,
]
CONTRIBUTIONS = [
    *TEXT_CONTRIBUTIONS,
    *map(
        after_fact_edit,
        [
            drug_field,
            brand_inline,
            brand_deleted,
            brand_discontinued,
            brand_discontinued_year,
            brand_sold_for,
            use_inline,
            use_minimum_age,
            use_population,
            use_evidence_level,
            drug_class,
            condition_definition,
            symptom_note,
            symptom_name,
        ],
    ),
]


@pytest.mark.parametrize("contribute", CONTRIBUTIONS, ids=lambda f: f.__name__)
def test_nobody_approves_their_own_contribution(article, contribute):
    """Whoever contributed text or facts is refused; another pharmacist approves the same revision."""
    # Writing articles takes the Editors group (#13 item 6): a pharmacist who writes holds both.
    person = editor_and_reviewer() if contribute in TEXT_CONTRIBUTIONS else reviewer_user()
    revision = contribute(person, article)
    assert_refused(person, revision)
    assert_approved_by_someone_else(revision)


# Item 1: text carried into a new revision carries its contributors ------------------


def test_reviewer_cannot_approve_their_words_carried_into_an_editors_revision():
    """Issue #10 item 1 through the services; failed on the old code (the approval went through)."""
    article = published_article(drug=milnacipran())
    writer = editor_and_reviewer()
    first = revise(article, author=writer, body="<p>The writer's words.</p>")
    workflow.request_changes(revision=first, reviewer_user=reviewer_user(), comment="Sources?")
    editor = editor_user()
    second = revise(article, author=editor, body="<p>The writer's words!</p>")
    with pytest.raises(workflow.WorkflowError, match="four eyes"):
        workflow.approve_revision(revision=second, reviewer_user=writer)
    assert_in_review(second)


def test_reviewer_cannot_approve_carried_words_in_the_admin():
    """Issue #10 item 1 over HTTP (article forms, review screen); failed on the old code."""
    drug = milnacipran()
    writer, other, editor = editor_and_reviewer(), reviewer_user(), editor_user()
    form = {"title": "What Is Milnacipran Used For?", "lead": "It treats fibromyalgia.",
            "body": "<p>The writer's words.</p>", "search_description": "", "draft_version": "",
            "kind": "uses", "drug": drug.pk, "condition": "", "slug": "uses",
            "ads_enabled": "on", **CITED}  # fmt: skip
    added = logged_in(writer).post(reverse("admin:medinfo_article_add"), {**form, "_submit": "1"})
    assert added.status_code == 302
    article = Article.objects.get(drug=drug, slug="uses")
    sent_back = decide(other, article.latest_revision, "_request_changes")
    assert sent_back.status_code == 302
    editor_client = logged_in(editor)
    url = reverse("admin:medinfo_article_change", args=[article.pk])
    data = change_form_data(editor_client, url)
    data["body"] = "<p>The writer's words!</p>"
    assert editor_client.post(url, {**data, "_submit": "1"}).status_code == 302
    article.refresh_from_db()
    carried = article.latest_revision
    assert carried.number == 2 and carried.status == RevisionStatus.IN_REVIEW
    response = decide(writer, carried)
    assert FOUR_EYES in page_text(response)
    assert_in_review(carried)
    assert_approved_by_someone_else(carried)


def test_approved_text_carries_no_contributors(article):
    """Words a pharmacist approved bind nobody: their writer may review the next revision."""
    writer = editor_and_reviewer()
    first = revise(article, author=writer)
    workflow.approve_revision(revision=first, reviewer_user=reviewer_user())
    second = revise(article, author=editor_user())
    workflow.approve_revision(revision=second, reviewer_user=writer)
    assert Article.objects.get(pk=article.pk).live_revision_id == second.pk


def test_editor_who_is_also_a_reviewer_is_bound_by_text(article):
    """A user in both groups who edited the words cannot approve them."""
    both = editor_and_reviewer()
    revision = revise(article, author=editor_user(), saver=both, submitter=editor_user())
    assert_refused(both, revision)


def test_editor_who_is_also_a_reviewer_is_bound_by_facts(article):
    """A user in both groups who changed a fact cannot approve the snapshot showing it."""
    both = editor_and_reviewer()
    assert both.groups.filter(name=EDITORS).exists()
    drug_field(both, article)
    revision = revise(article, author=editor_user())
    assert_refused(both, revision)


# Item 2: facts ---------------------------------------------------------------------


def duloxetine_article():
    """/drugs/duloxetine/uses/, live; duloxetine is approved for depression from age 18."""
    drug = DrugFactory(generic_name="duloxetine")
    depression = ConditionFactory(name="depression", slug="depression")
    UseFactory(drug=drug, condition=depression, minimum_age=18)
    return published_article(drug=drug)


DULOXETINE_AGE_CHANGE = (
    "“duloxetine for depression (approved)”: minimum approved age (years) 18 → 12"
)


def test_reviewer_cannot_approve_a_snapshot_with_their_fact_change_via_services():
    """Issue #10 item 2 through the services; failed on the old code (the approval went through)."""
    article = duloxetine_article()
    pharmacist = reviewer_user()
    use = Use.objects.get(drug=article.drug_id)
    use.minimum_age = 12
    use._history_user = pharmacist  # as the admin's request would attribute it
    use.save()
    revision = revise(article, author=editor_user(), lead="A clearer lead.")
    with pytest.raises(workflow.WorkflowError, match=r"minimum approved age.*18 → 12"):
        workflow.approve_revision(revision=revision, reviewer_user=pharmacist)
    assert_in_review(revision)


def test_reviewer_cannot_approve_their_fact_change_in_the_admin():
    """Issue #10 item 2 over HTTP (drug form, article form, review screen); failed on the old code."""
    article = duloxetine_article()
    pharmacist = fact_editing_reviewer()
    use_minimum_age(pharmacist, article)
    editor_client = logged_in(editor_user())
    url = reverse("admin:medinfo_article_change", args=[article.pk])
    data = change_form_data(editor_client, url)
    data["lead"] += " Ask your pharmacist."
    assert editor_client.post(url, {**data, "_submit": "1"}).status_code == 302
    article.refresh_from_db()
    revision = article.latest_revision
    assert revision.facts["drug"]["uses"][0]["minimum_age"] == 12
    text = page_text(decide(pharmacist, revision))
    assert FOUR_EYES in text and DULOXETINE_AGE_CHANGE in text
    assert_in_review(revision)
    assert_approved_by_someone_else(revision)


def test_fact_change_undone_before_submission_binds_nobody(article):
    """A change reverted before submission leaves the snapshot as approved: no conflict."""
    pharmacist = fact_editing_reviewer()
    use_minimum_age(pharmacist, article)
    post_change(pharmacist, Drug, article.drug_id, **{"uses-0-minimum_age": "17"})
    revision = revise(article, author=editor_user(), lead="A clearer lead.")
    workflow.approve_revision(revision=revision, reviewer_user=pharmacist)


def test_fact_change_already_approved_by_another_binds_nobody_later(article):
    """Once another pharmacist approved the changed facts, the next revision is free to review."""
    pharmacist = fact_editing_reviewer()
    drug_field(pharmacist, article)
    with_change = revise(article, author=editor_user())
    workflow.approve_revision(revision=with_change, reviewer_user=reviewer_user())
    wording_only = revise(article, author=editor_user(), lead="A clearer lead.")
    workflow.approve_revision(revision=wording_only, reviewer_user=pharmacist)


def test_awaiting_my_review_leaves_out_revisions_with_my_fact_changes(article):
    """The "awaiting my review" filter hides what the pharmacist may not decide."""
    pharmacist = fact_editing_reviewer()
    drug_field(pharmacist, article)
    revise(article, author=editor_user())
    other = published_article(drug=Drug.objects.create(generic_name="x", slug="x"))
    revise(other, author=editor_user())
    url = reverse("admin:medinfo_article_changelist") + "?workflow=awaiting-me"
    listed = logged_in(pharmacist).get(url).context["cl"].result_list
    assert [item.pk for item in listed] == [other.pk]


def test_fact_edits_are_attributed_in_the_admin_history(article):
    """The drug's history page names who changed which field, old → new."""
    pharmacist = fact_editing_reviewer()
    drug_field(pharmacist, article)
    url = reverse("admin:drugs_drug_history", args=[article.drug_id])
    text = page_text(logged_in(editor_user()).get(url))
    assert pharmacist.username in text
    assert "Official name:" in text and "milnacipran HCl" in text and "→" in text


def test_history_shows_long_values_whole(article):
    """A long definition's old and new text are shown in full, not shortened.

    Failed before the history kept whole values: simple-history printed
    "A lon[30 chars]despread…", hiding the words a pharmacist must read.
    """
    condition = Condition.objects.get(pk=article.drug.uses.first().condition_id)
    old = condition.definition
    condition.definition = old + " It affects about four million adults in the US."
    condition.save()
    url = reverse("admin:conditions_condition_history", args=[condition.pk])
    text = page_text(logged_in(editor_user()).get(url))
    assert old in text and condition.definition in text
    assert "chars]" not in text


def test_history_cannot_be_reverted_through_the_admin(article):
    """The history is read-only: simple-history's revert form is not offered."""
    record = Drug.history.filter(id=article.drug_id).first()
    url = f"/admin/drugs/drug/{article.drug_id}/history/{record.history_id}/"
    response = logged_in(reviewer_user()).post(url, {"official_name": "reverted"})
    assert response.status_code in (302, 404)
    assert Drug.objects.get(pk=article.drug_id).official_name == "milnacipran hydrochloride"


def test_review_request_mail_skips_pharmacists_who_changed_the_facts(article, mailoutbox):
    """The "review requested" e-mail goes to pharmacists who may decide, not to the fact editor."""
    pharmacist, other = fact_editing_reviewer(), reviewer_user()
    drug_field(pharmacist, article)
    revision = revise(article, author=editor_user())
    mailoutbox.clear()
    notifications.revision_submitted(revision=revision)
    recipients = {address for message in mailoutbox for address in message.to}
    assert other.email in recipients and pharmacist.email not in recipients


def test_review_screen_warns_the_fact_editor_before_they_decide(article):
    """Opening the review screen already says why this pharmacist may not decide."""
    pharmacist = fact_editing_reviewer()
    drug_field(pharmacist, article)
    revision = revise(article, author=editor_user())
    text = page_text(logged_in(pharmacist).get(review_url(revision)))
    assert FOUR_EYES in text and "official name milnacipran hydrochloride → milnacipran HCl" in text
    assert FOUR_EYES not in page_text(logged_in(reviewer_user()).get(review_url(revision)))


def test_refusal_names_the_brands_new_uses_in_words(article):
    """A brand limited to some uses is named by those uses in the four-eyes refusal."""
    pharmacist = reviewer_user()
    brand = BrandName.objects.get(drug=article.drug_id)
    brand._history_user = pharmacist  # as the admin's request would attribute it
    brand.uses.set(Use.objects.filter(drug=article.drug_id, condition=fibromyalgia()))
    revision = revise(article, author=editor_user())
    expected = r"sold for \(empty\) → milnacipran for fibromyalgia \(approved\)"
    with pytest.raises(workflow.WorkflowError, match=expected):
        workflow.approve_revision(revision=revision, reviewer_user=pharmacist)


@pytest.mark.parametrize("field", ["drug", "slug", "kind"], ids=["subject", "address", "kind"])
def test_changing_what_an_unpublished_article_is_about_is_a_contribution(field):
    """Who changes an unpublished article's subject, address or kind may not approve it.

    Failed before these fields opened a draft like a text change: a reviewer could
    point an editor's draft at another drug (whose facts the snapshot then showed)
    and approve it.
    """
    drug, other_drug = milnacipran(), DrugFactory()
    editor, pharmacist = editor_user(), editor_and_reviewer()
    form = {"title": "What Is Milnacipran Used For?", "lead": "It treats fibromyalgia.",
            "body": "<p>Words.</p>", "search_description": "", "draft_version": "",
            "kind": "uses", "drug": drug.pk, "condition": "", "slug": "uses",
            "ads_enabled": "on", **CITED}  # fmt: skip
    assert logged_in(editor).post(reverse("admin:medinfo_article_add"), form).status_code == 302
    article = Article.objects.get(drug=drug, slug="uses")
    url = reverse("admin:medinfo_article_change", args=[article.pk])
    pharmacist_client = logged_in(pharmacist)
    data = change_form_data(pharmacist_client, url)
    data[field] = {"drug": other_drug.pk, "slug": "what-it-treats", "kind": "overview"}[field]
    assert pharmacist_client.post(url, data).status_code == 302
    editor_client = logged_in(editor)
    data = change_form_data(editor_client, url)
    assert editor_client.post(url, {**data, "_submit": "1"}).status_code == 302
    article.refresh_from_db()
    revision = article.latest_revision
    assert revision.status == RevisionStatus.IN_REVIEW
    assert FOUR_EYES in page_text(decide(pharmacist, revision))
    assert_in_review(revision)
