"""The ``{% ad_slot %}`` tag that public templates place where an ad may go.

Placements, campaigns and the filler script arrive with the ads issue; until
then a slot renders nothing, so pages carry no empty “Advertisement” boxes.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def ad_slot(context, placement_code):
    return ""
