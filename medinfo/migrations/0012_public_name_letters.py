"""Recompute every A–Z name's index letter: names in other scripts had an empty one.

“Пrozac” was stored under the letter “” that no page lists, and the index then
failed for every visitor; now every name has a letter of ``LETTERS`` (“#” for them).
"""

from django.db import migrations

from website.alphabet import first_letter


def fill(apps, schema_editor):
    model = apps.get_model("medinfo", "PublicName")
    rows = list(model.objects.only("pk", "name", "letter"))
    changed = [row for row in rows if row.letter != first_letter(row.name)]
    for row in changed:
        row.letter = first_letter(row.name)
    model.objects.bulk_update(changed, ["letter"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0011_sqlite_search")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
