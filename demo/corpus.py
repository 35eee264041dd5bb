"""A large synthetic corpus for scale tests and benchmarks (``manage.py generate_corpus``).

Every name is visibly synthetic (“Synthavol-00042”, “[synthetic]” in titles) so
the corpus can never be mistaken for medical content. Rows go in through
bulk inserts; facts snapshots are built once per drug and condition with the
same functions the workflow uses (``medinfo.facts.snapshot_of``: the current
schema version, with the source rows), each with its article's page settings
(ads on, the related articles it links), so the corpus obeys every invariant: live
revisions were submitted, approved by a reviewer who did not write them, and
carry a snapshot, a search vector and public index names.
"""

import gc
import random
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from conditions.models import Condition, ConditionSymptom, Symptom
from drugs.models import (
    BrandName,
    Drug,
    DrugClass,
    EvidenceLevel,
    PrescriptionStatus,
    Use,
    UseKind,
)
from medinfo.facts import (
    FactsSnapshot,
    PageFacts,
    RelatedArticleFacts,
    snapshot_conditions,
    snapshot_drugs,
    snapshot_of,
)
from medinfo.models import (
    Article,
    ArticleKind,
    ArticleRevision,
    LiveRelatedLink,
    PublicName,
    Reviewer,
    ReviewEvent,
)
from medinfo.models import RevisionStatus as Status
from medinfo.roles import EDITORS, REVIEWERS
from medinfo.searchtext import names_text
from website.publicnames import condition_name_rows, drug_name_rows
from website.search import index_revisions

PREFIXES = ["synth", "fict", "exampl", "mock", "demo", "sampl", "placeh", "testa"]
MIDDLES = ["a", "o", "i", "e", "u", "ara", "ivo", "ela", "oxa", "ume"]
SUFFIXES = ["vol", "zine", "pril", "statin", "mab", "dronate", "lukast", "tidine", "cillin", "olol"]
# Every kind an article about a drug or about a condition may have (see Article's constraint).
DRUG_KINDS = [
    ArticleKind.OVERVIEW,
    ArticleKind.USES,
    ArticleKind.SIDE_EFFECTS,
    ArticleKind.DOSAGE,
    ArticleKind.PRECAUTIONS,
    ArticleKind.GENERAL,
]
CONDITION_KINDS = [
    ArticleKind.OVERVIEW,
    ArticleKind.SYMPTOMS,
    ArticleKind.TREATMENT,
    ArticleKind.GENERAL,
]
BATCH = 2000
MARKER = "[synthetic]"


@dataclass
class Sizes:
    drugs: int
    conditions: int
    articles: int
    classes: int = 60
    symptoms: int = 1500
    reviewers: int = 12
    editors: int = 30


def synthetic_name(rng, number):
    return f"{rng.choice(PREFIXES)}{rng.choice(MIDDLES)}{rng.choice(SUFFIXES)}-{number:05d}"


class CorpusBuilder:
    """Builds the corpus stage by stage, reporting progress through ``log``."""

    def __init__(self, sizes, *, seed=1, log=print):
        # A seeded generator makes the corpus reproducible; nothing here is secret.
        self.sizes, self.rng, self.log = sizes, random.Random(seed), log  # noqa: S311  # nosec B311
        self.started = time.monotonic()
        self.now = timezone.now()
        self.search_names = {}  # {(drug_id, condition_id): names_text of the subject's facts}

    def say(self, message):
        self.log(f"[{time.monotonic() - self.started:7.1f}s] {message}")

    def build(self):
        # Millions of new objects, none of them in reference cycles: the cyclic collector's
        # full passes over them cost more the more there are (issue #15).
        collecting = gc.isenabled()
        gc.disable()
        try:
            with transaction.atomic():
                self.people()
                self.structured_data()
                self.articles()
                self.search_and_index()
        finally:
            if collecting:
                gc.enable()
        self.say("done")

    # Stage 1: reviewers and editors.
    def people(self):
        users = get_user_model()
        unusable = "!synthetic-corpus"  # an unusable password hash: nobody can log in
        editors = users.objects.bulk_create(
            [users(username=f"synthetic-editor-{n}", password=unusable, is_staff=True)
             for n in range(self.sizes.editors)]
        )  # fmt: skip
        reviewer_users = users.objects.bulk_create(
            [users(username=f"synthetic-reviewer-{n}", password=unusable, is_staff=True)
             for n in range(self.sizes.reviewers)]
        )  # fmt: skip
        Group.objects.get(name=EDITORS).user_set.add(*editors)
        Group.objects.get(name=REVIEWERS).user_set.add(*reviewer_users)
        self.reviewers = Reviewer.objects.bulk_create(
            [
                Reviewer(user=user, display_name=f"Synthetic Reviewer {n}",
                         slug=f"synthetic-reviewer-{n}", credentials="PharmD",
                         licence_number=f"SYN-{n:06d}", licence_jurisdiction="Nowhere (synthetic)")
                for n, user in enumerate(reviewer_users)
            ]
        )  # fmt: skip
        self.editors = editors
        self.say(f"{len(editors)} editors, {len(self.reviewers)} reviewers")

    # Stage 2: classes, conditions, symptoms, drugs, brands, uses.
    def structured_data(self):
        rng, sizes = self.rng, self.sizes
        self.classes = DrugClass.objects.bulk_create(
            [DrugClass(name=f"synthetic class {n:03d}", abbreviation=f"SC{n:03d}", slug=f"synthetic-class-{n:03d}")
             for n in range(sizes.classes)]
        )  # fmt: skip
        symptoms = Symptom.objects.bulk_create(
            [Symptom(name=f"Synthetic symptom {n:05d}") for n in range(sizes.symptoms)],
            batch_size=BATCH,
        )
        conditions = Condition.objects.bulk_create(
            [Condition(name=f"synthetic condition {n:05d}", slug=f"synthetic-condition-{n:05d}",
                       definition=f"A synthetic condition for scale tests {MARKER}.",
                       other_names=f"syndrome {n:05d}" if n % 4 == 0 else "")
             for n in range(sizes.conditions)],
            batch_size=BATCH,
        )  # fmt: skip
        memberships = []
        for condition in conditions:
            for order, symptom in enumerate(rng.sample(symptoms, rng.randint(3, 12))):
                memberships.append(
                    ConditionSymptom(condition=condition, symptom=symptom, order=order)
                )
        ConditionSymptom.objects.bulk_create(memberships, batch_size=BATCH)
        self.say(f"{len(conditions)} conditions with {len(memberships)} symptom entries")
        self.drugs = Drug.objects.bulk_create(
            [self._drug(n) for n in range(sizes.drugs)], batch_size=BATCH
        )
        brands, uses = [], []
        for drug in self.drugs:
            brands += [
                BrandName(drug=drug, name=f"Brand{drug.pk}x{b}", slug=f"brand{drug.pk}x{b}", mark="™", order=b)
                for b in range(rng.randint(0, 2))
            ]  # fmt: skip
            for order, condition in enumerate(rng.sample(conditions, rng.randint(1, 4))):
                uses.append(self._use(drug, condition, order))
        BrandName.objects.bulk_create(brands, batch_size=BATCH)
        Use.objects.bulk_create(uses, batch_size=BATCH)
        self.conditions = conditions
        self.say(f"{len(self.drugs)} drugs, {len(brands)} brand names, {len(uses)} uses")

    def _drug(self, n):
        name = synthetic_name(self.rng, n)
        status = self.rng.choice(
            [PrescriptionStatus.PRESCRIPTION] * 6 + [PrescriptionStatus.OVER_THE_COUNTER]
        )
        return Drug(
            generic_name=name, official_name=f"{name} hydrochloride", slug=name,
            drug_class=self.rng.choice(self.classes), prescription_status=status,
            summary=f"A synthetic drug for scale tests {MARKER}.",
        )  # fmt: skip

    def _use(self, drug, condition, order):
        kind = UseKind.APPROVED if order == 0 else self.rng.choice(list(UseKind))
        approved = kind == UseKind.APPROVED
        return Use(
            drug=drug, condition=condition, kind=kind, order=order,
            minimum_age=self.rng.choice([None, None, 6, 12, 17, 18]) if approved else None,
            evidence_level="" if approved else self.rng.choice(list(EvidenceLevel)),
        )  # fmt: skip

    # Stage 3: articles with their revisions, events and related articles.
    def articles(self):
        drug_facts_by_id = self._facts(
            snapshot_drugs(), lambda drug: snapshot_of(drug=drug), [d.pk for d in self.drugs]
        )
        condition_facts_by_id = self._facts(
            snapshot_conditions(),
            lambda condition: snapshot_of(condition=condition),
            [c.pk for c in self.conditions],
        )
        self.say("facts snapshots built")
        plans = list(self._article_plans())
        articles = Article.objects.bulk_create(
            [plan["article"] for plan in plans], batch_size=BATCH
        )
        self.say(f"{len(articles)} articles inserted")
        related = self._related_links(articles)
        revisions = []
        for plan, article in zip(plans, articles, strict=True):
            facts = (
                drug_facts_by_id.get(article.drug_id) or condition_facts_by_id[article.condition_id]
            )
            plan["revisions"] = self._revisions(article, facts, plan["states"])
            revisions += plan["revisions"]
        self._capture_pages(plans, related)
        self.say(f"{len(revisions)} revisions built")
        ArticleRevision.objects.bulk_create(revisions, batch_size=BATCH)
        self.say(f"{len(articles)} articles, {len(revisions)} revisions")
        self._link_revisions(plans)
        self.articles_built = articles
        self._events(revisions)
        self._related(related)

    @staticmethod
    def _facts(queryset, snapshot, ids):
        """Each subject's snapshot as stored JSON (current schema, with its source rows)."""
        facts = {}
        for start in range(0, len(ids), 1000):
            for item in queryset.filter(pk__in=ids[start : start + 1000]):
                facts[item.pk] = snapshot(item).to_json()
        return facts

    def _article_plans(self):
        """One article per sampled (subject, kind) pair, as many as asked for and possible."""
        pairs = [(drug, kind) for drug in self.drugs for kind in DRUG_KINDS]
        pairs += [(condition, kind) for condition in self.conditions for kind in CONDITION_KINDS]
        for subject, kind in self.rng.sample(pairs, min(self.sizes.articles, len(pairs))):
            on_drug = isinstance(subject, Drug)
            yield {
                "article": Article(
                    kind=kind,
                    slug=kind,
                    drug=subject if on_drug else None,
                    condition=None if on_drug else subject,
                ),  # fmt: skip
                "states": self._states(),
            }

    def _states(self):
        """Most articles live with older approved revisions; some pending or draft-only."""
        roll = self.rng.random()
        approved = [Status.APPROVED] * self.rng.randint(1, 3)
        if roll < 0.80:
            return approved
        if roll < 0.90:
            return [*approved, Status.IN_REVIEW]
        if roll < 0.95:
            return [*approved, Status.DRAFT]
        return [Status.DRAFT]

    def _revisions(self, article, facts, states):
        subject = (facts["drug"] or {}).get("generic_name") or facts["condition"]["name"]
        # One subject's articles share its snapshot, so its names are read from it once.
        key = (article.drug_id, article.condition_id)
        if key not in self.search_names:
            self.search_names[key] = names_text(facts)
        search_names = self.search_names[key]
        revisions = []
        for number, status in enumerate(states, start=1):
            decided = status == Status.APPROVED
            body = f"<p>Synthetic revision {number} about {subject}. {MARKER}</p>"
            revisions.append(ArticleRevision(
                article=article, number=number, status=status, author=self.rng.choice(self.editors),
                title=f"{article.get_kind_display().capitalize()}: {subject}? {MARKER}",
                lead=f"Synthetic lead for {subject}; not medical information.",
                body=body, search_description=f"Synthetic article about {subject}.",
                facts=facts if status != Status.DRAFT else {},
                search_names=search_names, search_text=body[3:-4],
                submitted_at=self.now if status != Status.DRAFT else None,
                reviewer=self.rng.choice(self.reviewers) if decided else None,
                reviewed_at=self.now if decided else None,
            ))  # fmt: skip
            _freeze_byline(revisions[-1])
        return revisions

    def _link_revisions(self, plans):
        changed = []
        for plan in plans:
            article, revisions = plan["article"], plan["revisions"]
            approved = [r for r in revisions if r.status == Status.APPROVED]
            article.latest_revision = revisions[-1]
            article.live_revision = approved[-1] if approved else None
            article.first_published_at = self.now if approved else None
            article.review_due_on = (
                (self.now + timezone.timedelta(days=self.rng.randint(-30, 365))).date()
                if approved
                else None
            )
            changed.append(article)
        _link(changed)
        self.say("live and latest revisions linked")

    def _events(self, revisions):
        contributors, events = [], []
        through = ArticleRevision.contributors.through
        state = ReviewEvent.State
        for revision in revisions:
            contributors.append(through(articlerevision_id=revision.pk, user_id=revision.author_id))
            steps = [(state.NONE, state.DRAFT, revision.author_id)]
            if revision.status != Status.DRAFT:
                steps.append((state.DRAFT, state.IN_REVIEW, revision.author_id))
            if revision.status == Status.APPROVED:
                steps.append((state.IN_REVIEW, state.APPROVED, revision.reviewer.user_id))
            events += [
                ReviewEvent(article_id=revision.article_id, revision=revision, actor_id=actor,
                            from_state=source, to_state=target)
                for source, target, actor in steps
            ]  # fmt: skip
        through.objects.bulk_create(contributors, batch_size=BATCH)
        ReviewEvent.objects.bulk_create(events, batch_size=BATCH)
        self.say(f"{len(events)} review events")

    def _related_links(self, articles):
        """{article: the articles it lists as related}, up to three each."""
        return {
            article: sorted(
                (
                    o
                    for o in self.rng.sample(articles, self.rng.randint(0, 3))
                    if o.pk != article.pk
                ),
                key=lambda other: other.pk,
            )
            for article in articles
        }

    @staticmethod
    def _capture_pages(plans, related):
        """Give each submitted revision the page settings submitting would capture."""
        titles = {plan["article"]: plan["revisions"][-1].title for plan in plans}
        for plan in plans:
            links = related[plan["article"]]
            page = PageFacts(
                related_articles=tuple(
                    RelatedArticleFacts(
                        article_id=other.pk, title=titles[other], address=other.get_absolute_url()
                    )
                    for other in links
                )
            )
            stored = FactsSnapshot(page=page).to_json()["page"]
            for revision in plan["revisions"]:
                if revision.facts:
                    revision.facts = {**revision.facts, "page": stored}

    def _related(self, related):
        through = Article.related_articles.through
        rows = [
            through(from_article_id=article.pk, to_article_id=other.pk)
            for article, links in related.items()
            for other in links
        ]
        through.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        # Live pages list what their approved snapshot lists: here, the same links.
        live = [
            LiveRelatedLink(article=article, listed_article_id=other.pk)
            for article, links in related.items()
            if article.live_revision is not None
            for other in links
        ]
        LiveRelatedLink.objects.bulk_create(live, batch_size=BATCH)
        self.say(f"{len(rows)} related-article links, {len(live)} of them on live pages")

    # Stage 4: search vectors and the public A–Z names, from the rows just created.
    def search_and_index(self):
        self._analyze()
        live = [article.live_revision for article in self.articles_built if article.live_revision]
        ids = [revision.pk for revision in live]
        for start in range(0, len(ids), BATCH):
            index_revisions(ArticleRevision.objects.filter(pk__in=ids[start : start + BATCH]))
        self.say("search vectors stored")
        rows, seen = [], set()
        for article in self.articles_built:
            if article.live_revision is None:
                continue
            facts = article.live_revision.facts
            if article.drug_id and ("drug", article.drug_id) not in seen:
                seen.add(("drug", article.drug_id))
                rows += drug_name_rows(article.drug_id, facts)
            if article.condition_id and ("condition", article.condition_id) not in seen:
                seen.add(("condition", article.condition_id))
                rows += condition_name_rows(article.condition_id, facts)
        PublicName.objects.bulk_create(rows, batch_size=BATCH)
        self.say(f"{len(rows)} public index names")

    @staticmethod
    def _analyze():
        """Give PostgreSQL's planner statistics of the tables just filled.

        Everything went in in one transaction, which autovacuum cannot see: without
        this, later queries were planned for empty tables (a 50,000-article run spent
        813 of its 935 s on one join planned that way, issue #15).
        """
        if connection.vendor != "postgresql":
            return
        tables = [model._meta.db_table for model in (
            Drug, BrandName, Use, Condition, ConditionSymptom, Symptom, Article, ArticleRevision,
            ReviewEvent, PublicName, LiveRelatedLink,
        )]  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")  # noqa: S608  # nosec B608


LINKED = ["latest_revision", "live_revision", "first_published_at", "review_due_on"]


def _link(articles):
    """Store the articles' revision links and dates.

    On PostgreSQL one ``UPDATE … FROM (VALUES …)`` per batch: ``bulk_update``'s
    ``CASE WHEN`` per row and field took 43 of 247 s at 50,000 articles (issue #15).
    """
    if connection.vendor != "postgresql":
        Article.objects.bulk_update(articles, LINKED, batch_size=BATCH)
        return
    row = "(%s::bigint, %s::bigint, %s::bigint, %s::timestamptz, %s::date)"
    with connection.cursor() as cursor:
        for start in range(0, len(articles), BATCH):
            batch = articles[start : start + BATCH]
            values = [
                value
                for a in batch
                for value in (a.pk, a.latest_revision_id, a.live_revision_id,
                              a.first_published_at, a.review_due_on)
            ]  # fmt: skip
            cursor.execute(
                f"UPDATE {Article._meta.db_table} AS a SET latest_revision_id = v.latest,"  # noqa: S608  # nosec B608
                " live_revision_id = v.live, first_published_at = v.published,"
                " review_due_on = v.due"
                f" FROM (VALUES {', '.join([row] * len(batch))})"
                " AS v(id, latest, live, published, due) WHERE a.id = v.id",
                values,
            )


def _freeze_byline(revision):
    """The byline as the workflow freezes it at a decision."""
    if revision.reviewer is not None:
        revision.reviewer_name = revision.reviewer.display_name
        revision.reviewer_credentials = revision.reviewer.credentials
