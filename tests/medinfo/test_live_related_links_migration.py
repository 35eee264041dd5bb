"""Migration 0020 fills the live related-link table from the snapshots already live (#15)."""

import importlib

import pytest
from django.apps import apps

from medinfo.models import LiveRelatedLink
from tests.factories import DrugFactory
from tests.public_site import publish, republish

pytestmark = pytest.mark.django_db

migration = importlib.import_module("medinfo.migrations.0020_live_related_links")


def test_backfill_records_what_publication_records(uses_article):
    """Rows rebuilt by the migration equal those publication wrote: approved links only."""
    approved = publish(drug=DrugFactory())
    approved.related_articles.add(uses_article)
    republish(approved)
    unapproved = publish(drug=DrugFactory())
    unapproved.related_articles.add(uses_article, approved)  # the form's list, not yet reviewed
    published = sorted(LiveRelatedLink.objects.values_list("article_id", "listed_article_id"))
    LiveRelatedLink.objects.all().delete()
    migration.record_live_links(apps, None)
    backfilled = sorted(LiveRelatedLink.objects.values_list("article_id", "listed_article_id"))
    assert backfilled == published == [(approved.pk, uses_article.pk)]
