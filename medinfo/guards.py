"""Database triggers that keep submitted revisions and the review log as they were written.

``ArticleRevision.save`` refuses to change a submitted revision, but
``QuerySet.update()``, ``bulk_update()`` and raw SQL never call it, and an
expression skips the body's sanitiser too. These triggers, installed by
migration 0009 on PostgreSQL and SQLite alike, make the database refuse:

- any change to the words, references, facts or identity of a revision that is
  no longer a draft (title, lead, body, search description, references, facts,
  article, number, author, created and, once set, submitted);
- a status that moves anywhere but forward: draft → in review → approved or
  changes requested;
- a change to the decision and byline columns except in the UPDATE that
  records the decision (in review → approved or changes requested); the one
  exception is a byline left empty by a decision made before bylines were
  frozen, which may be filled once (migration 0010 backfills them);
- deleting any submitted revision (drafts may be deleted);
- updating or deleting a review event; on PostgreSQL also TRUNCATE of either table;
- for review comments (migration 0022): any change to a comment but its status
  (open or resolved), deleting one, and updating or deleting a comment event (the
  comments' append-only log); on PostgreSQL also TRUNCATE of either table.

The search columns, ``version`` and ``updated_at`` stay writable: search
indexing derives them, and they are not what a pharmacist approved.

A refused write raises ``django.db.IntegrityError`` whose message starts with
``medinfo guard:``. The only way past the guards is a whole-database wipe:
``manage.py flush`` (the override in ``medinfo/management/commands/flush.py``)
lifts them with ``lifted_guards`` inside the transaction that empties every
table and puts them back before it commits. ``restore --replace`` needs no such
help: it swaps the whole database file (SQLite) or drops and recreates the
tables with ``pg_restore --clean`` (PostgreSQL), which fires no row trigger.

On SQLite, a later migration that rebuilds one of these tables (most ``AlterField``
and many ``AddField`` operations do) drops its triggers with the old table;
such a migration must end with ``RunPython(install_guards_operation)``.
``tests/medinfo/test_revision_guards.py`` fails when a guard is missing.

The guards cover those of ``CONTENT_COLUMNS`` the table has when they are
installed: migration 0009 installs them before later columns exist (a trigger
naming a missing column would fail every update), and the migration that adds a
content column installs them again, e.g. 0014 for ``references``.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps.registry import Apps
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.backends.utils import CursorWrapper

Trigger = tuple[str, str, str]  # (name, table, CREATE statement)

PREFIX = "medinfo_guard_"
REVISIONS = "medinfo_articlerevision"
EVENTS = "medinfo_reviewevent"
COMMENTS = "medinfo_comment"
COMMENT_EVENTS = "medinfo_commentevent"

# The messages both databases give; tests and operators recognise them by the prefix.
CONTENT_FROZEN = "medinfo guard: the words, facts and identity of a submitted revision never change"
STATUS_FORWARD = (
    "medinfo guard: a revision status only moves forward "
    "(draft, in review, then approved or changes requested)"
)
DECISION_ONCE = (
    "medinfo guard: the reviewer, decision and byline are written once, with the decision"
)
SUBMITTED_KEPT = "medinfo guard: a submitted revision cannot be deleted"
EVENTS_APPEND_ONLY = "medinfo guard: review events are append-only"
# No apostrophes: the messages sit inside SQL string literals.
COMMENT_KEPT = (
    "medinfo guard: the words and anchor of a comment never change and it is kept; "
    "only its status moves"
)
COMMENT_EVENTS_APPEND_ONLY = "medinfo guard: comment events are append-only"
NO_TRUNCATE = "medinfo guard: these rows are kept; only manage.py flush may empty the table"

CONTENT_COLUMNS = (
    "id", "article_id", "number", "title", "lead", "body", "search_description", "facts",
    "author_id", "created_at", "references",
)  # fmt: skip
DECISION_COLUMNS = ("reviewer_id", "reviewed_at", "decision_comment")
BYLINE_COLUMNS = ("reviewer_name", "reviewer_credentials")
# Every column of a comment but ``status``, the one that resolving and reopening write.
COMMENT_COLUMNS = (
    "id", "article_id", "revision_id", "author_id", "anchor_kind", "field", "block_index",
    "fact_path", "anchor_digest", "quote", "text", "created_at",
)  # fmt: skip
DECIDING = "OLD.status = 'in_review' AND NEW.status IN ('approved', 'changes_requested')"
SUBMITTING = "OLD.status = 'draft' AND NEW.status = 'in_review'"
BYLINE_MISSING = "OLD.status IN ('approved', 'changes_requested') AND OLD.reviewer_name = ''"


def _any_changed(columns: Iterable[str], differs: str) -> str:
    """SQL that is true when any of ``columns`` differs between OLD and NEW."""
    # Quoted: “references” is a reserved word in both databases.
    return " OR ".join(f'NEW."{column}" {differs} OLD."{column}"' for column in columns)


def _decision_rewritten(differs: str) -> str:
    """SQL that is true when a decided revision's decision or (already filled) byline changes."""
    return (
        f"{_any_changed(DECISION_COLUMNS, differs)} OR "
        f"(({_any_changed(BYLINE_COLUMNS, differs)}) AND NOT ({BYLINE_MISSING}))"
    )


def _sqlite_trigger(name: str, event: str, table: str, condition: str, message: str) -> str:
    return (
        f"CREATE TRIGGER {PREFIX}{name} BEFORE {event} ON {table} FOR EACH ROW "
        f"WHEN {condition} BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


def sqlite_statements(
    content_columns: Iterable[str] = CONTENT_COLUMNS, *, comments: bool = True
) -> list[str]:
    """CREATE TRIGGER statements for SQLite, where a trigger body is SQL without branches.

    ``comments``: whether the comment tables exist yet (migration 0018 creates them).
    """
    return [
        _sqlite_trigger(
            "revision_content", "UPDATE", REVISIONS,
            f"OLD.status <> 'draft' AND ({_any_changed(content_columns, 'IS NOT')} OR "
            "(OLD.submitted_at IS NOT NULL AND NEW.submitted_at IS NOT OLD.submitted_at))",
            CONTENT_FROZEN,
        ),
        _sqlite_trigger(
            "revision_status", "UPDATE", REVISIONS,
            f"NEW.status IS NOT OLD.status AND NOT (({SUBMITTING}) OR ({DECIDING}))",
            STATUS_FORWARD,
        ),
        _sqlite_trigger(
            "revision_decision", "UPDATE", REVISIONS,
            f"OLD.status <> 'draft' AND NOT ({DECIDING}) AND ({_decision_rewritten('IS NOT')})",
            DECISION_ONCE,
        ),
        _sqlite_trigger(
            "revision_delete", "DELETE", REVISIONS, "OLD.status <> 'draft'", SUBMITTED_KEPT
        ),
        _sqlite_trigger("reviewevent_update", "UPDATE", EVENTS, "1", EVENTS_APPEND_ONLY),
        _sqlite_trigger("reviewevent_delete", "DELETE", EVENTS, "1", EVENTS_APPEND_ONLY),
    ] + (_sqlite_comment_statements() if comments else [])  # fmt: skip


def _sqlite_comment_statements() -> list[str]:
    return [
        _sqlite_trigger("comment_update", "UPDATE", COMMENTS,
                        _any_changed(COMMENT_COLUMNS, "IS NOT"), COMMENT_KEPT),
        _sqlite_trigger("comment_delete", "DELETE", COMMENTS, "1", COMMENT_KEPT),
        _sqlite_trigger("commentevent_update", "UPDATE", COMMENT_EVENTS, "1",
                        COMMENT_EVENTS_APPEND_ONLY),
        _sqlite_trigger("commentevent_delete", "DELETE", COMMENT_EVENTS, "1",
                        COMMENT_EVENTS_APPEND_ONLY),
    ]  # fmt: skip


def _refuse(message: str) -> str:
    return (
        f"RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = '{message}'"
    )


def postgres_functions(content_columns: Iterable[str] = CONTENT_COLUMNS) -> dict[str, str]:
    """One PL/pgSQL function body per rule set; the UPDATE checks mirror the SQLite triggers."""
    return {
        "revision_update": f"""
        BEGIN
          IF NEW.status IS DISTINCT FROM OLD.status AND NOT (({SUBMITTING}) OR ({DECIDING})) THEN
            {_refuse(STATUS_FORWARD)};
          END IF;
          IF OLD.status = 'draft' THEN
            RETURN NEW;
          END IF;
          IF {_any_changed(content_columns, "IS DISTINCT FROM")}
             OR (OLD.submitted_at IS NOT NULL AND NEW.submitted_at IS DISTINCT FROM OLD.submitted_at)
          THEN
            {_refuse(CONTENT_FROZEN)};
          END IF;
          IF NOT ({DECIDING}) AND ({_decision_rewritten("IS DISTINCT FROM")}) THEN
            {_refuse(DECISION_ONCE)};
          END IF;
          RETURN NEW;
        END""",
        "revision_delete": f"""
        BEGIN
          IF OLD.status <> 'draft' THEN
            {_refuse(SUBMITTED_KEPT)};
          END IF;
          RETURN OLD;
        END""",
        "reviewevent_change": f"BEGIN {_refuse(EVENTS_APPEND_ONLY)}; END",
        "comment_update": f"""
        BEGIN
          IF {_any_changed(COMMENT_COLUMNS, "IS DISTINCT FROM")} THEN
            {_refuse(COMMENT_KEPT)};
          END IF;
          RETURN NEW;
        END""",
        "comment_delete": f"BEGIN {_refuse(COMMENT_KEPT)}; END",
        "commentevent_change": f"BEGIN {_refuse(COMMENT_EVENTS_APPEND_ONLY)}; END",
        "refuse_truncate": f"BEGIN {_refuse(NO_TRUNCATE)}; END",
    }


POSTGRES_FUNCTIONS = tuple(postgres_functions())
POSTGRES_TRIGGERS = [
    ("revision_update", "BEFORE UPDATE", REVISIONS, "ROW", "revision_update"),
    ("revision_delete", "BEFORE DELETE", REVISIONS, "ROW", "revision_delete"),
    ("revision_truncate", "BEFORE TRUNCATE", REVISIONS, "STATEMENT", "refuse_truncate"),
    ("reviewevent_change", "BEFORE UPDATE OR DELETE", EVENTS, "ROW", "reviewevent_change"),
    ("reviewevent_truncate", "BEFORE TRUNCATE", EVENTS, "STATEMENT", "refuse_truncate"),
    ("comment_update", "BEFORE UPDATE", COMMENTS, "ROW", "comment_update"),
    ("comment_delete", "BEFORE DELETE", COMMENTS, "ROW", "comment_delete"),
    ("comment_truncate", "BEFORE TRUNCATE", COMMENTS, "STATEMENT", "refuse_truncate"),
    ("commentevent_change", "BEFORE UPDATE OR DELETE", COMMENT_EVENTS, "ROW",
     "commentevent_change"),
    ("commentevent_truncate", "BEFORE TRUNCATE", COMMENT_EVENTS, "STATEMENT", "refuse_truncate"),
]  # fmt: skip


def postgres_statements(
    content_columns: Iterable[str] = CONTENT_COLUMNS, *, comments: bool = True
) -> list[str]:
    """CREATE FUNCTION and CREATE TRIGGER statements for PostgreSQL (``comments``: as above)."""
    tables = {REVISIONS, EVENTS} | ({COMMENTS, COMMENT_EVENTS} if comments else set())
    functions = [
        f"CREATE OR REPLACE FUNCTION {PREFIX}{name}() RETURNS trigger LANGUAGE plpgsql "
        f"AS $guard${body}$guard$"
        for name, body in postgres_functions(content_columns).items()
    ]
    triggers = [
        f"CREATE TRIGGER {PREFIX}{name} {event} ON {table} "
        f"FOR EACH {level} EXECUTE FUNCTION {PREFIX}{function}()"
        for name, event, table, level, function in POSTGRES_TRIGGERS
        if table in tables
    ]
    return functions + triggers


def installed_triggers(connection: BaseDatabaseWrapper) -> list[Trigger]:
    """[(name, table, CREATE statement)] of the guard triggers present in the database."""
    if connection.vendor == "postgresql":
        query = (
            "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
            "AND pg_table_is_visible(c.oid) AND starts_with(t.tgname::text, %s) ORDER BY t.tgname"
        )
        pattern = PREFIX
    else:
        query = (
            "SELECT name, tbl_name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND name GLOB %s ORDER BY name"
        )
        pattern = f"{PREFIX}*"
    with connection.cursor() as cursor:
        cursor.execute(query, [pattern])
        return cursor.fetchall()


def _drop_triggers(cursor: CursorWrapper, triggers: Iterable[Trigger], vendor: str) -> None:
    for name, table, _definition in triggers:
        target = f"{name} ON {table}" if vendor == "postgresql" else name
        cursor.execute(f"DROP TRIGGER IF EXISTS {target}")


def present_content_columns(connection: BaseDatabaseWrapper) -> list[str]:
    """The ``CONTENT_COLUMNS`` the revision table has now (see the module docstring)."""
    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, REVISIONS)
    present = {column.name for column in table}
    return [column for column in CONTENT_COLUMNS if column in present]


def _statements(connection: BaseDatabaseWrapper) -> list[str]:
    vendor = connection.vendor
    with connection.cursor() as cursor:
        comments = COMMENTS in connection.introspection.table_names(cursor)
    if vendor == "postgresql":
        return postgres_statements(present_content_columns(connection), comments=comments)
    if vendor == "sqlite":
        return sqlite_statements(present_content_columns(connection), comments=comments)
    raise NotImplementedError(f"Revision guards exist for PostgreSQL and SQLite, not {vendor}.")


def install_guards(connection: BaseDatabaseWrapper) -> None:
    """Create (or re-create) every guard; safe to run again."""
    statements = _statements(connection)
    with connection.cursor() as cursor:
        _drop_triggers(cursor, installed_triggers(connection), connection.vendor)
        for statement in statements:
            cursor.execute(statement)


def remove_guards(connection: BaseDatabaseWrapper) -> None:
    """Drop every guard trigger (and, on PostgreSQL, their functions)."""
    with connection.cursor() as cursor:
        _drop_triggers(cursor, installed_triggers(connection), connection.vendor)
        if connection.vendor == "postgresql":
            for name in POSTGRES_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {PREFIX}{name}()")


def install_guards_operation(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """For ``migrations.RunPython``: (re)install the guards."""
    install_guards(schema_editor.connection)


def remove_guards_operation(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """For ``migrations.RunPython``: drop the guards."""
    remove_guards(schema_editor.connection)


@contextmanager
def lifted_guards(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Drop the guard triggers for a whole-database wipe and put exactly them back after.

    Only for emptying every table at once (``manage.py flush``). Use it inside
    ``transaction.atomic``: both databases roll DDL back, so the guards are
    never missing outside the wipe's own transaction, even when it fails.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("Lift the revision guards only inside transaction.atomic().")
    triggers = installed_triggers(connection)
    with connection.cursor() as cursor:
        _drop_triggers(cursor, triggers, connection.vendor)
    yield
    with connection.cursor() as cursor:
        for _name, _table, definition in triggers:
            cursor.execute(definition)
