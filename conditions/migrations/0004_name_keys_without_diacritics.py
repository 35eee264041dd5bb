"""Name keys now ignore diacritics too (“Ménière” is “Meniere”): recompute the stored keys.

Stops with a message naming both rows when two existing names now look the same.
"""

from django.db import migrations

from common.text import fill_name_keys


def fill(apps, schema_editor):
    fill_name_keys(apps.get_model("conditions", "Condition"), "name")
    fill_name_keys(apps.get_model("conditions", "HistoricalCondition"), "name", unique=False)


class Migration(migrations.Migration):
    dependencies = [("conditions", "0003_name_keys")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
