//! The one call into pulldown-latex's parser, and turning what it reports into located
//! [`MathError`]s: its errors carry no offset (only a context window of text), and some of its
//! failures are silent (raw LaTeX ends up as text in the output), so both are detected here.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pulldown_latex::event::{Content, Event};
use pulldown_latex::{Parser, Storage};

use super::MathError;
use super::expand::{Expanded, PAD};
use super::limits;

/// How many parser events a byte of (expanded) formula may give at most.
const MAX_EVENTS_PER_BYTE: usize = 16;

/// The events of one formula, or every problem found while parsing it.
///
/// pulldown-latex's errors can be located only in a padded text (see [`PAD`]). Unpadded, the
/// parse stops at the first problem and the error list is empty: the caller parses the padded
/// text to learn what and where the problems are.
pub(super) fn events<'s>(
    x: &'s Expanded,
    storage: &'s Storage,
) -> Result<Vec<Event<'s>>, Vec<MathError>> {
    let text = x.text.as_str();
    let located = x.pad == PAD;
    if let Err(too_much) = limits::check(text) {
        if !located {
            return Err(Vec::new());
        }
        return Err(vec![MathError {
            offset: x.map.source_offset(too_much.at()),
            message: too_much.to_string(),
            command: None,
        }]);
    }
    // pulldown-latex has internal `panic!`s for states it believes unreachable; a formula must
    // never take `notes` down with it, so a panic there becomes an ordinary error.
    // Without definitions (refused by `limits::check`) a formula gives a few events per byte;
    // the cap stops any other blow-up inside pulldown-latex long before it costs time.
    // The same cap with or without the padding.
    let cap = MAX_EVENTS_PER_BYTE * (text.len() + 2 * (PAD - x.pad)) + 1024;
    // At most about one event per byte of the formula (the padding gives none) for ordinary
    // formulas: one allocation, no regrowth.
    let mut events = Vec::with_capacity(text.len().saturating_sub(2 * x.pad));
    let mut errors: Vec<MathError> = Vec::new();
    // The parser moves forward, so each error's context is searched for after the last one's.
    let mut searched_from = 0;
    let mut count = 0;
    // Unpadded: pulldown-latex reported an error, which only the padded parse can place.
    let mut failed = false;
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        for result in Parser::new(text, storage) {
            count += 1;
            if count > cap {
                break;
            }
            match result {
                Ok(event) => events.push(event),
                Err(_) if !located => {
                    failed = true;
                    break;
                }
                Err(e) => {
                    let error = locate(x, &e.to_string(), &mut searched_from);
                    // After a real error the parser recovers, but what it reports next is
                    // mostly an echo of the first problem; only further unknown commands
                    // are news.
                    if errors.is_empty() || error.message.starts_with("unknown command") {
                        errors.push(error);
                    }
                }
            }
        }
    }));
    if !located && (failed || parsed.is_err() || count > cap) {
        return Err(Vec::new());
    }
    if parsed.is_err() {
        return Err(vec![MathError {
            offset: 0,
            message:
                "the LaTeX parser failed on this formula (a bug in pulldown-latex); simplify it"
                    .into(),
            command: None,
        }]);
    }
    if count > cap {
        return Err(vec![MathError {
            offset: x.map.source_offset(x.pad),
            message: "the formula expands to far more than it says; simplify it".into(),
            command: None,
        }]);
    }
    let runs_to_end = silent_failures(x, &events, &mut errors);
    // A verbatim argument without braces (`\text}`) runs to the end of the text, and so would
    // take in the padding: such events are taken from the padded text.
    if !located && (runs_to_end || !errors.is_empty()) {
        return Err(Vec::new());
    }
    if errors.is_empty() {
        Ok(events)
    } else {
        Err(errors)
    }
}

/// True when pulldown-latex knows `\name` (used to refuse `\newcommand` of a built-in).
pub(super) fn is_builtin(name: &str) -> bool {
    if matches!(name, "limits" | "nolimits") {
        return true;
    }
    let probe = format!("\\{name}");
    let storage = Storage::new();
    catch_unwind(AssertUnwindSafe(|| {
        Parser::new(&probe, &storage)
            .filter_map(Result::err)
            .all(|e| !e.to_string().contains("unknown primitive"))
    }))
    .unwrap_or(false)
}

/// Builds a located error from pulldown-latex's message, which looks like:
///
/// ```text
/// parsing error: unknown primitive command found
/// ╭─► context:
/// │
/// │…t {x} + \foo + y      ← the text around the place, 12 bytes either side
/// │       ^^^^^^^^
/// ```
/// The place is 12 bytes after the start of that window (the padding from `expand.rs` makes
/// sure the window never starts before the text), and it is just after the token that failed.
fn locate(x: &Expanded, rendered: &str, searched_from: &mut usize) -> MathError {
    let text = x.text.as_str();
    let mut lines = rendered.lines();
    let raw_message = lines
        .next()
        .and_then(|l| l.strip_prefix("parsing error: "))
        .unwrap_or("the formula cannot be parsed")
        .to_owned();
    let window = lines.find_map(|l| {
        let rest = l.strip_prefix('│')?;
        if let Some(w) = rest.strip_prefix('…') {
            Some((w, true))
        } else {
            rest.strip_prefix(' ')
                .filter(|w| !w.trim().is_empty() && !w.starts_with('^'))
                .map(|w| (w, false))
        }
    });
    let place = match window {
        // A window shorter than 24 bytes was cut off by the end of the text.
        Some((w, true)) if w.len() < 24 => text.len().saturating_sub(w.len()) + 12,
        Some((w, true)) => {
            let from = floor(text, *searched_from);
            text[from..].find(w).map_or(PAD, |start| from + start + 12)
        }
        _ => PAD,
    };
    let place = floor(text, place);
    *searched_from = place.saturating_sub(12);

    let (message, command, at) = describe(text, place, &raw_message);
    MathError {
        offset: x.map.source_offset(at),
        message,
        command,
    }
}

/// `at`, moved back to a character boundary of `s` (and into it).
fn floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A friendlier message for pulldown-latex's error kinds, the command it is about (when one
/// can be named) and the byte of the expanded text to point at.
fn describe(text: &str, place: usize, raw: &str) -> (String, Option<String>, usize) {
    let before = previous_control_word(text, place);
    if raw.starts_with("unknown primitive") {
        // TeX skips the blanks after a control word, so the place may be past them.
        let ends_here = |&(start, name): &(usize, &str)| {
            text.get(start + 1 + name.len()..place)
                .is_some_and(|gap| gap.trim().is_empty())
        };
        if let Some((start, name)) = before.filter(ends_here) {
            return (
                format!("unknown command \\{name}"),
                Some(format!("\\{name}")),
                start,
            );
        }
        return ("unknown command".into(), None, place.saturating_sub(1));
    }
    if raw.starts_with("unkown mathematical environment")
        || raw.starts_with("unknown mathematical environment")
    {
        let env = text[..place].rfind("\\begin").and_then(|b| {
            let open = b + text[b..].find('{')?;
            let close = open + text[open..].find('}')?;
            Some((b, &text[open + 1..close]))
        });
        if let Some((b, env)) = env {
            return (
                format!("unknown environment {{{env}}}"),
                Some(format!("\\begin{{{env}}}")),
                b,
            );
        }
        return ("unknown environment".into(), Some("\\begin".into()), place);
    }
    let names_command = raw.starts_with("expected")
        || raw.starts_with("control sequence found as argument")
        || raw.starts_with("subscript and/or superscript found as argument")
        || raw.starts_with("cannot use the `\\relax`");
    match before {
        Some((start, name)) if names_command => (raw.to_owned(), Some(format!("\\{name}")), start),
        _ => (
            raw.to_owned(),
            None,
            place.saturating_sub(1).max(PAD.min(place)),
        ),
    }
}

/// The last control word (`\name`) that starts before `place`.
fn previous_control_word(text: &str, place: usize) -> Option<(usize, &str)> {
    let head = text.get(..place)?;
    let mut search = head.len();
    while let Some(slash) = head[..search].rfind('\\') {
        let name_len = text[slash + 1..]
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let escaped = head[..slash]
            .bytes()
            .rev()
            .take_while(|&b| b == b'\\')
            .count()
            % 2
            == 1;
        if name_len > 0 && !escaped {
            return Some((slash, &text[slash + 1..slash + 1 + name_len]));
        }
        search = slash;
    }
    None
}

/// Events in which raw LaTeX would reach the page: pulldown-latex takes the argument of
/// `\operatorname` and `\text` verbatim, so a command left in there is shown as typed. Adds
/// them to `errors`; returns whether the text of an event ends where the text does.
fn silent_failures(x: &Expanded, events: &[Event<'_>], errors: &mut Vec<MathError>) -> bool {
    let base = x.text.as_ptr() as usize;
    let end = base + x.text.len();
    let offset_of = |s: &str| {
        let at = (s.as_ptr() as usize).wrapping_sub(base);
        if at < x.text.len() {
            x.map.source_offset(at)
        } else {
            0
        }
    };
    let mut runs_to_end = false;
    for event in events {
        let Event::Content(
            content @ (Content::Function(s) | Content::Text(s) | Content::Number(s)),
        ) = event
        else {
            continue;
        };
        runs_to_end |= s.as_ptr() as usize + s.len() == end;
        let (command, what) = match content {
            Content::Function(f)
                if f.contains(['\\', '{', '}', '_', '^', '$', '*', '<', '>', '&']) =>
            {
                ("\\operatorname", "operator name")
            }
            Content::Text(t) if t.contains(['\\', '$']) => ("\\text", "text"),
            _ => continue,
        };
        errors.push(MathError {
            offset: offset_of(s),
            message: format!("this {what} would be shown as raw LaTeX: `{s}`"),
            command: Some(command.to_owned()),
        });
    }
    runs_to_end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::Macros;
    use crate::math::expand::expand;

    fn errors(tex: &str) -> Vec<MathError> {
        let (x, mut errs) = expand(tex, &Macros::empty(), true);
        let storage = Storage::new();
        if let Err(more) = events(&x, &storage) {
            errs.extend(more);
        }
        errs
    }

    #[test]
    fn unknown_commands_are_named_and_located() {
        let e = errors(r"a + \foo + b + \bar{x} + \baz");
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!((e[0].offset, e[0].command.as_deref()), (4, Some("\\foo")));
        assert_eq!((e[1].offset, e[1].command.as_deref()), (25, Some("\\baz")));
        let e = errors(r"\foo");
        assert_eq!((e[0].offset, e[0].command.as_deref()), (0, Some("\\foo")));
    }

    #[test]
    fn unknown_environment() {
        let e = errors(r"x = \begin{foo} a \end{foo}");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].command.as_deref(), Some("\\begin{foo}"));
        assert_eq!(e[0].offset, 4);
    }

    #[test]
    fn missing_argument_names_the_command() {
        let e = errors(r"x + \frac{a}");
        assert_eq!(e[0].command.as_deref(), Some("\\frac"));
        assert_eq!(e[0].offset, 4);
    }

    #[test]
    fn builtins() {
        assert!(is_builtin("sum") && is_builtin("frac") && is_builtin("limits"));
        assert!(!is_builtin("E") && !is_builtin("KL"));
    }
}
