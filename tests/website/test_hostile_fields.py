"""Hostile text in every publicly shown field never breaks a public URL (#10 item 9).

A vertical tab pasted into a title or a reviewer's name once took /feeds/latest/
down with a 500. Here each hostile string is written into every plain-text field
of demo-like published data (drug, brand, class, conditions, symptoms, uses and
their notes, the reviewer's byline and bio, the ad and ads.txt records, the
revisions' title, lead, search description and their references' title and
publisher) in two ways:

* **typed**: the way a person's input arrives, through model validation and save
  (what the admin does) and the workflow services for revisions;
* **stored**: written past every form with ``QuerySet.update`` (old rows from
  before input was normalised), revision text while still a draft.

Then every public URL is fetched: no 5xx, the feed and sitemaps parse as XML,
JSON parses, and no payload's markup is live in the HTML. On the old code
(2d77638) the vertical-tab and typed NUL cases failed with a 500 from
/feeds/latest/ ("Control characters are not supported in XML 1.0"), the C0
cases could not even be published (the review e-mail's subject refused the line
break), a lone surrogate could not be saved, and the feed and e-mail tests failed.
"""

import json
import xml.etree.ElementTree as ET  # noqa: S405  # parses our own responses
from urllib.parse import quote

import pytest
from django.db.models import URLField
from django.urls import Resolver404, resolve, reverse

from ads.counting import CLICK_SALT, new_nonce, sign_token
from ads.models import AdsTxtRecord, AdsTxtVariable
from common.text import is_plain_text_field
from medinfo import notifications, workflow
from medinfo.models import ArticleKind, ArticleRevision
from medinfo.preview import preview_url
from tests.admin_forms import logged_in
from tests.ads.factories import CreativeFactory, article_placements
from tests.factories import draft_article, editor_user, milnacipran, reviewer_user
from tests.hostile import NOT_STORABLE, PAYLOADS
from tests.public_site import ROUTES, committed, json_ld, parse
from website.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db

CASES = [(name, "typed") for name in PAYLOADS] + [
    (name, "stored") for name in PAYLOADS if name not in NOT_STORABLE
]
REVISION_TEXT = ("title", "lead", "search_description")
# Routes with no text of their own: a beacon that takes POSTs and uploaded files.
NO_TEXT_ROUTES = {"ads/impression/", "media/<path:path>", "favicon.ico"}


def hostile(row, payload, *, stored):
    """Append ``payload`` to every plain-text field of ``row``, typed or written past the forms."""
    values = {
        field.attname: f"{getattr(row, field.attname) or field.name} {payload}"[: field.max_length]
        for field in row._meta.concrete_fields
        if is_plain_text_field(field) and not isinstance(field, URLField)
    }
    if stored:
        type(row).objects.filter(pk=row.pk).update(**values)
        return
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()


def hostile_reference(payload):
    """A source whose title and publisher carry ``payload`` (the page and JSON-LD print both)."""
    return {"title": f"Label {payload}"[:300], "publisher": f"DailyMed {payload}"[:200],
            "url": "https://dailymed.nlm.nih.gov/dailymed/", "accessed": "2026-01-15",
            "dailymed_setid": ""}  # fmt: skip


def new_article(*, author, **kwargs):
    """A draft article, or a site page (About …) when ``kind`` says so: it has no subject."""
    if kwargs.get("kind") == ArticleKind.SITE_PAGE:
        text = {"title": "About MedInfo", "lead": "Who we are.", **kwargs}
        return workflow.create_article(author=author, **text)
    return draft_article(author=author, **kwargs)


def publish_with_text(payload, *, stored, editor, reviewer, **subject):
    """A live article whose title, lead, search description and a reference carry ``payload``."""
    text = {name: f"{name.title()} {payload}"[:200] for name in REVISION_TEXT}
    text["references"] = [hostile_reference(payload)]
    if stored:
        article = new_article(author=editor, **subject)
        ArticleRevision.objects.filter(pk=article.latest_revision_id).update(**text)
    else:
        article = new_article(author=editor, **subject, **text)
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    workflow.approve_revision(revision=revision, reviewer_user=reviewer)
    article.refresh_from_db()
    return article


@pytest.fixture
def hostile_site(request):
    """Demo-like published content with one payload in every publicly shown field."""
    name, mode = request.param
    payload, stored = PAYLOADS[name], mode == "stored"
    drug = milnacipran()
    fibromyalgia = drug.uses.get(kind="approved").condition
    reviewer = reviewer_user(display_name="Kristi Monson", slug="kristi-monson")
    article_placements()
    creative = CreativeFactory()
    rows = [drug, drug.drug_class, *drug.brand_names.all(), *drug.uses.all(),
            *(use.condition for use in drug.uses.all()), *fibromyalgia.memberships.all(),
            *fibromyalgia.symptoms.all(), reviewer.reviewer_profile, creative, creative.campaign,
            AdsTxtRecord.objects.create(ad_system_domain="adexchange.example",
                                        publisher_account_id="pub-1", relationship="DIRECT"),
            AdsTxtVariable.objects.create(name="CONTACT", value="ads@medinfo.example")]  # fmt: skip
    for row in rows:
        hostile(row, payload, stored=stored)
    editor = editor_user()
    with committed():
        drug_article = publish_with_text(payload, stored=stored, editor=editor,
                                         reviewer=reviewer, drug=drug)  # fmt: skip
        condition_article = publish_with_text(
            payload, stored=stored, editor=editor, reviewer=reviewer, condition=fibromyalgia,
            kind=ArticleKind.SYMPTOMS, slug="symptoms",
        )  # fmt: skip
        site_page = publish_with_text(payload, stored=stored, editor=editor, reviewer=reviewer,
                                      kind=ArticleKind.SITE_PAGE, slug="about")  # fmt: skip
    return {"payload": payload, "articles": [drug_article, condition_article],
            "reviewer": reviewer.reviewer_profile, "drug": drug, "creative": creative,
            "editor": editor, "site_page": site_page}  # fmt: skip


def public_urls(site):
    """Every public page of the site, with the A–Z letters and searches that reach the payload."""
    drug_article, condition_article = site["articles"]
    click = sign_token(creative_id=site["creative"].pk, nonce=new_nonce(), salt=CLICK_SALT)
    return [
        "/", "/drugs/", "/drugs/?letter=M", "/drugs/?letter=S", "/drugs/?letter=%23",
        f"/drugs/{site['drug'].slug}/", drug_article.get_absolute_url(), "/drugs/savella/",
        "/conditions/", "/conditions/?letter=F", "/conditions/fibromyalgia/",
        condition_article.get_absolute_url(), f"/search/?q={quote(site['payload'].encode('utf-8', 'surrogatepass'))}",
        "/search/?q=milnacipran", "/search/?q=savella", "/sitemap.xml",
        *(f"/sitemap-{section}.xml" for section in SITEMAPS), "/feeds/latest/", "/robots.txt",
        "/ads.txt", site["reviewer"].get_absolute_url(), "/healthz", "/healthz/",
        f"/ads/serve/?placement=article-top&size=728x90&drug={site['drug'].pk}",
        f"/ads/click/{click}/", site["site_page"].get_absolute_url(),
    ]  # fmt: skip


def assert_no_live_markup(page, where):
    """Only the site's own scripts run, and no element carries an event handler."""
    for element in page.iter():
        if element.tag == "script":
            allowed = element.attrs.get("type") == "application/ld+json" or (
                element.attrs.get("src") or ""
            ).startswith("/static/")
            assert allowed, f"{where}: live <script> {element.attrs} {element.raw_text[:80]!r}"
        handlers = [name for name in element.attrs if name.startswith("on")]
        assert not handlers, f"{where}: <{element.tag}> has {handlers}"
        assert element.attrs.get("src") != "x", f"{where}: injected <{element.tag} src=x>"


def assert_well_formed(response, where):
    content_type = response.headers.get("Content-Type", "")
    if "html" in content_type:
        assert_no_live_markup(parse(response), where)
        json_ld(response)  # every JSON-LD block still parses
    elif "xml" in content_type:
        ET.fromstring(response.content)  # noqa: S314  # our own feed and sitemaps
    elif "json" in content_type:
        json.loads(response.content)


@pytest.mark.parametrize("hostile_site", CASES, indirect=True, ids=[f"{n}-{m}" for n, m in CASES])
def test_every_public_url_answers_with_hostile_text(client, hostile_site):
    """No 5xx, XML that parses, and no payload markup made live, on every public URL."""
    shown = {"/", "/drugs/", "/conditions/", "/feeds/latest/", "/sitemap.xml", "/ads.txt",
             *(article.get_absolute_url() for article in hostile_site["articles"]),
             hostile_site["reviewer"].get_absolute_url()}  # fmt: skip
    for url in public_urls(hostile_site):
        response = client.get(url)
        assert response.status_code < 500, url
        assert response.status_code in (200, 204, 301, 302, 404), url
        assert response.status_code == 200 or url not in shown, url
        assert_well_formed(response, url)


@pytest.mark.parametrize("hostile_site", CASES, indirect=True, ids=[f"{n}-{m}" for n, m in CASES])
def test_staff_preview_answers_with_hostile_text(hostile_site):
    """The signed preview renders the public template over the same hostile revision."""
    client = logged_in(hostile_site["editor"])
    response = client.get(preview_url(hostile_site["articles"][0].live_revision))
    assert response.status_code == 200
    assert_well_formed(response, "preview")


@pytest.mark.parametrize("hostile_site", CASES, indirect=True, ids=[f"{n}-{m}" for n, m in CASES])
def test_unsaved_preview_answers_with_hostile_text(hostile_site):
    """The live preview beside the article form renders an autosave of the hostile text."""
    article, payload = hostile_site["articles"][0], hostile_site["payload"]
    payload = payload.encode(errors="replace").decode()  # what a browser can send of it
    client = logged_in(hostile_site["editor"])
    text = {"title": f"Title {payload}"[:200], "lead": f"Lead {payload}",
            "body": f"<p>Body {payload}</p>", "search_description": payload}  # fmt: skip
    autosave = reverse("admin:medinfo_article_autosave", args=[article.pk])
    refused = "\x00" in payload  # a NUL is no text: refused like on every form
    assert client.post(autosave, text).status_code == (400 if refused else 200)
    response = client.get(reverse("autosave_preview", args=[article.pk]))
    assert response.status_code == 200
    assert_well_formed(response, "unsaved preview")


@pytest.mark.parametrize("hostile_site", [("vertical-tab", "stored")], indirect=True)
def test_feed_strips_control_characters_from_old_rows(client, hostile_site):
    """A vertical tab stored before input was normalised reaches the feed as a space."""
    feed = ET.fromstring(client.get("/feeds/latest/").content)  # noqa: S314
    titles = [item.findtext("title") for item in feed.iter("item")]
    assert "Title Savella XR" in titles


@pytest.mark.parametrize("hostile_site", [("html", "typed")], indirect=True)
def test_typed_markup_is_shown_as_text(client, hostile_site):
    """A title holding a script tag shows the tag as text, on the page and in the feed."""
    article = hostile_site["articles"][0]
    page = parse(client.get(article.get_absolute_url()))
    assert "Title <script>alert(1)</script>" in page.find("h1").text
    feed = ET.fromstring(client.get("/feeds/latest/").content)  # noqa: S314
    assert any("<script>" in (item.findtext("title") or "") for item in feed.iter("item"))


def route(url):
    try:
        return resolve(url.split("?")[0]).route
    except Resolver404:  # a URL this release does not have, answered with a 404 above
        return None


@pytest.mark.parametrize("hostile_site", [("emoji", "typed")], indirect=True)
def test_every_public_route_is_fetched(hostile_site):
    """The URL list above reaches every public route that shows text (the previews have their own tests)."""
    fetched = {route(url) for url in public_urls(hostile_site)}
    previews = {"preview/<str:token>/", "preview/unsaved/<int:article_id>/"}
    assert set(ROUTES) - NO_TEXT_ROUTES - previews <= fetched


@pytest.mark.parametrize("hostile_site", [("c0-controls", "stored")], indirect=True)
def test_review_mails_survive_old_titles(hostile_site, mailoutbox):
    """A line break stored in an old title no longer stops the reviewers' and author's e-mails."""
    revision = hostile_site["articles"][0].live_revision
    mailoutbox.clear()
    notifications.revision_submitted(revision=revision)
    notifications.revision_decided(revision=revision)
    assert len(mailoutbox) == 2
    assert all(message.subject.isprintable() for message in mailoutbox)
