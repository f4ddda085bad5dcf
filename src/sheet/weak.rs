//! Weak spots: what the student is most likely to have forgotten now, and how much of each
//! topic they would recall. Pure: the card states, the scheduler and the time come in.

use std::collections::HashMap;

use jiff::Timestamp;

use super::model::TopicSection;
use crate::drill::scheduler::{CardState, Scheduler};

/// At most this many questions open the sheet.
pub const MAX_WEAK: usize = 12;

/// The student's progress, as the weak spots need it.
pub struct Progress<'a> {
    pub cards: &'a HashMap<String, CardState>,
    pub scheduler: &'a Scheduler,
    pub now: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Weak {
    pub questions: Vec<WeakQuestion>,
    /// One per topic on the sheet, in sheet order.
    pub mastery: Vec<Mastery>,
}

/// A question by its place on the sheet: `topics[topic].questions[question]`.
#[derive(Debug, Clone, PartialEq)]
pub struct WeakQuestion {
    pub topic: usize,
    pub question: usize,
    /// Predicted probability of recall now.
    pub recall: f64,
    pub lapses: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mastery {
    pub topic: usize,
    /// Mean predicted recall over the topic's questions, a never-reviewed question counting 0:
    /// the share of the topic the student would get right now.
    pub recall: f64,
    pub reviewed: usize,
    pub total: usize,
}

/// The weak spots of the sheet's questions; `None` when none of them has been reviewed (a
/// database without reviews of these topics has nothing to say).
pub fn weak_spots(topics: &[TopicSection], p: &Progress<'_>) -> Option<Weak> {
    let mut questions = Vec::new();
    let mut mastery = Vec::new();
    for (ti, t) in topics.iter().enumerate() {
        let mut sum = 0.0;
        let mut reviewed = 0;
        for (qi, q) in t.questions.iter().enumerate() {
            let Some(card) = p.cards.get(&q.id) else {
                continue;
            };
            let recall = p.scheduler.retrievability(card, p.now);
            if card.last_review.is_none() {
                continue;
            }
            reviewed += 1;
            sum += recall;
            questions.push(WeakQuestion {
                topic: ti,
                question: qi,
                recall,
                lapses: card.lapses,
            });
        }
        mastery.push(Mastery {
            topic: ti,
            recall: if t.questions.is_empty() {
                0.0
            } else {
                sum / t.questions.len() as f64
            },
            reviewed,
            total: t.questions.len(),
        });
    }
    if questions.is_empty() {
        return None;
    }
    // Lowest recall first, then most lapses, then sheet order (stable sort).
    questions.sort_by(|a, b| a.recall.total_cmp(&b.recall).then(b.lapses.cmp(&a.lapses)));
    questions.truncate(MAX_WEAK);
    Some(Weak { questions, mastery })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::scheduler::Rating;
    use crate::sheet::model::{AnswerView, QuestionView};

    fn question(id: &str) -> QuestionView {
        QuestionView {
            id: id.into(),
            at: crate::sheet::model::At {
                origin: 0,
                offset: 0,
            },
            number: 0,
            anchor: String::new(),
            answer_anchor: String::new(),
            kind: crate::course::Kind::TrueFalse,
            prompt: Vec::new(),
            options: Vec::new(),
            answer: AnswerView::Bool(true),
            why: Vec::new(),
            steps: Vec::new(),
            see: None,
            source: None,
        }
    }

    fn topic(ids: &[&str]) -> TopicSection {
        TopicSection {
            id: "t".into(),
            title: "T".into(),
            anchor: "t".into(),
            notes: Vec::new(),
            footnotes: Vec::new(),
            questions: ids.iter().map(|i| question(i)).collect(),
        }
    }

    fn now() -> Timestamp {
        "2026-11-25T09:00:00Z".parse().expect("a valid time")
    }

    #[test]
    fn lowest_recall_first_then_most_lapses_and_at_most_twelve() {
        let sched = Scheduler::new(0.9).expect("valid retention");
        let start: Timestamp = "2026-11-01T09:00:00Z".parse().expect("a valid time");
        let mut cards = HashMap::new();
        let ids: Vec<String> = (0..20).map(|i| format!("q{i}")).collect();
        for (i, id) in ids.iter().enumerate() {
            // Older reviews have had longer to fade.
            let at = start + jiff::SignedDuration::from_hours(i as i64 * 12);
            let mut c = sched.review(None, Rating::Good, at);
            c.lapses = (i % 3) as u32;
            cards.insert(id.clone(), c);
        }
        // Two cards with equal recall: the one with more lapses first.
        let twin = cards["q5"].clone();
        cards.insert(
            "q4".into(),
            CardState {
                lapses: 9,
                ..twin.clone()
            },
        );
        cards.insert("q5".into(), CardState { lapses: 1, ..twin });
        let refs: Vec<&str> = ids.iter().map(String::as_str).chain(["new"]).collect();
        let topics = vec![topic(&refs)];
        let p = Progress {
            cards: &cards,
            scheduler: &sched,
            now: now(),
        };
        let weak = weak_spots(&topics, &p).expect("reviewed cards give weak spots");
        assert_eq!(weak.questions.len(), MAX_WEAK);
        let recalls: Vec<f64> = weak.questions.iter().map(|w| w.recall).collect();
        assert!(recalls.windows(2).all(|w| w[0] <= w[1]), "{recalls:?}");
        let first: Vec<usize> = weak.questions.iter().map(|w| w.question).take(2).collect();
        assert_eq!(first, vec![0, 1]);
        let pos = |q| weak.questions.iter().position(|w| w.question == q);
        assert!(pos(4) < pos(5), "more lapses first among equals");
        let m = &weak.mastery[0];
        assert_eq!((m.reviewed, m.total), (20, 21));
        assert!(m.recall > 0.0 && m.recall < 1.0);
    }

    #[test]
    fn no_reviews_means_no_weak_spots() {
        let sched = Scheduler::new(0.9).expect("valid retention");
        let cards = HashMap::new();
        let p = Progress {
            cards: &cards,
            scheduler: &sched,
            now: now(),
        };
        assert_eq!(weak_spots(&[topic(&["a"])], &p), None);
    }
}
