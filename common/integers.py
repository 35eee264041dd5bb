"""Integer lookups that a value out of the column's range cannot break.

Django answers ``pk=<30 digits>`` with "no such row" (its ``exact`` lookup checks the
backend's range), but not ``pk__in=[<30 digits>]``: SQLite's driver raises
OverflowError, a 500 wherever a form's ModelMultipleChoiceField (an admin
many-to-many field, a filter) reads a forged value. The ``in`` lookup below leaves
out values no row of that column can hold, as ``exact`` does; with none left the
query is empty. Registered once, from the editorial app's ready().

Why every integer column, not a form field or a lookup on our own fields: Django
registers its own range-checking integer lookups (``IntegerFieldExact``,
``IntegerGreaterThan`` … in ``django.db.models.lookups``) on ``IntegerField`` in the
same way, and this one completes that set. The forged ids reach ``pk__in`` through
Django's code for every model: ``ModelMultipleChoiceField`` (the admin's
many-to-many fields, Django's user and group forms included), the autocomplete
widgets, and ``?id__in=`` in any admin list's address. A fix in our form fields or
ModelAdmins would leave those of Django's and the installed apps' models open.
Outside SQLite it changes no answer: an id out of the column's range matches no row.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class InIntegerRange(In):
    """``field__in=[…]`` on an integer column, ignoring values outside its range."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            lowest, highest = connection.ops.integer_field_range(internal_type)
            self.rhs = [value for value in self.rhs if _within(value, lowest, highest)]
        return super().process_rhs(compiler, connection)


def _within(value, lowest, highest):
    if not isinstance(value, int):
        return True  # not an integer the range can judge (None, an expression): as before
    return (lowest is None or value >= lowest) and (highest is None or value <= highest)


def keep_integer_lookups_in_range():
    """Make every integer column's ``in`` lookup ignore values out of its range."""
    IntegerField.register_lookup(InIntegerRange)
