//! The terminal rendering: plain Unicode text, one line per row of a top-level `aligned`.
//! `∇_θ ln p_θ(x) = 𝔼_{p_θ(z|x)}[∇_θ ln p_θ(x, z)]`, `x²`, `zₜ₋₁`, `√(2π)`, `a/b`,
//! `[a b; c d]`. Scripts use Unicode sub/superscript letters when every character has one, and
//! fall back to `_{…}` / `^{…}` (`_x` for a single character) otherwise.

use pulldown_latex::event::{Font, ScriptPosition};

use super::alphabet::{self, width};
use super::tree::{DelimKind, EnvKind, Node};

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
        let struck: String = s
            .chars()
            .flat_map(|c| {
                if c == ' ' {
                    vec![c]
                } else {
                    vec![c, '\u{336}']
                }
            })
            .collect();
        self.emit(&struck, Last::Ord);
    }

    fn script(
        &mut self,
        base: &Node<'_>,
        sub: Option<&Node<'_>>,
        sup: Option<&Node<'_>>,
        position: ScriptPosition,
    ) {
        if position == ScriptPosition::AboveBelow
            && let Some(done) = self.decoration(base, sub, sup)
        {
            self.emit(&done, Last::Ord);
            return;
        }
        let kind = match base.unwrap_group() {
            Node::LargeOp(_) | Node::Function(_) => Last::Op,
            Node::LeftRight { .. } => Last::Close,
            Node::Rel(..) => Last::Rel,
            _ => Last::Ord,
        };
        let mut s = self.render(std::slice::from_ref(base), self.mode);
        // A brace's label is no exponent: keep it visibly apart, `(a + b)_{sum}`.
        let labelled = is_brace(base);
        if needs_parens_as_base(base) || (labelled && !is_atomic(base)) {
            s = format!("({s})");
        }
        let scripts: [(Option<&Node<'_>>, char, ScriptForm); 2] = [
            (sub, '_', alphabet::subscript),
            (sup, '^', alphabet::superscript),
        ];
        for (script, mark, form) in scripts {
            if let Some(script) = script {
                let text = self.render(std::slice::from_ref(script), Mode::Script);
                // Words in small letters (ₛᵢₘₚₗₑ) are hard to read; `_{simple}` is not.
                let form = if labelled || has_text(script) {
                    no_form
                } else {
                    form
                };
                attach(&mut s, &text, mark, form);
            }
        }
        if kind == Last::Op {
            self.operator(&s, Gap::Loose);
        } else if kind == Last::Rel {
            self.relation(&s);
        } else if kind == Last::Close {
            self.emit_as(&s, Last::Open, Last::Close);
        } else {
            self.emit(&s, kind);
        }
    }

    /// Accents (`\hat x` → x̂), braces (`\underbrace{…}` → its body) and underlines drawn over
    /// or under a base; `None` when the script is an ordinary limit.
    fn decoration(
        &self,
        base: &Node<'_>,
        sub: Option<&Node<'_>>,
        sup: Option<&Node<'_>>,
    ) -> Option<String> {
        let mark = match (sub, sup) {
            (None, Some(Node::Ord { c, .. })) | (Some(Node::Ord { c, .. }), None) => *c,
            _ => return None,
        };
        let body = self.render(std::slice::from_ref(base), self.mode);
        if matches!(mark, '⏞' | '⏟' | '⎴' | '⎵' | '⏜' | '⏝' | '⏠' | '⏡') {
            return Some(body);
        }
        let over = sup.is_some();
        let combining = match (over, mark) {
            (false, '_') => '\u{332}',
            (true, m) => alphabet::combining_accent(m)?,
            _ => return None,
        };
        let letters = body.chars().filter(|c| !alphabet::is_combining(*c)).count();
        if letters == 1 {
            return Some(format!("{body}{combining}"));
        }
        if matches!(combining, '\u{332}' | '\u{304}') {
            // Lines extend over every letter, as \overline and \underline do.
            return Some(
                body.chars()
                    .flat_map(|c| {
                        [
                            c,
                            if combining == '\u{304}' {
                                '\u{305}'
                            } else {
                                combining
                            },
                        ]
                    })
                    .collect(),
            );
        }
        Some(format!("{}({body})", alphabet::accent_name(mark)))
    }

    fn env(&mut self, kind: &EnvKind, rows: &[Vec<Vec<Node<'_>>>]) {
        let lines_env = matches!(kind, EnvKind::Align | EnvKind::Gather);
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(j, cell)| {
                        let mut w = self.part(self.mode);
                        if *kind == EnvKind::Align && j % 2 == 1 {
                            w.continuing = true;
                            w.last = Last::Ord;
                        }
                        w.seq(cell);
                        w.finish().replace('\n', "; ").trim().to_owned()
                    })
                    .collect()
            })
            .collect();
        if lines_env && self.top {
            let rows = aligned_rows(kind, &cells);
            self.lines_block(&rows);
            return;
        }
        let text = match kind {
            EnvKind::Align | EnvKind::Gather => cells
                .iter()
                .map(|r| join_align(r))
                .collect::<Vec<_>>()
                .join("; "),
            EnvKind::SubArray => cells
                .iter()
                .map(|r| r.join(" "))
                .collect::<Vec<_>>()
                .join(", "),
            EnvKind::Cases { left } => {
                let body = cells
                    .iter()
                    .map(|r| r.join(" "))
                    .collect::<Vec<_>>()
                    .join("; ");
                if *left {
                    format!("{{ {body} }}")
                } else {
                    format!("{body} }}")
                }
            }
            EnvKind::Matrix | EnvKind::Array(_) => {
                let sep = if cells.iter().flatten().any(|c| c.contains(' ')) {
                    "  "
                } else {
                    " "
                };
                cells
                    .iter()
                    .map(|r| r.join(sep))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        };
        self.emit(&text, Last::Ord);
    }

    /// Splices rows into the output as lines, indented to line up under the first.
    fn lines_block(&mut self, rows: &[String]) {
        let Some((first, rest)) = rows.split_first() else {
            return;
        };
        if self.pending > 0 && !self.line.is_empty() {
            self.line.extend(std::iter::repeat_n(' ', self.pending));
        }
        self.pending = 0;
        let indent = width(&self.line);
        self.line.push_str(first);
        for row in rest {
            let done = std::mem::replace(&mut self.line, " ".repeat(indent));
            self.lines.push(done);
            self.line.push_str(row);
        }
        self.last = Last::Ord;
    }
}

/// A row of an `aligned` written inline: the pairs glued, pairs apart.
fn join_align(cells: &[String]) -> String {
    let mut s = String::new();
    for (j, c) in cells.iter().enumerate() {
        if j > 0 && j % 2 == 0 && !c.is_empty() {
            s.push_str("  ");
        } else if j % 2 == 1 && !s.is_empty() && !c.is_empty() {
            s.push(' ');
        }
        s.push_str(c);
    }
    s
}

/// The rows of a top-level `aligned`, padded so that its columns line up: odd columns right
/// aligned, even ones left aligned, as amsmath sets them.
fn aligned_rows(kind: &EnvKind, cells: &[Vec<String>]) -> Vec<String> {
    if *kind == EnvKind::Gather {
        return cells.iter().map(|r| r.join(" ")).collect();
    }
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|j| {
            cells
                .iter()
                .filter_map(|r| r.get(j))
                .map(|c| width(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    cells
        .iter()
        .map(|row| {
            let mut s = String::new();
            for (j, w) in widths.iter().enumerate() {
                let cell = row.get(j).map_or("", String::as_str);
                let pad = w - width(cell);
                if j % 2 == 0 {
                    if j > 0 {
                        s.push_str("  ");
                    }
                    s.extend(std::iter::repeat_n(' ', pad));
                    s.push_str(cell);
                } else {
                    if !cell.is_empty() && (widths[j - 1] > 0) {
                        s.push(' ');
                    }
                    s.push_str(cell);
                    s.extend(std::iter::repeat_n(' ', pad));
                }
            }
            s.trim_end().to_owned()
        })
        .collect()
}

/// Appends a script to `s`: in Unicode script letters when all of them exist, else `_x` or
/// `_{…}`. Primes and stars go on as they are (`f′`, `p*`).
fn attach(s: &mut String, text: &str, mark: char, form: ScriptForm) {
    if text.is_empty() {
        return;
    }
    if mark == '^' && text.chars().all(|c| matches!(c, '′' | '″' | '‴' | '⁗')) {
        s.push_str(text);
        return;
    }
    if mark == '^' && text.chars().all(|c| matches!(c, '∗' | '*')) {
        s.extend(text.chars().map(|_| '*'));
        return;
    }
    if let Some(converted) = convert(text, form) {
        s.push_str(&converted);
        return;
    }
    s.push(mark);
    if width(text) == 1 {
        s.push_str(text);
    } else {
        s.push('{');
        s.push_str(text);
        s.push('}');
    }
}

/// `text` with every character in its script form, if all have one.
fn convert(text: &str, form: ScriptForm) -> Option<String> {
    text.chars().map(form).collect()
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

/// A character's sub- or superscript form, if it has one.
type ScriptForm = fn(char) -> Option<char>;

fn no_form(_: char) -> Option<char> {
    None
}

/// True for `\underbrace{…}` and its kin, whose script is a label.
fn is_brace(node: &Node<'_>) -> bool {
    let brace = |n: Option<&Node<'_>>| {
        matches!(
            n,
            Some(Node::Ord {
                c: '⏞' | '⏟' | '⎴' | '⎵' | '⏜' | '⏝' | '⏠' | '⏡',
                ..
            })
        )
    };
    matches!(node.unwrap_group(), Node::Script { sub, sup, position: ScriptPosition::AboveBelow, .. }
        if brace(sub.as_deref()) || brace(sup.as_deref()))
}

/// True when a node holds `\text{…}` anywhere inside.
fn has_text(node: &Node<'_>) -> bool {
    match node {
        Node::Text(_) => true,
        Node::Group(nodes)
        | Node::Font(_, nodes)
        | Node::Style(_, nodes)
        | Node::Color(_, nodes) => nodes.iter().any(has_text),
        _ => false,
    }
}

fn needs_parens_as_base(base: &Node<'_>) -> bool {
    match base.unwrap_group() {
        Node::Group(nodes) => nodes.len() > 1,
        Node::Frac { .. } | Node::Negation(_) => true,
        _ => false,
    }
}
