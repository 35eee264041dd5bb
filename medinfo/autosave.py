"""Autosaves: the article form's unsaved text, kept per editor for the live preview.

The form's script posts the text fields every few seconds while they change
(``ArticleAutosaveAdminMixin`` in ``autosave_admin``); the public site's
``autosave_preview`` view renders the article page from the row. An autosave is
never a revision: nothing here goes through the workflow, the guards or review,
and saving the draft deletes the editor's autosave (``workflow.save_draft``).
"""

from django import forms
from django.db import transaction

from .forms import DRAFT_VERSION_MAX, RevisionTextForm
from .models import ArticleAutosave, ArticleRevision, RevisionStatus
from .workflow import can_edit


class AutosaveForm(RevisionTextForm):
    """The text fields as the article form posts them, each optional (a half-typed form is saved).

    The body is sanitised by its model field on every write; lengths follow the revision's.
    """

    draft_version = forms.IntegerField(required=False, min_value=1, max_value=DRAFT_VERSION_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


def may_edit(user, article):
    """Whether ``user`` may change ``article``'s text in the admin, and so see their autosave of it."""
    return bool(
        article is not None
        and user.is_authenticated
        and user.is_staff
        and user.has_perm("medinfo.change_article")
        and can_edit(user)
    )


@transaction.atomic
def store_autosave(*, article, user, text, based_on_version=None):
    """Keep ``text`` (``ArticleRevision.TEXT_FIELDS``) as ``user``'s autosave of ``article``."""
    autosave, _ = ArticleAutosave.objects.select_for_update().get_or_create(
        article=article, user=user
    )
    for name in ArticleRevision.TEXT_FIELDS:
        setattr(autosave, name, text.get(name, ""))
    autosave.based_on_version = based_on_version
    autosave.full_clean(exclude=["article", "user"])
    autosave.save()
    return autosave


def discard_autosave(*, article, user):
    """Forget ``user``'s autosave of ``article`` (they saved the draft, or chose not to restore)."""
    ArticleAutosave.objects.filter(article=article, user=user).delete()


def autosave_of(*, article, user):
    return ArticleAutosave.objects.filter(article=article, user=user).first()


def autosave_to_restore(*, article, user):
    """``user``'s autosave when it is newer than the article's latest revision and says
    something else; the form then offers to restore it. None otherwise."""
    autosave = autosave_of(article=article, user=user)
    latest = article.latest_revision
    if autosave is None or latest is None:
        return autosave
    if autosave.saved_at <= latest.updated_at:
        return None
    differs = any(getattr(latest, name) != value for name, value in autosave.text().items())
    return autosave if differs else None


def unsaved_revision(*, article, autosave):
    """The latest revision with the autosave's text, as a draft that is never saved (for previews)."""
    latest = article.latest_revision
    # The latest revision's id, so the page finds the revision's article and sources; the
    # preview caches no part of an unsaved copy (website.pages), since that id may be the
    # live revision's, whose cached parts the public reads. Unsaved, this copy would fail
    # to insert over it, never update it.
    return ArticleRevision(
        pk=latest.pk,
        article=article,
        number=latest.number,
        status=RevisionStatus.DRAFT,
        author_id=latest.author_id,
        references=latest.references,
        **autosave.text(),
    )
