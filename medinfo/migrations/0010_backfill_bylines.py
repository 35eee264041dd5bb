"""Freeze the byline of every revision decided before bylines were frozen.

Each decided revision gets the reviewer's name and credentials as the profile
history records them at the decision, or as the profile reads now when no older
record exists. Also adds the permission that lets an administrator change a
reviewer's byline.
"""

from django.db import migrations

from medinfo.guards import lifted_guards

DECIDED = ["approved", "changes_requested"]


def _profile_at(historical_reviewer, reviewer, moment):
    record = (
        historical_reviewer.objects.filter(id=reviewer.pk, history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .first()
    )
    return record or reviewer


def backfill_bylines(apps, schema_editor):
    revision_model = apps.get_model("medinfo", "ArticleRevision")
    historical_reviewer = apps.get_model("medinfo", "HistoricalReviewer")
    unfrozen = revision_model.objects.filter(
        status__in=DECIDED, reviewer__isnull=False, reviewer_name=""
    ).select_related("reviewer")
    if not unfrozen.exists():
        return
    # The guards of 0009 let the byline be written only with the decision; these
    # decisions predate the byline columns, so this one-time fill lifts them.
    with lifted_guards(schema_editor.connection):
        for revision in list(unfrozen):
            profile = _profile_at(historical_reviewer, revision.reviewer, revision.reviewed_at)
            revision_model.objects.filter(pk=revision.pk).update(
                reviewer_name=profile.display_name, reviewer_credentials=profile.credentials
            )


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0009_revision_guards")]

    operations = [
        migrations.AlterModelOptions(
            name="reviewer",
            options={
                "ordering": ["display_name"],
                "permissions": [
                    (
                        "change_reviewer_byline",
                        "Can change a reviewer's name, credentials and licence",
                    )
                ],
                "verbose_name": "reviewer",
                "verbose_name_plural": "reviewers",
            },
        ),
        migrations.RunPython(backfill_bylines, migrations.RunPython.noop, elidable=True),
    ]
