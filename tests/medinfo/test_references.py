"""References per revision (issue #12 item 4): edited with the prose, frozen, copied and diffed.

Each revision carries an ordered list of sources (title, publisher, address, date
accessed, optionally a DailyMed set id). These tests failed on the code before
references existed (f3790b9): there was no field, no form rows and no diff, so
every one of them errored or found nothing.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from medinfo import workflow
from medinfo.models import Article, ArticleRevision, ImmutableRevisionError, RevisionStatus
from tests.admin_forms import (
    change_url,
    form_data,
    logged_in,
    page_text,
    post_article_form,
    reference_rows,
)
from tests.factories import (
    GUIDELINE,
    LABEL,
    SETID,
    draft_article,
    editor_user,
    latest,
    milnacipran,
    reviewer_user,
    revise,
    with_references,
)
from tests.hostile import PAYLOADS

pytestmark = pytest.mark.django_db

REFERENCE_FIELDS = ("title", "publisher", "url", "accessed", "dailymed_setid")


# The review screen ------------------------------------------------------------------


def review_rows(revision):
    """(sign, line) of the review screen's References section, as a reviewer sees it."""
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    text = page_text(logged_in(reviewer_user()).get(url))
    section = text.split("<h3>References</h3>", 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li class="diff-(?:added|removed)">([+-]) (.*?)</li>', section), section


GUIDANCE = {**GUIDELINE, "title": "Fibromyalgia: treatment", "url": "https://www.niams.nih.gov/"}
EDITS = {
    "added": lambda refs: [*refs, GUIDANCE],
    "removed": lambda refs: refs[:1],
    "address changed": lambda refs: [{**refs[0], "url": "https://www.fda.gov/label"}, refs[1]],
    "set id removed": lambda refs: [{**refs[0], "dailymed_setid": ""}, refs[1]],
    "reordered": lambda refs: refs[::-1],
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_reference_edit_shows_in_the_review_diff(edit):
    """Every kind of reference edit is listed on the review screen, addresses whole."""
    before = [LABEL, GUIDELINE]
    article = with_references(*before)
    after = edit(before)
    revision = revise(article, author=editor_user(), references=after)
    rows, _ = review_rows(revision)
    removed = {line for sign, line in rows if sign == "-"}
    added = {line for sign, line in rows if sign == "+"}
    old_urls = {ref["url"] for ref in before} - {ref["url"] for ref in after}
    new_urls = {ref["url"] for ref in after} - {ref["url"] for ref in before}
    assert rows, "no reference change listed"
    assert all(any(url in line for line in removed) for url in old_urls)
    assert all(any(url in line for line in added) for url in new_urls)


def test_first_revision_lists_every_reference_as_added():
    """Before anything is live, the reviewer sees each cited source with its address."""
    article = draft_article(drug=milnacipran(), references=[LABEL])
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor_user())
    rows, _ = review_rows(revision)
    assert rows == [
        (
            "+",
            f"{LABEL['title']} · {LABEL['publisher']} · {LABEL['url']} · accessed 2026-01-15 · "
            f"DailyMed set id {SETID}",
        )
    ]


def test_unchanged_references_say_so():
    """A wording change leaves the references section saying nothing changed."""
    article = with_references(LABEL)
    revision = revise(article, author=editor_user(), references=[LABEL])
    rows, section = review_rows(revision)
    assert rows == [] and "No change to the references." in section


def test_references_written_past_validation_do_not_break_the_review_screen():
    """A draft's references stored as garbage (raw writes) are shown as they are, not a 500."""
    article = draft_article(drug=milnacipran())
    garbage = [{"title": "<script>alert(1)</script>"}, "text", 7]
    ArticleRevision.objects.filter(pk=article.latest_revision_id).update(references=garbage)
    revision = ArticleRevision.objects.get(pk=article.latest_revision_id)
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    response = logged_in(reviewer_user()).get(url)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


# Frozen with the revision -----------------------------------------------------------


def test_service_refuses_new_references_for_a_submitted_revision():
    """save_draft on a revision in review is refused; its references stay as submitted."""
    article = draft_article(drug=milnacipran(), references=[LABEL])
    editor = editor_user()
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    with pytest.raises(workflow.WorkflowError, match="can no longer be edited"):
        workflow.save_draft(
            revision=revision, editor=editor, expected_version=revision.version,
            title=revision.title, lead=revision.lead, references=[GUIDELINE],
        )  # fmt: skip
    assert ArticleRevision.objects.get(pk=revision.pk).references == [LABEL]


@pytest.mark.parametrize("update_fields", [None, ["references"]])
def test_model_refuses_changing_submitted_references(update_fields):
    """ArticleRevision.save refuses new references once the revision is approved."""
    revision = with_references(LABEL).live_revision
    revision.references = [GUIDELINE]
    with pytest.raises(ImmutableRevisionError):
        revision.save(update_fields=update_fields)


def submitted_revisions():
    """A live revision and, after it, one in review; both cite ``LABEL``."""
    article = with_references(LABEL)
    editor = editor_user()
    in_review = revise(article, author=editor, references=[LABEL])
    return {"approved": article.live_revision, "in review": in_review}


@pytest.mark.parametrize("state", ["approved", "in review"])
@pytest.mark.parametrize("how", ["update", "raw SQL"])
def test_database_refuses_changing_submitted_references(state, how):
    """The guard triggers refuse new references on a submitted revision, on either database."""
    revision = submitted_revisions()[state]
    with pytest.raises(IntegrityError, match="medinfo guard"), transaction.atomic():
        if how == "update":
            ArticleRevision.objects.filter(pk=revision.pk).update(references=[GUIDELINE])
        else:
            with connection.cursor() as cursor:
                cursor.execute(
                    'UPDATE medinfo_articlerevision SET "references" = %s WHERE id = %s',
                    ["[]", revision.pk],
                )
    assert ArticleRevision.objects.get(pk=revision.pk).references == [LABEL]


NEW_VALUES = {
    "title": "A title nobody approved", "lead": "A lead nobody approved.",
    "body": "<p>A body nobody approved.</p>", "search_description": "Unapproved.",
    "facts": {"drug": {"name": "other"}}, "references": [GUIDELINE],
}  # fmt: skip


@pytest.mark.parametrize("field", sorted(ArticleRevision.CONTENT_FIELDS))
def test_database_refuses_every_content_field_of_an_approved_revision(field):
    """Each of CONTENT_FIELDS is guarded in the database: a new content field needs a guard too."""
    revision = with_references(LABEL).live_revision
    with pytest.raises(IntegrityError, match="medinfo guard"), transaction.atomic():
        ArticleRevision.objects.filter(pk=revision.pk).update(**{field: NEW_VALUES[field]})


def test_a_draft_references_can_still_change_in_the_database():
    """The guards leave drafts alone."""
    article = draft_article(drug=milnacipran(), references=[LABEL])
    ArticleRevision.objects.filter(pk=article.latest_revision_id).update(references=[])
    assert latest(article).references == []


# Carried into the next revision -----------------------------------------------------


def test_next_revision_starts_with_the_approved_references():
    """A new draft of a live article cites what the live one cites; editing it leaves the live one."""
    article = with_references(LABEL, GUIDELINE)
    editor = editor_user()
    draft = workflow.start_revision(article=article, author=editor)
    assert draft.references == [LABEL, GUIDELINE]
    workflow.save_draft(
        revision=draft, editor=editor, expected_version=draft.version,
        title=draft.title, lead=draft.lead, references=[GUIDELINE],
    )  # fmt: skip
    assert ArticleRevision.objects.get(pk=article.live_revision_id).references == [LABEL, GUIDELINE]


def test_references_sent_back_are_carried_into_the_revised_draft():
    """After changes are requested, the editor's new draft starts from the refused references."""
    article = draft_article(drug=milnacipran(), references=[LABEL])
    editor = editor_user()
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    workflow.request_changes(
        revision=revision, reviewer_user=reviewer_user(), comment="Cite MedlinePlus."
    )
    draft = workflow.start_revision(article=article, author=editor)
    assert draft.number == 2 and draft.references == [LABEL]


def test_workflow_stores_references_in_one_shape():
    """Dates, spacing, upper-case set ids and missing set ids are stored the documented way."""
    typed = {**GUIDELINE, "title": " Fibromyalgia\u200b ", "accessed": datetime.date(2026, 2, 1)}
    typed.pop("dailymed_setid")
    label = {**LABEL, "dailymed_setid": SETID.upper()}
    article = draft_article(drug=milnacipran(), references=[label, typed])
    assert latest(article).references == [LABEL, GUIDELINE]


BAD_FOR_THE_SERVICE = {
    "not a list": {"url": "https://example.org/"},
    "javascript address": [{**LABEL, "url": "javascript:alert(1)"}],
    "unknown key": [{**LABEL, "note": "x"}],
    "set id shape": [{**LABEL, "dailymed_setid": "12345"}],
    "date shape": [{**LABEL, "accessed": "15/01/2026"}],
    "blank title": [{**LABEL, "title": "\u200b"}],
}


@pytest.mark.parametrize("references", BAD_FOR_THE_SERVICE.values(), ids=BAD_FOR_THE_SERVICE.keys())
def test_services_refuse_malformed_references(references):
    """create_article validates references like every other field of the revision."""
    with pytest.raises(ValidationError, match="reference|Reference"):
        draft_article(drug=milnacipran(), references=references)


# Editing in the admin ---------------------------------------------------------------


def test_editor_adds_references_on_the_add_form():
    """The add page offers blank reference rows; what is typed there is the draft's references."""
    client = logged_in(editor_user())
    drug = milnacipran()
    data = form_data(client.get(reverse("admin:medinfo_article_add")))
    data.update({"title": "What Is Milnacipran Used For?", "lead": "It eases pain.",
                 "kind": "uses", "drug": str(drug.pk), "slug": "uses", "_continue": "1"})  # fmt: skip
    for index, reference in enumerate([LABEL, GUIDELINE]):
        data.update({f"references-{index}-{name}": value for name, value in reference.items()})
    response = client.post(reverse("admin:medinfo_article_add"), data)
    assert response.status_code == 302, page_text(response)[-3000:]
    assert Article.objects.get(drug=drug).latest_revision.references == [LABEL, GUIDELINE]


def test_editor_reorders_removes_and_adds_references_of_a_live_article():
    """Order numbers reorder, Delete removes, a blank row adds; the live revision keeps its list."""
    article = with_references(LABEL, GUIDELINE)
    new = GUIDANCE
    response = post_article_form(
        editor_user(), article,
        **{"references-0-ORDER": "2", "references-1-ORDER": "1", "references-1-DELETE": "on"},
        **{f"references-2-{name}": value for name, value in new.items()},
        **{"references-2-ORDER": "1"},
    )  # fmt: skip
    assert response.status_code == 302, page_text(response)[-3000:]
    draft = latest(article)
    assert draft.status == RevisionStatus.DRAFT and draft.number == 2
    assert draft.references == [new, LABEL]
    assert ArticleRevision.objects.get(pk=article.live_revision_id).references == [LABEL, GUIDELINE]


def test_form_shows_the_stored_references_in_order():
    """The change form's rows hold the draft's references, numbered, then two blank rows."""
    article = with_references(LABEL, GUIDELINE)
    rows = reference_rows(form_data(logged_in(editor_user()).get(change_url(article))))
    assert [rows[index]["url"] for index in range(4)] == [LABEL["url"], GUIDELINE["url"], "", ""]
    assert [rows[index]["ORDER"] for index in range(2)] == ["1", "2"]


def test_reference_only_change_after_changes_requested_may_be_resubmitted():
    """Sent back for a missing source, the editor adds it and submits: that is a change."""
    article = draft_article(drug=milnacipran())
    editor = editor_user()
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    workflow.request_changes(revision=revision, reviewer_user=reviewer_user(), comment="Sources?")
    response = post_article_form(
        editor, article, button="_submit",
        **{f"references-0-{name}": value for name, value in LABEL.items()},
    )  # fmt: skip
    assert response.status_code == 302, page_text(response)[-3000:]
    submitted = latest(article)
    assert submitted.status == RevisionStatus.IN_REVIEW and submitted.references == [LABEL]


def test_post_without_reference_rows_leaves_the_references():
    """A post carrying the text alone (no reference rows at all) keeps the references."""
    article = with_references(LABEL)
    client = logged_in(editor_user())
    data = form_data(client.get(change_url(article)))
    data = {name: value for name, value in data.items() if not name.startswith("references-")}
    data["lead"] += " Ask your pharmacist."
    assert client.post(change_url(article), {**data, "_continue": "1"}).status_code == 302
    assert latest(article).references == [LABEL] and latest(article).number == 2


FUTURE = "2999-01-01"
BAD_ROWS = {
    "javascript address": ("url", "javascript:alert(1)", "http:// or https://"),
    "ftp address": ("url", "ftp://ftp.fda.gov/label.pdf", "http:// or https://"),
    "not an address": ("url", "see the label", "http:// or https://"),
    "user name in address": ("url", "https://www.fda.gov@evil.example/", "before “@”"),
    "set id too short": ("dailymed_setid", "1f2e3d4c", "36 characters"),
    "set id not hex": ("dailymed_setid", SETID.replace("1f", "zz"), "36 characters"),
    "no such day": ("accessed", "2026-02-30", "valid date"),
    "future date": ("accessed", FUTURE, "cannot be in the future"),
    "invisible title": ("title", "\u200b\u200d", "required"),
    "long publisher": ("publisher", "x" * 201, "at most 200"),
}


@pytest.mark.parametrize(("field", "value", "message"), BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_bad_reference_is_a_form_error(field, value, message):
    """The form is shown again with the row's error; nothing is saved."""
    article = with_references(LABEL)
    response = post_article_form(editor_user(), article, **{f"references-0-{field}": value})
    assert response.status_code == 200
    text = page_text(response)
    assert "Correct the references below." in text and message in text
    assert latest(article).pk == article.live_revision_id  # no draft was opened


def test_bad_management_form_is_a_form_error():
    """A tampered row count is refused with a message, not a 500."""
    article = with_references(LABEL)
    response = post_article_form(editor_user(), article, **{"references-TOTAL_FORMS": "many"})
    assert response.status_code == 200
    assert "Correct the references below." in page_text(response)


@pytest.mark.parametrize("field", REFERENCE_FIELDS)
@pytest.mark.parametrize("name", list(PAYLOADS))
def test_hostile_text_in_any_reference_field_never_breaks_the_admin(field, name):
    """Every hostile string in every reference field: a form error or normalised text, no 500.

    What is saved is reviewed on the review screen as text, never as markup.
    """
    payload = PAYLOADS[name]
    article = with_references(LABEL)
    value = payload if field in ("accessed", "dailymed_setid") else f"{LABEL[field]}{payload}"
    response = post_article_form(editor_user(), article, **{f"references-0-{field}": value})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "Correct the references below." in page_text(response)
        return
    saved = latest(article)
    if saved.status != RevisionStatus.DRAFT:  # normalised back to the stored reference
        assert saved.references == [LABEL]
        return
    revision = workflow.submit_revision(revision=saved, submitter=editor_user())
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    review = logged_in(reviewer_user()).get(url)
    assert review.status_code == 200
    assert "<script>alert(1)</script>" not in review.content.decode()
