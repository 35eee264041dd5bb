"""The editing rules: when an editor's copy of an article's text may be saved.

Defined once here and applied by the article form (as form errors) and by the
workflow's services (``save_draft``, ``start_revision``), which raise
``StaleDraftError`` (#11).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import references
from .errors import StaleDraftError
from .models import ArticleRevision, RevisionStatus

if TYPE_CHECKING:  # for annotations only
    from .models import Article


def revision_text(text: Mapping[str, Any]) -> dict[str, Any]:
    """Every one of ``ArticleRevision.DRAFT_FIELDS`` from keyword arguments, blank when left out.

    References come as stored items, ``Reference`` objects or YAML-like dicts with dates;
    their text is normalised here and validated with the rest by ``full_clean``.
    """
    unknown = set(text) - set(ArticleRevision.DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"Not revision text fields: {', '.join(sorted(unknown))}")
    values = {name: text.get(name, "") for name in ArticleRevision.TEXT_FIELDS}
    return {**values, "references": references.normalised(text.get("references") or [])}


def refuse_editing_in_review(latest: ArticleRevision | None) -> None:
    """A revision in review keeps its text until the reviewer decides."""
    if latest is not None and latest.status == RevisionStatus.IN_REVIEW:
        raise StaleDraftError(
            f"Revision {latest.number} is in review and can no longer be edited. "
            "Wait for the reviewer's decision, then edit again.",
            current=latest,
            code="in_review",
        )


def check_draft_is_current(
    *, article: Article | int, draft_version: int | None, resubmits_unchanged: bool = False
) -> ArticleRevision | None:
    """The editing rules: refuse a change of ``article``'s text made from an outdated copy.

    Locks the article's newest revision (until the caller's transaction ends) and
    raises ``StaleDraftError`` when it is in review, when ``resubmits_unchanged`` (the
    editor submits the text of a revision sent back, unchanged) and it was sent back,
    or when it is a draft whose version is not ``draft_version``, the version the
    editor opened (``None``: they opened no draft). Returns it, or ``None`` for an
    article without revisions. The article form and ``save_draft`` both call this.
    """
    latest = (
        ArticleRevision.objects.select_for_update()
        .filter(article=article)
        .order_by("-number")
        .first()
    )
    if latest is None:
        return None
    refuse_editing_in_review(latest)
    if latest.status == RevisionStatus.CHANGES_REQUESTED and resubmits_unchanged:
        raise StaleDraftError(
            f"Revision {latest.number} came back with changes requested: change the text, "
            "then submit.",
            current=latest,
            code="unchanged_resubmission",
        )
    if latest.status == RevisionStatus.DRAFT and draft_version != latest.version:
        raise StaleDraftError(
            "Someone else saved this draft after you opened it. Nothing was saved: your "
            "text is still in the form below, and the current draft is shown above it. "
            "Merge the two, then save again.",
            current=latest,
        )
    return latest
