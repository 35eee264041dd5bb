"""axe-core in Chromium: the script, the rules the tests hold pages to, and how a failure reads.

axe-core comes from npm (package.json); ``npm ci`` or ``make e2e-deps`` installs it.
The fixtures that load it into a page (``axe_script``, ``axe_page``) are in conftest.py.
"""

from pathlib import Path

import pytest
from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR, "node_modules")
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

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


def describe_axe_violations(path, violations):
    lines = [f"axe found {len(violations)} violation(s) on {path}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}, {violation['count']} node(s)): "
            f"{violation['help']}\n    first node: {violation['target']} {violation['html']}"
        )
    return "\n".join(lines)


def axe_violations(page, script, within="document"):
    """axe-core's violations on the page open in ``page``, within the element ``within`` selects."""
    page.add_script_tag(path=str(script))
    run = RUN_AXE
    if within != "document":
        run = run.replace("axe.run(document,", f"axe.run({within!r},")
    return page.evaluate(run, AXE_TAGS)


def axe_problems(page, script, path, within="document"):
    """axe-core's WCAG 2.1 A/AA and best-practice violations at ``path``, described; [] if none."""
    page.goto(path, wait_until="networkidle")
    violations = axe_violations(page, script, within)
    return [describe_axe_violations(path, violations)] if violations else []
