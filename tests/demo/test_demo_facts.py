"""The demo drug facts match their US labels (issue #12, findings): ages per use, brands, evidence.

Read straight from ``demo/data/drugs.yaml`` through ``demo.content``, so a wrong fact
fails here before anything is loaded.
"""

import html
import re

import pytest

from demo import content

ADULTS = 18

# (drug, condition): the youngest age the approved use covers (the labels' pediatric limits).
APPROVED_AGES = {
    ("milnacipran", "fibromyalgia"): 17,
    ("sertraline", "obsessive-compulsive-disorder"): 6,
    ("sertraline", "depression"): ADULTS,
    ("sertraline", "panic-disorder"): ADULTS,
    ("sertraline", "post-traumatic-stress-disorder"): ADULTS,
    ("sertraline", "social-anxiety-disorder"): ADULTS,
    ("sertraline", "premenstrual-dysphoric-disorder"): ADULTS,
    ("fluoxetine", "depression"): 8,
    ("fluoxetine", "obsessive-compulsive-disorder"): 7,
    ("fluoxetine", "bulimia-nervosa"): ADULTS,
    ("fluoxetine", "panic-disorder"): ADULTS,
    ("fluoxetine", "premenstrual-dysphoric-disorder"): ADULTS,
    ("duloxetine", "depression"): ADULTS,
    ("duloxetine", "generalized-anxiety-disorder"): 7,
    ("duloxetine", "diabetic-neuropathy"): ADULTS,
    ("duloxetine", "fibromyalgia"): 13,
    ("duloxetine", "osteoarthritis"): ADULTS,
    ("lisinopril", "hypertension"): 6,
    ("lisinopril", "heart-failure"): ADULTS,
    ("atorvastatin", "high-cholesterol"): 10,
    ("metformin", "type-2-diabetes"): 10,
    ("ibuprofen", "osteoarthritis"): ADULTS,
}
# Labels that do not establish safety and effectiveness in children: adults only.
ADULT_ONLY_DRUGS = ["venlafaxine", "sumatriptan", "alprazolam"]

# (drug, condition): the evidence level of the off-label use.
OFF_LABEL_EVIDENCE = {
    ("milnacipran", "obsessive-compulsive-disorder"): "case_reports",
    ("milnacipran", "depression"): "clinical_trials",
    ("metformin", "prediabetes"): "guideline",
    ("metformin", "polycystic-ovary-syndrome"): "clinical_trials",
}


def drugs():
    return {drug["slug"]: drug for drug in content.drugs()}


def uses():
    return {(slug, use["condition"]): use for slug, drug in drugs().items() for use in drug["uses"]}


def brands():
    return {brand["name"]: brand for drug in drugs().values() for brand in drug["brands"]}


@pytest.mark.parametrize(("key", "age"), APPROVED_AGES.items(), ids=lambda v: str(v))
def test_approved_use_covers_the_labelled_ages(key, age):
    """Each approved use states the youngest age its label covers, not the drug's lowest."""
    use = uses()[key]
    assert (use["kind"], use["minimum_age"]) == ("approved", age)


@pytest.mark.parametrize("slug", ADULT_ONLY_DRUGS)
def test_drugs_not_established_in_children_are_approved_for_adults_only(slug):
    """Venlafaxine, sumatriptan and alprazolam: every approved use starts at 18."""
    approved = [use for use in drugs()[slug]["uses"] if use["kind"] == "approved"]
    assert approved and {use["minimum_age"] for use in approved} == {ADULTS}


@pytest.mark.parametrize(("key", "level"), OFF_LABEL_EVIDENCE.items(), ids=lambda v: str(v))
def test_off_label_use_states_its_evidence(key, level):
    """Milnacipran for OCD rests on case reports; metformin's prose uses are structured off-label uses."""
    use = uses()[key]
    assert (use["kind"], use["evidence_level"]) == ("off_label", level)


def test_every_off_label_use_has_an_evidence_level_and_every_approved_one_none():
    """The database rule, checked on the data file: no off-label use without its evidence."""
    for key, use in uses().items():
        assert bool(use["evidence_level"]) == (use["kind"] == "off_label"), key


def test_milnacipran_has_no_unsourced_stress_incontinence_use():
    """No source was found for milnacipran in stress incontinence: the use is gone."""
    assert ("milnacipran", "stress-incontinence") not in uses()


def test_brands_are_sold_only_for_their_labelled_uses():
    """Sarafem is sold for PMDD only, Prozac for the rest; Advil and Motrin not for arthritis."""
    sold_for = {name: brand["sold_for"] for name, brand in brands().items()}
    assert sold_for["Sarafem"] == ["premenstrual-dysphoric-disorder"]
    assert "premenstrual-dysphoric-disorder" not in sold_for["Prozac"]
    for name in ("Advil", "Motrin"):
        assert sold_for[name] and "osteoarthritis" not in sold_for[name]
    for name, slugs in sold_for.items():
        drug = next(d for d in drugs().values() if name in {b["name"] for b in d["brands"]})
        # A brand's label covers approved uses only: no brand is sold for an off-label use.
        approved = {use["condition"] for use in drug["uses"] if use["kind"] == "approved"}
        assert set(slugs) <= approved, name


def test_proair_hfa_is_listed_as_discontinued_in_2022():
    """ProAir HFA (albuterol) stays listed, as a former brand; Ventolin HFA is current."""
    proair, ventolin = brands()["ProAir HFA"], brands()["Ventolin HFA"]
    assert (proair["status"], proair["discontinued_year"]) == ("discontinued", 2022)
    assert (ventolin["status"], ventolin["discontinued_year"]) == ("marketed", None)


# Capitalised words in the demo prose that are no brand names (places, months, classes …).
NOT_BRANDS = {
    "Administration", "Adults", "August", "Crisis", "Drug", "Europe", "FDA-approved",
    "HMG-CoA", "Hashimoto", "Helicobacter", "Hg", "Kegel", "Lifeline", "NSAIDs", "SNRIs",
    "SSRIs", "Schedule", "States", "Suicide", "United", "Who", "Zollinger-Ellison",
}  # fmt: skip
# Brands of medicines the demo has no drug record for, named in condition articles.
BRANDS_WITHOUT_A_DRUG = {"Lyrica": "pregabalin", "Tonmya": "cyclobenzaprine"}


def _prose(article):
    """The article's lead, search description and body text, headings left out (Title Case)."""
    body = re.sub(r"<h[1-6][^>]*>.*?</h[1-6]>", " ", article["body"], flags=re.S)
    text = "\n".join([article["lead"], article.get("search_description", ""), body])
    # Each tag parts sentences too: a list item starts with a capital like a sentence.
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


def _capitalised_words(text):
    """Words written with a capital inside a sentence: brand names, among others."""
    for sentence in re.split(r"(?<=[.!?:;“”\"(])\s+|\n", text):
        for word in re.findall(r"[A-Za-z][\w-]*", sentence)[1:]:
            if word[0].isupper() and not word.isupper() and not re.search(r"\d", word):
                yield word


def test_every_brand_the_prose_names_is_a_brand_of_that_drug():
    """A brand named in an article's prose is a structured brand of a drug the article is about
    or names (its facts then say whether it is current and what it is sold for).

    The albuterol article named Proventil HFA, which albuterol's facts did not list.
    """
    brands_of = {
        slug: {b["name"].split()[0] for b in drug["brands"]} for slug, drug in drugs().items()
    }
    for article in content.articles():
        prose = _prose(article)
        named = (
            {article["drug"]}
            if article.get("drug")
            else {slug for slug in brands_of if re.search(rf"\b{slug}\b", prose, re.I)}
        )
        allowed = set().union(*(brands_of[slug] for slug in named)) | NOT_BRANDS
        unknown = set(_capitalised_words(prose)) - allowed - set(BRANDS_WITHOUT_A_DRUG)
        assert not unknown, (
            article.get("drug") or article.get("condition"),
            article["slug"],
            unknown,
        )
