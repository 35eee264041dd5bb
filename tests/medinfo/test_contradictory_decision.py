"""A decision post that names both buttons decides nothing (issue #13, outside tester).

On the old code a POST to the review screen with both ``_approve`` and
``_request_changes`` approved the revision (the approve branch was tested first).
"""

import pytest

from medinfo.models import ReviewEvent, RevisionStatus
from tests.admin_forms import logged_in, page_text, review_url
from tests.factories import reviewer_user, submitted_revision

pytestmark = pytest.mark.django_db

POSTS = {
    "both buttons": {"_approve": "1", "_request_changes": "1", "comment": "Cite the label."},
    "both, approve empty": {"_approve": "", "_request_changes": "1", "comment": "Fix it."},
    "both, no comment": {"_request_changes": "1", "_approve": "1", "comment": ""},
}


@pytest.mark.parametrize("data", POSTS.values(), ids=list(POSTS))
def test_two_decisions_in_one_post_are_refused(data):
    revision = submitted_revision()
    events = ReviewEvent.objects.count()
    response = logged_in(reviewer_user()).post(review_url(revision), data)
    assert response.status_code == 200
    assert "Choose either Approve or Request changes, not both." in page_text(response)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.IN_REVIEW
    assert revision.reviewer_id is None
    assert ReviewEvent.objects.count() == events


@pytest.mark.parametrize(
    ("button", "status"),
    [("_approve", RevisionStatus.APPROVED), ("_request_changes", RevisionStatus.CHANGES_REQUESTED)],
)
def test_one_decision_still_decides(button, status):
    """Control: each button alone records its decision."""
    revision = submitted_revision()
    response = logged_in(reviewer_user()).post(
        review_url(revision), {button: "1", "comment": "Cite the label."}
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == status
