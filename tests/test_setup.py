"""`make test` sets the machine up itself: bin/ensure-tools installs or names what is missing."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

REPO_ROOT = Path(__file__).resolve().parent.parent
ENSURE_TOOLS = REPO_ROOT / "bin" / "ensure-tools"
BASH = shutil.which("bash")
MISSING_CHROMIUM = (
    "make test needs Chromium: install it (Debian: apt-get install chromium) and run again"
)


def fake_command(folder, name, script):
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    """A machine without Chromium: a PATH holding only fakes, nothing at the packaged path.

    ``machine.be(uid=…, system=…)`` chooses who runs the script on which system; the fake
    apt-get logs its arguments and, like the real one, puts a chromium in place.
    """

    class Machine:
        bin = tmp_path / "bin"
        chromium = tmp_path / "usr-bin-chromium"
        varnishd = tmp_path / "usr-sbin-varnishd"
        vmods = tmp_path / "vmods"
        apt_log = tmp_path / "apt-get.log"
        os_release = tmp_path / "os-release"

        def be(self, *, uid, system):
            fake_command(self.bin, "id", f"echo {uid}\n")
            self.os_release.write_text(f"ID={system}\n")

        def apt_calls(self):
            return self.apt_log.read_text().splitlines() if self.apt_log.exists() else []

        def ensure(self, *tools):
            env = {
                "PATH": str(self.bin),
                "MEDINFO_CHROMIUM": str(self.chromium),
                "MEDINFO_VARNISHD": str(self.varnishd),
                "MEDINFO_VARNISH_VMODS": str(self.vmods),
                "OS_RELEASE": str(self.os_release),
            }
            return subprocess.run(  # noqa: S603 - our own script
                [BASH, str(ENSURE_TOOLS), *tools], env=env, capture_output=True, text=True
            )

    machine = Machine()
    machine.bin.mkdir()
    fake_command(
        machine.bin,
        "apt-get",
        f'echo "$*" >> {machine.apt_log}\n'
        f'case "$1" in install) printf "#!/bin/sh\\n" > {machine.chromium}; '
        f"/bin/chmod +x {machine.chromium};; esac\n",
    )
    return machine


def test_without_root_a_missing_chromium_stops_with_one_clear_line(machine):
    """A developer without root is told in one line what to install, and nothing is installed."""
    machine.be(uid=1000, system="debian")
    result = machine.ensure("chromium")
    assert result.returncode != 0
    assert (result.stdout + result.stderr).splitlines() == [MISSING_CHROMIUM]
    assert machine.apt_calls() == []


def test_as_root_on_debian_a_missing_chromium_is_installed_with_apt(machine):
    """As root on Debian the script runs apt-get install chromium and succeeds."""
    machine.be(uid=0, system="debian")
    result = machine.ensure("chromium")
    assert result.returncode == 0, result.stderr
    assert machine.apt_calls() == ["update -qq", "install -y -qq chromium"]


def test_as_root_on_another_system_nothing_is_installed(machine):
    """Where apt is not the system's installer, even root only gets the one line."""
    machine.be(uid=0, system="fedora")
    result = machine.ensure("chromium")
    assert result.returncode != 0
    assert (result.stdout + result.stderr).splitlines() == [MISSING_CHROMIUM]
    assert machine.apt_calls() == []


def test_an_installed_chromium_needs_nothing(machine):
    """With Chromium at its packaged path the script is silent and installs nothing."""
    machine.be(uid=0, system="debian")
    fake_command(machine.chromium.parent, machine.chromium.name, "")
    result = machine.ensure("chromium")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert machine.apt_calls() == []


def test_several_missing_tools_are_named_in_one_line(machine):
    """Everything missing is named at once, so one install command fixes the machine."""
    machine.be(uid=1000, system="ubuntu")
    result = machine.ensure("java", "chromium")
    assert result.returncode != 0
    assert (result.stdout + result.stderr).splitlines() == [
        "make test needs Java and Chromium: install them "
        "(Debian: apt-get install default-jre-headless chromium) and run again"
    ]


def test_varnish_without_the_xkey_vmod_is_installed_with_varnish_modules(machine):
    """varnishd alone is not enough: the VCL purges by surrogate key with the xkey vmod."""
    fake_command(machine.varnishd.parent, machine.varnishd.name, "")
    machine.vmods.mkdir()
    machine.be(uid=1000, system="debian")
    result = machine.ensure("varnish")
    assert result.returncode != 0
    assert (result.stdout + result.stderr).splitlines() == [
        "make test needs Varnish with the xkey vmod: install it "
        "(Debian: apt-get install varnish varnish-modules) and run again"
    ]
    (machine.vmods / "libvmod_xkey.so").write_text("")
    assert machine.ensure("varnish").returncode == 0


def test_make_test_sets_up_every_tool_the_suite_needs():
    """`make test` first runs bin/ensure-tools for the browser, Java, npm and the servers."""
    result = subprocess.run(  # noqa: S603 - fixed command
        [shutil.which("make"), "--dry-run", "--no-print-directory", "tools"],  # noqa: S607
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    words = result.stdout.split()
    assert "bin/ensure-tools" in words
    assert {"python", "npm", "java", "chromium", "postgresql", "redis", "varnish"} <= set(words)
    test_rule = next(
        line
        for line in (REPO_ROOT / "Makefile").read_text().splitlines()
        if line.startswith("test:")
    )
    assert test_rule.split(":")[1].split()[0] == "tools"


def test_tests_keep_local_files_out_of_var():
    """Demo passwords and the SQLite file of the test settings live in a temporary folder."""
    var_dir = Path(settings.VAR_DIR).resolve()
    assert not var_dir.is_relative_to(REPO_ROOT.resolve())
    assert (
        Path(settings.DATABASES["default"]["NAME"]).resolve()
        != REPO_ROOT / "var" / "medinfo.sqlite3"
    )
