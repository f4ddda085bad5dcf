//! From the YAML parser's events to the located tree, one event at a time on an explicit
//! stack (no recursion, whatever the input), with the limits that keep hostile input cheap:
//! [`MAX_DEPTH`] levels of nesting and [`MAX_VALUES`] values, aliases' copies included.
//! Anchors and aliases (`&a` / `*a`), merge keys (`<<: *a`) and duplicate keys are handled
//! here too.

use std::collections::{HashMap, HashSet};

use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle, ScanError, Span};

use super::{MAX_DEPTH, MAX_VALUES, Node, Pos, SyntaxError, Value, scalar};

fn pos(span: &Span) -> Pos {
    Pos {
        line: span.start.line().max(1),
        column: span.start.col() + 1,
        len: span.end.index().saturating_sub(span.start.index()).max(1),
    }
}

fn error(message: impl Into<String>, pos: Pos) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        pos: Pos { len: 1, ..pos },
    }
}

/// The parser's own message, first line only: the location is printed separately.
fn scan_error(e: &ScanError) -> SyntaxError {
    let info = e.info();
    let first = info.lines().next().unwrap_or_default().trim();
    let m = e.marker();
    if first.contains("recursion limit exceeded") {
        return error(nesting_message(), Pos::START);
    }
    error(
        first,
        Pos {
            line: m.line().max(1),
            column: m.col() + 1,
            len: 1,
        },
    )
}

fn nesting_message() -> String {
    format!("collections nest more than {MAX_DEPTH} levels deep")
}

/// A key's identity for duplicate detection: `a` and `"a"` are the same key, `1` and `"1"`
/// are not. Collections as keys are not compared.
#[derive(PartialEq, Eq, Hash)]
enum KeyId {
    Null,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(String),
}

fn key_id(n: &Node) -> Option<KeyId> {
    Some(match &n.value {
        Value::Null => KeyId::Null,
        Value::Bool(b) => KeyId::Bool(*b),
        Value::Int(i) => KeyId::Int(*i),
        Value::Float(f) => KeyId::Float(f.to_bits()),
        Value::Str(s) => KeyId::Str(s.clone()),
        Value::Seq(_) | Value::Map(_) => return None,
    })
}

/// `key_id(a) == key_id(b)`, without building either.
fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) => x == y,
        _ => false,
    }
}

/// The keys of a mapping being built: a scan of its entries while it is small (a question
/// has about ten keys), a hash set once it is not (a file could hold a mapping of thousands).
#[derive(Default)]
struct KeySet {
    big: Option<HashSet<KeyId>>,
}

impl KeySet {
    const SCAN: usize = 16;

    /// Whether `key` is not among the keys of `entries` yet; remembers it.
    fn insert(&mut self, entries: &[(Node, Node)], key: &Node) -> bool {
        if let Some(set) = &mut self.big {
            return key_id(key).is_none_or(|id| set.insert(id));
        }
        if matches!(key.value, Value::Seq(_) | Value::Map(_)) {
            return true;
        }
        if entries.iter().any(|(k, _)| same_key(k, key)) {
            return false;
        }
        if entries.len() >= Self::SCAN {
            let all = entries.iter().map(|(k, _)| k).chain([key]);
            self.big = Some(all.filter_map(key_id).collect());
        }
        true
    }
}

/// A collection being built.
struct Frame {
    node: Node,
    anchor: usize,
    /// A mapping's key waiting for its value, and whether it is a merge key (`<<`).
    key: Option<(Node, bool)>,
    /// Mappings to merge in (`<<: *base`), in order of precedence.
    merges: Vec<Vec<(Node, Node)>>,
    /// The mapping's keys so far.
    keys: KeySet,
}

struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Anchored nodes by the parser's anchor id, with their number of values.
    anchors: HashMap<usize, (Node, usize)>,
    values: usize,
    documents: usize,
}

/// Parses `text` (not blank) into a tree.
pub(super) fn tree(text: &str) -> Result<Node, SyntaxError> {
    let mut options = Options::default();
    options.emit_comments = false;
    // A backstop: the builder stops at `MAX_DEPTH` with a located error first.
    options.flow_nesting_limit = MAX_DEPTH + 8;
    options.block_nesting_limit = MAX_DEPTH + 8;
    let mut b = Builder {
        stack: Vec::new(),
        root: None,
        anchors: HashMap::new(),
        values: 0,
        documents: 0,
    };
    for event in Parser::new_from_str_with_options(text, options) {
        let (event, span) = event.map_err(|e| scan_error(&e))?;
        b.event(event, &span)?;
    }
    Ok(b.root.unwrap_or(Node {
        value: Value::Null,
        pos: Pos::START,
        raw: None,
    }))
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), SyntaxError> {
        let at = pos(span);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(error(
                        "a second YAML document (after `---`): a course file holds one",
                        at,
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let plain_style = style == ScalarStyle::Plain;
                let core = tag
                    .as_ref()
                    .and_then(|t| t.core_suffix().map(str::to_string));
                let (value, raw) = match core {
                    Some(suffix) => {
                        scalar::tagged(&text, plain_style, &suffix).map_err(|m| error(m, at))?
                    }
                    None if plain_style => scalar::plain(&text),
                    None => (Value::Str(text.into_owned()), None),
                };
                let node = Node {
                    value,
                    pos: at,
                    raw,
                };
                self.count(1, at)?;
                if anchor != 0 {
                    self.anchors.insert(anchor, (node.clone(), 1));
                }
                let merge = plain_style && tag.is_none() && node.as_str() == Some("<<");
                self.add(node, merge)?;
            }
            Event::SequenceStart(_, anchor, _) => self.open(Value::Seq(Vec::new()), anchor, at)?,
            Event::MappingStart(_, anchor, _) => self.open(Value::Map(Vec::new()), anchor, at)?,
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (node, anchor) = finish(frame);
                if anchor != 0 {
                    let size = size(&node);
                    self.anchors.insert(anchor, (node.clone(), size));
                }
                self.add(node, false)?;
            }
            Event::Alias(id) => {
                let Some(&(_, size)) = self.anchors.get(&id) else {
                    return Err(error("alias references unknown anchor", at));
                };
                // Counted before copying, so a bomb never gets to allocate its copies.
                self.count(size, at)?;
                let Some((node, _)) = self.anchors.get(&id) else {
                    return Ok(());
                };
                let mut node = node.clone();
                // Like a value written here: quoted at the alias.
                relocate(&mut node, at);
                self.add(node, false)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn count(&mut self, n: usize, at: Pos) -> Result<(), SyntaxError> {
        self.values = self.values.saturating_add(n);
        if self.values > MAX_VALUES {
            return Err(error(
                format!(
                    "more than {MAX_VALUES} values (counting what aliases expand to): split the file"
                ),
                at,
            ));
        }
        Ok(())
    }

    fn open(&mut self, value: Value, anchor: usize, at: Pos) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(error(nesting_message(), at));
        }
        self.count(1, at)?;
        self.stack.push(Frame {
            node: Node {
                value,
                pos: at,
                raw: None,
            },
            anchor,
            key: None,
            merges: Vec::new(),
            keys: KeySet::default(),
        });
        Ok(())
    }

    /// Puts a finished node where it belongs: the root, a list, a key, or a key's value.
    fn add(&mut self, node: Node, merge_key: bool) -> Result<(), SyntaxError> {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match &mut frame.node.value {
            Value::Seq(items) => items.push(node),
            Value::Map(entries) => match frame.key.take() {
                None => frame.key = Some((node, merge_key)),
                Some((_, true)) => frame.merges.extend(merge_sources(node)?),
                Some((key, false)) => {
                    if !frame.keys.insert(entries, &key) {
                        let shown = key.scalar_text().unwrap_or_else(|| "~".into());
                        return Err(error(format!("duplicate mapping key: {shown}"), key.pos));
                    }
                    entries.push((key, node));
                }
            },
            _ => {}
        }
        Ok(())
    }
}

/// What a merge key's value contributes: a mapping, or a list of mappings (earlier first).
fn merge_sources(node: Node) -> Result<Vec<Vec<(Node, Node)>>, SyntaxError> {
    let at = node.pos;
    let bad = || {
        error(
            "a merge (`<<`) must name a mapping or a list of mappings",
            at,
        )
    };
    match node.value {
        Value::Map(entries) => Ok(vec![entries]),
        Value::Seq(items) => items
            .into_iter()
            .map(|i| match i.value {
                Value::Map(entries) => Ok(entries),
                _ => Err(bad()),
            })
            .collect(),
        _ => Err(bad()),
    }
}

/// Closes a collection: merged keys join a mapping after its own, which take precedence.
fn finish(mut frame: Frame) -> (Node, usize) {
    if let Value::Map(entries) = &mut frame.node.value {
        if let Some((key, _)) = frame.key.take() {
            // A key without a value cannot come from the parser; keep it rather than lose it.
            let at = key.pos;
            entries.push((
                key,
                Node {
                    value: Value::Null,
                    pos: at,
                    raw: None,
                },
            ));
        }
        for source in frame.merges {
            for (k, v) in source {
                if frame.keys.insert(entries, &k) {
                    entries.push((k, v));
                }
            }
        }
    }
    (frame.node, frame.anchor)
}

/// How many values a node holds, itself included.
fn size(node: &Node) -> usize {
    let mut n = 0;
    let mut todo = vec![node];
    while let Some(node) = todo.pop() {
        n += 1;
        match &node.value {
            Value::Seq(items) => todo.extend(items),
            Value::Map(entries) => {
                for (k, v) in entries {
                    todo.push(k);
                    todo.push(v);
                }
            }
            _ => {}
        }
    }
    n
}

/// Points every value of an alias's copy at the alias.
fn relocate(node: &mut Node, at: Pos) {
    let mut todo = vec![node];
    while let Some(node) = todo.pop() {
        node.pos = at;
        match &mut node.value {
            Value::Seq(items) => todo.extend(items.iter_mut()),
            Value::Map(entries) => {
                for (k, v) in entries.iter_mut() {
                    todo.push(k);
                    todo.push(v);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn at(n: &Node) -> (usize, usize) {
        (n.pos.line, n.pos.column)
    }

    #[test]
    fn anchors_and_aliases_copy_values_located_at_the_alias() {
        let n = parse("a: &x [1, 0.10]\nb: *x\n").expect("parses");
        let b = n.get("b").expect("b");
        let Value::Seq(items) = &b.value else {
            panic!("a list: {b:?}")
        };
        assert_eq!(items[1].scalar_text().as_deref(), Some("0.10"));
        assert_eq!(at(b), (2, 4));
        assert!(items.iter().all(|i| at(i) == (2, 4)), "{items:?}");
        let e = parse("a: *nope\n").expect_err("unknown alias");
        assert_eq!((e.pos.line, e.pos.column), (1, 4));
    }

    #[test]
    fn merge_keys_add_what_the_mapping_lacks() {
        let n = parse("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n").expect("parses");
        let m = n.get("m").expect("m");
        assert_eq!(m.get("y").map(|v| &v.value), Some(&Value::Int(3)));
        assert_eq!(m.get("x").map(|v| &v.value), Some(&Value::Int(1)));
        assert!(m.get("<<").is_none());
        let n = parse("a: &a {x: 1}\nb: &b {x: 2, z: 3}\nm:\n  <<: [*a, *b]\n").expect("parses");
        let m = n.get("m").expect("m");
        assert_eq!(
            m.get("x").map(|v| &v.value),
            Some(&Value::Int(1)),
            "earlier wins"
        );
        assert_eq!(m.get("z").map(|v| &v.value), Some(&Value::Int(3)));
        let e = parse("m:\n  <<: 5\n").expect_err("not a mapping");
        assert!(e.message.contains("merge"), "{e:?}");
        // Quoted, `<<` is an ordinary key.
        let n = parse("\"<<\": 5\n").expect("parses");
        assert_eq!(n.get("<<").map(|v| &v.value), Some(&Value::Int(5)));
    }

    #[test]
    fn duplicate_keys_in_large_mappings() {
        let mut text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        assert!(parse(&text).is_ok());
        text.push_str("k7: again\n");
        let e = parse(&text).expect_err("duplicate");
        assert_eq!(
            (e.message.as_str(), e.pos.line),
            ("duplicate mapping key: k7", 101)
        );
        // And merged into a large mapping, its own key wins.
        let big: String = (0..40).map(|i| format!("  k{i}: {i}\n")).collect();
        let n = parse(&format!("b: &b {{k3: merged, z: 1}}\nm:\n{big}  <<: *b\n")).expect("ok");
        let m = n.get("m").expect("m");
        assert_eq!(m.get("k3").map(|v| &v.value), Some(&Value::Int(3)));
        assert_eq!(m.get("z").map(|v| &v.value), Some(&Value::Int(1)));
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_second() {
        let e = parse("a: 1\nb: 2\n'a': 3\n").expect_err("duplicate");
        assert_eq!(e.message, "duplicate mapping key: a");
        assert_eq!((e.pos.line, e.pos.column), (3, 1));
        // `1` and `"1"` are different keys.
        assert!(parse("1: a\n\"1\": b\n").is_ok());
    }

    #[test]
    fn one_document_per_file() {
        let e = parse("a: 1\n---\nb: 2\n").expect_err("two documents");
        assert_eq!(
            (e.pos.line, e.message.contains("second YAML document")),
            (2, true)
        );
        assert!(parse("---\na: 1\n...\n").is_ok());
        assert_eq!(
            parse("# only a comment\n").map(|n| n.value),
            Ok(Value::Null)
        );
    }

    #[test]
    fn core_tags() {
        let n = parse("a: !!str 1\nb: !!float 2\nc: !local x\n").expect("parses");
        assert_eq!(n.get("a").map(|v| &v.value), Some(&Value::Str("1".into())));
        assert_eq!(n.get("b").map(|v| &v.value), Some(&Value::Float(2.0)));
        assert_eq!(n.get("c").map(|v| &v.value), Some(&Value::Str("x".into())));
        let e = parse("a: !!int abc\n").expect_err("not an int");
        assert_eq!(e.message, "`abc` is not a valid !!int");
    }

    #[test]
    fn values_are_counted_with_what_aliases_expand_to() {
        // 20 copies of 20 copies of 20 strings: about 8,400 values, fine.
        let mut text = format!("a: &a [{}]\n", vec!["x"; 20].join(","));
        text.push_str(&format!("b: &b [{}]\n", vec!["*a"; 20].join(",")));
        text.push_str(&format!("c: &c [{}]\n", vec!["*b"; 20].join(",")));
        assert!(parse(&text).is_ok());
        // 30 copies of that: over the limit, reported at the alias that crosses it.
        text.push_str(&format!("d: [{}]\n", vec!["*c"; 30].join(",")));
        let Err(e) = parse(&text) else {
            panic!("too many values must be refused")
        };
        assert!(e.message.contains("split the file"), "{e:?}");
        assert_eq!(e.pos.line, 4);
    }
}
