//! The PDF rendering: Typst 0.15 math markup, written from the same tree as the Unicode one.
//! Symbols use Typst's own names (`nabla`, `arrow.r`, `chevron.l`; see `symbols.rs`),
//! constructs its own functions (`frac`, `lr`, `mat(delim: "[", …)`, `cases`, `underbrace`,
//! `op("arg max", limits: #true)`), so the output needs no Typst-side definitions.
//!
//! Typst's math syntax has traps this writer steps around: adjacent letters form one
//! identifier (`ab`), a name directly followed by `(` is a call (`hat(x)`), commas and
//! semicolons inside a call separate arguments, and an unbalanced bracket inside a call's
//! arguments swallows the call's closing parenthesis. Hence tokens are separated by spaces,
//! punctuation inside arguments is escaped, and lone brackets are escaped when unbalanced.

mod env;
mod symbols;
mod syntax;

use pulldown_latex::event::{ScriptPosition, Style};

use crate::math::tree::{DelimKind, Node};
use symbols::NAMES;
use syntax::{Tok, accent, brace_name, classify, function, single_token, space, string, typst_op};

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
        // Two names or numbers side by side would read as one identifier (`‖f‖_L` then `lt.eq`
        // is not `Llt`): whatever the glue rules say, they need a space.
        let merge =
            last.is_some_and(char::is_alphanumeric) && first.is_some_and(|c| c.is_alphanumeric());
        if !glued || shorthand || merge {
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
}
