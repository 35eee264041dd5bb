"""Database triggers that refuse changes to submitted revisions and to the review log.

The SQL for PostgreSQL and SQLite lives in ``medinfo.guards`` (chosen by
``connection.vendor``), which describes the rules; reversing drops every guard.
"""

from django.db import migrations

from medinfo.guards import install_guards_operation, remove_guards_operation


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0008_history_and_frozen_byline")]

    operations = [
        migrations.RunPython(install_guards_operation, remove_guards_operation, elidable=False)
    ]
