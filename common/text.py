"""Plain text as people see it: normalised input and look-alike-proof name keys.

Every plain-text value a person types (names, notes, titles, leads, comments,
ad text) goes through ``plain_text`` before it is validated or stored:

* NFC, so “é” typed in two ways is one string;
* control characters (Cc), format characters (Cf: zero-width spaces and joiners,
  bidi overrides, soft hyphens), surrogates (Cs), private-use (Co) and unassigned
  (Cn) code points, and the other default-ignorable characters that render as
  nothing (variation selectors, Hangul fillers, the blank Braille pattern) are
  removed; so are combining marks with no letter to sit on at the start;
* every other kind of space (no-break, em, ideographic …) becomes a plain space.
  Single-line fields turn line breaks and tabs into spaces too and collapse runs
  of spaces; multi-line fields (``TextField``) keep ``\\n`` and ``\\t``, turn the
  other line separators (``\\r``, vertical tab, form feed, U+2028/2029) into
  ``\\n`` and drop trailing spaces on each line;
* leading and trailing whitespace goes.

So a value of only spaces and invisible characters is empty, and “required”
fails. Emoji joined with a zero-width joiner fall apart into their parts, and
scripts that need ZWJ/ZWNJ lose them: acceptable for an English-language site
whose names must not hide anything.

``name_key`` is what brand, drug and condition names are unique by: the Unicode
TS #39 confusable skeleton of the case-folded text with its diacritics removed
(``base_letters``), so “Savella”, “SAVELLA”, “Savеlla” (Cyrillic е), “Ｓavella”,
“Savélla” and “Zołoft” beside “Zoloft” share a key with their plain twin.

This module imports no project models, so data apps can use it.
"""

import functools
import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, overload

from confusable_homoglyphs.confusables import confusables_data
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

if TYPE_CHECKING:  # the mixins below are only ever mixed into models
    _ModelBase = models.Model
else:
    _ModelBase = object

INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Default-ignorable or blank-rendering characters outside the categories above.
INVISIBLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors
    (0x2800, 0x2800),  # Braille pattern blank
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
COMBINING = frozenset({"Mn", "Mc", "Me"})
SPACE_RUNS = re.compile(r" {2,}")
TRAILING_SPACES = re.compile(r"[ \t]+\n")
NAME_KEY_MAX_LENGTH = 255
BLANK_MESSAGE = "This field cannot be blank: spaces and invisible characters do not count."
LOOK_ALIKE_NOTE = (
    "Names that differ only in letter case, accents or look-alike letters count as the same."
)
# Letters with a stroke or bar through them do not decompose under NFKD, yet read
# as their plain letter (“Zołoft” as “Zoloft”), so they are mapped by hand.
STROKE_LETTERS = str.maketrans(
    "łŁøØđĐħĦŧŦƀɃɨƗƚȽɍɌɏɎƶƵǥǤȼȻɇɆɉɈꝁꝀᵽⱣʉɄ",
    "lLoOdDhHtTbBiIlLrRyYzZgGcCeEjJkKpPuU",
)


def _is_invisible(char: str) -> bool:
    if unicodedata.category(char) in INVISIBLE_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in INVISIBLE_RANGES)


def _visible_char(char: str, multiline: bool) -> str:
    """What one character becomes: itself, a space, a line break or nothing."""
    if char == "\t" and multiline:
        return char
    if char in LINE_BREAKS:
        return "\n" if multiline else " "
    if char.isspace():
        return " "
    return "" if _is_invisible(char) else char


class _VisibleChars(dict[int, str]):
    """What each character becomes (``_visible_char``), decided once per character.

    ``str.translate`` looks every character up here, so a long text costs a table
    lookup a character instead of a Python call: the article form put 5,000 characters
    through ``plain_text`` per view, 6 ms (issue #15). The first ``LIMIT`` characters
    seen are remembered; any others are decided each time, so no input can grow it.
    """

    LIMIT = 8192

    def __init__(self, multiline: bool):
        super().__init__()
        self.multiline = multiline

    def __missing__(self, code: int) -> str:
        visible = _visible_char(chr(code), self.multiline)
        if len(self) < self.LIMIT:
            self[code] = visible
        return visible


_VISIBLE_CHARS = {False: _VisibleChars(multiline=False), True: _VisibleChars(multiline=True)}


@overload
def plain_text(value: None, *, multiline: bool = False) -> None: ...
@overload
def plain_text(value: str, *, multiline: bool = False) -> str: ...


def plain_text(value: object, *, multiline: bool = False) -> str | None:
    """``value`` normalised as described in the module docstring; ``None`` stays ``None``."""
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n")
    text = text.translate(_VISIBLE_CHARS[multiline])
    text = unicodedata.normalize("NFC", text)
    text = TRAILING_SPACES.sub("\n", text + "\n") if multiline else SPACE_RUNS.sub(" ", text)
    text = text.strip()
    while text and unicodedata.category(text[0]) in COMBINING:
        text = text[1:].lstrip()
    return text


@functools.cache
def _prototypes() -> dict[str, str]:
    """TS #39 confusables as {character: prototype}, from confusable-homoglyphs' data.

    That data lists each pair in both directions; the file it comes from maps every
    source character to one prototype, so each group of look-alikes is a star whose
    centre (or, for a pair, its multi-character or ASCII member) is the prototype.
    """
    neighbours: dict[str, set[str]] = {}
    for source, entries in confusables_data.items():
        for entry in entries:
            first, second = _unwrap(source), _unwrap(entry["c"])
            neighbours.setdefault(first, set()).add(second)
            neighbours.setdefault(second, set()).add(first)
    table: dict[str, str] = {}
    for char, others in neighbours.items():
        if len(char) == 1 and char not in table:
            table.update(_star(char, others, neighbours))
    return _closed({char: prototype for char, prototype in table.items() if char != prototype})


def _unwrap(text: str) -> str:
    # The data wraps right-to-left characters in left-to-right marks for display.
    return text.replace("\u200e", "").replace("\u200f", "")


def _star(char: str, others: set[str], neighbours: dict[str, set[str]]) -> dict[str, str]:
    """{member: prototype} for the group of look-alikes ``char`` belongs to."""
    centre = next(iter(others)) if len(others) == 1 else char
    members = {centre, *neighbours[centre]}
    if len(members) == 2:
        centre = min(members, key=lambda member: (len(member) == 1, not member.isascii(), member))
    return {member: centre for member in members if len(member) == 1}


def _closed(table: dict[str, str]) -> dict[str, str]:
    """``table`` with its prototypes mapped through it until nothing changes (idempotence)."""
    changed = True
    while changed:
        changed = False
        for char, prototype in table.items():
            mapped = _map(prototype, table)
            if mapped != prototype:
                table[char], changed = mapped, True
    return table


def _map(text: str, table: dict[str, str]) -> str:
    mapped = "".join(table.get(char, char) for char in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def skeleton(text: str) -> str:
    """The TS #39 skeleton of ``text``: NFD, each character to its prototype, NFD again."""
    return _map(text, _prototypes())


def base_letters(text: str) -> str:
    """``text`` without diacritics: NFKD, combining marks dropped, stroked letters plain.

    “Prózac” → “Prozac”, “Zołoft” → “Zoloft”, “Ｓ” → “S”; other scripts keep their letters.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    unmarked = "".join(char for char in decomposed if unicodedata.category(char) not in COMBINING)
    return unmarked.translate(STROKE_LETTERS)


def name_key(value: str | None) -> str:
    """What names are unique by: “Savella”, “SAVELLA”, “Savеlla” (Cyrillic е), “Savélla” share one."""
    text = base_letters(plain_text(value or "").casefold())
    # Prototypes may be capitals (the digit zero's is “O”) or carry marks, so fold again.
    key = base_letters(skeleton(text).casefold())
    if len(key) > NAME_KEY_MAX_LENGTH:  # keep rare huge expansions inside the column
        digest = hashlib.sha256(key.encode()).hexdigest()
        key = key[: NAME_KEY_MAX_LENGTH - len(digest) - 1] + "#" + digest
    return key


def name_key_field() -> models.CharField:
    """The stored, non-editable key column of a model that uses ``UniqueNameMixin``."""
    return models.CharField(
        "name key",
        max_length=NAME_KEY_MAX_LENGTH,
        editable=False,
        default="",
        help_text="Filled on save: the name case-folded with look-alike letters unified.",
    )


def fill_name_keys(model: Any, source_field: str, *, unique: bool = True) -> None:
    """Data-migration helper: store every row's ``name_key``; stop at names that look the same."""
    rows = list(model._default_manager.only("pk", source_field))
    seen: dict[str, str] = {}
    for row in rows:
        name = getattr(row, source_field)
        row.name_key = name_key(name)
        if unique and seen.setdefault(row.name_key, name) != name:
            raise RuntimeError(
                f"{model._meta.verbose_name}: “{seen[row.name_key]}” and “{name}” look the same. "
                "Rename one of them, then migrate again."
            )
    model._default_manager.bulk_update(rows, ["name_key"], batch_size=1000)


def is_plain_text_field(field: object) -> bool:
    """Whether a model field holds plain text a person types.

    Slugs and choices have validators of their own, non-editable fields are
    derived by code, and rich text fields (``plain_text = False``) are sanitised.
    """
    return (
        isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField)
        and getattr(field, "plain_text", True)
    )


def _concrete_field(instance: models.Model, name: str) -> models.Field:
    """The concrete field ``name`` of ``instance``'s model (a column, not a relation's reverse)."""
    return next(field for field in instance._meta.concrete_fields if field.name == name)


class PlainTextMixin(_ModelBase):
    """Normalises every plain-text field (see ``plain_text``) in ``clean_fields`` and ``save``.

    Listed first in a model's bases. ``save(update_fields=…)`` normalises only
    those fields, so saving the status of a frozen revision never rewrites its text.
    """

    def normalise_plain_text(self, only: Collection[str] | None = None) -> list[str]:
        """Normalise in place; return the names of fields that held only invisible text."""
        emptied = []
        for field in self._meta.concrete_fields:
            if not is_plain_text_field(field) or (only is not None and field.name not in only):
                continue
            value = getattr(self, field.attname)
            if isinstance(value, str):
                cleaned = plain_text(value, multiline=isinstance(field, models.TextField))
                if value and not cleaned:
                    emptied.append(field.name)
                setattr(self, field.attname, cleaned)
        return emptied

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        exclude = set(exclude or ())
        errors = {
            name: [ValidationError(BLANK_MESSAGE, code="blank")]
            for name in self.normalise_plain_text()
            if name not in exclude and not _concrete_field(self, name).blank
        }
        try:
            super().clean_fields(exclude=exclude | set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalise_plain_text(only=kwargs.get("update_fields"))
        super().save(*args, **kwargs)


class UniqueNameMixin(PlainTextMixin):
    """A name unique by ``name_key``: no letter case or look-alike letter makes a second one.

    The model declares ``name_key = name_key_field()`` with a ``UniqueConstraint``
    on it and a ``PlainTextQuerySet`` manager (so bulk inserts fill the key too),
    names the field in ``unique_name_field`` and lists in ``name_rivals()`` the rows
    its name must not look like, so the admin shows which one it clashes with.
    """

    unique_name_field = "name"

    def name_rivals(self) -> list[tuple[models.QuerySet, str]]:
        """[(queryset, message)]: rows whose names this one must not look like."""
        return [
            (
                type(self)._default_manager.exclude(pk=self.pk),
                "This name is already used. It looks the same as “{rival}”.",
            )
        ]

    def normalise_plain_text(self, only: Collection[str] | None = None) -> list[str]:
        emptied = super().normalise_plain_text(only)
        if only is None or self.unique_name_field in only:
            self.name_key = name_key(getattr(self, self.unique_name_field))
        return emptied

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.unique_name_field in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # The key is not a form field, so its clash is reported on the name itself.
        exclude = set(exclude or ())
        errors: dict[str, Any] = {}
        try:
            super().validate_constraints(exclude=exclude | {"name_key"})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        field = self.unique_name_field
        clash = None if field in exclude | set(errors) else self.name_clash()
        if clash:
            errors[field] = [ValidationError(clash, code="name_clash")]
        if errors:
            raise ValidationError(errors)

    def name_clash(self) -> str | None:
        """The message about the first rival whose name looks like this one, or ``None``."""
        key = name_key(getattr(self, self.unique_name_field))
        for queryset, message in self.name_rivals():
            rival = queryset.filter(name_key=key).first()
            if rival is not None:
                return f"{message.format(rival=rival)} {LOOK_ALIKE_NOTE}"
        return None


class PlainTextQuerySet(models.QuerySet):
    """``bulk_create`` and ``bulk_update`` normalise too, so no bulk write skips a name key."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        for obj in objs:
            obj.normalise_plain_text()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(
        self, objs: Iterable[Any], fields: Iterable[str], batch_size: int | None = None
    ) -> int:
        objs, fields = list(objs), list(fields)
        for obj in objs:
            obj.normalise_plain_text(only=fields)
        if getattr(self.model, "unique_name_field", None) in fields:
            fields = [*fields, "name_key"]
        return super().bulk_update(objs, fields, batch_size=batch_size)


class PlainTextFormField(forms.CharField):
    """A form field whose value is ``plain_text``: invisible-only input counts as empty."""

    def __init__(self, *, multiline: bool = False, **kwargs: Any) -> None:
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str | None:
        return plain_text(super().to_python(value), multiline=self.multiline)
