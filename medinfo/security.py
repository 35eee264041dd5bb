"""Site-wide security pieces: the admin's Content-Security-Policy, login lockout, client address.

The public policy lives in settings.CONTENT_SECURITY_POLICY (django-csp); pages under
the admin get settings.MEDINFO_ADMIN_CONTENT_SECURITY_POLICY instead, and the admin
pages that load CKEditor 4 also allow its inline scripts and styles.
"""

import functools
import logging

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.decorators import csp_update
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, reverse

from common.middleware import MiddlewareBranch

logger = logging.getLogger(__name__)

# What a view sets on its response to change or drop the policy (django-csp's decorators).
_RESPONSE_OVERRIDES = frozenset(
    f"_csp_{name}{suffix}"
    for name in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)
_POLICY_SETTINGS = (
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "MEDINFO_ADMIN_CONTENT_SECURITY_POLICY",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the looser admin policy applied only under the admin.

    Most responses use the policy as configured: no nonce, no decorator. Their headers
    are the same every time, so they are built once per process (per policy setting
    and side of the site) instead of on every request; anything else goes through
    django-csp as written.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self._defaults = {}

    def process_response(self, request, response):
        defaults = (
            self._default_headers(request) if self._uses_defaults(request, response) else None
        )
        if defaults is None:
            return super().process_response(request, response)
        for header, value in defaults.items():
            if header not in response:
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _uses_defaults(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None:
            return False
        if not _RESPONSE_OVERRIDES.isdisjoint(vars(response)):
            return False
        # django-csp leaves the debug pages alone.
        return response.status_code not in (404, 500) or not settings.DEBUG

    def _default_headers(self, request):
        """The headers django-csp sets on a plain response here, built on first use.

        None when a policy excludes some addresses (EXCLUDE_URL_PREFIXES): then every
        response goes through django-csp.
        """
        policies = tuple(getattr(settings, name, None) for name in _POLICY_SETTINGS)
        side = is_admin_path(request.path_info)
        known = self._defaults.get(side)
        # Compared by identity: override_settings (tests) installs new objects.
        if known is None or any(a is not b for a, b in zip(known[0], policies, strict=True)):
            excludes = any((policy or {}).get("EXCLUDE_URL_PREFIXES") for policy in policies[:2])
            sample = super().process_response(request, HttpResponse())
            headers = {
                name: sample[name] for name in (HEADER, HEADER_REPORT_ONLY) if name in sample
            }
            known = self._defaults[side] = (policies, None if excludes else headers)
        return known[1]

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own @csp_replace/@csp_update still applies on top of either policy.
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.MEDINFO_ADMIN_CONTENT_SECURITY_POLICY)
        return parts


def rich_text_editor_csp(view):
    """Let ``view``'s pages run CKEditor 4, which needs inline scripts and styles.

    Only for staff-only admin views: on any other page this would undo the policy.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        allow_editor = csp_update(settings.MEDINFO_RICH_TEXT_EDITOR_CSP)
        return allow_editor(view)(request, *args, **kwargs)

    return wrapper


class StaffMiddleware(MiddlewareBranch):
    """Sessions, sign-in, CSRF, history attribution, messages and login throttling
    (MEDINFO_STAFF_MIDDLEWARE), for every request but a read of the public site.

    A GET or HEAD outside MEDINFO_PRIVATE_PREFIXES shows the same page to everyone
    (a signed-in editor's copy differs only in not coming from the page cache) and
    changes nothing, so it needs none of them. They cost a signed-in editor's page
    a fifth of its server time. Any other method, anywhere, passes them all: CSRF
    still guards every form. A staff address missed here fails closed: without a
    session nobody can sign in there.
    """

    setting = "MEDINFO_STAFF_MIDDLEWARE"

    def takes(self, request):
        return request.method not in SAFE_READS or request.path_info.startswith(
            settings.MEDINFO_PRIVATE_PREFIXES
        )


SAFE_READS = frozenset({"GET", "HEAD"})


class StaffSessionRenewalMiddleware:
    """Renew a logged-in user's session on every admin request.

    Sessions then end SESSION_COOKIE_AGE after the last admin request (an idle
    timeout) without SESSION_SAVE_EVERY_REQUEST, which would write a session row for
    any request carrying a session cookie, even a made-up one on a public page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only a page that worked renews: after an error (the 503 of a lost database
        # above all) loading the user could only fail again.
        if response.status_code < 500 and is_admin_path(request.path_info):
            # is_admin_path first: request.user loads the session.
            try:
                user = getattr(request, "user", None)
                if user is not None and user.is_authenticated:
                    request.session.modified = True
            except (OperationalError, InterfaceError) as error:
                # The page is done; it is sent without renewing the session this once.
                logger.warning("Session not renewed for %s: %s", request.path, error)
        return response


def is_admin_path(path):
    """Whether ``path``, a request's ``path_info`` (no script prefix), is the admin's."""
    return path.startswith(_admin_path(get_urlconf(settings.ROOT_URLCONF)))


@functools.lru_cache(maxsize=16)
def _admin_path(urlconf):
    """The admin's address in ``urlconf``, without the script prefix (reverse() is not free)."""
    return "/" + reverse("admin:index", urlconf=urlconf).removeprefix(get_script_prefix())


def client_ip(request):
    """The visitor's address for login throttling.

    Behind MEDINFO_TRUSTED_PROXY_COUNT reverse proxies the address is read from
    X-Forwarded-For, counting from the right: entries further left were written by
    the client and could be forged to dodge a lockout.
    """
    proxies = settings.MEDINFO_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown (HTTP 429) after too many failed admin logins from one user and address."""
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    status = settings.AXES_HTTP_RESPONSE_CODE
    return render(request, "admin/login_locked.html", context, status=status)
