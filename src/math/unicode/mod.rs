//! The terminal rendering: plain Unicode text, one line per row of a top-level `aligned`.
//! `∇_θ ln p_θ(x) = 𝔼_{p_θ(z|x)}[∇_θ ln p_θ(x, z)]`, `x²`, `zₜ₋₁`, `√(2π)`, `a/b`,
//! `[a b; c d]`. Scripts use Unicode sub/superscript letters when every character has one, and
//! fall back to `_{…}` / `^{…}` (`_x` for a single character) otherwise.

mod rows;
mod scripts;

use pulldown_latex::event::Font;

use crate::math::alphabet;
use crate::math::tree::{DelimKind, Node};
use scripts::convert;

/// The Unicode rendering of a formula's tree.
pub(super) fn write(nodes: &[Node<'_>]) -> String {
    let mut w = Writer::new(Mode::Normal, true);
    w.seq(nodes);
    w.finish()
}

/// How firmly a requested space holds.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Gap {
    /// After an operator name: dropped before brackets and punctuation (`log(x)`, `log x`).
    Soft,
    /// After a fraction or a root, or around a large operator: dropped only before closing
    /// brackets and punctuation (`1/2 (a + b)`, `∑ᵢ (xᵢ)`).
    Loose,
    /// Around relations and binary operators, and explicit spacing.
    Hard,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Normal,
    /// Inside a sub- or superscript: no spaces around operators, as in `zₜ₋₁`.
    Script,
}

/// What was written last, which decides the spacing before what comes next.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Last {
    Start,
    Ord,
    Op,
    Bin,
    Rel,
    Open,
    Close,
    Punct,
}

struct Writer {
    lines: Vec<String>,
    line: String,
    /// Spaces requested before the next output, and when they may be dropped.
    pending: usize,
    gap: Gap,
    last: Last,
    mode: Mode,
    /// At the top level of the formula, where `aligned` rows become lines.
    top: bool,
    /// A cell continuing a row (`&= b`): a leading relation keeps its space.
    continuing: bool,
    font: Option<Font>,
}

impl Writer {
    fn new(mode: Mode, top: bool) -> Self {
        Writer {
            lines: Vec::new(),
            line: String::new(),
            pending: 0,
            gap: Gap::Hard,
            last: Last::Start,
            mode,
            top,
            continuing: false,
            font: None,
        }
    }

    /// A writer for a part (numerator, script, cell) rendered on its own.
    fn part(&self, mode: Mode) -> Self {
        let mut w = Writer::new(mode, false);
        w.font = self.font;
        w
    }

    fn finish(mut self) -> String {
        let mut out = String::new();
        self.lines.push(std::mem::take(&mut self.line));
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line.trim_end());
        }
        out
    }

    /// The text of a part, which must be a single line.
    fn render(&self, nodes: &[Node<'_>], mode: Mode) -> String {
        let mut w = self.part(mode);
        w.seq(nodes);
        w.finish().replace('\n', "; ")
    }

    fn space(&mut self, n: usize, gap: Gap) {
        if n == 0 {
            return;
        }
        if self.pending == 0 || gap > self.gap {
            self.gap = gap;
        }
        self.pending = self.pending.max(n);
    }

    fn emit(&mut self, s: &str, kind: Last) {
        self.emit_as(s, kind, kind);
    }

    /// Writes `s`, spaced before as a `lead` would be and after as a `kind`: a fraction
    /// `(a)/(b)` leads like a letter but ends like a closing bracket.
    fn emit_as(&mut self, s: &str, lead: Last, kind: Last) {
        let Some(first) = s.chars().next() else {
            return;
        };
        if self.pending > 0 && (!self.line.is_empty() || self.continuing) {
            let prev = self.line.chars().next_back();
            let closing = matches!(lead, Last::Close | Last::Punct) || first == '′';
            let keep = match (self.gap, self.mode) {
                (Gap::Hard, _) => true,
                (_, Mode::Script) => {
                    prev.is_some_and(char::is_alphanumeric) && first.is_alphanumeric()
                }
                (Gap::Loose, Mode::Normal) => !closing,
                (Gap::Soft, Mode::Normal) => {
                    !closing && lead != Last::Open && self.last != Last::Open
                }
            };
            if keep {
                self.line.extend(std::iter::repeat_n(' ', self.pending));
            }
        }
        self.pending = 0;
        self.continuing = false;
        self.line.push_str(s);
        self.last = kind;
    }

    fn seq(&mut self, nodes: &[Node<'_>]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node<'_>) {
        match node {
            Node::Ord { c, .. } => {
                // pulldown-latex's `\|` is ∥ (parallel), but LaTeX draws ‖.
                let c = if *c == '∥' { '‖' } else { *c };
                let c = self.font.map_or(c, |f| alphabet::styled(c, f));
                self.emit(c.encode_utf8(&mut [0; 4]), Last::Ord);
            }
            Node::Number(n) => {
                let styled: String = match self.font {
                    Some(f) => n.chars().map(|c| alphabet::styled(c, f)).collect(),
                    None => (*n).to_owned(),
                };
                self.emit(&styled, Last::Ord);
            }
            Node::LargeOp(c) => self.operator(c.encode_utf8(&mut [0; 4]), Gap::Loose),
            Node::Function(f) => self.operator(f, Gap::Soft),
            Node::Bin(c) => {
                let unary = matches!(
                    self.last,
                    Last::Start | Last::Bin | Last::Rel | Last::Open | Last::Punct | Last::Op
                );
                let spaced = self.mode == Mode::Normal && !unary;
                if spaced {
                    self.space(1, Gap::Hard);
                }
                self.emit(c.encode_utf8(&mut [0; 4]), Last::Bin);
                if spaced {
                    self.space(1, Gap::Hard);
                }
            }
            Node::Rel(a, b) => {
                let mut s = a.to_string();
                s.extend(b);
                self.relation(&s);
            }
            Node::Punct(c) => {
                self.emit(c.encode_utf8(&mut [0; 4]), Last::Punct);
                if self.mode == Mode::Normal && matches!(c, ',' | ';') {
                    self.space(1, Gap::Hard);
                }
            }
            Node::Delim { c, kind, .. } => {
                let last = match kind {
                    DelimKind::Open => Last::Open,
                    DelimKind::Close => Last::Close,
                    DelimKind::Fence => Last::Ord,
                };
                self.emit(c.encode_utf8(&mut [0; 4]), last);
            }
            Node::Text(t) => {
                let t = t.replace("&nbsp;", " ");
                if let Some(rest) = t.strip_prefix(' ') {
                    self.space(1, Gap::Hard);
                    self.emit(rest.trim_end(), Last::Ord);
                } else {
                    self.emit(t.trim_end(), Last::Ord);
                }
                if t.ends_with(' ') {
                    self.space(1, Gap::Hard);
                }
            }
            Node::Group(nodes) | Node::Style(_, nodes) | Node::Color(_, nodes) => self.seq(nodes),
            Node::Font(font, nodes) => {
                let saved = std::mem::replace(&mut self.font, *font);
                self.seq(nodes);
                self.font = saved;
            }
            Node::LeftRight { open, close, body } => {
                if let Some(o) = open {
                    self.emit(o.encode_utf8(&mut [0; 4]), Last::Open);
                }
                let top = std::mem::replace(&mut self.top, false);
                self.seq(body);
                self.top = top;
                if let Some(c) = close {
                    self.emit(c.encode_utf8(&mut [0; 4]), Last::Close);
                }
            }
            Node::Frac { num, den, .. } => {
                let num = self.operand(num);
                let den = self.operand(den);
                self.emit_as(&format!("{num}/{den}"), Last::Ord, Last::Close);
                self.space(1, Gap::Loose);
            }
            Node::Binom { top, bottom } => {
                let (n, k) = (
                    self.render(std::slice::from_ref(&**top), self.mode),
                    self.render(std::slice::from_ref(&**bottom), self.mode),
                );
                self.emit_as(&format!("C({n}, {k})"), Last::Ord, Last::Close);
                self.space(1, Gap::Loose);
            }
            Node::Sqrt(x) => {
                let x = self.operand(x);
                self.emit_as(&format!("√{x}"), Last::Ord, Last::Close);
                self.space(1, Gap::Loose);
            }
            Node::Root { index, radicand } => {
                let index = self.render(std::slice::from_ref(&**index), Mode::Script);
                let x = self.operand(radicand);
                let root = match index.as_str() {
                    "3" => "∛".to_owned(),
                    "4" => "∜".to_owned(),
                    _ => match convert(&index, alphabet::superscript) {
                        Some(sup) => format!("{sup}√"),
                        None => format!("√[{index}]"),
                    },
                };
                self.emit_as(&format!("{root}{x}"), Last::Ord, Last::Close);
                self.space(1, Gap::Loose);
            }
            Node::Negation(x) => self.negation(x),
            Node::Script {
                base,
                sub,
                sup,
                position,
            } => self.script(base, sub.as_deref(), sup.as_deref(), *position),
            Node::Space(em) => {
                if *em < 0.0 {
                    self.pending = 0;
                } else if *em > 0.0 {
                    let n = if *em < 0.9 {
                        1
                    } else {
                        ((em * 2.0).round() as usize).min(8)
                    };
                    self.space(n, Gap::Hard);
                }
            }
            Node::Env { kind, rows } => self.env(kind, rows),
        }
    }

    /// An operator name (`log`) or a large operator (`∑`); `gap` is the space after it.
    fn operator(&mut self, s: &str, gap: Gap) {
        self.space(1, Gap::Soft);
        self.emit(s, Last::Op);
        self.space(1, gap);
    }

    fn relation(&mut self, s: &str) {
        let spaced = self.mode == Mode::Normal;
        if spaced {
            self.space(1, Gap::Hard);
        }
        self.emit(s, Last::Rel);
        if spaced {
            self.space(1, Gap::Hard);
        }
    }

    /// A fraction's numerator or denominator, a root's radicand: bare when it is one atom,
    /// else in parentheses.
    fn operand(&self, node: &Node<'_>) -> String {
        let s = self.render(std::slice::from_ref(node), self.mode);
        if is_atomic(node) { s } else { format!("({s})") }
    }

    fn negation(&mut self, x: &Node<'_>) {
        let single = match x.unwrap_group() {
            Node::Rel(c, None) => Some((*c, Last::Rel)),
            Node::Ord { c, .. } => Some((*c, Last::Ord)),
            Node::Bin(c) => Some((*c, Last::Bin)),
            _ => None,
        };
        if let Some((c, kind)) = single {
            let s = match alphabet::negated(c) {
                Some(n) => n.to_string(),
                None => format!("{c}\u{338}"),
            };
            if kind == Last::Rel {
                self.relation(&s)
            } else {
                self.emit(&s, kind)
            }
            return;
        }
        let s = self.render(std::slice::from_ref(x), self.mode);
        // The stroke goes after each letter, not after marks already on it: striking the marks
        // too would double the text with every `\not` around it (`\not\not…\not{ab}` would
        // take 2ⁿ characters).
        let struck: String = s
            .chars()
            .flat_map(|c| {
                if c == ' ' || alphabet::is_combining(c) {
                    vec![c]
                } else {
                    vec![c, '\u{336}']
                }
            })
            .collect();
        self.emit(&struck, Last::Ord);
    }
}

/// True when a node reads as one unit without parentheses: a letter, a number, a root, a
/// bracketed group, or one of those with scripts.
fn is_atomic(node: &Node<'_>) -> bool {
    match node.unwrap_group() {
        Node::Ord { .. }
        | Node::Number(_)
        | Node::Sqrt(_)
        | Node::Root { .. }
        | Node::LeftRight { .. }
        | Node::Binom { .. } => true,
        Node::Text(t) => !t.trim().contains(' '),
        Node::Script { base, .. } => is_atomic(base),
        Node::Font(_, nodes) | Node::Style(_, nodes) | Node::Color(_, nodes) => {
            match nodes.as_slice() {
                [one] => is_atomic(one),
                _ => false,
            }
        }
        _ => false,
    }
}
