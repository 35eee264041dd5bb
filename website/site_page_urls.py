"""The site pages' addresses (/about/, /privacy/ …): one path segment each, tried last.

``medinfo.urls`` includes this module after every other route, so a fixed address
(/admin/, /search/, /drugs/) always wins; ``Article.clean`` refuses a site-page
slug whose address another route answers, so no site page is ever unreachable.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:page_slug>/", views.site_page, name="site_page"),
]
