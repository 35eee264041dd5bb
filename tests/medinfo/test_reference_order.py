"""A reference's order number runs from 1 to 50: anything else is a form error (outside tester).

Failed on the old code: the references formset's order field (Django's own) took any
integer, so -7 or a 30-digit number was accepted silently as an order.
"""

import pytest

from medinfo.forms import ReferenceFormSet
from medinfo.references import MAX_REFERENCES
from tests.admin_forms import page_text, post_article_form
from tests.factories import GUIDELINE, LABEL, editor_user, latest, with_references

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = ["-7", "0", str(MAX_REFERENCES + 1), "9" * 30, "-" + "9" * 30, str(2**63)]


def _rows(*orders):
    data = {"references-TOTAL_FORMS": str(len(orders)), "references-INITIAL_FORMS": "0"}
    for index, order in enumerate(orders):
        data |= {f"references-{index}-{name}": value for name, value in LABEL.items()}
        data[f"references-{index}-ORDER"] = order
    return ReferenceFormSet(data, prefix="references")


@pytest.mark.parametrize("order", OUT_OF_RANGE)
def test_the_formset_refuses_an_order_out_of_range(order):
    """The row says how to number the sources."""
    formset = _rows(order)
    assert not formset.is_valid()
    assert formset.forms[0].errors["ORDER"] == [f"Number the sources from 1 to {MAX_REFERENCES}."]


@pytest.mark.parametrize("order", ["1", str(MAX_REFERENCES), ""])
def test_the_formset_takes_an_order_in_range_or_none(order):
    assert _rows(order).is_valid()


@pytest.mark.parametrize("order", OUT_OF_RANGE)
def test_the_article_form_answers_an_order_out_of_range_with_an_error(order):
    """Posted on the article form, on SQLite and PostgreSQL: the form again, the draft unchanged."""
    article = with_references(LABEL, GUIDELINE)
    response = post_article_form(editor_user(), article, **{"references-0-ORDER": order})
    assert response.status_code == 200
    assert "Number the sources from 1 to 50." in page_text(response)
    assert latest(article).references == [LABEL, GUIDELINE]
