"""System checks for what Django, its admin and django-axes look for in MIDDLEWARE.

Their middleware run from MEDINFO_STAFF_MIDDLEWARE (medinfo.security.StaffMiddleware),
so the checks that would not find them there are silenced in settings, and these take
their place. Django's deploy check of CSRF_COOKIE_SECURE, which stays silent when it
does not find the CSRF middleware, is done here too.
"""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

STAFF_MIDDLEWARE_NEEDED = {
    "django.contrib.sessions.middleware.SessionMiddleware": "admin.E410",
    "django.contrib.auth.middleware.AuthenticationMiddleware": "admin.E408",
    "django.contrib.messages.middleware.MessageMiddleware": "admin.E409",
    "axes.middleware.AxesMiddleware": "axes.W002",
    "django.middleware.csrf.CsrfViewMiddleware": "security.W003",
}


@checks.register(checks.Tags.security)
def check_staff_middleware(app_configs=None, **kwargs):
    """Each middleware the admin needs runs for the staff's requests, one way or the other."""
    middleware = [import_string(path) for path in _staff_middleware()]
    return [
        checks.Error(
            f"{needed} (or a subclass) must be in MEDINFO_STAFF_MIDDLEWARE, "
            "or in MIDDLEWARE without medinfo.security.StaffMiddleware.",
            hint=f"It stands for the silenced check {check_id}.",
            id="medinfo.E001",
        )
        for needed, check_id in STAFF_MIDDLEWARE_NEEDED.items()
        if not any_subclass(middleware, import_string(needed))
    ]


def any_subclass(middleware, needed):
    # Middleware may be functions (django-simple-history's is).
    return any(isinstance(item, type) and issubclass(item, needed) for item in middleware)


@checks.register(checks.Tags.security, deploy=True)
def check_csrf_cookie_secure(app_configs=None, **kwargs):
    """Django's security.W016, which looks for the CSRF middleware in MIDDLEWARE only."""
    if settings.CSRF_USE_SESSIONS or settings.CSRF_COOKIE_SECURE is True:
        return []
    if "django.middleware.csrf.CsrfViewMiddleware" not in _staff_middleware():
        return []
    return [
        checks.Warning(
            "CSRF_COOKIE_SECURE is not True: the CSRF cookie may travel over plain HTTP.",
            hint="It stands for Django's security.W016.",
            id="medinfo.W016",
        )
    ]


def _staff_middleware():
    """The middleware the staff's requests pass, wherever they are listed."""
    if "medinfo.security.StaffMiddleware" in settings.MIDDLEWARE:
        return settings.MEDINFO_STAFF_MIDDLEWARE
    return settings.MIDDLEWARE
