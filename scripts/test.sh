#!/usr/bin/env bash
# The whole test suite: unit tests (swift test) and real-process integration tests (pytest: the built binary,
# real uWSGI, curl, openssl s_client, Python clients).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
swift build
swift test
GATEHOUSE_BIN="$PWD/.build/debug/gatehouse" .venv/bin/python -m pytest -q Tests/Integration "$@"
