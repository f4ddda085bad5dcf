#!/usr/bin/env bash
# Benchmark of `notes check` on generated courses (not a test: it reports, it does not judge).
#
#   bench/check.sh            1,000 / 10,000 / 100,000 questions with 50 / 500 / 5,000 notes
#   RUNS=9 bench/check.sh     more runs per size (default 7; the median is reported)
#   SIZES="10000:500" bench/check.sh
#
# Builds release without the `pdf` feature (check does not use it), generates each course
# once with `examples/gen_course.rs` (seed 1, so every run measures the same bytes), checks
# that it is clean, runs one warm-up, then RUNS timed runs. Wall time is measured around the
# process; CPU time (user + system, all threads) and peak RSS come from GNU time (`%U`, `%S`,
# `%M`; installed with apt when missing). The load average is printed before and after: on a
# shared machine, wall time grows with other tenants' load while CPU time does not.
# Target (issue 2): 10,000 questions with 500 notes in <= 150 ms on a 2-core machine, and
# growth linear in the size of the course.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
SIZES=${SIZES:-"1000:50 10000:500 100000:5000"}
TARGET_DIR=${CARGO_TARGET_DIR:-target}

if ! [ -x /usr/bin/time ]; then
    echo "installing GNU time for peak-memory measurement" >&2
    apt-get install -y time >/dev/null
fi

cargo build --quiet --release --no-default-features --bin notes --example gen_course
NOTES="$TARGET_DIR/release/notes"
GEN="$TARGET_DIR/release/examples/gen_course"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/notes-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

now_ns() { date +%s%N; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %6s %8s %10s %10s %10s %10s %12s\n' questions notes MiB "median ms" "min ms" "CPU ms" "peak MiB" "questions/s"
for size in $SIZES; do
    q=${size%%:*}
    n=${size##*:}
    course="$WORK/c$q"
    "$GEN" --questions "$q" --notes "$n" --seed 1 "$course"
    summary=$("$NOTES" check --root "$course" | tail -n 1)
    case "$summary" in
        *": 0 errors, 0 warnings") ;;
        *) echo "generated course is not clean: $summary" >&2; exit 1 ;;
    esac
    bytes=$(du -sb "$course" | cut -f1)
    "$NOTES" check --root "$course" >/dev/null # warm the page cache
    times=()
    cpus=()
    rss=()
    for _ in $(seq "$RUNS"); do
        start=$(now_ns)
        /usr/bin/time -f '%M %U %S' -o "$WORK/time" "$NOTES" check --root "$course" >/dev/null
        end=$(now_ns)
        times+=($(( (end - start) / 1000 )))
        read -r kb user sys < <(tail -n 1 "$WORK/time")
        rss+=("$kb")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { print (u + s) * 1000 }')")
    done
    med_us=$(printf '%s\n' "${times[@]}" | median)
    min_us=$(printf '%s\n' "${times[@]}" | sort -n | head -n 1)
    cpu_ms=$(printf '%s\n' "${cpus[@]}" | median)
    peak_kb=$(printf '%s\n' "${rss[@]}" | sort -n | tail -n 1)
    awk -v q="$q" -v n="$n" -v b="$bytes" -v med="$med_us" -v min="$min_us" -v cpu="$cpu_ms" -v kb="$peak_kb" 'BEGIN {
        printf "%-10d %6d %8.1f %10.1f %10.1f %10.0f %10.1f %12.0f\n", q, n, b / 1048576, med / 1000, min / 1000, cpu, kb / 1024, q / (med / 1e6)
    }'
    rm -rf "$course"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "($RUNS runs per size after one warm-up; release build, --no-default-features; $(nproc) cores)"
