"""Posting admin forms the way a browser does: read the page's form, change a field, send it back."""

from tests.public_site import parse


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
