"""The sources a revision cites: one shape for the form, the workflow, the diff and the page.

``ArticleRevision.references`` stores them as a JSON list in reading order (the page
numbers them 1, 2, 3 …), each item with exactly these keys::

    {"title": "Savella (milnacipran) tablets: prescribing information",
     "publisher": "U.S. Food and Drug Administration",
     "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=…",
     "accessed": "2026-11-30",          # the day the editor last read it
     "dailymed_setid": ""}              # a DailyMed label's set id, or ""

They are part of what a pharmacist approves: frozen with the revision (model,
database guard), copied into the next draft, and diffed on the review screen.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from common.text import plain_text

FIELDS = ("title", "publisher", "url", "accessed", "dailymed_setid")
TITLE_MAX_LENGTH = 300
PUBLISHER_MAX_LENGTH = 200
URL_MAX_LENGTH = 2000
SETID_LENGTH = 36
MAX_REFERENCES = 50
SETID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
DAILYMED_LABEL = "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={}"

URL_MESSAGE = "Enter a full web address starting with http:// or https://."
_web_address = URLValidator(schemes=["http", "https"], message=URL_MESSAGE)


NO_SOURCES = (
    "This revision cites no sources, so it cannot be {}: add at least one under "
    "“Sources” (e.g. the drug's label on DailyMed or a clinical guideline)."
)


def missing_sources(*, kind: str, items: list, action: str) -> str:
    """Why a revision of an article of ``kind`` citing ``items`` may not be ``action``
    (“submitted”, “approved”): every article cites a source (#12), site pages aside, as
    they state no medical facts. Empty when it may."""
    from .models import ArticleKind  # the models import this module

    if items or kind == ArticleKind.SITE_PAGE:
        return ""
    return NO_SOURCES.format(action)


def validate_url(value: str) -> None:
    """An http or https address a reader can open, with no user name or password in it."""
    if len(value) > URL_MAX_LENGTH:
        raise ValidationError(f"Keep the address to {URL_MAX_LENGTH:,} characters.")
    _web_address(value)
    # “https://www.fda.gov@example.com/” reads as the FDA's site but opens another one.
    if "@" in urlsplit(value).netloc:
        raise ValidationError(
            "A source's address needs no user name or password: remove the part before “@”."
        )


def validate_setid(value: str) -> None:
    """A DailyMed set id: 36 characters, hex digits in groups of 8-4-4-4-12."""
    if value and not SETID.match(value):
        raise ValidationError(
            "A DailyMed set id has 36 characters: digits, letters a–f and four hyphens, "
            "e.g. “a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d” (the setid= part of a label's address)."
        )


def validate_accessed(value: datetime.date) -> None:
    """The day a source was read cannot lie ahead (a day's grace for time zones)."""
    if value > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError("The date accessed cannot be in the future.")


@dataclass(frozen=True)
class Reference:
    """One cited source, as the form cleans it and the page prints it."""

    title: str
    publisher: str
    url: str
    accessed: datetime.date
    dailymed_setid: str = ""

    @property
    def dailymed_url(self) -> str:
        """The label on DailyMed, when the reference names its set id."""
        return DAILYMED_LABEL.format(self.dailymed_setid) if self.dailymed_setid else ""

    def as_stored(self) -> dict[str, str]:
        """The JSON item ``ArticleRevision.references`` holds."""
        return {**asdict(self), "accessed": self.accessed.isoformat()}


def _accessed(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return plain_text(value) if isinstance(value, str) else value


def normalised(references: object) -> object:
    """Stored references with their text as ``plain_text`` makes it; anything else as it came.

    Accepts dates as ``date`` objects (YAML, forms) or ISO strings, and items without
    a set id. What is still wrong afterwards is for ``validate_references`` to refuse.
    """
    if not isinstance(references, list):
        return references
    return [_normalised_item(item) for item in references]


def _normalised_item(item: object) -> object:
    if isinstance(item, Reference):
        return item.as_stored()
    if not isinstance(item, dict):
        return item
    cleaned = {"dailymed_setid": "", **item}
    for name in ("title", "publisher", "url", "dailymed_setid"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = plain_text(cleaned[name])
    if isinstance(cleaned["dailymed_setid"], str):
        cleaned["dailymed_setid"] = cleaned["dailymed_setid"].lower()
    if "accessed" in cleaned:
        cleaned["accessed"] = _accessed(cleaned["accessed"])
    return cleaned


def validate_references(references: object) -> None:
    """The model field's validator: a list of items of exactly the documented shape."""
    if not isinstance(references, list):
        raise ValidationError("References are a list.")
    if len(references) > MAX_REFERENCES:
        raise ValidationError(f"Cite at most {MAX_REFERENCES} references.")
    errors = []
    for number, item in enumerate(references, start=1):
        errors += [f"Reference {number}: {problem}" for problem in _item_problems(item)]
    if errors:
        raise ValidationError(errors)


def _item_problems(item: object, *, in_future_too: bool = True) -> list[str]:
    """What is wrong with one stored item, in words for the editor; empty when nothing."""
    if not isinstance(item, dict) or set(item) != set(FIELDS):
        return [f"give exactly {', '.join(FIELDS)}."]
    if not all(isinstance(item[name], str) for name in FIELDS):
        return ["every part is text."]
    problems = [
        f"{name} is required."
        for name in ("title", "publisher", "url", "accessed")
        if not plain_text(item[name])
    ]
    for name, limit in (("title", TITLE_MAX_LENGTH), ("publisher", PUBLISHER_MAX_LENGTH)):
        if len(item[name]) > limit:
            problems.append(f"keep the {name} to {limit} characters.")
    checks = [(validate_url, item["url"]), (validate_setid, item["dailymed_setid"])]
    for check, value in checks:
        if value:
            problems += _messages(check, value)
    if item["accessed"]:
        problems += _date_problems(item["accessed"], in_future_too=in_future_too)
    return problems


def _messages(check, value) -> list[str]:
    try:
        check(value)
    except ValidationError as error:
        return list(error.messages)
    return []


def _date_problems(value: str, *, in_future_too: bool) -> list[str]:
    try:
        # fromisoformat also reads “20261130” and week dates; the stored form is one.
        day = datetime.date.fromisoformat(value) if len(value) == len("YYYY-MM-DD") else None
    except ValueError:
        day = None
    if day is None:
        return ["give the date accessed as YYYY-MM-DD."]
    return _messages(validate_accessed, day) if in_future_too else []


def stored_references(references: object) -> list[Reference]:
    """The valid items of a stored list as ``Reference`` objects, for pages and forms.

    Anything written past validation (an old row, raw SQL) is left out rather than
    failing a page; the review screen's diff shows stored items as they are.
    """
    if not isinstance(references, list):
        return []
    return [
        Reference(**{**item, "accessed": datetime.date.fromisoformat(item["accessed"])})
        for item in references
        # A date that lies ahead by the server's clock still names a source worth printing.
        if not _item_problems(item, in_future_too=False)
    ]


def reference_lines(references: object) -> list[str]:
    """One line per stored item, for the review screen's diff: every part, the address whole."""
    if not isinstance(references, list):
        return [f"(not a list) {references!r}"]
    return [_line(item) for item in references]


def _line(item: object) -> str:
    if not isinstance(item, dict):
        return repr(item)
    parts = [str(item.get("title", "")), str(item.get("publisher", "")), str(item.get("url", ""))]
    parts.append(f"accessed {item.get('accessed', '')}")
    if item.get("dailymed_setid"):
        parts.append(f"DailyMed set id {item['dailymed_setid']}")
    extra = sorted(set(item) - set(FIELDS))
    parts += [f"{name} {item[name]!r}" for name in extra]
    return " · ".join(parts)


def as_initial(references: Iterable[Reference]) -> list[dict]:
    """Initial data for the article form's reference rows."""
    return [asdict(reference) for reference in references]
