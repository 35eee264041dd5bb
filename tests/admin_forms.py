"""Using the admin the way staff do in a browser: logged in, at a page's address, reading
its text, posting its form back."""

import html
import re
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from conditions.models import Condition, Symptom
from drugs.models import BrandName, Drug, DrugClass, Use
from medinfo import workflow
from tests.factories import (
    DEFAULT_SOURCE,
    GUIDELINE,
    change_form_data,
    editor_user,
    published_article,
    reviewer_user,
)
from tests.public_site import parse

ARTICLE_ADD_URL = reverse("admin:medinfo_article_add")


def logged_in(user):
    """A browser of its own with ``user`` logged in (so two people can act in one test)."""
    client = Client()
    client.force_login(user)
    return client


def page_text(response):
    """The response body as a reader sees it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def change_url(article):
    """The admin change form of ``article``."""
    return reverse("admin:medinfo_article_change", args=[article.pk])


def review_url(revision):
    """The review screen of ``revision``."""
    return reverse("admin:medinfo_articlerevision_review", args=[revision.pk])


def article_form(*, drug, title, lead, body="", draft_version="", **buttons):
    """What the article change form posts; ``buttons`` name the button pressed."""
    return {
        "title": title,
        "lead": lead,
        "body": body,
        "search_description": "",
        "draft_version": draft_version,
        "kind": "uses",
        "drug": drug.pk,
        "condition": "",
        "slug": "uses",
        "ads_enabled": "on",
        # One source, as every article must cite before it is submitted (#12).
        **inline_rows("references", [{**DEFAULT_SOURCE, "ORDER": "1"}]),
        **buttons,
    }


def form_data(response):
    """What a browser would post back from the page's admin form, unchanged."""
    form = next(
        f for f in parse(response).find_all("form") if f.attrs.get("id", "").endswith("_form")
    )
    data = {}
    for element in form.iter():
        name = element.attrs.get("name")
        if not name or element.attrs.get("type") in ("submit", "file", "button"):
            continue
        if element.tag == "textarea":
            data[name] = element.raw_text.removeprefix("\n")
        elif element.tag == "select":
            chosen = [o.attrs.get("value", o.text) for o in element.find_all("option")
                      if "selected" in o.attrs]  # fmt: skip
            data[name] = chosen if "multiple" in element.attrs else (chosen or [""])[0]
        elif element.attrs.get("type") not in ("checkbox", "radio") or "checked" in element.attrs:
            data[name] = element.attrs.get("value") or ("on" if "checked" in element.attrs else "")
    return data


# The data apps' admin forms (drugs, conditions) ---------------------------------------

# What the admin says when a name looks like another one already stored.
CLASH = "It looks the same as"


def management(prefix, *, total, initial=0):
    """The hidden management fields an inline formset posts."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def inline_rows(prefix, rows, *, initial=0):
    """The management fields and ``rows`` ({field: value}) of an inline formset."""
    data = management(prefix, total=len(rows), initial=initial)
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def drug_form(*, brands=(), uses=(), uses_initial=0, **fields):
    """POST data for the Drug add or change form, with its brand-name and use inlines."""
    data = {
        "generic_name": "duloxetine",
        "official_name": "",
        "slug": "duloxetine",
        "drug_class": "",
        "prescription_status": "prescription",
        "controlled_schedule": "",
        "summary": "",
        **fields,
    }
    brand_rows = [{"mark": "", "order": "0", "status": "marketed", **brand} for brand in brands]
    use_rows = [{"kind": "approved", "note": "", "order": "0", **use} for use in uses]
    data.update(inline_rows("brand_names", brand_rows))
    data.update(inline_rows("uses", use_rows, initial=uses_initial))
    return data


def add_drug(client, *, generic_name="duloxetine", brands=()):
    """Post the Drug add form as a browser would, with brand rows; return the response."""
    url = reverse("admin:drugs_drug_add")
    data = {**form_data(client.get(url)), "generic_name": generic_name, "slug": "new-drug"}
    data["brand_names-TOTAL_FORMS"] = str(len(brands))
    for index, name in enumerate(brands):
        data.update({f"brand_names-{index}-name": name, f"brand_names-{index}-slug": f"new-{index}",
                     f"brand_names-{index}-order": "0", f"brand_names-{index}-status": "marketed"})  # fmt: skip
    return client.post(url, {**data, "_save": "Save"})


def add_condition(client, name):
    """Post the Condition add form with ``name``; return the response."""
    url = reverse("admin:conditions_condition_add")
    data = {**form_data(client.get(url)), "name": name, "slug": "new-condition"}
    return client.post(url, {**data, "definition": "A disorder.", "_save": "Save"})


def refused(response):
    """The add form came back with the look-alike name error."""
    return response.status_code == 200 and CLASH in response.content.decode()


# Fact edits in the admin: each changes one fact of milnacipran's article as ``person`` --------


def post_change(user, model, pk, **changes):
    """Change a row through its admin change form as ``user``; the save must succeed."""
    client = logged_in(user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    data = {**change_form_data(client, url), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, page_text(response)[-3000:]
    return response


def fibromyalgia():
    """The fibromyalgia condition of the ``milnacipran()`` fixture."""
    return Condition.objects.get(slug="fibromyalgia")


def drug_field(person, article):
    post_change(person, Drug, article.drug_id, official_name="milnacipran HCl")


def brand_inline(person, article):
    post_change(person, Drug, article.drug_id, **{"brand_names-0-name": "Milnavex"})


def brand_deleted(person, article):
    post_change(person, Drug, article.drug_id, **{"brand_names-0-DELETE": "on"})


def use_inline(person, article):
    post_change(person, Drug, article.drug_id, **{"uses-0-note": "for nerve pain too"})


# The milnacipran fixture's uses: 0 is fibromyalgia (approved), 1 depression (off-label).
def use_minimum_age(person, article):
    post_change(person, Drug, article.drug_id, **{"uses-0-minimum_age": "12"})


def use_population(person, article):
    post_change(person, Drug, article.drug_id, **{"uses-0-population_note": "adults and teens"})


def use_evidence_level(person, article):
    post_change(person, Drug, article.drug_id, **{"uses-1-evidence_level": "case_reports"})


def brand_discontinued(person, article):
    changes = {"brand_names-0-status": "discontinued", "brand_names-0-discontinued_year": "2024"}
    post_change(person, Drug, article.drug_id, **changes)


def brand_discontinued_year(person, article):
    # Discontinued earlier by nobody in particular (no history); the person corrects the year.
    BrandName.objects.filter(drug=article.drug_id).update(
        status="discontinued", discontinued_year=2020
    )
    post_change(person, Drug, article.drug_id, **{"brand_names-0-discontinued_year": "2021"})


def brand_sold_for(person, article):
    fibromyalgia_use = Use.objects.get(drug=article.drug_id, condition=fibromyalgia())
    post_change(person, Drug, article.drug_id, **{"brand_names-0-uses": [str(fibromyalgia_use.pk)]})


def drug_class(person, article):
    drug_class_id = Drug.objects.get(pk=article.drug_id).drug_class_id
    post_change(person, DrugClass, drug_class_id, name="norepinephrine reuptake inhibitors")


def condition_definition(person, article):
    post_change(person, Condition, fibromyalgia().pk, definition="A disorder of pain.")


def symptom_note(person, article):
    post_change(person, Condition, fibromyalgia().pk, **{"memberships-0-note": "often worse"})


def symptom_name(person, article):
    symptom = Symptom.objects.get(name="Morning stiffness")
    post_change(person, Symptom, symptom.pk, name="Stiffness on waking")


# The article form's references ----------------------------------------------------------


def reference_rows(data):
    """The reference rows a posted form holds, as {index: {field: value}}."""
    rows = {}
    for name, value in data.items():
        match = re.fullmatch(r"references-(\d+)-(\w+)", name)
        if match:
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return rows


def post_article_form(user, article, *, button="_continue", **changes):
    """Open the article's change form as ``user``, change fields (``references-N-…``), post it.

    Sent as the bytes a client could send: even a lone surrogate, which the test
    client's own encoding refuses.
    """
    client = logged_in(user)
    data = {**form_data(client.get(change_url(article))), **changes, button: "1"}
    body = urlencode(
        [
            (name, item.encode("utf-8", "surrogatepass"))
            for name, value in data.items()
            for item in (value if isinstance(value, list) else [value])
        ]
    )
    return client.post(change_url(article), body, content_type="application/x-www-form-urlencoded")


def add_reference_in_admin(user, article, reference=GUIDELINE):
    """``user`` adds ``reference`` in the first blank row of the article form and saves the draft."""
    client = logged_in(user)
    data = form_data(client.get(change_url(article)))
    blank = len(reference_rows(data)) - 2  # two blank rows follow the stored ones
    data.update({f"references-{blank}-{name}": value for name, value in reference.items()})
    response = client.post(change_url(article), {**data, "_continue": "1"})
    assert response.status_code == 302, page_text(response)[-3000:]
    return response


def review_screen(old_body, new_body, **text):
    """The review screen, as a pharmacist sees it, of a revision changing the live body."""
    editor = editor_user()
    article = published_article(author=editor, body=old_body)
    draft = workflow.start_revision(article=article, author=editor)
    fields = {"title": draft.title, "lead": draft.lead, "body": new_body,
              "references": draft.references, **text}  # fmt: skip
    workflow.save_draft(revision=draft, editor=editor, expected_version=draft.version, **fields)
    revision = workflow.submit_revision(revision=draft, submitter=editor)
    response = logged_in(reviewer_user()).get(review_url(revision))
    assert response.status_code == 200
    return response.content.decode()
