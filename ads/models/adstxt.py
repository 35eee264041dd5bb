"""The records of /ads.txt: which ad systems may sell the site's inventory."""

from django.db import models
from django.urls import reverse

from common.text import PlainTextMixin


class AdsTxtRelationship(models.TextChoices):
    DIRECT = "DIRECT", "DIRECT"
    RESELLER = "RESELLER", "RESELLER"


class AdsTxtRecord(PlainTextMixin, models.Model):
    """One seller line of /ads.txt (IAB Tech Lab ads.txt 1.1)."""

    ad_system_domain = models.CharField(
        "ad system domain",
        max_length=253,
        help_text="Canonical domain of the advertising system, e.g. “adexchange.example”.",
    )
    publisher_account_id = models.CharField(
        "publisher account ID",
        max_length=120,
        help_text="Our account with that system, e.g. “pub-0000000000000001”.",
    )
    relationship = models.CharField(
        "relationship",
        max_length=8,
        choices=AdsTxtRelationship.choices,
        help_text="DIRECT when we control the account, RESELLER otherwise.",
    )
    certification_authority_id = models.CharField(
        "certification authority ID",
        max_length=120,
        blank=True,
        help_text="Optional TAG-ID of the ad system, e.g. “f08c47fec0942fa0”.",
    )
    comment = models.CharField("comment", max_length=200, blank=True, help_text="Not published.")

    class Meta:
        verbose_name = "ads.txt record"
        verbose_name_plural = "ads.txt records"
        ordering = ["ad_system_domain", "publisher_account_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ad_system_domain", "publisher_account_id", "relationship"],
                name="adstxt_record_unique",
                violation_error_message="This seller line is already listed.",
            ),
        ]

    def __str__(self):
        return self.line

    def get_absolute_url(self):
        return reverse("ads_txt")

    @property
    def line(self):
        fields = [self.ad_system_domain.lower(), self.publisher_account_id, self.relationship]
        if self.certification_authority_id:
            fields.append(self.certification_authority_id)
        return ", ".join(fields)


class AdsTxtVariable(PlainTextMixin, models.Model):
    """A CONTACT or OWNERDOMAIN line of /ads.txt."""

    class Name(models.TextChoices):
        CONTACT = "CONTACT", "CONTACT"
        OWNERDOMAIN = "OWNERDOMAIN", "OWNERDOMAIN"

    name = models.CharField(
        "variable", max_length=12, choices=Name.choices, help_text="e.g. CONTACT."
    )
    value = models.CharField(
        "value", max_length=253, help_text="e.g. “ads@medinfo.example” or “medinfo.example”."
    )

    class Meta:
        verbose_name = "ads.txt variable"
        verbose_name_plural = "ads.txt variables"
        ordering = ["name", "value"]

    def __str__(self):
        return f"{self.name}={self.value}"

    def get_absolute_url(self):
        return reverse("ads_txt")
