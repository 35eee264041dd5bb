"""``manage.py publish_due``: apply every scheduled go-live and expiry whose time has come.

The task worker applies each at its time; run this from cron every minute as well,
so a stopped or busy worker delays a scheduled change by a minute at most. It is
safe beside the worker and in several places at once: each change is applied once.
"""

from django.core.management.base import BaseCommand, CommandError

from medinfo.scheduling import publish_due


class Command(BaseCommand):
    help = "Apply every scheduled go-live and expiry that is due (run it from cron each minute)."

    def handle(self, *args, **options):
        try:
            done = publish_due()
        except ExceptionGroup as failures:
            raise CommandError(
                f"{len(failures.exceptions)} scheduled change(s) could not be applied; "
                "see the log. The next run tries them again."
            ) from failures
        for line in done:
            self.stdout.write(line)
        if options["verbosity"] > 1 and not done:
            self.stdout.write("Nothing is due.")
