# ruff: noqa: S310, S603, S607 - fixed commands and loopback URLs of the tests' own servers
"""Helpers for the fault tests: a real gunicorn, private PostgreSQL, Redis and Varnish servers.

The tests break and restore servers of their own: each listens on a free loopback
port, keeps its data in a temporary folder and is removed afterwards. The machine's
shared PostgreSQL and Redis are never touched (tests/machine.py checks that).
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import redis
from django.conf import settings

BIN = Path(sys.executable).parent
SERVICE_WAIT_SECONDS = 30


class MissingTool(Exception):
    """A program the private servers need is not installed."""


def wait_until(check, *, seconds, interval=0.2):
    """Poll ``check()`` until it returns something truthy; return its last value."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() >= deadline:
            return result
        time.sleep(interval)


def end_child(process, *, seconds=SERVICE_WAIT_SECONDS):
    """Terminate ``process`` (a child of this one) if it still runs, killing it after
    ``seconds``, and wait until it is gone."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, *, method="GET", timeout=10, data=None, headers=None):
    """(status, headers, body text) of one request; HTTP errors are answers too.

    ``data`` (a dict) is sent form-encoded.
    """
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


# PostgreSQL ------------------------------------------------------------------


def postgresql_bindir():
    """Folder of initdb and pg_ctl: the newest /usr/lib/postgresql/<version>/bin, else PATH."""
    versions = Path("/usr/lib/postgresql").glob("*/bin/initdb")
    newest = sorted(versions, key=lambda initdb: int("0" + initdb.parent.parent.name.split(".")[0]))
    if newest:
        return newest[-1].parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise MissingTool(
            "The fault tests need PostgreSQL's initdb and pg_ctl: install PostgreSQL "
            "(Debian: apt-get install postgresql; make test does it as root)."
        )
    return Path(initdb).parent


class PrivatePostgresql:
    """A throwaway cluster: trust authentication, 127.0.0.1 on a free port, data in a temp folder.

    initdb refuses to run as root, so as root the server runs as the ``postgres`` user.
    """

    def __init__(self):
        self.bindir = postgresql_bindir()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="medinfo-faults-postgresql-"))
        self.data = self.root / "data"
        self.owner = "postgres" if os.geteuid() == 0 else None
        if self.owner:
            shutil.chown(self.root, self.owner)

    def _run(self, program, *arguments, check=True):
        command = [str(self.bindir / program), *map(str, arguments)]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True, check=False)
        if check and result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
        return result

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self):
        """Start the server, creating its cluster the first time."""
        if not self.data.exists():
            self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C", "--no-sync")  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
        )
        options += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        self._run("pg_ctl", "-D", self.data, "-l", self.root / "server.log", "-o", options,
                  "-w", "-t", str(SERVICE_WAIT_SECONDS), "start")  # fmt: skip

    def stop(self, *, check=True):
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=check)

    def ready(self):
        arguments = ["-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        return self._run("pg_isready", *arguments, check=False).returncode == 0

    def create_database(self, name):
        self._run("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", name)

    @contextmanager
    def stopped(self):
        """Stop the server for the block; start it again afterwards, on the same port."""
        self.stop()
        try:
            yield
        finally:
            self.start()

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            self.stop(check=False)
        shutil.rmtree(self.root, ignore_errors=True)


# Redis -----------------------------------------------------------------------


class PrivateRedis:
    """``redis-server`` on 127.0.0.1 and a free port, without persistence, in a temp folder."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise MissingTool(
                "The fault tests need redis-server: install Redis "
                "(Debian: apt-get install redis-server; make test does it as root)."
            )
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="medinfo-faults-redis-"))
        self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db=0):
        return redis.Redis(host="127.0.0.1", port=self.port, db=db, socket_timeout=2)

    def ready(self):
        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def start(self):
        command = [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                   "--appendonly", "no", "--dir", str(self.root)]  # fmt: skip
        with open(self.root / "server.log", "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        if not wait_until(self.ready, seconds=SERVICE_WAIT_SECONDS):
            raise RuntimeError(f"redis-server did not answer; see {self.root / 'server.log'}")

    def stop(self):
        """Terminate the server (it is this process's child) and wait until it is gone."""
        end_child(self.process)
        self.process = None

    def dbsize(self, db=0):
        return self.client(db).dbsize()

    @contextmanager
    def stopped(self):
        """Stop the server for the block; start it again (empty) afterwards, on the same port."""
        self.stop()
        try:
            yield
        finally:
            self.start()

    def remove(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


# Varnish ---------------------------------------------------------------------

VCL = Path(settings.BASE_DIR) / "deploy" / "varnish" / "medinfo.vcl"


class PrivateVarnish:
    """``varnishd`` with the repository's VCL in front of ``backend_port``, in a temp folder.

    Its own working directory (``-n``) and a free port; the VCL is used as committed,
    only its backend port changed. Runs in the foreground as this process's child.
    """

    def __init__(self, *, backend_port):
        self.binary = os.environ.get("MEDINFO_VARNISHD", "/usr/sbin/varnishd")
        if not os.access(self.binary, os.X_OK):
            raise MissingTool(
                "The CDN tests need varnishd with the xkey vmod: install Varnish "
                "(Debian: apt-get install varnish varnish-modules; make test does it as root)."
            )
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.root = Path(tempfile.mkdtemp(prefix="medinfo-faults-varnish-"))
        self.root.chmod(0o755)  # the worker process runs as the varnish user
        self.vcl = self.root / "medinfo.vcl"
        self.vcl.write_text(
            VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
        )
        self.process = None

    def start(self):
        command = [self.binary, "-F", "-n", str(self.root / "work"), "-f", str(self.vcl),
                   "-a", f"127.0.0.1:{self.port}", "-T", f"127.0.0.1:{free_port()}",
                   "-s", "malloc,32m", "-p", "default_grace=0"]  # fmt: skip
        with open(self.root / "varnishd.log", "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)

        def answering():
            try:
                return self.get("/robots.txt", timeout=2)[0] < 500
            except OSError:
                return False

        if not wait_until(answering, seconds=SERVICE_WAIT_SECONDS):
            raise RuntimeError(f"varnishd did not answer; see {self.root / 'varnishd.log'}")

    def get(self, path, **kwargs):
        return fetch(self.base_url + path, **kwargs)

    def remove(self):
        end_child(self.process)
        shutil.rmtree(self.root, ignore_errors=True)


# The site under gunicorn -----------------------------------------------------


def site_environment(workdir, *, database_url, redis_url):
    """Environment for manage.py and gunicorn: production settings, every file under workdir."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(workdir / "media"),
        # load_demo keeps the demo passwords in VAR_DIR (tests.faults.settings).
        "MEDINFO_FAULTS_VAR_DIR": str(workdir / "var"),
        # A developer's own .env must not reconfigure the site under test.
        "MEDINFO_ENV_FILE": os.devnull,
    }


def manage(*arguments, env):
    """Run ``manage.py`` with ``env``; its standard output."""
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr}")
    return result.stdout


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

    def post(self, path, data, **kwargs):
        return fetch(self.url(path), method="POST", data=data, **kwargs)

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
        end_child(self.process, seconds=15)
        self._log.close()
