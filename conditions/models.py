"""Conditions and their ordered symptom lists.

Editors maintain these in the admin ("Conditions" section). Like drug facts, they
reach the public only through an approved article revision's facts snapshot.
"""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.text import PlainTextMixin, PlainTextQuerySet, UniqueNameMixin, name_key_field


class ConditionQuerySet(PlainTextQuerySet):
    def with_facts(self):
        """Everything a condition's facts need, in a fixed number of queries."""
        return self.prefetch_related("memberships__symptom", "uses__drug__brand_names")


def split_other_names(value: str) -> list[str]:
    """A condition's stored other names ("FMS, fibromyalgia syndrome") as a list."""
    return [name.strip() for name in value.split(",") if name.strip()]


class Condition(UniqueNameMixin, models.Model):
    """A disease or disorder such as fibromyalgia; edited under Conditions → Conditions."""

    name = models.CharField(
        "name",
        max_length=150,
        unique=True,
        help_text="Lower-case common name, e.g. “fibromyalgia”.",
    )
    name_key = name_key_field()
    slug = models.SlugField(
        "slug", max_length=150, unique=True, help_text="URL part, e.g. “fibromyalgia”."
    )
    definition = models.CharField(
        "one-sentence definition",
        max_length=300,
        help_text="e.g. “A long-term disorder that causes widespread muscle pain and fatigue.”",
    )
    other_names = models.CharField(
        "other names",
        max_length=300,
        blank=True,
        help_text="Comma-separated, e.g. “fibromyalgia syndrome, FMS”.",
    )
    symptoms = models.ManyToManyField(
        "Symptom", through="ConditionSymptom", related_name="conditions", verbose_name="symptoms"
    )
    updated_at = models.DateTimeField("updated", auto_now=True)

    objects = ConditionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "condition"
        verbose_name_plural = "conditions"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="condition_name_key_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:detail", kwargs={"condition_slug": self.slug})

    def name_rivals(self):
        return [
            (
                Condition.objects.exclude(pk=self.pk),
                "A condition with this name already exists. It looks the same as “{rival}”.",
            ),
        ]

    @property
    def other_names_list(self):
        return split_other_names(self.other_names)


class Symptom(PlainTextMixin, models.Model):
    """A symptom that one or more conditions list, e.g. “morning stiffness”."""

    name = models.CharField(
        "name",
        max_length=150,
        help_text="Sentence case as shown in lists, e.g. “Morning stiffness”.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "symptom"
        verbose_name_plural = "symptoms"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="symptom_name_unique",
                violation_error_message="This symptom already exists; pick it from the list.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:index")


class ConditionSymptom(PlainTextMixin, models.Model):
    """One symptom in a condition's ordered list; edited inline on the condition."""

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="memberships", verbose_name="condition"
    )
    symptom = models.ForeignKey(
        Symptom, on_delete=models.PROTECT, related_name="memberships", verbose_name="symptom"
    )
    note = models.CharField(
        "note", max_length=200, blank=True, help_text="e.g. “sometimes called ‘fibro fog’”."
    )
    order = models.PositiveSmallIntegerField("order", default=0, help_text="0 is listed first.")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "symptom of a condition"
        verbose_name_plural = "symptoms of the condition"
        ordering = ["condition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "symptom"],
                name="condition_symptom_once",
                violation_error_message="This symptom is already listed for the condition.",
            ),
        ]

    def __str__(self):
        return f"{self.symptom} ({self.condition})"

    def get_absolute_url(self):
        return self.condition.get_absolute_url()
