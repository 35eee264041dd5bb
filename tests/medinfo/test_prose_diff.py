"""The review screen's prose diff: words highlighted, and markup that changes meaning shown."""

import html
import itertools
import re

import pytest

from medinfo.diffs import highlighted, is_external
from tests.admin_forms import review_screen

pytestmark = pytest.mark.django_db

TABLE = "<table><tr><th>Dose</th><th>Amount</th></tr><tr><td>Start</td><td>{}</td></tr></table>"

# case: (live body, new body, lines the reviewer must see, lines they must not see)
CASES = {
    "link retargeted": (
        '<p>Read <a href="/drugs/milnacipran/">the guide</a> first.</p>',
        '<p>Read <a href="https://pharma.example/">the guide</a> first.</p>',
        [
            "- Link to /drugs/milnacipran/: the guide",
            "+ Link to https://pharma.example/: the guide",
            "New external links",
            "<code>https://pharma.example/</code>",
        ],
        [],
    ),
    "new external link": (
        "<p>You can buy pills here.</p>",
        '<p>You can buy <a href="https://example.com/buy-pills/">pills</a> here.</p>',
        [
            "+ Link to https://example.com/buy-pills/: pills",
            "New external links",
            "<code>https://example.com/buy-pills/</code>",
        ],
        [],
    ),
    "new link on this site": (
        "<p>See the hub.</p>",
        '<p>See the <a href="/drugs/milnacipran/">hub</a>.</p>',
        ["+ Link to /drugs/milnacipran/: hub"],
        ["New external links"],
    ),
    "headings demoted": (
        "<h2>Dosage</h2><p>Once a day.</p><h2>Warnings</h2><p>Rare.</p>",
        "<h3>Dosage</h3><p>Once a day.</p><h3>Warnings</h3><p>Rare.</p>",
        [
            "- Heading level 2: Dosage",
            "+ Heading level 3: Dosage",
            "- Heading level 2: Warnings",
            "+ Heading level 3: Warnings",
        ],
        ["New external links"],
    ),
    "list item added": (
        "<ul><li>Nausea</li><li>Headache</li></ul>",
        "<ul><li>Nausea</li><li>Headache</li><li>Dizziness</li></ul>",
        ["+ Bulleted list item: Dizziness", "<ins>Dizziness</ins>"],
        ["Bulleted list item: Nausea"],
    ),
    "list item removed": (
        "<ul><li>Nausea</li><li>Headache</li></ul>",
        "<ul><li>Headache</li></ul>",
        ["- Bulleted list item: Nausea", "<del>Nausea</del>"],
        [],
    ),
    "unordered list numbered": (
        "<ul><li>Take with food</li><li>Drink water</li></ul>",
        "<ol><li>Take with food</li><li>Drink water</li></ol>",
        [
            "- Bulleted list item: Take with food",
            "+ Numbered list item: Take with food",
            "+ Numbered list item: Drink water",
        ],
        [],
    ),
    "emphasis added": (
        "<p>Do not stop taking it suddenly.</p>",
        "<p>Do <strong>not</strong> stop taking it suddenly.</p>",
        ["+ Bold: not"],
        [],
    ),
    "table cell changed": (
        TABLE.format("50 mg"),
        TABLE.format("100 mg"),
        [
            "- Table cell (row 2, column 2): 50 mg",
            "+ Table cell (row 2, column 2): 100 mg",
            "<ins>100",
            "<del>50",
        ],
        ["Table header cell"],
    ),
    "plain word change": (
        "<p>Take it daily with water.</p><p>Kept paragraph.</p>",
        "<p>Take it weekly with water.</p><p>Kept paragraph.</p>",
        ["<ins>weekly</ins>", "<del>daily</del>"],
        ["Kept paragraph.", "Headings, lists, emphasis", "New external links"],
    ),
}


@pytest.mark.parametrize(("old", "new", "shown", "hidden"), CASES.values(), ids=CASES.keys())
def test_review_screen_shows_what_the_markup_change_means(old, new, shown, hidden):
    """Each change of links, headings, lists, emphasis, tables or words is visible to the reviewer.

    Failed on the old code: it compared the plain text of each block, so a
    retargeted or added link, a demoted heading, a renumbered list and added
    emphasis showed no change at all, and no external link was flagged.
    """
    text = html.unescape(review_screen(old, new))
    for line in shown:
        assert line in text
    for line in hidden:
        assert line not in text


def test_review_screen_shows_title_lead_and_search_description_changes():
    """Changed title, lead and search description are each shown with their words highlighted."""
    text = html.unescape(
        review_screen(
            "<p>Same.</p>",
            "<p>Same.</p>",
            title="What Is Milnacipran Really Used For?",
            lead="A new lead.",
            search_description="A new description.",
        )
    )
    assert "<h4>Title</h4>" in text and "Really</ins>" in text
    assert "<h4>Lead</h4>" in text and "<h4>Search description</h4>" in text


# (live body, new body): the body's own headings in every arrangement the editor allows.
HEADING_BODIES = {
    "first publication, h2 and h3": ("", "<h2>Dosage</h2><p>Once.</p><h3>Missed</h3><p>Skip.</p>"),
    "ends on an h2": ("<p>Once.</p>", "<p>Once.</p><h2>Warnings</h2><p>Rare.</p>"),
    "starts at h3": ("<p>Old.</p>", "<h3>Missed</h3><p>Skip it.</p><h4>Twice</h4><p>No.</p>"),
    "h4 only": ("<p>Old.</p>", "<h4>Note</h4><p>New.</p>"),
    "h2 to h4 skipping h3": ("", "<h2>Dosage</h2><p>Once.</p><h4>Note</h4><p>Rare.</p>"),
    "heading demoted": ("<h2>Dosage</h2><p>Once.</p>", "<h3>Dosage</h3><p>Once.</p>"),
}


def heading_levels(page):
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", page)]


@pytest.mark.parametrize(("old", "new"), HEADING_BODIES.values(), ids=HEADING_BODIES.keys())
def test_the_body_headings_in_the_diff_keep_the_screen_heading_order(old, new):
    """No heading on the review screen is more than one level below the one before it.

    Failed on the old code: the body's <h2> was shown as it is, under the screen's
    <h4> "Body: changed passages", and the screen's next <h4> came after it (axe's
    heading-order), e.g. for a first publication with headings.
    """
    page = review_screen(old, new)
    levels = heading_levels(page)
    jumps = [(first, then) for first, then in itertools.pairwise(levels) if then > first + 1]
    assert not jumps, levels
    below = page.split("Body: changed passages</h4>")[1]
    passages = "".join(re.findall(r'<div class="medinfo-words">(.*?)</div>', below, re.S))
    assert min(heading_levels(passages)) == 5  # nested under the screen's <h4>


def test_highlighted_diff_cannot_run_markup_from_a_body():
    """Whatever a body holds, the highlighted diff keeps only the allow-list plus ins and del."""
    hostile = (
        '<p>Hi<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)" onclick="alert(4)">x</a></p>'
    )
    output = highlighted("<p>Hi</p>", hostile)
    assert "<script" not in output and "<img" not in output
    assert "onerror" not in output and "onclick" not in output
    assert 'href="javascript' not in output


def test_review_screen_escapes_markup_in_text_fields():
    """Markup typed into the title reaches the review screen as text, not as elements."""
    page = review_screen("<p>Same.</p>", "<p>Same.</p>", title="Uses <b>bold</b>")
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


@pytest.mark.parametrize(
    ("href", "external"),
    [
        ("/drugs/milnacipran/", False),
        ("#sources", False),
        ("http://testserver/drugs/", False),
        ("https://example.com/buy-pills/", True),
        ("//example.com/", True),
        ("mailto:someone@example.com", True),
        # Browsers read these as other hosts; the old rule of the diff read them as paths.
        ("/\\example.com/", True),
        (" //example.com/", True),
        ("/\t/example.com/", True),
    ],
)
def test_external_links_are_those_leaving_the_site(href, external):
    """Only the site's own paths and host names count as internal."""
    assert is_external(href) is external
