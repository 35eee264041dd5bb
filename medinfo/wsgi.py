"""WSGI entry point for gunicorn: ``gunicorn medinfo.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medinfo.settings.prod")
django_application = get_wsgi_application()

# Imported once Django is set up. Repeated page-cache hits are answered before Django's
# handler, with the bytes Django sent for the same request (website.replay).
from website.replay import ReplayFront  # noqa: E402

application = ReplayFront(django_application)
