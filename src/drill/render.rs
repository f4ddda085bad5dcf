//! Markdown with math, as plain terminal text: paragraphs, lists, code, and formulas through
//! the Unicode math renderer (`∇_θ ln p_θ(x)`). Pure: returns a string, never prints.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::course::note::markdown_options;
use crate::math::{self, Macros};

/// Renders Markdown for the terminal, wrapped at `width` columns (0: no wrapping).
pub fn terminal(markdown: &str, macros: &Macros, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut list_depth: usize = 0;
    let mut ordered: Vec<Option<u64>> = Vec::new();
    let mut in_code = false;
    let flush = |out: &mut String, line: &mut String| {
        let text = line.trim_end().to_string();
        if !text.is_empty() {
            out.push_str(&wrap(&text, width));
            out.push('\n');
        }
        line.clear();
    };
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_)) => {}
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::BlockQuote(_)) => {
                flush(&mut out, &mut line);
                if list_depth == 0 {
                    out.push('\n');
                }
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut out, &mut line);
                list_depth += 1;
                ordered.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                ordered.pop();
                if list_depth == 0 {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut line);
                line.push_str(&"  ".repeat(list_depth.saturating_sub(1)));
                match ordered.last_mut() {
                    Some(Some(n)) => {
                        line.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => line.push_str("• "),
                }
            }
            Event::End(TagEnd::Item) => flush(&mut out, &mut line),
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut out, &mut line);
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push('\n');
            }
            Event::Text(t) => {
                if in_code {
                    for l in t.lines() {
                        out.push_str("    ");
                        out.push_str(l);
                        out.push('\n');
                    }
                } else {
                    line.push_str(&t);
                }
            }
            Event::Code(t) => line.push_str(&t),
            Event::InlineMath(t) => line.push_str(&unicode(&t, macros)),
            Event::DisplayMath(t) => {
                flush(&mut out, &mut line);
                for l in unicode(&t, macros).lines() {
                    out.push_str("    ");
                    out.push_str(l);
                    out.push('\n');
                }
            }
            Event::SoftBreak if !line.trim().is_empty() => line.push(' '),
            Event::HardBreak => flush(&mut out, &mut line),
            Event::Rule => {
                flush(&mut out, &mut line);
                out.push_str("――――\n");
            }
            Event::Html(h) | Event::InlineHtml(h) => line.push_str(&h),
            Event::TaskListMarker(done) => line.push_str(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(r) => line.push_str(&format!("[{r}]")),
            _ => {}
        }
    }
    flush(&mut out, &mut line);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// One formula as Unicode; a formula that does not render (which `notes check` reports)
/// shows as its TeX rather than not at all.
pub fn unicode(tex: &str, macros: &Macros) -> String {
    math::to_unicode(tex, macros).unwrap_or_else(|_| tex.trim().to_string())
}

/// Greedy word wrap on character counts.
fn wrap(text: &str, width: usize) -> String {
    if width == 0 || text.chars().count() <= width {
        return text.to_string();
    }
    let mut indent: String = text.chars().take_while(|c| *c == ' ').collect();
    // List items hang their continuation lines under the item's text.
    let rest = text.trim_start();
    if rest.starts_with("• ")
        || rest
            .split_once(". ")
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
    {
        indent.push_str("  ");
    }
    let mut out = String::new();
    let mut col = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = word.chars().count();
        if col > 0 && col + 1 + w > width {
            out.push('\n');
            out.push_str(&indent);
            col = indent.len();
        } else if col > 0 {
            out.push(' ');
            col += 1;
        } else {
            let lead: String = text.chars().take_while(|c| *c == ' ').collect();
            out.push_str(&lead);
            col = lead.len();
        }
        out.push_str(word);
        col += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_wrapping() {
        let m = Macros::empty();
        let out = terminal("One *two*.\n\n- a\n- b `c`\n", &m, 0);
        assert_eq!(out, "One two.\n\n• a\n• b c\n");
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap("• aaa bbb", 6), "• aaa\n  bbb");
    }
}
