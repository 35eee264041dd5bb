"""The editorial core's models; see each module for its part of the workflow."""

from .article import (
    CONDITION_KINDS,
    DRUG_KINDS,
    Article,
    ArticleKind,
    ArticleRevision,
    ImmutableRevisionError,
    ReviewEvent,
    RevisionStatus,
)
from .public_name import PublicName
from .reviewer import Reviewer

__all__ = [
    "CONDITION_KINDS",
    "DRUG_KINDS",
    "Article",
    "ArticleKind",
    "ArticleRevision",
    "ImmutableRevisionError",
    "PublicName",
    "ReviewEvent",
    "Reviewer",
    "RevisionStatus",
]
