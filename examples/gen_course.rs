//! Writes a large, valid, deterministic course for benchmarking `notes`.
//!
//! ```text
//! cargo run --release --no-default-features --example gen_course -- --scale 10 --seed 1 OUT_DIR
//! cargo run --release --no-default-features --example gen_course -- --questions 10000 OUT_DIR
//! cargo run --release --no-default-features --example gen_course -- \
//!     --questions 10000 --notes 500 --seed 1 OUT_DIR
//! ```
//!
//! The course has the shape of the shipped one (`notes/` and `questions/` of this repository),
//! scaled. Measured there: 7 notes, one per topic, 97.8 KB of Markdown (14 KB, 14 headings,
//! about 165 inline and 8 display formulas per note, with lists, tables and bold lead-ins); 148
//! questions, 46 true-false, 41 numeric, 32 choice and 29 derivation, 13 of them inline in the
//! notes; about 890 bytes and 9.5 formulas per banked question; about half the formulas of the
//! course distinct. `--scale K` writes 7·K notes and 148·K questions; `--questions N` alone
//! keeps the shipped ratio of notes to questions; `--notes` overrides it.
//!
//! Every heading has an explicit `{#anchor}`; notes link to other topics; every tenth figure
//! slot shows an SVG; questions carry `why`, `steps`, `options`, `tolerance`, `tags`, `see` and
//! `source`. `notes check` must find nothing wrong with it — `bench/run` verifies that. Same
//! arguments, same bytes.

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

/// The shipped course's size: `--scale K` multiplies both.
const SHIPPED_NOTES: usize = 7;
const SHIPPED_QUESTIONS: usize = 148;

/// The shipped course's questions by kind (they add up to `SHIPPED_QUESTIONS`).
const KIND_MIX: [(&str, usize); 4] = [
    ("true-false", 46),
    ("numeric", 41),
    ("choice", 32),
    ("derivation", 29),
];

/// Sections (`##` headings) per note, after the `#` title: the shipped notes have 14 headings.
const SECTIONS: usize = 13;

/// The shipped course's macros, so that every formula goes through macro expansion as there.
const MACROS: &str = r"% Course macros, expanded before every formula is parsed.
\newcommand{\E}{\mathbb{E}}
\newcommand{\R}{\mathbb{R}}
\newcommand{\N}{\mathcal{N}}
\newcommand{\KL}[2]{D_{\mathrm{KL}}(#1 \,\|\, #2)}
\newcommand{\JSD}[2]{D_{\mathrm{JS}}(#1 \,\|\, #2)}
\newcommand{\ELBO}{\mathcal{L}}
\newcommand{\pdata}{p_{\mathrm{data}}}
";

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
    "the",
    "a",
    "of",
    "is",
    "and",
    "to",
    "with",
    "so",
];

/// Inline formulas of the kind the shipped notes use (about 17 characters on average), none
/// with a `|`, which would split a table cell.
const FORMULAS: &[&str] = &[
    r"p_\theta(x)",
    r"\log p_\theta(x \mid z)",
    r"z = f^{-1}(x)",
    r"\nabla_\theta \ELBO",
    r"\KL{q_\phi(z \mid x)}{p_\theta(z \mid x)}",
    r"\sum_i \log p(x_i \mid x_{<i})",
    r"\frac{\partial f}{\partial x}",
    r"\N(0, I)",
    r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    r"\lvert\det J_f\rvert",
    r"x \sim p_\theta",
    r"(\mu, \log\sigma^2)",
    r"\E[X^2] \ge (\E[X])^2",
    r"f = f_M \circ \cdots \circ f_1",
    r"2\,\JSD{p}{q} - \log 4",
    r"X \sim \N(0, AA^\top)",
    r"0 \le H(p) \le \log K",
    r"p(z \mid x) = \frac{p(x \mid z)\,p(z)}{p(x)}",
    r"x \in \{0,1\}^D",
    r"\int p(x)\,dx = 1",
    r"\varepsilon \sim p(\varepsilon)",
    r"1 - D^* = \frac{p_G}{\pdata + p_G}",
    r"f(\E[X]) \le \E[f(X)]",
    r"z = \mu_\phi(x) + \sigma_\phi(x) \odot \varepsilon",
    r"\lVert u\rVert",
    r"x_2 = z_2 + m(z_1)",
    r"\theta",
    r"x \in \R^D",
    r"O(D^3)",
    r"\mathrm{U}[0, 1]",
];

const DISPLAY: &[&str] = &[
    r"\log p_X(x) = \log p_Z(f^{-1}(x)) + \log \left\lvert\det \frac{\partial f^{-1}(x)}{\partial x}\right\rvert",
    r"\ELBO(\theta, \phi; x) = \E_{q_\phi(z \mid x)}[\log p_\theta(x \mid z)] - \KL{q_\phi(z \mid x)}{p(z)}",
    r"\min_G \max_D \; \E_{x \sim \pdata}[\log D(x)] + \E_{z \sim p(z)}[\log(1 - D(G(z)))]",
    r"p(x) = \prod_{i=1}^{n} p(x_i \mid x_{<i})",
    r"I(x; z) = \E_{p(x, z)}\left[\log \frac{p(x, z)}{p(x)\,p(z)}\right]",
    r"\nabla_\theta \log p_\theta(x) = -\nabla_\theta E_\theta(x) + \E_{x' \sim p_\theta}\left[\nabla_\theta E_\theta(x')\right]",
    r"p_\theta(x) = \frac{\exp(-E_\theta(x))}{Z(\theta)}, \qquad Z(\theta) = \int \exp(-E_\theta(x))\,dx",
    r"\begin{aligned} z_{1:d} &= x_{1:d} \\ z_{d+1:D} &= x_{d+1:D} \odot \exp(\alpha(x_{1:d})) + \mu(x_{1:d}) \end{aligned}",
];

struct Args {
    questions: usize,
    notes: usize,
    seed: u64,
    out: PathBuf,
}

const USAGE: &str = "usage: gen_course [--scale K | --questions N [--notes M]] [--seed S] OUT_DIR";

fn parse_args() -> Result<Args, String> {
    let (mut questions, mut notes, mut scale) = (None, None, None);
    let mut seed = 1;
    let mut out = PathBuf::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| format!("{name} needs a value"))?
                .parse::<u64>()
                .map_err(|e| format!("{name}: {e}"))
        };
        match a.as_str() {
            "--questions" => questions = Some(value("--questions")? as usize),
            "--notes" => notes = Some(value("--notes")? as usize),
            "--scale" => scale = Some(value("--scale")? as usize),
            "--seed" => seed = value("--seed")?,
            "-h" | "--help" => return Err(USAGE.into()),
            _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
            _ => out = PathBuf::from(a),
        }
    }
    if out.as_os_str().is_empty() {
        return Err("give the output folder (it must not exist yet)".into());
    }
    let (questions, notes) = match (scale, questions) {
        (Some(_), Some(_)) => return Err("give --scale or --questions, not both".into()),
        (Some(k), None) => (SHIPPED_QUESTIONS * k, notes.unwrap_or(SHIPPED_NOTES * k)),
        (None, q) => {
            let q = q.unwrap_or(SHIPPED_QUESTIONS);
            // The shipped ratio, rounded: 10,000 questions go with 473 notes.
            let shaped = (q * SHIPPED_NOTES + SHIPPED_QUESTIONS / 2) / SHIPPED_QUESTIONS;
            (q, notes.unwrap_or(shaped.max(1)))
        }
    };
    if notes == 0 {
        return Err("--notes must be at least 1".into());
    }
    Ok(Args {
        questions,
        notes,
        seed,
        out,
    })
}

/// One topic (one note): its id, title, and the anchors of its sections.
struct Topic {
    id: String,
    title: String,
    anchors: Vec<String>,
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

fn capitalised(mut s: String) -> String {
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// A sentence of prose; the shipped notes have an inline formula every 85 bytes or so.
fn sentence(rng: &mut Rng) -> String {
    let n = 3 + rng.below(6);
    let mut s = capitalised(words(rng, n));
    if rng.chance(95) {
        let _ = write!(s, " ${}$", formula(rng));
    }
    if rng.chance(25) {
        let _ = write!(s, ", *{}*", rng.pick(WORDS));
    }
    if rng.chance(60) {
        let n = 2 + rng.below(4);
        let _ = write!(s, " {} ${}$", words(rng, n), formula(rng));
    }
    if rng.chance(10) {
        let _ = write!(s, " (**{}**)", rng.pick(WORDS));
    }
    s.push('.');
    s
}

fn sentences(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

fn paragraph(rng: &mut Rng) -> String {
    let n = 2 + rng.below(4);
    sentences(rng, n)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The kind of the `n`th question: the shipped mix, spread evenly (53 is prime to 148, so
/// `n * 53 % 148` runs through every slot of the mix once per 148 questions).
fn kind(n: usize) -> &'static str {
    let mut slot = n * 53 % SHIPPED_QUESTIONS;
    for (kind, count) in KIND_MIX {
        if slot < count {
            return kind;
        }
        slot -= count;
    }
    KIND_MIX[0].0
}

/// A YAML block scalar (`|`) holding `text`, indented under a key at `pad`.
fn block(q: &mut String, pad: &str, text: &str) {
    q.push_str("|\n");
    for line in text.lines() {
        let _ = writeln!(q, "{pad}  {line}");
    }
}

/// `text` wrapped at about 100 columns, as authors wrap prose. Lines break only outside math:
/// a formula's `+` or `-` at the start of a line would begin a list.
fn wrapped(text: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    let mut in_math = false;
    for word in text.split(' ') {
        let breakable = !in_math;
        in_math ^= word.matches('$').count() % 2 == 1;
        if breakable && col > 0 && col + word.len() > 96 {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.len();
    }
    out
}

/// The YAML of one question, indented by `pad`, with the topic given or inherited.
fn question(rng: &mut Rng, id: &str, kind: &str, see: &str, pad: &str) -> String {
    let mut q = String::new();
    let _ = writeln!(q, "{pad}id: {id}");
    let _ = writeln!(q, "{pad}kind: {kind}");
    let _ = write!(q, "{pad}prompt: ");
    let n = 2 + rng.below(3);
    block(&mut q, pad, &wrapped(&sentences(rng, n)));
    match kind {
        "true-false" => {
            let _ = writeln!(q, "{pad}answer: {}", rng.chance(50));
            let _ = write!(q, "{pad}why: ");
            let n = 2 + rng.below(3);
            block(&mut q, pad, &wrapped(&sentences(rng, n)));
        }
        "derivation" => {
            let _ = write!(q, "{pad}answer: ");
            block(&mut q, pad, &format!("${}$", formula(rng)));
            let _ = writeln!(q, "{pad}steps:");
            for _ in 0..3 + rng.below(3) {
                let _ = write!(q, "{pad}  - ");
                block(&mut q, &format!("{pad}  "), &wrapped(&sentence(rng)));
            }
        }
        "numeric" => {
            let answer = match rng.below(3) {
                0 => format!("{}.{:03}", rng.below(100), rng.below(1000)),
                1 => format!("\"{}/{}\"", 1 + rng.below(9), 10 + rng.below(90)),
                _ => format!(
                    "\"-{}.{:02}e{}\"",
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
            let _ = write!(q, "{pad}why: ");
            let n = 1 + rng.below(3);
            block(&mut q, pad, &wrapped(&sentences(rng, n)));
        }
        _ => {
            let count = 3 + rng.below(3);
            let _ = writeln!(q, "{pad}options:");
            for _ in 0..count {
                let n = 3 + rng.below(5);
                let option = if rng.chance(80) {
                    format!("{} ${}$", words(rng, n), formula(rng))
                } else {
                    words(rng, n)
                };
                let _ = write!(q, "{pad}  - ");
                block(&mut q, &format!("{pad}  "), &option);
            }
            let letter = char::from(b'a' + rng.below(count) as u8);
            let _ = writeln!(q, "{pad}answer: {letter}");
            if rng.chance(60) {
                let _ = write!(q, "{pad}why: ");
                block(&mut q, pad, &wrapped(&sentence(rng)));
            }
        }
    }
    if rng.chance(80) {
        let _ = writeln!(
            q,
            "{pad}tags: [{}, {}]",
            slug(rng.pick(&WORDS[..32])),
            slug(rng.pick(&WORDS[..32]))
        );
    }
    let _ = writeln!(q, "{pad}see: {see}");
    if rng.chance(60) {
        let _ = writeln!(q, "{pad}source: CS236 midterm {}", 2015 + rng.below(10));
    }
    q
}

/// One section's body after its heading: prose, then what the shipped notes put between
/// paragraphs — display math, a list with bold lead-ins, a table, a link to another topic.
fn section(rng: &mut Rng, topics: &[Topic], t: usize, h: usize) -> String {
    let mut s = wrapped(&paragraph(rng));
    s.push_str("\n\n");
    if rng.chance(60) {
        let _ = writeln!(s, "$${}$$\n", rng.pick(DISPLAY));
    }
    if rng.chance(55) {
        for _ in 0..2 + rng.below(3) {
            let lead = capitalised(words(rng, 2));
            let item = wrapped(&format!("**{lead}.** {}", sentence(rng)));
            let _ = writeln!(s, "- {}", item.replace('\n', "\n  "));
        }
        s.push('\n');
    }
    if rng.chance(22) {
        s.push_str("| quantity | formula | value |\n|---|---|---|\n");
        for _ in 0..2 + rng.below(4) {
            let _ = writeln!(
                s,
                "| {} | ${}$ | {} |",
                rng.pick(WORDS),
                formula(rng),
                rng.below(100)
            );
        }
        s.push('\n');
    }
    if rng.chance(10) {
        let other = &topics[rng.below(topics.len())];
        let target = &other.anchors[rng.below(other.anchors.len())];
        let _ = writeln!(
            s,
            "Compare [{}]({}#{target}) and [the start](#{}).\n",
            other.title, other.id, topics[t].anchors[0]
        );
    }
    if t.is_multiple_of(10) && h == 0 {
        s.push_str("![A figure](figures/plot.svg)\n\n");
    }
    if rng.chance(3) {
        s.push_str("```python\nloss = -log_prob(x).mean()\nloss.backward()\n```\n\n");
    }
    if rng.chance(50) {
        s.push_str(&wrapped(&paragraph(rng)));
        s.push_str("\n\n");
    }
    s
}

/// The note of topic `t`, with `inline` questions in it.
fn note(rng: &mut Rng, topics: &[Topic], t: usize, inline: &[String]) -> String {
    let topic = &topics[t];
    let mut s = String::from("---\n");
    let _ = writeln!(s, "topic: {}", topic.id);
    let _ = writeln!(s, "title: {}", topic.title);
    let _ = writeln!(s, "order: {}", t + 1);
    if rng.chance(30) {
        let _ = writeln!(s, "aliases: [{}-alias]", topic.id);
    }
    s.push_str("---\n");
    let _ = writeln!(s, "# {} {{#{}-title}}\n", topic.title, topic.id);
    s.push_str(&wrapped(&paragraph(rng)));
    s.push_str("\n\n");
    let mut inline = inline.iter();
    for (h, anchor) in topic.anchors.iter().enumerate() {
        let _ = writeln!(s, "## {} {{#{anchor}}}\n", capitalised(words(rng, 3)));
        s.push_str(&section(rng, topics, t, h));
        // The shipped notes hold about two questions each, late in a section.
        if h % 6 == 5
            && let Some(q) = inline.next()
        {
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
    let topic_count = args.notes;
    let topics: Vec<Topic> = (0..topic_count)
        .map(|t| Topic {
            id: format!("t{t:05}-{}", slug(rng.pick(&WORDS[..32]))),
            title: capitalised(format!("{} {t}", words(&mut rng, 2))),
            anchors: (0..SECTIONS)
                .map(|h| format!("{}-{h}", slug(rng.pick(&WORDS[..32]))))
                .collect(),
        })
        .collect();

    // Questions, round-robin over topics; every eleventh question of a topic is inline in its
    // note (13 of the shipped 148 are).
    let mut inline: Vec<Vec<String>> = vec![Vec::new(); topic_count];
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
        if nth % 11 == 5 {
            inline[t].push(question(&mut rng, &id, kind(n), &see, ""));
        } else {
            let q = question(&mut rng, &id, kind(n), &see, "    ");
            banks[t].push_str("\n  - ");
            banks[t].push_str(q.trim_start());
        }
    }

    let root = &args.out;
    write(
        &root.join("notes/course.yaml"),
        "title: Generated course\nsubtitle: shaped like the shipped one, for benchmarks\n\
         retention: 0.9\nsheet:\n  paper: a4\n  columns: 3\n",
    )?;
    write(&root.join("notes/macros.tex"), MACROS)?;
    write(
        &root.join("notes/figures/plot.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n",
    )?;
    for (t, questions) in inline.iter().enumerate() {
        let text = note(&mut rng, &topics, t, questions);
        write(&root.join(format!("notes/{}.md", topics[t].id)), &text)?;
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
