"""The Conditions admin turns invalid and duplicate data into form errors, never a 500."""

import lxml.html
import pytest
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.validators import validate_slug
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from conditions.models import Condition, ConditionSymptom, Symptom
from medinfo.models import ArticleKind
from tests.factories import (
    ConditionFactory,
    ConditionSymptomFactory,
    SymptomFactory,
    published_article,
)

pytestmark = pytest.mark.django_db

CONDITION_ADD = reverse("admin:conditions_condition_add")


def condition_form(*, symptoms=(), **fields):
    """POST data for the Condition add form with its ordered symptom inline."""
    data = {
        "name": "migraine",
        "slug": "migraine",
        "definition": "A headache disorder with recurring attacks.",
        "other_names": "",
        "memberships-TOTAL_FORMS": str(len(symptoms)),
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for index, symptom in enumerate(symptoms):
        data |= {
            f"memberships-{index}-symptom": str(symptom.pk),
            f"memberships-{index}-order": str(index),
            f"memberships-{index}-note": "",
        }
    return data


def test_invalid_condition_slug_is_a_form_error(admin_client):
    """A condition slug with spaces and punctuation is refused with the slug message."""
    response = admin_client.post(CONDITION_ADD, condition_form(slug="not a slug!"))
    assert response.status_code == 200
    assert escape(str(validate_slug.message)) in response.content.decode()
    assert not Condition.objects.exists()


def test_same_symptom_twice_on_a_condition_is_a_form_error(admin_client):
    """Listing one symptom twice for a condition shows an error and stores nothing."""
    aura = SymptomFactory(name="Aura")
    response = admin_client.post(CONDITION_ADD, condition_form(symptoms=[aura, aura]))
    assert response.status_code == 200
    assert "Please correct the duplicate data for symptom." in response.content.decode()
    assert not Condition.objects.exists()


def test_symptom_name_in_other_case_is_a_form_error(admin_client):
    """A symptom that exists already, in any letter case, is refused with a message."""
    SymptomFactory(name="Aura")
    response = admin_client.post(reverse("admin:conditions_symptom_add"), {"name": "AURA"})
    assert response.status_code == 200
    assert "This symptom already exists; pick it from the list." in response.content.decode()
    assert Symptom.objects.count() == 1


def test_valid_condition_keeps_its_symptom_order(admin_client):
    """A correct condition form stores the condition with its symptoms in the order given."""
    symptoms = [SymptomFactory(name="Nausea"), SymptomFactory(name="Aura")]
    response = admin_client.post(CONDITION_ADD, condition_form(symptoms=symptoms))
    assert response.status_code == 302
    stored = ConditionSymptom.objects.filter(condition__slug="migraine").order_by("order")
    assert [membership.symptom.name for membership in stored] == ["Nausea", "Aura"]


def test_condition_form_asks_once_whether_its_slug_is_public(admin_client):
    """Whether a live article uses the slug is asked once per page (five times before, issue #15);
    the slug is still read-only once it is public."""
    article = published_article(
        condition=ConditionFactory(), kind=ArticleKind.SYMPTOMS, slug="symptoms"
    )
    url = reverse("admin:conditions_condition_change", args=[article.condition_id])
    admin_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = admin_client.get(url).content.decode()
    asked = [q["sql"] for q in queries.captured_queries if 'FROM "medinfo_article"' in q["sql"]]
    assert len(asked) == 1, asked
    assert 'name="slug"' not in html


def test_symptom_rows_look_nothing_up_when_their_symptoms_are_known(admin_client, monkeypatch):
    """Rows whose symptom the formset fetched, and blank rows, build no lookup of their own
    (each built a query for an empty list before, issue #15); each row still shows its symptom."""
    condition = ConditionFactory()
    chosen = [ConditionSymptomFactory(condition=condition) for _ in range(2)]
    lookups = []
    real = AutocompleteMixin.optgroups
    monkeypatch.setattr(
        AutocompleteMixin, "optgroups", lambda *args: lookups.append(args) or real(*args)
    )
    url = reverse("admin:conditions_condition_change", args=[condition.pk])
    page = lxml.html.fromstring(admin_client.get(url).content.decode())
    assert lookups == []
    for n, row in enumerate(chosen):
        selected = page.xpath(f"//select[@name='memberships-{n}-symptom']/option[@selected]")
        assert [option.text for option in selected] == [row.symptom.name]
