"""The article form in Chromium: clicks to a submission, live preview, unsaved-changes
warning, accessibility, fit and console (#13 item 5, editing comfort).

Clicks are counted after login; typing is not a click. Screenshots of the add and
change forms at 1280 and 375 px go to tests/e2e/screenshots/ for people to look at.
"""

import re

import pytest
from playwright.sync_api import expect

from drugs.models import Drug
from medinfo.autosave import store_autosave
from medinfo.models import Article, ArticleAutosave
from tests.e2e.axe import axe_problems
from tests.e2e.conftest import horizontal_scroll
from tests.e2e.staff import (
    CLICK_BUDGET,
    TITLE,
    Clicks,
    Console,
    new_article,
    pick_autocomplete_option,
)
from tests.factories import editor_user, milnacipran
from tests.public_site import publish_milnacipran_uses

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_WORDS = "Ask your pharmacist before you stop taking it."


def body_editor(page):
    """The CKEditor 4 editing area of the body, once the editor is ready."""
    page.wait_for_function(
        "name => window.CKEDITOR && CKEDITOR.instances[name]"
        " && CKEDITOR.instances[name].status === 'ready'",
        arg="id_body",
    )
    return page.frame_locator("#cke_id_body iframe.cke_wysiwyg_frame").locator("body")


class Dialogs:
    """The browser dialogs ``page`` opens (a beforeunload warning is one), each accepted."""

    def __init__(self, page):
        self.types = []
        page.on("dialog", self._record)

    def _record(self, dialog):
        self.types.append(dialog.type)
        dialog.accept()


def test_editor_changes_and_submits_a_draft_within_the_click_budget(new_page, log_in):
    """Desk → the draft → click into the body and type → Submit: three clicks, no warning on submit."""
    editor = editor_user()
    article = new_article(editor)
    page = log_in(new_page(), editor)
    dialogs = Dialogs(page)
    clicks = Clicks(page)

    clicks.click(f"#desk-drafts a.desk-title:text-is('{TITLE}')")
    editable = body_editor(page)
    clicks.count += 1  # the click into the editor's text
    editable.click()
    page.keyboard.press("End")
    page.keyboard.type(" " + NEW_WORDS)
    clicks.click("input[name=_submit]")

    expect(page.locator(".messagelist")).to_contain_text("Submitted for review.")
    latest = Article.objects.get(pk=article.pk).latest_revision
    assert latest.status == "in_review"
    assert NEW_WORDS in latest.body
    assert dialogs.types == []  # submitting is not leaving with unsaved changes
    print(f"editor: {clicks.count} clicks from login to a submitted revision")  # noqa: T201
    assert clicks.count <= CLICK_BUDGET


def test_live_preview_shows_typed_text_after_the_autosave(new_page, log_in):
    """Typing into the body reaches the preview beside the form without saving the draft."""
    editor = editor_user()
    article = new_article(editor)
    page = log_in(new_page(), editor)
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"/admin/medinfo/article/{article.pk}/change/")
    preview = page.frame_locator("iframe.medinfo-live-preview-frame")
    expect(preview.locator(".prose")).to_contain_text("Take it twice a day")
    body_editor(page).click()
    page.keyboard.type(NEW_WORDS)

    expect(preview.locator(".prose")).to_contain_text(NEW_WORDS)  # within one autosave interval
    expect(page.locator("[data-autosave-status]")).to_contain_text("kept for the preview")
    assert ArticleAutosave.objects.filter(article=article, user=editor).exists()
    assert NEW_WORDS not in Article.objects.get(pk=article.pk).latest_revision.body
    box = page.locator(".medinfo-live-preview").bounding_box()
    fields = page.locator(".medinfo-editor-fields").bounding_box()
    assert box["x"] > fields["x"] + fields["width"] - 1  # beside the form on a wide screen

    page.set_viewport_size({"width": 375, "height": 812})
    box = page.locator(".medinfo-live-preview").bounding_box()
    fields = page.locator(".medinfo-editor-fields").bounding_box()
    assert box["y"] >= fields["y"] + fields["height"] - 1  # below it on a phone


@pytest.mark.parametrize("where", ["title", "body"])
def test_leaving_with_unsaved_changes_warns(new_page, log_in, where):
    """A changed field or editor text makes leaving ask first; an untouched form leaves quietly."""
    editor = editor_user()
    article = new_article(editor)
    page = log_in(new_page(), editor)
    dialogs = Dialogs(page)
    url = f"/admin/medinfo/article/{article.pk}/change/"
    page.goto(url)
    body_editor(page)
    page.click(".breadcrumbs a:text-is('Home')")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert dialogs.types == []

    page.goto(url)
    if where == "title":
        page.fill("#id_title", "A title I have not saved")
    else:
        body_editor(page).click()
        page.keyboard.type(NEW_WORDS)
    page.click(".breadcrumbs a:text-is('Home')")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert dialogs.types == ["beforeunload"]


def test_slug_follows_the_kind_and_title_until_typed(new_page, log_in):
    """On the add form the slug fills itself in; once the editor types one it stays theirs."""
    milnacipran()
    page = log_in(new_page(), editor_user())
    page.goto("/admin/medinfo/article/add/")
    page.fill("#id_title", "Living With Fibromyalgia")
    page.select_option("#id_kind", "uses")
    expect(page.locator("#id_slug")).to_have_value("uses")
    page.select_option("#id_kind", "general")
    expect(page.locator("#id_slug")).to_have_value("living-with-fibromyalgia")
    page.fill("#id_slug", "my-own")
    page.fill("#id_title", "Another Title")
    expect(page.locator("#id_slug")).to_have_value("my-own")


def test_article_forms_are_accessible_fit_and_quiet(
    new_page, log_in, axe_script, axe_page, screenshot
):
    """Add and change forms and History: zero axe violations, no sideways scroll at 1280 px,
    a quiet console."""
    editor = editor_user()
    article = new_article(editor)
    problems = []
    for name, path in [("article-add", "/admin/medinfo/article/add/"),
                       ("article-change", f"/admin/medinfo/article/{article.pk}/change/"),
                       ("article-history", f"/admin/medinfo/article/{article.pk}/history/")]:  # fmt: skip
        page = log_in(new_page(), editor)
        page.set_viewport_size({"width": 1280, "height": 800})
        console = Console(page)
        assert page.goto(path, wait_until="networkidle").status == 200
        if "history" not in path:
            body_editor(page)
            page.wait_for_timeout(500)  # autogrow and the preview frame settle
        problems += [f"{path} at 1280 px: {box}" for box in horizontal_scroll(page)]
        problems += [f"{path}: {message}" for message in console.messages]
        screenshot(page, name)
        problems += axe_problems(log_in(axe_page, editor), axe_script, path)
        axe_page.context.clear_cookies()
    assert problems == [], "\n".join(problems)


def test_new_article_saved_without_typing_a_slug(new_page, log_in):
    """The add form, filled as a person would but with no slug typed, saves at the first try."""
    milnacipran()
    page = log_in(new_page(), editor_user())
    page.goto("/admin/medinfo/article/add/")
    page.fill("#id_title", "What Is Milnacipran Used For?")
    page.fill("#id_lead", "Milnacipran is a prescription medicine for fibromyalgia.")
    page.select_option("#id_kind", "uses")
    pick_autocomplete_option(page, "drug", "miln", "milnacipran")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Article.objects.get().slug == "uses"


def test_actions_stay_in_reach_at_the_bottom_of_the_form(new_page, log_in):
    """Scrolled to the last field, the action bar is still on screen and works from the keyboard."""
    editor = editor_user()
    article = new_article(editor)
    page = log_in(new_page(), editor)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/admin/medinfo/article/{article.pk}/change/")
    body_editor(page)
    page.fill("#id_search_description", "What milnacipran treats, in one sentence.")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    save = page.locator("input[name=_continue]")
    box = save.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    save.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    latest = Article.objects.get(pk=article.pk).latest_revision
    assert latest.search_description == "What milnacipran treats, in one sentence."


def test_editor_restores_an_autosave_newer_than_the_draft(new_page, log_in):
    """Back at the form after leaving unsaved text: Restore puts it back, Save keeps it, and the
    autosave is gone."""
    editor = editor_user()
    article = new_article(editor)
    text = {"title": TITLE, "lead": "A lead I never saved.", "body": f"<p>{NEW_WORDS}</p>",
            "search_description": ""}  # fmt: skip
    store_autosave(article=article, user=editor, text=text)
    page = log_in(new_page(), editor)
    page.goto(f"/admin/medinfo/article/{article.pk}/change/")
    editable = body_editor(page)
    expect(editable).not_to_contain_text(NEW_WORDS)
    page.click("button[data-restore]")
    expect(editable).to_contain_text(NEW_WORDS)
    expect(page.locator("#id_lead")).to_have_value("A lead I never saved.")
    expect(page.locator("[data-restore-panel]")).to_be_hidden()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    latest = Article.objects.get(pk=article.pk).latest_revision
    assert (latest.lead, NEW_WORDS in latest.body) == ("A lead I never saved.", True)
    assert not ArticleAutosave.objects.filter(article=article).exists()


def test_a_form_shown_again_with_errors_still_warns_before_leaving(new_page, log_in):
    """A refused save comes back with the editor's unsaved text, so leaving it still asks first."""
    editor = editor_user()
    article = new_article(editor)
    page = log_in(new_page(), editor)
    dialogs = Dialogs(page)
    page.goto(f"/admin/medinfo/article/{article.pk}/change/")
    body_editor(page)
    page.fill("#id_title", "")
    page.click("input[name=_continue]")
    expect(page.locator(".errornote")).to_be_visible()
    assert dialogs.types == []
    page.click(".breadcrumbs a:text-is('Home')")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert dialogs.types == ["beforeunload"]


# Every line of the "facts changed since review" list, and where it is cut off if it is.
CUT_OFF_DIFF_LINES = """
() => [...document.querySelectorAll("ul.medinfo-diff li")].flatMap((line) => {
  const row = line.closest(".form-row").getBoundingClientRect();
  const box = line.getBoundingClientRect();
  const cut = box.left < row.left - 1 || box.right > row.right + 1
    || line.scrollWidth > line.clientWidth + 1;
  return cut ? [`${line.textContent.slice(0, 60)}: ${Math.round(box.right - row.right)} px past`] : [];
})
"""


@pytest.mark.parametrize("width", [1280, 375])
def test_facts_changed_since_review_are_never_cut_off(new_page, log_in, width):
    """Every pending fact change on the article form is shown whole, however long a name.

    Failed before (outside attack): the admin indents lists in a form field by the
    label's width and its rows hide what overflows, so the ends of the lines, the new
    values among them, were cut off unseen at 1280 px.
    """
    editor = editor_user()
    article = publish_milnacipran_uses(author=editor)
    Drug.objects.filter(pk=article.drug_id).update(
        # One word a browser cannot break, as pasted from a label or a web address.
        official_name="milnacipran " + "hydrochloride" * 4
    )
    page = log_in(new_page(), editor)
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto(f"/admin/medinfo/article/{article.pk}/change/").status == 200
    expect(page.locator("ul.medinfo-diff li").first).to_be_visible()
    assert page.locator("ul.medinfo-diff li").count() >= 2
    assert page.evaluate(CUT_OFF_DIFF_LINES) == []
