"""The workflow's errors: a transition or an edit that is not allowed, told to the user as is."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only
    from .models import ArticleRevision


class WorkflowError(Exception):
    """A transition that is not allowed; its message is shown to the user as is."""


class ReadabilityConfirmationNeeded(WorkflowError):
    """Prose above ``MEDINFO_READABILITY_CONFIRM_GRADE`` goes to review only once the editor confirms."""


class StaleDraftError(WorkflowError):
    """The editor's copy is not the article's current, editable draft (``check_draft_is_current``).

    ``code`` says which editing rule refused it: ``"stale_draft"`` (someone saved the
    draft after this editor opened it), ``"in_review"`` (its newest revision is in review)
    or ``"unchanged_resubmission"`` (text sent back, submitted again unchanged);
    ``current`` is the article's newest revision.
    """

    def __init__(
        self, message: str, *, current: ArticleRevision, code: str = "stale_draft"
    ) -> None:
        super().__init__(message)
        self.current = current
        self.code = code
