#!/usr/bin/env bash
# The Python package's tests: a virtualenv (kept under target/), `pip install ./l2l-python`
# (maturin from PyPI builds the wheel) with pytest and mypy (the type tests run it), then
# the suite. Any failure fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${L2L_PY_VENV:-$root/target/python-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "$root/l2l-python" pytest mypy pyarrow
cd "$root"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider l2l-python/tests "$@"
