"""Readable differences between two revisions, for the review screen."""

import re

from django.utils.html import strip_tags

from .facts import facts_differences, line_differences

_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|tr|caption)>|<br\s*/?>", re.IGNORECASE)


def prose_lines(revision):
    """A revision's words as lines: title, lead, then one line per block of the body."""
    if revision is None:
        return []
    blocks = (strip_tags(block).strip() for block in _BLOCK_END.split(revision.body or ""))
    return [f"Title: {revision.title}", f"Lead: {revision.lead}", *filter(None, blocks)]


def revision_differences(old_revision, new_revision):
    """Prose and facts changes from ``old_revision`` (the live one, or None) to ``new_revision``."""
    return {
        "prose": line_differences(prose_lines(old_revision), prose_lines(new_revision)),
        "facts": facts_differences(old_revision.facts if old_revision else {}, new_revision.facts),
    }
