"""Hostile input shared by the tests: markup that must never run, text that must never break a page.

``HOSTILE`` is rich text an attacker might post; ``harm_in`` lists what in sanitised
HTML could still run or load code. ``PAYLOADS`` is plain text with every awkward
character class, for fields that must print it as text.
"""

from html.parser import HTMLParser

import pytest

# Stated here on purpose rather than imported: widening medinfo.sanitize must fail these tests.
ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "sup", "sub", "br", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
# nh3 also keeps its harmless generic attributes, lang and title, on every element.
GENERIC_ATTRIBUTES = {"lang", "title"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "rel"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
FORBIDDEN_TAGS = {
    "script", "iframe", "form", "svg", "math", "object", "embed",
    "style", "link", "meta", "base", "img",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "xlink:href", "action", "formaction", "srcset", "data", "poster",
    "background", "cite", "lowsrc", "dynsrc",
}  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
RAW_TEXT_TAGS = {"script", "style"}


def normalised_url(value):
    """A URL as a browser reads its scheme: no whitespace or control characters, lowercased.

    html.parser has already decoded character references in attribute values.
    """
    return "".join(ch for ch in value if ord(ch) > 0x20 and not 0x7F <= ord(ch) <= 0x9F).lower()


class HarmCollector(HTMLParser):
    """Parses sanitised HTML and lists everything in it that could run or load code."""

    forbidden_tags = FORBIDDEN_TAGS
    enforce_allow_list = True

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.raw_text_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.forbidden_tags:
            self.problems.append(f"forbidden element <{tag}>")
        if self.enforce_allow_list and tag not in ALLOWED_TAGS:
            self.problems.append(f"element outside the allow-list <{tag}>")
        if tag in RAW_TEXT_TAGS:
            self.raw_text_depth += 1
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in RAW_TEXT_TAGS:
            self.raw_text_depth -= 1

    def handle_endtag(self, tag):
        if tag in RAW_TEXT_TAGS and self.raw_text_depth:
            self.raw_text_depth -= 1

    def handle_data(self, data):
        if self.raw_text_depth and "alert(" in data:
            self.problems.append(f"script or style text {data!r}")

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")

    def check_attribute(self, tag, name, value):
        if name.startswith("on"):
            self.problems.append(f"event handler {name} on <{tag}>")
        if name == "style":
            self.problems.append(f"style attribute on <{tag}>")
        allowed = GENERIC_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, set())
        if self.enforce_allow_list and name not in allowed:
            self.problems.append(f"attribute {name} outside the allow-list on <{tag}>")
        if name in URL_ATTRIBUTES and normalised_url(value).startswith(DANGEROUS_SCHEMES):
            self.problems.append(f"dangerous URL {name}={value!r} on <{tag}>")
        if "alert(" in value:
            self.problems.append(f"alert( in attribute {name} on <{tag}>")


class PageHarmCollector(HarmCollector):
    """The same checks for a whole page, whose chrome is not limited to the body allow-list."""

    enforce_allow_list = False


def harm_in(html, collector_class=HarmCollector):
    """Every harmful thing html.parser finds in ``html``; empty when it is safe."""
    collector = collector_class()
    collector.feed(html)
    collector.close()
    return collector.problems


HOSTILE = [
    # Script elements.
    pytest.param("<script>alert(1)</script>", id="script-plain"),
    pytest.param("<SCRIPT>alert(1)</SCRIPT>", id="script-uppercase"),
    pytest.param('<ScRiPt src="//evil.example/x.js"></sCrIpT>', id="script-mixed-case-src"),
    pytest.param("<p><script><script>alert(1)</script></script></p>", id="script-nested"),
    pytest.param("<scr<script>ipt>alert(1)</scr</script>ipt>", id="script-split-broken"),
    pytest.param("<<script>script>alert(1)<</script>/script>", id="script-double-angle"),
    # Event handlers.
    pytest.param("<img src=x onerror=alert(1)>", id="img-onerror"),
    pytest.param("<img/src/onerror=alert(1)>", id="img-onerror-slashes"),
    pytest.param('<p onclick="alert(1)">Dose</p>', id="p-onclick"),
    pytest.param('<a href="/x/" onmouseover="alert(1)">x</a>', id="a-onmouseover"),
    pytest.param("<input onfocus=alert(1) autofocus>", id="input-onfocus-autofocus"),
    pytest.param("<details open ontoggle=alert(1)>x</details>", id="details-ontoggle"),
    pytest.param("<body onload=alert(1)><p>x</p></body>", id="body-onload"),
    # javascript: and friends in links.
    pytest.param('<a href="javascript:alert(1)">x</a>', id="js-url-plain"),
    pytest.param('<a href="JaVaScRiPt:alert(1)">x</a>', id="js-url-mixed-case"),
    pytest.param('<a href="&#106;avascript:alert(1)">x</a>', id="js-url-decimal-entity"),
    pytest.param(
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
        id="js-url-hex-entities",
    ),
    pytest.param('<a href="javascript&colon;alert(1)">x</a>', id="js-url-named-entity-colon"),
    pytest.param('<a href="java\tscript:alert(1)">x</a>', id="js-url-tab"),
    pytest.param('<a href="java\nscript:alert(1)">x</a>', id="js-url-newline"),
    pytest.param('<a href="jav&#x09;ascript:alert(1)">x</a>', id="js-url-encoded-tab"),
    pytest.param('<a href="   javascript:alert(1)">x</a>', id="js-url-leading-spaces"),
    pytest.param('<a href="\x01javascript:alert(1)">x</a>', id="js-url-leading-control"),
    pytest.param(
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        id="data-url-html-base64",
    ),
    pytest.param('<a href="DATA:text/html,<script>alert(1)</script>">x</a>', id="data-url-upper"),
    pytest.param('<a href="vbscript:msgbox(1)">x</a>', id="vbscript-url"),
    # SVG and MathML.
    pytest.param("<svg onload=alert(1)>", id="svg-onload"),
    pytest.param("<svg><script>alert(1)</script></svg>", id="svg-script"),
    pytest.param(
        '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
        id="svg-xlink-href",
    ),
    pytest.param(
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/>'
        "<text>x</text></a></svg>",
        id="svg-animate",
    ),
    pytest.param(
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        id="mathml-mglyph-style",
    ),
    pytest.param('<math><a xlink:href="javascript:alert(1)">x</a></math>', id="mathml-xlink-href"),
    # CSS.
    pytest.param("<style>body{background:url(javascript:alert(1))}</style>", id="style-element"),
    pytest.param('<p style="width:expression(alert(1))">x</p>', id="style-expression"),
    pytest.param('<p style="background:url(javascript:alert(1))">x</p>', id="style-url-js"),
    # Frames, forms, plugins and document-level elements.
    pytest.param('<iframe src="javascript:alert(1)"></iframe>', id="iframe-src"),
    pytest.param('<iframe srcdoc="<script>alert(1)</script>"></iframe>', id="iframe-srcdoc"),
    pytest.param(
        '<form action="javascript:alert(1)"><input type="submit" value="Go"></form>',
        id="form-action",
    ),
    pytest.param('<button formaction="javascript:alert(1)">Go</button>', id="button-formaction"),
    pytest.param(
        '<form><input type="image" src="x" formaction="javascript:alert(1)"></form>',
        id="input-formaction",
    ),
    pytest.param('<object data="javascript:alert(1)"></object>', id="object-data"),
    pytest.param('<embed src="javascript:alert(1)">', id="embed-src"),
    pytest.param(
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', id="meta-refresh"
    ),
    pytest.param('<base href="javascript:alert(1)//">', id="base-href"),
    pytest.param(
        '<link rel="import" href="data:text/html,<script>alert(1)</script>">', id="link-import"
    ),
    pytest.param(
        '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>', id="table-background"
    ),  # fmt: skip
    # Comments, CDATA and broken markup.
    pytest.param("<!--<img src=x onerror=alert(1)>-->", id="comment-hiding-img"),
    pytest.param(
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->", id="conditional-comment"
    ),
    pytest.param("<![CDATA[<img src=x onerror=alert(1)>]]>", id="cdata"),
    pytest.param("<p>Take with food<img src=x onerror=alert(1)", id="unclosed-img"),
    pytest.param('<a href="javascript:alert(1)', id="unclosed-href"),
    pytest.param('<a href="x" " onmouseover="alert(1)">x</a>', id="attribute-quote-break"),
    pytest.param('<p title="a"onclick="alert(1)">x</p>', id="attribute-no-space"),
    # Inert containers that browsers or later parsers can bring back to life.
    pytest.param("<template><img src=x onerror=alert(1)></template>", id="template"),
    pytest.param(
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        id="noscript-mutation",
    ),
    pytest.param("<title><img src=x onerror=alert(1)></title>", id="title-rcdata"),
    pytest.param("<textarea><img src=x onerror=alert(1)></textarea>", id="textarea-rcdata"),
    # Image sources.
    pytest.param('<img srcset="javascript:alert(1) 1x, x 2x">', id="img-srcset"),
    pytest.param(
        '<picture><source srcset="javascript:alert(1)"><img src="x"></picture>',
        id="picture-source-srcset",
    ),
]


# Plain text with every awkward kind of character, for fields printed as text.
PAYLOADS = {
    "c0-controls": "".join(map(chr, range(1, 32))) + "\x7f",
    "vertical-tab": "Savella\x0bXR",
    "nul": "a\x00b",
    "zero-width": "\u200b\u200c\u200d\u2060\ufeff",
    "bidi-override": "\u202egnp.exe\u202c \u2066x\u2069 \u200f",
    "combining": "Z" + "\u0351\u0300\u0301\u0316" * 10,
    "lone-surrogate": "\ud800x\udfff",
    "emoji": "💊 👩‍⚕️ 🏳️‍🌈",
    "long": "x" * 300,
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "closers": "]]></script><!-- -->]]>",
    "quotes": "\"'`&amp;&lt;\\",
    "template": "{{ 7|add:1 }}{% now 'Y' %}",
}
# Neither SQLite nor PostgreSQL stores these as text, so old rows cannot hold them.
NOT_STORABLE = {"nul", "lone-surrogate"}
