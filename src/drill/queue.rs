//! Which questions a session asks, in which order. Pure: the card states, the review log's
//! counts and `now` come in; an ordered list of question ids goes out.

use std::collections::HashMap;

use jiff::Timestamp;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use super::scheduler::CardState;
use crate::course::Question;

/// How a session picks its questions.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Most questions in the session (due and new together); `None` for no cap.
    pub limit: Option<usize>,
    /// New questions a day, counting those already introduced today.
    pub new_per_day: usize,
    /// New questions already introduced today (from the review log).
    pub new_today: usize,
    /// Drill every selected question, due or not (cram mode).
    pub cram: bool,
    pub seed: u64,
}

/// The session's queue: due questions first, most overdue first; then new ones, shuffled,
/// up to the day's remaining new allowance. Cram mode takes everything, shuffled.
pub fn build_queue(
    questions: &[&Question],
    cards: &HashMap<String, CardState>,
    now: Timestamp,
    plan: &Plan,
) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let mut out: Vec<String> = if plan.cram {
        let mut all: Vec<String> = questions.iter().map(|q| q.id.clone()).collect();
        all.shuffle(&mut rng);
        all
    } else {
        let mut due: Vec<(&CardState, &str)> = questions
            .iter()
            .filter_map(|q| cards.get(&q.id).map(|c| (c, q.id.as_str())))
            .filter(|(c, _)| c.due <= now)
            .collect();
        // Most overdue first; ties (same due time) in a seeded random order.
        due.shuffle(&mut rng);
        due.sort_by_key(|(c, _)| c.due);
        let mut new: Vec<&str> = questions
            .iter()
            .filter(|q| !cards.contains_key(&q.id))
            .map(|q| q.id.as_str())
            .collect();
        new.shuffle(&mut rng);
        new.truncate(plan.new_per_day.saturating_sub(plan.new_today));
        due.into_iter()
            .map(|(_, id)| id.to_string())
            .chain(new.into_iter().map(str::to_string))
            .collect()
    };
    if let Some(limit) = plan.limit {
        out.truncate(limit);
    }
    out
}

/// An exam: `n` questions drawn across the topics as evenly as the bank allows, shuffled.
pub fn draw_exam(questions: &[&Question], n: usize, seed: u64) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut by_topic: Vec<(String, Vec<String>)> = Vec::new();
    for q in questions {
        match by_topic.iter_mut().find(|(t, _)| *t == q.topic) {
            Some((_, ids)) => ids.push(q.id.clone()),
            None => by_topic.push((q.topic.clone(), vec![q.id.clone()])),
        }
    }
    for (_, ids) in &mut by_topic {
        ids.shuffle(&mut rng);
    }
    by_topic.shuffle(&mut rng);
    // Round-robin over topics so every topic is represented before any gets a second one.
    let mut out = Vec::new();
    let mut round = 0;
    while out.len() < n {
        let mut took = false;
        for (_, ids) in &by_topic {
            if out.len() == n {
                break;
            }
            if let Some(id) = ids.get(round) {
                out.push(id.clone());
                took = true;
            }
        }
        if !took {
            break;
        }
        round += 1;
    }
    out.shuffle(&mut rng);
    out
}

/// The next time any of these questions is due, for "nothing due — next review in …".
pub fn next_due(questions: &[&Question], cards: &HashMap<String, CardState>) -> Option<Timestamp> {
    questions
        .iter()
        .filter_map(|q| cards.get(&q.id).map(|c| c.due))
        .min()
}
