"""Several app servers share one database and one cache: what one publishes, all serve.

Two real gunicorn servers (2 workers each) on their own ports share a private
PostgreSQL cluster and a private Redis (tests.faults.services). A pharmacist
approves through the first; the second, which had the old page in its page cache,
serves the approved text on the next request. Production refuses to start several
workers with a cache each, where that would not hold.
"""

import re

import pytest

from tests.faults import services
from tests.faults.staff import StaffBrowser, submit_new_title

ARTICLE = "/drugs/milnacipran/uses/"
HUB = "/drugs/milnacipran/"
# Not requested before the forged requests: a page the page cache does not hold yet.
FORGED_PAGE = "/conditions/"
OLD_TITLE = "What Is Milnacipran Used For?"
NEW_TITLE = "How Can Milnacipran Help With Fibromyalgia?"


def heading(server, path):
    status, _headers, body = server.get(path)
    assert status == 200, body[:300]
    return " ".join(re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL).group(1).split())


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, private_postgresql, private_redis):
    """The demo on PostgreSQL under two gunicorn servers sharing Redis; approve through one."""
    private_postgresql.create_database("medinfo")
    workdir = tmp_path_factory.mktemp("app-servers")
    env = services.site_environment(
        workdir, database_url=private_postgresql.url("medinfo"), redis_url=private_redis.url()
    )
    services.manage("migrate", "--no-input", "-v0", env=env)
    services.manage("load_demo", env=env)
    first = services.Gunicorn(env=env, log_path=workdir / "first.log")
    second = services.Gunicorn(env=env, log_path=workdir / "second.log")
    try:
        first.wait_until_serving()
        second.wait_until_serving()
        before = {
            name: [heading(server, ARTICLE) for _ in range(4)]  # both workers, cached
            for name, server in (("first", first), ("second", second))
        }
        hub_before = second.get(HUB)[2]
        forged = [
            first.get("/zzz" + FORGED_PAGE, headers={"SCRIPT_NAME": "/zzz"})[0],
            first.get("/no-such-page/", headers={"PATH_INFO": FORGED_PAGE})[0],
        ]
        after_forged = [first.get(FORGED_PAGE)[2] for _ in range(4)]  # both workers
        revision = submit_new_title(env=env, path=ARTICLE, title=NEW_TITLE, name="servers")
        reviewer = StaffBrowser(first.base_url)
        reviewer.log_in("reviewer-servers")
        approval = reviewer.approve(revision)
        yield {
            "before": before,
            "approval": approval,
            "second_after": [heading(second, ARTICLE) for _ in range(4)],
            "first_after": [heading(first, ARTICLE) for _ in range(4)],
            "hub_before": hub_before,
            "hub_after": second.get(HUB)[2],
            "forged": forged,
            "after_forged": after_forged,
        }
    finally:
        first.stop()
        second.stop()


@pytest.mark.faults
class TestTwoAppServers:
    def test_both_servers_served_the_cached_page_before(self, two_servers):
        """Before the approval both servers answer with the old title (from the page cache)."""
        assert two_servers["before"] == {"first": [OLD_TITLE] * 4, "second": [OLD_TITLE] * 4}

    def test_approval_through_the_first_server_succeeds(self, two_servers):
        status, page = two_servers["approval"]
        assert status == 200 and "is now live" in page

    def test_the_other_server_serves_the_approved_text_on_the_next_request(self, two_servers):
        """Every worker of the second server shows the new title at once, none the cached old one."""
        assert two_servers["second_after"] == [NEW_TITLE] * 4
        assert two_servers["first_after"] == [NEW_TITLE] * 4

    def test_a_request_header_cannot_move_the_site_under_a_prefix(self, two_servers):
        """SCRIPT_NAME and PATH_INFO sent as headers are ignored, so no cached page links
        under a prefix a visitor chose.

        Failed before (outside attack): gunicorn took both from requests sent from
        127.0.0.1, as through Varnish, and the hub stored with /zzz/ links was served to
        every later reader.
        """
        forged_prefix, forged_path = two_servers["forged"]
        assert forged_prefix == 404  # /zzz/conditions/ is no address of the site
        assert forged_path == 404  # the address asked for, not the header's
        for page in two_servers["after_forged"]:
            assert 'href="/conditions/' in page
            assert "/zzz/" not in page

    def test_the_other_servers_hub_lists_the_new_title(self, two_servers):
        """The drug's hub, cached by the second server, lists the article by its new title."""
        assert OLD_TITLE in two_servers["hub_before"]
        assert NEW_TITLE in two_servers["hub_after"]
        assert OLD_TITLE not in two_servers["hub_after"]


@pytest.mark.faults
def test_production_refuses_several_workers_without_a_shared_cache(tmp_path):
    """gunicorn with 2 workers and no REDIS_URL stops at once, saying why, and serves nothing."""
    env = services.site_environment(
        tmp_path, database_url=f"sqlite:///{tmp_path / 'site.sqlite3'}", redis_url=""
    )
    server = services.Gunicorn(env=env, log_path=tmp_path / "gunicorn.log")
    try:
        stopped = services.wait_until(
            lambda: server.process.poll() is not None, seconds=services.SERVICE_WAIT_SECONDS
        )
        assert stopped, "gunicorn kept running with two workers and no shared cache"
        assert server.process.returncode != 0
        assert "2 app server workers need a shared cache" in server.log_path.read_text()
    finally:
        server.stop()
