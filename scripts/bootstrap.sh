# Shared by scripts/serve and scripts/test: make .venv and install the project into it.
# Sourced, not executed. Installs with `-c constraints.txt` (the versions the suite passed with,
# written by scripts/lock_constraints.py), so CI and a fresh machine get the tested set.
# Re-installs only when pyproject.toml or constraints.txt changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${REVIEW_GUARD_VENV:-$ROOT/.venv}"
PYTHON_BIN="${PYTHON:-python3}"
extras="${1:-}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON_BIN" -m venv "$VENV"
fi
stamp="$VENV/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ] || [ "$ROOT/constraints.txt" -nt "$stamp" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade pip -c "$ROOT/constraints.txt" >/dev/null 2>&1 || true
  "$VENV/bin/python" -m pip install --quiet -c "$ROOT/constraints.txt" -e "$ROOT${extras:+[$extras]}"
  touch "$stamp"
fi
