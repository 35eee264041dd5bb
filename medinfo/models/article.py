"""Articles and their immutable revisions (the review log is in ``review_event``).

Editors reach them in the admin under "Editorial". The public reads only
``Article.objects.live()`` and each article's ``live_revision``.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse

from common.text import PlainTextMixin

from ..fields import SanitizedHTMLField
from ..references import validate_references
from .queues import EditorialQueues
from .reviewer import Reviewer


class ArticleKind(models.TextChoices):
    OVERVIEW = "overview", "overview"
    USES = "uses", "uses"
    SIDE_EFFECTS = "side-effects", "side effects"
    DOSAGE = "dosage", "dosage"
    PRECAUTIONS = "precautions", "precautions"
    SYMPTOMS = "symptoms", "symptoms"
    TREATMENT = "treatment", "treatment"
    GENERAL = "general", "general"
    # About, Editorial policy …: about the site, not a drug or condition; at /<slug>/.
    SITE_PAGE = "site-page", "site page"


DRUG_KINDS = [
    ArticleKind.USES,
    ArticleKind.SIDE_EFFECTS,
    ArticleKind.DOSAGE,
    ArticleKind.PRECAUTIONS,
]
CONDITION_KINDS = [ArticleKind.SYMPTOMS, ArticleKind.TREATMENT]
HAS_DRUG = models.Q(drug__isnull=False)
HAS_CONDITION = models.Q(condition__isnull=False)
IS_SITE_PAGE = models.Q(kind=ArticleKind.SITE_PAGE)


class ArticleQuerySet(EditorialQueues):
    """Articles by what the public may see; the editorial queues come from ``EditorialQueues``."""

    def live(self):
        """Articles the public may see: those with an approved live revision."""
        return self.filter(live_revision__isnull=False)

    def site_pages(self):
        """About, Editorial policy and the other pages about the site itself."""
        return self.filter(IS_SITE_PAGE)

    def about_subjects(self):
        """Articles about a drug or a condition: what lists of articles show, not site pages."""
        return self.exclude(IS_SITE_PAGE)

    def with_live_revision(self):
        """Live articles with what their pages need, leaving out the search columns."""
        return (
            self.live()
            .select_related("live_revision__reviewer", "drug", "condition")
            .defer(*(f"live_revision__{name}" for name in ArticleRevision.SEARCH_FIELDS))
        )

    def newest_approved_first(self):
        """Live articles, the latest approval first (home page, feed).

        Read from the newest end of the ``revision_reviewed_newest`` index, so taking
        the first few costs the same at 50,000 live articles as at 50.
        """
        return (
            self.live()
            .filter(live_revision__reviewed_at__isnull=False)
            .order_by("-live_revision__reviewed_at", "-live_revision_id")
        )

    def scheduled(self):
        """Articles with an approved revision waiting to go live (``scheduled_go_live__go_live_at``)."""
        return self.filter(scheduled_go_live__isnull=False)


def article_path(slug, *, drug_slug=None, condition_slug=None):
    """An article's public address (DESIGN.md's URL contract): under its drug if it has
    one, else under its condition; only site pages have neither (the kind constraint)."""
    if drug_slug:
        return reverse("drugs:article", kwargs={"drug_slug": drug_slug, "article_slug": slug})
    if condition_slug:
        return reverse(
            "conditions:article", kwargs={"condition_slug": condition_slug, "article_slug": slug}
        )
    return reverse("site_page", kwargs={"page_slug": slug})


class Article(models.Model):
    """The stable identity of one article (its URL); its words live in revisions.

    Editors create and edit articles under Editorial → Articles; what the public
    sees is always ``live_revision``, which only a pharmacist's approval sets.
    """

    slug = models.SlugField(
        "slug",
        max_length=120,
        help_text="Last URL part, e.g. “uses” in /drugs/milnacipran/uses/, or “about” for the "
        "site page /about/.",
    )
    kind = models.CharField(
        "kind",
        max_length=20,
        choices=ArticleKind.choices,
        help_text="e.g. “uses”; “site page” for a page about MedInfo itself, such as About, "
        "with neither drug nor condition.",
    )
    drug = models.ForeignKey(
        "drugs.Drug",
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        verbose_name="drug",
        help_text="The drug it is about; required for uses, side effects, dosage and precautions.",
    )
    condition = models.ForeignKey(
        "conditions.Condition",
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        verbose_name="condition",
        help_text="The condition it is about; required for symptoms and treatment.",
    )
    live_revision = models.ForeignKey(
        "ArticleRevision",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name="live revision",
    )
    latest_revision = models.ForeignKey(
        "ArticleRevision",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name="latest revision",
    )
    ads_enabled = models.BooleanField(
        "show ads", default=True, help_text="Untick to remove every ad placement from this article."
    )
    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="related_from",
        blank=True,
        verbose_name="related articles",
        help_text="Shown under the article, e.g. “What Is Fibromyalgia?”.",
    )
    review_due_on = models.DateField(
        "review due", null=True, blank=True, editable=False, db_index=True
    )
    facts_changed = models.BooleanField(
        "facts changed since review", default=False, editable=False, db_index=True
    )
    first_published_at = models.DateTimeField("first published", null=True, editable=False)
    created_at = models.DateTimeField("created", auto_now_add=True, db_index=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="article_has_the_subject_its_kind_needs",
                condition=(models.Q(kind__in=DRUG_KINDS) & HAS_DRUG)
                | (models.Q(kind__in=CONDITION_KINDS) & HAS_CONDITION)
                | (
                    models.Q(kind__in=[ArticleKind.OVERVIEW, ArticleKind.GENERAL])
                    & (HAS_DRUG | HAS_CONDITION)
                )
                | (IS_SITE_PAGE & models.Q(drug__isnull=True, condition__isnull=True)),
                violation_error_message=(
                    "Uses, side effects, dosage and precautions articles need a drug; "
                    "symptoms and treatment articles need a condition; site pages need "
                    "neither; others need either."
                ),
            ),
            models.UniqueConstraint(
                fields=["drug", "slug"],
                condition=HAS_DRUG,
                name="article_slug_unique_per_drug",
                violation_error_message="This drug already has an article with this slug.",
            ),
            models.UniqueConstraint(
                fields=["condition", "slug"],
                condition=models.Q(drug__isnull=True) & HAS_CONDITION,
                name="article_slug_unique_per_condition",
                violation_error_message="This condition already has an article with this slug.",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=IS_SITE_PAGE,
                name="article_slug_unique_per_site_page",
                violation_error_message="Another site page already has this address.",
            ),
        ]

    def __str__(self):
        revision = self.latest_revision or self.live_revision
        if revision:
            return revision.title
        return f"{self.subject or 'MedInfo'} — {self.get_kind_display()}"

    def get_absolute_url(self):
        return article_path(
            self.slug,
            drug_slug=self.drug.slug if self.drug_id else None,
            condition_slug=self.condition.slug if self.condition_id else None,
        )

    def clean(self):
        super().clean()
        if self.kind == ArticleKind.SITE_PAGE and self.slug:
            self._refuse_taken_site_address()

    def _refuse_taken_site_address(self):
        """A site page lives at /<slug>/, so the slug may not name an address the site uses."""
        try:
            taken = resolve(f"/{self.slug}/").url_name != "site_page"
        except Resolver404:
            taken = True
        if taken:
            raise ValidationError(
                {"slug": f"/{self.slug}/ is an address the site already uses; choose another slug."}
            )

    @property
    def subject(self):
        return self.drug or self.condition

    @property
    def has_pending_changes(self):
        return bool(self.live_revision_id and self.latest_revision_id != self.live_revision_id)

    @property
    def state_label(self):
        """The article's place in the workflow, as the admin shows it."""
        latest = self.latest_revision
        if self.live_revision_id:
            if self.has_pending_changes:
                return f"published, changes pending ({latest.get_status_display()})"
            return "published"
        if latest is None:
            return "new"
        if latest.status == RevisionStatus.APPROVED:
            # Approved but never live: its go-live is scheduled, or was cancelled.
            return "unpublished" if self.first_published_at else "approved, not yet live"
        return latest.get_status_display()


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    IN_REVIEW = "in_review", "in review"
    CHANGES_REQUESTED = "changes_requested", "changes requested"
    APPROVED = "approved", "approved"


class ImmutableRevisionError(ValidationError):
    """Raised when code tries to change a revision that has been submitted."""


class ArticleRevision(PlainTextMixin, models.Model):
    """One numbered version of an article's words, references and facts.

    Editable while a draft; frozen from the moment it is submitted, so what a
    pharmacist approved is exactly what the public reads. Reached from the
    article's change page and the review screen.
    """

    # The words an editor writes; forms, the admin and the workflow read this list.
    TEXT_FIELDS = ("title", "lead", "body", "search_description")
    # Everything an editor puts into a draft, which the next draft starts from.
    DRAFT_FIELDS = (*TEXT_FIELDS, "references")
    CONTENT_FIELDS = frozenset({*DRAFT_FIELDS, "facts"})
    SEARCH_FIELDS = ("search_names", "search_text", "search_vector")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name="article"
    )
    number = models.PositiveIntegerField("number", help_text="1 for the first revision.")
    status = models.CharField(
        "status", max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.DRAFT
    )
    title = models.CharField(
        "title", max_length=200, help_text="A question, e.g. “What Is Milnacipran Used For?”."
    )
    lead = models.TextField(
        "lead", help_text="The opening paragraph in plain text, e.g. “Milnacipran can help…”."
    )
    body = SanitizedHTMLField(
        "body",
        blank=True,
        help_text="The article's sections; use Heading 2 for each section title.",
    )
    search_description = models.CharField(
        "search description",
        max_length=300,
        blank=True,
        help_text="One sentence for search engines, e.g. “What milnacipran (Savella) treats…”.",
    )
    references = models.JSONField(
        "references",
        default=list,
        blank=True,
        validators=[validate_references],
        help_text="The sources the text rests on, numbered in this order on the page.",
    )
    facts = models.JSONField(
        "facts snapshot",
        default=dict,
        blank=True,
        editable=False,
        help_text="The structured facts the page shows, captured when the revision is submitted.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="authored_revisions",
        verbose_name="author",
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="contributed_revisions",
        verbose_name="contributors",
        help_text="Everyone who saved this revision's text; none of them may approve it.",
    )
    version = models.PositiveIntegerField(
        "edit version", default=1, help_text="Increases on each save; detects stale saves."
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last saved", auto_now=True)
    submitted_at = models.DateTimeField("submitted", null=True, blank=True)
    reviewer = models.ForeignKey(
        Reviewer,
        on_delete=models.PROTECT,
        related_name="reviewed_revisions",
        null=True,
        blank=True,
        verbose_name="reviewer",
    )
    reviewed_at = models.DateTimeField("reviewed", null=True, blank=True, db_index=True)
    # The byline as it stood at the decision: part of what was approved, so a later
    # profile edit never changes a published page.
    reviewer_name = models.CharField(
        "reviewer's name at review",
        max_length=120,
        blank=True,
        editable=False,
        help_text="Frozen at the decision, e.g. “Kristi Monson”.",
    )
    reviewer_credentials = models.CharField(
        "reviewer's credentials at review",
        max_length=60,
        blank=True,
        editable=False,
        help_text="Frozen at the decision, e.g. “PharmD”.",
    )
    decision_comment = models.TextField("decision comment", blank=True)
    # Derived at submission for search; not content, so not covered by immutability.
    search_names = models.TextField("names for search", blank=True, editable=False)
    search_text = models.TextField("plain text for search", blank=True, editable=False)
    search_vector = SearchVectorField("search vector", null=True, editable=False)
    # Derived from the lead and body whenever the workflow saves them (medinfo.readability);
    # like the search columns it is no part of what is approved, so the guards leave it writable.
    readability_grade = models.FloatField(
        "reading grade",
        null=True,
        blank=True,
        editable=False,
        help_text="Flesch-Kincaid grade of the lead and body, e.g. 7.4; patient text aims at 8 or below.",
    )

    class Meta:
        verbose_name = "article revision"
        verbose_name_plural = "article revisions"
        ordering = ["article", "-number"]
        get_latest_by = "number"
        permissions = [("approve_articlerevision", "Can approve or request changes to a revision")]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="revision_number_unique_per_article"
            ),
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(status__in=[RevisionStatus.DRAFT, RevisionStatus.IN_REVIEW]),
                name="revision_one_open_per_article",
                violation_error_message="This article already has a draft or a revision in review.",
            ),
            models.CheckConstraint(
                name="revision_status_valid", condition=models.Q(status__in=RevisionStatus.values)
            ),
            models.CheckConstraint(
                name="revision_decision_has_reviewer",
                condition=models.Q(
                    status__in=[RevisionStatus.DRAFT, RevisionStatus.IN_REVIEW],
                    reviewer__isnull=True,
                )
                | models.Q(
                    status__in=[RevisionStatus.APPROVED, RevisionStatus.CHANGES_REQUESTED],
                    reviewer__isnull=False,
                    reviewed_at__isnull=False,
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "article"], name="revision_status_article"),
            # The queues join articles to their latest revision by id and keep those with a
            # status ("in review": ArticleQuerySet.with_latest_status), read from the index
            # alone: the table rows took 14 ms of the queue's count at 50,000 articles.
            models.Index(fields=["status", "id"], name="revision_status_id"),
            # Newest approvals first (ArticleQuerySet.newest_approved_first); drafts have none.
            models.Index(
                fields=["-reviewed_at", "-id"],
                name="revision_reviewed_newest",
                condition=models.Q(reviewed_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.title} (revision {self.number}, {self.get_status_display()})"

    def save(self, *args, **kwargs):
        self._refuse_changing_submitted_content(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:medinfo_articlerevision_review", args=[self.pk])

    def _refuse_changing_submitted_content(self, update_fields):
        """A submitted revision's words, references and facts never change (the core invariant)."""
        if self._state.adding:
            return
        if update_fields is not None and not self.CONTENT_FIELDS & set(update_fields):
            return
        stored_status = (
            type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        )
        if stored_status not in (None, RevisionStatus.DRAFT):
            raise ImmutableRevisionError("A submitted revision cannot be changed.")

    @property
    def is_editable(self):
        return self.status == RevisionStatus.DRAFT

    @property
    def byline(self):
        """The reviewer as printed when they decided, e.g. “Kristi Monson, PharmD”.

        Frozen at the decision; a later profile edit never changes it. Empty for an
        undecided revision.
        """
        if not self.reviewer_name:
            return ""
        if self.reviewer_credentials:
            return f"{self.reviewer_name}, {self.reviewer_credentials}"
        return self.reviewer_name
