"""Admin forms for articles: the article's identity plus the text of its current draft."""

from functools import partial

from django import forms
from django.forms.models import fields_for_model
from django.utils.text import slugify

from common.text import PlainTextFormField, plain_text

from . import references
from .editing import check_draft_is_current
from .errors import StaleDraftError
from .models import Article, ArticleKind, ArticleRevision, RevisionStatus
from .readability import confirmation_message, needs_confirmation, reading_grade
from .sanitize import sanitize_html
from .scheduling_forms import go_live_field
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


class SourceURLField(forms.URLField):
    """An http or https address, with invisible characters removed before it is checked."""

    default_validators = [references.validate_url]
    default_error_messages = {"invalid": references.URL_MESSAGE}

    def to_python(self, value):
        return super().to_python(plain_text(value))


class SetIdField(PlainTextFormField):
    """A DailyMed set id, stored in lower case as DailyMed writes it."""

    def to_python(self, value):
        return super().to_python(value).lower()


class ReferenceForm(forms.Form):
    """One row of the article form's references: a source the revision's text rests on."""

    title = PlainTextFormField(
        max_length=references.TITLE_MAX_LENGTH,
        help_text="e.g. “Savella (milnacipran) tablets: prescribing information”.",
    )
    publisher = PlainTextFormField(
        max_length=references.PUBLISHER_MAX_LENGTH,
        help_text="e.g. “U.S. National Library of Medicine, DailyMed”.",
    )
    url = SourceURLField(
        label="Address",
        max_length=references.URL_MAX_LENGTH,
        assume_scheme="https",
        help_text="e.g. “https://dailymed.nlm.nih.gov/…”.",
    )
    accessed = forms.DateField(
        label="Date accessed",
        validators=[references.validate_accessed],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="YYYY-MM-DD, e.g. 2026-11-30.",
    )
    dailymed_setid = SetIdField(
        label="DailyMed set id",
        required=False,
        max_length=references.SETID_LENGTH,
        validators=[references.validate_setid],
        help_text="Optional: the setid= part of a DailyMed label's address.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Help texts are printed once, in the table's header; every row points to them.
        for name in references.FIELDS:
            self.fields[name].widget.attrs["aria-describedby"] = f"references-{name}-help"

    def reference(self):
        return references.Reference(**{name: self.cleaned_data[name] for name in references.FIELDS})


class BaseReferenceFormSet(forms.BaseFormSet):
    """Reference rows whose order numbers run from 1 to ``MAX_REFERENCES``.

    Django's order field takes any integer; a negative or 30-digit number is a
    typing slip (or a forged post), refused beside the row like any other mistake.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        ordering = form.fields[forms.formsets.ORDERING_FIELD_NAME]
        message = f"Number the sources from 1 to {references.MAX_REFERENCES}."
        form.fields[forms.formsets.ORDERING_FIELD_NAME] = forms.IntegerField(
            label=ordering.label,
            initial=ordering.initial,
            required=False,
            min_value=1,
            max_value=references.MAX_REFERENCES,
            widget=ordering.widget,
            error_messages={"min_value": message, "max_value": message},
        )


# Rows are added through the blank rows at the end, removed with “Delete” and
# reordered by their numbers; the page prints them in that order.
ReferenceFormSet = forms.formset_factory(
    ReferenceForm,
    formset=BaseReferenceFormSet,
    extra=2,
    can_order=True,
    can_delete=True,
    max_num=references.MAX_REFERENCES,
    validate_max=True,
)


# Articles about a drug or condition live at /drugs/<drug>/<kind>/, so their slug is the
# kind ("uses"); these kinds have no fixed address part and take theirs from the title.
SLUG_FROM_TITLE_KINDS = (ArticleKind.GENERAL, ArticleKind.SITE_PAGE)


# The largest draft version any database stores (``based_on_version`` is a
# PositiveIntegerField: 32 bits on PostgreSQL); a larger posted number is a form error.
DRAFT_VERSION_MAX = 2_147_483_647


def suggested_slug(*, kind, title):
    """The slug a new article gets when the editor leaves it empty, e.g. "uses" or "about-medinfo"."""
    if kind in SLUG_FROM_TITLE_KINDS:
        return slugify(title)[:120].strip("-")
    return kind or ""


class ArticleForm(RevisionTextForm, forms.ModelForm):
    """Edits an article and, through the workflow, the text of its draft revision.

    The text fields are not Article fields: ``ArticleAdmin.save_model`` hands
    them to ``workflow.save_draft``. ``draft_version`` is the version of the
    draft the editor opened, so a save based on a stale copy is refused here by
    the workflow's editing rules (``editing.check_draft_is_current``), under a
    row lock, before anything is written.
    """

    draft_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=DRAFT_VERSION_MAX
    )
    REFERENCES_PREFIX = "references"
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
        self.stored_references = list(source.references) if source is not None else []
        self.references = self._references_formset()
        if source is not None:
            for name in ArticleRevision.TEXT_FIELDS:
                self.initial.setdefault(name, getattr(source, name))
            if source.status == RevisionStatus.DRAFT:
                self.initial.setdefault("draft_version", source.version)
        if "related_articles" in self.fields:
            # Each chosen article is named by its revision's title: joined, not one query each,
            # and only the titles of the revisions (not their text, facts and search columns).
            others = Article.objects.select_related("latest_revision", "live_revision").only(
                "kind", "drug", "condition", "latest_revision__title", "live_revision__title"
            )
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            self.fields["related_articles"].queryset = others
        if "slug" in self.fields:
            self._offer_slug_suggestion(self.fields["slug"])

    def _offer_slug_suggestion(self, field):
        """An empty slug is filled in from the kind or title (in the browser as one types, and
        in ``clean`` for a post without one), so the first save never fails for want of it."""
        field.required = False
        field.help_text += " Left empty, it is filled in from the kind or, for general articles "
        field.help_text += "and site pages, from the title."
        field.widget.attrs["data-title-kinds"] = " ".join(SLUG_FROM_TITLE_KINDS)

    def _references_formset(self):
        """The reference rows; bound only when the post carries them.

        A post without them (a script that sends the text alone) leaves the
        references as they are, rather than removing every one.
        """
        prefix = self.REFERENCES_PREFIX
        bound = self.is_bound and f"{prefix}-TOTAL_FORMS" in self.data
        initial = references.as_initial(references.stored_references(self.stored_references))
        return ReferenceFormSet(self.data if bound else None, initial=initial, prefix=prefix)

    def _clean_references(self):
        formset = self.references
        if not formset.is_bound:
            return self.stored_references
        if not formset.is_valid():
            self.add_error(None, "Correct the references below.")
            return self.stored_references
        return [form.reference().as_stored() for form in formset.ordered_forms]

    @property
    def references_changed(self):
        cleaned = getattr(self, "cleaned_data", {}).get("references", self.stored_references)
        return cleaned != self.stored_references

    def draft_content(self):
        """The text fields and references, as ``workflow.save_draft`` takes them."""
        return {name: self.cleaned_data[name] for name in ArticleRevision.DRAFT_FIELDS}

    def clean_body(self):
        # Show the editor what will be stored, not what the browser sent.
        return sanitize_html(self.cleaned_data["body"])

    def clean(self):
        cleaned = super().clean()
        cleaned["references"] = self._clean_references()
        if "slug" in self.fields and not cleaned.get("slug") and "slug" not in self.errors:
            self._fill_in_slug(cleaned)
        if self.instance.pk:
            self._check_draft_is_current(cleaned.get("draft_version"))
        if "_submit" in self.data:
            self._check_sources(cleaned)
            self._check_readability(cleaned)
        return cleaned

    def _check_sources(self, cleaned):
        """The workflow's rule that a submitted revision cites a source, as a form error."""
        kind = cleaned.get("kind") or self.instance.kind
        uncited = references.missing_sources(
            kind=kind, items=cleaned["references"], action="submitted"
        )
        if uncited:
            raise forms.ValidationError(uncited, code="no_sources")

    def _fill_in_slug(self, cleaned):
        if not cleaned.get("kind"):
            return  # the kind's own error says what to do
        slug = suggested_slug(kind=cleaned["kind"], title=cleaned.get("title", ""))
        if slug:
            cleaned["slug"] = slug
        else:
            self.add_error("slug", "Enter a slug: the title gives none to fill in.")

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
        return "_submit" in self.data and not changed and not self.references_changed

    def _check_draft_is_current(self, draft_version):
        """The workflow's editing rules, as a form error; the row lock lasts until the save."""
        try:
            check_draft_is_current(
                article=self.instance,
                draft_version=draft_version,
                resubmits_unchanged=self._submits_unchanged_text(),
            )
        except StaleDraftError as error:
            if error.code == "stale_draft":
                self.stale_revision = error.current
                # The re-shown form carries the current version, so the merged text can be saved.
                self.data = self.data.copy()
                self.data[self.add_prefix("draft_version")] = str(error.current.version)
            raise forms.ValidationError(str(error), code=error.code) from error


class DecisionForm(forms.Form):
    """The reviewer's decision on the review screen: a comment (required when requesting
    changes) and, for an approval, when it goes live (empty: now)."""

    comment = PlainTextFormField(
        multiline=True,
        label="Comment",
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when requesting changes; shown to the author and kept in the audit log.",
    )
    go_live_at = go_live_field()

    def clean(self):
        cleaned = super().clean()
        # One decision per post: a post naming both buttons decides nothing (#13).
        if "_approve" in self.data and "_request_changes" in self.data:
            raise forms.ValidationError(
                "Choose either Approve or Request changes, not both.", code="two_decisions"
            )
        return cleaned


class UnpublishForm(forms.Form):
    """The reason a reviewer gives for taking an article off the site; required."""

    reason = PlainTextFormField(
        multiline=True,
        label="Reason",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why this article must come off the public site, e.g. “Withdrawn from the market”.",
    )
