"""factory_boy factories for every model, plus helpers that build published articles."""

import factory
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from conditions.models import Condition, ConditionSymptom, Symptom
from drugs.models import BrandName, Drug, DrugClass, EvidenceLevel, Use, UseKind
from medinfo import workflow
from medinfo.models import Article, ArticleKind, Reviewer
from medinfo.roles import AD_MANAGERS, EDITORS, FACT_EDITORS, REVIEWERS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@medinfo.example")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        if create and names:
            user.groups.add(*(Group.objects.get(name=name) for name in names))
        if create:
            user.save()


def editor_user(**kwargs):
    return UserFactory(groups=[EDITORS], **kwargs)


def ad_manager_user(**kwargs):
    return UserFactory(groups=[AD_MANAGERS], **kwargs)


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    user = factory.SubFactory(UserFactory, groups=[REVIEWERS])
    display_name = factory.Sequence(lambda n: f"Pat Reviewer{n}")
    slug = factory.Sequence(lambda n: f"pat-reviewer-{n}")
    credentials = "PharmD"
    licence_number = factory.Sequence(lambda n: f"RPH-{n:07d}")
    licence_jurisdiction = "Minnesota, USA"


def reviewer_user(**kwargs):
    """A user in the Pharmacist reviewers group with an active reviewer profile."""
    return ReviewerFactory(**kwargs).user


class DrugClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DrugClass
        django_get_or_create = ["slug"]

    name = "serotonin-norepinephrine reuptake inhibitors"
    abbreviation = "SNRI"
    slug = "snri"


class DrugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Drug

    generic_name = factory.Sequence(lambda n: f"testadrine{n}")
    official_name = factory.LazyAttribute(lambda drug: f"{drug.generic_name} hydrochloride")
    slug = factory.LazyAttribute(lambda drug: drug.generic_name)
    drug_class = factory.SubFactory(DrugClassFactory)
    summary = "A test medicine."


class BrandNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrandName

    drug = factory.SubFactory(DrugFactory)
    name = factory.Sequence(lambda n: f"Brandix{n}")
    slug = factory.LazyAttribute(lambda brand: brand.name.lower())
    mark = "®"


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition

    name = factory.Sequence(lambda n: f"test syndrome {n}")
    slug = factory.Sequence(lambda n: f"test-syndrome-{n}")
    definition = "A disorder used in tests."


class SymptomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Symptom

    name = factory.Sequence(lambda n: f"Symptom {n}")


class ConditionSymptomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConditionSymptom

    condition = factory.SubFactory(ConditionFactory)
    symptom = factory.SubFactory(SymptomFactory)
    order = factory.Sequence(int)


class UseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Use

    drug = factory.SubFactory(DrugFactory)
    condition = factory.SubFactory(ConditionFactory)
    kind = UseKind.APPROVED
    # An off-label use needs an evidence level (a database rule); an approved one has none.
    evidence_level = factory.LazyAttribute(
        lambda use: "" if use.kind == UseKind.APPROVED else EvidenceLevel.CLINICAL_TRIALS
    )


def milnacipran():
    """The reference drug with its brand, fibromyalgia (people 17 and older) and its symptoms,
    and an off-label use (clinical trials)."""
    drug = DrugFactory(
        generic_name="milnacipran", slug="milnacipran", official_name="milnacipran hydrochloride"
    )
    BrandNameFactory(drug=drug, name="Savella", slug="savella")
    fibromyalgia = ConditionFactory(name="fibromyalgia", slug="fibromyalgia",
                                    definition="A disorder that causes widespread muscle pain and fatigue.")  # fmt: skip
    for order, name in enumerate(["Trouble sleeping", "Morning stiffness", "Headaches"]):
        ConditionSymptomFactory(
            condition=fibromyalgia, symptom=SymptomFactory(name=name), order=order
        )
    UseFactory(drug=drug, condition=fibromyalgia, kind=UseKind.APPROVED, minimum_age=17,
               population_note="people 17 and older")  # fmt: skip
    depression = ConditionFactory(name="depression", slug="depression")
    UseFactory(drug=drug, condition=depression, kind=UseKind.OFF_LABEL)
    return drug


def draft_article(*, author=None, drug=None, condition=None, kind=None, slug="uses", **text):
    """An article with a first draft revision, created through the workflow."""
    author = author or editor_user()
    if drug is None and condition is None:
        drug = DrugFactory()
    kind = kind or (ArticleKind.USES if drug else ArticleKind.SYMPTOMS)
    text = {
        "title": "What Is It Used For?",
        "lead": "An approved lead.",
        "body": "<p>Approved body.</p>",
        # Every article cites a source before it may be submitted (#12).
        "references": [] if kind == ArticleKind.SITE_PAGE else [DEFAULT_SOURCE],
        **text,
    }
    return workflow.create_article(
        author=author, kind=kind, slug=slug, drug=drug, condition=condition, **text
    )


def submitted_revision(*, author=None, **kwargs):
    """A new article's first revision (``draft_article(**kwargs)``), submitted by its author."""
    author = author or editor_user()
    article = draft_article(author=author, **kwargs)
    return workflow.submit_revision(revision=article.latest_revision, submitter=author)


def published_article(*, author=None, reviewer=None, **kwargs):
    """An article whose first revision an editor submitted and a pharmacist approved."""
    author = author or editor_user()
    article = draft_article(author=author, **kwargs)
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=author)
    workflow.approve_revision(revision=revision, reviewer_user=reviewer or reviewer_user())
    article.refresh_from_db()
    return article


def editor_and_reviewer(**kwargs):
    """A user in both the Editors and the Pharmacist reviewers groups, with a reviewer profile."""
    user = UserFactory(groups=[EDITORS, REVIEWERS])
    return ReviewerFactory(user=user, **kwargs).user


def grant_fact_editing(user):
    """Add ``user`` to Fact editors, as an administrator grants a pharmacist drug and condition edits."""
    user.groups.add(Group.objects.get(name=FACT_EDITORS))
    return user


def fact_editing_reviewer(**kwargs):
    """A pharmacist reviewer who was also granted editing drugs and conditions (Fact editors)."""
    return grant_fact_editing(reviewer_user(**kwargs))


def revise(article, *, author, saver=None, submitter=None, **text):
    """A new revision of ``article`` opened by ``author``, saved by ``saver``, then submitted.

    ``saver`` and ``submitter`` default to the person before them; ``text`` replaces
    fields of the copied text (by default a full stop is added to the lead).
    """
    saver, submitter = saver or author, submitter or saver or author
    draft = workflow.start_revision(article=article, author=author)
    fields = {name: getattr(draft, name) for name in ("title", "lead", "body", "references")}
    fields["lead"] += "."
    draft = workflow.save_draft(
        revision=draft, editor=saver, expected_version=draft.version, **{**fields, **text}
    )
    return workflow.submit_revision(revision=draft, submitter=submitter)


def _field_value(field, bound):
    value = bound.value()
    if isinstance(field, forms.BooleanField):
        return "on" if value else None
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return [str(item) for item in value or ()]  # nothing ticked posts nothing
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return "" if value is None else str(value)


def _add_form(data, form):
    for name, field in form.fields.items():
        value = _field_value(field, form[name])
        if value is not None:
            data[form[name].html_name] = value


def change_form_data(client, url):
    """What the admin change form at ``url`` posts back unchanged, inlines included."""
    response = client.get(url)
    assert response.status_code == 200, url
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update(
            {management[name].html_name: value for name, value in management.initial.items()}
        )
        for form in formset.forms:
            _add_form(data, form)
    return data


# Sources as an editor enters them in the article form ------------------------------------

SETID = "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b"


LABEL = {
    "title": "Savella (milnacipran) tablets: prescribing information",
    "publisher": "U.S. National Library of Medicine, DailyMed",
    "url": f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={SETID}",
    "accessed": "2026-01-15",
    "dailymed_setid": SETID,
}


GUIDELINE = {
    "title": "Fibromyalgia",
    "publisher": "MedlinePlus, U.S. National Library of Medicine",
    "url": "https://medlineplus.gov/fibromyalgia.html",
    "accessed": "2026-02-01",
    "dailymed_setid": "",
}


# What a factory article cites unless told otherwise: read long ago, so that a test's
# clock set in the past still finds it read before "now".
DEFAULT_SOURCE = {**GUIDELINE, "accessed": "2001-01-01"}


def with_references(*items, **kwargs):
    """A live milnacipran article whose approved revision cites ``items``."""
    return published_article(drug=milnacipran(), references=list(items), **kwargs)


def latest(article):
    """``article``'s newest revision, read again from the database."""
    return Article.objects.get(pk=article.pk).latest_revision
