"""manage.py flush: Django's flush, with the revision guards lifted for the wipe.

The database refuses to delete approved revisions and review events
(``medinfo.guards``). Emptying every table is the one operation that must
still do so: pytest-django's transactional and live-server tests flush after
each test, and developers reset local databases with it. This command lifts
the guards inside the transaction that empties the tables and restores them
before that transaction commits, so they are never missing anywhere else.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

from medinfo.guards import lifted_guards

CONFIRMATION = """You have requested a flush of the database.
This will IRREVERSIBLY DESTROY all data currently in the "{name}" database,
and return each table to an empty state.
Are you sure you want to do this?

    Type 'yes' to continue, or 'no' to cancel: """


class Command(flush.Command):
    help = flush.Command.help + " Revision guards are lifted for the wipe and then restored."

    def handle(self, **options):
        connection = connections[options["database"]]
        # Ask before the transaction starts: dropping the triggers locks the tables.
        question = CONFIRMATION.format(name=connection.settings_dict["NAME"])
        if options["interactive"] and input(question) != "yes":
            self.stdout.write("Flush cancelled.")
            return
        with transaction.atomic(using=connection.alias), lifted_guards(connection):
            super().handle(**{**options, "interactive": False})
