"""The endpoints behind static/ads/ads.js, under /ads/ (never page-cached)."""

from django.urls import path

from . import views

app_name = "ads"

urlpatterns = [
    path("serve/", views.serve, name="serve"),
    path("impression/", views.impression, name="impression"),
    path("click/<str:token>/", views.click, name="click"),
]
