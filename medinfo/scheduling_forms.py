"""Forms for scheduling: the go-live time of an approval, an expiry, a cancelled go-live.

Times are typed in the browser's date-and-time picker and read in the site's time
zone (``TIME_ZONE``). A time that has passed, a malformed one, one that does not
exist in that zone (a daylight-saving gap) or one too far ahead is a form error,
never a server error.
"""

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone

from common.text import PlainTextFormField

from .scheduling import EXPIRY_MAX_AHEAD, GO_LIVE_MAX_AHEAD
from .workflow import COMMENT_MAX_LENGTH


def _zone_note() -> str:
    return f"Times are in {timezone.get_current_timezone_name()}."


class FutureDateTimeField(forms.DateTimeField):
    """A date and time from the browser's picker that lies ahead, by at most ``max_ahead``."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *, max_ahead: timedelta, past_message: str, **kwargs):
        self.max_ahead, self.past_message = max_ahead, past_message
        super().__init__(**kwargs)

    def validate(self, value: datetime | None) -> None:
        super().validate(value)
        if value is None:
            return
        now = timezone.now()
        if value <= now:
            raise forms.ValidationError(self.past_message, code="past")
        if value > now + self.max_ahead:
            raise forms.ValidationError(
                f"Choose a time at most {self.max_ahead.days} days ahead.", code="too_far"
            )


def go_live_field() -> FutureDateTimeField:
    """The decision form's optional go-live time; empty means “now”."""
    return FutureDateTimeField(
        label="Go live at",
        required=False,
        max_ahead=GO_LIVE_MAX_AHEAD,
        past_message="That time has passed. Leave it empty to publish now, or choose a later time.",
        help_text=f"Leave empty to publish as soon as you approve. {_zone_note()}",
    )


class ExpiryForm(forms.Form):
    """When a published article comes off the site by itself, and why; both required."""

    expires_at = FutureDateTimeField(
        label="Expires at",
        max_ahead=EXPIRY_MAX_AHEAD,
        past_message="That time has passed. Choose a time in the future.",
        help_text=f"The article comes off the public site at this time. {_zone_note()}",
    )
    reason = PlainTextFormField(
        multiline=True,
        label="Reason",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the review log, e.g. “The shortage notice no longer applies”.",
    )


class CancelGoLiveForm(forms.Form):
    """Why a scheduled go-live is withdrawn; required, kept in the review log."""

    reason = PlainTextFormField(
        multiline=True,
        label="Reason",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="e.g. “The label changes again next week; we will revise first”.",
    )
