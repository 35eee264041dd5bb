"""The review desk: the admin index opens with each person's queues as short lists.

A pharmacist sees first what awaits their review; an editor, their articles sent
back, their drafts and their submissions; both see overdue reviews and articles
whose facts changed since review. Each list is one of ``ArticleQuerySet``'s queue
rules, counted, its first few articles shown with a link to the screen where the
work is done, and a "see all" link to the changelist filter that applies the same
rule. Every list costs two queries, however many articles it holds.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.timesince import timesince

from . import workflow
from .admin_columns import person
from .models import Article

SHOWN = 5  # articles per list; the rest are behind "see all"


@dataclass(frozen=True)
class DeskItem:
    """One article in a list: where to go, and how long it has waited."""

    title: str
    url: str
    note: str
    when: datetime.date | datetime.datetime | None
    comment: str = ""


@dataclass(frozen=True)
class DeskList:
    """A list as the index shows it."""

    key: str
    heading: str
    empty: str
    count: int
    items: list[DeskItem]
    see_all_url: str
    action: str = ""  # a button beside each article, e.g. "Review"


@dataclass(frozen=True)
class Queue:
    """A queue rule as the desk lists it."""

    key: str
    heading: str
    empty: str
    rule: Callable  # (articles, user, today) -> the queue's articles
    filter: str  # the changelist's query string that applies the same rule
    order: str
    describe: Callable  # article -> (note, when)
    opens: str = "article"  # "article": the article form; "review": the review screen
    action: str = ""
    comment: bool = False


def _ago(verb, when, by=""):
    """“submitted 3 days ago by Erin Lee”: the largest unit only, which is what people scan for."""
    if when is None:
        return f"{verb} —", None
    recent = timezone.now() - when < datetime.timedelta(minutes=1)
    note = f"{verb} just now" if recent else f"{verb} {timesince(when, depth=1)} ago"
    return (f"{note} by {by}" if by else note), when


def _submitted(article):
    latest = article.latest_revision
    return _ago("submitted", latest.submitted_at, person(latest.author))


def _sent_back(article):
    latest = article.latest_revision
    return _ago("sent back", latest.reviewed_at, latest.reviewer_name)


def _saved(article):
    return _ago("saved", article.latest_revision.updated_at)


def _due(article):
    return f"review was due {article.review_due_on:%Y-%m-%d}", article.review_due_on


def _approved(article):
    return _ago("approved", article.live_revision.reviewed_at, article.live_revision.reviewer_name)


AWAITING = Queue(
    "awaiting-review", "Awaiting your review", "Nothing awaits your review.",
    lambda articles, user, today: articles.awaiting_review_by(user),
    "workflow=awaiting-me", "latest_revision__submitted_at", _submitted,
    opens="review", action="Review",
)  # fmt: skip
CHANGES_REQUESTED = Queue(
    "changes-requested", "Changes requested on your articles", "No changes requested.",
    lambda articles, user, today: articles.changes_requested_from(user),
    "workflow=my-changes-requested", "-latest_revision__reviewed_at", _sent_back, comment=True,
)  # fmt: skip
DRAFTS = Queue(
    "drafts", "Your drafts", "No drafts.",
    lambda articles, user, today: articles.drafts_by(user),
    "workflow=my-drafts", "-latest_revision__updated_at", _saved,
)  # fmt: skip
SUBMISSIONS = Queue(
    "submissions", "Your submissions", "Nothing of yours is in review.",
    lambda articles, user, today: articles.submitted_by(user),
    "workflow=my-submissions", "-latest_revision__submitted_at", _submitted,
)  # fmt: skip
OVERDUE = Queue(
    "overdue", "Reviews overdue", "No review is overdue.",
    lambda articles, user, today: articles.review_overdue(today),
    "review=overdue", "review_due_on", _due,
)  # fmt: skip
FACTS_CHANGED = Queue(
    "facts-changed", "Facts changed since review", "The facts of every live article are as approved.",
    lambda articles, user, today: articles.facts_changed_since_review(),
    "facts_changed__exact=1", "-live_revision__reviewed_at", _approved,
)  # fmt: skip
OWN_WORK = [CHANGES_REQUESTED, DRAFTS, SUBMISSIONS]


def queues_for(user):
    """The queues on ``user``'s desk, in order, and which of them to leave out when empty.

    Pharmacists start with what awaits their decision; their own writing, when they
    have any, comes after. Editors start with their own work.
    """
    if not user.has_perm("medinfo.view_article"):
        return [], set()
    writes = workflow.can_edit(user)
    if workflow.can_review(user):
        own_work = OWN_WORK if writes else []
        return [AWAITING, OVERDUE, FACTS_CHANGED, *own_work], {queue.key for queue in own_work}
    return [*(OWN_WORK if writes else []), FACTS_CHANGED, OVERDUE], set()


def desk_for(user, today=None):
    """The lists on ``user``'s desk; empty for people who do not work on articles."""
    today = today or timezone.localdate()
    queues, hidden_when_empty = queues_for(user)
    lists = (_desk_list(queue, user, today) for queue in queues)
    return [desk for desk in lists if desk.count or desk.key not in hidden_when_empty]


def _desk_list(queue, user, today):
    articles = queue.rule(Article.objects.all(), user, today)
    count = articles.count()
    shown = articles.select_related("latest_revision__author", "live_revision").order_by(
        queue.order, "pk"
    )[:SHOWN]
    changelist = reverse("admin:medinfo_article_changelist")
    return DeskList(
        key=queue.key,
        heading=queue.heading,
        empty=queue.empty,
        count=count,
        # Read even when the count is 0, so the desk's queries never depend on the data.
        items=[_desk_item(queue, article) for article in shown],
        see_all_url=f"{changelist}?{queue.filter}",
        action=queue.action,
    )


def _desk_item(queue, article):
    note, when = queue.describe(article)
    if queue.opens == "review":
        url = reverse("admin:medinfo_articlerevision_review", args=[article.latest_revision_id])
    else:
        url = reverse("admin:medinfo_article_change", args=[article.pk])
    comment = article.latest_revision.decision_comment if queue.comment else ""
    return DeskItem(
        title=article.latest_revision.title,
        url=url,
        note=note,
        when=when,
        comment=Truncator(comment).words(20),
    )
