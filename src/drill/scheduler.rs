//! FSRS-6 scheduling: when a question comes back after an answer.
//!
//! This module owns the memory model and the scheduling policy; it knows nothing of the
//! terminal, the database or the clock. Every function is pure in (state, rating, time): the
//! caller passes `now` in (the command layer reads the clock once, or takes `NOTES_NOW`).
//!
//! # Scheduling policy
//!
//! The memory model is FSRS-6 through the `fsrs` crate (the implementation Anki uses) with its
//! default parameters. A card has a stability `S` (days until recall probability falls to 90 %)
//! and a difficulty `D` in 1–10; only the ratings and review times change them.
//!
//! - **Interval.** After Hard, Good or Easy the card is due `I` days later, where `I` is the FSRS
//!   interval for the desired retention (default 0.9), rounded to the nearest whole day and
//!   clamped to 1–36500 days. Days are periods of 24 hours from the moment of the review, not
//!   calendar days: the domain has no time zone. Intervals are never fuzzed.
//! - **Again (one learning step).** There are no multi-step learning queues: after Again the
//!   card is due [`AGAIN_DELAY`] (10 minutes) later, so it comes back later in the same session.
//!   Its memory state is still updated by FSRS as usual.
//! - **Phases.** A new card answered Again enters `Learning`; answered Hard, Good or Easy it goes
//!   straight to `Review`. A `Learning` or `Relearning` card answered Again stays where it is; any
//!   other rating graduates it to `Review`.
//! - **Lapses.** Again on a `Review` card counts a lapse (`lapses + 1`) and moves it to
//!   `Relearning`. Again during (re)learning is not another lapse. Every answer counts in `reps`.
//! - **Same-day reviews.** When less than one day (24 h) has passed since the last review, FSRS-6
//!   uses its short-term stability formula (weights w17–w19) instead of the long-term one; this
//!   covers the 10-minute relearning step and re-drilling a card on the same day. Elapsed time is
//!   counted in whole days (rounded down), as the `fsrs` crate and Anki do; a clock that went
//!   backwards counts as zero days.
//! - **Precision.** Times are truncated to the millisecond on the way in, the precision the
//!   progress database keeps, so that a card rebuilt from the review log is bit-for-bit the card
//!   that was scheduled incrementally.
//!
//! Changing the desired retention changes intervals only, never stability or difficulty.
use std::fmt;
use std::str::FromStr;

use fsrs::{DEFAULT_PARAMETERS, FSRS, MemoryState};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// How long after an Again answer the card is due again.
pub const AGAIN_DELAY: SignedDuration = SignedDuration::from_mins(10);

/// The longest interval ever scheduled, in days (100 years).
pub const MAX_INTERVAL_DAYS: u32 = 36_500;

/// The desired retention when the course and the command line say nothing.
pub const DEFAULT_RETENTION: f64 = 0.9;

const SECONDS_PER_DAY: i64 = 86_400;

/// A self-grade, or the rating an auto-graded answer maps to (wrong → Again, right → Good).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The rating with this number (1 = Again … 4 = Easy), as stored in the review log.
    pub fn from_number(n: u8) -> Option<Rating> {
        Rating::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Rating {
    type Err = SchedulerError;

    /// Accepts `1`–`4` or the names `again`, `hard`, `good`, `easy` (any case).
    fn from_str(s: &str) -> Result<Rating, SchedulerError> {
        let s = s.trim();
        Rating::ALL
            .into_iter()
            .find(|r| s.eq_ignore_ascii_case(r.name()) || s == r.number().to_string())
            .ok_or_else(|| SchedulerError::InvalidRating(s.to_owned()))
    }
}

/// Where a card stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Never answered (no card state is stored for it).
    New,
    /// Answered Again on its first review(s), not yet graduated.
    Learning,
    /// Graduated: scheduled in whole days.
    Review,
    /// Lapsed (Again on a review card), not yet graduated again.
    Relearning,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Phase {
    type Err = SchedulerError;

    fn from_str(s: &str) -> Result<Phase, SchedulerError> {
        [
            Phase::New,
            Phase::Learning,
            Phase::Review,
            Phase::Relearning,
        ]
        .into_iter()
        .find(|p| s.eq_ignore_ascii_case(p.name()))
        .ok_or_else(|| SchedulerError::InvalidPhase(s.to_owned()))
    }
}

/// The scheduling state of one question after at least one review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    /// FSRS stability, in days.
    pub stability: f64,
    /// FSRS difficulty, 1 (easiest) to 10.
    pub difficulty: f64,
    pub due: Timestamp,
    pub last_review: Option<Timestamp>,
    /// Number of reviews, Again included (cram reviews excluded: they do not reach the card).
    pub reps: u32,
    /// Number of times a `Review` card was answered Again.
    pub lapses: u32,
    pub phase: Phase,
}

#[derive(Debug, thiserror::Error)]
pub enum SchedulerError {
    #[error("desired retention must be a number strictly between 0 and 1, got {0}")]
    InvalidRetention(f64),
    #[error("invalid rating `{0}`: expected 1-4 or again, hard, good, easy")]
    InvalidRating(String),
    #[error("invalid card phase `{0}`: expected new, learning, review or relearning")]
    InvalidPhase(String),
    #[error("the FSRS model rejected its parameters")]
    Fsrs(#[source] fsrs::FSRSError),
}

/// FSRS-6 with default parameters and a desired retention.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    /// As given, for display.
    retention: f64,
    /// As the fsrs crate computes.
    desired_retention: f32,
}

impl Scheduler {
    /// A scheduler aiming at `desired_retention` (the recall probability at the due time).
    /// Values from 0.8 to 0.95 are sensible; anything outside (0, 1) is refused.
    pub fn new(desired_retention: f64) -> Result<Self, SchedulerError> {
        if !(desired_retention > 0.0 && desired_retention < 1.0) {
            return Err(SchedulerError::InvalidRetention(desired_retention));
        }
        let fsrs = FSRS::new(&DEFAULT_PARAMETERS).map_err(SchedulerError::Fsrs)?;
        #[allow(
            clippy::cast_possible_truncation,
            reason = "the fsrs crate computes in f32; retention is in (0, 1)"
        )]
        let retention_f32 = desired_retention as f32;
        Ok(Scheduler {
            fsrs,
            retention: desired_retention,
            desired_retention: retention_f32,
        })
    }

    pub fn desired_retention(&self) -> f64 {
        self.retention
    }

    /// The state after answering with `rating` at `now`; `prev` is `None` (or a `New` state)
    /// for a card never answered before. See the module docs for the policy.
    pub fn review(&self, prev: Option<&CardState>, rating: Rating, now: Timestamp) -> CardState {
        let now = to_millisecond(now);
        let prev = prev.filter(|p| p.phase != Phase::New);
        let memory = self.next_memory(prev, rating, now);
        let (phase, lapses) = match (prev.map(|p| p.phase), rating) {
            (None | Some(Phase::New), Rating::Again) => (Phase::Learning, 0),
            (Some(Phase::Review), Rating::Again) => (
                Phase::Relearning,
                prev.map_or(0, |p| p.lapses).saturating_add(1),
            ),
            (Some(phase), Rating::Again) => (phase, prev.map_or(0, |p| p.lapses)),
            (_, _) => (Phase::Review, prev.map_or(0, |p| p.lapses)),
        };
        let delay = if rating == Rating::Again {
            AGAIN_DELAY
        } else {
            let days = self.interval_days(f64::from(memory.stability));
            SignedDuration::from_secs(i64::from(days) * SECONDS_PER_DAY)
        };
        CardState {
            stability: f64::from(memory.stability),
            difficulty: f64::from(memory.difficulty),
            due: now.checked_add(delay).unwrap_or(Timestamp::MAX),
            last_review: Some(now),
            reps: prev.map_or(0, |p| p.reps).saturating_add(1),
            lapses,
            phase,
        }
    }

    /// The predicted probability of recalling the card at `now` (FSRS-6 forgetting curve, with
    /// fractional days: this is for display and statistics, not for scheduling). A card with no
    /// review has retrievability 0.
    pub fn retrievability(&self, state: &CardState, now: Timestamp) -> f64 {
        let Some(last) = state.last_review else {
            return 0.0;
        };
        if state.phase == Phase::New || state.stability.is_nan() || state.stability <= 0.0 {
            return 0.0;
        }
        let elapsed = now.duration_since(last).as_secs_f64().max(0.0) / SECONDS_PER_DAY as f64;
        let decay = f64::from(DEFAULT_PARAMETERS[20]);
        let factor = 0.9f64.powf(-1.0 / decay) - 1.0;
        (1.0 + factor * elapsed / state.stability).powf(-decay)
    }

    /// The card state after replaying a review log in order (cram reviews left out by the
    /// caller); `None` for an empty log. Equal to folding [`Scheduler::review`] over the log.
    pub fn replay(
        &self,
        reviews: impl IntoIterator<Item = (Rating, Timestamp)>,
    ) -> Option<CardState> {
        reviews.into_iter().fold(None, |state, (rating, at)| {
            Some(self.review(state.as_ref(), rating, at))
        })
    }

    /// The FSRS interval for this stability, in whole days as scheduled.
    fn interval_days(&self, stability: f64) -> u32 {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "stability comes from f32 FSRS state"
        )]
        let interval = self
            .fsrs
            .next_interval(Some(stability as f32), self.desired_retention, 3);
        if !interval.is_finite() {
            return MAX_INTERVAL_DAYS;
        }
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to 1..=MAX_INTERVAL_DAYS first"
        )]
        let days = interval.round().clamp(1.0, MAX_INTERVAL_DAYS as f32) as u32;
        days
    }

    fn next_memory(&self, prev: Option<&CardState>, rating: Rating, now: Timestamp) -> MemoryState {
        let current = prev.and_then(|p| {
            let valid = p.stability.is_finite() && p.stability > 0.0 && p.difficulty.is_finite();
            #[allow(
                clippy::cast_possible_truncation,
                reason = "the fsrs crate computes in f32; our values came from it"
            )]
            let memory = MemoryState {
                stability: p.stability as f32,
                difficulty: p.difficulty as f32,
            };
            valid.then_some(memory)
        });
        let days = match (current, prev.and_then(|p| p.last_review)) {
            (Some(_), Some(last)) => elapsed_days(last, now),
            _ => 0,
        };
        let next = self
            .fsrs
            .next_states(current, self.desired_retention, days)
            .map(|s| match rating {
                Rating::Again => s.again.memory,
                Rating::Hard => s.hard.memory,
                Rating::Good => s.good.memory,
                Rating::Easy => s.easy.memory,
            });
        match next {
            Ok(memory) => memory,
            // Only reachable with a corrupted state: start the card afresh rather than panic.
            Err(_) => initial_memory(rating),
        }
    }
}

/// Whole 24-hour days from `last` to `now`, rounded down; zero if the clock went backwards.
fn elapsed_days(last: Timestamp, now: Timestamp) -> u32 {
    let secs = now.duration_since(last).as_secs().max(0);
    u32::try_from(secs / SECONDS_PER_DAY).unwrap_or(u32::MAX)
}

/// FSRS-6 initial state for a first answer, straight from the default weights.
fn initial_memory(rating: Rating) -> MemoryState {
    let w = &DEFAULT_PARAMETERS;
    let r = f32::from(rating.number());
    MemoryState {
        stability: w[usize::from(rating.number() - 1)],
        difficulty: (w[4] - (w[5] * (r - 1.0)).exp() + 1.0).clamp(1.0, 10.0),
    }
}

fn to_millisecond(t: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(t.as_millisecond()).unwrap_or(t)
}

#[cfg(test)]
mod tests;
