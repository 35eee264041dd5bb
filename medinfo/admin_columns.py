"""The article changelist's columns: narrow enough for 1280 px without scrolling.

Every value comes from the rows ``ArticleColumnsMixin.list_select_related`` joins,
so the list costs the same queries for 3 articles as for 200.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from common.adminviews import RowLinksChangeList

DATE_FORMAT = "%Y-%m-%d"
# Revision columns no list column reads: the text, the facts snapshot (JSON of several
# kilobytes) and the search columns, read and decoded twice per row before (issue #15).
UNLISTED_REVISION_FIELDS = [
    "lead", "body", "search_description", "references", "facts", "decision_comment",
    "search_names", "search_text", "search_vector", "readability_grade",
]  # fmt: skip
DEFERRED = [
    f"{relation}__{field}"
    for relation in ("latest_revision", "live_revision")
    for field in UNLISTED_REVISION_FIELDS
]


def day(value):
    """A date that never breaks across lines, e.g. 2025-01-31."""
    return format_html('<span class="medinfo-date">{}</span>', value.strftime(DATE_FORMAT))


def person(user):
    """A user as colleagues know them: their full name, else their user name."""
    return user.get_full_name() or user.get_username()


class ArticleChangeList(RowLinksChangeList):
    """The changelist's rows without the revision columns no column shows."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer(*DEFERRED)


class ArticleColumnsMixin:
    """State (with a mark only where facts changed), author, updated, reviewer, review due."""

    list_display = ["title", "state", "author", "updated", "reviewer", "review_due"]
    list_select_related = ["latest_revision__author", "live_revision"]
    # Counting all 50,000 articles for "(n total)" beside every filtered list cost a query.
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    class Media:
        css = {"all": ["admin/medinfo/desk.css"]}

    @admin.display(description="state")
    def state(self, article):
        if not (article.live_revision_id and article.facts_changed):
            return article.state_label
        return format_html(
            '{} <strong class="medinfo-flag">facts changed</strong>', article.state_label
        )

    @admin.display(description="author", ordering="latest_revision__author__username")
    def author(self, article):
        latest = article.latest_revision
        return person(latest.author) if latest else "—"

    @admin.display(description="updated", ordering="latest_revision__updated_at")
    def updated(self, article):
        latest = article.latest_revision
        if latest is None:
            return "—"
        return day(timezone.localtime(latest.updated_at))

    @admin.display(description="reviewer")
    def reviewer(self, article):
        """Who decided last: the latest revision's reviewer once decided, else the live one's."""
        for revision in (article.latest_revision, article.live_revision):
            if revision is not None and revision.reviewer_name:
                return revision.reviewer_name
        return "—"

    @admin.display(description="review due", ordering="review_due_on")
    def review_due(self, article):
        due = article.review_due_on
        if due is None:
            return "—"
        if due < timezone.localdate():
            return format_html('{} <strong class="medinfo-flag">overdue</strong>', day(due))
        return day(due)
