"""Signed, expiring preview links: staff see one revision through the public template."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import ArticleRevision, RevisionStatus, ScheduledGoLive

SALT = "medinfo.preview"


def preview_url(revision):
    token = signing.dumps({"revision": revision.pk}, salt=SALT, compress=True)
    return reverse("revision_preview", kwargs={"token": token})


def revision_id_from_token(token):
    """The revision id a token names, or None when it is forged, altered or expired."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.MEDINFO_PREVIEW_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    revision_id = payload.get("revision") if isinstance(payload, dict) else None
    return revision_id if isinstance(revision_id, int) else None


def _public_sees(article, revision):
    """What the public reads of ``article`` now, as the banner's last sentence."""
    if not article.live_revision_id:
        return "The article is not on the public site."
    if article.live_revision_id == revision.pk:
        return "This is what the public sees."
    return f"The public sees revision {article.live_revision.number}."


def preview_banner(revision, *, unsaved=False):
    """The preview's banner: which revision this is, its state, and what the public sees.

    True for every state (#13, outside tester): the banner used to say "The public cannot
    see this page until a pharmacist approves it" of the live revision too.
    """
    article = revision.article
    public = _public_sees(article, revision)
    if unsaved:  # the autosave's copy carries the latest revision's pk: say what is live
        public = _public_sees(article, ArticleRevision(pk=None))
        return f"Preview of your unsaved changes to revision {revision.number}. Only you see them. {public}"
    head = f"Preview of revision {revision.number} ({revision.get_status_display()})."
    if revision.status == RevisionStatus.APPROVED:
        if article.live_revision_id == revision.pk:
            return f"{head} It is live. {public}"
        scheduled = ScheduledGoLive.objects.filter(revision=revision).first()
        if scheduled is not None:
            when = timezone.localtime(scheduled.go_live_at)
            zone = timezone.get_current_timezone_name()
            return f"{head} It goes live on {when:%Y-%m-%d at %H:%M} ({zone}). Until then: {public}"
        return f"{head} It is not live. {public}"
    if revision.status == RevisionStatus.IN_REVIEW:
        return f"{head} A pharmacist is reviewing it; the public cannot see it. {public}"
    if revision.status == RevisionStatus.CHANGES_REQUESTED:
        return f"{head} The reviewer sent it back; the public cannot see it. {public}"
    return f"{head} The public cannot see it until a pharmacist approves it. {public}"
