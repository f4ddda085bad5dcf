//! `notes list`: topics with question counts by kind, or one topic's questions.

use std::collections::HashMap;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::bail;
use serde_json::json;

use super::Context;
use crate::cli::{Format, ListArgs};
use crate::course::{Course, Kind};

pub fn run(args: ListArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let (course, diags) = ctx.load()?;
    let topics = match &args.topic {
        Some(t) => match course.resolve_topics(std::slice::from_ref(t)) {
            Ok(ids) => ids,
            Err(msg) => bail!(msg),
        },
        None => Vec::new(),
    };
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "note: the course has {errors} error(s); questions with errors are not listed (run `notes check`)"
        );
    }
    let out = match args.format {
        Format::Json => json_listing(&course, &topics)?,
        Format::Human if topics.is_empty() => topic_table(&course),
        Format::Human => question_lines(&course, &topics),
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// Questions by kind for every topic, in one pass over the bank.
fn counts(course: &Course) -> HashMap<&str, [usize; 4]> {
    let mut out: HashMap<&str, [usize; 4]> = HashMap::with_capacity(course.topics.len());
    for q in &course.questions {
        let c = out.entry(q.topic.as_str()).or_default();
        c[Kind::ALL.iter().position(|k| *k == q.kind).unwrap_or(0)] += 1;
    }
    out
}

fn topic_table(course: &Course) -> String {
    let width = course
        .topics
        .iter()
        .map(|t| t.id.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let title_w = course
        .topics
        .iter()
        .map(|t| t.title.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 40);
    let mut out = format!(
        "{:<width$}  {:<title_w$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>6}\n",
        "topic", "title", "total", "t/f", "deriv", "num", "choice"
    );
    let mut total = [0usize; 4];
    let counts = counts(course);
    for t in &course.topics {
        let c = counts.get(t.id.as_str()).copied().unwrap_or_default();
        for (a, b) in total.iter_mut().zip(c) {
            *a += b;
        }
        let title: String = t.title.chars().take(title_w).collect();
        out.push_str(&format!(
            "{:<width$}  {:<title_w$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>6}\n",
            t.id,
            title,
            c.iter().sum::<usize>(),
            c[0],
            c[1],
            c[2],
            c[3]
        ));
    }
    out.push_str(&format!(
        "{:<width$}  {:<title_w$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>6}\n",
        "all",
        "",
        total.iter().sum::<usize>(),
        total[0],
        total[1],
        total[2],
        total[3]
    ));
    out
}

fn question_lines(course: &Course, topics: &[String]) -> String {
    let qs: Vec<_> = course.questions_in(topics).collect();
    if qs.is_empty() {
        // An empty listing would look like a failure; say what was looked at.
        return format!("no questions in topic `{}`\n", topics.join("`, `"));
    }
    let w = qs.iter().map(|q| q.id.len()).max().unwrap_or(2);
    let mut out = String::new();
    for q in qs {
        let first = q
            .prompt
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        let first: String = first.chars().take(90).collect();
        out.push_str(&format!("{:<w$}  {:<10}  {first}\n", q.id, q.kind.name()));
    }
    out
}

fn json_listing(course: &Course, topics: &[String]) -> anyhow::Result<String> {
    let counts = counts(course);
    let topic_rows: Vec<_> = course
        .topics
        .iter()
        .filter(|t| topics.is_empty() || topics.contains(&t.id))
        .map(|t| {
            let c = counts.get(t.id.as_str()).copied().unwrap_or_default();
            json!({
                "id": t.id, "title": t.title, "order": t.order, "aliases": t.aliases,
                "questions": c.iter().sum::<usize>(),
                "by_kind": {"true-false": c[0], "derivation": c[1], "numeric": c[2], "choice": c[3]},
            })
        })
        .collect();
    let questions: Vec<_> = course.questions_in(topics).collect();
    Ok(format!(
        "{}\n",
        serde_json::to_string_pretty(&json!({"topics": topic_rows, "questions": questions}))?
    ))
}
