"""The public URLs plus a view with a bug in it, for the 500-page tests."""

from django.urls import include, path


def broken_view(request):
    """A view with a bug in it."""
    raise RuntimeError("a bug that visitors must never see the details of")


urlpatterns = [
    path("broken/", broken_view),
    path("", include("medinfo.urls")),
]
