#!/usr/bin/env bash
# Installs what Gatehouse needs to build, run and test on Debian 12: C libraries, uWSGI, the real clients
# the tests use (curl, openssl, brotli, gzip, headless chromium) and the Python packages of the test suite.
# Idempotent: only missing pieces are installed. Run as root, or with sudo available.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libssl-dev libbrotli-dev zlib1g-dev pkg-config uwsgi uwsgi-plugin-python3 curl openssl brotli gzip
              procps ca-certificates python3 python3-venv chromium)
if [ "${GATEHOUSE_DEPS_EXTRA:-}" != "" ]; then APT_PACKAGES+=(${GATEHOUSE_DEPS_EXTRA}); fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python packages for the integration tests, in a project-local virtualenv (system site packages visible).
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "deps: creating .venv"
  "$PY" -m venv --system-site-packages .venv
fi
if ! .venv/bin/python -c "import pytest, brotli, cryptography" 2>/dev/null; then
  echo "deps: installing Python test packages"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r Tests/Integration/requirements.txt
fi
command -v swift >/dev/null || { echo "deps: swift is not on PATH (install Swift 6.x first)" >&2; exit 1; }
