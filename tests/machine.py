"""Session-wide checks that the suite leaves the machine and the working tree alone.

The machine's own PostgreSQL and Redis (shared with other processes and engineers)
are read at the start of the session and again at its end: the same server process
with the same configuration, or the run fails. The tests' own servers live in
tests/faults. The project's var/ folder (the developer's database, uploads and demo
passwords) must be exactly as before, too.
"""

import os
from pathlib import Path

import dj_database_url
import psycopg2
import pytest
import redis

REPO_ROOT = Path(__file__).resolve().parent.parent
VAR = REPO_ROOT / "var"
REDIS_SETTINGS = ["bind", "port", "save", "appendonly", "dir", "dbfilename"]
# A development server may be running from the same tree and writing its own database.
DEVELOPMENT_DATABASE = "medinfo.sqlite3"


def machine_postgresql():
    """Connection parameters of the machine's PostgreSQL: DATABASE_URL's server, else :5432."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        params = dj_database_url.parse(url)
        return {
            "host": params.get("HOST") or "127.0.0.1",
            "port": params.get("PORT") or 5432,
            "user": params.get("USER") or "postgres",
            "password": params.get("PASSWORD") or "",
            "dbname": "postgres",
        }
    return {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}


def postgresql_state():
    """Port, data folder, start and configuration-load times; None if no server answers."""
    query = (
        "SELECT current_setting('port'), current_setting('data_directory'),"
        " current_setting('listen_addresses'), pg_postmaster_start_time(), pg_conf_load_time()"
    )
    try:
        connection = psycopg2.connect(connect_timeout=3, **machine_postgresql())
    except psycopg2.Error:
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchone()
    finally:
        connection.close()


def redis_state():
    """Process id, run id and configuration of the Redis on 127.0.0.1:6379; None if absent."""
    client = redis.Redis(host="127.0.0.1", port=6379, socket_timeout=3)
    try:
        info = client.info("server")
        config = {name: client.config_get(name).get(name) for name in REDIS_SETTINGS}
    except redis.RedisError:
        return None
    finally:
        client.close()
    return {"process_id": info["process_id"], "run_id": info["run_id"], **config}


def var_listing():
    """{path: (size, modification time)} of everything under var/ but the development database."""
    if not VAR.exists():
        return {}
    return {
        str(path.relative_to(VAR)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in VAR.rglob("*")
        if path.is_file() and not path.name.startswith(DEVELOPMENT_DATABASE)
    }


@pytest.fixture(scope="session", autouse=True)
def machine_services_untouched():
    """After the last test, the machine's PostgreSQL and Redis are the same as before the first."""
    before = {"postgresql": postgresql_state(), "redis": redis_state()}
    yield
    after = {"postgresql": postgresql_state(), "redis": redis_state()}
    assert after == before, "the suite stopped or reconfigured the machine's PostgreSQL or Redis"


@pytest.fixture(scope="session", autouse=True)
def var_untouched():
    """After the last test, var/ holds the same files as before: tests write to temp folders."""
    before = var_listing()
    yield
    after = var_listing()
    changed = sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )
    assert not changed, (
        f"var/ changed during the tests: {', '.join(changed)}. Tests must write to temporary "
        "folders (or another process, such as `make run`, used this tree meanwhile)."
    )
