"""A forged value in any admin autocomplete field is a form error, never a 500.

Failed on the old code: Django's autocomplete widget looked "abc" up as a numeric
key while re-rendering the form, and the ValueError became a 500 (found by an
outside tester posting related_articles=abc on the article form).
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tests.admin_forms import ARTICLE_ADD_URL, change_url, logged_in
from tests.factories import UserFactory, change_form_data, editor_user, published_article

pytestmark = pytest.mark.django_db


def autocomplete_fields():
    """(admin or inline, model field) for every autocomplete field in the admin."""
    rows = []
    for model, model_admin in admin.site._registry.items():
        inlines = [inline(model, admin.site) for inline in model_admin.inlines]
        for owner in [model_admin, *inlines]:
            for name in owner.autocomplete_fields:
                rows.append((owner, owner.model._meta.get_field(name)))
    return rows


FIELDS = autocomplete_fields()


@pytest.mark.parametrize(
    "owner, field", FIELDS, ids=[f"{o.model.__name__}.{f.name}" for o, f in FIELDS]
)
@pytest.mark.parametrize("forged", ["abc", "1.5", "9" * 30, "-"])
def test_every_autocomplete_widget_renders_a_forged_value(owner, field, forged):
    """Re-rendering the form with a value no key can hold shows the field, without it."""
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_field = owner.formfield_for_dbfield(field, request)
    value = [forged] if field.many_to_many else forged
    html = form_field.widget.render(field.name, value)
    assert f'name="{field.name}"' in html and f'value="{forged}"' not in html


@pytest.mark.parametrize(
    "name, published", [("drug", False), ("condition", False), ("related_articles", False),
                        ("related_articles", True)],
)  # fmt: skip
def test_the_article_form_answers_a_forged_choice_with_an_error(name, published):
    """The article form comes back with the field marked as wrong instead of failing."""
    editor = editor_user()
    client = logged_in(editor)
    url = change_url(published_article(author=editor)) if published else ARTICLE_ADD_URL
    data = change_form_data(client, url)
    data[name] = "abc"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()  # the form, with the field marked
