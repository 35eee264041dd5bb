"""Admin forms for articles: the article's identity plus the text of its current draft."""

from functools import partial

from django import forms
from django.forms.models import fields_for_model

from common.text import PlainTextFormField

from .models import Article, ArticleRevision, RevisionStatus
from .readability import confirmation_message, needs_confirmation, reading_grade
from .sanitize import sanitize_html
from .workflow import COMMENT_MAX_LENGTH

# The revision's text fields as the model defines them (labels, lengths, help texts),
# with plain-text normalisation and the admin's widgets; the body keeps CKEditor.
RevisionTextForm = type(forms.Form)(
    "RevisionTextForm",
    (forms.Form,),
    fields_for_model(
        ArticleRevision,
        fields=ArticleRevision.TEXT_FIELDS,
        field_classes={
            "title": PlainTextFormField,
            "lead": partial(PlainTextFormField, multiline=True),
            "search_description": PlainTextFormField,
        },
        widgets={
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "lead": forms.Textarea(attrs={"rows": 4}),
            "search_description": forms.TextInput(attrs={"class": "vLargeTextField"}),
        },
    ),
)


class ArticleForm(RevisionTextForm, forms.ModelForm):
    """Edits an article and, through the workflow, the text of its draft revision.

    The text fields are not Article fields: ``ArticleAdmin.save_model`` hands
    them to ``workflow.save_draft``. ``draft_version`` is the version of the
    draft the editor opened, so a save based on a stale copy is refused here,
    under a row lock, before anything is written.
    """

    draft_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown beside the buttons only when a submission waits for it (see _check_readability).
    confirm_readability = forms.BooleanField(label="Submit anyway", required=False)

    class Meta:
        model = Article
        fields = ["kind", "drug", "condition", "slug", "ads_enabled", "related_articles"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale_revision = None
        self.readability_confirmation_needed = False
        source = self.instance.latest_revision if self.instance.pk else None
        if source is not None:
            for name in ArticleRevision.TEXT_FIELDS:
                self.initial.setdefault(name, getattr(source, name))
            if source.status == RevisionStatus.DRAFT:
                self.initial.setdefault("draft_version", source.version)
        if "related_articles" in self.fields and self.instance.pk:
            self.fields["related_articles"].queryset = Article.objects.exclude(pk=self.instance.pk)

    def clean_body(self):
        # Show the editor what will be stored, not what the browser sent.
        return sanitize_html(self.cleaned_data["body"])

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._check_draft_is_current(cleaned.get("draft_version"))
        if "_submit" in self.data:
            self._check_readability(cleaned)
        return cleaned

    def _check_readability(self, cleaned):
        """Hard prose goes to review only with “Submit anyway” ticked; the text stays in the form."""
        grade = reading_grade(lead=cleaned.get("lead", ""), body=cleaned.get("body", ""))
        self.readability_confirmation_needed = needs_confirmation(grade)
        if self.readability_confirmation_needed and not cleaned.get("confirm_readability"):
            raise forms.ValidationError(
                "%(reason)s To do so, tick “Submit anyway” and press “Submit for review” again.",
                code="readability",
                params={"reason": confirmation_message(grade)},
            )

    def _submits_unchanged_text(self):
        """“Submit for review” pressed with the form of the revision sent back, unchanged."""
        changed = set(self.changed_data) - {"draft_version", "confirm_readability"}
        return "_submit" in self.data and not changed

    def _check_draft_is_current(self, draft_version):
        latest = (
            ArticleRevision.objects.select_for_update()
            .filter(article=self.instance)
            .order_by("-number")
            .first()
        )
        if latest is None:
            return
        if latest.status == RevisionStatus.IN_REVIEW:
            raise forms.ValidationError(
                "Revision %(number)s is in review, so its text cannot change now. "
                "Wait for the reviewer's decision, then edit again.",
                code="in_review",
                params={"number": latest.number},
            )
        if latest.status == RevisionStatus.CHANGES_REQUESTED and self._submits_unchanged_text():
            raise forms.ValidationError(
                "Revision %(number)s came back with changes requested: change the text, "
                "then submit.",
                code="unchanged_resubmission",
                params={"number": latest.number},
            )
        if latest.status == RevisionStatus.DRAFT and draft_version != latest.version:
            self.stale_revision = latest
            # The re-shown form carries the current version, so the merged text can be saved.
            self.data = self.data.copy()
            self.data[self.add_prefix("draft_version")] = str(latest.version)
            raise forms.ValidationError(
                "Someone else saved this draft after you opened it. Nothing was saved: your "
                "text is still in the form below, and the current draft is shown above it. "
                "Merge the two, then save again.",
                code="stale_draft",
            )


class DecisionForm(forms.Form):
    """The reviewer's comment on the review screen; required when requesting changes."""

    comment = PlainTextFormField(
        multiline=True,
        label="Comment",
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when requesting changes; shown to the author and kept in the audit log.",
    )


class UnpublishForm(forms.Form):
    """The reason a reviewer gives for taking an article off the site; required."""

    reason = PlainTextFormField(
        multiline=True,
        label="Reason",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why this article must come off the public site, e.g. “Withdrawn from the market”.",
    )
