"""The demo's site pages (About, Editorial policy …) from ``demo/data/site_pages.yaml``.

Each is an article of the kind "site page", published like every article: the demo
editor writes and submits it and the pharmacist its entry names as ``approved_by``
approves it (four eyes). A page whose slug exists already is left as it is.
"""

from medinfo import workflow
from medinfo.models import Article, ArticleKind, ArticleRevision

from . import content
from .loader import EDITOR


def site_pages() -> list[dict]:
    """The site pages in file order, bodies joined as in the article files."""
    pages = content.read("site_pages.yaml")
    for page in pages:
        page["body"] = content.html(page["body"])
    return pages


def load_site_pages(users: dict) -> int:
    """Add and publish the site pages missing so far; returns how many were added."""
    added = 0
    for spec in site_pages():
        if not Article.objects.site_pages().filter(slug=spec["slug"]).exists():
            _publish(spec, users)
            added += 1
    return added


def _publish(spec, users):
    editor = users[EDITOR]
    text = {name: spec[name] for name in ArticleRevision.TEXT_FIELDS}
    article = workflow.create_article(
        author=editor, kind=ArticleKind.SITE_PAGE, slug=spec["slug"], **text
    )
    # A page setting, approved with the revision: submitting captures it.
    article.ads_enabled = spec["show_ads"]
    article.save(update_fields=["ads_enabled"])
    if spec["state"] in ("in_review", "live"):
        revision = workflow.submit_revision(
            revision=article.latest_revision, submitter=editor, confirm_readability=True
        )
        if spec["state"] == "live":
            workflow.approve_revision(revision=revision, reviewer_user=users[spec["approved_by"]])
