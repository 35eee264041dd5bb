"""Four eyes on facts for many revisions at once says what it says for each one alone.

``revisions_with_fact_changes_by`` keeps the desk's and the changelist's "awaiting
your review" at a fixed number of queries; it must agree with ``fact_changes_by``,
which the approval itself checks, for every way a fact changes and every window.
"""

import pytest

from drugs.models import Drug
from medinfo import workflow
from medinfo.foureyes import fact_changes_by, revisions_with_fact_changes_by
from medinfo.models import Article
from tests.admin_forms import (
    brand_deleted,
    brand_inline,
    condition_definition,
    drug_class,
    drug_field,
    post_change,
    symptom_name,
    symptom_note,
    use_inline,
)
from tests.factories import (
    DEFAULT_SOURCE,
    editor_user,
    fact_editing_reviewer,
    milnacipran,
    published_article,
    reviewer_user,
    revise,
)

pytestmark = pytest.mark.django_db

FACT_EDITS = [drug_field, brand_inline, brand_deleted, use_inline, drug_class,
              condition_definition, symptom_note, symptom_name]  # fmt: skip


def agree(revisions, person):
    """Both ways of asking give the same revisions; returns them."""
    alone = {
        revision.pk for revision in revisions if fact_changes_by(revision=revision, user=person)
    }
    in_bulk = revisions_with_fact_changes_by(revisions=revisions, user=person)
    assert in_bulk == alone
    return in_bulk


@pytest.fixture
def article():
    return published_article(drug=milnacipran())


@pytest.mark.parametrize("edit", FACT_EDITS, ids=lambda edit: edit.__name__)
def test_each_fact_edit_is_found_in_bulk(article, edit):
    """Every kind of fact edit the pharmacist made binds them, asked alone or in bulk."""
    person = fact_editing_reviewer()
    edit(person, article)
    revision = revise(article, author=editor_user())
    assert agree([revision], person) == {revision.pk}
    assert agree([revision], reviewer_user()) == set()


def test_a_reverted_edit_binds_nobody_in_bulk(article):
    """A change undone before submission leaves the facts as approved: no conflict either way."""
    person = fact_editing_reviewer()
    drug_field(person, article)
    post_change(person, Drug, article.drug_id, official_name="milnacipran hydrochloride")
    revision = revise(article, author=editor_user(), lead="A clearer lead.")
    assert agree([revision], person) == set()


def test_an_edit_already_approved_binds_nobody_later_in_bulk(article):
    """Once another pharmacist approved the change, the next revision is free, in bulk too."""
    person = fact_editing_reviewer()
    drug_field(person, article)
    workflow.approve_revision(
        revision=revise(article, author=editor_user()), reviewer_user=reviewer_user()
    )
    wording_only = revise(article, author=editor_user(), lead="A clearer lead.")
    assert agree([wording_only], person) == set()


def test_many_revisions_at_once(article):
    """A mix of first revisions and revisions of live articles, some binding, some not."""
    person = fact_editing_reviewer()
    unrelated = published_article(title="Unrelated?")
    drug_field(person, article)
    new = Article.objects.get(pk=workflow.create_article(
        author=editor_user(), kind="dosage", slug="dosage", drug=article.drug,
        title="How Much?", lead="A lead.", body="<p>Body.</p>", references=[DEFAULT_SOURCE],
    ).pk)  # fmt: skip
    revisions = [
        revise(article, author=editor_user()),
        revise(unrelated, author=editor_user()),
        workflow.submit_revision(revision=new.latest_revision, submitter=editor_user()),
    ]
    assert agree(revisions, person) == {revisions[0].pk, revisions[2].pk}
