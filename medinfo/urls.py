"""The public URL contract (../shared/DESIGN.md) and the admin."""

from django.contrib import admin
from django.urls import include, path

from ads import views as ads_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("drugs/", include("drugs.urls")),
    path("conditions/", include("conditions.urls")),
    path("reviewers/<slug:reviewer_slug>/", views.reviewer_detail, name="reviewer_detail"),
    path("preview/<str:token>/", views.revision_preview, name="revision_preview"),
    path("healthz", views.healthz, name="healthz"),
    path("ads.txt", ads_views.ads_txt, name="ads_txt"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "MedInfo editorial"
admin.site.site_title = "MedInfo admin"
admin.site.index_title = "Content and review"
