//! Writes a large, valid, deterministic course for benchmarking `notes check`.
//!
//! ```text
//! cargo run --release --no-default-features --example gen_course -- \
//!     --questions 10000 --notes 500 --seed 1 OUT_DIR
//! ```
//!
//! The course looks like a real one, scaled up: notes with front matter, headings (some with
//! explicit `{#anchors}`), paragraphs with inline and display math, lists, tables, code, links
//! between topics and a figure now and then; a tenth of the questions inline in the notes, the
//! rest in one bank per topic; all four kinds with `why`, `steps`, `options`, `tolerance`,
//! `tags`, `see` and `source`. Two notes per topic. `notes check` must find nothing wrong with
//! it — the benchmark script verifies that. Same arguments, same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use notes::course::slug;

/// SplitMix64: tiny, deterministic, good enough to vary text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "likelihood",
    "density",
    "gradient",
    "encoder",
    "decoder",
    "posterior",
    "prior",
    "sample",
    "latent",
    "variable",
    "divergence",
    "estimator",
    "bound",
    "variance",
    "objective",
    "training",
    "inference",
    "model",
    "distribution",
    "transform",
    "Jacobian",
    "determinant",
    "score",
    "energy",
    "noise",
    "flow",
    "coupling",
    "autoregressive",
    "mixture",
    "kernel",
    "entropy",
    "temperature",
];

const FORMULAS: &[&str] = &[
    r"p_\theta(x)",
    r"\log p(x) \ge \mathbb{E}_{q(z|x)}[\log p(x|z)]",
    r"z = f^{-1}(x)",
    r"\nabla_\theta \mathcal{L}",
    r"D_{\mathrm{KL}}(q \,\|\, p)",
    r"\sum_{i=1}^{n} \log p(x_i)",
    r"\frac{\partial f}{\partial x}",
    r"\mathcal{N}(0, I)",
    r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    r"|\det J_f(z)|",
];

const DISPLAY: &[&str] = &[
    r"\log p_X(x) = \log p_Z(f^{-1}(x)) + \log \left|\det \frac{\partial f^{-1}(x)}{\partial x}\right|",
    r"\mathcal{L}(\theta, \phi; x) = \mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)] - D_{\mathrm{KL}}(q_\phi(z|x) \,\|\, p(z))",
    r"\min_G \max_D \; \mathbb{E}_{x \sim p_{\mathrm{data}}}[\log D(x)] + \mathbb{E}_{z \sim p(z)}[\log(1 - D(G(z)))]",
    r"p(x) = \prod_{i=1}^{n} p(x_i \mid x_{<i})",
];

struct Args {
    questions: usize,
    notes: usize,
    seed: u64,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        questions: 10_000,
        notes: 500,
        seed: 1,
        out: PathBuf::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| format!("{name} needs a value"))?
                .parse::<u64>()
                .map_err(|e| format!("{name}: {e}"))
        };
        match a.as_str() {
            "--questions" => args.questions = value("--questions")? as usize,
            "--notes" => args.notes = value("--notes")? as usize,
            "--seed" => args.seed = value("--seed")?,
            "-h" | "--help" => {
                return Err(
                    "usage: gen_course [--questions N] [--notes N] [--seed N] OUT_DIR".into(),
                );
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ => args.out = PathBuf::from(a),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("give the output folder (it must not exist yet)".into());
    }
    if args.notes < 2 {
        return Err("--notes must be at least 2".into());
    }
    Ok(args)
}

/// One topic: its id, title, and the anchors of its notes (two, or one for the last topic of
/// an odd number of notes), `HEADINGS` per note.
struct Topic {
    id: String,
    title: String,
    anchors: Vec<String>,
}

const HEADINGS: usize = 8;

/// A formula for a table cell, where `|` would split the cell.
fn cell_formula(rng: &mut Rng) -> String {
    loop {
        let f = formula(rng);
        if !f.contains('|') {
            return f;
        }
    }
}

/// One of the formulas, often with a term of its own, so that about half the formulas of a
/// course are distinct, as in the shipped course (2,613 formulas, 1,431 distinct): a checker
/// that skips repeated formulas gains here what it would gain on a real course, no more.
fn formula(rng: &mut Rng) -> String {
    let base = rng.pick(FORMULAS);
    match rng.below(10) {
        0..4 => base.to_string(),
        4..6 => format!("{base} + c_{{{}}}", rng.below(100_000)),
        6..8 => format!("{base} \\le \\lambda^{{{}}}", 1 + rng.below(100_000)),
        _ => format!("\\left({base}\\right)_{{i={}}}", rng.below(100_000)),
    }
}

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

fn sentence(rng: &mut Rng) -> String {
    let n = 6 + rng.below(10);
    let mut s = words(rng, n);
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    if rng.chance(50) {
        let _ = write!(s, " with ${}$", formula(rng));
    }
    if rng.chance(20) {
        let _ = write!(s, ", *{}*", rng.pick(WORDS));
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng) -> String {
    (0..2 + rng.below(4))
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The YAML of one question, indented by `pad`, with the topic given or inherited.
fn question(rng: &mut Rng, id: &str, n: usize, see: &str, pad: &str) -> String {
    let mut q = String::new();
    let kind = ["true-false", "derivation", "numeric", "choice"][n % 4];
    let _ = writeln!(q, "{pad}id: {id}");
    let _ = writeln!(q, "{pad}kind: {kind}");
    let _ = writeln!(q, "{pad}prompt: |");
    for _ in 0..1 + rng.below(3) {
        let _ = writeln!(q, "{pad}  {}", sentence(rng));
    }
    match kind {
        "true-false" => {
            let _ = writeln!(q, "{pad}answer: {}", rng.chance(50));
            let _ = writeln!(q, "{pad}why: |");
            let _ = writeln!(q, "{pad}  {}", sentence(rng));
        }
        "derivation" => {
            let _ = writeln!(q, "{pad}answer: ${}$", formula(rng));
            let _ = writeln!(q, "{pad}steps:");
            for _ in 0..3 + rng.below(3) {
                let _ = writeln!(q, "{pad}  - {}", sentence(rng).replace(": ", " "));
            }
        }
        "numeric" => {
            let answer = match rng.below(3) {
                0 => format!("{}.{:03}", rng.below(100), rng.below(1000)),
                1 => format!("\"{}/{}\"", 1 + rng.below(9), 10 + rng.below(90)),
                _ => format!(
                    "-{}.{:02}e{}",
                    1 + rng.below(9),
                    rng.below(100),
                    rng.below(6)
                ),
            };
            let _ = writeln!(q, "{pad}answer: {answer}");
            if rng.chance(60) {
                let tol = if rng.chance(50) { "0.001" } else { "\"0.5%\"" };
                let _ = writeln!(q, "{pad}tolerance: {tol}");
            }
        }
        _ => {
            let count = 3 + rng.below(3);
            let _ = writeln!(q, "{pad}options:");
            for _ in 0..count {
                let n = 3 + rng.below(5);
                let _ = writeln!(q, "{pad}  - \"{}\"", words(rng, n));
            }
            let letter = char::from(b'a' + rng.below(count) as u8);
            let _ = writeln!(q, "{pad}answer: {letter}");
        }
    }
    if rng.chance(70) {
        let _ = writeln!(
            q,
            "{pad}tags: [{}, {}]",
            slug(rng.pick(WORDS)),
            slug(rng.pick(WORDS))
        );
    }
    let _ = writeln!(q, "{pad}see: {see}");
    if rng.chance(30) {
        let _ = writeln!(q, "{pad}source: Midterm {}", 2015 + rng.below(10));
    }
    q
}

/// A note of `topic` (`part` 0 gives the title), with `inline` questions in it.
fn note(rng: &mut Rng, topics: &[Topic], t: usize, part: usize, inline: &[String]) -> String {
    let topic = &topics[t];
    let mut s = String::from("---\n");
    let _ = writeln!(s, "topic: {}", topic.id);
    if part == 0 {
        let _ = writeln!(s, "title: {}", topic.title);
        let _ = writeln!(s, "order: {}", t + 1);
        if rng.chance(30) {
            let _ = writeln!(s, "aliases: [{}-alias]", topic.id);
        }
    }
    s.push_str("---\n");
    let _ = writeln!(s, "# {}{}\n", topic.title, ["", " (continued)"][part]);
    s.push_str(&paragraph(rng));
    s.push_str("\n\n");
    let mut inline = inline.iter();
    for h in 0..HEADINGS {
        let anchor = &topic.anchors[part * HEADINGS + h];
        let _ = writeln!(s, "## {} {{#{anchor}}}\n", words(rng, 3));
        s.push_str(&paragraph(rng));
        s.push_str("\n\n");
        match rng.below(6) {
            0 => {
                let _ = writeln!(s, "$$\n{}\n$$\n", rng.pick(DISPLAY));
            }
            1 => {
                for _ in 0..3 {
                    let _ = writeln!(s, "- {}", sentence(rng));
                }
                s.push('\n');
            }
            2 => {
                s.push_str("| quantity | value |\n|---|---|\n");
                for _ in 0..3 {
                    let _ = writeln!(s, "| ${}$ | {} |", cell_formula(rng), rng.below(100));
                }
                s.push('\n');
            }
            3 => {
                s.push_str("```python\nloss = -log_prob(x).mean()\nloss.backward()\n```\n\n");
            }
            4 => {
                let other = &topics[rng.below(topics.len())];
                let target = &other.anchors[rng.below(other.anchors.len())];
                let _ = writeln!(
                    s,
                    "Compare [{}]({}#{target}) and [above](#{}).\n",
                    other.title,
                    other.id,
                    topic.anchors[part * HEADINGS]
                );
            }
            _ => {
                if t.is_multiple_of(10) && h == 0 {
                    s.push_str("![A figure](figures/plot.svg)\n\n");
                } else {
                    let _ = writeln!(s, "> {}\n", sentence(rng));
                }
            }
        }
        if let Some(q) = inline.next() {
            let _ = writeln!(s, "```question\n{q}```\n");
        }
    }
    for q in inline {
        let _ = writeln!(s, "```question\n{q}```\n");
    }
    s
}

fn run(args: &Args) -> Result<(), String> {
    if args.out.exists() {
        return Err(format!("{} exists already", args.out.display()));
    }
    let mut rng = Rng(args.seed);
    let topic_count = args.notes.div_ceil(2);
    let notes_of = |t: usize| if 2 * t + 1 < args.notes { 2 } else { 1 };
    let topics: Vec<Topic> = (0..topic_count)
        .map(|t| Topic {
            id: format!("t{t:05}-{}", slug(rng.pick(WORDS))),
            title: format!("{} {t}", words(&mut rng, 2)),
            anchors: (0..notes_of(t) * HEADINGS)
                .map(|h| format!("{}-{h}", slug(rng.pick(WORDS))))
                .collect(),
        })
        .collect();

    // Questions, round-robin over topics, kinds in turn within a topic; every tenth question
    // of a topic is inline in one of its notes.
    let mut inline: Vec<Vec<Vec<String>>> = vec![vec![Vec::new(); 2]; topic_count];
    let mut banks: Vec<String> = topics
        .iter()
        .map(|t| format!("topic: {}\nquestions:\n", t.id))
        .collect();
    for n in 0..args.questions {
        let t = n % topic_count;
        let topic = &topics[t];
        let id = format!("{}-q{n:06}", topic.id);
        let see = format!(
            "{}#{}",
            topic.id,
            topic.anchors[rng.below(topic.anchors.len())]
        );
        let nth = n / topic_count;
        if nth % 10 == 9 {
            let part = (nth / 10) % notes_of(t);
            inline[t][part].push(question(&mut rng, &id, nth + t, &see, ""));
        } else {
            let q = question(&mut rng, &id, nth + t, &see, "    ");
            banks[t].push_str("\n  - ");
            banks[t].push_str(q.trim_start());
        }
    }

    let root = &args.out;
    write(
        &root.join("notes/course.yaml"),
        "title: Generated course\nsubtitle: for benchmarking notes check\nretention: 0.9\n",
    )?;
    write(
        &root.join("notes/macros.tex"),
        "\\newcommand{\\E}{\\mathbb{E}}\n",
    )?;
    write(
        &root.join("notes/figures/plot.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n",
    )?;
    for (t, parts) in inline.iter().enumerate() {
        for (part, questions) in parts.iter().enumerate().take(notes_of(t)) {
            let text = note(&mut rng, &topics, t, part, questions);
            write(
                &root.join(format!("notes/{}-{part}.md", topics[t].id)),
                &text,
            )?;
        }
    }
    for (t, bank) in banks.iter().enumerate() {
        if bank.ends_with("questions:\n") {
            continue;
        }
        write(&root.join(format!("questions/{}.yaml", topics[t].id)), bank)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|a| run(&a)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_course: {e}");
            ExitCode::from(2)
        }
    }
}
