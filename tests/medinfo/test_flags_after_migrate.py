"""After migrations of the fact apps, the “facts changed since review” flags and the A–Z
names are set anew from the data as the migrations left it (issue #12, outside tester).

Failed on the old code: drugs migration 0006 moved the ages to the uses and gave every
off-label use the evidence level “expert opinion” with bulk updates, which send no
signals, so on an existing database each flag still said what the diff said before
the migration, and the A–Z names kept their old wording until the next approval.
"""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from drugs.models import EvidenceLevel, MarketingStatus, Use, UseKind
from medinfo.facts import capture_facts, facts_differ
from medinfo.models import Article, PublicName
from tests.factories import milnacipran
from tests.public_site import publish

pytestmark = pytest.mark.django_db

DRUGS_0006 = ("drugs", "0006_ages_per_use_from_drug")


def migrated(*keys):
    """Send post_migrate as ``migrate`` does after applying the migrations ``keys``."""
    graph = MigrationLoader(connection).graph
    plan = [(graph.nodes[key], False) for key in keys]
    emit_post_migrate_signal(0, False, connection.alias, plan=plan, apps=apps)


def rewrite_evidence_as_a_migration_does(level):
    """What 0006 did to off-label uses: a bulk write, no signals."""
    Use.objects.filter(kind=UseKind.OFF_LABEL).update(evidence_level=level)


def flag(article):
    return Article.objects.get(pk=article.pk).facts_changed


@pytest.fixture
def article():
    """A live milnacipran article; its off-label use (depression) rests on clinical trials."""
    return publish(drug=milnacipran())


def test_a_fact_migration_flags_the_articles_whose_facts_it_changed(article):
    """Evidence rewritten by a migration: the article is flagged, as its diff now says."""
    rewrite_evidence_as_a_migration_does(EvidenceLevel.EXPERT_OPINION)
    assert flag(article) is False  # stale: what the migration left behind
    migrated(DRUGS_0006)
    assert flag(article) is True


def test_a_fact_migration_clears_flags_its_change_made_untrue(article):
    """A flag the data no longer supports is cleared."""
    Article.objects.filter(pk=article.pk).update(facts_changed=True)
    migrated(DRUGS_0006)
    assert flag(article) is False


def test_every_flag_equals_the_diff_after_migrating(article):
    """Each live article's flag is exactly “its approved facts differ from the current ones”."""
    other = publish(condition=Use.objects.get(kind=UseKind.OFF_LABEL).condition, slug="overview")
    rewrite_evidence_as_a_migration_does(EvidenceLevel.CASE_REPORTS)
    migrated(DRUGS_0006)
    for live in Article.objects.filter(pk__in=[article.pk, other.pk]).select_related(
        "live_revision"
    ):
        expected = facts_differ(live.live_revision.facts, capture_facts(live), article=live)
        assert live.facts_changed is expected is True


@pytest.mark.parametrize("plan", [(), (("ads", "0001_initial"),)])
def test_migrations_of_other_apps_or_none_leave_the_flags_alone(article, plan):
    """``migrate`` with nothing to do, or only other apps' migrations, reads no facts."""
    rewrite_evidence_as_a_migration_does(EvidenceLevel.EXPERT_OPINION)
    migrated(*plan)
    assert flag(article) is False


def test_migrate_with_nothing_to_apply_reads_no_facts(article, monkeypatch):
    """Every deploy's usual ``migrate`` (nothing to apply) recomputes nothing."""

    def refuse():
        raise AssertionError("recomputed without a migration")

    monkeypatch.setattr("medinfo.signals.refresh_all_facts_flags", refuse)
    monkeypatch.setattr("website.publicnames.refresh_all_public_names", refuse)
    call_command("migrate", verbosity=0)


def test_a_fact_migration_rebuilds_the_a_to_z_names(article):
    """Names rebuilt with the current wording: a former brand says so after the migration."""
    drug = article.drug
    drug.brand_names.update(status=MarketingStatus.DISCONTINUED, discontinued_year=2022)
    publish(drug=drug, slug="side-effects", title="Side Effects")
    PublicName.objects.filter(kind=PublicName.Kind.BRAND).update(name="Savella®")  # old wording
    migrated(DRUGS_0006)
    names = set(
        PublicName.objects.filter(kind=PublicName.Kind.BRAND).values_list("name", flat=True)
    )
    assert names == {"Savella® (former brand)"}


def test_the_command_rebuilds_the_a_to_z_names(article):
    """``manage.py refresh_public_names`` does the same for a release without migrations."""
    PublicName.objects.filter(kind=PublicName.Kind.BRAND).update(name="Old wording®")
    call_command("refresh_public_names", verbosity=0)
    names = set(
        PublicName.objects.filter(kind=PublicName.Kind.BRAND).values_list("name", flat=True)
    )
    assert names == {"Savella®"}
