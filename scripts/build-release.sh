#!/usr/bin/env bash
# The release build of `gatehouse` (used by `make run` and the benchmarks).
#
# `-enforce-exclusivity=unchecked`: Swift checks at run time that no two accesses to the same class property,
# global or captured variable overlap when one of them writes. Those checks sit on every such access in NIO's
# channel and pipeline code and ours: without them a small keep-alive HTTPS request costs ~8 % less CPU, a
# proxied one ~6 % less (interleaved A/B runs, Benchmarks/RESULTS-static.md, 2026-11-25 session 5). The debug
# build that runs the whole test suite keeps the checks, so an overlapping access on any tested path still traps
# there. The flag applies to every Swift module of the build (NIO included), not to the language's static
# exclusivity rules, which the compiler enforces either way.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift build -c release -Xswiftc -enforce-exclusivity=unchecked "$@"
