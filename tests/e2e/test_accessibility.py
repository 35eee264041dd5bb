"""Accessibility (axe-core in Chromium) and HTML validity (Nu HTML Checker) of the public pages.

Both tools come from npm (package.json); ``npm ci`` or ``make e2e-deps`` installs them.
"""

import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from demo.management.commands import load_demo
from tests.e2e.conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NODE_MODULES = Path(settings.BASE_DIR, "node_modules")
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VNU_TIMEOUT_S = 300

# The public pages a visitor is most likely to land on, all filled with the demo content.
PAGES = {
    "home": "/",
    "drug-index": "/drugs/",
    "drug-hub": "/drugs/milnacipran/",
    "article": "/drugs/milnacipran/uses/",
    "condition": "/conditions/fibromyalgia/",
    "search": "/search/?q=milnacipran",
    # Beyond the core pages: the other index, a condition article and a reviewer's page.
    "condition-index": "/conditions/",
    "condition-article": "/conditions/fibromyalgia/overview/",
    "reviewer": "/reviewers/kristi-monson/",
    # A site page (issue #12 item 7): an article of its own kind, with no drug or condition.
    "site-page": "/editorial-policy/",
}

# Runs axe on the whole document and keeps what a failure message needs.
RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    count: violation.nodes.length,
    target: JSON.stringify(violation.nodes[0].target),
    html: violation.nodes[0].html,
  }));
}
"""


def npm_tool(path):
    """The installed npm file at ``path``; a missing one fails the test, never skips it."""
    if not path.exists():
        pytest.fail(
            f"{path.relative_to(settings.BASE_DIR)} is missing: run `npm ci` (or `make e2e-deps`) "
            f"in {settings.BASE_DIR} to install axe-core and vnu-jar.",
            pytrace=False,
        )
    return path


def java_executable():
    """The system Java that runs vnu.jar; a missing one fails the test, never skips it."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java not found on PATH: install a Java runtime (apt-get install "
            "default-jre-headless) to run the Nu HTML Checker.",
            pytrace=False,
        )
    return java


@pytest.fixture
def axe_script():
    """axe-core's browser bundle, checked before any content is loaded."""
    return npm_tool(AXE_SCRIPT)


@pytest.fixture
def vnu_command():
    """The start of the command line that runs the Nu HTML Checker with the system Java."""
    return [java_executable(), "-jar", str(npm_tool(VNU_JAR))]


@pytest.fixture
def axe_page(browser, live_server):
    """A page allowed to run the injected axe script despite the site's Content-Security-Policy."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo_content(tmp_path, monkeypatch):
    """The demo site's drugs, conditions and 36 articles, published through the workflow."""
    # load_demo keeps the demo users' passwords in var/; the test's throwaway users stay out.
    monkeypatch.setattr(load_demo, "credentials_file", lambda: tmp_path / "demo-credentials.json")
    call_command("load_demo", stdout=StringIO())


def describe_axe_violations(path, violations):
    lines = [f"axe found {len(violations)} violation(s) on {path}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}, {violation['count']} node(s)): "
            f"{violation['help']}\n    first node: {violation['target']} {violation['html']}"
        )
    return "\n".join(lines)


def describe_vnu_errors(errors, files):
    lines = [f"the Nu HTML Checker found {len(errors)} error(s):"]
    for error in errors:
        page = files.get(error.get("url", ""), error.get("url", "?"))
        line = error.get("lastLine", "?")
        extract = error.get("extract", "").strip()
        lines.append(f"- {page} line {line}: {error.get('message')}\n    {extract}")
    return "\n".join(lines)


def run_vnu(vnu_command, paths):
    """Check every file in one JVM; returns the checker's messages."""
    command = [
        *vnu_command,
        "--errors-only",
        "--format",
        "json",
        "--stdout",
        *map(str, paths),
    ]
    # Only our own file names and the packaged jar go into the command line.
    completed = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=VNU_TIMEOUT_S, check=False
    )
    try:
        return json.loads(completed.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(
            f"vnu.jar exited with {completed.returncode} without a JSON report:\n"
            f"{completed.stdout}\n{completed.stderr}",
            pytrace=False,
        )


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations(axe_script, axe_page, demo_content, path):
    """axe-core finds no WCAG 2.1 A/AA or best-practice violation on the page."""
    # Wait for the network to settle, so ads.js has filled the article pages' ad slots.
    response = axe_page.goto(path, wait_until="networkidle")
    assert response.status == 200
    axe_page.add_script_tag(path=str(axe_script))

    violations = axe_page.evaluate(RUN_AXE, AXE_TAGS)

    assert violations == [], describe_axe_violations(path, violations)


def test_pages_are_valid_html(vnu_command, client, demo_content, tmp_path):
    """The Nu HTML Checker reports no errors in the HTML the public pages send."""
    html_files, files = [], {}
    for name, path in PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, path
        html_file = tmp_path / f"{name}.html"
        html_file.write_bytes(response.content)
        html_files.append(html_file)
        # vnu names each file in its report as a file:/ URL.
        files[html_file.as_uri().replace("file:///", "file:/")] = path

    messages = run_vnu(vnu_command, html_files)

    # "error", and "non-document-error" for a file the checker could not read.
    errors = [message for message in messages if message.get("type") != "info"]
    assert errors == [], describe_vnu_errors(errors, files)
