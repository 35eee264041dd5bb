from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from common.adminviews import (
    AutocompleteAdmin,
    ChangeHistoryAdmin,
    ListRowsAdmin,
    ReadOnlyAdminMixin,
)

from . import prose_uses, readability, workflow
from .admin_columns import ArticleColumnsMixin
from .admin_filters import FactsChangedFilter, ReviewDueFilter, WorkflowFilter
from .cachetags import bump_tags, reviewer_tag
from .comment_views import ReviewCommentsMixin, note_open_comments
from .compare_admin import RevisionCompareMixin
from .diffs import diff_rows, review_differences
from .editing_admin import ArticleEditingMixin
from .facts import capture_facts, capture_snapshot, facts_differences
from .forms import ArticleForm, DecisionForm, UnpublishForm
from .models import Article, ArticleRevision, Reviewer, ReviewEvent, RevisionStatus
from .preview import preview_url
from .scheduling_admin import ArticleSchedulingMixin, approve_as_decided, status_lines
from .security import rich_text_editor_csp
from .tasks import RetriesExhausted, queue_again
from .text_lock_admin import ArticleTextLockMixin, editing_refusal

TEXT_FIELDS = ArticleRevision.TEXT_FIELDS
# Article settings the page shows; like the text, they take effect when a revision is approved.
PAGE_FIELDS = ("ads_enabled", "related_articles")
# What an unpublished article is about and where it will live: changing them changes
# what the reviewer approves, so they count as a contribution like text.
SUBJECT_FIELDS = ("kind", "drug", "condition", "slug")
PAGE_FIELDS_NOTE = (
    "Changes here reach the public page when a pharmacist approves the next revision."
)


# What a byline prints and who may approve under which licence: administrators only.
REVIEWER_ADMIN_ONLY_FIELDS = [
    "user", "display_name", "slug", "credentials", "licence_number", "licence_jurisdiction",
    "is_active",
]  # fmt: skip


def may_change_byline(user, profile=None):
    """Superusers and holders of ``change_reviewer_byline``, never on their own profile."""
    if profile is not None and profile.user_id == user.pk:
        return False
    return user.is_superuser or user.has_perm("medinfo.change_reviewer_byline")


@admin.register(Reviewer)
class ReviewerAdmin(AutocompleteAdmin, ChangeHistoryAdmin):
    """Reviewer profiles. A pharmacist edits their own bio and photo; administrators the rest.

    Approved revisions keep the byline as it was at approval, and every change to
    a profile is in its history (who, when, old → new).
    """

    list_display = ["display_name", "credentials", "licence_jurisdiction", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["user"]
    search_fields = ["display_name", "licence_number", "user__username"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        if not may_change_byline(request.user, obj):
            return REVIEWER_ADMIN_ONLY_FIELDS
        # Published bylines link to the reviewer's page, like drugs' and conditions' slugs.
        if obj is not None and obj.slug_is_frozen():
            return [*self.readonly_fields, "slug"]
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        if not may_change_byline(request.user, obj) or (obj is not None and obj.slug_is_frozen()):
            return {}
        return self.prepopulated_fields

    def has_change_permission(self, request, obj=None):
        # A pharmacist edits their own profile; administrators edit anyone's.
        allowed = super().has_change_permission(request, obj)
        if obj is None or may_change_byline(request.user):
            return allowed
        return allowed and obj.user_id == request.user.pk

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The reviewer's page shows these details.
        transaction.on_commit(lambda: bump_tags(reviewer_tag(obj.pk)))


@admin.register(Article)
class ArticleAdmin(
    AutocompleteAdmin,
    ArticleColumnsMixin,
    ArticleEditingMixin,
    ArticleTextLockMixin,
    ArticleSchedulingMixin,
    RevisionCompareMixin,
    readability.ReadingGradeAdminMixin,
    prose_uses.ProseUsesAdminMixin,
    ListRowsAdmin,  # after ArticleColumnsMixin, whose changelist extends its own
    admin.ModelAdmin,
):
    form = ArticleForm
    list_filter = [WorkflowFilter, FactsChangedFilter, ReviewDueFilter, "kind"]
    search_fields = ["slug", "latest_revision__title", "drug__generic_name", "condition__name"]
    autocomplete_fields = ["drug", "condition", "related_articles"]
    readonly_fields = ["workflow_status", "facts_report", "reading_grade", "conditions_in_text"]
    change_form_template = "admin/medinfo/article/change_form.html"
    save_on_top = True  # the template's sticky action bar; there is none at the bottom

    def get_fieldsets(self, request, obj=None):
        # Only a drug's article has uses the text could leave out.
        notices = ["conditions_in_text"] if obj is not None and obj.drug_id else []
        fieldsets = [
            (None, {"fields": [*TEXT_FIELDS, "reading_grade", *notices, "draft_version"]}),
            ("Subject and address", {"fields": ["kind", "drug", "condition", "slug"]}),
            ("Page", {"fields": list(PAGE_FIELDS), "description": PAGE_FIELDS_NOTE}),
        ]
        if obj is not None:
            fieldsets.insert(0, ("Workflow", {"fields": ["workflow_status", "facts_report"]}))
        return self.locked_fieldsets(request, obj, fieldsets)

    def get_readonly_fields(self, request, obj=None):
        readonly = self.readonly_fields
        # Once published the address is public: changing it would break links.
        if obj is not None and obj.first_published_at:
            readonly = [*readonly, "kind", "drug", "condition", "slug"]
        return self.locked_readonly_fields(request, obj, readonly)

    def has_delete_permission(self, request, obj=None):
        return False  # Articles keep their audit trail; unpublish instead.

    def get_object(self, request, object_id, from_field=None):
        """The article with what its change form reads: its newest and live revisions, its
        drug and condition. Fetched once per page view: the editing context and Django's
        form each fetched it, then each revision on its own (issue #15)."""
        shown = request.__dict__.setdefault("_articles_shown", {})
        key = (str(object_id), from_field)
        if request.method != "GET" or key not in shown:
            queryset = self.get_queryset(request).select_related(
                "latest_revision", "live_revision", "drug", "condition"
            )
            field = Article._meta.get_field(from_field) if from_field else Article._meta.pk
            try:
                found = queryset.get(**{field.name: field.to_python(object_id)})
            except (Article.DoesNotExist, ValidationError, ValueError):
                found = None
            if request.method != "GET":
                return found  # a save changes it: each step reads it afresh, as Django's does
            shown[key] = found
        return shown[key]

    @admin.display(description="title", ordering="latest_revision__title")
    def title(self, article):
        return article.latest_revision.title if article.latest_revision_id else article.slug

    @admin.display(description="status")
    def workflow_status(self, article):
        parts = [format_html("<strong>{}</strong>", article.state_label), *status_lines(article)]
        if article.live_revision_id:
            live = article.live_revision
            parts.append(
                format_html(
                    "Live: revision {} approved by {} on {} · <a href='{}'>public page</a>",
                    live.number,
                    live.byline,
                    timezone.localdate(live.reviewed_at),
                    article.get_absolute_url(),
                )
            )
        latest = article.latest_revision
        if latest is not None:
            parts.append(
                format_html(
                    "<a href='{}'>Preview revision {}</a> · <a href='{}'>Review screen</a>"
                    " · <a href='{}'>Compare revisions</a>",
                    preview_url(latest),
                    latest.number,
                    reverse("admin:medinfo_articlerevision_review", args=[latest.pk]),
                    reverse("admin:medinfo_article_compare", args=[article.pk]),
                )
            )
            if latest.status == RevisionStatus.CHANGES_REQUESTED:
                parts.append(format_html("Reviewer's comment: {}", latest.decision_comment))
        return format_html_join("", "<p>{}</p>", ((part,) for part in parts))

    @admin.display(description="facts changed since review")
    def facts_report(self, article):
        if not article.live_revision_id:
            return "Not published."
        # The typed snapshot as captured: its JSON form, read back, is the same snapshot.
        changes = facts_differences(
            article.live_revision.facts, capture_snapshot(article), article=article
        )
        if not changes:
            return "The structured facts match the approved revision."
        return format_html(
            "<p>The public page still shows the approved facts and page settings. "
            "Changes pending review:</p>"
            "<ul class='medinfo-diff'>{}</ul>",
            format_html_join("", "<li class='diff-{}'>{} {}</li>", diff_rows(changes)),
        )

    def save_model(self, request, obj, form, change):
        text = form.draft_content()
        if not change:
            workflow.create_article(author=request.user, article=obj, **text)
        else:
            obj.save()
            # New page settings, like new text and references, need a draft to be reviewed in.
            if form.references_changed or any(
                name in form.changed_data for name in (*TEXT_FIELDS, *PAGE_FIELDS, *SUBJECT_FIELDS)
            ):
                self._save_text(request, obj, form, text)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Submitting captures the page settings, so it waits for the related articles.
        if "_submit" in request.POST:
            article = form.instance
            article.refresh_from_db()
            latest, confirm = article.latest_revision, form.cleaned_data["confirm_readability"]
            workflow.submit_revision(
                revision=latest, submitter=request.user, confirm_readability=confirm
            )
            self.message_user(request, "Submitted for review. Reviewers have been notified.")

    def _save_text(self, request, article, form, text):
        had_draft = article.latest_revision.status == RevisionStatus.DRAFT
        revision = workflow.start_revision(article=article, author=request.user)
        expected = form.cleaned_data["draft_version"] if had_draft else revision.version
        workflow.save_draft(
            revision=revision, editor=request.user, expected_version=expected, **text
        )

    @method_decorator(rich_text_editor_csp)  # the body is edited in CKEditor 4
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Offer “Unpublish…” only to those the unpublish page lets in, and a revision in
        # review to those who may decide on it (a pharmacist's form has no save buttons).
        can_review = workflow.can_review(request.user)
        in_review = revision_in_review(object_id)
        extra_context = {
            **(extra_context or {}),
            "can_unpublish": can_review,
            "review_revision": can_review and in_review,
            # The form shows the text read-only, with this reason, while it is in review.
            "text_locked": editing_refusal(in_review),
        }
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_urls(self):
        view = self.admin_site.admin_view(self.unpublish_view)
        return [
            path("<int:article_id>/unpublish/", view, name="medinfo_article_unpublish"),
            *super().get_urls(),
        ]

    def unpublish_view(self, request, article_id):
        """Ask a reviewer for a reason, then take the article off the public site."""
        article = get_object_or_404(Article.objects.select_related("live_revision"), pk=article_id)
        if not workflow.can_review(request.user):
            raise PermissionDenied
        form = UnpublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                workflow.unpublish_article(
                    article=article, reviewer_user=request.user, reason=form.cleaned_data["reason"]
                )
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, f"“{article}” is no longer public.")
                return HttpResponseRedirect(
                    reverse("admin:medinfo_article_change", args=[article.pk])
                )
        context = {**self.admin_site.each_context(request), "article": article, "form": form,
                   "opts": self.opts, "title": f"Unpublish “{article}”"}  # fmt: skip
        return TemplateResponse(request, "admin/medinfo/article/unpublish.html", context)


def revision_in_review(object_id):
    """The article's latest revision when it awaits a decision, else None (or no such article)."""
    value = str(object_id or "")
    if not (value.isascii() and value.isdigit() and len(value) < 19):
        return None  # the add form, or an address Django's admin answers itself
    return ArticleRevision.objects.filter(
        article_id=object_id,
        article__latest_revision=models.F("pk"),
        status=RevisionStatus.IN_REVIEW,
    ).first()


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(ReviewCommentsMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Revisions are read-only here; drafts are edited on the article, decisions made on the review screen."""

    list_display = ["title", "article", "number", "status", "author", "submitted_at", "reviewer"]
    list_filter = ["status"]
    list_select_related = ["article", "author", "reviewer", "article__latest_revision"]
    search_fields = ["title", "article__slug"]
    readonly_fields = [f.name for f in ArticleRevision._meta.fields] + ["contributors"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:revision_id>/review/", view, name="medinfo_articlerevision_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, revision_id):
        """Show a revision as the public will see it, what it changes, and the decision form."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        revision = get_object_or_404(
            ArticleRevision.objects.select_related("article__live_revision", "author", "reviewer"),
            pk=revision_id,
        )
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            response = self._decide(request, revision, form)
            if response:
                return response
        return TemplateResponse(
            request,
            "admin/medinfo/articlerevision/review.html",
            self._review_context(request, revision, form),
        )

    def _decide(self, request, revision, form):
        comment = form.cleaned_data["comment"]
        try:
            if "_approve" in request.POST:
                self.message_user(request, approve_as_decided(request, revision, form))
                note_open_comments(request, revision)
            elif "_request_changes" in request.POST:
                workflow.request_changes(
                    revision=revision, reviewer_user=request.user, comment=comment
                )
                self.message_user(request, "Changes requested; the author has been notified.")
            else:
                form.add_error(None, "Choose Approve or Request changes.")
                return None
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
            return None
        return HttpResponseRedirect(
            reverse("admin:medinfo_article_change", args=[revision.article_id])
        )

    def _review_context(self, request, revision, form):
        article = revision.article
        live = article.live_revision if article.live_revision_id != revision.pk else None
        can_decide = revision.status == RevisionStatus.IN_REVIEW and workflow.can_review(
            request.user
        )
        since_submission = []
        if revision.status == RevisionStatus.IN_REVIEW:
            since_submission = facts_differences(
                revision.facts, capture_facts(article), article=article
            )
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review: {revision.title}",
            "revision": revision,
            "article": article,
            "live_revision": live,
            **review_differences(live, revision),
            "differences_heading": (
                f"Changes against the live revision {live.number}"
                if live
                else "Changes (nothing is live yet)"
            ),
            "compare_url": reverse("admin:medinfo_article_compare", args=[article.pk]),
            "facts_since_submission": list(diff_rows(since_submission)),
            "readability": readability.report(revision),
            "prose_uses_notice": prose_uses.render_notice(revision),
            "preview_url": preview_url(revision),
            "form": form,
            "can_decide": can_decide,
            "four_eyes_conflict": can_decide
            and workflow.four_eyes_conflict(revision=revision, reviewer_user=request.user),
        }


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log: read-only for everyone, superusers included."""

    list_display = [
        "created_at",
        "article",
        "revision",
        "actor",
        "from_state",
        "to_state",
        "comment",
    ]
    list_filter = ["to_state"]
    list_select_related = ["article__latest_revision", "revision", "actor"]
    search_fields = ["article__slug", "comment", "actor__username"]


class TaskFailureFilter(admin.SimpleListFilter):
    """Failed attempts that will be retried, and tasks that gave up after their last attempt."""

    title = "failure"
    parameter_name = "failure"
    GAVE_UP = f"{RetriesExhausted.__module__}.{RetriesExhausted.__qualname__}"

    def lookups(self, request, model_admin):
        return [("gave_up", "gave up"), ("retried", "failed, retried")]

    def queryset(self, request, queryset):
        failed = queryset.filter(status="FAILED")
        if self.value() == "gave_up":
            return failed.filter(exception_class_path=self.GAVE_UP)
        if self.value() == "retried":
            return failed.exclude(exception_class_path=self.GAVE_UP)
        return queryset


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    """Background work (e-mails, publication retries), read-only: each attempt and its error.

    Administrators look here when a mail server or another service was down; tasks
    that gave up can be queued again once it is back.
    """

    list_display = ["task_name", "attempt", "status", "error", "enqueued_at", "run_after",
                    "finished_at"]  # fmt: skip
    list_filter = ["status", TaskFailureFilter, "queue_name"]
    actions = ["queue_again"]

    @admin.display(description="attempt")
    def attempt(self, result):
        return result.args_kwargs.get("kwargs", {}).get("attempt", 1)

    @admin.display(description="error")
    def error(self, result):
        lines = result.traceback.strip().splitlines()
        return lines[-1][:200] if lines else ""

    @admin.action(description="Queue the selected tasks again (from attempt 1)")
    def queue_again(self, request, queryset):
        for result in queryset:
            queue_again(result)
        self.message_user(request, f"Queued {len(queryset)} task(s) again.")
