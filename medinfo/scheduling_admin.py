"""The admin's scheduling screens: cancel a scheduled go-live, set or remove an expiry.

Mixed into the article admin; the go-live time itself is chosen in the decision
form of the review screen. Only active pharmacist reviewers reach these pages,
as for unpublishing. The services are in ``medinfo.scheduling``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from common.db import fetch_checking_the_connection, with_tables

from . import scheduling, workflow
from .models import Article, ArticleExpiry, ScheduledGoLive
from .scheduling_forms import CancelGoLiveForm, ExpiryForm

# Whether the article has a scheduled go-live and an expiry: one small prepared query for
# what most articles have neither of (two ORM queries cost 1-2 ms of the article form).
_SCHEDULE_SQL = """
    SELECT (SELECT COUNT(*) FROM {go_live} WHERE article_id = %s),
           (SELECT COUNT(*) FROM {expiry} WHERE article_id = %s)
"""


def status_lines(article: Article) -> list[str]:
    """What the article's workflow box says about its schedule: go-live and expiry, if any."""
    lines: list[str] = []
    has_go_live, has_expiry = fetch_checking_the_connection(
        with_tables(_SCHEDULE_SQL, go_live=ScheduledGoLive, expiry=ArticleExpiry),
        [article.pk, article.pk],
    )[0]
    go_live = (
        ScheduledGoLive.objects.filter(article=article).select_related("revision").first()
        if has_go_live
        else None
    )
    if go_live is not None:
        lines.append(
            format_html(
                "<strong>Scheduled to go live on {}</strong>: revision {}, approved by {}.",
                scheduling.when(go_live.go_live_at),
                go_live.revision.number,
                go_live.revision.byline,
            )
        )
    expiry = ArticleExpiry.objects.filter(article=article).first() if has_expiry else None
    if expiry is not None:
        lines.append(
            format_html(
                "<strong>Expires on {}</strong>: {}",
                scheduling.when(expiry.expires_at),
                expiry.reason,
            )
        )
    return lines


def approve_as_decided(request, revision, form) -> str:
    """Approve ``revision`` as the review screen's decision form says; the message for the reviewer.

    The revision goes live now, or at the form's go-live time if one was given.
    """
    workflow.approve_revision(
        revision=revision,
        reviewer_user=request.user,
        comment=form.cleaned_data["comment"],
        go_live_at=form.cleaned_data["go_live_at"],
    )
    go_live = ScheduledGoLive.objects.filter(revision=revision).first()
    if go_live is None:
        return f"Approved: “{revision.title}” is now live."
    return f"Approved: “{revision.title}” goes live on {scheduling.when(go_live.go_live_at)}."


class ArticleSchedulingMixin:
    """Cancel-go-live and expiry pages for ``ArticleAdmin``."""

    def get_urls(self):
        cancel = self.admin_site.admin_view(self.cancel_go_live_view)
        expiry = self.admin_site.admin_view(self.expiry_view)
        return [
            path("<int:article_id>/go-live/cancel/", cancel, name="medinfo_article_cancel_go_live"),
            path("<int:article_id>/expiry/", expiry, name="medinfo_article_expiry"),
            *super().get_urls(),
        ]

    def _scheduling_article(self, request, article_id):
        article = get_object_or_404(Article.objects.select_related("live_revision"), pk=article_id)
        if not workflow.can_review(request.user):
            raise PermissionDenied
        return article

    def _back_to_article(self, article):
        return HttpResponseRedirect(reverse("admin:medinfo_article_change", args=[article.pk]))

    def _render(self, request, template, article, form, title, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "form": form,
            "title": title,
            **extra,
        }
        return TemplateResponse(request, f"admin/medinfo/article/{template}", context)

    def cancel_go_live_view(self, request, article_id):
        """Ask a reviewer why, then withdraw the article's scheduled go-live."""
        article = self._scheduling_article(request, article_id)
        go_live = ScheduledGoLive.objects.filter(article=article).select_related("revision").first()
        form = CancelGoLiveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                scheduling.cancel_go_live(
                    article=article, reviewer_user=request.user, reason=form.cleaned_data["reason"]
                )
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, "The scheduled go-live is cancelled.")
                return self._back_to_article(article)
        when = scheduling.when(go_live.go_live_at) if go_live else ""
        return self._render(request, "cancel_go_live.html", article, form,
                            f"Cancel the go-live of “{article}”", go_live=go_live, when=when)  # fmt: skip

    def expiry_view(self, request, article_id):
        """Set, move or remove the time at which the article comes off the site."""
        article = self._scheduling_article(request, article_id)
        expiry = ArticleExpiry.objects.filter(article=article).first()
        if request.method == "POST" and "_remove" in request.POST:
            return self._remove_expiry(request, article)
        initial = {"expires_at": expiry.expires_at, "reason": expiry.reason} if expiry else None
        form = ExpiryForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                scheduling.set_expiry(
                    article=article, reviewer_user=request.user, **form.cleaned_data
                )
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    f"“{article}” expires on {scheduling.when(form.cleaned_data['expires_at'])}.",
                )
                return self._back_to_article(article)
        return self._render(request, "expiry.html", article, form, f"Expiry of “{article}”",
                            expiry=expiry)  # fmt: skip

    def _remove_expiry(self, request, article):
        try:
            scheduling.remove_expiry(article=article, reviewer_user=request.user)
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"“{article}” no longer expires.")
        return self._back_to_article(article)
