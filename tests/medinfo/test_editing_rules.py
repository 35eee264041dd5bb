"""The editing rules, defined once in ``editing.check_draft_is_current``: what each path refuses.

Before #11 the article form and ``save_draft`` each wrote the rules out, with different
wording; these tests hold every path to the one definition.
"""

import pytest

from medinfo import editing, workflow
from medinfo.models import RevisionStatus
from tests.admin_forms import article_form, change_url, logged_in, page_text
from tests.factories import (
    draft_article,
    editor_user,
    milnacipran,
    published_article,
    reviewer_user,
    submitted_revision,
)

pytestmark = pytest.mark.django_db


def _draft_saved_since():
    """A draft at version 2 (saved once since it was opened at version 1)."""
    editor = editor_user()
    article = draft_article(author=editor, drug=milnacipran())
    draft = article.latest_revision
    workflow.save_draft(revision=draft, editor=editor, expected_version=draft.version,
                        title=draft.title, lead="Saved once.")  # fmt: skip
    return article


def _in_review():
    return submitted_revision(drug=milnacipran()).article


def _sent_back():
    revision = submitted_revision(drug=milnacipran())
    workflow.request_changes(revision=revision, reviewer_user=reviewer_user(), comment="Fix it.")
    return revision.article


def _approved():
    return published_article(drug=milnacipran())


# (article, version the editor opened, resubmits unchanged) → the rule that refuses, or None.
RULES = {
    "current draft": (_draft_saved_since, 2, False, None),
    "stale draft": (_draft_saved_since, 1, False, "stale_draft"),
    "draft opened by someone else meanwhile": (_draft_saved_since, None, False, "stale_draft"),
    "in review": (_in_review, None, False, "in_review"),
    "in review, submitted again": (_in_review, None, True, "in_review"),
    "sent back, changed": (_sent_back, None, False, None),
    "sent back, unchanged": (_sent_back, None, True, "unchanged_resubmission"),
    "approved": (_approved, None, True, None),
}


@pytest.mark.parametrize(
    ("setup", "version", "unchanged", "code"), RULES.values(), ids=RULES.keys()
)
def test_check_draft_is_current_applies_each_rule(setup, version, unchanged, code):
    """Each state of the newest revision is refused, or let through, by exactly one rule."""
    article = setup()
    check = {"article": article, "draft_version": version, "resubmits_unchanged": unchanged}
    if code is None:
        assert editing.check_draft_is_current(**check).pk == article.latest_revision_id
        return
    with pytest.raises(workflow.StaleDraftError) as refused:
        editing.check_draft_is_current(**check)
    assert refused.value.code == code
    assert refused.value.current.pk == article.latest_revision_id


def test_start_revision_refuses_a_revision_in_review_by_the_same_rule():
    """Opening a draft while a revision is in review raises the rule's error (a plain one before)."""
    article = _in_review()
    with pytest.raises(workflow.StaleDraftError) as refused:
        workflow.start_revision(article=article, author=editor_user())
    assert refused.value.code == "in_review"


def _service_message(article, version):
    revision = article.latest_revision
    with pytest.raises(workflow.StaleDraftError) as refused:
        workflow.save_draft(revision=revision, editor=editor_user(), expected_version=version,
                            title="A new title?", lead="A new lead.")  # fmt: skip
    return str(refused.value)


def _form_page(article, version):
    form = article_form(drug=article.drug, title="A new title?", lead="A new lead.",
                        draft_version=version, _continue="1")  # fmt: skip
    return page_text(logged_in(editor_user()).post(change_url(article), form))


@pytest.mark.parametrize(("setup", "version"), [(_draft_saved_since, 1), (_in_review, "")],
                         ids=["stale draft", "in review"])  # fmt: skip
def test_form_and_service_refuse_with_the_same_message(setup, version):
    """The admin form shows the message ``save_draft`` raises (two wordings before)."""
    article = setup()
    message = _service_message(article, version or None)
    assert message in _form_page(article, version)
    article.latest_revision.refresh_from_db()
    assert article.latest_revision.lead != "A new lead."


def test_save_draft_after_the_check_stores_the_text_and_next_version():
    """A current copy is saved: the draft gets the text, version + 1 and the saver as contributor."""
    article = _draft_saved_since()
    saver = editor_user()
    saved = workflow.save_draft(revision=article.latest_revision, editor=saver,
                                expected_version=2, title="T?", lead="Saved twice.")  # fmt: skip
    saved.refresh_from_db()
    assert (saved.status, saved.version, saved.lead) == (RevisionStatus.DRAFT, 3, "Saved twice.")
    assert saver in saved.contributors.all()
