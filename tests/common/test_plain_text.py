"""Every plain-text field a person types is normalised: invisible input is no input (#10 item 8).

The table is every plain-text field of every model in drugs, conditions, medinfo
and ads, each edited the way a person edits it: its admin change form over HTTP,
or for a revision's words the article form, the review screen and the unpublish
form (an autosave's, the article form's autosave endpoint). On the old code (2d77638) every row of the invisible, control-character,
NFC and direct-save tables failed (only the web address refused invisible input,
as not a URL), and so did the mixin check; the whitespace rules and the frozen
revision test guard behaviour that already held.

Review comments and replies (#13) are edited on the comment page and the reply
form of the review screen's thread. When they joined the table, every row of
theirs failed: the table had no way to post them, and a reply of invisible
characters was answered with a redirect and a message, its words lost, instead
of the form again with the error.
"""

import unicodedata
from datetime import timedelta

import pytest
from django.apps import apps
from django.db.models import URLField
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalChanges

from ads.models import AdsTxtRecord, AdsTxtVariable
from common.text import PlainTextMixin, is_plain_text_field, plain_text
from medinfo import comments
from medinfo.models import (
    Article,
    ArticleAutosave,
    ArticleExpiry,
    ArticleRevision,
    Comment,
    CommentEvent,
    ReviewEvent,
    RevisionStatus,
)
from tests.admin_forms import form_data
from tests.ads.factories import CreativeFactory, PlacementFactory
from tests.factories import (
    UserFactory,
    draft_article,
    editor_user,
    milnacipran,
    reviewer_user,
    submitted_revision,
)
from tests.public_site import parse, publish

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["drugs", "conditions", "medinfo", "ads"]
# Models whose text no person types: rebuilt by code from approved snapshots.
NOT_TYPED = {"medinfo.publicname"}
# Zero-width and format characters, bidi controls, no-break and other spaces, a
# Hangul filler, a blank Braille pattern: each renders as nothing (or a space).
INVISIBLE = "\u200b\u2060\ufeff\u00a0 \u202e\u2066\u00ad\u034f\u3164\u2800\u200d\t\u3000"
CONTROLS = "\x01\x07\x1b\x7f\u200b\u200d\u202e\u2069\ufeff"
BLANK_ERRORS = (
    "This field cannot be blank",
    "This field is required",
    "a comment is required",
    "or upload an image instead",  # a text ad needs a headline and a text
    "Enter a valid URL",
    "Write the comment first",  # the comment page
    "Write the reply first",  # a reply in the review screen's thread
)
# Blank in the database, but required by the model's own rules.
REQUIRED_BY_RULE = {
    ("ads.creative", "headline"),  # a text ad needs a headline and a text
    ("ads.creative", "text"),
    ("medinfo.articlerevision", "decision_comment"),  # requesting changes needs a comment
    ("medinfo.reviewevent", "comment"),  # unpublishing needs a reason
    ("medinfo.commentevent", "text"),  # a reply needs words (other events have none)
}


def typed_text_fields():
    """(``app.model``, field name) of every plain-text field people type, in the project's apps."""
    return [
        (model._meta.label_lower, field.name)
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.label_lower not in NOT_TYPED and not issubclass(model, HistoricalChanges)
        for field in model._meta.concrete_fields
        if is_plain_text_field(field)
    ]


FIELDS = typed_text_fields()


@pytest.fixture
def objects():
    """One row of every model with typed text, and the people who edit them."""
    drug = milnacipran()
    brand = drug.brand_names.get()
    use = drug.uses.filter(kind="approved").get()
    membership = use.condition.memberships.first()
    creative = CreativeFactory()
    rows = [drug, brand, drug.drug_class, use, use.condition, membership, membership.symptom,
            creative, creative.campaign, PlacementFactory(),
            AdsTxtRecord.objects.create(ad_system_domain="adexchange.example",
                                        publisher_account_id="pub-0001", relationship="DIRECT"),
            AdsTxtVariable.objects.create(name="CONTACT", value="ads@medinfo.example")]  # fmt: skip
    editor, reviewer = editor_user(), reviewer_user()
    draft = draft_article(author=editor)
    return {
        **{row._meta.label_lower: row for row in rows},
        "medinfo.reviewer": reviewer.reviewer_profile,
        "medinfo.articleautosave": ArticleAutosave.objects.create(article=draft, user=editor),
        "draft": draft,
        "in_review": submitted_revision(author=editor, slug="dosage", kind="dosage"),
        "live": publish(author=editor),
        "admin": UserFactory(is_superuser=True),
        "reviewer": reviewer_user(),
    }


def post_in_admin(client, objects, label, field, value):
    """Post ``value`` into ``field`` as a person would; return (response, value before, after)."""
    if label == "medinfo.articlerevision" and field == "decision_comment":
        post, stored = _request_changes(client, objects, value)
    elif label == "medinfo.reviewevent":
        post, stored = _unpublish(client, objects, value)
    elif label == "medinfo.articleexpiry":
        post, stored = _set_expiry(client, objects, value)
    elif label == "medinfo.comment":
        post, stored = _comment(client, objects, value)
    elif label == "medinfo.commentevent":
        post, stored = _reply(client, objects, value)
    elif label == "medinfo.articleautosave":
        post, stored = _autosave(client, objects, field, value)
    else:
        post, stored = _change_form(client, objects, label, field, value)
    before = stored()
    return post(), before, stored()


def _change_form(client, objects, label, field, value):
    if label == "medinfo.articlerevision":  # a revision's words are edited on its article
        article = objects["draft"]
        url = reverse("admin:medinfo_article_change", args=[article.pk])
        stored = lambda: getattr(Article.objects.get(pk=article.pk).latest_revision, field)  # noqa: E731
    else:
        row = objects[label]
        url = reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])
        stored = lambda: getattr(type(row).objects.get(pk=row.pk), field)  # noqa: E731
    client.force_login(objects["admin"])
    data = form_data(client.get(url))
    assert field in data, f"{field} is not on {url}"
    return lambda: client.post(url, {**data, field: value, "_save": "Save"}), stored


def _request_changes(client, objects, value):
    revision = objects["in_review"]
    client.force_login(objects["reviewer"])
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    data = {"comment": value, "_request_changes": "Request changes"}
    stored = lambda: ArticleRevision.objects.get(pk=revision.pk).decision_comment  # noqa: E731
    return lambda: client.post(url, data), stored


def _unpublish(client, objects, value):
    article = objects["live"]
    client.force_login(objects["reviewer"])
    url = reverse("admin:medinfo_article_unpublish", args=[article.pk])
    events = ReviewEvent.objects.filter(article=article).order_by("-pk")
    return lambda: client.post(url, {"reason": value}), lambda: events.first().comment


def _set_expiry(client, objects, value):
    article = objects["live"]
    client.force_login(objects["reviewer"])
    url = reverse("admin:medinfo_article_expiry", args=[article.pk])
    when = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    expiry = ArticleExpiry.objects.filter(article=article)
    stored = lambda: expiry.first().reason if expiry.exists() else None  # noqa: E731
    return lambda: client.post(url, {"expires_at": when, "reason": value}), stored


def _comments_url(revision):
    return reverse("admin:medinfo_articlerevision_comments", args=[revision.pk])


def _unsaved_comment(objects, text="Check the dose."):
    """A reviewer's comment on the first paragraph of the revision in review, not yet saved."""
    revision = objects["in_review"]
    anchor = comments.anchors_of(revision)[0]
    return Comment(article=revision.article, revision=revision, author=objects["reviewer"],
                   anchor_kind=anchor.kind, field=anchor.field, block_index=anchor.index,
                   fact_path=anchor.path, anchor_digest=anchor.digest, quote=anchor.quote,
                   text=text)  # fmt: skip


def _comment(client, objects, value):
    revision = objects["in_review"]
    client.force_login(objects["reviewer"])
    data = {"anchor": comments.anchors_of(revision)[0].key, "text": value}
    written = Comment.objects.filter(revision=revision).order_by("-pk").values_list("text")
    stored = lambda: written.first() and written.first()[0]  # noqa: E731
    return lambda: client.post(_comments_url(revision), data), stored


def _reply(client, objects, value):
    comment = _unsaved_comment(objects)
    comment.save()
    client.force_login(objects["reviewer"])
    data = {"action": "reply", "comment": comment.pk, "text": value}
    replies = comment.events.filter(kind=CommentEvent.Kind.REPLIED).order_by("-pk")
    stored = lambda: replies.first() and replies.first().text  # noqa: E731
    return lambda: client.post(_comments_url(objects["in_review"]), data), stored


def _autosave(client, objects, field, value):
    """The article form's script posting its unsaved text for the live preview."""
    article, admin = objects["draft"], objects["admin"]
    client.force_login(admin)
    url = reverse("admin:medinfo_article_autosave", args=[article.pk])
    data = {**dict.fromkeys(ArticleRevision.TEXT_FIELDS, ""), field: value}
    rows = ArticleAutosave.objects.filter(article=article, user=admin)
    stored = lambda: getattr(rows.first(), field, None)  # noqa: E731
    return lambda: client.post(url, data), stored


def accepted(response):
    """Saved: the admin's redirect after a save, or the autosave endpoint's JSON answer."""
    if response.status_code == 200 and response["Content-Type"] == "application/json":
        return True
    return response.status_code == 302


def errors(response):
    return [item.text for item in parse(response).find_all("ul", class_="errorlist")]


def required(label, field):
    return (label, field) in REQUIRED_BY_RULE or not model_field(label, field).blank


def model_field(label, field):
    return apps.get_model(label)._meta.get_field(field)


def shaped(label, field, text):
    """``text`` as the field accepts it: web addresses carry it in their path."""
    return (
        f"https://example.com/{text}" if isinstance(model_field(label, field), URLField) else text
    )


def test_every_model_with_typed_text_normalises_it():
    """Each model with plain-text fields people type uses the normalising mixin."""
    missing = {
        label for label, _ in FIELDS if not issubclass(apps.get_model(label), PlainTextMixin)
    }
    assert not missing


def test_the_table_covers_names_notes_titles_and_ads():
    """The walk finds the fields people see, and leaves slugs, choices and rich text out."""
    assert {("drugs.drug", "generic_name"), ("drugs.brandname", "name"),
            ("conditions.condition", "other_names"), ("medinfo.reviewer", "bio"),
            ("medinfo.articlerevision", "lead"), ("ads.creative", "headline"),
            ("medinfo.comment", "text"), ("medinfo.commentevent", "text")} <= set(FIELDS)  # fmt: skip
    assert not {("drugs.drug", "slug"), ("drugs.drug", "prescription_status"),
                ("medinfo.articlerevision", "body")} & set(FIELDS)  # fmt: skip


@pytest.mark.parametrize(("label", "field"), FIELDS)
def test_invisible_only_input_is_empty(client, objects, label, field):
    """Only spaces and invisible characters: a required field says so, an optional one stays empty."""
    response, before, after = post_in_admin(client, objects, label, field, INVISIBLE)
    if required(label, field):
        assert response.status_code == 200
        assert any(error in response.content.decode() for error in BLANK_ERRORS)
        assert after == before
    else:
        assert accepted(response)
        assert after == ""


@pytest.mark.parametrize(("label", "field"), FIELDS)
def test_control_and_format_characters_are_stripped(client, objects, label, field):
    """Control, zero-width and bidi characters inside a value are removed before it is stored."""
    value = shaped(label, field, "Vi" + CONTROLS + "s\x0bit")
    response, _, stored = post_in_admin(client, objects, label, field, value)
    if isinstance(model_field(label, field), URLField):
        # An address with control characters is refused outright, and so never stored.
        assert response.status_code == 200 and "Enter a valid URL" in str(errors(response))
        value = shaped(label, field, "Vi\u200b\u200d\u202e\u2069\ufeffs-it")
        response, _, stored = post_in_admin(client, objects, label, field, value)
        assert (response.status_code, stored) == (302, "https://example.com/Vis-it")
        return
    assert accepted(response), errors(response)
    lines = model_field(label, field).get_internal_type() == "TextField"
    assert stored == ("Vis\nit" if lines else "Vis it")


@pytest.mark.parametrize(("label", "field"), FIELDS)
def test_text_is_stored_in_nfc(client, objects, label, field):
    """An accent typed as a separate combining mark is stored composed, as one character."""
    value = shaped(label, field, "Cafe\u0301-au-lait")
    response, _, stored = post_in_admin(client, objects, label, field, value)
    assert accepted(response), errors(response)
    assert stored == shaped(label, field, "Café-au-lait")
    assert unicodedata.is_normalized("NFC", stored)


@pytest.mark.parametrize(("label", "field"), FIELDS)
def test_direct_saves_are_normalised_too(objects, label, field):
    """Code that saves a model without a form stores normalised text as well."""
    if label in ("medinfo.articlerevision", "medinfo.reviewevent"):
        row = objects["draft"].latest_revision if label == "medinfo.articlerevision" else None
        row = row or ReviewEvent(article=objects["draft"], actor=objects["admin"], to_state="draft")
    elif label == "medinfo.articleexpiry":
        later = timezone.now() + timedelta(days=2)
        row = ArticleExpiry(
            article=objects["live"], expires_at=later, reason="x", set_by=objects["reviewer"]
        )
    elif label == "medinfo.comment":
        row = _unsaved_comment(objects)  # written once: a comment's words never change
    elif label == "medinfo.commentevent":
        comment = _unsaved_comment(objects)
        comment.save()
        row = CommentEvent(comment=comment, actor=objects["reviewer"], kind="replied")
    else:
        row = objects[label]
    setattr(row, field, "Vis\x07\u200bible\u202e")
    row.save()
    assert getattr(type(row).objects.get(pk=row.pk), field) == "Visible"


def test_single_and_multi_line_whitespace_rules():
    """Single-line text is one line of single spaces; multi-line text keeps lines and tabs."""
    assert plain_text("  a\u00a0\u00a0b\r\nc\u2028d\x0be ") == "a b c d e"
    assert plain_text("a  \r\n\tb\x0bc\u2029d ", multiline=True) == "a\n\tb\nc\nd"
    assert plain_text("\u0301\u0301x") == "x"
    assert plain_text("\ud800lone surrogate") == "lone surrogate"


def test_decisions_keep_the_revision_frozen(client, objects):
    """Requesting changes with a hostile comment leaves the submitted words exactly as they were."""
    revision = objects["in_review"]
    words = {name: getattr(revision, name) for name in ("title", "lead", "search_description")}
    post, _ = _request_changes(client, objects, "Fix\x07 the lead.")
    assert post().status_code == 302
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.CHANGES_REQUESTED
    assert {name: getattr(revision, name) for name in words} == words
