"""Every element and attribute the sanitiser allows takes part in the reviewer's markup list.

Failed on the old code: a rowspan pushing a cell into the next column, a colspan
moving the cells after it, a link's title (“safe” → “take double”), a removed
line break, a paragraph split, a row moved into the table head and a table scope
changed without any line in “Headings, lists, emphasis, tables and links”.
"""

import html

import pytest

from medinfo.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.admin_forms import review_screen

pytestmark = pytest.mark.django_db

T = "<table><tbody>{}</tbody></table>"
TWO_ROWS = "<tr><{0}>Adults</{0}><td>50 mg</td></tr><tr><td>Children</td><td>25 mg</td></tr>"

# tag or tag[attribute]: (live body, new body, lines the reviewer's markup list must show)
CASES = {
    "p": (
        "<p>Take one tablet. Then rest.</p>",
        "<p>Take one tablet.</p><p>Then rest.</p>",
        ["+ Paragraph break between “…Take one tablet.” and “Then rest.…”"],
    ),
    "br": (
        "<p>Take one tablet<br>twice a day.</p>",
        "<p>Take one tablet twice a day.</p>",
        ["- Line break between “…Take one tablet” and “twice a day.…”"],
    ),
    "h2": ("<p>Warnings</p>", "<h2>Warnings</h2>", ["+ Heading level 2: Warnings"]),
    "h3": ("<h2>Warnings</h2>", "<h3>Warnings</h3>", ["+ Heading level 3: Warnings"]),
    "h4": ("<h3>Warnings</h3>", "<h4>Warnings</h4>", ["+ Heading level 4: Warnings"]),
    "ul": (
        "<ol><li>Nausea</li></ol>",
        "<ul><li>Nausea</li></ul>",
        ["+ Bulleted list item: Nausea"],
    ),
    "ol": (
        "<ul><li>Nausea</li></ul>",
        "<ol><li>Nausea</li></ol>",
        ["+ Numbered list item: Nausea"],
    ),
    "li": (
        "<ul><li>Nausea</li></ul>",
        "<ul><li>Nausea</li><li>Rash</li></ul>",
        ["+ Bulleted list item: Rash"],
    ),
    "strong": ("<p>Do not stop.</p>", "<p>Do <strong>not</strong> stop.</p>", ["+ Bold: not"]),
    "em": ("<p>Do not stop.</p>", "<p>Do <em>not</em> stop.</p>", ["+ Italic: not"]),
    "a": (
        "<p>See the guide.</p>",
        '<p>See the <a href="/drugs/">guide</a>.</p>',
        ["+ Link to /drugs/: guide"],
    ),
    "blockquote": (
        "<p>Call a doctor.</p>",
        "<blockquote><p>Call a doctor.</p></blockquote>",
        ["+ Quotation: Call a doctor."],
    ),
    "sup": ("<p>10 2 units</p>", "<p>10<sup>2</sup> units</p>", ["+ Superscript: 2"]),
    "sub": ("<p>H2O</p>", "<p>H<sub>2</sub>O</p>", ["+ Subscript: 2"]),
    "table": (
        "<p>Dose 50 mg</p>",
        T.format("<tr><td>Dose</td><td>50 mg</td></tr>"),
        ["+ Table cell (row 1, column 2): 50 mg"],
    ),
    "caption": (
        T.format("<tr><td>50 mg</td></tr>"),
        "<table><caption>Adult dose</caption><tbody><tr><td>50 mg</td></tr></tbody></table>",
        ["+ Table caption: Adult dose"],
    ),
    "thead": (
        T.format("<tr><td>Dose</td></tr><tr><td>50 mg</td></tr>"),
        "<table><thead><tr><td>Dose</td></tr></thead><tbody><tr><td>50 mg</td></tr></tbody></table>",
        ["+ Table cell (row 1 in the table head, column 1): Dose"],
    ),
    "tbody": (
        "<table><thead><tr><td>Dose</td></tr></thead><tbody><tr><td>50 mg</td></tr></tbody></table>",
        T.format("<tr><td>Dose</td></tr><tr><td>50 mg</td></tr>"),
        ["- Table cell (row 1 in the table head, column 1): Dose"],
    ),
    "tfoot": (
        T.format("<tr><td>50 mg</td></tr><tr><td>Total 100 mg</td></tr>"),
        "<table><tbody><tr><td>50 mg</td></tr></tbody>"
        "<tfoot><tr><td>Total 100 mg</td></tr></tfoot></table>",
        ["+ Table cell (row 2 in the table foot, column 1): Total 100 mg"],
    ),
    "tr": (
        T.format("<tr><td>Adults</td><td>50 mg</td></tr>"),
        T.format("<tr><td>Adults</td></tr><tr><td>50 mg</td></tr>"),
        ["- Table cell (row 1, column 2): 50 mg", "+ Table cell (row 2, column 1): 50 mg"],
    ),
    "th": (
        T.format("<tr><td>Dose</td></tr>"),
        T.format("<tr><th>Dose</th></tr>"),
        ["+ Table header cell (row 1, column 1): Dose"],
    ),
    "td": (
        T.format("<tr><th>Dose</th></tr>"),
        T.format("<tr><td>Dose</td></tr>"),
        ["+ Table cell (row 1, column 1): Dose"],
    ),
    "a[href]": (
        '<p><a href="/drugs/a/">guide</a></p>',
        '<p><a href="/drugs/b/">guide</a></p>',
        ["- Link to /drugs/a/: guide", "+ Link to /drugs/b/: guide"],
    ),
    "a[title]": (
        '<p><a href="/drugs/" title="safe">guide</a></p>',
        '<p><a href="/drugs/" title="take double">guide</a></p>',
        ["+ Link to /drugs/ (title “take double”): guide"],
    ),
    "th[scope]": (
        T.format('<tr><th scope="col">Dose</th></tr>'),
        T.format('<tr><th scope="row">Dose</th></tr>'),
        ["+ Table header cell (row 1, column 1, scope “row”): Dose"],
    ),
    "th[colspan]": (
        T.format("<tr><th>Dose</th><th>Note</th></tr>"),
        T.format('<tr><th colspan="2">Dose</th><th>Note</th></tr>'),
        [
            "+ Table header cell (row 1, column 1, 2 columns wide): Dose",
            "- Table header cell (row 1, column 2): Note",
            "+ Table header cell (row 1, column 3): Note",
        ],
    ),
    "th[rowspan]": (
        T.format(TWO_ROWS.format("th")),
        T.format(TWO_ROWS.format("th").replace("<th>", '<th rowspan="2">')),
        [
            "+ Table header cell (row 1, column 1, 2 rows high): Adults",
            "- Table cell (row 2, column 1): Children",
            "+ Table cell (row 2, column 2): Children",
            "+ Table cell (row 2, column 3): 25 mg",
        ],
    ),
    "td[colspan]": (
        T.format("<tr><td>50 mg</td><td>daily</td></tr>"),
        T.format('<tr><td colspan="2">50 mg</td><td>daily</td></tr>'),
        [
            "+ Table cell (row 1, column 1, 2 columns wide): 50 mg",
            "- Table cell (row 1, column 2): daily",
            "+ Table cell (row 1, column 3): daily",
        ],
    ),
    "td[rowspan]": (
        T.format(TWO_ROWS.format("td")),
        T.format(TWO_ROWS.format("td").replace("<td>Adults", '<td rowspan="2">Adults')),
        [
            "+ Table cell (row 1, column 1, 2 rows high): Adults",
            "- Table cell (row 2, column 1): Children",
            "+ Table cell (row 2, column 2): Children",
        ],
    ),
}


def test_every_allowed_tag_and_attribute_has_a_case():
    """A newly allowed element or attribute needs a case here before it can be reviewed."""
    allowed = set(ALLOWED_TAGS) | {
        f"{tag}[{name}]" for tag, names in ALLOWED_ATTRIBUTES.items() for name in names
    }
    assert allowed <= set(CASES), sorted(allowed - set(CASES))


@pytest.mark.parametrize(("old", "new", "shown"), CASES.values(), ids=CASES.keys())
def test_changing_allowed_markup_shows_in_the_review_screen(old, new, shown):
    """Changing any allowed element or attribute lists it among the markup changes."""
    text = html.unescape(review_screen(old, new))
    assert "Headings, lists, emphasis, tables and links" in text
    for line in shown:
        assert line in text


def test_a_word_change_lists_no_break():
    """Changing words next to a line break lists the words, not the break."""
    text = html.unescape(
        review_screen(
            "<p>Take one tablet<br>twice a day.</p>", "<p>Take two tablets<br>twice a day.</p>"
        )
    )
    assert "Line break" not in text
    assert "two tablets</ins>" in text
