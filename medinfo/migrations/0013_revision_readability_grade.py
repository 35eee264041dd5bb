"""Each revision's reading grade (issue #12 item 5), filled in for the revisions written so far.

A nullable column without a default is added in place (``ALTER TABLE … ADD COLUMN``)
on SQLite as on PostgreSQL, so the revision table keeps its triggers (the guards of
0009 and the search trigger of 0011) and nothing needs installing again; the
guard tests fail if that ever stops being true. The grade is derived from the
text, like the search columns, so the guards let it be filled in on submitted
revisions too.
"""

from django.db import migrations, models

from medinfo.readability import revision_grade

BATCH = 500


def fill_grades(apps, schema_editor):
    revisions = apps.get_model("medinfo", "ArticleRevision").objects.using(
        schema_editor.connection.alias
    )
    batch = []
    for revision in revisions.only("pk", "lead", "body").iterator(chunk_size=BATCH):
        revision.readability_grade = revision_grade(revision)
        batch.append(revision)
        if len(batch) == BATCH:
            revisions.bulk_update(batch, ["readability_grade"])
            batch = []
    revisions.bulk_update(batch, ["readability_grade"])


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0012_public_name_letters")]

    operations = [
        migrations.AddField(
            model_name="articlerevision",
            name="readability_grade",
            field=models.FloatField(
                blank=True,
                editable=False,
                help_text=(
                    "Flesch-Kincaid grade of the lead and body, e.g. 7.4; "
                    "patient text aims at 8 or below."
                ),
                null=True,
                verbose_name="reading grade",
            ),
        ),
        migrations.RunPython(fill_grades, migrations.RunPython.noop),
    ]
