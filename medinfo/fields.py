"""A text field whose value is sanitised every time it is written to the database."""

from ckeditor.widgets import CKEditorWidget
from django.db import models

from .sanitize import sanitize_html


class SanitizedHTMLField(models.TextField):
    """Rich text edited with CKEditor and cleaned with nh3 before it is stored.

    Cleaning in ``get_prep_value`` covers every write path (forms, services,
    fixtures, bulk updates), so no unsanitised markup can reach a row.
    """

    plain_text = False  # sanitised as HTML, not normalised as plain text (common.text)

    def get_prep_value(self, value):
        return sanitize_html(super().get_prep_value(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"widget": CKEditorWidget, **kwargs})
