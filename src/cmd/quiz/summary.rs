//! The end of a session: score, a per-topic table, time spent, the next review; for an exam,
//! every mistake with its answer.

use jiff::Timestamp;

use super::Session;
use super::ask::Term;
use crate::cmd::when;
use crate::drill::render;
use crate::drill::scheduler::Rating;
use crate::store::Mode;

pub fn render(
    s: &Session,
    term: &Term,
    now: Timestamp,
    unanswered: usize,
    timed_out: bool,
) -> String {
    let mut out = String::new();
    let answered = s.results.len();
    if answered == 0 && unanswered == 0 {
        out.push_str("No answers this session.\n");
    } else {
        let right = s
            .results
            .iter()
            .filter(|r| is_right(r.correct, r.rating))
            .count();
        let of = answered + unanswered;
        let pct = if of == 0 {
            0.0
        } else {
            100.0 * right as f64 / of as f64
        };
        let title = match s.mode {
            Mode::Exam if timed_out => "Exam over (time is up)",
            Mode::Exam => "Exam over",
            _ => "Session over",
        };
        out.push_str(&format!("{}\n", term.paint("1", title)));
        out.push_str(&format!("score: {right}/{of} ({pct:.0}%)"));
        if unanswered > 0 {
            out.push_str(&format!(", {unanswered} unanswered"));
        }
        out.push('\n');
        // Per topic, in course order.
        out.push_str(&format!("{:<20} {:>6} {:>6}\n", "topic", "right", "asked"));
        for t in &s.course.topics {
            let rows: Vec<_> = s.results.iter().filter(|r| r.topic == t.id).collect();
            if rows.is_empty() {
                continue;
            }
            let right = rows
                .iter()
                .filter(|r| is_right(r.correct, r.rating))
                .count();
            out.push_str(&format!("{:<20} {:>6} {:>6}\n", t.id, right, rows.len()));
        }
        if s.mode == Mode::Exam {
            let mistakes: Vec<_> = s
                .results
                .iter()
                .filter(|r| !is_right(r.correct, r.rating))
                .collect();
            if !mistakes.is_empty() {
                out.push_str(&format!("\n{}\n", term.paint("1", "Mistakes")));
            }
            for m in mistakes {
                let Some(q) = s.course.question(&m.question_id) else {
                    continue;
                };
                let prompt = render::terminal(&q.prompt, &s.course.macros, term.width);
                let first = prompt.lines().next().unwrap_or_default();
                out.push_str(&format!("• {} — {first}\n", q.id));
                let answer = render::terminal(&q.answer_text(), &s.course.macros, term.width);
                let yours = if m.correct.is_none() {
                    format!("self-graded {}", m.rating.name())
                } else {
                    m.given.clone()
                };
                out.push_str(&format!("  yours: {yours} · answer: {}\n", answer.trim()));
            }
        }
    }
    let secs = s.started.elapsed().as_secs();
    out.push_str(&format!("time: {}m {:02}s\n", secs / 60, secs % 60));
    if let Some(next) = s.cards.values().map(|c| c.due).min() {
        out.push_str(&format!("next review: {}\n", when(next, now)));
    }
    out
}

/// Auto-graded answers count when right; self-graded ones when rated Hard or better.
fn is_right(correct: Option<bool>, rating: Rating) -> bool {
    correct.unwrap_or(rating != Rating::Again)
}
