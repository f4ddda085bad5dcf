//! Scripts in the terminal: Unicode sub- and superscript letters when every character has
//! one (`x²`, `zₜ₋₁`), else `_{…}` and `^{…}`; accents as combining marks (`x̂`), braces with
//! their labels apart (`(a + b)_{sum}`).

use pulldown_latex::event::ScriptPosition;

use super::{Gap, Last, Mode, Writer, is_atomic};
use crate::math::alphabet::{self, width};
use crate::math::tree::Node;

impl Writer {
    pub(super) fn script(
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
    pub(super) fn decoration(
        &self,
        base: &Node<'_>,
        sub: Option<&Node<'_>>,
        sup: Option<&Node<'_>>,
    ) -> Option<String> {
        let mark = match (sub, sup) {
            (None, Some(Node::Ord { c, .. })) | (Some(Node::Ord { c, .. }), None) => *c,
            _ => return None,
        };
        if matches!(mark, '⏞' | '⏟' | '⎴' | '⎵' | '⏜' | '⏝' | '⏠' | '⏡') {
            return Some(self.render(std::slice::from_ref(base), self.mode));
        }
        let over = sup.is_some();
        let combining = match (over, mark) {
            (false, '_') => '\u{332}',
            (true, m) => alphabet::combining_accent(m)?,
            _ => return None,
        };
        // Rendered only once it is sure to be used: when this returns `None` the caller renders
        // the base itself, and rendering it twice at every level of a nest of scripts takes
        // 2ⁿ time.
        let body = self.render(std::slice::from_ref(base), self.mode);
        let letters = body.chars().filter(|c| !alphabet::is_combining(*c)).count();
        if letters == 1 {
            return Some(format!("{body}{combining}"));
        }
        if matches!(combining, '\u{332}' | '\u{304}') {
            // Lines extend over every letter, as \overline and \underline do.
            return Some(
                // After each letter only: marking the marks of an inner line too would double
                // the text with every level of `\overline{\overline{…}}`.
                body.chars()
                    .flat_map(|c| {
                        let line = if combining == '\u{304}' {
                            '\u{305}'
                        } else {
                            combining
                        };
                        if alphabet::is_combining(c) {
                            vec![c]
                        } else {
                            vec![c, line]
                        }
                    })
                    .collect(),
            );
        }
        Some(format!("{}({body})", alphabet::accent_name(mark)))
    }
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
pub(super) fn convert(text: &str, form: ScriptForm) -> Option<String> {
    text.chars().map(form).collect()
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
