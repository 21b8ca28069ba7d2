"""Run every benchmark in this folder (``make bench``)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

failed = 0
for script in sorted(HERE.glob("*.py")):
    if script.name == "run.py":
        continue
    print(f"== {script.stem}")
    failed |= subprocess.call([sys.executable, str(script)])  # noqa: S603 - our own scripts
sys.exit(failed)
