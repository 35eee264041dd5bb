"""“Facts changed since review”: structured edits flag live articles but change no public page."""

from unittest import mock

import pytest
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse

from drugs.models import UseKind
from medinfo import signals, workflow
from medinfo.models import ArticleKind
from tests.admin_forms import page_text
from tests.ads.factories import PlacementFactory
from tests.factories import (
    ConditionFactory,
    ConditionSymptomFactory,
    DrugFactory,
    SymptomFactory,
    UseFactory,
    editor_user,
    milnacipran,
    published_article,
    reviewer_user,
)

pytestmark = pytest.mark.django_db


def add_off_label_use(drug):
    UseFactory(drug=drug, condition=ConditionFactory(name="insomnia"), kind=UseKind.OFF_LABEL)


def rename_brand(drug):
    brand = drug.brand_names.get(name="Savella")
    brand.name = "Milnavex"
    brand.save()


def add_symptom(drug):
    fibromyalgia = drug.uses.get(kind=UseKind.APPROVED).condition
    ConditionSymptomFactory(
        condition=fibromyalgia, symptom=SymptomFactory(name="Memory fog"), order=9
    )


EDITS = {
    "off-label use": (
        add_off_label_use,
        "+ Drug › use for “insomnia” › kind: off-label",
        "Insomnia",
    ),
    "brand renamed": (rename_brand, "+ Drug › brand “Milnavex” › name: Milnavex", "Milnavex"),
    "symptom added": (
        add_symptom,
        "+ Drug › use for “fibromyalgia” › symptom “Memory fog” › name: Memory fog",
        "Memory fog",
    ),
}


@pytest.fixture
def live(django_capture_on_commit_callbacks):
    """A published milnacipran article, with its publication committed."""
    with django_capture_on_commit_callbacks(execute=True):
        drug = milnacipran()
        article = published_article(drug=drug, title="What Is Milnacipran Used For?")
    return {"drug": drug, "article": article}


@pytest.fixture(params=EDITS.values(), ids=EDITS.keys())
def edited(request, live, django_capture_on_commit_callbacks):
    """The live article after one committed edit of its structured facts."""
    edit, diff_line, new_word = request.param
    with django_capture_on_commit_callbacks(execute=True):
        edit(live["drug"])
    live["article"].refresh_from_db()
    return {**live, "diff_line": diff_line, "new_word": new_word}


def test_fact_edit_flags_the_live_article(edited):
    """Changing a fact the article shows marks it “facts changed since review”."""
    assert edited["article"].facts_changed is True


def test_admin_change_page_shows_what_changed(admin_client, edited):
    """The article's admin page lists the changed facts as diff lines."""
    url = reverse("admin:medinfo_article_change", args=[edited["article"].pk])
    text = page_text(admin_client.get(url))
    assert "The public page still shows the approved facts" in text
    assert edited["diff_line"] in text


def test_public_page_keeps_the_approved_facts(client, edited):
    """The public article still shows the facts a pharmacist approved."""
    text = page_text(client.get(edited["article"].get_absolute_url()))
    assert "Savella®" in text
    assert edited["new_word"] not in text


def test_changelist_filter_lists_flagged_articles(admin_client, edited):
    """The “facts changed since review” filter shows the flagged article and no other."""
    unaffected = published_article(
        condition=ConditionFactory(name="gout"),
        kind=ArticleKind.SYMPTOMS,
        slug="symptoms",
        title="What Are the Symptoms of Gout?",
    )
    changelist = reverse("admin:medinfo_article_changelist")
    text = page_text(admin_client.get(changelist + "?facts_changed__exact=1"))
    assert "What Is Milnacipran Used For?" in text
    assert str(unaffected) not in text


def test_edit_is_checked_even_after_uncommitted_setup(django_capture_on_commit_callbacks):
    """An edit in its own transaction flags the article, whatever ran before it uncommitted."""
    drug = milnacipran()
    article = published_article(drug=drug)
    with django_capture_on_commit_callbacks(execute=True):
        rename_brand(drug)
    article.refresh_from_db()
    assert article.facts_changed is True


def test_brand_rename_flags_condition_articles_too(live, django_capture_on_commit_callbacks):
    """A condition page lists its drugs' brands, so renaming a brand flags it as well."""
    fibromyalgia = live["drug"].uses.get(kind=UseKind.APPROVED).condition
    with django_capture_on_commit_callbacks(execute=True):
        condition_article = published_article(
            condition=fibromyalgia, kind=ArticleKind.SYMPTOMS, slug="symptoms"
        )
    with django_capture_on_commit_callbacks(execute=True):
        rename_brand(live["drug"])
    condition_article.refresh_from_db()
    assert condition_article.facts_changed is True


def test_approving_a_new_revision_clears_the_flag(client, live, django_capture_on_commit_callbacks):
    """Approving a revision with the new facts clears the flag and publishes them."""
    with django_capture_on_commit_callbacks(execute=True):
        rename_brand(live["drug"])
    article, editor = live["article"], editor_user()
    with django_capture_on_commit_callbacks(execute=True):
        revision = workflow.start_revision(article=article, author=editor)
        revision = workflow.submit_revision(revision=revision, submitter=editor)
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user())
    article.refresh_from_db()
    assert article.facts_changed is False
    text = page_text(client.get(article.get_absolute_url()))
    assert "Milnavex®" in text and "Savella" not in text


def test_edit_outside_the_facts_leaves_the_flag_clear(live, django_capture_on_commit_callbacks):
    """Editing a drug field the page never shows (its summary) does not flag the article."""
    drug = live["drug"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        drug.summary = "A different internal summary."
        drug.save()
    live["article"].refresh_from_db()
    assert callbacks, "the edit should have scheduled a facts check"
    assert live["article"].facts_changed is False


def test_reverting_the_edit_clears_the_flag(live, django_capture_on_commit_callbacks):
    """Putting the approved value back makes the facts match again."""
    brand = live["drug"].brand_names.get()
    with django_capture_on_commit_callbacks(execute=True):
        brand.name = "Milnavex"
        brand.save()
    live["article"].refresh_from_db()
    assert live["article"].facts_changed is True
    with django_capture_on_commit_callbacks(execute=True):
        brand.name = "Savella"
        brand.save()
    live["article"].refresh_from_db()
    assert live["article"].facts_changed is False


def test_moving_a_use_to_another_drug_flags_the_drug_it_left(django_capture_on_commit_callbacks):
    """A use reassigned to another drug changes the facts of both drugs' articles."""
    with django_capture_on_commit_callbacks(execute=True):
        drug = milnacipran()
        article = published_article(drug=drug)
    off_label = drug.uses.get(kind="off_label")
    with django_capture_on_commit_callbacks(execute=True):
        off_label.drug = DrugFactory()
        off_label.save()
    article.refresh_from_db()
    assert article.facts_changed


@pytest.mark.parametrize("make", [editor_user, PlacementFactory], ids=["user", "ad placement"])
def test_saving_an_unrelated_model_runs_no_facts_watcher(make, django_capture_on_commit_callbacks):
    """Saving a user or an ad placement reaches no facts watcher and checks no article."""
    watchers = {signals.structured_data_changed, signals.remember_previous_subjects}
    with (
        mock.patch.object(signals, "refresh_facts_flags") as refresh,
        django_capture_on_commit_callbacks(execute=True),
    ):
        instance = make()
        instance.save()
    refresh.assert_not_called()
    for signal in (pre_save, post_save, post_delete):
        sync_receivers, async_receivers = signal._live_receivers(type(instance))
        assert not watchers & {*sync_receivers, *async_receivers}
