"""bench.urls with the simpler cache design's article and A–Z views in front."""

from django.urls import include, path

from bench import simplecache
from bench.urls import hello

urlpatterns = [
    path("bench/hello/", hello),
    path("drugs/", simplecache.drug_index),
    path("drugs/<slug:drug_slug>/<slug:article_slug>/", simplecache.drug_article),
    path("conditions/", simplecache.condition_index),
    path("conditions/<slug:condition_slug>/<slug:article_slug>/", simplecache.condition_article),
    path("", include("medinfo.urls")),
]
