"""Using the admin the way staff do in a browser: logged in, at a page's address, reading
its text, posting its form back."""

import html

from django.test import Client
from django.urls import reverse

from tests.public_site import parse

ARTICLE_ADD_URL = reverse("admin:medinfo_article_add")


def logged_in(user):
    """A browser of its own with ``user`` logged in (so two people can act in one test)."""
    client = Client()
    client.force_login(user)
    return client


def page_text(response):
    """The response body as a reader sees it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def change_url(article):
    """The admin change form of ``article``."""
    return reverse("admin:medinfo_article_change", args=[article.pk])


def review_url(revision):
    """The review screen of ``revision``."""
    return reverse("admin:medinfo_articlerevision_review", args=[revision.pk])


def article_form(*, drug, title, lead, body="", draft_version="", **buttons):
    """What the article change form posts; ``buttons`` name the button pressed."""
    return {
        "title": title,
        "lead": lead,
        "body": body,
        "search_description": "",
        "draft_version": draft_version,
        "kind": "uses",
        "drug": drug.pk,
        "condition": "",
        "slug": "uses",
        "ads_enabled": "on",
        **buttons,
    }


def form_data(response):
    """What a browser would post back from the page's admin form, unchanged."""
    form = next(
        f for f in parse(response).find_all("form") if f.attrs.get("id", "").endswith("_form")
    )
    data = {}
    for element in form.iter():
        name = element.attrs.get("name")
        if not name or element.attrs.get("type") in ("submit", "file", "button"):
            continue
        if element.tag == "textarea":
            data[name] = element.raw_text.removeprefix("\n")
        elif element.tag == "select":
            chosen = [o.attrs.get("value", o.text) for o in element.find_all("option")
                      if "selected" in o.attrs]  # fmt: skip
            data[name] = chosen if "multiple" in element.attrs else (chosen or [""])[0]
        elif element.attrs.get("type") not in ("checkbox", "radio") or "checked" in element.attrs:
            data[name] = element.attrs.get("value") or ("on" if "checked" in element.attrs else "")
    return data
