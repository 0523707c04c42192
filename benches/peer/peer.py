"""`make bench-peer`, the measuring half (issue 18): the peer bluebell-akn with its Rust extension
in this one Python process (text -> Akoma Ntoso XML bytes, its fastest path) over every motion in
a folder, then `motion-export convert` as whole processes over the same folder, XML alone and XML,
PDF and DOCX together; prints each rate in documents per second and the ratios against the targets.

Usage: peer.py BIN INPUT_DIR WORK_DIR [SHIM]  (peer.sh prepares all four; SHIM, a library with the
two Python 3.12 C-API functions the extension needs, is given only on an older interpreter).

What is timed, for bluebell: reading each file and parsing it to bytes, in a loop, after the
interpreter has started and imported the extension (in its favour: no output is written); for
motion-export: the whole process, start-up, reading, writing and its manifest included.
"""

import ctypes
import os
import shutil
import subprocess
import sys
import time

# Issue 18's targets: motion-export's rate over bluebell's.
TARGETS = {"xml": 20.0, "xml,pdf,docx": 2.5}
# A motion for a resolution is an Akoma Ntoso `statement`, as motion-export writes it.
ROOT = "statement"
AKN_NS = b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
THREADS = "2"


def load_extension(shim):
    """bluebell's Rust extension, imported directly so that a failure is loud: bluebell's
    `parse_to_xml_bytes` would otherwise fall back to its pure-Python parser unnoticed."""
    if shim:
        ctypes.CDLL(shim, mode=ctypes.RTLD_GLOBAL)
    import _bluebell_rs  # noqa: F401  (the fast path bluebell takes when it imports)

    return _bluebell_rs


def bluebell(paths):
    """Parses every file with bluebell's public API; returns (seconds, outputs)."""
    from bluebell.parser import parse_to_xml_bytes

    outputs = []
    start = time.perf_counter()
    for i, path in enumerate(paths):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        uri = f"/akn/eu/statement/motionForResolution/ep/2021-02-09/B9-{i:04d}-2021"
        outputs.append(parse_to_xml_bytes(text, ROOT, uri))
    return time.perf_counter() - start, outputs


def check_bluebell(outputs, paths):
    """Every result is an Akoma Ntoso document; the first is well-formed XML and, when AKN_XSD
    names the schema, valid against it."""
    from lxml import etree

    bad = [p for p, x in zip(paths, outputs) if not x.startswith(AKN_NS)]
    if bad:
        sys.exit(f"bluebell: {len(bad)} results are not Akoma Ntoso, e.g. {bad[0]}")
    first = etree.fromstring(outputs[0])
    elements = sum(1 for _ in first.iter())
    xsd = os.environ.get("AKN_XSD")
    valid = "not validated (AKN_XSD unset)"
    if xsd and os.path.isfile(xsd):
        schema = etree.XMLSchema(etree.parse(xsd))
        valid = "valid" if schema.validate(first) else f"INVALID: {schema.error_log.last_error}"
    total = sum(len(x) for x in outputs)
    print(
        f"bluebell: {len(outputs)} Akoma Ntoso documents ({ROOT}), {total} bytes;"
        f" the first has {elements} elements, {valid} against the AKN 3.0 schema"
    )


def motion_export(binary, inputs, out, formats):
    """One `convert` process over the folder, into an empty `out`; returns its seconds and the
    outputs it wrote."""
    shutil.rmtree(out, ignore_errors=True)
    args = [binary, "convert", "-q", "--force", "-j", THREADS, "--format", formats, "-o", out, inputs]
    start = time.perf_counter()
    subprocess.run(args, check=True)
    seconds = time.perf_counter() - start
    written = [n for n in os.listdir(out) if not n.startswith(".")]
    return seconds, written


def main():
    binary, inputs, work = sys.argv[1:4]
    shim = sys.argv[4] if len(sys.argv) > 4 else None
    paths = sorted(os.path.join(inputs, n) for n in os.listdir(inputs) if n.endswith(".txt"))
    n = len(paths)
    ext = load_extension(shim)
    print(f"Python {sys.version.split()[0]}; bluebell's Rust extension: {ext.__name__} from"
          f" {os.path.dirname(ext.__file__)}" + (f" (with {os.path.basename(shim)})" if shim else ""))
    seconds, outputs = bluebell(paths)
    if "_bluebell_rs" not in sys.modules:
        sys.exit("bluebell did not use its Rust extension")
    check_bluebell(outputs, paths)
    peer = n / seconds
    rows = [(f"bluebell-akn 5.0 + bluebell-akn-rs, in process, xml ({ROOT})", seconds, peer, None)]
    for formats in TARGETS:
        out = os.path.join(work, "out-" + formats.replace(",", "-"))
        seconds, written = motion_export(binary, inputs, out, formats)
        expected = n * len(formats.split(","))
        if len(written) != expected:
            sys.exit(f"motion-export --format {formats}: {len(written)} outputs, not {expected}")
        rows.append((f"motion-export convert -j{THREADS} --format {formats}", seconds, n / seconds, formats))
    print(f"\n{n} copies of the seed motion; load average {os.getloadavg()[0]:.2f}")
    print(f"{'':62} {'seconds':>8} {'docs/s':>8} {'ratio':>7} {'target':>7}")
    met = True
    for name, seconds, rate, formats in rows:
        if formats is None:
            print(f"{name:62} {seconds:8.2f} {rate:8.0f}")
            continue
        ratio, target = rate / peer, TARGETS[formats]
        met &= ratio >= target
        verdict = "met" if ratio >= target else "NOT met"
        print(f"{name:62} {seconds:8.2f} {rate:8.0f} {ratio:6.1f}x {target:6.1f}x {verdict}")
    print("targets " + ("met" if met else "not all met"))


if __name__ == "__main__":
    main()
