"""Admin lists print their rows without per-row template or URL work (issue #15), and the
rows read exactly as Django printed them: the same selection boxes, the same links."""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags import admin_urls
from django.test.signals import template_rendered
from django.urls import reverse

from conditions.models import Condition
from drugs.models import Drug
from tests.factories import ConditionFactory, DrugFactory, submitted_revision

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:medinfo_article_changelist")
LISTS_WITH_ACTIONS = {Drug: DrugFactory, Condition: ConditionFactory}  # articles have none


def rendered_templates(client, url):
    """(response, names of the templates rendered for it)."""
    names = []

    def note(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(note)
    try:
        response = client.get(url)
    finally:
        template_rendered.disconnect(note)
    assert response.status_code == 200
    return response, names


@pytest.mark.parametrize("model", LISTS_WITH_ACTIONS)
def test_row_boxes_are_djangos_markup_without_a_template(admin_client, model):
    """Each row's selection box is Django's, written without a form template (one a row before)."""
    LISTS_WITH_ACTIONS[model].create_batch(3)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response, templates = rendered_templates(admin_client, url)
    html = response.content.decode()
    for obj in model.objects.all():
        assert admin.ModelAdmin.action_checkbox(admin.site._registry[model], obj) in html
    assert "django/forms/widgets/checkbox.html" not in templates


def resolving(monkeypatch):
    """The addresses Django's ``add_preserved_filters`` resolves."""
    resolved = []

    def resolve(path, *args, **kwargs):
        resolved.append(path)
        return real(path, *args, **kwargs)

    real = admin_urls.resolve
    monkeypatch.setattr(admin_urls, "resolve", resolve)
    return resolved


def test_filtered_row_links_keep_the_filters_without_resolving_each(admin_client, monkeypatch):
    """Rows of the review queue link to their form with the queue's filter, as Django wrote it,
    and no row's link is resolved (one resolve a row before)."""
    articles = [submitted_revision().article for _ in range(3)]
    resolved = resolving(monkeypatch)
    html = admin_client.get(ARTICLES + "?workflow=in-review").content.decode()
    for article in articles:
        change = reverse("admin:medinfo_article_change", args=[article.pk])
        assert f'href="{change}?_changelist_filters=workflow%3Din-review"' in html
    assert not [path for path in resolved if path.endswith("/change/")]
