"""Characters HTML and XML text may not hold never reach a page, and never break the review screen.

Failed on the old code: a body holding a vertical tab, form feed, backspace,
U+001F or a noncharacter answered the review screen with a 500 (lxml's htmldiff:
“All strings must be XML compatible”), a blind approval published the raw
characters, and every later revision's review screen of that article failed
too, since the live body is what it is compared with.
"""

import pytest
from django.db.models import TextField, Value

from medinfo import workflow
from medinfo.models import Article, ArticleRevision
from medinfo.sanitize import sanitize_html
from tests.admin_forms import ARTICLE_ADD_URL, article_form, logged_in, review_url
from tests.factories import editor_user, milnacipran, published_article, reviewer_user
from tests.public_site import committed

pytestmark = pytest.mark.django_db

# One of each kind the sanitiser removes; NUL is refused by every form field already.
CHARACTERS = {
    "vertical tab": "\x0b",
    "form feed": "\x0c",
    "backspace": "\x08",
    "unit separator": "\x1f",
    "delete": "\x7f",
    "C1 control": "\x85",
    "C1 control (CSI)": "\x9b",
    "noncharacter U+FFFE": "\ufffe",
    "noncharacter U+FDD0": "\ufdd0",
    "noncharacter U+1FFFF": "\U0001ffff",
    "right-to-left override": "\u202e",
    "zero-width space": "\u200b",
}
FIELDS = ("title", "lead", "body", "search_description")


def field_values(field, char):
    values = {
        "title": "What Is Milnacipran Used For?",
        "lead": "Milnacipran eases fibromyalgia pain.",
        "body": "<p>It raises serotonin.</p>",
        "search_description": "What milnacipran treats.",
    }
    values[field] = {
        "title": f"What Is Milna{char}cipran Used For?",
        "lead": f"Milnacipran eases {char}fibromyalgia pain.",
        "body": f"<p>It raises serotonin.</p><p>ctl {char} here</p>",
        "search_description": f"What milna{char}cipran treats.",
    }[field]
    return values


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("char", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_control_characters_typed_in_the_admin_never_reach_the_public(client, field, char):
    """Submitted through the article form: the review screen works, the page has no such character."""
    drug, editor = milnacipran(), logged_in(editor_user())
    form = article_form(drug=drug, **field_values(field, char))
    form["search_description"] = field_values(field, char)["search_description"]
    response = editor.post(ARTICLE_ADD_URL, {**form, "_submit": "Submit for review"})
    assert response.status_code == 302
    revision = Article.objects.get(drug=drug, slug="uses").latest_revision
    reviewer = logged_in(reviewer_user())
    assert reviewer.get(review_url(revision)).status_code == 200
    with committed():
        decided = reviewer.post(review_url(revision), {"comment": "", "_approve": "1"})
    assert decided.status_code == 302
    page = client.get("/drugs/milnacipran/uses/")
    assert page.status_code == 200
    text = page.content.decode()
    assert char not in text
    assert "ctl" in text if field == "body" else "Milnacipran eases" in text


def store_past_the_sanitiser(revision, body):
    """Write ``body`` into a draft as an old release or a raw write could have stored it."""
    ArticleRevision.objects.filter(pk=revision.pk).update(
        body=Value(body, output_field=TextField())
    )


@pytest.mark.parametrize("char", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_old_stored_bodies_with_control_characters_still_render_the_review_screen(char):
    """A live body and a new one stored raw with the character: both review screens answer."""
    editor = editor_user()
    article = published_article(author=editor)
    raw = f"<p>ctl {char} here</p>"
    draft = workflow.start_revision(article=article, author=editor)
    store_past_the_sanitiser(draft, raw)
    first = workflow.submit_revision(revision=draft, submitter=editor)
    reviewer = logged_in(reviewer_user())
    assert reviewer.get(review_url(first)).status_code == 200
    assert char in ArticleRevision.objects.get(pk=first.pk).body  # really stored raw
    workflow.approve_revision(revision=first, reviewer_user=reviewer_user())
    # The raw body is now live: the next revision is compared with it.
    draft = workflow.start_revision(article=article, author=editor)
    store_past_the_sanitiser(draft, f"<p>ctl {char} there</p>")
    second = workflow.submit_revision(revision=draft, submitter=editor)
    response = reviewer.get(review_url(second))
    assert response.status_code == 200
    assert char not in response.content.decode()


@pytest.mark.parametrize(
    "char",
    [*CHARACTERS.values(), "\x00", "\ud800", "\udfff"],
    ids=[*CHARACTERS, "NUL", "high", "low"],
)
def test_sanitiser_removes_characters_html_and_xml_cannot_hold(char):
    """Raw or as a character reference, inside text or an attribute: the character is gone."""
    for body in (
        f"<p>a{char}b</p>",
        f"<p>a&#{ord(char)};b</p>",
        f'<p><a href="/drugs/" title="x{char}y">a</a></p>',
    ):
        cleaned = sanitize_html(body)
        assert char not in cleaned, (body, cleaned)
        assert sanitize_html(cleaned) == cleaned


def test_sanitiser_keeps_ordinary_text_and_spaces():
    """Tabs, line breaks, no-break spaces, accents and emoji stay as written."""
    body = "<p>10&nbsp;mg\tdaily\nwith café au lait 💊</p>"
    assert sanitize_html(body) == body


def test_removed_character_cannot_join_a_dangerous_address():
    """Removing a character never turns a harmless address into javascript:."""
    for body in (
        '<a href="java&#1;script:alert(1)">x</a>',
        '<a href="java\x01script:alert(1)">x</a>',
    ):
        assert "script:" not in sanitize_html(body)
