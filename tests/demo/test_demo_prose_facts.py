"""What a demo article's prose says agrees with its drug's structured facts (#12, outside tester).

Each test is a class of mismatch a reader found on the public demo site: omeprazole
shown as prescription only beside prose about buying it without one, ibuprofen as
over the counter beside "prescription strengths only", Advil® and Motrin® limited to
two uses their labels go beyond, "Motrin IB" in prose beside the brand Motrin, "in
adults" beside "not under 17", and prose discussing uses the facts do not have.
Read from the data files (``demo.content``), so nothing is loaded.
"""

import html
import re
from types import SimpleNamespace

import pytest

from demo import content
from drugs.models import ADULT_AGE
from website.populations import approval_sentence, population


def drugs():
    return {drug["slug"]: drug for drug in content.drugs()}


def conditions():
    return {condition["slug"]: condition for condition in content.conditions()}


def prose(article):
    """Lead, search description and body as plain text (tags become line breaks)."""
    text = "\n".join([article["lead"], article.get("search_description", ""), article["body"]])
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


def drug_articles():
    return [article for article in content.articles() if article.get("drug")]


def article_id(article):
    return f"{article.get('drug') or article.get('condition')}/{article['slug']}"


# Availability ---------------------------------------------------------------------------

SOLD_WITHOUT_PRESCRIPTION = re.compile(r"without a prescription|over[- ]the[- ]counter", re.I)
PRESCRIPTION_STRENGTH = re.compile(r"prescription[- ]strength|need a prescription", re.I)
SOLD_OVER_THE_COUNTER = {"otc", "prescription_and_otc"}


@pytest.mark.parametrize("article", drug_articles(), ids=article_id)
def test_availability_agrees_with_what_the_prose_says(article):
    """Prose about buying a drug without a prescription needs an over-the-counter status,
    prose about prescription strengths one that includes prescription.

    Omeprazole was "prescription only" and ibuprofen "over the counter" although their
    articles describe both ways of getting them."""
    status = drugs()[article["drug"]]["prescription_status"]
    text = prose(article)
    if SOLD_WITHOUT_PRESCRIPTION.search(text):
        assert status in SOLD_OVER_THE_COUNTER, article_id(article)
    if PRESCRIPTION_STRENGTH.search(text):
        assert status != "otc", article_id(article)


def test_omeprazole_and_ibuprofen_are_sold_both_ways():
    """Prilosec OTC and prescription omeprazole; Advil® and prescription-strength ibuprofen."""
    for slug in ("omeprazole", "ibuprofen"):
        assert drugs()[slug]["prescription_status"] == "prescription_and_otc", slug


# Populations ----------------------------------------------------------------------------

# (drug, condition): (minimum age in whole years, words the population note must contain)
LABELLED_POPULATIONS = {
    # Prilosec: GERD from 1 year, healing erosive esophagitis from 1 month.
    ("omeprazole", "gerd"): (0, ["1 year", "1 month"]),
    ("omeprazole", "peptic-ulcer"): (ADULT_AGE, []),
    # Over-the-counter ibuprofen: adults' products from 12, infants' drops from 6 months.
    ("ibuprofen", "aches-and-pains"): (0, ["6 months"]),
    ("ibuprofen", "fever"): (0, ["6 months"]),
    ("ibuprofen", "osteoarthritis"): (ADULT_AGE, []),
    ("milnacipran", "fibromyalgia"): (17, []),
}


@pytest.mark.parametrize(("key", "expected"), LABELLED_POPULATIONS.items(), ids=str)
def test_use_covers_the_labelled_population(key, expected):
    """Omeprazole showed "not approved under 1 year" although Prilosec's label covers
    healing erosive esophagitis from 1 month."""
    drug, condition = key
    [use] = [use for use in drugs()[drug]["uses"] if use["condition"] == condition]
    age, words = expected
    assert (use["kind"], use["minimum_age"]) == ("approved", age)
    for word in words:
        assert word in use["population_note"], (key, word)


YOUNGER = re.compile(r"child|teen|bab|infant|people|\d")


def _use(use):
    return SimpleNamespace(**{**use, "condition": SimpleNamespace(name=use["condition"])})


def every_use():
    return [(slug, use) for slug, drug in drugs().items() for use in drug["uses"]]


@pytest.mark.parametrize(
    ("slug", "use"), every_use(), ids=lambda v: v if isinstance(v, str) else v["condition"]
)
def test_who_a_use_covers_agrees_with_its_minimum_age(slug, use):
    """The words for who a use covers (its note, else its age) never say "adults" alone
    when the use starts below 18, nor name children when it starts at 18.

    Milnacipran printed "Approved for fibromyalgia in adults. Not approved for anyone
    under 17": its note said "adults" beside the label's limit of 17. Omeprazole's
    note had a “;” of its own, which the sentence reads as the start of another group."""
    who, age = population(_use(use)), use["minimum_age"]
    # The approval sentence parts its groups with “; for”: a note's own “;” read as one.
    assert ";" not in who, (slug, use["condition"], who)
    if age is not None and age < ADULT_AGE and "adult" in who:
        assert YOUNGER.search(who), (slug, use["condition"], who, age)
    if age is not None and age >= ADULT_AGE:
        assert not re.search(r"child|teen|bab|infant", who), (slug, use["condition"], who)


@pytest.mark.parametrize("slug", list(drugs()))
def test_approval_sentence_never_says_adults_beside_a_younger_limit(slug):
    """The sentence pages print, built from the data: "in adults." never precedes
    "Not approved for anyone under N" with N below 18, and no "under 0"."""
    uses = [_use(use) for use in drugs()[slug]["uses"]]
    approved = [use.minimum_age for use in uses if use.kind == "approved"]
    youngest = None if not approved or None in approved else min(approved)
    sentence = approval_sentence(SimpleNamespace(uses=uses, minimum_age=youngest))
    limit = re.search(r"under (\d+)", sentence)
    if limit:
        assert int(limit.group(1)) > 0, sentence
        if int(limit.group(1)) < ADULT_AGE:
            assert not re.search(r"in adults(?: only)?[.;]", sentence.split(";")[0]), sentence


# Brands ---------------------------------------------------------------------------------


def test_over_the_counter_ibuprofen_brands_are_sold_for_what_their_labels_cover():
    """Advil® and Motrin® were shown "for menstrual cramps and migraine only", though their
    labels cover minor aches and pains and fever too; never for treating osteoarthritis."""
    brands = {brand["name"]: brand for brand in drugs()["ibuprofen"]["brands"]}
    for name in ("Advil", "Motrin"):
        assert set(brands[name]["sold_for"]) == {
            "aches-and-pains", "fever", "menstrual-cramps", "migraine"
        }, name  # fmt: skip


@pytest.mark.parametrize("article", drug_articles(), ids=article_id)
def test_brands_in_parentheses_after_the_drug_are_its_brands_as_named(article):
    """“Ibuprofen (Advil, Motrin IB)” named a brand the facts call Motrin: the brands the
    lead and search description list after the drug's name are its brands, spelled alike."""
    drug = drugs()[article["drug"]]
    names = {brand["name"] for brand in drug["brands"]}
    for text in (article["lead"], article.get("search_description", "")):
        for listed in re.findall(rf"\b{drug['generic_name']}\s*\(([^)]*)\)", text, re.I):
            # A former brand is listed as one: “(Ventolin HFA, formerly ProAir HFA)”.
            listed_names = {re.sub(r"^formerly ", "", name) for name in re.split(r",\s*", listed)}
            assert listed_names <= names, (article_id(article), listed)


# Uses the prose discusses ---------------------------------------------------------------


def condition_names(condition):
    """A condition's name and other names, each a pattern matching it as whole words."""
    names = [condition["name"], *re.split(r",\s*", condition.get("other_names", "") or "")]
    return [re.compile(rf"\b{re.escape(name)}\b", re.I) for name in names if name]


def conditions_named(text):
    """The slugs of the data's conditions the text links to or names."""
    linked = set(re.findall(r"/conditions/([\w-]+)/", text))
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    named = {
        slug
        for slug, condition in conditions().items()
        if any(pattern.search(plain) for pattern in condition_names(condition))
    }
    return linked | named


# (article, condition or drug slug) named in prose that is not about a use, and why.
NOT_A_USE = {
    ("atorvastatin/uses", "hypertension"): "a risk factor of the people it is used in",
    ("atorvastatin/uses", "type-2-diabetes"): "a risk factor of the people it is used in",
    ("sumatriptan/uses", "hypertension"): "a reason not to take it",
    ("milnacipran/side-effects", "fever"): "a sign of serotonin syndrome",
    ("stress-incontinence/treatment", "milnacipran"): "named as not a proven treatment",
}


@pytest.mark.parametrize("article", content.articles(), ids=article_id)
def test_prose_discusses_only_uses_the_facts_have(article):
    """Issue #12 Build 3: a use the prose discusses exists as a structured use.

    A drug article names only conditions its drug has a use for; a condition article
    names (links to or by generic name) only drugs with a use for that condition. The
    check knows the conditions and drugs in the data files: a use whose condition or
    drug is not there (hot flashes, pregabalin) is invisible to it. The sertraline,
    venlafaxine, lisinopril, sumatriptan, levothyroxine, omeprazole and fluoxetine
    articles discussed such uses, and three condition articles named drugs the data
    lacked; they were reworded or the use added (omeprazole: peptic ulcer). Names that
    are not about a use are listed in ``NOT_A_USE`` with the reason."""
    text = "\n".join([article["lead"], article.get("search_description", ""), article["body"]])
    if article.get("drug"):
        has = {use["condition"] for use in drugs()[article["drug"]]["uses"]}
        unstructured = {
            slug
            for slug in conditions_named(text) - has
            if (article_id(article), slug) not in NOT_A_USE
        }
        assert not unstructured, (article_id(article), unstructured)
    else:
        condition = article["condition"]
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
        for slug, drug in drugs().items():
            if f"/drugs/{slug}/" in text or re.search(rf"\b{slug}\b", plain, re.I):
                used_for = {use["condition"] for use in drug["uses"]}
                if (article_id(article), slug) not in NOT_A_USE:
                    assert condition in used_for, (article_id(article), slug)


def off_label_items(body):
    """The list items of a drug article's “Off-Label Uses” section."""
    sections = re.split(r"(?=<h2)", body)
    return [
        item
        for section in sections
        if re.match(r"<h2[^>]*>[^<]*off-label", section, re.I)
        for item in re.findall(r"<li>(.*?)</li>", section, re.S)
    ]


@pytest.mark.parametrize("article", drug_articles(), ids=article_id)
def test_each_listed_off_label_use_names_a_condition_of_the_drug(article):
    """An off-label use listed in the prose is one of the drug's structured uses, so it
    links to or names its condition. The prose-names check above knows only the data's
    conditions; this one also catches a listed use whose condition is not in the data
    at all: venlafaxine's “Hot flashes” and lisinopril's “Protecting the kidneys” named
    no condition of the drug."""
    has = {use["condition"] for use in drugs()[article["drug"]]["uses"]}
    for item in off_label_items(article["body"]):
        named = conditions_named(item)
        assert named and named <= has, (article_id(article), item)


@pytest.mark.parametrize("article", content.articles(), ids=article_id)
def test_every_subject_link_in_the_prose_has_a_live_page(article):
    """A link to /conditions/<slug>/ or /drugs/<slug>/ goes to a subject with a live demo
    article: a condition or drug page without one is a 404. The omeprazole and ibuprofen
    articles first linked the new peptic ulcer, aches and pains and fever conditions."""
    live = {
        (kind, other[kind])
        for other in content.articles()
        if other["state"] == "live"
        for kind in ("drug", "condition")
        if other.get(kind)
    }
    for kind, slug in re.findall(r'href="/(drug|condition)s/([\w-]+)/', article["body"]):
        assert (kind, slug) in live, (article_id(article), kind, slug)
