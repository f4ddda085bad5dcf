//! The PDF rendering: Typst 0.15 math markup, written from the same tree as the Unicode one.
//! Symbols use Typst's own names (`nabla`, `arrow.r`, `chevron.l`; see `typst_symbols.rs`),
//! constructs its own functions (`frac`, `lr`, `mat(delim: "[", …)`, `cases`, `underbrace`,
//! `op("arg max", limits: #true)`), so the output needs no Typst-side definitions.
//!
//! Typst's math syntax has traps this writer steps around: adjacent letters form one
//! identifier (`ab`), a name directly followed by `(` is a call (`hat(x)`), commas and
//! semicolons inside a call separate arguments, and an unbalanced bracket inside a call's
//! arguments swallows the call's closing parenthesis. Hence tokens are separated by spaces,
//! punctuation inside arguments is escaped, and lone brackets are escaped when unbalanced.

use pulldown_latex::event::{ColumnAlignment, Font, ScriptPosition, Style};

use super::tree::{DelimKind, EnvKind, Node};
use super::typst_symbols::NAMES;

/// The Typst equation for a formula's tree, with its `$`s (`$ … $` for display).
pub(super) fn write(nodes: &[Node<'_>], display: bool) -> String {
    let mut w = Writer::new(false);
    w.top = true;
    w.seq(nodes);
    let body = w.out.trim();
    if display {
        format!("$ {body} $")
    } else {
        format!("${body}$")
    }
}

/// How a token joins the previous one.
#[derive(Clone, Copy, PartialEq)]
enum Tok {
    Open,
    Close,
    Punct,
    Letter,
    Number,
    /// Strings and the fences `|` `‖`: Typst renders a space next to them (they are "spaced"
    /// items), so no space is written unless LaTeX had one.
    Glued,
    Other,
}

struct Writer {
    out: String,
    prev: Option<Tok>,
    /// Inside a function call's arguments: `,` `;` `:` must be escaped.
    arg: bool,
    /// At the top of the equation, where `aligned` can use Typst's own `&` and `\`.
    top: bool,
    /// Write lone brackets escaped (set when they do not balance inside an argument).
    escape_brackets: bool,
    /// Depth of lone brackets written, and whether it ever went below zero.
    depth: i32,
    unbalanced: bool,
}

impl Writer {
    fn new(arg: bool) -> Self {
        Writer {
            out: String::new(),
            prev: None,
            arg,
            top: false,
            escape_brackets: false,
            depth: 0,
            unbalanced: false,
        }
    }

    fn push(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let tok = classify(s);
        let glued = match self.prev {
            None | Some(Tok::Open | Tok::Glued) => true,
            Some(_) if tok == Tok::Glued => true,
            Some(prev) => {
                matches!(tok, Tok::Close | Tok::Punct)
                    || (tok == Tok::Open && matches!(prev, Tok::Letter | Tok::Number | Tok::Close))
            }
        };
        // `[|`, `|]` and `||` are Typst shorthands (⟦ ⟧ ‖): keep such neighbours apart.
        let last = self.out.chars().next_back();
        let first = s.chars().next();
        let shorthand = matches!(
            (last, first),
            (Some('['), Some('|')) | (Some('|'), Some(']' | '|'))
        );
        if !glued || shorthand {
            self.out.push(' ');
        }
        self.out.push_str(s);
        self.prev = Some(tok);
    }

    /// A prime attaches to what precedes it (`f'`).
    fn prime(&mut self, primes: &str) {
        if self.out.is_empty() || self.out.ends_with(' ') {
            self.push("prime");
        } else {
            self.out.push_str(primes);
            self.prev = Some(Tok::Other);
        }
    }

    /// The markup of `nodes` as a call argument, with brackets escaped if they do not balance.
    fn arg(&self, nodes: &[Node<'_>]) -> String {
        let mut w = Writer::new(true);
        w.seq(nodes);
        if w.depth == 0 && !w.unbalanced {
            return w.out;
        }
        let mut w = Writer::new(true);
        w.escape_brackets = true;
        w.seq(nodes);
        w.out
    }

    fn arg1(&self, node: &Node<'_>) -> String {
        self.arg(std::slice::from_ref(node))
    }

    fn seq(&mut self, nodes: &[Node<'_>]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node<'_>) {
        match node {
            Node::Ord { c: '′', .. } => self.prime("'"),
            Node::Ord { c: '″', .. } => self.prime("''"),
            Node::Ord { c: '‴', .. } => self.prime("'''"),
            // pulldown-latex's `\|` is ∥ (parallel), but LaTeX draws ‖.
            Node::Ord { c: '∥', .. } => self.push("‖"),
            Node::Ord { c, .. } | Node::Bin(c) | Node::Punct(c) | Node::LargeOp(c) => self.char(*c),
            Node::Rel(a, b) => {
                self.char(*a);
                if let Some(b) = b {
                    self.char(*b);
                }
            }
            Node::Delim { c, kind, sized } => {
                if *kind == DelimKind::Fence && *sized {
                    let inner = self.char_token(*c);
                    self.push(&format!("mid({inner})"));
                } else {
                    self.char(*c);
                }
            }
            Node::Number(n) => {
                let n = if self.arg {
                    n.replace(',', "\\,")
                } else {
                    (*n).to_owned()
                };
                self.push(&n);
            }
            Node::Function(f) => self.push(&function(f, false)),
            Node::Text(t) => self.push(&string(t)),
            Node::Group(nodes) => self.seq(nodes),
            Node::LeftRight { open, close, body } => {
                let s = self.left_right(*open, *close, body);
                self.push(&s);
            }
            Node::Frac { num, den, rule } => {
                let (n, d) = (self.arg1(num), self.arg1(den));
                let s = if *rule {
                    format!("frac({n}, {d})")
                } else {
                    format!("mat(delim: #none, {n}; {d})")
                };
                self.push(&s);
            }
            Node::Binom { top, bottom } => {
                let s = format!("binom({}, {})", self.arg1(top), self.arg1(bottom));
                self.push(&s);
            }
            Node::Sqrt(x) => {
                let s = format!("sqrt({})", self.arg1(x));
                self.push(&s);
            }
            Node::Root { index, radicand } => {
                let s = format!("root({}, {})", self.arg1(index), self.arg1(radicand));
                self.push(&s);
            }
            Node::Negation(x) => {
                let s = match x.unwrap_group() {
                    Node::Rel(c, None) | Node::Ord { c, .. } | Node::Bin(c) => {
                        match super::alphabet::negated(*c) {
                            Some(n) => self.char_token(n),
                            None => format!("cancel({})", self.char_token(*c)),
                        }
                    }
                    other => format!("cancel({})", self.arg1(other)),
                };
                self.push(&s);
            }
            Node::Script {
                base,
                sub,
                sup,
                position,
            } => {
                if *position != ScriptPosition::AboveBelow
                    && let Node::Delim { c, .. }
                    | Node::Bin(c)
                    | Node::Rel(c, None)
                    | Node::Punct(c) = base.unwrap_group()
                {
                    // `(1-p)^n`: the script goes on the bracket, and Typst then attaches it to
                    // the whole bracketed group, as TeX draws it.
                    self.char(*c);
                    let suffix = self.scripts_suffix(sub.as_deref(), sup.as_deref());
                    self.out.push_str(&suffix);
                    self.prev = Some(Tok::Other);
                    return;
                }
                let s = self.script(base, sub.as_deref(), sup.as_deref(), *position);
                self.push(&s);
            }
            Node::Space(em) => self.push(&space(*em)),
            Node::Font(font, nodes) => {
                let s = self.font(*font, nodes);
                self.push(&s);
            }
            Node::Style(style, nodes) => {
                let f = match style {
                    Style::Display => "display",
                    Style::Text => "inline",
                    Style::Script => "script",
                    Style::ScriptScript => "sscript",
                };
                let s = format!("{f}({})", self.arg(nodes));
                self.push(&s);
            }
            Node::Color(change, nodes) => {
                let (r, g, b) = change.color;
                let s = format!("text(fill: #rgb({r}, {g}, {b}), {})", self.arg(nodes));
                self.push(&s);
            }
            Node::Env { kind, rows } => self.env(kind, rows, None),
        }
    }

    fn char(&mut self, c: char) {
        match c {
            '(' | '[' | '{' => {
                self.depth += 1;
                let s = if self.escape_brackets {
                    format!("\\{c}")
                } else {
                    c.to_string()
                };
                self.push(&s);
            }
            ')' | ']' | '}' => {
                self.depth -= 1;
                self.unbalanced |= self.depth < 0;
                let s = if self.escape_brackets {
                    format!("\\{c}")
                } else {
                    c.to_string()
                };
                self.push(&s);
            }
            _ => {
                let s = self.char_token(c);
                self.push(&s);
            }
        }
    }

    /// One character as Typst math: a letter or digit as itself, a symbol by its Typst name,
    /// syntax characters escaped.
    fn char_token(&self, c: char) -> String {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '+' | '=' | '!' | '?' | '|' | '.' | '%' | '‖' => {
                c.to_string()
            }
            '−' | '-' => "-".into(),
            '<' => "lt".into(),
            '>' => "gt".into(),
            ',' | ';' | ':' if self.arg => format!("\\{c}"),
            ',' | ';' | ':' => c.to_string(),
            '(' | ')' | '[' | ']' | '{' | '}' => format!("\\{c}"),
            '\\' => "backslash".into(),
            // Root signs are syntax in Typst math (`√x`); as symbols they must be escaped.
            '√' | '∛' | '∜' => format!("\\u{{{:x}}}", u32::from(c)),
            '~' => "tilde.basic".into(),
            c if c.is_ascii() => format!("\\{c}"),
            c => match NAMES.binary_search_by_key(&c, |&(ch, _)| ch) {
                Ok(i) => NAMES[i].1.to_owned(),
                Err(_) => c.to_string(),
            },
        }
    }

    fn left_right(&self, open: Option<char>, close: Option<char>, body: &[Node<'_>]) -> String {
        if let [
            Node::Env {
                kind: kind @ (EnvKind::Matrix | EnvKind::Array(_)),
                rows,
            },
        ] = body
        {
            let delim = match (open, close) {
                (Some('('), Some(')')) => Some(String::new()),
                (Some('['), Some(']')) => Some("delim: \"[\", ".into()),
                (Some('{'), Some('}')) => Some("delim: \"{\", ".into()),
                (Some('|'), Some('|')) => Some("delim: \"|\", ".into()),
                (Some('‖'), Some('‖')) => Some("delim: bar.v.double, ".into()),
                _ => None,
            };
            if let Some(delim) = delim {
                let mut w = Writer::new(self.arg);
                w.env(kind, rows, Some(&delim));
                return w.out;
            }
        }
        let paired = open.is_some() && close.is_some();
        let side = |c: Option<char>| -> String {
            match c {
                None => String::new(),
                Some(c @ ('(' | ')' | '[' | ']' | '{' | '}')) if paired => c.to_string(),
                Some(c) => {
                    let mut w = Writer::new(true);
                    w.escape_brackets = true;
                    w.char(c);
                    w.out
                }
            }
        };
        let body = self.arg(body);
        let parts: Vec<String> = [side(open), body, side(close)]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        let inner = parts.join(" ");
        // `lr(( x ))` reads better than `lr((x))` and is the same to Typst.
        format!("lr({inner})")
    }

    fn script(
        &self,
        base: &Node<'_>,
        sub: Option<&Node<'_>>,
        sup: Option<&Node<'_>>,
        position: ScriptPosition,
    ) -> String {
        let base = base.unwrap_group();
        if position == ScriptPosition::AboveBelow
            && let Some(s) = self.decoration(base, sub, sup)
        {
            return s;
        }
        let sub = sub.map(|n| self.script_arg(n));
        let sup = sup.map(|n| self.script_arg(n));
        let mut base_s = match base {
            Node::Function(f) => function(f, position != ScriptPosition::Right),
            _ => self.arg1(base),
        };
        let limits_by_default = match base {
            Node::LargeOp(c) => !matches!(
                c,
                '∫' | '∬'
                    | '∭'
                    | '∮'
                    | '∯'
                    | '∰'
                    | '∱'
                    | '∲'
                    | '⨌'
                    | '⨍'
                    | '⨎'
                    | '⨏'
                    | '⨕'
                    | '⨖'
                    | '⨗'
                    | '⨘'
                    | '⨙'
                    | '⨚'
                    | '⨒'
                    | '⨓'
            ),
            Node::Function(f) => {
                typst_op(f).is_some_and(|(_, limits)| limits) || position != ScriptPosition::Right
            }
            _ => false,
        };
        let simple = match base {
            Node::Bin(_)
            | Node::Rel(..)
            | Node::Punct(_)
            | Node::Delim { .. }
            | Node::Space(_)
            | Node::Env { .. } => false,
            Node::Group(nodes) => nodes.is_empty(),
            Node::Text(_)
            | Node::Number(_)
            | Node::Function(_)
            | Node::Ord { .. }
            | Node::LargeOp(_) => true,
            _ => single_token(&base_s),
        };
        if base_s.is_empty() {
            base_s = "\"\"".into();
        }
        base_s = match (position, limits_by_default) {
            (ScriptPosition::Right, true) => format!("scripts({base_s})"),
            (ScriptPosition::AboveBelow, false) => format!("limits({base_s})"),
            _ if simple => base_s,
            _ => {
                // A base of several atoms has no single primary to attach to in Typst's syntax.
                let mut named = Vec::new();
                named.extend(sub.map(|s| format!("br: {s}")));
                named.extend(sup.map(|s| format!("tr: {s}")));
                return format!("attach({base_s}, {})", named.join(", "));
            }
        };
        let mut s = base_s;
        if let Some(sub) = sub {
            s.push('_');
            s.push_str(&sub);
        }
        if let Some(sup) = sup {
            s.push('^');
            s.push_str(&sup);
        }
        s
    }

    /// A script's content, in parentheses unless it is a single token: bracket-safe and with
    /// `,` escaped, as inside a call.
    fn script_arg(&self, node: &Node<'_>) -> String {
        let s = self.arg1(node);
        if single_token(&s) {
            s
        } else {
            format!("({s})")
        }
    }

    /// `_sub^sup` to append to a base.
    fn scripts_suffix(&self, sub: Option<&Node<'_>>, sup: Option<&Node<'_>>) -> String {
        let mut s = String::new();
        if let Some(sub) = sub {
            s.push('_');
            s.push_str(&self.script_arg(sub));
        }
        if let Some(sup) = sup {
            s.push('^');
            s.push_str(&self.script_arg(sup));
        }
        s
    }

    /// Accents, braces and lines drawn over or under a base, as Typst's own functions.
    fn decoration(
        &self,
        base: &Node<'_>,
        sub: Option<&Node<'_>>,
        sup: Option<&Node<'_>>,
    ) -> Option<String> {
        // `\underbrace{x}_{label}`: a brace script inside a labelling script.
        if let Node::Script {
            base: inner,
            sub: isub,
            sup: isup,
            position: ScriptPosition::AboveBelow,
        } = base
            && let Some(name) = brace_name(isub.as_deref(), isup.as_deref())
        {
            let label = if name.starts_with("under") { sub } else { sup };
            let other = if name.starts_with("under") { sup } else { sub };
            if let (Some(label), None) = (label, other) {
                return Some(format!(
                    "{name}({}, {})",
                    self.arg1(inner.unwrap_group()),
                    self.arg1(label)
                ));
            }
        }
        if let Some(name) = brace_name(sub, sup) {
            return Some(format!("{name}({})", self.arg1(base)));
        }
        let f = match (sub, sup) {
            (Some(Node::Ord { c: '_', .. }), None) => "underline",
            (None, Some(Node::Ord { c, .. })) => accent(*c)?,
            _ => return None,
        };
        Some(format!("{f}({})", self.arg1(base)))
    }

    fn font(&self, font: Option<Font>, nodes: &[Node<'_>]) -> String {
        if font == Some(Font::DoubleStruck)
            && let [
                Node::Ord {
                    c: c @ 'A'..='Z', ..
                },
            ] = nodes
        {
            // Typst names the double-struck capitals: RR, NN, EE.
            return format!("{c}{c}");
        }
        let inner = self.arg(nodes);
        let wrappers: &[&str] = match font {
            None => return inner,
            Some(Font::Bold) => &["bold", "upright"],
            Some(Font::BoldSymbol) => &["bold"],
            Some(Font::BoldItalic) => &["bold", "italic"],
            Some(Font::Italic) => &["italic"],
            Some(Font::UpRight) => &["upright"],
            Some(Font::Script) => &["cal"],
            Some(Font::BoldScript) => &["bold", "cal"],
            Some(Font::Fraktur) => &["frak"],
            Some(Font::BoldFraktur) => &["bold", "frak"],
            Some(Font::DoubleStruck) => &["bb"],
            Some(Font::DoubleStruckItalic) => &["italic", "bb"],
            Some(Font::Monospace) => &["mono"],
            Some(Font::SansSerif) => &["upright", "sans"],
            Some(Font::SansSerifItalic) => &["italic", "sans"],
            Some(Font::BoldSansSerif) => &["bold", "upright", "sans"],
            Some(Font::SansSerifBoldItalic) => &["bold", "italic", "sans"],
        };
        let mut s = inner;
        for w in wrappers.iter().rev() {
            s = format!("{w}({s})");
        }
        s
    }

    /// An environment; `delim` is the `delim: …, ` of a matrix whose brackets were the
    /// surrounding `\left…\right` (`None`: none were).
    fn env(&mut self, kind: &EnvKind, rows: &[Vec<Vec<Node<'_>>>], delim: Option<&str>) {
        let native = self.top && matches!(kind, EnvKind::Align | EnvKind::Gather);
        if native {
            let lines: Vec<String> = rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|cell| {
                            let mut w = Writer::new(false);
                            w.seq(cell);
                            w.out
                        })
                        .collect::<Vec<_>>()
                        .join(" & ")
                })
                .collect();
            self.push(&lines.join(" \\ "));
            return;
        }
        let cell = |cell: &Vec<Node<'_>>| {
            let s = self.arg(cell);
            if s.is_empty() { "\"\"".to_owned() } else { s }
        };
        let s = match kind {
            EnvKind::Cases { left } => {
                let rows: Vec<String> = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| self.arg(c))
                            .collect::<Vec<_>>()
                            .join(" & ")
                    })
                    .collect();
                let reverse = if *left { "" } else { "reverse: #true, " };
                format!("cases({reverse}{})", rows.join(", "))
            }
            EnvKind::Align | EnvKind::Gather => {
                let rows: Vec<String> = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| self.arg(c))
                            .filter(|c| !c.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                format!("mat(delim: #none, align: #left, {})", rows.join("; "))
            }
            EnvKind::Matrix | EnvKind::Array(_) | EnvKind::SubArray => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
                let rows: Vec<String> = rows
                    .iter()
                    .map(|r| {
                        (0..columns)
                            .map(|j| r.get(j).map_or("\"\"".to_owned(), cell))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .collect();
                let align = match kind {
                    EnvKind::Array(cols)
                        if !cols.is_empty() && cols.iter().all(|c| *c == cols[0]) =>
                    {
                        match cols[0] {
                            ColumnAlignment::Left => "align: #left, ",
                            ColumnAlignment::Right => "align: #right, ",
                            ColumnAlignment::Center => "",
                        }
                    }
                    _ => "",
                };
                format!(
                    "mat({}{align}{})",
                    delim.unwrap_or("delim: #none, "),
                    rows.join("; ")
                )
            }
        };
        self.push(&s);
    }
}

fn classify(s: &str) -> Tok {
    match s {
        "(" | "[" | "{" | "\\(" | "\\[" | "\\{" => Tok::Open,
        ")" | "]" | "}" | "\\)" | "\\]" | "\\}" => Tok::Close,
        "," | ";" | "\\," | "\\;" | "." => Tok::Punct,
        "|" | "‖" => Tok::Glued,
        _ if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') => Tok::Glued,
        // A fence with scripts (`‖_2`) is as spaced as the fence.
        _ if s.starts_with(['|', '‖']) => Tok::Glued,
        _ if s.chars().count() == 1 && s.chars().all(char::is_alphabetic) => Tok::Letter,
        _ if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') => Tok::Number,
        _ => Tok::Other,
    }
}

/// True when `s` can follow `_` or `^` without parentheses: a name, a number, a string or a
/// call such as `bb(E)`.
fn single_token(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    if s.chars().count() == 1 {
        return s.chars().all(|c| c.is_alphanumeric() || !c.is_ascii());
    }
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
        let digits = s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let name = s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) && !s.ends_with('.');
        return digits || name;
    }
    if s.starts_with('"') && s.ends_with('"') && s.len() >= 2 {
        return !s[1..s.len() - 1].replace("\\\"", "").contains('"');
    }
    // A call: a name, then one parenthesised argument list that closes at the end.
    // A single letter before `(` is no call in Typst: `q(z)` is `q`, then `(z)`.
    let name_len = s
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
        .count();
    if name_len < 2 || !s[name_len..].starts_with('(') || !s.ends_with(')') {
        return false;
    }
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in s.bytes().enumerate().skip(name_len) {
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' => escaped = true,
            b'"' => in_string = !in_string,
            b'(' if !in_string => depth += 1,
            b')' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return i == s.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// A Typst string literal.
fn string(t: &str) -> String {
    let mut s = String::with_capacity(t.len() + 2);
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Typst's predefined text operators, and whether they take limits.
fn typst_op(name: &str) -> Option<(&'static str, bool)> {
    Some(match name {
        "arccos" => ("arccos", false),
        "arcsin" => ("arcsin", false),
        "arctan" => ("arctan", false),
        "arg" => ("arg", false),
        "cos" => ("cos", false),
        "cosh" => ("cosh", false),
        "cot" => ("cot", false),
        "coth" => ("coth", false),
        "csc" => ("csc", false),
        "deg" => ("deg", false),
        "det" => ("det", true),
        "dim" => ("dim", false),
        "exp" => ("exp", false),
        "gcd" => ("gcd", true),
        "hom" => ("hom", false),
        "inf" => ("inf", true),
        "ker" => ("ker", false),
        "lg" => ("lg", false),
        "lim" => ("lim", true),
        "lim inf" => ("liminf", true),
        "lim sup" => ("limsup", true),
        "ln" => ("ln", false),
        "log" => ("log", false),
        "max" => ("max", true),
        "min" => ("min", true),
        "mod" => ("mod", false),
        "Pr" => ("Pr", true),
        "sec" => ("sec", false),
        "sin" => ("sin", false),
        "sinh" => ("sinh", false),
        "sup" => ("sup", true),
        "tan" => ("tan", false),
        "tanh" => ("tanh", false),
        _ => return None,
    })
}

/// An operator name: Typst's own when it has one, else `op("…")` (with limits when LaTeX
/// puts them above and below, as for `\operatorname*`).
fn function(name: &str, limits: bool) -> String {
    match typst_op(name) {
        Some((typst, _)) => typst.to_owned(),
        None if limits => format!("op({}, limits: #true)", string(name)),
        None => format!("op({})", string(name)),
    }
}

/// Horizontal space: Typst's named spaces where they match TeX's, else `#h`.
fn space(em: f32) -> String {
    let near = |x: f32| (em - x).abs() < 0.01;
    if near(0.0) {
        String::new()
    } else if near(3.0 / 18.0) {
        "thin".into()
    } else if near(4.0 / 18.0) {
        "med".into()
    } else if near(5.0 / 18.0) {
        "thick".into()
    } else if near(1.0) {
        "quad".into()
    } else if near(2.0) {
        "wide".into()
    } else {
        format!("#h({}em)", (em * 1000.0).round() / 1000.0)
    }
}

/// The Typst function for an accent character pulldown-latex puts over a base.
fn accent(c: char) -> Option<&'static str> {
    Some(match c {
        '^' => "hat",
        '~' => "tilde",
        '‾' | '¯' => "overline",
        '˙' => "dot",
        '¨' => "dot.double",
        '´' => "acute",
        '`' => "grave",
        '˘' => "breve",
        'ˇ' => "caron",
        '˚' => "circle",
        '→' => "arrow",
        '←' => "arrow.l",
        '↔' => "arrow.l.r",
        '⇀' => "harpoon",
        '↼' => "harpoon.lt",
        _ => return None,
    })
}

/// The Typst function for a brace or bracket drawn over or under a base.
fn brace_name(sub: Option<&Node<'_>>, sup: Option<&Node<'_>>) -> Option<&'static str> {
    Some(match (sub, sup) {
        (Some(Node::Ord { c, .. }), None) => match c {
            '⏟' => "underbrace",
            '⎵' => "underbracket",
            '⏝' => "underparen",
            '⏡' => "undershell",
            _ => return None,
        },
        (None, Some(Node::Ord { c, .. })) => match c {
            '⏞' => "overbrace",
            '⎴' => "overbracket",
            '⏜' => "overparen",
            '⏠' => "overshell",
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_names_are_sorted_for_binary_search() {
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn single_tokens() {
        for s in [
            "x",
            "12",
            "2.5",
            "theta",
            "arrow.r",
            "bb(E)",
            "\"max\"",
            "θ",
            "frac(a, b)",
        ] {
            assert!(single_token(s), "{s}");
        }
        for s in [
            "a b",
            "(a)",
            "x.",
            "bb(E) (x)",
            "f(a)(b)",
            "+",
            "",
            "i = 1",
            "q(z)",
        ] {
            assert!(!single_token(s), "{s}");
        }
    }
}
