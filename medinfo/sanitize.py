"""Server-side HTML sanitising for every rich-text value editors send.

CKEditor runs in the browser, so its output is untrusted input: a browser
extension, a pasted document or a forged POST can put anything into it. nh3
(the Rust ammonia sanitiser) keeps only the allow-list below; the editor's
toolbar offers exactly the same elements (settings.CKEDITOR_CONFIGS).
"""

import nh3

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


def sanitize_html(value):
    """Return ``value`` with everything outside the allow-list removed."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
