#!/usr/bin/env bash
# Builds the seed corpora of the three fuzz targets from the repository's own course, tests and
# math corpus, into fuzz/corpus/<target>/ (ignored by git: libFuzzer grows it as it runs).
# Whole files and their pieces (one question, one section, one formula): small seeds mutate
# faster and keep libFuzzer's default input size low.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/fuzz/corpus"
mkdir -p "$out/question_yaml" "$out/note_markdown" "$out/math"

# question_yaml: every YAML file, then each question of each bank on its own.
for f in "$root"/questions/*.yaml "$root"/notes/course.yaml $(find "$root/tests/fixtures" -name '*.yaml'); do
    name="$(basename "$(dirname "$f")")-$(basename "$f" .yaml)"
    cp "$f" "$out/question_yaml/$name.yaml"
    awk -v dir="$out/question_yaml" -v name="$name" '
        NR <= 2 && !/^  - / { head = head $0 "\n"; next }
        /^  - id:/ { n++ }
        n > 0 { file = sprintf("%s/%s-q%03d.yaml", dir, name, n); printf "%s", (seen[file]++ ? "" : head) > file; print > file }
    ' "$f"
done

# note_markdown: every note, then each `## ` section of it on its own (front matter stays with
# the first).
for f in "$root"/notes/*.md $(find "$root/tests/fixtures" -name '*.md'); do
    name="$(basename "$(dirname "$f")")-$(basename "$f" .md)"
    cp "$f" "$out/note_markdown/$name.md"
    awk -v dir="$out/note_markdown" -v name="$name" '
        /^## / { n++ }
        { print > sprintf("%s/%s-s%03d.md", dir, name, n) }
    ' "$f"
done

# math: each formula of the golden corpus alone, and after its macros and a NUL byte (the
# target reads "macros.tex NUL formula").
n=0
grep -v '^%' "$root/src/math/corpus.tex" | grep -v '^[[:space:]]*$' | while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "$out/math/corpus-$(printf %03d $n).tex"
    { cat "$root/src/math/corpus_macros.tex"; printf '\0%s' "$line"; } > "$out/math/corpus-macros-$(printf %03d $n).tex"
done
cp "$root/notes/macros.tex" "$out/math/course-macros.tex"

for t in question_yaml note_markdown math; do
    echo "$t: $(ls "$out/$t" | wc -l) seeds"
done
