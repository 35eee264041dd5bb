"""The Conditions admin turns invalid and duplicate data into form errors, never a 500."""

import pytest
from django.core.validators import validate_slug
from django.urls import reverse
from django.utils.html import escape

from conditions.models import Condition, ConditionSymptom, Symptom
from tests.factories import SymptomFactory

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
