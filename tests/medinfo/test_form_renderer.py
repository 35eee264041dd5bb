"""The form renderer (``common.renderers.WidgetRenderer``) draws every form as Django's
template renderer did: the same document on every admin screen, filled, empty, invalid,
and with hostile text in its values.

The renderer takes Django's Jinja2 copies of its widget templates. They differ from the
Django-template copies in bytes, never in the document: Jinja2 drops the newline after
each ``<option>`` and spells ``'`` as ``&#39;`` where Django writes ``&#x27;``. The
documents are therefore compared parsed (``django.test.html``), which keeps every
element, attribute and text and ignores only whitespace between tags and how a
character is escaped.
"""

import functools
import re

import pytest
from django.contrib import admin
from django.forms import renderers
from django.test.html import parse_html
from django.test.utils import override_settings
from django.urls import reverse

from common.renderers import WidgetRenderer
from drugs.models import BrandName, Drug
from tests.hostile import NOT_STORABLE, PAYLOADS

pytestmark = pytest.mark.django_db

DJANGO_RENDERER = "django.forms.renderers.DjangoTemplates"
WIDGET_RENDERER = "common.renderers.WidgetRenderer"
REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
# Values that change from one request to the next whatever renders them.
PER_REQUEST = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken"'),
    (re.compile(r"/preview/[^/\"']+/"), "/preview/token/"),
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def document(response):
    assert response.status_code in (200, 302), response.status_code
    html = response.content.decode()
    for pattern, replacement in PER_REQUEST:
        html = pattern.sub(replacement, html)
    return parse_html(html)


def rendered_by_both(fetch):
    """The page ``fetch()`` answers, under Django's renderer and under ours."""
    pages = []
    for renderer in (DJANGO_RENDERER, WIDGET_RENDERER):
        renderers.get_default_renderer.cache_clear()
        with override_settings(FORM_RENDERER=renderer):
            pages.append(document(fetch()))
    renderers.get_default_renderer.cache_clear()
    return pages


def test_settings_use_the_widget_renderer():
    """Failed before the renderer was set: forms drew through Django's own."""
    assert isinstance(renderers.get_default_renderer(), WidgetRenderer)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_every_admin_form_is_the_same_document(admin_client, one_of_everything, model):
    """The change form of a row of each model, its add form, and the add form posted empty
    (every error message): one document under both renderers."""
    first = model._default_manager.first()
    pages = [lambda: admin_client.get(admin_url(model, "change", first.pk))]
    if admin_client.get(admin_url(model, "add")).status_code == 200:
        pages.append(lambda: admin_client.get(admin_url(model, "add")))
        pages.append(lambda: admin_client.post(admin_url(model, "add"), {}))
    for fetch in pages:
        by_django, by_ours = rendered_by_both(fetch)
        assert by_ours == by_django


def test_the_review_screens_are_the_same_document(admin_client, one_of_everything):
    """The pharmacist's review screen (its approval form) and the unpublish form."""
    revision = one_of_everything.live_revision
    for url in (
        reverse("admin:medinfo_articlerevision_review", args=[revision.pk]),
        reverse("admin:medinfo_article_compare", args=[one_of_everything.pk]),
        reverse("admin:login"),
    ):
        by_django, by_ours = rendered_by_both(functools.partial(admin_client.get, url))
        assert by_ours == by_django, url


@pytest.mark.parametrize(
    "payload", [name for name in PAYLOADS if name not in NOT_STORABLE], ids=str
)
def test_hostile_values_are_the_same_document(admin_client, one_of_everything, payload):
    """Text fields, a select's labels and an inline row holding every awkward character:
    the same text, escaped, under both renderers (Jinja2 escapes on its own rules)."""
    drug = Drug.objects.get(slug="milnacipran")
    Drug.objects.filter(pk=drug.pk).update(official_name=PAYLOADS[payload][:200])
    BrandName.objects.filter(drug=drug).update(name=PAYLOADS[payload][:100])
    url = admin_url(Drug, "change", drug.pk)
    by_django, by_ours = rendered_by_both(lambda: admin_client.get(url))
    assert by_ours == by_django
    assert "<script>alert" not in admin_client.get(url).content.decode()
