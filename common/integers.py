"""Integer lookups that a value out of the column's range cannot break.

Django answers ``pk=<30 digits>`` with "no such row" (its ``exact`` lookup checks the
backend's range), but not ``pk__in=[<30 digits>]``: SQLite's driver raises
OverflowError, a 500 wherever a form's ModelMultipleChoiceField (an admin
many-to-many field, a filter) reads a forged value. The ``in`` lookup below leaves
out values no row of that column can hold, as ``exact`` does; with none left the
query is empty. Registered once, from the editorial app's ready().
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
