"""WSGI entry point for gunicorn: ``gunicorn medinfo.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medinfo.settings.prod")
application = get_wsgi_application()
