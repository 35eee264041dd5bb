"""/ads.txt and the endpoints behind static/ads/ads.js under /ads/ (never page-cached)."""

from django.urls import include, path

from . import views

# Namespaced as "ads:" (Placement.serve_url() reverses "ads:serve").
endpoint_patterns = [
    path("serve/", views.serve, name="serve"),
    path("impression/", views.impression, name="impression"),
    path("click/<str:token>/", views.click, name="click"),
]

urlpatterns = [
    path("ads.txt", views.ads_txt, name="ads_txt"),
    path("ads/", include((endpoint_patterns, "ads"))),
]
