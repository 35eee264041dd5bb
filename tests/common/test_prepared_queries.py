"""The public site's hottest queries are prepared once per PostgreSQL session (common.db).

Planning the article's reference query cost PostgreSQL more time than running it:
sent as text it took 0.25 ms of backend CPU per signed-in article page, prepared
0.09 ms (issue #15, bench/README.md).
"""

import threading

import pytest
from django.conf import settings
from django.db import DataError, close_old_connections, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from common.db import _statements, fetch_checking_the_connection
from tests.public_site import MILNACIPRAN_TITLE, publish_milnacipran_uses
from website.hubs import _every_subject_joined

ARTICLE_URL = "/drugs/milnacipran/uses/"
PAGES = [ARTICLE_URL, "/drugs/milnacipran/"]
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


@pytest.fixture
def signed_in_reader(client):
    """A visitor the page cache steps aside for (a session cookie), the article live."""
    publish_milnacipran_uses()
    client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    return client


class RecordingCursor:
    """The driver's cursor, with the SQL it runs written down (below Django's wrapper)."""

    def __init__(self, cursor, log):
        self._cursor = cursor
        self._log = log

    def execute(self, sql, params=None):
        self._log.append(self._cursor.mogrify(sql, params).decode())
        return self._cursor.execute(sql, params)

    def __getattr__(self, name):
        return getattr(self._cursor, name)

    def __iter__(self):
        return iter(self._cursor)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._cursor.close()


@pytest.fixture
def driver_sql(monkeypatch):
    """The SQL every cursor of the connection runs, recorded where nobody "watches" it:
    neither ``queries_logged`` nor an ``execute_wrapper``, as on a server."""
    log = []
    conn = connections["default"]
    create_cursor = conn.create_cursor
    monkeypatch.setattr(
        conn, "create_cursor", lambda name=None: RecordingCursor(create_cursor(name), log)
    )
    return log


@pytest.fixture(params=["watched", "unwatched"])
def page_queries(request):
    """(response, the SQL it ran) of one page, on a kept connection as a server keeps it.

    Watched, the SQL is captured as ``assertNumQueries`` does, through Django's cursor
    wrapper; unwatched, below it, and the page takes the driver's cursor where it can.
    """

    def get(client, url=ARTICLE_URL):
        close_old_connections()
        if request.param == "watched":
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            queries = [query["sql"] for query in captured.captured_queries]
        else:
            log = request.getfixturevalue("driver_sql")
            log.clear()
            response = client.get(url)
            queries = list(log)
        assert response.status_code == 200
        return response, queries

    return get


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", PAGES)
def test_warm_page_executes_its_prepared_query(signed_in_reader, page_queries, url):
    """On a kept connection the page's one query is an EXECUTE of a prepared statement.

    Failed before: the query's text was sent, parsed and planned on every request.
    """
    page_queries(signed_in_reader, url)
    response, queries = page_queries(signed_in_reader, url)
    assert len(queries) == 1 and queries[0].startswith("EXECUTE medinfo_")
    assert "milnacipran" in response.content.decode()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_new_connection_prepares_again(signed_in_reader, page_queries):
    """A new database session has no prepared statements: the page prepares its own."""
    page_queries(signed_in_reader)
    connection.close()
    response, queries = page_queries(signed_in_reader)
    assert [sql.split()[0] for sql in queries] == ["PREPARE", "EXECUTE"]
    assert MILNACIPRAN_TITLE in response.content.decode()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_page_survives_statements_deallocated_behind_its_back(signed_in_reader, page_queries):
    """After DEALLOCATE ALL (a pooler's DISCARD ALL does it), the page still answers, from
    the plain query, and prepares again on the next request."""
    page_queries(signed_in_reader)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    response, queries = page_queries(signed_in_reader)
    assert MILNACIPRAN_TITLE in response.content.decode()
    assert queries[-1].lstrip().startswith("SELECT")
    _response, queries = page_queries(signed_in_reader)
    assert [sql.split()[0] for sql in queries] == ["PREPARE", "EXECUTE"]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_prepared_and_plain_answers_agree(signed_in_reader, page_queries, settings):
    """The same page with the statements prepared and with MEDINFO_PREPARED_QUERIES off."""
    prepared, queries = page_queries(signed_in_reader)
    settings.MEDINFO_PREPARED_QUERIES = False
    plain, plain_queries = page_queries(signed_in_reader)
    assert not any(sql.startswith(("PREPARE", "EXECUTE")) for sql in plain_queries)
    assert plain.content == prepared.content


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_query_is_sent_as_text():
    """Inside a transaction a failed EXECUTE could not be retried, so none is tried."""
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        assert fetch_checking_the_connection("SELECT %s + 1", [41]) == [(42,)]
    assert [query["sql"] for query in captured.captured_queries] == ["SELECT 41 + 1"]


def test_statement_name_follows_the_query_text():
    """The same text, the same statement; another text, another; parameters numbered."""
    name, prepare, execute = _statements("SELECT a FROM t WHERE b = %s AND c = %s")
    assert prepare == f"PREPARE {name} AS SELECT a FROM t WHERE b = $1 AND c = $2"  # noqa: S608
    assert execute == f"EXECUTE {name}(%s, %s)"
    assert _statements("SELECT a FROM t WHERE b = %s AND c = %s")[0] == name
    assert _statements("SELECT a FROM t WHERE c = %s AND b = %s")[0] != name
    with pytest.raises(ValueError):
        _statements("SELECT '100%%' WHERE a = %s")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_page_survives_preparing_a_statement_the_session_has(signed_in_reader, page_queries):
    """If the process forgot what the session prepared, PREPARE's "already exists" is no
    error: the page executes the statement the session holds."""
    page_queries(signed_in_reader)
    connection.medinfo_prepared = set()
    response, queries = page_queries(signed_in_reader)
    assert MILNACIPRAN_TITLE in response.content.decode()
    assert queries[-1].startswith("EXECUTE medinfo_")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_page_survives_a_migration_that_changes_a_column_type(signed_in_reader, page_queries):
    """A release migration that widens a column the query returns makes PostgreSQL refuse
    the prepared plan ("cached plan must not change result type"): the page answers from
    the plain query and prepares afresh, on the very next request.

    Failed before (outside attack): 500 on every warm connection until it was recycled.
    """
    page_queries(signed_in_reader)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_attribute "
                       "WHERE attrelid = 'medinfo_articlerevision'::regclass AND attname = 'title'")  # fmt: skip
        (title_type,) = cursor.fetchone()
    try:
        for new_type in ("varchar(250)", title_type):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"ALTER TABLE medinfo_articlerevision ALTER COLUMN title TYPE {new_type}"  # noqa: S608
                )
            response, _queries = page_queries(signed_in_reader)
            assert MILNACIPRAN_TITLE in response.content.decode()
            response, queries = page_queries(signed_in_reader, "/drugs/milnacipran/")
            assert MILNACIPRAN_TITLE in response.content.decode()
            _response, queries = page_queries(signed_in_reader)
            assert queries[-1].startswith("EXECUTE medinfo_")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                f"ALTER TABLE medinfo_articlerevision ALTER COLUMN title TYPE {title_type}"
            )  # noqa: S608


def rewrite_revisions_meanwhile(seconds):
    """A migration rewriting the revision table (ALTER COLUMN … TYPE), holding its lock
    for ``seconds`` from another connection; returns the thread that commits it."""
    writer = connections.create_connection("default")
    writer.ensure_connection()
    raw = writer.connection  # psycopg2's connection may be committed from another thread
    raw.autocommit = False
    with raw.cursor() as cursor:
        cursor.execute(
            "SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = 'medinfo_articlerevision'::regclass AND attname = 'title'"
        )
        (title_type,) = cursor.fetchone()
        # To text keeps the rows; back to the original type rewrites every one of them.
        cursor.execute("ALTER TABLE medinfo_articlerevision ALTER COLUMN title TYPE text")
        cursor.execute(f"ALTER TABLE medinfo_articlerevision ALTER COLUMN title TYPE {title_type}")  # noqa: S608

    def commit():
        raw.commit()
        raw.close()

    timer = threading.Timer(seconds, commit)
    timer.start()
    return timer


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", PAGES)
def test_live_page_that_waited_out_a_table_rewrite_is_found(signed_in_reader, page_queries, url):
    """A request that waits for a migration rewriting the revision table still finds the
    live page: an EXECUTE's snapshot predates its wait and reads the new table as empty,
    so an empty answer is asked again as text.

    Failed before (outside attack): 404 for live pages while such a migration ran.
    """
    page_queries(signed_in_reader, url)
    timer = rewrite_revisions_meanwhile(0.5)
    try:
        response, queries = page_queries(signed_in_reader, url)
    finally:
        timer.join()
    assert response.status_code == 200
    assert "milnacipran" in response.content.decode().lower()
    assert queries[0].startswith("EXECUTE") and queries[-1].lstrip().startswith("SELECT")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_rejected_prepared_answer_is_asked_again_as_text():
    """An answer ``consistent`` rejects comes from the plain query."""
    with CaptureQueriesContext(connection) as captured:
        rows = fetch_checking_the_connection("SELECT %s + 1", [41], consistent=lambda rows: False)
    assert rows == [(42,)]
    sql = [query["sql"] for query in captured.captured_queries]
    assert sql[-2].startswith("EXECUTE") and sql[-1] == "SELECT 41 + 1"


def test_hub_rows_missing_a_joined_subject_are_not_trusted():
    """A drug or condition id without its slug can only come from a table being rewritten."""
    row = (1, 2, "uses", 3, "milnacipran", None, None, "What Is Milnacipran Used For?")
    assert _every_subject_joined([row])
    assert not _every_subject_joined([row, (4, 5, "uses", 6, None, None, None, "Title")])
    assert not _every_subject_joined([(4, 5, "overview", None, None, 7, None, "Title")])


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_unwatched_warm_page_skips_djangos_cursor_wrapper(
    signed_in_reader, driver_sql, monkeypatch
):
    """On a server (nobody watching the queries) the warm page's EXECUTE runs on the driver's
    cursor: Django's wrapper cost it a twentieth of its server time."""
    client = signed_in_reader
    assert client.get(ARTICLE_URL).status_code == 200  # prepares the statement
    wrapped = []
    conn = connections["default"]
    cursor = conn.cursor
    monkeypatch.setattr(conn, "cursor", lambda: wrapped.append(1) or cursor())
    driver_sql.clear()
    response = client.get(ARTICLE_URL)
    assert MILNACIPRAN_TITLE in response.content.decode()
    assert len(driver_sql) == 1 and driver_sql[0].startswith("EXECUTE medinfo_")
    assert wrapped == []


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_unwatched_empty_answer_is_asked_again_as_text(driver_sql):
    """An empty answer from the driver's cursor is asked as text once, not executed again."""
    query = "SELECT 1 WHERE %s > 1"
    assert fetch_checking_the_connection(query, [0]) == []  # prepares
    driver_sql.clear()
    assert fetch_checking_the_connection(query, [0]) == []
    assert [sql.split()[0] for sql in driver_sql] == ["EXECUTE", "SELECT"]
    assert fetch_checking_the_connection(query, [5]) == [(1,)]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_unwatched_errors_are_djangos():
    """A failing query on the driver's cursor raises Django's exception, as through the wrapper."""
    query = "SELECT 1 / %s"
    assert fetch_checking_the_connection(query, [1]) == [(1,)]
    with pytest.raises(DataError):
        fetch_checking_the_connection(query, [0])
    assert fetch_checking_the_connection(query, [1]) == [(1,)]
