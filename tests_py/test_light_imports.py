"""The runner's commands other than `demo` must not pull in numpy (only the demo needs it)."""

from __future__ import annotations

import subprocess
import sys


def test_cli_build_validate_kpis_do_not_import_numpy() -> None:
    code = (
        "import sys\n"
        "import unitcost.cli, unitcost.build, unitcost.validate, unitcost.kpis\n"
        "unitcost.cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m == 'numpy' or m.startswith('numpy.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout


def test_the_demo_does_import_numpy() -> None:
    # the check above can fail: importing the demo package loads numpy
    code = "import sys\nimport unitcost.demo\nprint('numpy' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
