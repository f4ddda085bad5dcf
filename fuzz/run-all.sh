#!/usr/bin/env bash
# Runs the four targets one after another, each for SECONDS (default 600), one fuzzer process
# at a time, with the seed corpora and dictionaries; logs go to fuzz/logs/<target>.log.
# Stops at the first target that finds a crash, timeout or OOM (libFuzzer exits non-zero).
#   fuzz/run-all.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
if [ $# -gt 0 ]; then targets=("$@"); else targets=(question_yaml note_markdown math inline_math); fi
# cargo-fuzz builds in fuzz/target unless CARGO_TARGET_DIR says otherwise.
[ -n "${CARGO_TARGET_DIR:-}" ] || CARGO_TARGET_DIR="$PWD/fuzz/target"
[ -d fuzz/corpus/math ] || fuzz/seed.sh
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
    echo "== $t: ${secs}s, log fuzz/logs/$t.log"
    RUSTC_BOOTSTRAP=1 cargo fuzz run --target-dir "$CARGO_TARGET_DIR" "$t" "fuzz/corpus/$t" -- \
        -dict="fuzz/dict/$t.dict" -timeout=5 -rss_limit_mb=2048 \
        -max_total_time="$secs" -print_final_stats=1 > "fuzz/logs/$t.log" 2>&1
    grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' "fuzz/logs/$t.log"
done
