#!/usr/bin/env bash
# One training step of a variant (cgan, acgan or dcgan, with its tutorial's defaults) in
# PyTorch (bench/pytorch_step.py) and in this engine (gan.bench.TrainingStepBench), run
# alternately so that both see the same machine, with the same warm-up and step counts.
# Prints seconds per step for each round, then the medians and the ratio engine / PyTorch
# against the variant's target (issue #6: cgan <= 0.33, acgan and dcgan <= 0.5).
#
#   bench/compare-pytorch.sh [variant=cgan] [rounds=3] [steps=5] [threads=2]
#
# A first argument that is a number is the old form, [rounds] [steps] [threads] of cgan.
# One step: cgan  batch 128, D on 64 real, D on 64 fake, G on 128 through the frozen D;
#           acgan batch 64, the same with 32 / 32 / 64, two-headed D (BCE + sparse CE);
#           dcgan batch 64, D once on 64 fake + 64 real, G on 64 through the frozen D.
# `python3 bench/pytorch_step.py --variant V --params` checks the PyTorch networks against
# the Keras parameter counts.
#
# Needs bench/target/benchmarks.jar (mvn -q -o package -DskipTests). Installs Debian's
# python3-torch if torch is missing. Measure on an idle machine only: PyTorch's OpenMP
# threads spin-wait, and with another process busy on the cores a step can take 60x longer.
set -euo pipefail
cd "$(dirname "$0")/.."

VARIANT=cgan
if [ $# -gt 0 ] && ! [[ $1 =~ ^[0-9]+$ ]]; then
    VARIANT=$1
    shift
fi
case "$VARIANT" in
    cgan) TARGET=0.33 ;;
    acgan | dcgan) TARGET=0.5 ;;
    *) echo "compare-pytorch: unknown variant '$VARIANT' (cgan, acgan or dcgan)" >&2; exit 2 ;;
esac
ROUNDS=${1:-3}
STEPS=${2:-5}
THREADS=${3:-2}
WARMUP=2
PYTHON=${PYTHON:-/usr/bin/python3}
JAR=bench/target/benchmarks.jar

if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
    echo "compare-pytorch: torch missing for $PYTHON, installing python3-torch (and OpenBLAS)" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get install -y python3-torch libopenblas0-pthread >&2
fi
if [ ! -f "$JAR" ]; then
    echo "compare-pytorch: $JAR not found; build it with: mvn -q -o package -DskipTests" >&2
    exit 1
fi

# Debian's torch takes its matrix products from whatever libblas.so.3 the alternatives system
# points at: the reference (netlib) BLAS runs them ~20x slower than OpenBLAS, so say which one.
blas=$("$PYTHON" -c 'import re, torch; m = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show()); print(torch.__version__, "BLAS_INFO=" + (m.group(1) if m else "?"))')
libblas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo "?")
echo "pytorch $blas, libblas.so.3 -> $libblas"
case "$libblas" in
    */blas/libblas.so.3*)
        echo "compare-pytorch: warning: libblas.so.3 is the reference BLAS; PyTorch's GEMMs will be very slow" \
            "(apt-get install libopenblas0-pthread switches the alternative)" >&2 ;;
esac
echo "$VARIANT: load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min), $(nproc) cores, $THREADS threads," \
    "$STEPS steps after $WARMUP warm-up"
# The load average lags by minutes; what matters is whether the cores are busy right now.
cpu_busy() {
    local a b
    a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
    local total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    echo $(( 100 * (total - (b[4] - a[4]) - (b[5] - a[5])) / (total > 0 ? total : 1) ))
}
busy=$(cpu_busy)
echo "cpu busy before: ${busy}%"
if [ "$busy" -gt 10 ]; then
    echo "compare-pytorch: warning: the cores are ${busy}% busy; the figures will not be trustworthy" >&2
fi

# the engine's JVM flags, as 'java -jar gan.jar' gives its restarted child (gan.cli.HugePages)
JVM_FLAGS=(--add-modules jdk.incubator.vector)
if grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
    JVM_FLAGS+=(-XX:+UseTransparentHugePages)
fi

py_times=()
engine_times=()
for r in $(seq 1 "$ROUNDS"); do
    py=$(OMP_NUM_THREADS=$THREADS "$PYTHON" bench/pytorch_step.py --variant "$VARIANT" --threads "$THREADS" \
        --steps "$STEPS" --warmup "$WARMUP" | awk '/s\/step/ {print $2}' || true)
    engine=$(java "${JVM_FLAGS[@]}" -cp "$JAR" gan.bench.TrainingStepBench "$VARIANT" "$THREADS" \
        "$STEPS" "$WARMUP" 2>/dev/null | awk '/s\/step/ {print $2}' || true)
    if [ -z "$py" ] || [ -z "$engine" ]; then
        echo "compare-pytorch: round $r printed no s/step (pytorch '${py}', engine '${engine}');" \
            "run the two commands by hand to see why" >&2
        exit 1
    fi
    py_times+=("$py")
    engine_times+=("$engine")
    printf "round %d: pytorch %s s/step, engine %s s/step, engine/pytorch %s\n" "$r" "$py" "$engine" \
        "$(awk -v e="$engine" -v p="$py" 'BEGIN {printf "%.2f", e / p}')"
done

median() {
    printf "%s\n" "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
py_med=$(median "${py_times[@]}")
engine_med=$(median "${engine_times[@]}")
echo "$VARIANT median: pytorch $py_med s/step, engine $engine_med s/step," \
    "engine/pytorch $(awk -v e="$engine_med" -v p="$py_med" 'BEGIN {printf "%.2f", e / p}') (target <= $TARGET)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
