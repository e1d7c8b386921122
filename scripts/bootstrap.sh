#!/usr/bin/env bash
# Installs whatever is missing for `make run` / `make test` on a Debian machine:
# Debian packages (only when root; otherwise one clear message), the virtualenv
# with the pinned Python packages, the npm packages and the compiled translations.
# Each step is skipped when its inputs have not changed, so a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."

# nginx-light: tests/deploy/test_behind_nginx.py runs the documented nginx site on loopback.
DEBIAN_PACKAGES=(chromium poppler-utils gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core nginx-light)
VENV=.venv
STAMP_DIR=$VENV/.stamps

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "bootstrap: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: missing Debian packages. Please run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3 || true)}
if [ -z "$PYTHON" ] || ! "$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null; then
  echo "bootstrap: Backcoach needs Python 3.11 (found: ${PYTHON:-none}). Install python3.11 and python3.11-venv." >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV"
  "$PYTHON" -m venv "$VENV" || {
    echo "bootstrap: could not create a virtualenv; install python3.11-venv" >&2
    exit 1
  }
fi
mkdir -p "$STAMP_DIR"

pyproject_sum=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$STAMP_DIR/pip" 2>/dev/null)" != "$pyproject_sum" ]; then
  echo "bootstrap: installing Python packages (pinned in pyproject.toml)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
  echo "$pyproject_sum" >"$STAMP_DIR/pip"
fi

if ! command -v npm >/dev/null; then
  echo "bootstrap: npm is missing. Please install Node.js 20 with npm (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat "$STAMP_DIR/npm" 2>/dev/null)" != "$lock_sum" ]; then
  echo "bootstrap: installing npm packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$STAMP_DIR/npm"
fi

# The camera coach's assets: the pose model bundle built from the mediapipe wheel
# (checked against its pinned sha256) and tasks-vision copied from node_modules.
coach_sum=$(cat pyproject.toml package-lock.json backcoach/coach/*.py | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP_DIR/coach" 2>/dev/null)" != "$coach_sum" ] || ! ls backcoach/coach/static/coach/vendor/pose_landmarker_full-*.task >/dev/null 2>&1; then
  echo "bootstrap: building the camera coach's assets"
  "$VENV/bin/backcoach" coach build-assets >/dev/null
  echo "$coach_sum" >"$STAMP_DIR/coach"
fi

# Compiled translations are build output, made from the .po files in the repository.
po_sum=$(cat backcoach/locale/*/LC_MESSAGES/django.po 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP_DIR/mo" 2>/dev/null)" != "$po_sum" ]; then
  # Building translations is development work: debug settings, no SECRET_KEY needed.
  DEBUG=1 "$VENV/bin/backcoach" manage compilemessages --ignore=.venv --ignore=node_modules -v 0
  echo "$po_sum" >"$STAMP_DIR/mo"
fi
