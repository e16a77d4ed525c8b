"""A plain (non-editable) install runs: the wheel carries the code, the web templates, the
migrations, knowledge/ and prompts/, and ``coach demo`` works from anywhere."""

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("pyproject.toml", "README.md", "coach", "api", "cli", "evals", "knowledge", "prompts")


def test_a_plain_install_runs_the_demo_outside_the_checkout(tmp_path):
    # Built from a copy: setuptools writes build/ and egg-info beside the sources.
    source = tmp_path / "source"
    source.mkdir()
    for part in SHIPPED:
        if (ROOT / part).is_dir():
            skip = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / part, source / part, ignore=skip)
        else:
            shutil.copy2(ROOT / part, source / part)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"),
            *("-q", "-w", str(wheels), str(source)),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("*.whl")
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install"),
            *("--no-deps", "--no-index", "-q", str(wheel)),
        ],
        check=True,
        capture_output=True,
    )
    # The dependencies come from this environment's site-packages, read as a plain path:
    # its editable finder for this checkout is not run, so `coach` is the installed copy.
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {
        **os.environ,
        "COACH_DATA_DIR": str(tmp_path / "data"),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "PYTHONPATH": "",
    }
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import coach, coach.knowledge as k; print(coach.__file__, k.CARDS_DIR)",
        ],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(ROOT) not in where and str(target) in where, where
    demo = subprocess.run(
        [str(target / "bin" / "coach"), "demo"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-2000:]
    assert "Sign in at http://127.0.0.1:8000/web" in demo.stdout
    # Every knowledge folder is shipped (the email templates, the topic model...).
    installed = target / "share" / "coach" / "knowledge"
    shipped = {p.name for p in installed.iterdir() if p.is_dir()}
    wanted = {
        p.name
        for p in (ROOT / "knowledge").iterdir()
        if p.is_dir() and not p.name.startswith((".", "__"))
    }
    assert shipped == wanted, sorted(wanted - shipped)
