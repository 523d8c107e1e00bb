#!/usr/bin/env bash
# The main job: installs what is missing, builds Gatehouse (release), makes the dev certificate if absent,
# builds the example assets, starts uWSGI with the example app on a Unix socket, and runs the gateway on
# https://localhost:8443 (http://localhost:8080 redirects). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build-release.sh
BIN="$PWD/.build/release/gatehouse"
[ -f certs/localhost.pem ] && [ -f certs/localhost-key.pem ] || "$BIN" certs dev
"$BIN" assets build Examples/site assets-build
mkdir -p run
rm -f run/app.sock
uwsgi --set-ph run_dir="$PWD/run" --ini Examples/app/uwsgi.ini --daemonize2 "$PWD/run/uwsgi.log"
for _ in $(seq 1 50); do [ -S run/app.sock ] && break; sleep 0.1; done
stop_uwsgi() { [ -f run/uwsgi.pid ] && kill "$(cat run/uwsgi.pid)" 2>/dev/null || true; }
trap stop_uwsgi EXIT
echo "Gatehouse: https://localhost:8443  (trust certs/ca.pem, e.g. curl --cacert certs/ca.pem https://localhost:8443/)"
"$BIN" serve --upstream "unix:$PWD/run/app.sock" "$@"
