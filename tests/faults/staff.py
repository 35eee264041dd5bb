# ruff: noqa: S310 - loopback URLs of the tests' own servers
"""A pharmacist approving through a running site, as in a browser: log in, press Approve.

The revision to approve is prepared in the site's own database by ``manage.py
shell`` (an editor writes it and submits it), with people made for the purpose, so
nobody approves their own text. The reviewer then signs in over HTTP and approves
it on the review screen, through whichever server or cache the test names.
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

from tests.faults.services import manage

# tests.factories gives every user this password.
PASSWORD = "correct horse battery staple"  # noqa: S105  # nosec B105

SUBMIT = """
from medinfo import workflow
from medinfo.models import Article
from tests.factories import editor_user, reviewer_user

article = next(a for a in Article.objects.live() if a.get_absolute_url() == {path!r})
editor = editor_user(username="editor-{name}")
reviewer_user(
    user__username="reviewer-{name}", slug="reviewer-{name}", display_name="Pat {name}",
    licence_number="RPH-{name}",
)
draft = workflow.start_revision(article=article, author=editor)
fields = {{field: getattr(draft, field) for field in ("lead", "body", "references")}}
draft = workflow.save_draft(
    revision=draft, editor=editor, expected_version=draft.version, title={title!r}, **fields
)
print(workflow.submit_revision(revision=draft, submitter=editor).pk)
"""


def submit_new_title(*, env, path, title, name):
    """Submit a revision of the live article at ``path`` titled ``title``; its id.

    ``name`` makes the editor and the reviewer (``reviewer-<name>``) new people.
    """
    output = manage("shell", "-c", SUBMIT.format(path=path, title=title, name=name), env=env)
    return int(output.split()[-1])


class StaffBrowser:
    """A browser with cookies, signed in to the admin at ``base_url``."""

    def __init__(self, base_url):
        self.base_url = base_url
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def open(self, path, data=None):
        """(status, body) after redirects; ``data`` (a dict) is posted form-encoded."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def post_form(self, path, data):
        """Post ``data`` with the CSRF token of the form at ``path``."""
        status, page = self.open(path)
        assert status == 200, page[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.open(path, {"csrfmiddlewaretoken": token, **data})

    def log_in(self, username):
        status, page = self.post_form(
            "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD}
        )
        assert status == 200 and "Log out" in page, page[:500]

    def approve(self, revision_id):
        """Press Approve on the review screen; (status, page) after the redirect."""
        path = f"/admin/medinfo/articlerevision/{revision_id}/review/"
        return self.post_form(path, {"comment": "", "_approve": "1"})
