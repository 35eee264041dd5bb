"""Middleware shared by every part of the site."""

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response
from django.utils.functional import SimpleLazyObject, empty
from django.utils.module_loading import import_string


class LazyMessageMiddleware(MessageMiddleware):
    """Django's MessageMiddleware, with the message storage made on first use.

    Making it costs a cookie signer and two storages on every request, and only the
    admin shows or adds messages; a public page now makes none. Messages nobody read
    or added need no saving, so an unmade storage is skipped on the way out.
    """

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)


class MiddlewareBranch:
    """Middleware that runs the middleware a setting lists, for the requests ``takes`` accepts.

    For those requests the listed middleware behave as if they stood in MIDDLEWARE in
    the branch's place, as Django's ``BaseHandler.load_middleware`` would chain them: in
    the same order, each layer turning an exception into a response, and their
    ``process_view``, ``process_template_response`` and ``process_exception`` hooks
    called in Django's order. Other requests go straight on and cost one test.
    Synchronous only, as the site runs under WSGI.
    """

    setting = ""  # subclasses name the setting that lists the middleware

    def __init__(self, get_response):
        self.get_response = get_response
        self.view_hooks = []
        self.template_response_hooks = []
        self.exception_hooks = []
        handler = get_response
        for path in reversed(getattr(settings, self.setting)):
            middleware = import_string(path)
            if not getattr(middleware, "sync_capable", True):
                raise ImproperlyConfigured(f"{path} in {self.setting} must run synchronously.")
            try:
                instance = middleware(handler)
            except MiddlewareNotUsed:
                continue
            self._collect_hooks(instance)
            handler = convert_exception_to_response(instance)
        self.branch = handler

    def _collect_hooks(self, instance):
        # Django's own order: view hooks outside-in, the others inside-out.
        if hasattr(instance, "process_view"):
            self.view_hooks.insert(0, instance.process_view)
        if hasattr(instance, "process_template_response"):
            self.template_response_hooks.append(instance.process_template_response)
        if hasattr(instance, "process_exception"):
            self.exception_hooks.append(instance.process_exception)

    def takes(self, request) -> bool:
        raise NotImplementedError

    def __call__(self, request):
        if self.takes(request):
            return self.branch(request)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if self.takes(request):
            for hook in self.view_hooks:
                response = hook(request, view, args, kwargs)
                if response is not None:
                    return response
        return None

    def process_template_response(self, request, response):
        if self.takes(request):
            for hook in self.template_response_hooks:
                response = hook(request, response)
                if response is None:
                    raise ValueError(f"{hook.__qualname__} returned None.")
        return response

    def process_exception(self, request, exception):
        if self.takes(request):
            for hook in self.exception_hooks:
                response = hook(request, exception)
                if response is not None:
                    return response
        return None
