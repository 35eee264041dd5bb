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

Links to other sites get ``rel="noopener noreferrer nofollow"``; links within the
site (paths, fragments, the site's own host names) get no ``rel``, so search
engines follow the site's own pages. An editor's own ``rel`` never survives.
"""

import functools
import html
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

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


EXTERNAL_LINK_REL = "noopener noreferrer nofollow"
# A link start tag as nh3 writes it, with the rel it gives every link last; values are
# in double quotes, with '"', '<' and '>' escaped. A tag this does not match keeps the rel.
_LINK_WITH_REL = re.compile(r'<a((?:\s[\w:-]+="[^"]*")*) rel="' + EXTERNAL_LINK_REL + '">')
_HREF = re.compile(r'\shref="([^"]*)"')
# Browsers drop these from anywhere in an address (WHATWG URL), so "/\t/host" is "//host",
# and read a backslash as a slash.
_DROPPED_FROM_URLS = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": "/"})
_C0_AND_SPACE = "".join(map(chr, range(0x21)))

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
    return _internal_links_followed(_clean(cleaned)).strip()


def _clean(value: str) -> str:
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=EXTERNAL_LINK_REL,
        strip_comments=True,
    )


def own_hosts() -> set[str]:
    """The host names this site answers to (SITE_URL and ALLOWED_HOSTS)."""
    hosts = {urlsplit(settings.SITE_URL).hostname or ""}
    hosts |= {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host != "*"}
    return hosts - {""}


def is_external_link(href: str) -> bool:
    """Whether a link leaves the site: anything but its paths and its own host names.

    Read as a browser reads it: "/\\host", " //host" and "/<tab>/host" name another host.
    """
    address = href.translate(_DROPPED_FROM_URLS).strip(_C0_AND_SPACE)
    try:
        parts = urlsplit(address)
        host = (parts.hostname or "").lower()
    except ValueError:  # e.g. an unbalanced "[" in the host: nobody can say where it goes
        return True
    if not parts.scheme and not parts.netloc:
        return False  # a path, fragment or query on this site, e.g. /drugs/milnacipran/
    if parts.scheme not in ("", "http", "https"):
        return True  # mailto: and the like
    return not any(host == own or host.endswith(f".{own}") for own in own_hosts())


def _internal_links_followed(markup: str) -> str:
    """``markup`` with the rel nh3 gave every link removed again from links within the site."""

    def start_tag(match: re.Match[str]) -> str:
        href = _HREF.search(match.group(1))
        if href is None or is_external_link(html.unescape(href.group(1))):
            return match.group(0)
        return f"<a{match.group(1)}>"

    return _LINK_WITH_REL.sub(start_tag, markup)
