"""What must happen when an article's live revision changes (approve or unpublish)."""

from django.dispatch import Signal

# Sent after the transaction that changed an article's live revision commits.
# The page cache listens to drop exactly the pages that show this article.
live_revision_changed = Signal()


def publication_changed(*, article):
    live_revision_changed.send(sender=type(article), article=article)
