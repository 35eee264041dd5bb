"""No page breaks its own Content-Security-Policy in a real browser (Debian's Chromium).

Chromium reports every blocked script, style, image, frame or request both as a
``securitypolicyviolation`` event in the page (and in each frame) and as a console
error; the tests collect both while the pages load and run.
"""

import pytest
from playwright.sync_api import expect

from medinfo import workflow
from medinfo.models import Article
from tests.factories import DEFAULT_SOURCE, UserFactory, editor_user, milnacipran, reviewer_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Runs in every document the page opens, frames included, before any of its own scripts.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const report = `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` in ${event.documentURI} (${event.sourceFile}:${event.lineNumber})`;
  window.__cspViolations.push(report);
  try { window.top.__cspViolations.push(report); } catch (error) {}
});
"""


class ViolationWatch:
    """Console errors and securitypolicyviolation events about the policy, from every frame."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.context.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def violations(self):
        events = []
        for frame in self.page.frames:
            try:
                events += frame.evaluate("window.__cspViolations || []")
            except Exception:  # noqa: BLE001, S112 - a frame that went away reports nothing
                continue
        return sorted(set(events)) + self.console


@pytest.fixture
def watched_page(new_page):
    """A fresh browser page with a ViolationWatch on it."""

    def open_watched():
        page = new_page()
        return page, ViolationWatch(page)

    return open_watched


def test_article_page_with_ads_breaks_no_policy(watched_page, demo_content):
    """The article page, its JSON-LD and the ad filler's images and requests run without violations."""
    page, watch = watched_page()
    response = page.goto("/drugs/milnacipran/uses/", wait_until="networkidle")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.locator('script[type="application/ld+json"]').count() >= 1
    filled_ad = page.locator(".ad-box a[rel~=sponsored]").first
    filled_ad.scroll_into_view_if_needed()
    expect(filled_ad).to_be_visible()
    # Time for the viewable-impression beacon (half the ad in view for one second).
    page.wait_for_timeout(1500)
    assert watch.violations() == []


def test_drug_index_breaks_no_policy(watched_page, demo_content):
    """The drug A–Z index loads its stylesheet and links without any violation."""
    page, watch = watched_page()
    response = page.goto("/drugs/", wait_until="networkidle")
    assert response.status == 200
    expect(page.locator("h1")).to_be_visible()
    assert watch.violations() == []


def wait_for_ckeditor(page, field):
    """Wait until CKEditor 4 has replaced the ``field`` textarea and is ready for typing."""
    page.wait_for_selector(f"#cke_id_{field} iframe.cke_wysiwyg_frame")
    page.wait_for_function(
        "name => window.CKEDITOR && CKEDITOR.instances[name]"
        " && CKEDITOR.instances[name].status === 'ready'",
        arg=f"id_{field}",
    )
    return page.frame_locator(f"#cke_id_{field} iframe.cke_wysiwyg_frame").locator("body")


def test_admin_article_page_with_ckeditor_breaks_no_policy(watched_page, log_in):
    """An editor's article change page, with CKEditor loaded and used, runs without violations."""
    article = workflow.create_article(
        author=editor_user(), kind="uses", slug="uses", drug=milnacipran(),
        title="What Is Milnacipran Used For?", lead="A lead.", body="<p>First words.</p>",
    )  # fmt: skip
    superuser = UserFactory(is_superuser=True)
    page, watch = watched_page()
    log_in(page, superuser)
    response = page.goto(f"/admin/medinfo/article/{article.pk}/change/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    editable = wait_for_ckeditor(page, "body")
    expect(editable).to_contain_text("First words.")
    editable.click()
    page.keyboard.type(" More words.")
    page.click("#cke_id_body .cke_button__bold")
    page.keyboard.type(" Bold words.")
    expect(editable.locator("strong")).to_contain_text("Bold words.")
    assert watch.violations() == []


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/medinfo/article/?workflow=draft", "/admin/drugs/drug/add/",
     "/admin/password_change/"],
)  # fmt: skip
def test_admin_pages_without_the_editor_need_no_inline_code(watched_page, log_in, path):
    """Admin lists and forms without CKEditor work under a policy with no inline code at all."""
    milnacipran()
    page, watch = watched_page()
    log_in(page, UserFactory(is_superuser=True))
    response = page.goto(path, wait_until="networkidle")
    assert response.status == 200
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    expect(page.locator("#content h1, #content h2").first).to_be_visible()
    assert watch.violations() == []


def test_review_screen_with_preview_frame_breaks_no_policy(watched_page, log_in):
    """The review screen frames the preview of the revision, and neither breaks the policy."""
    editor = editor_user()
    article = workflow.create_article(
        author=editor, kind="uses", slug="uses", drug=milnacipran(),
        title="What Is Milnacipran Used For?", lead="A lead.", body="<p>Words to review.</p>",
        references=[DEFAULT_SOURCE],
    )  # fmt: skip
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    page, watch = watched_page()
    log_in(page, reviewer_user())
    page.goto(f"/admin/medinfo/articlerevision/{revision.pk}/review/")
    preview = page.frame_locator("iframe.medinfo-preview")
    expect(preview.locator(".prose")).to_contain_text("Words to review.")
    assert Article.objects.get(pk=article.pk).live_revision is None
    assert watch.violations() == []
