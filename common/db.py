"""Reading from the database on the public site's hottest paths.

On PostgreSQL each of these queries is prepared once per database session and then
executed by name: planning it cost more backend time than running it (pgbench, one
article's reference: 0.23 ms sent as text, 0.07 ms prepared). The name is drawn from
the query's text, so a changed query is a new statement. Behind a pooler that does not
keep a session's prepared statements (PgBouncer in transaction mode), set
MEDINFO_PREPARED_QUERIES=false.
"""

import functools
import hashlib

from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    InterfaceError,
    OperationalError,
    connections,
)


@functools.lru_cache(maxsize=64)
def with_tables(template: str, **models) -> str:
    """``template`` with each ``{name}`` replaced by the table of the model passed as ``name``
    (names it does not use are ignored): written-out SQL that follows the models."""
    return template.format(**{name: model._meta.db_table for name, model in models.items()})


def fetch_checking_the_connection(sql: str, params: list, *, consistent=None) -> list[tuple]:
    """The rows of a read-only ``sql``, whose own round trip checks the connection.

    ``consistent(rows)``: whether rows from the prepared statement can be trusted (see
    ``_fetch``); the default trusts any non-empty answer.

    With CONN_HEALTH_CHECKS a connection kept from an earlier request costs a
    ``SELECT 1`` before its first query: a second round trip on a warm article page or
    hub, whose only query this is. Here the query itself is the check: if the database
    dropped the connection meanwhile (a restart, a failover), it fails at once without
    having read or written anything, and runs again on a new connection, as the health
    check would have. Inside a transaction, or with the check off, Django's rules apply.
    """
    # Looked up once: each use of django.db.connection looks it up again.
    conn = connections[DEFAULT_DB_ALIAS]
    optimistic = (
        conn.health_check_enabled
        and conn.connection is not None
        and not conn.health_check_done
        and not conn.in_atomic_block
    )
    if not optimistic:
        return _fetch(conn, sql, params, consistent)
    conn.health_check_done = True
    try:
        return _fetch(conn, sql, params, consistent)
    except (OperationalError, InterfaceError):
        if conn.is_usable():
            raise  # the connection works: the error is the query's own
        conn.close()
    return _fetch(conn, sql, params, consistent)


# PostgreSQL's SQLSTATEs for EXECUTE of a name the session has not prepared, for
# PREPARE of a name it has, and for EXECUTE of a plan whose result columns changed type
# ("cached plan must not change result type": a migration altered a column meanwhile).
INVALID_STATEMENT_NAME = "26000"
DUPLICATE_STATEMENT = "42P05"
PLAN_OUTDATED = "0A000"


def _fetch(conn, sql, params, consistent):
    """The rows of ``sql``, from its prepared statement where that is safe.

    An EXECUTE takes its snapshot before it waits for a table's lock, unlike a query
    sent as text: one that waited out a migration rewriting a table (ALTER COLUMN …
    TYPE) reads the new table as empty, so a live page answered 404 during such a
    migration (outside attack). An empty answer, or one ``consistent`` rejects (a LEFT
    JOIN's missing row), is therefore asked again as text: a rewritten table in an inner
    join empties the whole answer.
    """
    if not _may_prepare(conn):
        return _fetch_as_text(conn, sql, params)
    rows = _fetch_prepared_directly(conn, sql, params)
    if rows is None:
        rows = _fetch_prepared(conn, sql, params)
    if rows and (consistent is None or consistent(rows)):
        return rows
    return _fetch_as_text(conn, sql, params)


def _fetch_as_text(conn, sql, params):
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fetch_prepared(conn, sql, params) -> list[tuple]:
    """The rows of ``sql``'s statement through Django's cursor, prepared first if this
    session has not; none when the session lost it or it is outdated."""
    name, prepare, execute = _statements(sql)
    with conn.cursor() as cursor:
        # Asked once the cursor has connected: a new connection is a new session.
        prepared = _prepared_in_this_session(conn)
        try:
            if name not in prepared:
                _prepare(cursor, prepare)
                prepared.add(name)
            cursor.execute(execute, params)
            return cursor.fetchall()
        except DatabaseError as error:
            # Deallocated behind our back (a pooler's DISCARD ALL), or outdated by a
            # migration: plain SQL this time, prepared afresh next time.
            if _sqlstate(error) not in (INVALID_STATEMENT_NAME, PLAN_OUTDATED):
                raise
            # Every statement of this session may be outdated alike.
            cursor.execute("DEALLOCATE ALL")
            prepared.clear()
            return []


def _fetch_prepared_directly(conn, sql, params) -> list[tuple] | None:
    """The rows of ``sql``'s statement, prepared in this session already, from the driver's
    own cursor; None when it cannot be done that way.

    Django's cursor wrapper costs a warm article page a twentieth of its server time.
    Whoever watches the queries (``assertNumQueries``, ``CaptureQueriesContext``, an
    ``execute_wrapper``, DEBUG) gets the wrapper, and so sees every query. Errors are
    Django's, as through the wrapper; a statement the session lost is left to ``_fetch``.
    """
    if conn.connection is None or conn.queries_logged or conn.execute_wrappers:
        return None
    name, _prepare_sql, execute = _statements(sql)
    if name not in _prepared_in_this_session(conn):
        return None
    try:
        with conn.wrap_database_errors, conn.create_cursor() as cursor:
            cursor.execute(execute, params)
            return cursor.fetchall()
    except DatabaseError as error:
        if _sqlstate(error) not in (INVALID_STATEMENT_NAME, PLAN_OUTDATED):
            raise
        return None


def _prepare(cursor, prepare):
    try:
        cursor.execute(prepare)
    except DatabaseError as error:
        if _sqlstate(error) != DUPLICATE_STATEMENT:  # prepared already: as good
            raise


def _sqlstate(error):
    return getattr(error.__cause__, "pgcode", None)


def _may_prepare(conn):
    """PostgreSQL, outside a transaction (where a failed EXECUTE could not be retried)."""
    return (
        conn.vendor == "postgresql"
        and settings.MEDINFO_PREPARED_QUERIES
        and not conn.in_atomic_block
    )


def _prepared_in_this_session(conn) -> set[str]:
    """The names this database session has prepared (a new connection has none)."""
    raw = conn.connection
    if getattr(conn, "medinfo_prepared_for", None) is not raw:
        conn.medinfo_prepared_for = raw
        conn.medinfo_prepared = set()
    return conn.medinfo_prepared


@functools.lru_cache(maxsize=64)
def _statements(sql: str) -> tuple[str, str, str]:
    """(name, PREPARE, EXECUTE) for ``sql``, its name drawn from its text."""
    if "%%" in sql:
        raise ValueError("a prepared query cannot hold a literal %")
    count = sql.count("%s")
    numbered = sql
    for number in range(1, count + 1):
        numbered = numbered.replace("%s", f"${number}", 1)
    name = "medinfo_" + hashlib.md5(sql.encode(), usedforsecurity=False).hexdigest()[:24]
    arguments = f"({', '.join(['%s'] * count)})" if count else ""
    return name, f"PREPARE {name} AS {numbered}", f"EXECUTE {name}{arguments}"
