#!/usr/bin/env bash
# Builds the seed corpora of the three fuzz targets from the repository's own course, tests and
# math corpus, into fuzz/corpus/<target>/ (ignored by git: libFuzzer grows it as it runs).
# Whole files and their pieces (one question, one section, one formula): small seeds mutate
# faster and keep libFuzzer's default input size low.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/fuzz/corpus"
mkdir -p "$out/question_yaml" "$out/note_markdown" "$out/math" "$out/inline_math"

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

# Small hostile shapes, so that mutation starts from deep nesting, long chains and aliases
# rather than having to discover them (each one hung or crashed an earlier version, see
# fuzz/README.md).
hostile() { printf '%s' "$2" > "$out/$1"; }
hostile math/nest-not.tex '\not\not\not\not='
hostile math/nest-overline.tex '\overline{\overline{\overline{ab}}}'
hostile math/nest-underset.tex '\underset a{\underset a{\underset a{x}}}'
hostile math/chain-sqrt.tex '\sqrt\sqrt[3]\sqrt\frac{a}\hat x'
hostile math/nest-groups.tex '{{\left(\begin{aligned}x^{\frac{1}{\sqrt{2}}}\end{aligned}\right)}}'
hostile math/nest-color.tex '\color{red}x\color{blue}y\displaystyle z'
printf '%s\0%s' '\newcommand{\a}[1]{{#1#1}}\newcommand{\b}{\b}' '\a{\a{\a{x}}}\b' \
    > "$out/math/macro-recursion.tex"
hostile note_markdown/headings.md "$(printf '# x\n%.0s' 1 2 3 4 5 6 7 8)"
hostile note_markdown/nesting.md "$(printf -- '> - > 1. - x $\\not\\not=$\n  - y\n    - z\n')"
hostile question_yaml/aliases.yaml "$(printf 'a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nquestions: [*c]\n')"
hostile question_yaml/flow.yaml 'questions: [[[{id: q, kind: choice, options: [[a]], answer: [[a]]}]]]'

for t in question_yaml note_markdown math; do
    echo "$t: $(ls "$out/$t" | wc -l) seeds"
done

# inline_math: the text of every line of the banks that holds math, as a one-line field.
n=0
grep -h '\$' "$root"/questions/*.yaml | sed 's/^ *\(- \)\{0,1\}\([a-z_]*: \)\{0,1\}//' | while IFS= read -r line; do
    n=$((n + 1))
    printf '%s\n' "$line" > "$out/inline_math/line-$(printf %04d $n).txt"
done
