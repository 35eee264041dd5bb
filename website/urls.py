"""The public URL contract (../shared/DESIGN.md): every address a reader can visit.

The site pages (/about/ …) are in ``site_page_urls``, which the project includes last.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from medinfo import cachetags as tags

from . import views
from .feeds import LatestArticlesFeed
from .pagecache import tagged
from .sitemaps import SITEMAPS

# Namespaced as "drugs:" and "conditions:" (Drug.get_absolute_url() reverses them).
drug_patterns = [
    path("", views.drug_index, name="index"),
    path("<slug:drug_slug>/", views.drug_detail, name="detail"),
    path("<slug:drug_slug>/<slug:article_slug>/", views.drug_article, name="article"),
]
condition_patterns = [
    path("", views.condition_index, name="index"),
    path("<slug:condition_slug>/", views.condition_detail, name="detail"),
    path("<slug:condition_slug>/<slug:article_slug>/", views.condition_article, name="article"),
]


def cache_sitemap(view):
    return tagged(view, tags.SITEMAP)


urlpatterns = [
    path("", views.home, name="home"),
    path("drugs/", include((drug_patterns, "drugs"))),
    path("conditions/", include((condition_patterns, "conditions"))),
    path("search/", views.search, name="search"),
    path("reviewers/<slug:reviewer_slug>/", views.reviewer_detail, name="reviewer_detail"),
    path("preview/<str:token>/", views.revision_preview, name="revision_preview"),
    path("preview/unsaved/<int:article_id>/", views.autosave_preview, name="autosave_preview"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/", views.healthz),  # probes are configured both ways
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("feeds/latest/", tagged(LatestArticlesFeed(), tags.FEED), name="feed_latest"),
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
]
