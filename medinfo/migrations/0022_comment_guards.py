"""The database keeps review comments as written (``medinfo.guards``).

Installs the guards again, now that the comment tables exist: a comment's
words, anchor, author and revision never change and it is never deleted (only
its status moves between open and resolved); comment events are append-only;
PostgreSQL also refuses TRUNCATE of either table. Reversing leaves the
triggers: they go with the tables when 0018 is reversed.
"""

from django.db import migrations

from medinfo.guards import install_guards_operation


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0021_revision_reviewed_newest")]

    operations = [
        migrations.RunPython(install_guards_operation, migrations.RunPython.noop, elidable=False),
    ]
