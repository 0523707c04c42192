#!/bin/sh
# `make bench-peer`, the preparing half (issue 18): a virtual environment under target/bench-peer
# with bluebell-akn and bluebell-akn-rs from PyPI, N copies of the seed motion, then peer.py, which
# measures bluebell and motion-export on them and prints the ratios.
#
# Usage: peer.sh BIN   (environment: SHARED_DIR, the shared folder with seed/; PYTHON, default
# python3; BENCH_PEER_N, default 1000)
#
# bluebell-akn 5.0 and bluebell-akn-rs 5.0 declare Python >= 3.12. On an older Python 3 (3.11 here)
# bluebell-akn is installed ignoring that, the extension's abi3 wheel for 3.12 is unpacked into the
# environment, and shim.c supplies the two 3.12 C-API functions it calls that 3.11 lacks
# (BENCHMARKS.md, "Peer comparison"). On 3.12 and later it is a plain `pip install`.
set -eu

BIN=${1:?usage: peer.sh BIN}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=target/bench-peer
VENV=$WORK/venv
N=${BENCH_PEER_N:-1000}
PYTHON=${PYTHON:-python3}
BLUEBELL=5.0.0
SEED=${SHARED_DIR:-../shared}/seed/B9-0146-2021_EN.txt
[ -f "$SEED" ] || { echo "no seed motion at $SEED: set SHARED_DIR" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no binary at $BIN: run make build" >&2; exit 1; }

mkdir -p "$WORK"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PY=$VENV/bin/python
# 1 when the interpreter is older than 3.12, the extension's minimum.
OLD=$("$PY" -c 'import sys; print(int(sys.version_info < (3, 12)))')
SHIM=
if ! "$PY" -c 'import bluebell' 2>/dev/null; then
  if [ "$OLD" = 1 ]; then
    "$PY" -m pip install --quiet --ignore-requires-python "bluebell-akn==$BLUEBELL"
  else
    "$PY" -m pip install --quiet "bluebell-akn==$BLUEBELL"
  fi
fi
if [ "$OLD" = 1 ]; then
  SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  if [ ! -d "$SITE/_bluebell_rs" ]; then
    rm -rf "$WORK/wheels"
    "$PY" -m pip download --quiet --python-version 3.12 --only-binary=:all: --no-deps \
      -d "$WORK/wheels" "bluebell-akn-rs==$BLUEBELL"
    "$PY" -m zipfile -e "$WORK"/wheels/bluebell_akn_rs-*.whl "$SITE"
  fi
  SHIM=$WORK/shim.so
  INCLUDE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
  [ "$SHIM" -nt "$HERE/shim.c" ] || ${CC:-cc} -shared -fPIC -O2 -I"$INCLUDE" -o "$SHIM" "$HERE/shim.c"
elif ! "$PY" -c 'import _bluebell_rs' 2>/dev/null; then
  "$PY" -m pip install --quiet "bluebell-akn-rs==$BLUEBELL"
fi

# N copies of the seed, under names that keep its language suffix and state no document number
# (a number unlike the cover's would be warned about, once per file).
IN=$WORK/seeds-$N
if [ ! -d "$IN" ] || [ "$(ls "$IN" | wc -l)" -ne "$N" ]; then
  rm -rf "$IN" && mkdir -p "$IN"
  i=0
  while [ $i -lt "$N" ]; do
    cp "$SEED" "$IN/$(printf 'seed-%04d_EN.txt' $i)"
    i=$((i + 1))
  done
fi

echo "$(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(uptime | sed 's/.*load average: //')"
exec "$PY" "$HERE/peer.py" "$BIN" "$IN" "$WORK" $SHIM
