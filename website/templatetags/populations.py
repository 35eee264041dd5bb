"""Filters that word a snapshot's ages and evidence (see ``website.populations``)."""

from django import template

from website import populations

register = template.Library()

register.filter("population", populations.population)
register.filter("evidence_in_plain_words", populations.evidence_in_plain_words)
register.filter("approval_sentence", populations.approval_sentence)
