# Shared by scripts/serve and scripts/test: make .venv and install the project into it.
# Sourced, not executed. Installs with `-c constraints.txt` (the versions the suite passed with,
# written by scripts/lock_constraints.py), so CI and a fresh machine get the tested set.
# Re-installs only when pyproject.toml or constraints.txt changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${REVIEW_GUARD_VENV:-$ROOT/.venv}"
PYTHON_BIN="${PYTHON:-python3}"
extras="${1:-}"
# Progress goes to stderr (stdout stays the command's own), one line per step, pip's own progress bars in between.
_rg_step() { printf 'Review Guard setup: %s\n' "$*" >&2; }
if [ ! -x "$VENV/bin/python" ]; then
  _rg_step "first run — creating the Python environment in $VENV (once; later starts skip all this)"
  "$PYTHON_BIN" -m venv "$VENV"
fi
stamp="$VENV/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ] || [ "$ROOT/constraints.txt" -nt "$stamp" ]; then
  _rg_step "updating pip"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip -c "$ROOT/constraints.txt" >/dev/null 2>&1 || true
  _rg_step "installing the companion${extras:+ with the extras [$extras]} at the versions in constraints.txt (a minute or two on a first run)…"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -c "$ROOT/constraints.txt" -e "$ROOT${extras:+[$extras]}" >&2 \
    || { _rg_step "pip failed (see above)"; exit 1; }
  touch "$stamp"
  _rg_step "done"
fi
