"""What an editor has typed into an article's form but not saved yet: the live preview's source.

The article form sends its text fields here every few seconds while they change
(``medinfo.autosave``), and the preview beside the editor renders the page from
this row. It is a scratch copy, not a revision: never public, never reviewed, not
covered by the revision guards, one row per editor and article, deleted when that
editor saves the draft.
"""

from django.conf import settings
from django.db import models

from common.text import PlainTextMixin

from ..fields import SanitizedHTMLField
from .article import Article, ArticleRevision


def _revision_field(name, **overrides):
    """A copy of the revision's text field ``name``, optional here: a half-typed form is saved too."""
    field = ArticleRevision._meta.get_field(name).clone()
    field.blank = True
    for attribute, value in overrides.items():
        setattr(field, attribute, value)
    return field


class ArticleAutosave(PlainTextMixin, models.Model):
    """One editor's unsaved text of one article, kept so the preview and a reopened form can use it.

    Written only through ``medinfo.autosave``; editors see it as the preview beside
    the article form and as the offer to restore it when they come back.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="autosaves", verbose_name="article"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="article_autosaves",
        verbose_name="editor",
    )
    title = _revision_field("title")
    lead = _revision_field("lead")
    body = SanitizedHTMLField("body", blank=True)
    search_description = _revision_field("search_description")
    based_on_version = models.PositiveIntegerField(
        "draft version",
        null=True,
        blank=True,
        help_text="The edit version of the draft the editor had open, e.g. 3; empty without a draft.",
    )
    saved_at = models.DateTimeField("saved", auto_now=True)

    class Meta:
        verbose_name = "article autosave"
        verbose_name_plural = "article autosaves"
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="autosave_one_per_editor"),
        ]

    def __str__(self):
        return f"{self.title or self.article} (unsaved, {self.user})"

    def text(self):
        """The text fields as the revision names them."""
        return {name: getattr(self, name) for name in ArticleRevision.TEXT_FIELDS}
