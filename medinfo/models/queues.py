"""The editorial queues: which articles wait for whom, as methods of ``ArticleQuerySet``.

One definition each, read by the desk on the admin index (``medinfo.desk``) and by
the article list's filters (``medinfo.admin_filters``), so a list on the desk and
its "see all" changelist always hold the same articles.
"""

from datetime import timedelta

from django.db import models


def _revisions():
    """ArticleRevision and RevisionStatus, looked up late: their module imports this one."""
    from .article import ArticleRevision, RevisionStatus

    return ArticleRevision, RevisionStatus


class EditorialQueues(models.QuerySet):
    """The queue rules ``ArticleQuerySet`` inherits (with ``live()`` from it)."""

    def with_latest_status(self, status):
        """Articles whose newest revision has ``status``.

        Asked as "the newest revision is one of those with ``status``", which PostgreSQL
        answers from the ``revision_status_id`` index alone. Joined to each revision's
        row instead, the in-review queue's count read 5,000 rows of the table and its
        page took a parallel plan: 35 ms of SQL at 50,000 articles, now 14 (issue #15).
        """
        with_status = _revisions()[0].objects.filter(status=status).values("pk")
        return self.filter(latest_revision__in=with_status)

    def in_review(self):
        return self.with_latest_status(_revisions()[1].IN_REVIEW)

    def changes_requested(self):
        return self.with_latest_status(_revisions()[1].CHANGES_REQUESTED)

    def drafts(self):
        return self.with_latest_status(_revisions()[1].DRAFT)

    def facts_changed_since_review(self):
        return self.live().filter(facts_changed=True)

    def review_overdue(self, today):
        """Live articles whose periodic review was due before ``today``."""
        return self.live().filter(review_due_on__lt=today)

    def review_due_soon(self, today, days=30):
        """Live articles whose periodic review falls due within ``days`` from ``today``."""
        return self.live().filter(
            review_due_on__gte=today, review_due_on__lte=today + timedelta(days=days)
        )

    def with_pending_changes(self):
        """Published articles with a newer revision than the live one."""
        return self.live().exclude(latest_revision=models.F("live_revision"))

    def unpublished(self):
        """Articles the public cannot see."""
        return self.filter(live_revision__isnull=True)

    def awaiting_review_by(self, user):
        """Articles in review that ``user`` may decide: they changed neither text nor facts."""
        from ..foureyes import revisions_with_fact_changes_by  # foureyes imports models

        awaiting = self.in_review().exclude(self._worked_on(user))
        in_review = (
            _revisions()[0]
            .objects.filter(pk__in=awaiting.values("latest_revision_id"))
            .select_related("article")
        )
        # A fixed number of queries however many are in review (the admin's index lists them).
        changed_facts = revisions_with_fact_changes_by(revisions=in_review, user=user)
        return awaiting.exclude(latest_revision_id__in=changed_facts)

    # Each person's own work: the latest revision holds words they wrote, saved or submitted.
    @staticmethod
    def _worked_on(user):
        contributed = _revisions()[0].contributors.through.objects.filter(
            articlerevision_id=models.OuterRef("latest_revision_id"), user_id=user.pk
        )
        return models.Exists(contributed)

    def drafts_by(self, user):
        """Drafts with ``user``'s words in them: “Your drafts”."""
        return self.drafts().filter(self._worked_on(user))

    def submitted_by(self, user):
        """Revisions in review with ``user``'s words in them: “Your submissions”."""
        return self.in_review().filter(self._worked_on(user))

    def changes_requested_from(self, user):
        """Revisions sent back with ``user``'s words in them: “Changes requested on your articles”."""
        return self.changes_requested().filter(self._worked_on(user))
