"""The article changelist's filters: each choice is one of ``ArticleQuerySet``'s queue rules.

The desk on the admin index (``medinfo.desk``) links its "see all" to these choices,
so a list on the desk and its changelist always hold the same articles.
"""

from django.contrib import admin
from django.utils import timezone

# (value, label, queue rule); the rule gets the queryset and the person looking.
WORKFLOW_CHOICES = [
    ("awaiting-me", "awaiting your review", lambda articles, user: articles.awaiting_review_by(user)),
    ("my-drafts", "your drafts", lambda articles, user: articles.drafts_by(user)),
    ("my-submissions", "your submissions", lambda articles, user: articles.submitted_by(user)),
    ("my-changes-requested", "changes requested on your articles",
     lambda articles, user: articles.changes_requested_from(user)),
    ("in-review", "in review", lambda articles, user: articles.in_review()),
    ("changes-requested", "changes requested", lambda articles, user: articles.changes_requested()),
    ("draft", "draft", lambda articles, user: articles.drafts()),
    ("published", "published", lambda articles, user: articles.live()),
    ("pending", "published, changes pending",
     lambda articles, user: articles.with_pending_changes()),
    ("unpublished", "not published", lambda articles, user: articles.unpublished()),
]  # fmt: skip
WORKFLOW_RULES = {value: rule for value, _, rule in WORKFLOW_CHOICES}


class WorkflowFilter(admin.SimpleListFilter):
    """Where articles stand in the workflow, and the signed-in person's own queues."""

    title = "workflow"
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label, _ in WORKFLOW_CHOICES]

    def queryset(self, request, queryset):
        rule = WORKFLOW_RULES.get(self.value())
        return rule(queryset, request.user) if rule else queryset


class ReviewDueFilter(admin.SimpleListFilter):
    """Published articles by the date their periodic review falls due."""

    title = "review due"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "review overdue"), ("soon", "due within 30 days")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.review_overdue(today)
        if self.value() == "soon":
            return queryset.review_due_soon(today)
        return queryset


class FactsChangedFilter(admin.SimpleListFilter):
    """Published articles whose drug or condition facts changed after their approval."""

    title = "facts"
    # The name of the field filter this replaced, so bookmarked and benchmarked links still work.
    parameter_name = "facts_changed__exact"

    def lookups(self, request, model_admin):
        return [("1", "changed since review")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.facts_changed_since_review()
        return queryset
