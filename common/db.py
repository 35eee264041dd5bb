"""Reading from the database on the public site's hottest paths."""

from django.db import InterfaceError, OperationalError, connection


def fetch_checking_the_connection(sql: str, params: list) -> list[tuple]:
    """The rows of a read-only ``sql``, whose own round trip checks the connection.

    With CONN_HEALTH_CHECKS a connection kept from an earlier request costs a
    ``SELECT 1`` before its first query: a second round trip on a warm article page or
    hub, whose only query this is. Here the query itself is the check: if the database
    dropped the connection meanwhile (a restart, a failover), it fails at once without
    having read or written anything, and runs again on a new connection, as the health
    check would have. Inside a transaction, or with the check off, Django's rules apply.
    """
    optimistic = (
        connection.health_check_enabled
        and connection.connection is not None
        and not connection.health_check_done
        and not connection.in_atomic_block
    )
    if not optimistic:
        return _fetch(sql, params)
    connection.health_check_done = True
    try:
        return _fetch(sql, params)
    except (OperationalError, InterfaceError):
        if connection.is_usable():
            raise  # the connection works: the error is the query's own
        connection.close()
    return _fetch(sql, params)


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
