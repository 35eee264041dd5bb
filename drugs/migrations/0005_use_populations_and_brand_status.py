"""Who each use covers (minimum age, population), evidence for off-label uses, brand status.

Adds the fields only; 0006 fills them from the drug's old minimum age, then adds
the evidence-level rule and drops ``Drug.minimum_age``. The brand's uses limit
gets a history table of its own, so its changes are attributed like any field's.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0004_name_keys_without_diacritics"),
        ("drugs", "0004_name_keys_without_diacritics"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalBrandName_uses",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalBrandName_uses",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="brandname",
            name="discontinued_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Only for a discontinued brand, e.g. 2022.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="year discontinued",
            ),
        ),
        migrations.AddField(
            model_name="brandname",
            name="status",
            field=models.CharField(
                choices=[("marketed", "marketed"), ("discontinued", "discontinued")],
                default="marketed",
                help_text="Whether the brand is still sold in the US, e.g. “discontinued”.",
                max_length=12,
                verbose_name="marketing status",
            ),
        ),
        migrations.AddField(
            model_name="brandname",
            name="uses",
            field=models.ManyToManyField(
                blank=True,
                help_text="The drug's uses this brand is sold for, e.g. Sarafem: premenstrual dysphoric disorder. Leave empty when it is sold for all of them.",
                related_name="brand_names",
                to="drugs.use",
                verbose_name="sold for",
            ),
        ),
        migrations.AddField(
            model_name="historicalbrandname",
            name="discontinued_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Only for a discontinued brand, e.g. 2022.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="year discontinued",
            ),
        ),
        migrations.AddField(
            model_name="historicalbrandname",
            name="status",
            field=models.CharField(
                choices=[("marketed", "marketed"), ("discontinued", "discontinued")],
                default="marketed",
                help_text="Whether the brand is still sold in the US, e.g. “discontinued”.",
                max_length=12,
                verbose_name="marketing status",
            ),
        ),
        migrations.AddField(
            model_name="historicaluse",
            name="evidence_level",
            field=models.CharField(
                blank=True,
                choices=[
                    ("guideline", "guideline-supported"),
                    ("clinical_trials", "clinical trials"),
                    ("case_reports", "limited: case reports"),
                    ("expert_opinion", "expert opinion"),
                ],
                help_text="Off-label uses only (and required for them), e.g. “clinical trials”.",
                max_length=20,
                verbose_name="evidence level",
            ),
        ),
        migrations.AddField(
            model_name="historicaluse",
            name="minimum_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The youngest age this use covers: 6 means “6 and older”, 18 adults only; leave empty when no limit is stated.",
                null=True,
                verbose_name="minimum approved age (years)",
            ),
        ),
        migrations.AddField(
            model_name="historicaluse",
            name="population_note",
            field=models.CharField(
                blank=True,
                help_text="Who the approval or evidence covers, in a few words, e.g. “adults” or “children 6 and older with OCD”.",
                max_length=120,
                verbose_name="population",
            ),
        ),
        migrations.AddField(
            model_name="use",
            name="evidence_level",
            field=models.CharField(
                blank=True,
                choices=[
                    ("guideline", "guideline-supported"),
                    ("clinical_trials", "clinical trials"),
                    ("case_reports", "limited: case reports"),
                    ("expert_opinion", "expert opinion"),
                ],
                help_text="Off-label uses only (and required for them), e.g. “clinical trials”.",
                max_length=20,
                verbose_name="evidence level",
            ),
        ),
        migrations.AddField(
            model_name="use",
            name="minimum_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The youngest age this use covers: 6 means “6 and older”, 18 adults only; leave empty when no limit is stated.",
                null=True,
                verbose_name="minimum approved age (years)",
            ),
        ),
        migrations.AddField(
            model_name="use",
            name="population_note",
            field=models.CharField(
                blank=True,
                help_text="Who the approval or evidence covers, in a few words, e.g. “adults” or “children 6 and older with OCD”.",
                max_length=120,
                verbose_name="population",
            ),
        ),
        migrations.AddConstraint(
            model_name="brandname",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["marketed", "discontinued"])),
                name="brand_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="brandname",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("discontinued_year__isnull", True), ("status", "discontinued"), _connector="OR"
                ),
                name="brand_discontinued_year_only_when_discontinued",
                violation_error_message="Only a discontinued brand has a year it was discontinued.",
            ),
        ),
        migrations.AddConstraint(
            model_name="use",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("minimum_age__isnull", True), ("minimum_age__lte", 120), _connector="OR"
                ),
                name="use_minimum_age_plausible",
                violation_error_message="The minimum age must be at most 120 years.",
            ),
        ),
        migrations.AddField(
            model_name="historicalbrandname_uses",
            name="brandname",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="drugs.brandname",
            ),
        ),
        migrations.AddField(
            model_name="historicalbrandname_uses",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="drugs.historicalbrandname",
            ),
        ),
        migrations.AddField(
            model_name="historicalbrandname_uses",
            name="use",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="drugs.use",
            ),
        ),
    ]
