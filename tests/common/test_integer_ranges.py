"""An integer too large for any key is a form error or a 404, never a 500 (outside tester).

Failed on the old code on SQLite: a 30-digit id posted to a many-to-many choice
(``pk__in`` lookup) raised OverflowError ("Python int too large to convert to SQLite
INTEGER"), e.g. related_articles=999…9 on the article form, and so did every admin
changelist given ?id__in=999…9. Django's ``exact``
lookup already answered such an id with "no such row"; ``in`` now does the same
(``common.integers``).
"""

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from medinfo.models import Article
from tests.admin_forms import ARTICLE_ADD_URL, logged_in
from tests.factories import UserFactory, change_form_data, editor_user, published_article

pytestmark = pytest.mark.django_db

HUGE = ["9" * 30, "-" + "9" * 30, str(2**63), str(-(2**63) - 1)]


def _superuser_request():
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def _choice_fields(request):
    """(admin form, field name, form field) for every model choice on every admin add form."""
    rows = []
    for model_admin in admin.site._registry.values():
        forms_of_admin = [model_admin.get_form(request)]
        forms_of_admin += [
            formset.form for formset, _ in model_admin.get_formsets_with_inlines(request)
        ]
        for form in forms_of_admin:
            for name, field in form.base_fields.items():
                if isinstance(field, forms.ModelChoiceField):
                    rows.append((f"{form.__name__}.{name}", field))
    return rows


def test_every_admin_model_choice_refuses_a_huge_id():
    """Each ModelChoiceField and ModelMultipleChoiceField of the admin says “not a valid choice”."""
    fields = _choice_fields(_superuser_request())
    assert len(fields) > 10  # the admin's many forms were found
    for label, field in fields:
        for value in HUGE:
            posted = [value] if isinstance(field, forms.ModelMultipleChoiceField) else value
            with pytest.raises(ValidationError):
                field.clean(posted)
            assert label  # named in the failure's traceback


def test_a_huge_id_among_real_ones_is_only_left_out():
    """``pk__in`` with an id no row can have finds the others, on either database."""
    article = published_article()
    assert list(Article.objects.filter(pk__in=[article.pk, int("9" * 30)])) == [article]
    assert not Article.objects.filter(pk__in=[int("9" * 30)]).exists()


def test_the_article_form_answers_a_huge_related_article_with_an_error():
    """Posting related_articles=999…9 brings the form back with the field marked."""
    client = logged_in(editor_user())
    data = change_form_data(client, ARTICLE_ADD_URL)
    data["related_articles"] = "9" * 30
    response = client.post(ARTICLE_ADD_URL, data)
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()


def _id_urls(patterns, namespace=""):
    """Every URL name of the site that takes a number or an object id, with those parameters.

    Public addresses take slugs only today; one given an ``<int:…>`` later joins the table.
    """
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _id_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = getattr(pattern.pattern, "converters", {})
            if any(
                isinstance(converter, IntConverter) or name in ("object_id", "pk")
                for name, converter in converters.items()
            ):
                yield f"{namespace}{pattern.name}", list(converters)


ADMIN_OBJECT_URLS = sorted(
    {(name, tuple(ids)) for name, ids in _id_urls(get_resolver().url_patterns)}
)


@pytest.mark.parametrize(("name", "ids"), ADMIN_OBJECT_URLS, ids=[n for n, _ in ADMIN_OBJECT_URLS])
def test_every_id_url_answers_a_huge_id_without_failing(name, ids):
    """/admin/…/<30 digits>/change/ and every other address with an id: “not found”, never a 500.

    The old code answered these already (Django's ``exact`` lookup checks the range); the
    table keeps every object page, the custom review, unpublish and schedule pages
    included, from regressing."""
    client = logged_in(UserFactory(is_staff=True, is_superuser=True))
    client.raise_request_exception = False  # a 500 is what this test looks for
    for value in HUGE:
        response = client.get(reverse(name, kwargs=dict.fromkeys(ids, value.lstrip("-"))))
        # 403: a delete page the admin never offers (revisions, the review log) stays refused.
        assert response.status_code in (302, 403, 404), (name, response.status_code)
        if response.status_code == 302:  # Django's “… doesn't exist” back to the list
            assert "/admin/" in response["Location"]


CHANGELISTS = sorted(
    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    for model in admin.site._registry
)


@pytest.mark.parametrize("url", CHANGELISTS)
def test_every_changelist_answers_a_huge_id_filter_without_failing(url):
    """?id__in=<30 digits> (an ``in`` lookup, the one SQLite overflowed on) is no 500."""
    client = logged_in(UserFactory(is_staff=True, is_superuser=True))
    client.raise_request_exception = False
    for query in ("id__in", "pk__in", "id__exact"):
        response = client.get(url, {query: ",".join(HUGE)})
        assert response.status_code in (200, 302), (url, query, response.status_code)
