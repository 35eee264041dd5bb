"""A drug's availability may be “prescription and over the counter” (omeprazole, ibuprofen).

Only the field's choices change: no row is rewritten.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("drugs", "0006_ages_per_use_from_drug"),
    ]

    operations = [
        migrations.AlterField(
            model_name="drug",
            name="prescription_status",
            field=models.CharField(
                choices=[
                    ("prescription", "prescription only"),
                    ("otc", "over the counter"),
                    ("prescription_and_otc", "prescription and over the counter"),
                    ("controlled", "controlled substance"),
                ],
                default="prescription",
                help_text="How patients obtain it, e.g. “prescription only”.",
                max_length=20,
                verbose_name="prescription status",
            ),
        ),
        migrations.AlterField(
            model_name="historicaldrug",
            name="prescription_status",
            field=models.CharField(
                choices=[
                    ("prescription", "prescription only"),
                    ("otc", "over the counter"),
                    ("prescription_and_otc", "prescription and over the counter"),
                    ("controlled", "controlled substance"),
                ],
                default="prescription",
                help_text="How patients obtain it, e.g. “prescription only”.",
                max_length=20,
                verbose_name="prescription status",
            ),
        ),
    ]
