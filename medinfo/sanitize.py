"""Server-side HTML sanitising for every rich-text value editors send.

CKEditor runs in the browser, so its output is untrusted input: a browser
extension, a pasted document or a forged POST can put anything into it. nh3
(the Rust ammonia sanitiser) keeps only the allow-list below; the editor's
toolbar offers exactly the same elements (settings.CKEDITOR_CONFIGS).

Characters HTML and XML text may not hold go too, before and after nh3: every
character ``common.text.plain_text`` removes as invisible (one definition, in
``common.text``): C0 and C1 controls and DEL, noncharacters (U+FDD0–U+FDEF,
U+xFFFE/U+xFFFF), lone surrogates, private-use and unassigned code points, and
format characters (bidi overrides, zero-width spaces and joiners, soft hyphens),
which could hide or reorder words a pharmacist approved; the line-breaking
controls (vertical tab, form feed, U+0085 …) become a line break, which HTML
shows as a space. Tab, line feed, carriage return and every visible space stay.
Word breaks a soft hyphen offered are lost, and emoji joined with ZWJ fall apart,
as in plain text: acceptable for patient information that must hide nothing.
"""

import functools
import re

import nh3

from common.text import LINE_BREAKS
from common.text import _is_invisible as is_invisible

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "sup", "sub", "br", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": set(),  # nh3 would otherwise keep lang and title on every element
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Elements whose content is code or chrome, not prose: dropped with their text.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "svg",
    "math",
}


# Anything but tab, line feed, carriage return and printable ASCII is looked at closely.
_UNCOMMON = re.compile(r"[^\t\n\r -~]")


@functools.lru_cache(maxsize=4096)
def _markup_char(char: str) -> str:
    if char in LINE_BREAKS:
        return "\n"
    return "" if is_invisible(char) else char


def markup_characters(value: str) -> str:
    """``value`` without the characters HTML and XML text may not hold (module docstring)."""
    return _UNCOMMON.sub(lambda match: _markup_char(match.group()), value)


def sanitize_html(value: str | None) -> str:
    """Return ``value`` with everything outside the allow-list removed.

    Characters are cleaned before nh3 parses the markup and again after, as
    character references (``&#11;``) come out of nh3 as the characters they
    name; removing them can join what was apart (``java&#1;script:``), so the
    result goes through nh3 once more.
    """
    if not value:
        return ""
    cleaned = markup_characters(_clean(markup_characters(value)))
    return _clean(cleaned).strip()


def _clean(value: str) -> str:
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
