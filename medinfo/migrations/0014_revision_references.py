"""Each revision's references (issue #12 item 4), frozen with its words.

Adding the column rebuilds the revision table on SQLite, which drops the triggers
on it: the guards of 0009 and the search trigger of 0011. Both are installed
again afterwards; the guards then cover the new column too (``medinfo.guards``
guards the content columns the table has), on PostgreSQL as well. Reversing
drops the guards (a trigger naming the column would stop its removal), the
column, then installs them again without it.
"""

import importlib

from django.db import migrations, models

import medinfo.references
from medinfo.guards import install_guards_operation, remove_guards_operation

# The module name starts with a digit, so it cannot be imported by name.
sqlite_search = importlib.import_module("medinfo.migrations.0011_sqlite_search")


def reinstall_triggers(apps, schema_editor):
    """The triggers a rebuild of the revision table on SQLite drops: search's and the guards."""
    sqlite_search.run_on_sqlite(sqlite_search.FORWARD)(apps, schema_editor)
    install_guards_operation(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0013_revision_readability_grade")]

    operations = [
        # Reversed last: the triggers come back once the column is gone.
        migrations.RunPython(migrations.RunPython.noop, reinstall_triggers),
        migrations.AddField(
            model_name="articlerevision",
            name="references",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The sources the text rests on, numbered in this order on the page.",
                validators=[medinfo.references.validate_references],
                verbose_name="references",
            ),
        ),
        migrations.RunPython(reinstall_triggers, remove_guards_operation, elidable=False),
    ]
