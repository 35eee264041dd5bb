"""What must happen when an article's live revision changes (approve or unpublish)."""

from collections.abc import Iterable

from medinfo import cachetags as tags
from medinfo.cachetags import bump_tags, path_tag
from medinfo.models import Article, Reviewer

from .pages import listed_as_related
from .publicnames import refresh_public_names
from .search import index_article


def publication_changed(
    sender: type[Article] | None = None,
    *,
    article: Article,
    previous_reviewer_id: int | None = None,
    **kwargs: object,
) -> None:
    """Bring search, the A–Z names and cached pages in line with ``article``'s live revision.

    The receiver of ``medinfo.signals.live_revision_changed``, sent by the task
    queue after the change commits (``medinfo.tasks.refresh_publication``). Every
    step reads the current state, so running it again is harmless. The cached
    pages are dropped even when an earlier step fails, since they are cached under
    tags bumped last; the failures are then raised together for a retry.
    """
    reviewer_ids = {previous_reviewer_id}
    if article.live_revision is not None:
        reviewer_ids.add(article.live_revision.reviewer_id)
    errors = []
    for step in (reindex_article, refresh_article_names):
        try:
            step(article)
        except Exception as error:
            errors.append(error)
    bump_tags(*article_cache_tags(article, reviewer_ids=reviewer_ids))
    if errors:
        raise ExceptionGroup(f"Publishing changes to article {article.pk} failed", errors)


def reindex_article(article: Article) -> None:
    """Make the live revision the article's only searchable revision (on either database)."""
    index_article(article)


def refresh_article_names(article: Article) -> None:
    """Rebuild the A–Z names of the article's drug and condition."""
    refresh_public_names(drug_id=article.drug_id, condition_id=article.condition_id)


def article_cache_tags(article: Article, *, reviewer_ids: Iterable[int | None] = ()) -> set[str]:
    """The page-cache tags of every page that shows ``article``."""
    names = {tags.article_tag(article.pk), tags.HOME, tags.FEED, tags.SITEMAP, tags.SEARCH}
    # Articles that list this one as related show its title and link (as approved, or
    # as the article form lists it, for snapshots without page settings); its own
    # list of related articles is cached under its own tag.
    referring = {*article.related_from.values_list("pk", flat=True), *listed_as_related(article.pk)}
    names |= {tags.related_tag(pk) for pk in [article.pk, *referring]}
    if article.drug_id:
        names |= {tags.drug_tag(article.drug_id), tags.DRUG_INDEX}
    if article.condition_id:
        names |= {tags.condition_tag(article.condition_id), tags.CONDITION_INDEX}
    # The reviewers' own pages list their articles; their address tags reach them. Not
    # their byline tag, which every page they reviewed carries: a CDN would drop all of
    # those on each approval, though only a byline edit changes them (medinfo.admin).
    reviewers = Reviewer.objects.filter(pk__in=[pk for pk in reviewer_ids if pk])
    # The pages whose content a lookup by address decides (see pagecache.path_tag).
    addresses = [article.get_absolute_url(), *(r.get_absolute_url() for r in reviewers)]
    if article.drug is not None:
        addresses.append(article.drug.get_absolute_url())
    if article.condition is not None:
        addresses.append(article.condition.get_absolute_url())
    return names | {path_tag(address) for address in addresses}
