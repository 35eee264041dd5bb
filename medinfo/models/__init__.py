"""The editorial core's models; see each module for its part of the workflow."""

from .article import (
    CONDITION_KINDS,
    DRUG_KINDS,
    Article,
    ArticleKind,
    ArticleRevision,
    ImmutableRevisionError,
    RevisionStatus,
    article_path,
)
from .autosave import ArticleAutosave
from .comment import AnchorKind, Comment, CommentEvent, CommentStatus
from .public_name import PublicName
from .related_link import LiveRelatedLink, refresh_live_related_links
from .review_event import ReviewEvent
from .reviewer import Reviewer
from .scheduling import ArticleExpiry, ScheduledGoLive

__all__ = [
    "CONDITION_KINDS",
    "DRUG_KINDS",
    "AnchorKind",
    "Article",
    "ArticleAutosave",
    "ArticleExpiry",
    "ArticleKind",
    "ArticleRevision",
    "Comment",
    "CommentEvent",
    "CommentStatus",
    "ImmutableRevisionError",
    "LiveRelatedLink",
    "PublicName",
    "ReviewEvent",
    "Reviewer",
    "RevisionStatus",
    "article_path",
    "ScheduledGoLive",
    "refresh_live_related_links",
]
