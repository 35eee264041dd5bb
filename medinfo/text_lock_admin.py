"""The article form when its text may not be changed: the text read-only, the reason on top.

Two cases (#13, outside tester):

- staff who may only view articles (pharmacist reviewers) read the current revision's
  text, the body sanitised as the preview renders it, where Django's read-only form
  printed “Lead: None”;
- while the newest revision is in review, an editor's form shows the same read-only
  text under the editing rule's own words (``editing.refuse_editing_in_review``), with
  no Save draft / Submit buttons and no autosave, instead of a form that refuses every save.

The rule stays in ``editing``: this module only asks it.
"""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.template.defaultfilters import linebreaksbr

from .editing import refuse_editing_in_review
from .errors import StaleDraftError
from .templatetags.richtext import sanitized


def editing_refusal(latest):
    """Why nobody may edit the text whose newest revision is ``latest`` now, in the editing
    rule's words; "" when they may (or there is no revision)."""
    try:
        refuse_editing_in_review(latest)
    except StaleDraftError as error:
        return str(error)
    return ""


def article_refusal(article):
    """``editing_refusal`` of ``article``'s newest revision ("" without an article)."""
    return editing_refusal(article.latest_revision) if article is not None else ""


class ArticleTextLockMixin:
    """Read-only text fields for ``ArticleAdmin`` (listed before ``ModelAdmin``)."""

    def text_editable(self, request, article):
        return self.has_change_permission(request, article) and not article_refusal(article)

    def locked_fieldsets(self, request, article, fieldsets):
        """``fieldsets`` without the hidden draft version when the text is shown read-only."""
        if article is None or self.text_editable(request, article):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "draft_version"]})
            for name, options in fieldsets
        ]

    def locked_readonly_fields(self, request, article, readonly):
        """Every field read-only while the article's revision is in review."""
        if article is None or not article_refusal(article):
            return readonly
        shown = flatten_fieldsets(self.get_fieldsets(request, article))
        return [*readonly, *(name for name in shown if name not in readonly)]

    # The current revision's text, for the read-only form (the title has ``title``).
    @admin.display(description="lead")
    def lead(self, article):
        revision = article.latest_revision
        return linebreaksbr(revision.lead) if revision is not None else ""

    @admin.display(description="body")
    def body(self, article):
        revision = article.latest_revision
        return sanitized(revision.body) if revision is not None else ""

    @admin.display(description="search description")
    def search_description(self, article):
        revision = article.latest_revision
        return revision.search_description if revision is not None else ""
