"""Structured drug facts: classes, drugs, brand names and uses.

Editors maintain these in the admin ("Drugs" section). Articles never show them
directly: submitting a revision copies the facts it shows into a snapshot, so an
edit here reaches the public only when a pharmacist approves a new revision.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.text import PlainTextMixin, PlainTextQuerySet, UniqueNameMixin, name_key_field


class DrugClass(PlainTextMixin, models.Model):
    """A pharmacological class such as the SNRIs; edited under Drugs → Drug classes."""

    name = models.CharField(
        "name",
        max_length=120,
        unique=True,
        help_text="Plural class name in lower case, e.g. “serotonin-norepinephrine reuptake inhibitors”.",
    )
    abbreviation = models.CharField(
        "abbreviation", max_length=20, blank=True, help_text="Common short form, e.g. “SNRI”."
    )
    slug = models.SlugField("slug", max_length=120, unique=True, help_text="URL part, e.g. “snri”.")
    description = models.TextField(
        "short description",
        blank=True,
        help_text="One or two plain sentences, e.g. “Medicines that raise serotonin and norepinephrine levels.”",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "drug class"
        verbose_name_plural = "drug classes"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def get_absolute_url(self):
        return reverse("drugs:index") + f"?class={self.slug}"

    @property
    def plural_label(self):
        """The class as the page names it: “SNRIs”, or the full name without an abbreviation."""
        return f"{self.abbreviation}s" if self.abbreviation else self.name


class PrescriptionStatus(models.TextChoices):
    PRESCRIPTION = "prescription", "prescription only"
    OVER_THE_COUNTER = "otc", "over the counter"
    # Sold both ways, e.g. omeprazole (Prilosec OTC) and ibuprofen (prescription strengths).
    PRESCRIPTION_AND_OTC = "prescription_and_otc", "prescription and over the counter"
    CONTROLLED = "controlled", "controlled substance"


class ControlledSchedule(models.TextChoices):
    II = "II", "Schedule II"
    III = "III", "Schedule III"
    IV = "IV", "Schedule IV"
    V = "V", "Schedule V"


class DrugQuerySet(PlainTextQuerySet):
    def with_facts(self):
        """Everything a drug's facts need, in a fixed number of queries.

        Each use comes with its condition, and a drug's uses are ordered as ``Use`` orders
        them within one drug, without the join to the drugs its ordering adds to sort
        across drugs (the article form at 50,000 articles, issue #15).
        """
        uses = Use.objects.select_related("condition").order_by("order", "pk")
        return self.select_related("drug_class").prefetch_related(
            "brand_names", models.Prefetch("uses", queryset=uses)
        )


class Drug(UniqueNameMixin, models.Model):
    """A medicine by its generic name, e.g. milnacipran; edited under Drugs → Drugs."""

    generic_name = models.CharField(
        "generic name",
        max_length=120,
        unique=True,
        help_text="Lower-case generic name, e.g. “milnacipran”.",
    )
    name_key = name_key_field()
    official_name = models.CharField(
        "official name",
        max_length=200,
        blank=True,
        help_text="Full name of the active ingredient, e.g. “milnacipran hydrochloride”.",
    )
    slug = models.SlugField(
        "slug", max_length=120, unique=True, help_text="URL part, e.g. “milnacipran”."
    )
    drug_class = models.ForeignKey(
        DrugClass,
        on_delete=models.PROTECT,
        related_name="drugs",
        verbose_name="drug class",
        null=True,
        blank=True,
        help_text="The class it belongs to, e.g. SNRIs.",
    )
    prescription_status = models.CharField(
        "prescription status",
        max_length=20,
        choices=PrescriptionStatus.choices,
        default=PrescriptionStatus.PRESCRIPTION,
        help_text="How patients obtain it, e.g. “prescription only”.",
    )
    controlled_schedule = models.CharField(
        "controlled-substance schedule",
        max_length=3,
        choices=ControlledSchedule.choices,
        blank=True,
        help_text="Only for controlled substances, e.g. “Schedule II”.",
    )
    summary = models.TextField(
        "short summary",
        blank=True,
        help_text="One plain sentence, e.g. “A prescription medicine for fibromyalgia pain.”",
    )
    updated_at = models.DateTimeField("updated", auto_now=True)

    objects = DrugQuerySet.as_manager()
    history = HistoricalRecords()

    unique_name_field = "generic_name"

    class Meta:
        verbose_name = "drug"
        verbose_name_plural = "drugs"
        ordering = ["generic_name"]
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="drug_name_key_unique"),
            models.CheckConstraint(
                name="drug_schedule_only_when_controlled",
                condition=(
                    models.Q(prescription_status="controlled") & ~models.Q(controlled_schedule="")
                )
                | (~models.Q(prescription_status="controlled") & models.Q(controlled_schedule="")),
                violation_error_message="A controlled substance needs a schedule, and only a controlled substance has one.",
            ),
        ]

    def __str__(self):
        return self.generic_name

    def get_absolute_url(self):
        return reverse("drugs:detail", kwargs={"drug_slug": self.slug})

    @property
    def minimum_age(self) -> int | None:
        """The youngest age any approved use covers (see ``youngest_approved_age``)."""
        return youngest_approved_age(self.uses.all())

    def name_rivals(self):
        return [
            (
                Drug.objects.exclude(pk=self.pk),
                "A drug with this generic name already exists. It looks the same as “{rival}”.",
            ),
            (
                BrandName.objects.exclude(drug_id=self.pk).select_related("drug"),
                "This is a brand name of another drug. It looks the same as “{rival.name}”, a brand of {rival.drug}.",
            ),
        ]

    def clean(self):
        # /drugs/<brand-slug>/ redirects to the generic, so the two must never meet.
        if self.slug and BrandName.objects.filter(slug=self.slug).exists():
            raise ValidationError(
                {"slug": "A brand name already uses this URL; choose another slug."}
            )


class BrandMark(models.TextChoices):
    REGISTERED = "®", "® (registered)"
    TRADEMARK = "™", "™ (trademark)"
    NONE = "", "none"


class MarketingStatus(models.TextChoices):
    MARKETED = "marketed", "marketed"
    DISCONTINUED = "discontinued", "discontinued"


class BrandName(UniqueNameMixin, models.Model):
    """A brand a drug is or was sold under, e.g. Savella®; edited inline on its drug.

    A discontinued brand stays listed (pages say “formerly sold as …” and search
    still finds it). A brand sold for some of the drug's uses only (Sarafem: PMDD)
    names them in ``uses``; an empty list means every use.
    """

    drug = models.ForeignKey(
        Drug, on_delete=models.CASCADE, related_name="brand_names", verbose_name="drug"
    )
    name = models.CharField("name", max_length=120, help_text="Brand as printed, e.g. “Savella”.")
    name_key = name_key_field()
    slug = models.SlugField(
        "slug",
        max_length=120,
        unique=True,
        help_text="URL part that redirects to the drug, e.g. “savella”.",
    )
    mark = models.CharField(
        "mark", max_length=1, choices=BrandMark.choices, blank=True, help_text="e.g. ®."
    )
    order = models.PositiveSmallIntegerField("order", default=0, help_text="0 is shown first.")
    status = models.CharField(
        "marketing status",
        max_length=12,
        choices=MarketingStatus.choices,
        default=MarketingStatus.MARKETED,
        help_text="Whether the brand is still sold in the US, e.g. “discontinued”.",
    )
    discontinued_year = models.PositiveSmallIntegerField(
        "year discontinued",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="Only for a discontinued brand, e.g. 2022.",
    )
    uses = models.ManyToManyField(
        "Use",
        blank=True,
        related_name="brand_names",
        verbose_name="sold for",
        help_text="The drug's uses this brand is sold for, e.g. Sarafem: premenstrual "
        "dysphoric disorder. Leave empty when it is sold for all of them.",
    )

    objects = PlainTextQuerySet.as_manager()
    # The uses limit is a fact too: its changes are attributed like the fields' (four eyes).
    history = HistoricalRecords(m2m_fields=[uses])

    class Meta:
        verbose_name = "brand name"
        verbose_name_plural = "brand names"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="brand_name_key_unique"),
            models.CheckConstraint(
                name="brand_status_valid",
                condition=models.Q(status__in=MarketingStatus.values),
            ),
            models.CheckConstraint(
                name="brand_discontinued_year_only_when_discontinued",
                condition=models.Q(discontinued_year__isnull=True)
                | models.Q(status=MarketingStatus.DISCONTINUED),
                violation_error_message="Only a discontinued brand has a year it was discontinued.",
            ),
        ]

    def __str__(self):
        return f"{self.name}{self.mark}"

    def get_absolute_url(self):
        return reverse("drugs:detail", kwargs={"drug_slug": self.slug})

    def name_rivals(self):
        # A brand never looks like another drug's generic name: both lead to /drugs/<slug>/.
        return [
            (
                BrandName.objects.exclude(pk=self.pk).select_related("drug"),
                "This brand name already belongs to a drug. It looks the same as “{rival.name}”, a brand of {rival.drug}.",
            ),
            (
                Drug.objects.exclude(pk=self.drug_id),
                "This is the generic name of another drug. It looks the same as “{rival}”.",
            ),
        ]

    def clean(self):
        if self.slug and Drug.objects.filter(slug=self.slug).exists():
            raise ValidationError({"slug": "A drug already uses this URL; choose another slug."})


class UseKind(models.TextChoices):
    APPROVED = "approved", "approved"
    OFF_LABEL = "off_label", "off-label"


class EvidenceLevel(models.TextChoices):
    """How strong the evidence behind an off-label use is, strongest first."""

    GUIDELINE = "guideline", "guideline-supported"
    CLINICAL_TRIALS = "clinical_trials", "clinical trials"
    CASE_REPORTS = "case_reports", "limited: case reports"
    EXPERT_OPINION = "expert_opinion", "expert opinion"


# From this age on a use covers adults; a drug whose approved uses all start here is
# “not approved for children”.
ADULT_AGE = 18


def youngest_approved_age(uses) -> int | None:
    """The lowest ``minimum_age`` among the approved ``uses`` (rows or snapshot facts).

    None when an approved use states no age limit, or when none is approved: either
    way there is no age below which the drug is not approved.
    """
    ages = [use.minimum_age for use in uses if use.kind == UseKind.APPROVED]
    if not ages or None in ages:
        return None
    return min(ages)


class Use(PlainTextMixin, models.Model):
    """A drug used for a condition, approved or off-label; edited inline on the drug."""

    drug = models.ForeignKey(
        Drug, on_delete=models.CASCADE, related_name="uses", verbose_name="drug"
    )
    condition = models.ForeignKey(
        "conditions.Condition",
        on_delete=models.PROTECT,
        related_name="uses",
        verbose_name="condition",
        help_text="e.g. fibromyalgia.",
    )
    kind = models.CharField(
        "kind",
        max_length=10,
        choices=UseKind.choices,
        default=UseKind.APPROVED,
        help_text="Approved by the regulator, or used off-label by prescribers.",
    )
    note = models.CharField(
        "short note",
        max_length=250,
        blank=True,
        help_text="e.g. “especially useful for relieving fibromyalgia pain”.",
    )
    minimum_age = models.PositiveSmallIntegerField(
        "minimum approved age (years)",
        null=True,
        blank=True,
        help_text="The youngest age this use covers: 6 means “6 and older”, 18 adults only; "
        "leave empty when no limit is stated.",
    )
    population_note = models.CharField(
        "population",
        max_length=120,
        blank=True,
        help_text="Who the approval or evidence covers, in a few words, e.g. “adults” or "
        "“children 6 and older with OCD”.",
    )
    evidence_level = models.CharField(
        "evidence level",
        max_length=20,
        choices=EvidenceLevel.choices,
        blank=True,
        help_text="Off-label uses only (and required for them), e.g. “clinical trials”.",
    )
    order = models.PositiveSmallIntegerField("order", default=0, help_text="0 is shown first.")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "use"
        verbose_name_plural = "uses"
        ordering = ["drug", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["drug", "condition"],
                name="use_one_per_drug_and_condition",
                violation_error_message="This drug already has a use for this condition.",
            ),
            models.CheckConstraint(
                name="use_kind_valid",
                condition=models.Q(kind__in=UseKind.values),
            ),
            models.CheckConstraint(
                name="use_minimum_age_plausible",
                condition=models.Q(minimum_age__isnull=True) | models.Q(minimum_age__lte=120),
                violation_error_message="The minimum age must be at most 120 years.",
            ),
            models.CheckConstraint(
                name="use_evidence_level_only_off_label",
                condition=(
                    models.Q(kind=UseKind.OFF_LABEL)
                    & models.Q(evidence_level__in=EvidenceLevel.values)
                )
                | (models.Q(kind=UseKind.APPROVED) & models.Q(evidence_level="")),
                violation_error_message="An off-label use needs an evidence level; an approved use has none.",
            ),
        ]

    def __str__(self):
        return f"{self.drug} for {self.condition} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return self.drug.get_absolute_url()
