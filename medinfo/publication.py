"""What must happen when an article's live revision changes (approve or unpublish)."""

from .models import Reviewer
from .pagecache import bump_tags, path_tag
from .pages import related_tag
from .publicnames import refresh_public_names


def publication_changed(*, article, previous_reviewer_id=None):
    """Drop the cached pages that show ``article``; called after the change commits.

    The A–Z names are rebuilt first (their listings are cached under the index
    tags bumped next); if that fails the pages are still invalidated.
    """
    reviewer_ids = {previous_reviewer_id}
    if article.live_revision_id:
        reviewer_ids.add(article.live_revision.reviewer_id)
    try:
        refresh_public_names(drug_id=article.drug_id, condition_id=article.condition_id)
    finally:
        bump_tags(*article_cache_tags(article, reviewer_ids=reviewer_ids))


def article_cache_tags(article, *, reviewer_ids=()):
    """The page-cache tags of every page that shows ``article``."""
    tags = {f"article:{article.pk}", "home", "feed", "sitemap", "search"}
    # Articles that list this one as related show its title and link; its own list of
    # related articles is cached under its own tag and may just have been edited.
    referring = article.related_from.values_list("pk", flat=True)
    tags |= {related_tag(pk) for pk in [article.pk, *referring]}
    if article.drug_id:
        tags |= {f"drug:{article.drug_id}", "drug-index"}
    if article.condition_id:
        tags |= {f"condition:{article.condition_id}", "condition-index"}
    reviewers = Reviewer.objects.filter(pk__in=[pk for pk in reviewer_ids if pk])
    tags |= {f"reviewer:{reviewer.pk}" for reviewer in reviewers}
    # The pages whose content a lookup by address decides (see pagecache.path_tag).
    addresses = [article.get_absolute_url(), *(r.get_absolute_url() for r in reviewers)]
    if article.drug_id:
        addresses.append(article.drug.get_absolute_url())
    if article.condition_id:
        addresses.append(article.condition.get_absolute_url())
    return tags | {path_tag(address) for address in addresses}
