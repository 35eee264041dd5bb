# ruff: noqa: S310, S603, S607 - fixed commands and loopback URLs of the machine's own services
"""Helpers for the fault tests: a real gunicorn, and stopping and starting PostgreSQL and Redis.

Stopping a service always comes with a ``finally`` that starts it again and waits
until it answers, because other processes on the machine share it.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connections

BIN = Path(sys.executable).parent
REDIS_PORT = 6379
REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(REDIS_PORT),
    "--save", "", "--appendonly", "no",
]  # fmt: skip
SERVICE_WAIT_SECONDS = 30


def wait_until(check, *, seconds, interval=0.2):
    """Poll ``check()`` until it returns something truthy; return its last value."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() >= deadline:
            return result
        time.sleep(interval)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, *, method="GET", timeout=10):
    """(status, headers, body text) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


# PostgreSQL ------------------------------------------------------------------


def uses_postgresql():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def database_url(name):
    """DATABASE_URL with another database name on the same server."""
    params = dj_database_url.parse(os.environ["DATABASE_URL"])
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host, port = params.get("HOST") or "127.0.0.1", params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def client_arguments(url=None):
    """(argument list, environment) for psql, createdb, pg_dump … against ``url``."""
    params = dj_database_url.parse(url or os.environ["DATABASE_URL"])
    arguments = ["-h", params.get("HOST") or "127.0.0.1", "-p", str(params.get("PORT") or 5432)]
    arguments += ["-U", params.get("USER") or "postgres"]
    env = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
    return arguments, env


def recreate_database(name):
    arguments, env = client_arguments()
    subprocess.run(["dropdb", *arguments, "--if-exists", "--force", name], check=True, env=env)
    subprocess.run(["createdb", *arguments, name], check=True, env=env)


def drop_database(name):
    arguments, env = client_arguments()
    subprocess.run(["dropdb", *arguments, "--if-exists", "--force", name], check=False, env=env)


def cluster_command(action, *options):
    """pg_ctlcluster for the machine's one cluster, e.g. ``cluster_command("stop", "-m", "fast")``."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action, *options]


def postgresql_ready():
    arguments, env = client_arguments()
    return subprocess.run(["pg_isready", "-q", *arguments], env=env, check=False).returncode == 0


@contextmanager
def postgresql_stopped():
    """Stop the local cluster for the block; always start it again and wait until it answers."""
    subprocess.run(cluster_command("stop", "-m", "fast"), check=True)
    try:
        yield
    finally:
        start = cluster_command("start")
        subprocess.run(start, check=False)
        if not wait_until(postgresql_ready, seconds=SERVICE_WAIT_SECONDS):
            subprocess.run(start, check=True)
            wait_until(postgresql_ready, seconds=SERVICE_WAIT_SECONDS)
        # This test process's own connections died with the server; later tests reconnect.
        connections.close_all()


# Redis -----------------------------------------------------------------------


def redis_ready():
    result = subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), "ping"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "PONG"


def redis_flush(db):
    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), "-n", str(db), "flushdb"],
        check=True,
        capture_output=True,
    )


def redis_available():
    return shutil.which("redis-server") is not None and redis_ready()


@contextmanager
def redis_stopped():
    """Shut the shared Redis down for the block; always start it again and wait for PING."""
    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), "shutdown", "nosave"],
        check=False,
        capture_output=True,
    )
    wait_until(lambda: not redis_ready(), seconds=SERVICE_WAIT_SECONDS)
    try:
        yield
    finally:
        if not redis_ready():
            subprocess.run(REDIS_START, check=False)
        wait_until(redis_ready, seconds=SERVICE_WAIT_SECONDS)


# The site under gunicorn -----------------------------------------------------


def manage(*arguments, env):
    subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


def child_pids(pid):
    """Process ids whose parent is ``pid`` (gunicorn's workers), from /proc."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


class Gunicorn:
    """``gunicorn medinfo.wsgi`` with 2 sync workers on a free loopback port."""

    def __init__(self, *, env, log_path, workers=2):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        command = [str(BIN / "gunicorn"), "medinfo.wsgi", "--workers", str(workers)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--timeout", "30"]
        self._log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self.workers = workers

    def url(self, path):
        return self.base_url + path

    def get(self, path, **kwargs):
        return fetch(self.url(path), **kwargs)

    def wait_until_serving(self):
        def serving():
            try:
                return self.get("/healthz", timeout=2)[0] == 200
            except OSError:
                return False

        if not wait_until(serving, seconds=SERVICE_WAIT_SECONDS):
            raise RuntimeError(f"gunicorn did not start; see {self.log_path}")
        wait_until(lambda: len(self.worker_pids()) == self.workers, seconds=SERVICE_WAIT_SECONDS)

    def worker_pids(self):
        return child_pids(self.process.pid)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
