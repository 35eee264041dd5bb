"""common.middleware.MiddlewareBranch: listed middleware behave as if they stood in MIDDLEWARE.

Each test runs the same middleware two ways, listed in MIDDLEWARE and behind a branch,
and compares what a request went through: requests, responses, view hooks, exception
hooks and template-response hooks, in Django's order.
"""

import pytest
from django.core.exceptions import MiddlewareNotUsed, PermissionDenied
from django.core.handlers.base import BaseHandler
from django.http import HttpResponse
from django.template import engines
from django.template.response import TemplateResponse
from django.test import RequestFactory, override_settings
from django.urls import path

from common.middleware import MiddlewareBranch

EVENTS = []


class Recording:
    """Middleware that records each of its hooks, under its class name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        EVENTS.append(f"{self.name} request")
        response = self.get_response(request)
        EVENTS.append(f"{self.name} response")
        return response

    @property
    def name(self):
        return type(self).__name__

    def process_view(self, request, view, args, kwargs):
        EVENTS.append(f"{self.name} view")

    def process_exception(self, request, exception):
        EVENTS.append(f"{self.name} exception")

    def process_template_response(self, request, response):
        EVENTS.append(f"{self.name} template")
        return response


class First(Recording):
    pass


class Second(Recording):
    def process_exception(self, request, exception):
        super().process_exception(request, exception)
        if isinstance(exception, LookupError):
            return HttpResponse("second handled it", status=410)
        return None


class Unused:
    def __init__(self, get_response):
        raise MiddlewareNotUsed


class RefusesEveryone(Recording):
    def __call__(self, request):
        if request.path.endswith("refused/"):
            raise PermissionDenied
        return super().__call__(request)


class StaffBranch(MiddlewareBranch):
    setting = "TEST_BRANCH_MIDDLEWARE"

    def takes(self, request):
        return request.path.startswith("/staff/")


LISTED = [
    "tests.common.test_middleware_branch.First",
    "tests.common.test_middleware_branch.Unused",
    "tests.common.test_middleware_branch.RefusesEveryone",
    "tests.common.test_middleware_branch.Second",
]
OUTER = "tests.common.test_middleware_branch.Outer"
BRANCH = "tests.common.test_middleware_branch.StaffBranch"


class Outer(Recording):
    pass


def plain(request):
    EVENTS.append("view")
    return HttpResponse("plain")


def failing(request):
    EVENTS.append("view")
    raise LookupError("no such thing")


def templated(request):
    EVENTS.append("view")
    return TemplateResponse(request, engines["django"].from_string("templated"), {})


def refused(request, exception):
    return HttpResponse("refused", status=403)


handler403 = refused
urlpatterns = [
    path(f"{side}/{name}/", view)
    for side in ("staff", "public")
    for name, view in (
        ("plain", plain),
        ("failing", failing),
        ("templated", templated),
        ("refused", plain),
    )  # fmt: skip
]


def run(middleware, address):
    """The events of one GET of ``address`` through a handler with ``middleware``, and its status."""
    EVENTS.clear()
    with override_settings(
        MIDDLEWARE=middleware,
        TEST_BRANCH_MIDDLEWARE=LISTED,
        ROOT_URLCONF="tests.common.test_middleware_branch",
        DEBUG_PROPAGATE_EXCEPTIONS=False,
    ):
        handler = BaseHandler()
        handler.load_middleware()
        response = handler.get_response(RequestFactory().get(address))
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    return list(EVENTS), response.status_code


ADDRESSES = ["plain/", "failing/", "templated/", "refused/"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_request_the_branch_takes_goes_through_the_middleware_as_if_listed(address):
    """Same hooks, same order, same answer as the middleware listed in MIDDLEWARE itself."""
    listed = run([OUTER, *LISTED], f"/staff/{address}")
    branched = run([OUTER, BRANCH], f"/staff/{address}")
    assert branched == listed
    assert "First request" in listed[0]  # the middleware did run


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_request_the_branch_refuses_goes_through_none_of_them(address):
    """Only the middleware outside the branch see it; the view's answer is the same."""
    events, status = run([OUTER, BRANCH], f"/public/{address}")
    alone, status_alone = run([OUTER], f"/public/{address}")
    assert (events, status) == (alone, status_alone)
    assert not any(event.startswith(("First", "Second", "RefusesEveryone")) for event in events)


def test_the_hooks_run_in_djangos_order():
    """View hooks outside-in, exception hooks inside-out; the first answer wins."""
    events, status = run([OUTER, BRANCH], "/staff/failing/")
    assert status == 410
    assert events == [
        "Outer request", "First request", "RefusesEveryone request", "Second request",
        "Outer view", "First view", "RefusesEveryone view", "Second view",
        "view",
        "Second exception",
        "Second response", "RefusesEveryone response", "First response", "Outer response",
    ]  # fmt: skip


def test_an_exception_inside_the_branch_becomes_a_response_at_its_layer():
    """PermissionDenied raised by a listed middleware is a 403 that the outer ones still see."""
    events, status = run([OUTER, BRANCH], "/staff/refused/")
    assert status == 403
    assert events == ["Outer request", "First request", "First response", "Outer response"]
