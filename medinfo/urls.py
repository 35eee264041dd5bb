"""The project's URLs: the public site, the ad endpoints, the admin and local media.

Each app owns its routes; they are included by name, so the project package
imports none of the apps above the editorial core.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .media import media_file

urlpatterns = [
    path("", include("website.urls")),
    path("", include("ads.urls")),
    path("admin/", admin.site.urls),
    # /about/, /privacy/ …: a single segment matches so much that it comes after every route.
    path("", include("website.site_page_urls")),
]

if settings.MEDIA_URL.startswith("/"):
    # Uploaded images (reviewer photos, ad creatives) while they live on the local disk;
    # with object storage MEDIA_URL is that service's address and this route is unused.
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", media_file, name="media_file")
    )

admin.site.site_header = "MedInfo editorial"
admin.site.site_title = "MedInfo admin"
admin.site.index_title = "Content and review"
