"""Real-process tests of `gatehouse assets build | verify | inspect` against the built binary.

Run:  pip install pytest brotli  &&  swift build --product gatehouse  &&  python3 -m pytest Tests/Integration/test_assets.py
The binary is $GATEHOUSE_BIN, or <repo>/.build/debug/gatehouse (built with `swift build` if missing).

Every .br is decoded with Python's `brotli` module (or the `brotli` CLI) and every .gz with `gzip -d`: decoders
independent of the libraries the pipeline links. All output goes to pytest's tmp dirs, never into the repo.

Unreadable files: these tests run as root, and root reads a chmod-000 file anyway, so "unreadable" is made with
things that fail for root too: a broken symlink (open fails with ENOENT) and a FIFO (not a regular file; a naive
reader would hang on it, so the build must refuse it without blocking).
"""
import gzip
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "Examples" / "site"
SKIP_IN_OUT = {".gatehouse-cache", ".gatehouse.lock"}

try:
    import brotli as _brotli
except ImportError:  # pragma: no cover - the CLI is the fallback
    _brotli = None


def brotli_decompress(data: bytes) -> bytes:
    if _brotli is not None:
        return _brotli.decompress(data)
    if shutil.which("brotli"):
        return subprocess.run(["brotli", "-d", "-c"], input=data, capture_output=True, check=True).stdout
    pytest.fail("no independent brotli decoder: `pip install brotli` or `apt-get install brotli`")


def gzip_decompress(path: Path) -> bytes:
    return subprocess.run(["gzip", "-d", "-c", str(path)], capture_output=True, check=True, timeout=60).stdout


@pytest.fixture(scope="session")
def gatehouse() -> Path:
    binary = Path(os.environ.get("GATEHOUSE_BIN", REPO / ".build" / "debug" / "gatehouse"))
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "gatehouse"], cwd=REPO, check=True, timeout=3000)
    assert binary.exists(), f"{binary} was not built"
    return binary


def run(gatehouse, *args, check=True):
    result = subprocess.run([str(gatehouse), "assets", *map(str, args)], capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"gatehouse assets {' '.join(map(str, args))} exited {result.returncode}\n"
                             f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def build(gatehouse, src, out, *extra):
    result = run(gatehouse, "build", src, out, "--json", "--no-fsync", *extra)
    return json.loads(result.stdout)


def manifest(out: Path) -> dict:
    return json.loads((out / "gatehouse-manifest.json").read_text())


def tree(out: Path) -> dict:
    """Relative path → bytes of every file in a build, minus the cache and the lock."""
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out)
        if rel.parts[0] in SKIP_IN_OUT or not path.is_file():
            continue
        files[str(rel)] = path.read_bytes()
    return files


def check_round_trip(out: Path) -> int:
    """Every variant decodes, with independent decoders, to its identity file. Returns variants checked."""
    m = manifest(out)
    assert m["version"] == 1
    checked = 0
    for url, entry in m["files"].items():
        identity = (out / entry["variants"]["identity"]["file"]).read_bytes()
        assert len(identity) == entry["variants"]["identity"]["size"], url
        for encoding, variant in entry["variants"].items():
            data = (out / variant["file"]).read_bytes()
            assert len(data) == variant["size"], variant["file"]
            if encoding == "br":
                assert brotli_decompress(data) == identity, variant["file"]
                assert len(data) <= 0.95 * len(identity), f"{variant['file']} kept though not 5% smaller"
            elif encoding == "gzip":
                assert gzip_decompress(out / variant["file"]) == identity, variant["file"]
                assert data[3] == 0, f"{variant['file']}: gzip header carries a name/extra field"
                assert data[4:8] == b"\0\0\0\0", f"{variant['file']}: gzip header carries an mtime"
                assert len(data) <= 0.95 * len(identity), f"{variant['file']} kept though not 5% smaller"
            else:
                assert encoding == "identity"
            checked += 1
    for logical, hashed in m["fingerprints"].items():
        assert m["files"][hashed]["immutable"] is True
        assert m["files"][logical]["immutable"] is False
    return checked


def flip_one_byte(path: Path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


# ---------------------------------------------------------------------------------------------------------------------


def test_example_site_round_trip_and_verify(gatehouse, tmp_path):
    out = tmp_path / "out"
    summary = build(gatehouse, EXAMPLE, out)
    assert summary["files"] >= 9
    assert summary["compressed"] > 0 and summary["fromCache"] == 0
    assert check_round_trip(out) > 20

    m = manifest(out)
    css = (out / m["fingerprints"]["css/site.css"]).read_text()
    for logical in ["fonts/gatehouse-icons.woff2", "img/logo.svg", "img/hero.png", "css/theme.css", "css/site.css.map"]:
        assert os.path.basename(m["fingerprints"][logical]) in css, logical
    assert "hero." in css and ".png?v=2'" in css, "query string kept"
    js = (out / m["fingerprints"]["js/app.js"]).read_text()
    assert js.rstrip().endswith("sourceMappingURL=" + os.path.basename(m["fingerprints"]["js/app.js.map"]))
    assert set(m["files"]["img/hero.png"]["variants"]) == {"identity"}, "already-compressed type"
    assert set(m["files"]["robots.txt"]["variants"]) == {"identity"}, "below the size threshold"
    assert not any(p.startswith(".tools") for p in m["files"]), "dot-directories are skipped"

    ok = run(gatehouse, "verify", out)
    assert "ok:" in ok.stdout

    victim = out / m["files"]["js/app.js"]["variants"]["gzip"]["file"]
    flip_one_byte(victim)
    failed = run(gatehouse, "verify", out, check=False)
    assert failed.returncode != 0
    assert "js/app.js.gz" in failed.stderr
    assert failed.stderr.count("MISMATCH") == 1, failed.stderr


def make_corpus(root: Path, seed: int = 7):
    """Text of many sizes, references between CSS files, binary noise, odd names, nesting."""
    rng = random.Random(seed)
    words = "gate house tower lantern bridge moat keep ward postern portcullis".split()

    def text(n):
        out, length = [], 0
        while length < n:
            out.append(rng.choice(words) + rng.choice([" ", " ", "\n", ", "]))
            length += len(out[-1])
        return "".join(out)[:n]

    for size in [0, 1, 100, 255, 256, 257, 1000, 4096, 65519, 65521, 300_000]:
        (root / "text").mkdir(parents=True, exist_ok=True)
        (root / "text" / f"t{size}.txt").write_text(text(size))
    (root / "bin").mkdir()
    (root / "bin" / "noise.dat").write_bytes(bytes(rng.getrandbits(8) for _ in range(20_000)))
    (root / "bin" / "photo.jpg").write_bytes(bytes(rng.getrandbits(8) for _ in range(5_000)))
    (root / "deep" / "a" / "b" / "c").mkdir(parents=True)
    (root / "deep" / "a" / "b" / "c" / "leaf.json").write_text(json.dumps({"k": [text(50) for _ in range(40)]}))
    (root / "names").mkdir()
    (root / "names" / "with space.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'>" + "<g/>" * 200 + "</svg>")
    (root / "names" / "café.css").write_text(".x{}" * 100)
    (root / "styles").mkdir()
    (root / "styles" / "base.css").write_text("body{margin:0}\n" * 40 + ".i{background:url('../names/with%20space.svg#v')}\n")
    (root / "styles" / "main.css").write_text('@import "base.css";\n@import url(../names/café.css);\n' + "p{color:red}\n" * 50)


def test_generated_corpus_round_trip(gatehouse, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    make_corpus(src)
    summary = build(gatehouse, src, out)
    assert summary["warnings"] == []
    check_round_trip(out)
    m = manifest(out)
    for small in ["text/t0.txt", "text/t1.txt", "text/t100.txt", "text/t255.txt"]:
        assert set(m["files"][small]["variants"]) == {"identity"}, small
    assert "br" in m["files"]["text/t256.txt"]["variants"]
    assert set(m["files"]["bin/noise.dat"]["variants"]) == {"identity"}, "random bytes do not shrink 5%"
    assert set(m["files"]["bin/photo.jpg"]["variants"]) == {"identity"}
    main = (out / m["fingerprints"]["styles/main.css"]).read_text()
    assert os.path.basename(m["fingerprints"]["styles/base.css"]) in main
    assert os.path.basename(m["fingerprints"]["names/café.css"]) in main
    base = (out / "styles/base.css").read_text()
    hashed_svg = os.path.basename(m["fingerprints"]["names/with space.svg"]).replace(" ", "%20")
    assert f"url('../names/{hashed_svg}#v')" in base
    run(gatehouse, "verify", out)


def test_two_builds_are_byte_identical(gatehouse, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(EXAMPLE, src)
    make_corpus(src / "extra")
    one, two = tmp_path / "one", tmp_path / "two"
    build(gatehouse, src, one)
    build(gatehouse, src, two)
    first = tree(one)
    assert first == tree(two)
    manifest_before = (one / "gatehouse-manifest.json").read_bytes()
    again = build(gatehouse, src, one)
    assert again["compressed"] == 0 and again["written"] == 0
    assert (one / "gatehouse-manifest.json").read_bytes() == manifest_before
    assert tree(one) == first


def test_incremental_rebuild_recompresses_only_the_changed_file_and_its_referrers(gatehouse, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(EXAMPLE, src)
    first = build(gatehouse, src, out)
    jobs = first["compressed"]

    warm = build(gatehouse, src, out)
    assert warm["compressed"] == 0, "an unchanged tree is not recompressed"
    assert warm["fromCache"] == jobs

    os.utime(src / "js" / "app.js", (1, 1))     # new mtime, same bytes: still nothing to compress
    assert build(gatehouse, src, out)["compressed"] == 0

    old_svg = manifest(out)["fingerprints"]["img/logo.svg"]
    logo = src / "img" / "logo.svg"
    logo.write_text(logo.read_text().replace("#5b8def", "#3a7b5f"))
    changed = build(gatehouse, src, out)
    assert changed["compressed"] == 2, "logo.svg and site.css (which references it)"
    assert changed["fromCache"] == jobs - 2
    m = manifest(out)
    assert m["fingerprints"]["img/logo.svg"] != old_svg
    assert not (out / old_svg).exists(), "stale fingerprinted file removed after the new manifest"
    assert os.path.basename(m["fingerprints"]["img/logo.svg"]) in (out / "css/site.css").read_text()
    check_round_trip(out)


@pytest.mark.parametrize("kind", ["broken-symlink", "fifo"])
def test_unreadable_file_fails_and_leaves_previous_build(gatehouse, tmp_path, kind):
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(EXAMPLE, src)
    build(gatehouse, src, out)
    manifest_before = (out / "gatehouse-manifest.json").read_bytes()
    tree_before = tree(out)

    (src / "css" / "site.css").write_text((src / "css" / "site.css").read_text() + "\n.new{}\n")
    bad = src / "css" / "zz-unreadable.css"
    if kind == "broken-symlink":
        bad.symlink_to("does-not-exist.css")
    else:
        os.mkfifo(bad)
    result = run(gatehouse, "build", src, out, "--json", check=False)
    assert result.returncode != 0
    assert "css/zz-unreadable.css" in result.stderr, result.stderr
    assert (out / "gatehouse-manifest.json").read_bytes() == manifest_before
    assert tree(out) == tree_before
    assert not [p for p in out.rglob("*") if ".gh-tmp-" in p.name], "temporary files left behind"
    run(gatehouse, "verify", out)


def test_refuses_output_inside_source(gatehouse, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(EXAMPLE, src)
    result = run(gatehouse, "build", src, src / "build", check=False)
    assert result.returncode != 0
    assert "must not contain each other" in result.stderr
    assert not (src / "build" / "gatehouse-manifest.json").exists()


def test_strict_mode_fails_on_missing_reference(gatehouse, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(EXAMPLE, src)
    (src / "css" / "extra.css").write_text("a{}\n.x { background: url(../img/nope.png) }\n")
    lenient = build(gatehouse, src, out)
    assert any("css/extra.css:2: ../img/nope.png" in w for w in lenient["warnings"])
    strict = run(gatehouse, "build", src, out, "--strict", check=False)
    assert strict.returncode != 0
    assert "css/extra.css:2" in strict.stderr


def test_inspect_and_plain_output(gatehouse, tmp_path):
    out = tmp_path / "out"
    plain = run(gatehouse, "build", EXAMPLE, out, "--no-fsync")
    assert "files" in plain.stdout and "compressed" in plain.stdout
    assert "compressed js/app." in plain.stderr, "plain progress lines when not on a terminal"
    quiet = run(gatehouse, "build", EXAMPLE, out, "--quiet")
    assert quiet.stdout == "" and quiet.stderr == ""
    shown = run(gatehouse, "inspect", "css/site.css", "--out", out)
    assert "text/css; charset=utf-8" in shown.stdout and "fingerprinted css/site." in shown.stdout
    as_json = json.loads(run(gatehouse, "inspect", "/js/app.js", "--out", out, "--json").stdout)
    assert set(as_json["js/app.js"]["variants"]) == {"identity", "br", "gzip"}
    missing = run(gatehouse, "inspect", "nope.css", "--out", out, check=False)
    assert missing.returncode != 0 and "not in the manifest" in missing.stderr
