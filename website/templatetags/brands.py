"""Filters that print a snapshot's brand names (see ``website.brands``)."""

from django import template

from website import brands

register = template.Library()

register.filter("current_brands", brands.current_brands)
register.filter("former_brands", brands.former_brands)
