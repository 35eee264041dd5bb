"""The article page's numbered "Sources" and JSON-LD ``citation`` (issue #12 item 4).

Both come from the live revision's references only, so a source reaches the public
exactly as a pharmacist approved it. Failed on the code before references existed
(f3790b9): there was no field to pass, and no "Sources" section or citation.
"""

import pytest
from django.test import Client

from medinfo import references, workflow
from medinfo.preview import preview_url
from tests.factories import GUIDELINE, LABEL, SETID, editor_user, reviewer_user
from tests.public_site import (
    committed,
    graph_nodes,
    json_ld,
    parse,
    publish_milnacipran_uses,
    republish,
)

pytestmark = pytest.mark.django_db

URL = "/drugs/milnacipran/uses/"
LABEL_ON_DAILYMED = f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={SETID}"


def sources(response):
    """(link text, address, whole line) of each listed source, in order; None without the section."""
    page = parse(response)
    sections = page.find_all("section", class_="sources")
    if not sections:
        return None
    assert sections[0].find("h2").text == "Sources"
    items = sections[0].find("ol").find_all("li")
    return [(item.find("a").text, item.find("a").attrs["href"], item.text) for item in items]


def citations(response):
    (document,) = json_ld(response)
    (page,) = graph_nodes(document, "MedicalWebPage")
    return page.get("citation")


def test_sources_are_numbered_in_the_approved_order(client):
    """Each reference is a numbered item: its title links to its address, then publisher and date."""
    publish_milnacipran_uses(references=[LABEL, GUIDELINE])
    listed = sources(client.get(URL))
    assert listed == [
        (
            LABEL["title"],
            LABEL["url"],
            f"{LABEL['title']}. {LABEL['publisher']}. Accessed January 15, 2026.",
        ),
        (
            GUIDELINE["title"],
            GUIDELINE["url"],
            f"{GUIDELINE['title']}. {GUIDELINE['publisher']}. Accessed February 1, 2026.",
        ),
    ]


def test_sources_close_the_article_before_the_reviewer_line(client):
    """ "Sources" is the article's last section: after the prose, before "Last reviewed by"."""
    publish_milnacipran_uses(references=[LABEL])
    article = parse(client.get(URL)).find("article")
    order = [
        element.attrs.get("class")
        for element in article.iter()
        if element.attrs.get("class") in ("prose", "sources", "reviewed-by")
    ]
    assert order == ["prose", "sources", "reviewed-by"]


def test_a_dailymed_set_id_adds_a_link_to_the_label(client):
    """A source whose address is not the DailyMed label itself gets a link to that label."""
    guideline_with_label = {**GUIDELINE, "dailymed_setid": SETID}
    publish_milnacipran_uses(references=[guideline_with_label])
    page = parse(client.get(URL))
    links = [a.attrs["href"] for a in page.find("section", class_="sources").find_all("a")]
    assert links == [GUIDELINE["url"], LABEL_ON_DAILYMED]


def test_an_article_without_references_has_no_sources_section(client, monkeypatch):
    """No empty heading: the section appears only when the revision cites something.

    Since every submitted revision must cite a source, an uncited live revision is
    one approved before that rule: the rule is lifted here to make one.
    """
    monkeypatch.setattr(references, "missing_sources", lambda **kwargs: "")
    publish_milnacipran_uses(references=[])
    response = client.get(URL)
    assert sources(response) is None
    assert citations(response) is None


def test_json_ld_cites_each_source(client):
    """The MedicalWebPage's ``citation`` lists each source as a CreativeWork, in order."""
    publish_milnacipran_uses(references=[LABEL, GUIDELINE])
    assert citations(client.get(URL)) == [
        {
            "@type": "CreativeWork",
            "name": LABEL["title"],
            "url": LABEL["url"],
            "publisher": {"@type": "Organization", "name": LABEL["publisher"]},
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": "DailyMed set id",
                "value": SETID,
            },
        },
        {
            "@type": "CreativeWork",
            "name": GUIDELINE["title"],
            "url": GUIDELINE["url"],
            "publisher": {"@type": "Organization", "name": GUIDELINE["publisher"]},
        },
    ]


def test_public_page_shows_only_approved_sources(client):
    """A draft's new sources stay off the page (and its JSON-LD) until a pharmacist approves them."""
    article = publish_milnacipran_uses(references=[LABEL])
    editor = editor_user()
    draft = workflow.start_revision(article=article, author=editor)
    workflow.save_draft(
        revision=draft, editor=editor, expected_version=draft.version,
        title=draft.title, lead=draft.lead, body=draft.body, references=[GUIDELINE],
    )  # fmt: skip
    response = client.get(URL)
    assert [href for _, href, _ in sources(response)] == [LABEL["url"]]
    assert [citation["url"] for citation in citations(response)] == [LABEL["url"]]
    staff = Client()
    staff.force_login(editor)
    preview = staff.get(preview_url(draft))
    assert [href for _, href, _ in sources(preview)] == [GUIDELINE["url"]]
    with committed():
        submitted = workflow.submit_revision(revision=draft, submitter=editor)
        workflow.approve_revision(revision=submitted, reviewer_user=reviewer_user())
    assert [href for _, href, _ in sources(client.get(URL))] == [GUIDELINE["url"]]


def test_source_text_is_printed_as_text(client):
    """Markup in a source's title or publisher is shown as text, in the list and in JSON-LD."""
    hostile = {**GUIDELINE, "title": "<script>alert(1)</script>", "publisher": "</script><b>x"}
    article = publish_milnacipran_uses(references=[LABEL])
    republish(article, references=[hostile])
    response = client.get(URL)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert sources(response)[0][0] == "<script>alert(1)</script>"
    assert citations(response)[0]["publisher"]["name"] == "</script><b>x"
