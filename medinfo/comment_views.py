"""The review screen's comment page: comment, reply, resolve, reopen (forms, no script).

One admin URL per revision, ``admin:medinfo_articlerevision_comments``, added to
the revision admin by ``ReviewCommentsMixin``: GET shows the page to comment on a
paragraph or fact; POST adds that comment, or, with ``action`` and ``comment``,
replies to, resolves or reopens one of the article's comments from the review
screen's thread. The admin's own view wrapper gives it the login and CSRF checks
every admin page has; the services in ``medinfo.comments`` decide who may do
what, and a refusal comes back as a message, never as an error page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from . import comments
from .models import AnchorKind, ArticleRevision, Comment
from .models.comment import COMMENT_MAX_LENGTH

# What the thread's forms on the review screen ask for, and what each one says when done.
THREAD_ACTIONS = {"reply": "Reply added.", "resolve": "Comment resolved.",
                  "reopen": "Comment reopened."}  # fmt: skip
REPLACED = "This revision has been replaced: comment on the article's latest revision."


def review_url(revision, fragment="comments"):
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    return f"{url}#{fragment}"


def _posted_id(request, name):
    """A positive integer posted as ``name``, or None for anything else."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


class ReviewCommentsMixin:
    """Adds the comment page to ``ArticleRevisionAdmin`` (listed first in its bases)."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.comments_view)
        return [
            path("<int:revision_id>/comments/", view, name="medinfo_articlerevision_comments"),
            *super().get_urls(),
        ]

    def comments_view(self, request, revision_id):
        """Comment on the revision (GET: the form), or act on a comment of its thread."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        revision = get_object_or_404(
            ArticleRevision.objects.select_related("article"), pk=revision_id
        )
        if request.method == "POST" and request.POST.get("action") in THREAD_ACTIONS:
            return self._act_on_comment(request, revision, request.POST["action"])
        return self._comment_form(request, revision)

    def _act_on_comment(self, request, revision, action):
        comment_id = _posted_id(request, "comment")
        comment = Comment.objects.filter(article=revision.article_id, pk=comment_id).first()
        if comment is None:
            messages.error(request, "That comment is not on this article.")
            return HttpResponseRedirect(review_url(revision))
        user = request.user
        try:
            if action == "reply":
                text = request.POST.get("text", "")
                comments.reply_to_comment(comment=comment, author=user, text=text)
            elif action == "resolve":
                comments.resolve_comment(comment=comment, user=user)
            else:
                comments.reopen_comment(comment=comment, user=user)
        except comments.CommentError as error:
            if action == "reply":  # a form error, with the words still typed in
                return self._reply_page(request, revision, comment, text, str(error))
            messages.error(request, str(error))
        else:
            messages.success(request, THREAD_ACTIONS[action])
        return HttpResponseRedirect(review_url(revision, f"comment-{comment.pk}"))

    def _reply_page(self, request, revision, comment, text, error):
        """A refused reply: the comment, the reason, and the reply form with the words kept."""
        rights = comments.Rights.of(request.user, comment.article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Reply to a comment",
            "revision": revision,
            "article": revision.article,
            "review_url": review_url(revision, f"comment-{comment.pk}"),
            "comment": comment,
            "may_reply": rights.may_comment and comment.is_open,
            "text": text,
            "error": error,
            "max_length": COMMENT_MAX_LENGTH,
        }
        return TemplateResponse(
            request, "admin/medinfo/articlerevision/comment_reply.html", context
        )

    def _comment_form(self, request, revision):
        """The comment page: every paragraph and fact to pick from, and the words.

        Its own page, so the review screen keeps showing only what changed. A refused
        comment comes back here with the reason and the words still typed in.
        """
        chosen, text, error = request.GET.get("anchor", ""), "", ""
        if revision.article.latest_revision_id != revision.pk:
            error = REPLACED
        if request.method == "POST":
            chosen, text = request.POST.get("anchor", ""), request.POST.get("text", "")
            try:
                comment = comments.add_comment(
                    revision=revision, author=request.user, anchor=chosen, text=text
                )
            except comments.CommentError as refusal:
                error = str(refusal)
            else:
                messages.success(request, "Comment added.")
                return HttpResponseRedirect(review_url(revision, f"comment-{comment.pk}"))
        return TemplateResponse(
            request,
            "admin/medinfo/articlerevision/comment_form.html",
            self._form_context(request, revision, chosen=chosen, text=text, error=error),
        )

    def _form_context(self, request, revision, **form):
        anchors = comments.anchors_of(revision)
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Comment on revision {revision.number} of “{revision.title}”",
            "revision": revision,
            "article": revision.article,
            "review_url": review_url(revision),
            "text_anchors": [a for a in anchors if a.kind == AnchorKind.PARAGRAPH],
            "fact_anchors": [a for a in anchors if a.kind == AnchorKind.FACT],
            "may_comment": comments.Rights.of(request.user, revision.article).may_comment,
            "max_length": COMMENT_MAX_LENGTH,
            **form,
        }


def note_open_comments(request, revision):
    """After an approval: “Approved with N open comments”, when any are open."""
    count = comments.open_count(revision.article)
    if count:
        noun = "comment" if count == 1 else "comments"
        messages.warning(
            request,
            f"Approved with {count} open {noun}. They stay on the article's thread, "
            "listed on this revision's review screen and the next one's.",
        )
