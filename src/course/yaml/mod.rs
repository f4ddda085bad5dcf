//! A YAML tree that remembers where every key and value came from.
//!
//! Course files are read into this generic tree first and validated by hand afterwards, so one
//! pass can report every unknown field, wrong type and missing answer at its own line and
//! column — deserialising straight into structs would stop at the first problem.
//!
//! The text is read by the YAML parser of `serde-saphyr` (the maintained successor of the
//! deprecated `serde_yaml`; its event parser `granit-parser` is re-exported as
//! `serde_saphyr::granit_parser`), and [`build`] turns the events into the tree. Going through
//! serde's `Spanned<T>` instead gave the same tree at twice the cost, and parsing YAML is most
//! of what `notes check` does. The tree builder owns what serde-saphyr's budget did: nesting
//! depth, alias expansion (alias bombs) and the number of values are bounded, and it
//! resolves plain scalars by the YAML 1.2 core schema ([`scalar`]).

mod build;
mod scalar;

/// A position in the YAML text: 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
    /// Width of the node's text in characters, when known.
    pub len: usize,
}

impl Pos {
    /// The start of a text, for whole-document values.
    pub const START: Pos = Pos {
        line: 1,
        column: 1,
        len: 1,
    };
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
    /// A number exactly as the author wrote it (`0.10`, `4.605170`), which the parsed value
    /// would lose; `None` when the value prints as written.
    pub raw: Option<Box<str>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The node's value if it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Looks a key up in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// What a type error calls this value: "a string", "a list", …
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// A scalar as the author wrote it, for answers that may be numbers or strings.
    pub fn scalar_text(&self) -> Option<String> {
        if let Some(raw) = &self.raw {
            return Some(raw.to_string());
        }
        match &self.value {
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
}

/// A YAML syntax error with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub pos: Pos,
}

/// How deep collections may nest in a course file, which needs about six levels (file,
/// `questions`, a question, `steps`, …).
pub const MAX_DEPTH: usize = 24;

/// How many values one file may hold, counting every copy an alias makes: ample for tens of
/// thousands of questions, and a ceiling for alias bombs.
pub const MAX_VALUES: usize = 250_000;

/// Parses one YAML document into a located tree. An empty document is `Null`.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos::START,
            raw: None,
        });
    }
    build::tree(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_of_nested_values() {
        let n = parse("a: 1\nb:\n  - x\n  - {c: true}\n").expect("parses");
        let b = n.get("b").expect("b");
        let Value::Seq(items) = &b.value else {
            panic!("seq")
        };
        assert_eq!(items[0].pos.line, 3);
        assert_eq!(items[0].pos.column, 5);
        let c = items[1].get("c").expect("c");
        assert_eq!(c.value, Value::Bool(true));
        assert_eq!(c.pos.line, 4);
    }

    #[test]
    fn block_scalars_are_strings() {
        let n = parse("p: |\n  line $x$\n  two\n").expect("parses");
        assert_eq!(n.get("p").and_then(Node::as_str), Some("line $x$\ntwo\n"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = parse("a: 1\nb: [1, 2\n").expect_err("must fail");
        assert!(e.pos.line >= 2, "{e:?}");
        assert!(!e.message.is_empty());
    }
}

/// Inputs built to exhaust a parser. Each must come back quickly — with an error or a value —
/// in memory proportional to its size. Durations are printed (`--nocapture`), not asserted:
/// speed belongs to the benchmark.
#[cfg(test)]
mod pathological {
    use std::time::Instant;

    use super::*;

    fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        eprintln!("{name}: {:?}", start.elapsed());
        out
    }

    /// The billion laughs: nine levels of nine aliases, 9^9 strings if expanded.
    fn alias_bomb() -> String {
        let mut s = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
            let refs = vec![format!("*{prev}"); 9].join(",");
            s.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        s
    }

    #[test]
    fn alias_bomb_is_refused() {
        let e = timed("alias bomb", || parse(&alias_bomb())).expect_err("refused");
        assert!(e.message.contains("split the file"), "{e:?}");
        assert!(
            e.pos.line >= 2,
            "located where the expansion overflows: {e:?}"
        );
    }

    #[test]
    fn ten_thousand_open_brackets() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let e = timed("10,000 [", || parse(&text)).expect_err("too deep");
        assert_eq!(
            e.message,
            format!("collections nest more than {MAX_DEPTH} levels deep")
        );
        assert_eq!(e.pos.line, 1);
    }

    #[test]
    fn ten_thousand_dashes() {
        let text = format!("{}x\n", "- ".repeat(10_000));
        let e = timed("10,000 - ", || parse(&text)).expect_err("too deep");
        assert!(e.message.contains("levels deep"), "{e:?}");
    }

    #[test]
    fn deep_mappings_and_indented_sequences() {
        let maps: String = (0..10_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let e = timed("10,000 nested keys", || parse(&maps)).expect_err("too deep");
        assert!(e.message.contains("levels deep"), "{e:?}");
        let seqs: String = (0..1_000)
            .map(|i| format!("{}-\n", "  ".repeat(i)))
            .collect();
        let e = timed("1,000 indented -", || parse(&seqs)).expect_err("too deep");
        assert!(e.message.contains("levels deep"), "{e:?}");
    }

    #[test]
    fn nesting_a_course_needs_is_allowed() {
        let text = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn multi_megabyte_line() {
        let prompt = "x".repeat(8 << 20);
        let text = format!("prompt: {prompt}\n");
        let node = timed("8 MiB plain scalar", || parse(&text)).expect("a long line is fine");
        assert_eq!(
            node.get("prompt").and_then(Node::as_str).map(str::len),
            Some(8 << 20)
        );

        let quoted = format!("prompt: \"{}\"\n", "é\\n".repeat(2 << 20));
        let node = timed("8 MiB quoted scalar with escapes", || parse(&quoted)).expect("fine");
        assert_eq!(
            node.get("prompt")
                .and_then(Node::as_str)
                .map(|s| s.chars().count()),
            Some(4 << 20)
        );

        let flow = format!("tags: [{}a]\n", "a,".repeat(4 << 20));
        let e = timed("8 MiB flow sequence", || parse(&flow)).expect_err("too many values");
        assert!(e.message.contains("split the file"), "{e:?}");
        assert_eq!(e.pos.line, 1);
    }
}
