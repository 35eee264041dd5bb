import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.staff import pick_autocomplete_option
from tests.factories import ReviewerFactory, editor_user, milnacipran

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "What Is Milnacipran Used For?"
BODY_TEXT = "Milnacipran helps with fibromyalgia pain."
PUBLIC_URL = "/drugs/milnacipran/uses/"
# Left for a person to look at after the run; not an assertion.
SCREENSHOT = Path(tempfile.gettempdir(), "e2e-article.png")


def type_into_ckeditor(page, field, text):
    """Type ``text`` into the CKEditor 4 instance that replaced the ``field`` textarea."""
    page.wait_for_selector(f"#cke_id_{field} iframe.cke_wysiwyg_frame")
    page.wait_for_function(
        "name => window.CKEDITOR && CKEDITOR.instances[name]"
        " && CKEDITOR.instances[name].status === 'ready'",
        arg=f"id_{field}",
    )
    editable = page.frame_locator(f"#cke_id_{field} iframe.cke_wysiwyg_frame").locator("body")
    editable.click()
    page.keyboard.type(text)
    expect(editable).to_contain_text(text)


def submit_new_article(page):
    """The editor fills in the add form the way a person would and submits it for review."""
    page.goto("/admin/medinfo/article/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "Milnacipran is a prescription medicine for fibromyalgia.")
    page.select_option("#id_kind", "uses")
    pick_autocomplete_option(page, "drug", "miln", "milnacipran")
    page.fill("#id_slug", "uses")
    type_into_ckeditor(page, "body", BODY_TEXT)
    # Every submitted revision cites a source (#12): the first blank reference row.
    page.fill("#id_references-0-ORDER", "1")
    page.fill("#id_references-0-title", "Fibromyalgia")
    page.fill("#id_references-0-publisher", "MedlinePlus")
    page.fill("#id_references-0-url", "https://medlineplus.gov/fibromyalgia.html")
    page.fill("#id_references-0-accessed", "2026-02-01")
    page.click("input[name=_submit]")
    expect(page.locator(".messagelist")).to_contain_text(
        "Submitted for review. Reviewers have been notified."
    )


def approve_from_review_screen(page):
    """The reviewer finds the article in the admin, checks the preview and approves it."""
    page.goto("/admin/medinfo/article/?workflow=awaiting-me")
    page.click(f"#result_list a:text-is('{TITLE}')")
    page.click("a:text-is('Review screen')")
    expect(page.locator("h1")).to_have_text(f"Review: {TITLE}")
    preview = page.frame_locator("iframe.medinfo-preview")
    expect(preview.locator(".prose")).to_contain_text(BODY_TEXT)
    page.fill("#id_comment", "Accurate and clear.")
    page.click("input[name=_approve]")
    expect(page.locator(".messagelist")).to_contain_text(f"Approved: “{TITLE}” is now live.")


def test_editor_writes_reviewer_approves_public_reads(new_page, log_in):
    """An article typed in the admin reaches the public only after a pharmacist approves it."""
    milnacipran()
    editor = editor_user()
    reviewer = ReviewerFactory(
        display_name="Kristi Monson", slug="kristi-monson", credentials="PharmD"
    ).user

    submit_new_article(log_in(new_page(), editor))
    anonymous = new_page()
    assert anonymous.goto(PUBLIC_URL).status == 404

    approve_from_review_screen(log_in(new_page(), reviewer))

    response = anonymous.goto(PUBLIC_URL)
    assert response.status == 200
    expect(anonymous.locator("h1")).to_have_text(TITLE)
    expect(anonymous.locator(".prose")).to_contain_text(BODY_TEXT)
    expect(anonymous.locator(".reviewed-by")).to_contain_text(
        "Last reviewed by: Kristi Monson, PharmD"
    )
    anonymous.screenshot(path=SCREENSHOT, full_page=True)
