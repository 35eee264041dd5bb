from django.urls import path

from . import views

app_name = "conditions"
urlpatterns = [
    path("", views.condition_index, name="index"),
    path("<slug:condition_slug>/", views.condition_detail, name="detail"),
    path("<slug:condition_slug>/<slug:article_slug>/", views.condition_article, name="article"),
]
