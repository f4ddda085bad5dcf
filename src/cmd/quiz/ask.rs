//! Asking one question in the terminal, per kind: the prompt, the answer read and graded, the
//! feedback. Recording and scheduling are the session's job (`mod.rs`).

use std::io::Write as _;
use std::time::Instant;

use super::input::{Input, Line};
use crate::course::question::letter;
use crate::course::{Answer, Kind, Question};
use crate::diag::Style;
use crate::drill::grade;
use crate::drill::grade::{Tolerance, parse_number};
use crate::drill::render;
use crate::drill::scheduler::Rating;
use crate::math::Macros;

/// What the user did with a question.
pub enum Reply {
    Answered {
        /// What they typed (the self-grade for derivations).
        given: String,
        /// `None` for self-graded questions.
        correct: Option<bool>,
        rating: Rating,
        /// Feedback to show once the answer is committed: only then is it acknowledged.
        after: String,
    },
    Skip,
    Undo,
    Quit,
    Timeout,
}

/// Terminal output that never fails the session: a closed stdout must not lose answers.
pub struct Term {
    pub style: Style,
    pub width: usize,
}

impl Term {
    pub fn say(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.write_all(b"\n");
        let _ = out.flush();
    }

    pub fn prompt(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "{}", self.paint("1", text));
        let _ = out.flush();
    }

    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.style.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn good(&self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn bad(&self, text: &str) -> String {
        self.paint("31", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
}

pub const HELP: &str = "keys: t/f (or true/false/y/n) for true-false · a number (0.04, 1/25, -4.93e3) for numeric\n      a letter (b), or letters (a,c) for choice · Enter reveals the next step of a derivation, a all\n      1-4 grade yourself (again/hard/good/easy) · s skip · u undo the last answer · q quit · ? this help";

pub struct Asker<'a> {
    pub term: &'a Term,
    pub input: &'a mut Input,
    pub macros: &'a Macros,
    /// Exam mode: no feedback until the end.
    pub exam: bool,
    pub deadline: Option<Instant>,
}

/// A command typed at any prompt.
enum Key {
    Text(String),
    Skip,
    Undo,
    Quit,
    Timeout,
}

impl Asker<'_> {
    fn md(&self, text: &str) -> String {
        render::terminal(text, self.macros, self.term.width)
            .trim_end()
            .to_string()
    }

    /// Reads one line; handles `?` itself and turns s/u/q and the end of input into keys.
    fn read(&mut self, prompt: &str) -> Key {
        loop {
            self.term.prompt(prompt);
            match self.input.next(self.deadline) {
                Line::Eof => {
                    self.term.say("");
                    return Key::Quit;
                }
                Line::Timeout => {
                    self.term.say("");
                    return Key::Timeout;
                }
                Line::Text(t) => {
                    if self.input.echo {
                        self.term.say(&t);
                    }
                    let t = t.trim().to_string();
                    match t.as_str() {
                        "?" => self.term.say(&self.term.dim(HELP)),
                        "s" | "skip" => return Key::Skip,
                        "u" | "undo" => return Key::Undo,
                        "q" | "quit" | "exit" => return Key::Quit,
                        _ => return Key::Text(t),
                    }
                }
            }
        }
    }

    pub fn ask(&mut self, q: &Question, header: &str) -> Reply {
        self.term.say(&self.term.paint("1;36", header));
        self.term.say(&format!("{}\n", self.md(&q.prompt)));
        match q.kind {
            Kind::TrueFalse => self.true_false(q),
            Kind::Numeric => self.numeric(q),
            Kind::Choice => self.choice(q),
            Kind::Derivation => self.derivation(q),
        }
    }

    fn true_false(&mut self, q: &Question) -> Reply {
        let Answer::Bool(expected) = q.answer else {
            return Reply::Skip;
        };
        loop {
            let t = match self.read("true or false? › ") {
                Key::Text(t) => t,
                other => return control(other),
            };
            match grade::parse_true_false(&t) {
                Ok(given) => {
                    let right = given == expected;
                    let mut after = self.feedback(right, &expected.to_string());
                    if let (false, Some(why)) = (self.exam, &q.why) {
                        after.push_str(&format!("\n{}\n{}", self.term.dim("why:"), self.md(why)));
                    }
                    return auto(given.to_string(), right, after);
                }
                Err(_) => self.term.say("answer t or f (true/false, y/n); ? for help"),
            }
        }
    }

    fn numeric(&mut self, q: &Question) -> Reply {
        let Answer::Number { value, text } = &q.answer else {
            return Reply::Skip;
        };
        let tol = q.tolerance.unwrap_or(Tolerance::DEFAULT);
        loop {
            let t = match self.read("your answer › ") {
                Key::Text(t) => t,
                other => return control(other),
            };
            match parse_number(&t) {
                Ok(given) => {
                    let right = tol.accepts(*value, given);
                    let exact = if text.trim() == value.to_string() {
                        text.trim().to_string()
                    } else {
                        format!("{} = {}", text.trim(), fmt_num(*value))
                    };
                    let mut after = self.feedback(right, &format!("{exact} ({tol})"));
                    if !self.exam {
                        after.push_str(&self.working(q));
                    }
                    return auto(t, right, after);
                }
                Err(e) => self.term.say(&e.to_string()),
            }
        }
    }

    fn choice(&mut self, q: &Question) -> Reply {
        let Answer::Choice(expected) = &q.answer else {
            return Reply::Skip;
        };
        for (i, o) in q.options.iter().enumerate() {
            let body = self.md(o).replace('\n', "\n   ");
            self.term.say(&format!("  {}) {body}", letter(i)));
        }
        let prompt = if expected.len() > 1 {
            "your letters (several are right) › "
        } else {
            "your letter › "
        };
        loop {
            let t = match self.read(prompt) {
                Key::Text(t) => t,
                other => return control(other),
            };
            match grade::parse_choice(&t, q.options.len()) {
                Ok(given) => {
                    let given: Vec<usize> = given.into_iter().collect();
                    let right = given == *expected;
                    let mut after = self.feedback(right, &q.answer_text());
                    if !self.exam {
                        after.push_str(&self.working(q));
                    }
                    let given = given
                        .iter()
                        .map(|i| letter(*i))
                        .collect::<Vec<_>>()
                        .join(",");
                    return auto(given, right, after);
                }
                Err(e) => self.term.say(&e.to_string()),
            }
        }
    }

    fn derivation(&mut self, q: &Question) -> Reply {
        let mut all = false;
        if self.exam {
            self.term.say(
                &self
                    .term
                    .dim("work it out, then press Enter to see the result"),
            );
            if let Some(r) = self.wait() {
                return r;
            }
        } else {
            self.term.say(&self.term.dim(&format!(
                "{} steps: Enter reveals the next, a reveals all",
                q.steps.len()
            )));
            for (i, step) in q.steps.iter().enumerate() {
                if !all {
                    match self.read("› ") {
                        Key::Text(t) if t == "a" => all = true,
                        Key::Text(_) => {}
                        other => return control(other),
                    }
                }
                let body = self.md(step).replace('\n', "\n   ");
                self.term.say(&format!("{:>2}. {body}", i + 1));
            }
        }
        if let Answer::Text(result) = &q.answer {
            self.term.say(&format!(
                "\n{}\n{}\n",
                self.term.paint("1", "result:"),
                self.md(result)
            ));
        }
        loop {
            let t = match self.read("how did you do? 1 again · 2 hard · 3 good · 4 easy › ") {
                Key::Text(t) => t,
                other => return control(other),
            };
            match t.parse::<Rating>() {
                Ok(rating) => {
                    return Reply::Answered {
                        given: rating.number().to_string(),
                        correct: None,
                        rating,
                        after: self.term.dim(&format!("rated {}", rating.name())),
                    };
                }
                Err(_) => self.term.say("grade yourself from 1 (again) to 4 (easy)"),
            }
        }
    }

    /// Waits for Enter (exam derivations); returns a reply if the user did something else.
    fn wait(&mut self) -> Option<Reply> {
        match self.read("› ") {
            Key::Text(_) => None,
            other => Some(control(other)),
        }
    }

    fn feedback(&self, right: bool, answer: &str) -> String {
        if self.exam {
            self.term.dim("recorded")
        } else if right {
            self.term.good(&format!("✓ right: {answer}"))
        } else {
            self.term.bad(&format!("✗ wrong: the answer is {answer}"))
        }
    }

    /// The working shown after an auto-graded answer: the rationale and any steps.
    fn working(&self, q: &Question) -> String {
        let mut out = String::new();
        if let Some(why) = &q.why {
            out.push_str(&format!("\n{}\n{}", self.term.dim("why:"), self.md(why)));
        }
        for (i, s) in q.steps.iter().enumerate() {
            out.push_str(&format!("\n{:>2}. {}", i + 1, self.md(s)));
        }
        out
    }

    /// After a right auto-graded answer: Enter keeps Good; h or e says Hard or Easy instead.
    pub fn override_rating(&mut self) -> Option<Key2> {
        match self.read("Enter next · h hard · e easy › ") {
            Key::Text(t) => match t.as_str() {
                "h" | "hard" | "2" => Some(Key2::Rate(Rating::Hard)),
                "e" | "easy" | "4" => Some(Key2::Rate(Rating::Easy)),
                _ => None,
            },
            Key::Undo => Some(Key2::Undo),
            Key::Quit => Some(Key2::Quit),
            Key::Timeout => Some(Key2::Quit),
            Key::Skip => None,
        }
    }
}

/// What the user said after the feedback of a right answer.
pub enum Key2 {
    Rate(Rating),
    Undo,
    Quit,
}

fn control(k: Key) -> Reply {
    match k {
        Key::Skip => Reply::Skip,
        Key::Undo => Reply::Undo,
        Key::Timeout => Reply::Timeout,
        Key::Quit | Key::Text(_) => Reply::Quit,
    }
}

fn auto(given: String, right: bool, after: String) -> Reply {
    Reply::Answered {
        given,
        correct: Some(right),
        rating: if right { Rating::Good } else { Rating::Again },
        after,
    }
}

/// A number shown to at most 6 significant digits.
pub fn fmt_num(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let mag = v.abs().log10().floor();
    if !(-4.0..6.0).contains(&mag) {
        return format!("{v:.5e}");
    }
    let decimals = (5.0 - mag).max(0.0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}
