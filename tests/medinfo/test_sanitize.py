"""Rich text is sanitised: hostile markup never survives, ordinary formatting always does."""

import pytest

from medinfo.models import ArticleRevision
from medinfo.sanitize import sanitize_html
from tests.factories import draft_article, published_article
from tests.hostile import (
    HOSTILE,
    PageHarmCollector,
    harm_in,
)

SAFE_REL = "noopener noreferrer nofollow"


def stored_body(body):
    """Save ``body`` on a draft through the workflow and read the stored value back."""
    article = draft_article(body=body)
    return (
        ArticleRevision.objects.filter(pk=article.latest_revision_id)
        .values_list("body", flat=True)
        .get()
    )


@pytest.mark.parametrize("hostile", HOSTILE)
def test_sanitize_html_leaves_nothing_harmful(hostile):
    """sanitize_html removes every element, attribute and URL that could run code."""
    assert harm_in(sanitize_html(hostile)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE)
def test_stored_body_leaves_nothing_harmful(hostile):
    """A draft body saved through the model field is stored without anything harmful."""
    assert harm_in(stored_body(hostile)) == []


def test_collector_catches_what_the_sanitiser_must_remove():
    """The checker itself flags raw hostile markup, so a passing run means something."""
    for param in HOSTILE:
        (hostile,) = param.values
        if param.id in {"cdata", "unclosed-href", "unclosed-img"}:
            continue  # html.parser does not report these; the sanitiser output is still checked.
        assert harm_in(hostile), param.id


FORMATTING = [
    pytest.param("<p>First paragraph.</p><p>Second paragraph.</p>", id="paragraphs"),
    pytest.param(
        "<h2>Uses</h2><p>a</p><h3>Fibromyalgia</h3><p>b</p><h4>In adults</h4><p>c</p>",
        id="headings",
    ),
    pytest.param(
        "<ol><li>Take one tablet.</li><li>Drink water.</li></ol>"
        "<ul><li>Nausea</li><li>Headache</li></ul>",
        id="lists",
    ),
    pytest.param(
        "<p><strong>Do not</strong> stop taking it <em>suddenly</em>.</p>", id="strong-em"
    ),
    pytest.param(
        "<blockquote><p>Ask your pharmacist before you stop.</p></blockquote>", id="blockquote"
    ),
    pytest.param("<p>CO<sub>2</sub> and 10<sup>6</sup> cells<sup>1</sup></p>", id="sup-sub"),
    pytest.param("<p>Morning dose<br>Evening dose</p>", id="br"),
    pytest.param(
        "<table><caption>Usual doses</caption>"
        '<thead><tr><th colspan="2" scope="col">Dose</th></tr></thead>'
        "<tbody><tr><td>Day 1</td><td>12.5 mg</td></tr>"
        '<tr><td rowspan="2">Day 2 onwards</td><td>25 mg</td></tr><tr><td>50 mg</td></tr></tbody>'
        "<tfoot><tr><td>Total</td><td>varies</td></tr></tfoot></table>",
        id="table-colspan",
    ),
    pytest.param(
        "<p>Fish &amp; chips: 5 mg &lt; 10 mg &gt; 2 mg, “quoted”, café.</p>", id="text-entities"
    ),
]


@pytest.mark.parametrize("html", FORMATTING)
def test_sanitize_html_keeps_ordinary_formatting_exactly(html):
    """The formatting the editor's toolbar offers comes out of sanitize_html unchanged."""
    assert sanitize_html(html) == html


@pytest.mark.django_db
@pytest.mark.parametrize("html", FORMATTING)
def test_stored_body_keeps_ordinary_formatting_exactly(html):
    """The formatting the editor's toolbar offers is stored unchanged."""
    assert stored_body(html) == html


# (address, the rel it gains): links to other sites gain the safe rel; links within the
# site gain none, so search engines follow them (issue #12 item 7).
LINKS = [
    pytest.param("https://www.fda.gov/drugs/", f' rel="{SAFE_REL}"', id="https"),
    pytest.param(
        "http://example.org/leaflet?page=2&amp;lang=en", f' rel="{SAFE_REL}"', id="http-with-query"
    ),
    pytest.param("mailto:pharmacist@medinfo.example", f' rel="{SAFE_REL}"', id="mailto"),
    pytest.param("/conditions/fibromyalgia/", "", id="relative"),
    pytest.param("#dosage", "", id="fragment"),
]


@pytest.mark.parametrize(("href", "rel"), LINKS)
def test_sanitize_html_keeps_links_and_adds_safe_rel(href, rel):
    """Links keep their address and title; external ones gain rel="noopener noreferrer nofollow"."""
    html = f'<p>See <a href="{href}" title="More">the leaflet</a>.</p>'
    expected = f'<p>See <a href="{href}" title="More"{rel}>the leaflet</a>.</p>'
    assert sanitize_html(html) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("href", "rel"), LINKS)
def test_stored_body_keeps_links_and_adds_safe_rel(href, rel):
    """Stored links keep their address; external ones gain rel="noopener noreferrer nofollow"."""
    html = f'<p><a href="{href}">the leaflet</a></p>'
    assert stored_body(html) == f'<p><a href="{href}"{rel}>the leaflet</a></p>'


def test_editor_supplied_rel_and_target_are_replaced():
    """A pasted rel="opener" or target is replaced by the safe rel, so no tab-napping."""
    html = '<p><a href="https://example.org/" rel="opener" target="_blank">x</a></p>'
    assert sanitize_html(html) == f'<p><a href="https://example.org/" rel="{SAFE_REL}">x</a></p>'


def test_empty_body_stays_empty():
    """An empty or missing body comes out as an empty string, never the text "None"."""
    assert (sanitize_html(""), sanitize_html(None)) == ("", "")


def article_page(client, body):
    """The public page of a freshly published article with ``body``."""
    article = published_article(body=body)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_public_article_page_shows_no_hostile_markup(client):
    """A published article whose body was full of attacks shows only the harmless prose."""
    benign_page = article_page(client, "<p>Take with food.</p>")
    # Unclosed markup swallows whatever follows it, so those payloads go last.
    payloads = sorted(HOSTILE, key=lambda param: param.id.startswith("unclosed"))
    hostile_page = article_page(
        client, "<p>Take with food.</p>" + "".join(param.values[0] for param in payloads)
    )
    # Nothing the sanitiser allows can contain a <div>, so the first </div> closes the prose.
    prose = hostile_page.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert prose.startswith("<p>Take with food.</p>")
    assert harm_in(prose) == []
    # The page's own chrome (search form, JSON-LD, <meta>) is the same with or without attacks.
    assert harm_in(hostile_page, PageHarmCollector) == harm_in(benign_page, PageHarmCollector)
