"""The site's URLs plus /bench/hello/, the baseline every ratio is measured against."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    """The cheapest possible Django response: what the stack costs by itself."""
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [
    path("bench/hello/", hello),
    path("", include("medinfo.urls")),
]
