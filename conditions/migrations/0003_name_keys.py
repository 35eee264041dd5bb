"""Condition names unique by a key that ignores letter case and look-alike letters."""

from django.db import migrations, models

from common.text import fill_name_keys


def name_key_field():
    return models.CharField(
        default="",
        editable=False,
        help_text="Filled on save: the name case-folded with look-alike letters unified.",
        max_length=255,
        verbose_name="name key",
    )


def fill(apps, schema_editor):
    fill_name_keys(apps.get_model("conditions", "Condition"), "name")
    fill_name_keys(apps.get_model("conditions", "HistoricalCondition"), "name", unique=False)


class Migration(migrations.Migration):
    dependencies = [("conditions", "0002_history")]

    operations = [
        migrations.AddField(model_name="condition", name="name_key", field=name_key_field()),
        migrations.AddField(
            model_name="historicalcondition", name="name_key", field=name_key_field()
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="condition",
            constraint=models.UniqueConstraint(
                fields=["name_key"], name="condition_name_key_unique"
            ),
        ),
    ]
