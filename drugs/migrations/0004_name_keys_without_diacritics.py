"""Name keys now ignore diacritics too (“Prózac” is “Prozac”): recompute the stored keys.

Stops with a message naming both rows when two existing names now look the same.
"""

from django.db import migrations

from common.text import fill_name_keys


def fill(apps, schema_editor):
    for model_name, source_field in [("Drug", "generic_name"), ("BrandName", "name")]:
        fill_name_keys(apps.get_model("drugs", model_name), source_field)
        fill_name_keys(
            apps.get_model("drugs", f"Historical{model_name}"), source_field, unique=False
        )


class Migration(migrations.Migration):
    dependencies = [("drugs", "0003_name_keys")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
