//! Environments in the terminal: a top-level `aligned` as lines with its columns lined up,
//! anything else on one line (`[a b; c d]`, `{ x if x ≥ 0; −x otherwise }`).

use super::{Last, Writer};
use crate::math::alphabet::width;
use crate::math::tree::{EnvKind, Node};

impl Writer {
    pub(super) fn env(&mut self, kind: &EnvKind, rows: &[Vec<Vec<Node<'_>>>]) {
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
    pub(super) fn lines_block(&mut self, rows: &[String]) {
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
