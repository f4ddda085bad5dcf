#!/usr/bin/env bash
# Drill benchmarks on the shipped course: time to the first quiz prompt and `notes stats`, with
# 0 and 100,000 reviews stored. Release build; median of 7 runs; peak RSS from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet --no-default-features --bin notes --example gen_reviews
bin=${CARGO_TARGET_DIR:-target}/release/notes
gen=${CARGO_TARGET_DIR:-target}/release/examples/gen_reviews
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NOTES_NOW=2026-11-25T09:00:00Z NO_COLOR=1

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, command...
  local label=$1; shift
  local times=() rss=0
  for _ in 1 2 3 4 5 6 7; do
    local s e
    s=$(date +%s%N)
    /usr/bin/time -f %M -o "$work/rss" "$@" </dev/null >/dev/null 2>&1 || true
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
    r=$(cat "$work/rss"); [ "$r" -gt "$rss" ] && rss=$r
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | median)
  printf '| %-46s | %9.1f | %8.1f |\n' "$label" "$(echo "$med/1000" | bc -l)" "$(echo "$rss/1024" | bc -l)"
}

echo "machine: $(nproc) cores, $(uname -m); release build; median of 7 runs"
echo
printf '| %-46s | %9s | %8s |\n' "what" "ms" "peak MB"
printf '|%s|%s|%s|\n' "------------------------------------------------" "-----------" "----------"
export NOTES_DB="$work/empty.db"
measure "quiz --topic flows: first prompt, 0 reviews" "$bin" quiz --topic flows --seed 1
measure "stats, 0 reviews" "$bin" stats
"$gen" . "$work/big.db" 100000 7 >/dev/null
export NOTES_DB="$work/big.db"
measure "quiz --topic flows: first prompt, 100k reviews" "$bin" quiz --topic flows --seed 1
measure "quiz --cram --topic flows: first prompt, 100k" "$bin" quiz --topic flows --seed 1 --cram
measure "stats, 100k reviews" "$bin" stats
measure "stats --format json, 100k reviews" "$bin" stats --format json
