//! A YAML tree that remembers where every key and value came from.
//!
//! Course files are read into this generic tree first and validated by hand afterwards, so one
//! pass can report every unknown field, wrong type and missing answer at its own line and
//! column — deserialising straight into structs would stop at the first problem.
//! Parsing goes through `serde-saphyr` (the maintained successor of the deprecated
//! `serde_yaml`), whose budget limits keep alias bombs and deep nesting bounded.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A position in the YAML text: 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
    /// Width of the node's text in characters, when known.
    pub len: usize,
    /// Byte range of the node's text in the parsed string, when the parser knows it.
    pub bytes: Option<(usize, usize)>,
}

impl Pos {
    /// The start of a text, for whole-document values.
    pub const START: Pos = Pos {
        line: 1,
        column: 1,
        len: 1,
        bytes: None,
    };
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
    /// A number exactly as the author wrote it (`0.10`, `4.605170`), which the parsed `f64`
    /// would lose; `None` for everything else.
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

    /// Records the source text of every number in the tree (see [`Node::raw`]).
    fn attach_raw_numbers(&mut self, text: &str) {
        match &mut self.value {
            Value::Int(_) | Value::Float(_) => {
                let raw = self
                    .pos
                    .bytes
                    .and_then(|(start, len)| text.get(start..start.checked_add(len)?))
                    .map(str::trim);
                // Only a plain spelling that reads back as the same number: not an alias
                // (`*n`), a tagged value (`!!float 1`), hex, or anything the span misses.
                let same = raw.is_some_and(|r| match self.value {
                    Value::Int(i) => r.parse::<i64>() == Ok(i),
                    Value::Float(f) => r.parse::<f64>().is_ok_and(|g| g == f),
                    _ => false,
                });
                if same {
                    self.raw = raw.map(Into::into);
                }
            }
            Value::Seq(items) => {
                for item in items {
                    item.attach_raw_numbers(text);
                }
            }
            Value::Map(entries) => {
                for (k, v) in entries {
                    k.attach_raw_numbers(text);
                    v.attach_raw_numbers(text);
                }
            }
            Value::Null | Value::Bool(_) | Value::Str(_) => {}
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(d)?;
        let loc = spanned.referenced;
        let span = loc.span();
        let bytes = span
            .byte_offset()
            .zip(span.byte_len())
            .and_then(|(o, l)| Some((usize::try_from(o).ok()?, usize::try_from(l).ok()?)));
        Ok(Node {
            value: spanned.value,
            pos: Pos {
                line: usize::try_from(loc.line()).unwrap_or(usize::MAX),
                column: usize::try_from(loc.column()).unwrap_or(usize::MAX),
                len: usize::try_from(span.len()).unwrap_or(1).max(1),
                bytes,
            },
            raw: None,
        })
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Err(E::custom("binary values are not supported"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// A YAML syntax error with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub pos: Pos,
}

/// Parses one YAML document into a located tree. An empty document is `Null`.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos::START,
            raw: None,
        });
    }
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    // A course file needs about six levels (file, `questions`, a question, `steps`, …). Each
    // level costs a few recursive frames in the deserialiser — tens of KB in a debug build —
    // so the library default of 64 could overflow a 2 MB thread stack before the limit hits.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    options.budget = Some(budget);
    // YAML 1.2 booleans only: with the 1.1 spellings, `options: [Yes, No]` would read as
    // `true`/`false` and a derivation answering `no` as "false".
    options.strict_booleans = true;
    // `.inf` and `.nan` are values the checker judges (a numeric answer must be finite), not
    // a reason to reject the whole file as invalid YAML.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    let mut node = serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|e| {
        let pos = e.location().map_or(Pos::START, |l| Pos {
            line: usize::try_from(l.line()).unwrap_or(1).max(1),
            column: usize::try_from(l.column()).unwrap_or(1).max(1),
            len: 1,
            bytes: None,
        });
        SyntaxError {
            message: describe(&e),
            pos,
        }
    })?;
    node.attach_raw_numbers(text);
    Ok(node)
}

/// How deep collections may nest in a course file (see `parse`).
pub const MAX_DEPTH: usize = 24;

/// The parser's error as one sentence for an author. Budget breaches (alias bombs, deep
/// nesting, huge files) get words instead of the library's `Debug` form.
fn describe(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut inner = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = inner {
        inner = error;
    }
    if let E::Budget { breach, .. } = inner {
        return match breach {
            B::Depth { .. } => format!("collections nest more than {MAX_DEPTH} levels deep"),
            B::Aliases { .. }
            | B::Anchors { .. }
            | B::AliasAnchorRatio { .. }
            | B::MergeKeys { .. } => {
                "too many aliases (`*name`) to expand safely: is this an alias bomb?".into()
            }
            B::Nodes { nodes } => format!(
                "more than {} values (counting what aliases expand to): split the file",
                nodes.saturating_sub(1)
            ),
            B::Events { .. } => "too many values: split the file".into(),
            B::ScalarBytes { .. } => "more than 64 MiB of text: split the file".into(),
            B::Documents { .. } => "too many `---` documents".into(),
            _ => "too large or too deeply nested to read safely".into(),
        };
    }
    let msg = inner.to_string();
    if msg.contains("recursion limit exceeded") {
        return format!("collections nest more than {MAX_DEPTH} levels deep");
    }
    clean_message(&msg)
}

/// serde-saphyr appends " at line X, column Y" to messages, and advice about its own options;
/// we print the location ourselves, and the options are not the author's to set.
fn clean_message(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    let cut = first.find(" at line ").map_or(first, |i| &first[..i]);
    let cut = cut.find(", set ").map_or(cut, |i| &cut[..i]);
    cut.trim_end_matches(':').to_string()
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
