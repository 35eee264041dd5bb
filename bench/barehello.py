"""A bare Django hello-world: no apps, no middleware, no database; the ceiling ``make bench``
compares the site against (run by gunicorn as ``bench.barehello:application``).

The site's own ``/bench/hello/`` runs through its whole middleware stack, so ratios to it
hide what that stack costs; ratios to this one show it (issue #15).
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        # It signs nothing: no sessions, no messages, no forms.
        SECRET_KEY="bench-only-not-secret",  # noqa: S106  # nosec B106
        INSTALLED_APPS=[],
        MIDDLEWARE=[],
        DATABASES={},
    )


def hello(request):
    """The same body as the site's /bench/hello/."""
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello)]
application = get_wsgi_application()
