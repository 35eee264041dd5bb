"""The drug's one minimum age moves to its approved uses; off-label uses get an evidence level.

Pages showed the drug's age as the floor of every use, so each approved use that
states none takes it (an editor then corrects the uses the label covers younger).
An off-label use had no evidence level; it gets the weakest, “expert opinion”, so
no page ever claims more evidence than someone checked. Both changes are written to
the uses' history (no user: a migration is nobody's contribution) and show in the
reviewer's diff of the next revision. Reversing puts the lowest approved age back
on the drug.
"""

from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery
from django.utils import timezone

REASON_AGE = "minimum age copied from the drug (migration 0006)"
REASON_EVIDENCE = "evidence level “expert opinion” set (migration 0006)"


def _record_history(apps, uses, reason):
    """A “changed” history record per use, as simple-history would write it."""
    historical = apps.get_model("drugs", "HistoricalUse")
    names = [field.attname for field in apps.get_model("drugs", "Use")._meta.concrete_fields]
    now = timezone.now()
    historical.objects.bulk_create(
        historical(
            **{name: getattr(use, name) for name in names},
            history_date=now,
            history_type="~",
            history_change_reason=reason,
        )
        for use in uses
    )


def ages_to_uses(apps, schema_editor):
    use_model, drug_model = apps.get_model("drugs", "Use"), apps.get_model("drugs", "Drug")
    drug_age = drug_model.objects.filter(pk=OuterRef("drug_id")).values("minimum_age")[:1]
    aged = use_model.objects.filter(kind="approved", minimum_age=None).annotate(
        drug_age=Subquery(drug_age)
    )
    aged = list(aged.exclude(drug_age=None))
    for use in aged:
        use.minimum_age = use.drug_age
    use_model.objects.bulk_update(aged, ["minimum_age"], batch_size=1000)
    _record_history(apps, aged, REASON_AGE)
    unrated = list(use_model.objects.filter(kind="off_label", evidence_level=""))
    for use in unrated:
        use.evidence_level = "expert_opinion"
    use_model.objects.bulk_update(unrated, ["evidence_level"], batch_size=1000)
    _record_history(apps, unrated, REASON_EVIDENCE)


def ages_to_drugs(apps, schema_editor):
    use_model, drug_model = apps.get_model("drugs", "Use"), apps.get_model("drugs", "Drug")
    lowest = (
        use_model.objects.filter(drug_id=OuterRef("pk"), kind="approved")
        .values("drug_id")
        .annotate(lowest=Min("minimum_age"))
        .values("lowest")
    )
    drug_model.objects.update(minimum_age=Subquery(lowest))


class Migration(migrations.Migration):
    dependencies = [("drugs", "0005_use_populations_and_brand_status")]

    operations = [
        migrations.RunPython(ages_to_uses, ages_to_drugs),
        migrations.AddConstraint(
            model_name="use",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("kind", "off_label"),
                        (
                            "evidence_level__in",
                            ["guideline", "clinical_trials", "case_reports", "expert_opinion"],
                        ),
                    ),
                    models.Q(("kind", "approved"), ("evidence_level", "")),
                    _connector="OR",
                ),
                name="use_evidence_level_only_off_label",
                violation_error_message="An off-label use needs an evidence level; an approved use has none.",
            ),
        ),
        migrations.RemoveConstraint(model_name="drug", name="drug_minimum_age_plausible"),
        migrations.RemoveField(model_name="drug", name="minimum_age"),
        migrations.RemoveField(model_name="historicaldrug", name="minimum_age"),
    ]
