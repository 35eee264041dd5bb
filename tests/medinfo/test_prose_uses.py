"""Conditions a drug article's prose names without a structured use (issue #12, item 3).

On the old code there was no such check: every test here failed, as
``medinfo.prose_uses`` and the notice on the article form and the review screen
did not exist, so "metformin for PCOS" could stay in the prose with no use row.
"""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition, split_other_names
from drugs.models import UseKind
from medinfo import prose_uses, workflow
from tests.admin_forms import change_url, logged_in, page_text, review_url
from tests.factories import (
    ConditionFactory,
    DrugFactory,
    UseFactory,
    draft_article,
    editor_user,
    reviewer_user,
)

pytestmark = pytest.mark.django_db

NOTICE = (
    "The text names hypertension, which is not one of atorvastatin's uses. If the text "
    "discusses it as a use, add it as an approved or off-label use; if it only mentions it "
    "(a risk, a side effect), nothing to do."
)


@pytest.fixture
def atorvastatin():
    """Atorvastatin, used for high cholesterol (approved) and, in these tests, dementia
    (off-label); hypertension, gout and heart failure are conditions it has no use for."""
    drug = DrugFactory(generic_name="atorvastatin", slug="atorvastatin")
    cholesterol = ConditionFactory(
        name="high cholesterol", slug="high-cholesterol", other_names="hypercholesterolemia"
    )
    UseFactory(drug=drug, condition=cholesterol, kind=UseKind.APPROVED)
    dementia = ConditionFactory(name="dementia", slug="dementia")
    UseFactory(drug=drug, condition=dementia, kind=UseKind.OFF_LABEL)
    ConditionFactory(name="hypertension", slug="hypertension", other_names="high blood pressure")
    ConditionFactory(name="gout", slug="gout")
    ConditionFactory(name="heart failure", slug="heart-failure", other_names="CHF, cardiac failure")
    return drug


def found(drug, *, lead="It lowers cholesterol.", body="<p>Take it once a day.</p>"):
    article = draft_article(drug=drug, lead=lead, body=body)
    return [c.name for c in prose_uses.unlisted_conditions(article.latest_revision)]


@pytest.mark.parametrize(
    ("lead", "body", "expected"),
    [
        ("It can help hypertension.", "<p>Take it once a day.</p>", ["hypertension"]),
        ("It lowers cholesterol.", "<p>Some take it with gout.</p>", ["gout"]),
        ("It lowers cholesterol.", "<h2>Heart failure</h2><p>Ask first.</p>", ["heart failure"]),
        ("It lowers cholesterol.", "<p>It does not treat high blood pressure.</p>", ["hypertension"]),
        ("It lowers cholesterol.", "<p>Tell your doctor about CHF.</p>", ["heart failure"]),
        ("It lowers cholesterol.", "<p>Not for cardiac\n  failure.</p>", ["heart failure"]),
        ("HYPERTENSION and Gout.", "", ["gout", "hypertension"]),
        ("It lowers cholesterol.", "<p>Heart <strong>failure</strong> is rare.</p>", ["heart failure"]),
        ("It lowers cholesterol.", "<p>It&#39;s not for gout&amp;co.</p>", ["gout"]),
        # Inside another word: not named.
        ("It is not for prehypertension.", "<p>Gouty joints; goutweed.</p>", []),
        # The drug's own uses, approved and off-label, by name or other name: not reported.
        ("For high cholesterol.", "<p>Hypercholesterolemia; dementia.</p>", []),
        # Script and style content is code, not prose: never counts.
        ("It lowers cholesterol.", "<p>Fine.</p><script>gout()</script><style>.gout{}</style>", []),
    ],
    ids=[
        "lead", "body", "heading", "other name", "abbreviation", "spaces and line breaks",
        "letter case", "across inline markup", "entities", "inside another word", "own uses",
        "script and style",
    ],
)  # fmt: skip
def test_conditions_named_in_the_prose_without_a_use(atorvastatin, lead, body, expected):
    """Each way a condition can be named is found; uses, parts of words and code are not."""
    assert found(atorvastatin, lead=lead, body=body) == expected


def test_a_condition_article_gets_no_notice(atorvastatin):
    """Only a drug has uses: a condition's article naming other conditions is not checked."""
    gout = ConditionFactory(name="gouty arthritis", slug="gouty-arthritis")
    article = draft_article(condition=gout, lead="Gout and hypertension often come together.")
    assert prose_uses.unlisted_conditions(article.latest_revision) == []
    assert prose_uses.render_notice(article.latest_revision) == ""
    page = page_text(logged_in(editor_user()).get(change_url(article)))
    assert "field-conditions_in_text" not in page
    assert "is not one of" not in page


def test_the_notice_names_one_or_several_conditions_in_plain_words(atorvastatin):
    one = draft_article(drug=atorvastatin, lead="Not for hypertension.", slug="one")
    notice = prose_uses.render_notice(one.latest_revision)
    assert f'<p class="medinfo-prose-uses">{NOTICE}</p>' in " ".join(notice.split())
    two = draft_article(drug=atorvastatin, lead="Not for gout or CHF or hypertension.", slug="two")
    notice = prose_uses.render_notice(two.latest_revision)
    assert "The text names gout, heart failure and hypertension, which are not among" in notice
    assert "atorvastatin's uses. If the text discusses one of them as a use" in notice


def test_markup_in_names_is_escaped_in_the_notice():
    """A condition or drug name holding markup characters is shown as text, never as markup."""
    drug = DrugFactory(generic_name="<b>x</b>drug", slug="xdrug")
    ConditionFactory(name="gout <script>alert(1)</script>", slug="gout-script")
    article = draft_article(drug=drug, lead="Gout <script>alert(1)</script> is named.")
    notice = prose_uses.render_notice(article.latest_revision)
    assert "<script>" not in notice and "<b>" not in notice
    assert "gout &lt;script&gt;alert(1)&lt;/script&gt;" in notice
    assert "&lt;b&gt;x&lt;/b&gt;drug" in notice


def test_the_article_form_shows_the_notice_beside_the_reading_grade(atorvastatin):
    """The editor sees it below the reading grade, and it follows each save."""
    editor = editor_user()
    article = draft_article(author=editor, drug=atorvastatin, lead="It can help hypertension.")
    page = page_text(logged_in(editor).get(change_url(article)))
    row = page.index("field-conditions_in_text")
    assert page.index("field-reading_grade") < row < page.index("Subject and address")
    assert NOTICE in page
    clean = draft_article(author=editor, drug=atorvastatin, slug="clean")
    page = page_text(logged_in(editor).get(change_url(clean)))
    assert "Every condition the text names is one of the drug's uses." in page
    assert "is not one of" not in page


def test_the_review_screen_shows_the_notice_near_readability(atorvastatin):
    """The reviewer sees it after the reading grade; a clean text shows no such section."""
    editor = editor_user()
    article = draft_article(author=editor, drug=atorvastatin, lead="It can help hypertension.")
    revision = workflow.submit_revision(revision=article.latest_revision, submitter=editor)
    page = page_text(logged_in(reviewer_user()).get(review_url(revision)))
    assert page.index("Readability") < page.index("Conditions in the text") < page.index(NOTICE)
    clean = draft_article(author=editor, drug=atorvastatin, slug="clean")
    revision = workflow.submit_revision(revision=clean.latest_revision, submitter=editor)
    page = page_text(logged_in(reviewer_user()).get(review_url(revision)))
    assert "Conditions in the text" not in page


def queries_with(conditions, kind):
    drug = DrugFactory()
    names = [
        ConditionFactory(name=f"{kind} disease {n}", slug=f"{kind}-{n}") for n in range(conditions)
    ]
    for name in names[::2]:
        UseFactory(drug=drug, condition=name)
    lead = " ".join(f"{kind.title()} disease {n}." for n in range(conditions))
    article = draft_article(drug=drug, lead=lead)
    revision = article.latest_revision
    with CaptureQueriesContext(connection) as context:
        result = prose_uses.unlisted_conditions(revision, article=article)
    assert len(result) == conditions // 2
    return len(context)


def test_the_query_count_does_not_grow_with_the_number_of_conditions():
    """As many queries for 2 conditions as for 40, uses or not: each call here follows new
    conditions, so it also reads every name once (a fingerprint, the names, the uses)."""
    assert queries_with(2, "rare") == queries_with(40, "odd") == 3


def names_read(drug, lead):
    """The conditions found for ``lead``, and whether every condition's names were read."""
    revision, article = SimpleNamespace(lead=lead, body=""), SimpleNamespace(drug_id=drug.pk)
    with CaptureQueriesContext(connection) as context:
        result = prose_uses.unlisted_conditions(revision, article=article)
    every_name = prose_uses._sql(prose_uses._NAMES_SQL)
    read_all = any(every_name in query["sql"] for query in context.captured_queries)
    return [condition.name for condition in result], read_all


def test_names_are_read_once_while_no_condition_changes(atorvastatin):
    """The article form read all 3,000 conditions' names for every view (5 ms at 50,000
    articles, issue #15); they are kept per process while the conditions stay as they are."""
    assert names_read(atorvastatin, "Not for gout.") == (["gout"], True)
    assert names_read(atorvastatin, "Not for gout.") == (["gout"], False)


def _rename(condition):
    condition.name = "podagra"
    condition.save()


def _add_other_name(condition):
    condition.other_names = "podagra"
    condition.save()


def _add_condition(condition):
    ConditionFactory(name="podagra", slug="podagra")


def _bulk_add_condition(condition):
    Condition.objects.bulk_create([Condition(name="podagra", slug="podagra")])


def _delete(condition):
    condition.uses.all().delete()
    condition.delete()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_rename, ["podagra"]),
        (_add_other_name, ["gout"]),
        (_add_condition, ["podagra"]),
        (_bulk_add_condition, ["podagra"]),
        (_delete, []),
    ],
)
def test_kept_names_follow_every_change_to_the_conditions(atorvastatin, change, expected):
    """Whatever changes a condition's names after they were read, the next check sees it."""
    gout = Condition.objects.get(slug="gout")
    assert names_read(atorvastatin, "Not for podagra.") == ([], True)
    change(gout)
    assert names_read(atorvastatin, "Not for podagra.") == (expected, True)


def test_conditions_the_text_cannot_name_compile_no_pattern(monkeypatch):
    """A pattern is compiled only for a name whose every word is in the text: the article
    form compiled one for each of 3,000 conditions and took over a second at 50,000
    articles (issue #15). On the old code this counted 40 compiles."""
    compiled = []
    real = prose_uses.name_pattern
    monkeypatch.setattr(
        prose_uses, "name_pattern", lambda name: compiled.append(name) or real(name)
    )
    drug = DrugFactory()
    for n in range(40):
        ConditionFactory(name=f"remote disease {n}", slug=f"remote-{n}")
    ConditionFactory(name="gout", slug="gout")
    article = draft_article(drug=drug, lead="Some take it with gout.")
    result = prose_uses.unlisted_conditions(article.latest_revision, article=article)
    assert [c.name for c in result] == ["gout"]
    assert compiled == ["gout"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("gout", "GOUT"),
        ("heart failure", "Heart\n  failure"),
        ("stones", "kidney ſtones"),  # long s: re.IGNORECASE matches it with s
        ("kidney", "\u212aidney"),  # Kelvin sign matches k
        ("migraine", "mıgraine"),  # dotless ı matches i
        ("Crohn's disease", "crohn's DISEASE"),
        ("COVID-19", "covid-19"),
        ("gout", "prose about goutiness"),  # not whole words: no match either way
        ("heart failure", "heart is fine, no failure"),
        ("Sjögren syndrome", "SJÖGREN syndrome"),  # not ASCII: always searched
        ("gout", "nothing"),
        ("insomnia", "İnsomnia"),  # dotted İ matches i; its fold is "i" and a dot (issue #15)
        ("insomnia", "i\u0307nsomnia"),  # a combining dot is no word character: no match
        ("covid-19", "covid-19a"),
        ("crohn's disease", "Crohn’s disease"),  # another apostrophe: a match both ways
        ("ALL", "take all of it"),  # an abbreviation counts only in capitals
        ("heart failure", "heart-failure"),
    ],
)
def test_the_quick_test_never_hides_a_name_the_pattern_finds(name, text):
    """``names_in`` answers as the pattern alone does, for letters ``re.IGNORECASE`` matches
    across case folds (ſ, the Kelvin sign, the dotless ı) and names that are not ASCII."""
    condition = ConditionFactory.build(name=name, other_names="")
    pattern = prose_uses.name_pattern(name)
    assert prose_uses.names_in(condition, text) == bool(pattern.search(text))


@pytest.mark.parametrize(
    ("name", "text", "named"),
    [
        ("sjögren's syndrome", "Not for Sjögren’s syndrome.", True),
        ("ménière’s disease", "Not for Ménière's disease.", True),
        ("heart failure", "Not for heart-failure.", True),
        ("type 2 diabetes", "Not for type-2 diabetes.", True),
        ("heart failure", "Not for heart – failure.", True),
        ("ALL", "Take all of it.", False),
        ("ALL", "Children with ALL.", True),
        ("AIDS", "Hearing aids help.", False),
        ("AIDS", "It is not a treatment for AIDS.", True),
        ("gout", "Not for GOUT.", True),
        ("heart failure", "Not for heartfailure.", False),
        ("type 2 diabetes", "Not for type 22 diabetes.", False),
        ("crohn's disease", "Not for crohns disease.", False),
        ("---", "A long-term --- but mild --- effect.", False),
        ("!!", "Take it — really !! — now.", False),
    ],
)
def test_names_as_writers_type_them(name, text, named):
    """Outside attack: a curly apostrophe against a straight one, a hyphen between a name's
    words, and an abbreviation among ordinary words ("Take all of it") were each read wrongly:
    the two apostrophe rows, the three hyphen and dash rows, the two abbreviation rows
    that expect no match and the two punctuation-only names failed on the old code."""
    condition = ConditionFactory.build(name=name, other_names="")
    assert prose_uses.names_in(condition, text) == named


@pytest.mark.parametrize(
    ("value", "names"),
    [("", []), ("CHF", ["CHF"]), ("CHF, cardiac failure", ["CHF", "cardiac failure"]),
     (" a ,, b , ", ["a", "b"]), (",", [])],
)  # fmt: skip
def test_other_names_split_as_the_model_splits_them(value, names):
    """The notice reads other names from plain rows, split as ``other_names_list`` splits them
    (one function now, ``conditions.models.split_other_names``)."""
    assert split_other_names(value) == ConditionFactory.build(other_names=value).other_names_list
    assert split_other_names(value) == names


def test_found_conditions_are_the_stored_rows(atorvastatin):
    """What the notice lists are the conditions as stored: their keys, names and other names."""
    article = draft_article(drug=atorvastatin, lead="Not for CHF or gout.")
    found = prose_uses.unlisted_conditions(article.latest_revision, article=article)
    stored = Condition.objects.filter(name__in=["gout", "heart failure"]).order_by("name")
    assert [(c.pk, c.name, c.other_names) for c in found] == [
        (c.pk, c.name, c.other_names) for c in stored
    ]
