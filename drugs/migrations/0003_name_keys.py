"""Brand and generic names unique by a key that ignores letter case and look-alike letters."""

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
    for model_name, source_field in [("Drug", "generic_name"), ("BrandName", "name")]:
        fill_name_keys(apps.get_model("drugs", model_name), source_field)
        fill_name_keys(
            apps.get_model("drugs", f"Historical{model_name}"), source_field, unique=False
        )


class Migration(migrations.Migration):
    dependencies = [("drugs", "0002_history")]

    operations = [
        migrations.RemoveConstraint(model_name="brandname", name="brand_name_unique_across_drugs"),
        migrations.AddField(model_name="brandname", name="name_key", field=name_key_field()),
        migrations.AddField(model_name="drug", name="name_key", field=name_key_field()),
        migrations.AddField(
            model_name="historicalbrandname", name="name_key", field=name_key_field()
        ),
        migrations.AddField(model_name="historicaldrug", name="name_key", field=name_key_field()),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="brandname",
            constraint=models.UniqueConstraint(fields=["name_key"], name="brand_name_key_unique"),
        ),
        migrations.AddConstraint(
            model_name="drug",
            constraint=models.UniqueConstraint(fields=["name_key"], name="drug_name_key_unique"),
        ),
    ]
