"""Template tags for the admin: the review desk on the index page."""

from django import template

from ..desk import SHOWN, desk_for

register = template.Library()


@register.simple_tag(takes_context=True)
def review_desk(context):
    """The signed-in person's lists (``medinfo.desk``); empty for those who write no articles."""
    return {"lists": desk_for(context["request"].user), "shown": SHOWN}
