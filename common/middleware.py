"""Middleware shared by every part of the site."""

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


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
