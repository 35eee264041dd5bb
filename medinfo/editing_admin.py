"""The article form's editing aids: autosave for the live preview, and one History page.

``ArticleEditingMixin`` adds to ``ArticleAdmin``:

- ``<id>/autosave/``: the form's script posts the text fields here while they change
  (staff who may edit the article, CSRF-checked); GET returns the stored autosave;
- the article's History: its revisions and the review log (who did what, when),
  with Django's own change log of the article one link away at ``<id>/history/log/``.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .autosave import (
    AutosaveForm,
    autosave_of,
    autosave_to_restore,
    discard_autosave,
    may_edit,
    store_autosave,
)
from .models import Article, ArticleRevision
from .preview import preview_url
from .text_lock_admin import article_refusal

# Seconds between two autosaves while the editor types; the form's script reads it.
AUTOSAVE_INTERVAL_SECONDS = 10


def autosave_data(autosave):
    """What the form's script reads: the text and when it was saved (empty without one)."""
    if autosave is None:
        return {}
    return {"saved_at": autosave.saved_at.isoformat(), **autosave.text()}


def private_json(data, status=200):
    response = JsonResponse(data, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class ArticleEditingMixin:
    """Autosave, live preview and History for ``ArticleAdmin`` (listed before ``ModelAdmin``)."""

    def get_urls(self):
        site = self.admin_site
        return [
            path("<int:article_id>/autosave/", site.admin_view(self.autosave_view),
                 name="medinfo_article_autosave"),
            path("<int:article_id>/history/log/", site.admin_view(self.change_log_view),
                 name="medinfo_article_change_log"),
            *super().get_urls(),
        ]  # fmt: skip

    def autosave_view(self, request, article_id):
        """Store (POST) or read (GET) the signed-in editor's unsaved text of one article."""
        article = get_object_or_404(
            Article.objects.select_related("latest_revision"), pk=article_id
        )
        if not (self.has_change_permission(request, article) and may_edit(request.user, article)):
            raise PermissionDenied
        if request.method == "GET":
            return private_json(autosave_data(autosave_of(article=article, user=request.user)))
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        if "discard" in request.POST:
            discard_autosave(article=article, user=request.user)
            return private_json({})
        refusal = article_refusal(article)
        if refusal:  # the form shows no editable text then; a stray script post is refused
            return private_json({"errors": {"__all__": [refusal]}}, status=409)
        return self._store_autosave(request, article)

    def _store_autosave(self, request, article):
        missing = [name for name in ArticleRevision.TEXT_FIELDS if name not in request.POST]
        form = AutosaveForm(request.POST)
        if missing or not form.is_valid():
            errors = {name: ["Missing."] for name in missing}
            errors.update({name: list(messages) for name, messages in form.errors.items()})
            return private_json({"errors": errors}, status=400)
        text = {name: form.cleaned_data[name] for name in ArticleRevision.TEXT_FIELDS}
        autosave = store_autosave(
            article=article,
            user=request.user,
            text=text,
            based_on_version=form.cleaned_data["draft_version"],
        )
        return private_json({"saved_at": autosave.saved_at.isoformat()})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self._editing_context(request, object_id)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _editing_context(self, request, object_id):
        if object_id is None or request.method != "GET":
            return {}
        article = self.get_object(request, unquote(object_id))
        if not may_edit(request.user, article) or article.latest_revision_id is None:
            return {}
        if article_refusal(article) or not self.has_change_permission(request, article):
            return {}  # the text is read-only: nothing to autosave or preview live
        restore = autosave_to_restore(article=article, user=request.user)
        return {
            "autosave_url": reverse("admin:medinfo_article_autosave", args=[article.pk]),
            "autosave_interval": AUTOSAVE_INTERVAL_SECONDS,
            "live_preview_url": reverse("autosave_preview", args=[article.pk]),
            "autosave_restore": autosave_data(restore) if restore else None,
            "autosave_restore_at": restore.saved_at if restore else None,
        }

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Whatever the save wrote, the editor's unsaved copy is now out of date.
        discard_autosave(article=form.instance, user=request.user)

    def history_view(self, request, object_id, extra_context=None):
        """The article's one History: its revisions and every workflow step, newest first."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"History: {article}",
            "revisions": [
                (revision, preview_url(revision))
                for revision in article.revisions.select_related("author").order_by("-number")
            ],
            "events": article.events.select_related("actor", "revision").order_by("-pk"),
            "change_log_url": reverse("admin:medinfo_article_change_log", args=[article.pk]),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/medinfo/article/history.html", context)

    def change_log_view(self, request, article_id):
        """Django's admin log of the article (who saved the form when), linked from History."""
        return super().history_view(request, str(article_id))
