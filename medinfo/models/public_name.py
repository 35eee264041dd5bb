"""The names the public A–Z indexes and search suggestions show, from approved facts only."""

from django.db import models
from django.urls import reverse


class PublicName(models.Model):
    """One name in an A–Z index: a generic name, a brand, a condition or another name for it.

    Rebuilt by ``website.publicnames.refresh_public_names`` whenever a drug's or
    condition's live articles change, from the newest approved facts snapshot, so
    an unreviewed drug record never reaches the index. Not edited by hand.
    """

    class Kind(models.TextChoices):
        GENERIC = "generic", "generic name"
        BRAND = "brand", "brand name"
        CONDITION = "condition", "condition"
        ALIAS = "alias", "other name of a condition"

    class Subject(models.TextChoices):
        DRUG = "drug", "drug"
        CONDITION = "condition", "condition"

    name = models.CharField("name", max_length=300, help_text="As listed, e.g. “Savella®”.")
    sort_name = models.CharField(
        "sort name", max_length=300, help_text="Lower case, e.g. “savella”."
    )
    letter = models.CharField("letter", max_length=1, help_text="Index letter, e.g. “S”, or “#”.")
    kind = models.CharField("kind", max_length=10, choices=Kind.choices)
    subject = models.CharField("subject", max_length=10, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField(
        "subject id", help_text="The drug's or condition's id."
    )
    subject_slug = models.SlugField("subject slug", max_length=150, help_text="e.g. “milnacipran”.")
    see = models.CharField(
        "see", max_length=300, blank=True, help_text="For brands and other names: “milnacipran”."
    )

    class Meta:
        verbose_name = "public index name"
        verbose_name_plural = "public index names"
        ordering = ["sort_name"]
        indexes = [
            models.Index(fields=["subject", "letter", "sort_name"], name="publicname_letter"),
            models.Index(fields=["subject", "subject_id"], name="publicname_subject"),
        ]

    def __str__(self):
        return f"{self.name} — see {self.see}" if self.see else self.name

    def get_absolute_url(self):
        if self.subject == self.Subject.DRUG:
            return reverse("drugs:detail", kwargs={"drug_slug": self.subject_slug})
        return reverse("conditions:detail", kwargs={"condition_slug": self.subject_slug})
