//! Progress figures per topic, computed from card states and the review log. Pure.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::scheduler::{CardState, Phase};
use crate::store::{Mode, ReviewRow};

/// A question with 8 or more lapses keeps being forgotten: rewrite it or split it.
pub const LEECH_LAPSES: u32 = 8;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TopicStats {
    pub topic: String,
    pub title: String,
    pub questions: usize,
    pub new: usize,
    pub learning: usize,
    pub review: usize,
    pub due_now: usize,
    pub due_7_days: usize,
    /// Share of the last 30 days' reviews (cram excluded) that were not Again; `None` without
    /// reviews.
    pub retention_30_days: Option<f64>,
    pub reviews_30_days: usize,
    pub leeches: Vec<String>,
}

/// Figures for one topic's questions. `recent` needs to hold this topic's recent reviews only
/// (reviews of other questions are ignored), so that callers group them once for all topics.
pub fn topic_stats(
    topic: &str,
    title: &str,
    ids: &[&str],
    cards: &HashMap<String, CardState>,
    recent: &[&ReviewRow],
    now: Timestamp,
) -> TopicStats {
    let mut s = TopicStats {
        topic: topic.into(),
        title: title.into(),
        questions: ids.len(),
        ..TopicStats::default()
    };
    let week = now + SignedDuration::from_hours(24 * 7);
    for id in ids {
        match cards.get(*id) {
            None => s.new += 1,
            Some(c) => {
                match c.phase {
                    Phase::New => s.new += 1,
                    Phase::Learning | Phase::Relearning => s.learning += 1,
                    Phase::Review => s.review += 1,
                }
                if c.due <= now {
                    s.due_now += 1;
                }
                if c.due <= week {
                    s.due_7_days += 1;
                }
                if c.lapses >= LEECH_LAPSES {
                    s.leeches.push((*id).to_string());
                }
            }
        }
    }
    let mut kept = 0;
    for r in recent
        .iter()
        .filter(|r| r.mode != Mode::Cram && ids.contains(&r.question_id.as_str()))
    {
        s.reviews_30_days += 1;
        if r.rating != super::scheduler::Rating::Again {
            kept += 1;
        }
    }
    if s.reviews_30_days > 0 {
        s.retention_30_days = Some(kept as f64 / s.reviews_30_days as f64);
    }
    s
}

/// Reviews per UTC day over the last `days` days, oldest first.
pub fn reviews_per_day(recent: &[ReviewRow], now: Timestamp, days: usize) -> Vec<(String, usize)> {
    let utc = jiff::tz::TimeZone::UTC;
    let today = now.to_zoned_datetime(utc.clone()).date();
    let mut out: Vec<(String, usize)> = (0..days)
        .rev()
        .filter_map(|back| {
            let d = today
                .checked_sub(jiff::Span::new().days(i64::try_from(back).ok()?))
                .ok()?;
            Some((d.to_string(), 0))
        })
        .collect();
    for r in recent {
        let d = r
            .reviewed_at
            .to_zoned_datetime(utc.clone())
            .date()
            .to_string();
        if let Some(slot) = out.iter_mut().find(|(day, _)| *day == d) {
            slot.1 += 1;
        }
    }
    out
}
