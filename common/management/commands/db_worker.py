"""``manage.py db_worker``: django-tasks-db's task worker, which outlives a lost database.

django-tasks-db's worker stops at the first database error it does not expect: a
PostgreSQL restart or failover, or a terminated connection, ended it, and e-mails,
retries and scheduled go-lives waited until someone started it again (outside attack,
issue #15). This command runs the same worker and, when it stops that way, closes the
connections, waits a little longer each time (1 s up to 30 s) and starts it again.
``common`` comes before ``django_tasks_db`` in INSTALLED_APPS, so this is the command
``db_worker`` names; its options are django-tasks-db's.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)

# Seconds before each new start after a lost database; the last one repeats.
RESTART_DELAYS = (1, 2, 5, 10, 30)


class Command(db_worker.Command):
    def handle(self, **options):
        failures = 0
        while True:
            try:
                return super().handle(**options)
            except (OperationalError, InterfaceError) as error:
                delay = RESTART_DELAYS[min(failures, len(RESTART_DELAYS) - 1)]
                failures += 1
                logger.warning(
                    "Task worker lost the database (%s); starting again in %d s", error, delay
                )
                connections.close_all()
                time.sleep(delay)
