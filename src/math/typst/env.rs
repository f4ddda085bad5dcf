//! Delimiters, fonts and environments in Typst: `lr(…)`, `bb(…)`, `mat(delim: "[", …)`,
//! `cases(…)`, and aligned rows with Typst's own `&` and `\\` at the top of an equation.

use pulldown_latex::event::{ColumnAlignment, Font};

use super::Writer;
use crate::math::tree::{EnvKind, Node};

impl Writer {
    pub(super) fn left_right(
        &self,
        open: Option<char>,
        close: Option<char>,
        body: &[Node<'_>],
    ) -> String {
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

    pub(super) fn font(&self, font: Option<Font>, nodes: &[Node<'_>]) -> String {
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
    pub(super) fn env(&mut self, kind: &EnvKind, rows: &[Vec<Vec<Node<'_>>>], delim: Option<&str>) {
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
