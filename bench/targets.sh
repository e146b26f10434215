#!/usr/bin/env bash
# Measures every target of issue #6 in one run, one measurement after another (two at once
# would share the two cores), and ends with a table: target, figure, met or not.
#
#   bench/targets.sh [--data-dir DIR] [--out DIR] [--steps N]
#
#   1. StepTable prof=gc: s/step, % of the 2-thread FMA peak and MB allocated per step of
#      cgan, acgan and dcgan (target: the cgan step at >= 50% of the peak).
#   2. GemmShare variant=cgan: the GEMMs' own rate inside real steps, packing included, as a
#      share of one core's peak (target: >= 70%).
#   3. compare-pytorch.sh for cgan, acgan and dcgan (targets: engine/PyTorch <= 0.33, 0.5, 0.5).
#   4. `train cgan` for N steps (default 1000, two full epochs and a part) with -Xlog:gc: the
#      seconds of its first full epoch as the run prints them, and the heap after each young
#      collection past the run's first tenth (the first steps fill the arrays that later
#      steps reuse): the largest in the second half of those collections must not exceed the
#      largest in the first by more than 5% (target: no growth).
#
# About 20 minutes. Needs the built jars (mvn -q package -DskipTests) and Fashion-MNIST
# (default ../shared/datasets, as in the README). Writes its logs to --out (default
# target/targets-<time>/). This machine's speed drifts by 10-20% over minutes (bench/README):
# a figure near its target can land on either side of it from one run to the next.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=../shared/datasets
OUT=target/targets-$(date +%Y%m%d-%H%M%S)
STEPS=1000
while [ $# -gt 0 ]; do
    case "$1" in
        --data-dir) DATA=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --steps) STEPS=$2; shift 2 ;;
        *) echo "targets: unknown argument '$1' (--data-dir DIR, --out DIR, --steps N)" >&2; exit 2 ;;
    esac
done
BENCH=bench/target/benchmarks.jar
GAN=gan/target/gan.jar
for jar in "$BENCH" "$GAN"; do
    if [ ! -f "$jar" ]; then
        echo "targets: $jar not found; build them with: mvn -q package -DskipTests" >&2
        exit 1
    fi
done
if ! [[ $STEPS =~ ^[0-9]+$ ]] || [ "$STEPS" -lt 469 ]; then
    echo "targets: --steps $STEPS must be a number of at least 469 (one full epoch and a step)" >&2
    exit 2
fi
mkdir -p "$OUT"
# the flags `java -jar gan.jar` gives its restarted child (gan.cli.HugePages)
JVM_FLAGS=(--add-modules jdk.incubator.vector)
if grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
    JVM_FLAGS+=(-XX:+UseTransparentHugePages)
fi
rows=()
row() { # target, figure, threshold test (awk expression over x), figure as a number
    local met
    met=$(awk -v x="$4" "BEGIN {print ($3) ? \"met\" : \"NOT met\"}")
    rows+=("$(printf '%-44s %-34s %s' "$1" "$2" "$met")")
}

# The heap after each young collection ("Pause Young (...) 700M->580M(1312M)": 580) from
# second $2 of the run on (the first steps fill the arena that later steps reuse): the
# largest in the first half of those collections, the largest in the second, and the count.
heap_halves() {
    sed -n 's/^\[\([0-9.]*\)s\].*Pause Young.* [0-9]*M->\([0-9]*\)M(.*/\1 \2/p' "$1" | awk -v skip="$2" '
        $1 >= skip {v[++n] = $2}
        END {
            if (n < 4) {print "too few collections after the first tenth of the run (" n + 0 ")"; exit}
            h = int(n / 2)
            for (i = 1; i <= h; i++) if (v[i] > a) a = v[i]
            for (i = h + 1; i <= n; i++) if (v[i] > b) b = v[i]
            printf "%d %d %d\n", a, b, n
        }'
}

echo "== 1/4 StepTable prof=gc (about 4 minutes)"
java -cp "$BENCH" gan.bench.StepTable prof=gc 2>&1 | tee "$OUT/steptable.log"
# variant threads s/step GFLOP/step GFLOP/s %peak MB
cgan=($(awk '$1 == "cgan" && $2 ~ /^[0-9]+$/ {print $3, $6, $7}' "$OUT/steptable.log" | tail -1))
row "cgan step >= 50% of the 2-thread peak" "${cgan[1]} (${cgan[0]} s/step)" "x >= 50" "${cgan[1]%\%}"
for v in cgan acgan dcgan; do
    mb=$(awk -v v="$v" '$1 == v && $2 ~ /^[0-9]+$/ {print $7}' "$OUT/steptable.log" | tail -1)
    row "$v allocation per step (JMH -prof gc)" "$mb MB" "x != \"\"" "$mb"
done

echo "== 2/4 GemmShare variant=cgan (about a minute)"
java "${JVM_FLAGS[@]}" -cp "$BENCH" gan.bench.GemmShare variant=cgan 2>&1 | tee "$OUT/gemmshare.log"
gemm=$(sed -n 's/.*GEMMs:.* \([0-9]*\)% of peak.*/\1/p' "$OUT/gemmshare.log" | tail -1)
row "cgan conv GEMMs >= 70% of one core's peak" "$gemm%" "x >= 70" "$gemm"

echo "== 3/4 compare-pytorch.sh (about 5 minutes)"
for v in cgan acgan dcgan; do
    bench/compare-pytorch.sh "$v" 2>&1 | tee "$OUT/pytorch-$v.log"
    ratio=$(sed -n 's/.*engine\/pytorch \([0-9.]*\) (target <= \([0-9.]*\)).*/\1 \2/p' "$OUT/pytorch-$v.log")
    set -- $ratio
    row "$v step / PyTorch 1.13's <= $2" "$1" "x <= $2" "$1"
done

echo "== 4/4 train cgan --steps $STEPS with -Xlog:gc (about $((STEPS / 3 / 60 + 1)) minutes)"
start=$SECONDS
GAN_NO_RELAUNCH=1 java "${JVM_FLAGS[@]}" "-Xlog:gc:file=$OUT/gc.log" -jar "$GAN" train cgan --data-dir "$DATA" \
    --steps "$STEPS" --threads 2 --out "$OUT/train" --sample-every 0 2>&1 | tee "$OUT/train.log"
elapsed=$((SECONDS - start))
epoch=$(sed -n 's/^epoch 1\/[0-9]*: 468 steps in \([0-9.]*\) s.*/\1/p' "$OUT/train.log")
row "train cgan: seconds per epoch, printed" "${epoch:-none} s" "x > 0" "${epoch:-0}"
heap=$(heap_halves "$OUT/gc.log" $((elapsed / 10)))
set -- $heap
if [[ $1 =~ ^[0-9]+$ ]]; then
    row "heap after GC flat over $STEPS steps" "$1 MB, then $2 MB ($3 GCs)" "x <= $1 * 1.05" "$2"
else
    row "heap after GC flat over $STEPS steps" "$heap" "0" "0"
fi

echo
printf '%-44s %-34s %s\n' "target (issue #6)" "measured now" "" | tee "$OUT/summary.txt"
printf '%s\n' "${rows[@]}" | tee -a "$OUT/summary.txt"
echo "logs in $OUT"
