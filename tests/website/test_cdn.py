"""Pages carry their cache tags as surrogate keys; what bumps a tag purges it at the CDN.

Before #15 a page said only "public, max-age=60": a CDN could not tell which pages an
approval changed, so it either kept stale text or kept nothing; and pages for
signed-in staff, 404s and answers setting a cookie carried no Cache-Control at all,
which lets a shared cache keep them.
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medinfo import cdn, workflow
from medinfo.cachetags import EVERY_PAGE, path_tag
from medinfo.models import ArticleKind
from tests.ads.factories import PlacementFactory
from tests.factories import editor_user, reviewer_user
from tests.faults.services import free_port
from tests.public_site import committed, publish, republish, unpublish
from website.publication import article_cache_tags

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/drugs/milnacipran/uses/"


def purged_keys(endpoint):
    """Every key the endpoint was asked to purge, over all purges."""
    return {key for _m, _p, headers in endpoint.purges for key in headers["xkey"].split()}


def surrogate_keys(response, header="xkey"):
    return set(response[header].split())


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_public_page_names_its_cache_tags_as_surrogate_keys(client, uses_article):
    """The article's page carries its article, byline, ad-slot and address tags in ``xkey``."""
    keys = surrogate_keys(client.get(ARTICLE_URL))
    reviewer = f"reviewer:{uses_article.live_revision.reviewer_id}"
    expected = {f"article:{uses_article.pk}", reviewer, "ad-placements", path_tag(ARTICLE_URL)}
    assert expected <= keys


@pytest.mark.parametrize(
    "url",
    ["/", "/drugs/", "/drugs/milnacipran/", ARTICLE_URL, "/search/?q=milnacipran", "/sitemap.xml"],
)
def test_every_stored_page_carries_the_every_page_key(client, uses_article, url):
    """One key names every page, so a restore or a release can empty the CDN at once."""
    response = client.get(url)
    assert response.status_code == 200
    assert EVERY_PAGE in surrogate_keys(response)


def test_purge_cdn_all_purges_every_page_at_every_endpoint(settings, start_purge_endpoint):
    """manage.py purge_cdn --all: one purge of the every-page key at each endpoint.

    Failed before: no key covered every page, so after a restore or a release the CDN
    served the old pages until s-maxage ran out (a day).
    """
    endpoints = [start_purge_endpoint(), start_purge_endpoint()]
    settings.MEDINFO_CDN_PURGE_URLS = [endpoint.url for endpoint in endpoints]
    out = StringIO()
    call_command("purge_cdn", "--all", stdout=out)
    for endpoint in endpoints:
        assert purged_keys(endpoint) == {EVERY_PAGE}
    assert out.getvalue().count("Purged site") == 2


def test_purge_cdn_reports_an_endpoint_that_is_down(settings, start_purge_endpoint):
    """An endpoint that does not answer fails the command, after the others were purged."""
    up = start_purge_endpoint()
    settings.MEDINFO_CDN_PURGE_URLS = [f"http://127.0.0.1:{free_port()}/", up.url]
    with pytest.raises(CommandError, match="failed"):
        call_command("purge_cdn", "home", stdout=StringIO())
    assert purged_keys(up) == {"home"}


def test_purge_cdn_without_keys_is_refused():
    with pytest.raises(CommandError, match="--all"):
        call_command("purge_cdn", stdout=StringIO())


def test_page_served_from_the_page_cache_keeps_its_surrogate_keys(client, uses_article):
    """The second (cached) answer names the same keys as the first."""
    first = surrogate_keys(client.get(ARTICLE_URL))
    assert surrogate_keys(client.get(ARTICLE_URL)) == first


def test_one_setting_names_the_header_for_fastly_style_cdns(client, uses_article, settings):
    """With ``Surrogate-Key`` configured the keys travel in that header, and no ``xkey``."""
    settings.MEDINFO_CDN_KEY_HEADER = "Surrogate-Key"
    response = client.get(ARTICLE_URL)
    assert f"article:{uses_article.pk}" in surrogate_keys(response, "Surrogate-Key")
    assert not response.has_header("xkey")


@pytest.mark.parametrize(
    "url", ["/", "/drugs/", "/drugs/milnacipran/", ARTICLE_URL, "/sitemap.xml"]
)
def test_cdn_keeps_public_pages_long_and_browsers_revalidate(client, uses_article, url):
    """Public pages: ``s-maxage`` for the CDN, a short ``max-age`` and an ETag, no cookie."""
    response = client.get(url)
    assert response.status_code == 200
    assert {
        "public",
        f"max-age={settings.MEDINFO_PAGE_MAX_AGE}",
        f"s-maxage={settings.MEDINFO_CDN_MAX_AGE}",
    } <= cache_control(response)
    assert response["ETag"] and not response.cookies
    revalidated = client.get(url, headers={"if-none-match": response["ETag"]})
    assert revalidated.status_code == 304


@pytest.mark.parametrize("url", ["/media/no-such-file.png", "/static/no-such-file.css"])
def test_answers_from_outside_the_page_cache_are_private(client, url):
    """A response nothing marked (a missing upload) says private, no-store: no CDN keeps it.

    Failed before for /media/: the 404 had no Cache-Control, and Varnish kept it.
    """
    response = client.get(url)
    assert response.status_code == 404
    assert {"private", "no-store"} <= cache_control(response)


def test_signed_in_visitors_pages_are_private(client, uses_article):
    """A page built for a session is never kept by a CDN, and names no keys."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    response = client.get(ARTICLE_URL)
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response) and not response.has_header("xkey")


@pytest.mark.parametrize("url", ["/admin/", "/admin/login/"])
def test_admin_is_private(client, url):
    """The admin, signed in or not, is never kept by a shared cache."""
    assert "private" in cache_control(client.get(url))


def test_admin_pages_of_signed_in_staff_are_private(admin_client):
    """A staff member's admin page says private and no-store."""
    assert {"private", "no-store"} <= cache_control(admin_client.get("/admin/"))


def test_not_found_is_not_kept_by_the_cdn(client, db):
    """A 404 is not in the page cache, so no CDN may keep it past a publication either."""
    response = client.get("/drugs/nothing-here/")
    assert response.status_code == 404
    assert {"private", "no-store"} <= cache_control(response)


def test_publication_purges_exactly_the_pages_that_show_the_article(client, purge_endpoint):
    """Approving a revision purges the tags the page cache bumps, at the CDN, after commit."""
    article = publish(title="What Is Testadrine Used For?")
    previous_reviewer_id = article.live_revision.reviewer_id
    purge_endpoint.purges.clear()
    article = republish(article, title="How Does Testadrine Help?")
    reviewer_ids = [previous_reviewer_id, article.live_revision.reviewer_id]
    assert purged_keys(purge_endpoint) == article_cache_tags(article, reviewer_ids=reviewer_ids)
    assert {(method, path) for method, path, _h in purge_endpoint.purges} == {("PURGE", "/")}


def test_unpublication_purges_the_article_page(client, purge_endpoint):
    """Taking an article off the site purges its address and its hub."""
    article = publish(title="What Is Testadrine Used For?")
    purge_endpoint.purges.clear()
    unpublish(article)
    assert {path_tag(article.get_absolute_url()), f"drug:{article.drug_id}"} <= purged_keys(
        purge_endpoint
    )


def test_site_page_publication_and_unpublication_purge_its_address(purge_endpoint):
    """/about/ approved, then taken down: each purges the page at its address."""
    editor = editor_user()
    with committed():
        article = workflow.create_article(
            author=editor, kind=ArticleKind.SITE_PAGE, slug="about", title="About MedInfo",
            lead="Who writes MedInfo.", body="<p>We do.</p>",
        )  # fmt: skip
        revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
        workflow.approve_revision(revision=revision, reviewer_user=reviewer_user())
    assert {path_tag("/about/"), f"article:{article.pk}"} <= purged_keys(purge_endpoint)
    purge_endpoint.purges.clear()
    unpublish(article)
    assert {path_tag("/about/"), f"article:{article.pk}"} <= purged_keys(purge_endpoint)


def test_every_configured_endpoint_is_purged(settings, purge_endpoint, start_purge_endpoint):
    """Two endpoints (two Varnish hosts) each get the purge."""
    second = start_purge_endpoint()
    settings.MEDINFO_CDN_PURGE_URLS = [*settings.MEDINFO_CDN_PURGE_URLS, second.url]
    publish(title="What Is Testadrine Used For?")
    assert purged_keys(second) == purged_keys(purge_endpoint) != set()


def test_ad_placement_change_purges_the_slot_markup(purge_endpoint):
    """Saving a placement purges the pages whose ad slots it draws, and nothing else."""
    with committed():
        PlacementFactory()
    assert purged_keys(purge_endpoint) == {"ad-placements"}


@pytest.mark.parametrize("change", ["add", "edit", "delete"])
def test_an_ad_placement_change_sends_one_purge_and_queues_one_again(
    settings, purge_endpoint, change
):
    """One purge at once and one queued for later, per endpoint, as for a publication.

    Failed on the old code: the placements' tag was bumped before the commit and again
    after it, and each bump purged at once and queued its own second purge: two and two.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    placement = PlacementFactory() if change != "add" else None
    purge_endpoint.purges.clear()
    DBTaskResult.objects.all().delete()
    with committed():
        if change == "add":
            PlacementFactory()
        elif change == "edit":
            placement.name = "Top of the article"
            placement.save()
        else:
            placement.delete()
    assert [headers["xkey"] for _m, _p, headers in purge_endpoint.purges] == ["ad-placements"]
    assert [(attempt, status) for attempt, status, _due in queued_purges()] == [(1, "READY")]


def test_byline_change_purges_the_reviewers_pages(admin_client, uses_article, purge_endpoint):
    """An administrator editing a reviewer's profile purges the pages showing that byline."""
    reviewer = uses_article.live_revision.reviewer
    url = f"/admin/medinfo/reviewer/{reviewer.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["credentials"] = "PharmD, BCPS"
    with committed():
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:400]
    assert purged_keys(purge_endpoint) == {f"reviewer:{reviewer.pk}"}


def test_nothing_is_purged_without_a_configured_endpoint(settings, monkeypatch):
    """With no CDN configured, publishing sends no purge at all."""
    settings.MEDINFO_CDN_PURGE_URLS = []
    sent = []
    monkeypatch.setattr(cdn, "send_purge", lambda **kwargs: sent.append(kwargs))
    publish(title="What Is Testadrine Used For?")
    assert sent == []


def queued_purges():
    """(attempt, status, seconds from now until due) of each queued purge."""
    rows = DBTaskResult.objects.filter(task_path=cdn.purge_keys.module_path)
    now = timezone.now()
    return [
        (
            row.args_kwargs["kwargs"].get("attempt", 1),
            row.status,
            (row.run_after - now).total_seconds(),
        )
        for row in rows
    ]


def test_cdn_outage_never_fails_an_approval_and_the_purge_is_queued_again(settings):
    """Endpoint down: the approval is saved and attempt 2 of the purge waits in the queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDINFO_CDN_PURGE_URLS = [f"http://127.0.0.1:{free_port()}/"]
    article = publish(title="What Is Testadrine Used For?")
    DBTaskResult.objects.all().delete()
    article = republish(article, title="How Does Testadrine Help?")
    assert article.live_revision.title == "How Does Testadrine Help?"
    retries = [(attempt, status) for attempt, status, _due in queued_purges() if attempt == 2]
    assert retries == [(2, "READY")]


def test_each_purge_is_sent_again_after_fetches_under_way_have_ended(settings, purge_endpoint):
    """A page Varnish was fetching while the approval committed is dropped by a second purge.

    Without it, a fetch that began before the commit stored the old page after the
    purge, for as long as the CDN keeps pages (a day).
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    publish(title="What Is Testadrine Used For?")
    assert len(purge_endpoint.purges) == 1  # the first purge, at once
    [(attempt, status, due)] = queued_purges()
    assert (attempt, status) == (1, "READY")
    assert (
        settings.MEDINFO_CDN_PURGE_AGAIN_SECONDS - 5
        < due
        <= settings.MEDINFO_CDN_PURGE_AGAIN_SECONDS
    )


def test_a_retried_purge_succeeds_once_the_endpoint_answers(purge_endpoint):
    """The queued attempt sends the same keys to the endpoint that is back."""
    url = settings.MEDINFO_CDN_PURGE_URLS[0]
    cdn.purge_keys.call(url=url, keys=["article:7", "home"], attempt=2)
    assert purge_endpoint.purges[0][2]["xkey"] == "article:7 home"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/", "127.0.0.1:6081", "http:///"])
def test_a_purge_url_that_is_not_http_is_refused(url):
    """A misconfigured endpoint fails the purge (and so is retried and listed), never silently."""
    with pytest.raises(cdn.PurgeFailed):
        cdn.send_purge(url=url, keys=["home"])
