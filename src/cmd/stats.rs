//! `notes stats`: progress per topic with bars, reviews per day, and per-question state in JSON.

use std::collections::HashMap;
use std::process::ExitCode;

use jiff::SignedDuration;
use serde_json::json;

use super::{Context, clock, db_path, scheduler_for};
use crate::cli::{Format, StatsArgs};
use crate::drill::stats::{self, TopicStats};
use crate::store::{ReviewRow, Store};

pub fn run(args: StatsArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let (course, _) = ctx.load_bank()?;
    let topics = course
        .resolve_topics(&args.topic)
        .map_err(anyhow::Error::msg)?;
    let sched = scheduler_for(&course, args.retention)?;
    let now = clock()?;
    let path = db_path(&course, args.db.as_deref());
    let store = Store::open_existing(&path)?;
    let (cards, recent) = match &store {
        Some(s) => (
            s.cards()?,
            s.reviews(Some(now - SignedDuration::from_hours(24 * 30)))?,
        ),
        None => Default::default(),
    };
    // Questions and recent reviews grouped by topic in one pass each, not once per topic.
    let by_topic = course.questions_by_topic();
    let topic_of: HashMap<&str, &str> = course
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.topic.as_str()))
        .collect();
    let mut recent_of: HashMap<&str, Vec<&ReviewRow>> = HashMap::new();
    for r in &recent {
        if let Some(topic) = topic_of.get(r.question_id.as_str()) {
            recent_of.entry(topic).or_default().push(r);
        }
    }
    let rows: Vec<TopicStats> = course
        .topics
        .iter()
        .filter(|t| topics.is_empty() || topics.contains(&t.id))
        .map(|t| {
            let ids: Vec<&str> = by_topic
                .get(t.id.as_str())
                .map(|qs| qs.iter().map(|q| q.id.as_str()).collect())
                .unwrap_or_default();
            let recent = recent_of.get(t.id.as_str()).map_or(&[][..], Vec::as_slice);
            stats::topic_stats(&t.id, &t.title, &ids, &cards, recent, now)
        })
        .collect();
    let per_day = stats::reviews_per_day(&recent, now, 30);
    let out = match args.format {
        Format::Json => {
            let questions: Vec<_> = course
                .questions_in(&topics)
                .map(|q| match cards.get(&q.id) {
                    Some(c) => json!({
                        "id": q.id, "topic": q.topic,
                        "stability": c.stability, "difficulty": c.difficulty,
                        "due": c.due.to_string(), "reps": c.reps, "lapses": c.lapses,
                        "last_review": c.last_review.map(|t| t.to_string()),
                        "phase": c.phase.name(),
                        "retrievability": sched.retrievability(c, now),
                    }),
                    None => json!({
                        "id": q.id, "topic": q.topic, "stability": null, "difficulty": null,
                        "due": null, "reps": 0, "lapses": 0, "last_review": null, "phase": "new",
                        "retrievability": null,
                    }),
                })
                .collect();
            let days: Vec<_> = per_day
                .iter()
                .map(|(d, n)| json!({"date": d, "reviews": n}))
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&json!({
                    "now": now.to_string(),
                    "database": path.display().to_string(),
                    "topics": rows,
                    "reviews_per_day": days,
                    "questions": questions,
                }))?
            )
        }
        Format::Human => human(&rows, &per_day, store.is_none()),
    };
    super::print(&out);
    Ok(ExitCode::SUCCESS)
}

fn bar(part: usize, whole: usize, width: usize) -> String {
    if whole == 0 {
        return " ".repeat(width);
    }
    let filled = (part * width + whole / 2) / whole;
    format!(
        "{}{}",
        "█".repeat(filled),
        "·".repeat(width - filled.min(width))
    )
}

fn human(rows: &[TopicStats], per_day: &[(String, usize)], no_db: bool) -> String {
    let mut out = String::new();
    if no_db {
        out.push_str(
            "No progress yet (no database): every question is new. Start with `notes quiz`.\n\n",
        );
    }
    let w = rows.iter().map(|r| r.topic.len()).max().unwrap_or(5).max(5);
    out.push_str(&format!(
        "{:<w$}  {:>4} {:>4} {:>5} {:>6}  {:<20}  {:>4} {:>6}  {:>9}  {:>7}\n",
        "topic", "qs", "new", "learn", "review", "mastery", "due", "in 7d", "retention", "leeches"
    ));
    for r in rows {
        let retention = r
            .retention_30_days
            .map_or("–".to_string(), |x| format!("{:.0}%", x * 100.0));
        out.push_str(&format!(
            "{:<w$}  {:>4} {:>4} {:>5} {:>6}  {}  {:>4} {:>6}  {:>9}  {:>7}\n",
            r.topic,
            r.questions,
            r.new,
            r.learning,
            r.review,
            bar(r.review, r.questions, 20),
            r.due_now,
            r.due_7_days,
            retention,
            r.leeches.len()
        ));
    }
    let leeches: Vec<&String> = rows.iter().flat_map(|r| &r.leeches).collect();
    if !leeches.is_empty() {
        out.push_str(&format!(
            "\nleeches (≥{} lapses): {}\n",
            stats::LEECH_LAPSES,
            leeches
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let max = per_day.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let total: usize = per_day.iter().map(|(_, n)| *n).sum();
    out.push_str(&format!(
        "\nreviews per day, last 30 days ({total} in all):\n"
    ));
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let spark: String = per_day
        .iter()
        .map(|(_, n)| {
            if *n == 0 || max == 0 {
                ' '
            } else {
                LEVELS[((n * 7) / max).min(7)]
            }
        })
        .collect();
    let first = per_day.first().map(|d| d.0.as_str()).unwrap_or("");
    let last = per_day.last().map(|d| d.0.as_str()).unwrap_or("");
    out.push_str(&format!("  {first} |{spark}| {last}  (max {max}/day)\n"));
    out
}
