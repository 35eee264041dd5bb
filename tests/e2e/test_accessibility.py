"""Accessibility (axe-core in Chromium) and HTML validity (Nu HTML Checker) of the public pages.

Both tools come from npm (package.json); ``npm ci`` or ``make e2e-deps`` installs them.
"""

import json
import shutil
import subprocess

import pytest

from tests.e2e.axe import AXE_TAGS, NODE_MODULES, RUN_AXE, describe_axe_violations, npm_tool

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
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
def vnu_command():
    """The start of the command line that runs the Nu HTML Checker with the system Java."""
    return [java_executable(), "-jar", str(npm_tool(VNU_JAR))]


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
