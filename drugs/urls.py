from django.urls import path

from . import views

app_name = "drugs"
urlpatterns = [
    path("", views.drug_index, name="index"),
    path("<slug:drug_slug>/", views.drug_detail, name="detail"),
    path("<slug:drug_slug>/<slug:article_slug>/", views.drug_article, name="article"),
]
