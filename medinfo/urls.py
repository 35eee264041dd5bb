"""The public URL contract (../shared/DESIGN.md) and the admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from ads import views as ads_views

from . import views
from .feeds import LatestArticlesFeed
from .media import media_file
from .pagecache import tagged
from .sitemaps import SITEMAPS


def cache_sitemap(view):
    return tagged(view, "sitemap")


urlpatterns = [
    path("", views.home, name="home"),
    path("drugs/", include("drugs.urls")),
    path("conditions/", include("conditions.urls")),
    path("search/", views.search, name="search"),
    path("reviewers/<slug:reviewer_slug>/", views.reviewer_detail, name="reviewer_detail"),
    path("preview/<str:token>/", views.revision_preview, name="revision_preview"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/", views.healthz),  # probes are configured both ways
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feeds/latest/", tagged(LatestArticlesFeed(), "feed"), name="feed_latest"),
    path(
        "sitemap.xml",
        cache_sitemap(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        cache_sitemap(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("ads.txt", ads_views.ads_txt, name="ads_txt"),
    path("ads/", include("ads.urls")),
    path("admin/", admin.site.urls),
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
