#!/usr/bin/env python3
"""Compare `gatehouse assets build` with whitenoise's compressor on Django's contrib/admin static files.

    pip install django whitenoise brotli
    bash scripts/build-release.sh --product gatehouse
    python3 Benchmarks/assets/bench_whitenoise.py [--bin .build/release/gatehouse] [--output Benchmarks/assets/RESULTS.md]

One run of each, not a statistical benchmark. Everything happens in a temporary directory. Peak RSS is the
child's ru_maxrss (each command runs under its own wrapper process, so the numbers do not mix).

Rows:
  * whitenoise: `python -m whitenoise.compress DIR` on a fresh copy (cold), then again on the same dir (warm:
    whitenoise has no cache, so it recompresses everything; the .br/.gz it made are skipped by extension).
  * gatehouse, same input: `--fingerprint-extensions "" --min-size 0`, so the bytes compressed are exactly the
    files whitenoise compresses (no reference rewriting, no size threshold): the fair size comparison.
  * gatehouse, defaults: fingerprinting (each file also under its hashed name, CSS references rewritten) and the
    256-byte threshold: what a real deployment runs. Its byte totals count each source file once.
Cold = empty output directory (empty cache); warm = the same command again on the unchanged tree.
"""
import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

WRAPPER = r"""
import resource, subprocess, sys, time
start = time.monotonic()
result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
elapsed = time.monotonic() - start
if result.returncode != 0:
    sys.stderr.write(result.stderr.decode(errors="replace"))
    sys.exit(result.returncode)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write("%f %d %f\n" % (elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime))
sys.stdout.write(result.stdout.decode(errors="replace"))
"""


def measure(cmd):
    """Runs cmd in a wrapper; returns (wall seconds, peak RSS in KiB, stdout of cmd, CPU seconds)."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, *map(str, cmd)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(map(str, cmd))}\n{out.stderr}")
    first, _, rest = out.stdout.partition("\n")
    seconds, rss, cpu = first.split()
    return float(seconds), int(rss), rest, float(cpu)


def admin_static():
    import django
    return Path(django.__file__).parent / "contrib" / "admin" / "static"


def whitenoise_sizes(root: Path):
    sizes = {}
    for path in root.rglob("*"):
        if path.suffix in (".br", ".gz") and path.is_file():
            sizes[str(path.relative_to(root))] = path.stat().st_size
    return sizes


def gatehouse_sizes(out: Path):
    """Variant sizes keyed like whitenoise's files (`x.css.br`), for plain (logical) names only."""
    manifest = json.loads((out / "gatehouse-manifest.json").read_text())
    hashed = set(manifest["fingerprints"].values())
    sizes = {}
    for url, entry in manifest["files"].items():
        if url in hashed:
            continue
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in entry["variants"]:
                sizes[url + suffix] = entry["variants"][encoding]["size"]
    return sizes


def total(sizes, suffix):
    return sum(v for k, v in sizes.items() if k.endswith(suffix))


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=str(REPO / ".build" / "release" / "gatehouse"))
    parser.add_argument("--output", help="also write the Markdown report to this file")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    gatehouse = Path(args.bin)
    if not gatehouse.exists():
        raise SystemExit(f"{gatehouse} not found: bash scripts/build-release.sh --product gatehouse")

    import brotli
    import django
    import whitenoise  # noqa: F401  (fail early if missing)

    corpus = admin_static()
    files = [p for p in corpus.rglob("*") if p.is_file()]
    corpus_bytes = sum(p.stat().st_size for p in files)
    rows = []

    with tempfile.TemporaryDirectory(prefix="gatehouse-bench-") as tmp:
        tmp = Path(tmp)
        # whitenoise
        wn = tmp / "whitenoise"
        shutil.copytree(corpus, wn)
        cold, cold_rss, _, cold_cpu = measure([sys.executable, "-m", "whitenoise.compress", "-q", wn])
        wn_sizes = whitenoise_sizes(wn)
        warm, warm_rss, _, warm_cpu = measure([sys.executable, "-m", "whitenoise.compress", "-q", wn])
        rows.append(("whitenoise " + importlib.metadata.version("whitenoise") + " (`python -m whitenoise.compress`)",
                      total(wn_sizes, ".br"), total(wn_sizes, ".gz"), cold, warm, cold_cpu, warm_cpu,
                      max(cold_rss, warm_rss)))

        # gatehouse, same input as whitenoise
        same_out = tmp / "gatehouse-same"
        same_cmd = [gatehouse, "assets", "build", corpus, same_out, "--json", "--fingerprint-extensions", "", "--min-size", "0"]
        cold, cold_rss, _, cold_cpu = measure(same_cmd)
        warm, warm_rss, warm_json, warm_cpu = measure(same_cmd)
        assert json.loads(warm_json)["compressed"] == 0, "warm build recompressed"
        gh_sizes = gatehouse_sizes(same_out)
        rows.append(("gatehouse, same input (`--fingerprint-extensions \"\" --min-size 0`)",
                     total(gh_sizes, ".br"), total(gh_sizes, ".gz"), cold, warm, cold_cpu, warm_cpu,
                     max(cold_rss, warm_rss)))

        # gatehouse, defaults
        def_out = tmp / "gatehouse-default"
        def_cmd = [gatehouse, "assets", "build", corpus, def_out, "--json"]
        cold, cold_rss, cold_json, cold_cpu = measure(def_cmd)
        warm, warm_rss, _, warm_cpu = measure(def_cmd)
        summary = json.loads(cold_json)
        rows.append(("gatehouse, defaults (fingerprinting, 256 B threshold)",
                     summary["bytesOut"]["br"], summary["bytesOut"]["gzip"], cold, warm, cold_cpu, warm_cpu,
                     max(cold_rss, warm_rss)))
        verify = subprocess.run([gatehouse, "assets", "verify", def_out, "-q"], capture_output=True, text=True)
        assert verify.returncode == 0, verify.stderr

    # Per-file comparison on identical input.
    common = sorted(set(wn_sizes) & set(gh_sizes))
    larger = [(k, gh_sizes[k], wn_sizes[k]) for k in common if gh_sizes[k] > wn_sizes[k]]
    only_wn = sorted(set(wn_sizes) - set(gh_sizes))
    only_gh = sorted(set(gh_sizes) - set(wn_sizes))

    lines = [
        "| run | .br bytes | .gz bytes | wall, cold | wall, warm | CPU, cold | CPU, warm | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, br, gz, cold, warm, cold_cpu, warm_cpu, rss in rows:
        lines.append(f"| {name} | {br:,} | {gz:,} | {cold:.2f} s | {warm:.2f} s | {cold_cpu:.2f} s | {warm_cpu:.2f} s | {mib(rss)} |")
    lines += [
        "",
        f"Corpus: Django {django.__version__} `contrib/admin/static`, {len(files)} files, {corpus_bytes:,} bytes.",
        f"Same-input comparison, file by file: {len(common)} variants made by both; gatehouse's is larger in "
        f"{len(larger)}" + (f" ({', '.join(f'{k}: {a} vs {b}' for k, a, b in larger[:5])})" if larger else "") + "; "
        f"only whitenoise made {len(only_wn)}" + (f" ({', '.join(only_wn[:5])})" if only_wn else "") + "; "
        f"only gatehouse made {len(only_gh)}" + (f" ({', '.join(only_gh[:5])})" if only_gh else "") + ".",
        f"Encoders: gatehouse links the system libbrotli and zlib; whitenoise uses Python's `brotli` "
        f"{brotli.__version__} and `zlib` {__import__('zlib').ZLIB_RUNTIME_VERSION}.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, load average before the run "
        f"{load_before:.2f} (shared with other jobs: wall times are indicative).",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.output:
        Path(args.output).write_text(report)


if __name__ == "__main__":
    main()
