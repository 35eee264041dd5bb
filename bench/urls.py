"""The site's URLs plus /bench/hello/, the baseline every ratio is measured against."""

from django.http import HttpResponse
from django.urls import path

from medinfo import urls as site_urls


def hello(request):
    """The cheapest possible Django response: what the stack costs by itself."""
    return HttpResponse("Hello, world", content_type="text/plain")


# The site's own patterns, not an include of them: an include would add a level of URL
# resolution that production does not have, to every page but the hello-world.
urlpatterns = [path("bench/hello/", hello), *site_urls.urlpatterns]
