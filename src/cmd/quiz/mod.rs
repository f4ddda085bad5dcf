//! `notes quiz`: the drill. Due questions first, then new ones; every answer is committed to
//! the progress database before the next prompt, so quitting, Ctrl-C, Ctrl-D or a crash lose
//! nothing that was acknowledged. `--exam N` draws a timed mock exam without feedback.

mod ask;
mod input;

use std::collections::{HashMap, VecDeque};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, bail};
use jiff::Timestamp;

use self::ask::{Asker, Key2, Reply, Term};
use self::input::Input;
use super::{Context, clock, open_store, scheduler_for, when};
use crate::cli::QuizArgs;
use crate::course::{Course, Question};
use crate::drill::queue::{self, Plan};
use crate::drill::scheduler::{CardState, Rating, Scheduler};
use crate::store::{Mode, NewReview, Store};

pub fn run(args: QuizArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let (course, diags) = ctx.load_bank()?;
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "note: the course has {errors} error(s); questions with errors are left out (run `notes check`)"
        );
    }
    let topics = course
        .resolve_topics(&args.topic)
        .map_err(anyhow::Error::msg)?;
    let questions = select(&course, &topics, &args)?;
    let sched = scheduler_for(&course, args.retention)?;
    let mut store = open_store(ctx, &course, args.db.as_deref())?;
    let now = clock()?;
    let cards = store.cards().context("cannot read the progress database")?;
    let term = Term {
        style: ctx.stdout_style(),
        width: 100,
    };
    let seed = args
        .seed
        .unwrap_or_else(|| now.as_millisecond().unsigned_abs());
    let scope = if topics.is_empty() {
        "all topics".to_string()
    } else {
        topics.join(", ")
    };

    let (ids, mode) = if let Some(n) = args.exam {
        (queue::draw_exam(&questions, n, seed), Mode::Exam)
    } else {
        let plan = Plan {
            limit: args.limit,
            new_per_day: args.new,
            new_today: new_today(&store, &cards, now)?,
            cram: args.cram,
            seed,
        };
        let mode = if args.cram { Mode::Cram } else { Mode::Drill };
        (queue::build_queue(&questions, &cards, now, &plan), mode)
    };
    if ids.is_empty() {
        let msg = match queue::next_due(&questions, &cards) {
            _ if questions.is_empty() => format!("No questions in {scope}."),
            Some(t) => format!("Nothing due in {scope}. Next review {}.", when(t, now)),
            None => format!(
                "Nothing due in {scope}, and no new questions left for today (--new raises the daily limit)."
            ),
        };
        term.say(&msg);
        return Ok(ExitCode::SUCCESS);
    }

    let due = ids.iter().filter(|id| cards.contains_key(*id)).count();
    let head = match mode {
        Mode::Exam => format!(
            "Exam: {} questions from {scope}{}. No feedback until the end.",
            ids.len(),
            args.time
                .map(|d| format!(", {} minutes", d.as_secs().div_ceil(60)))
                .unwrap_or_default()
        ),
        Mode::Cram => format!(
            "Cram: {} questions from {scope} (the schedule is not changed).",
            ids.len()
        ),
        Mode::Drill => format!(
            "{}: {} questions from {scope} ({due} due, {} new).",
            course.title(),
            ids.len(),
            ids.len() - due
        ),
    };
    term.say(&head);
    term.say(
        &term.dim("? for help · s skip · u undo · q quit (progress is saved after every answer)\n"),
    );

    let mut session = Session {
        course: &course,
        store: &mut store,
        sched: &sched,
        cards,
        mode,
        results: Vec::new(),
        started: Instant::now(),
    };
    let mut input = Input::stdin();
    let deadline = args.time.map(|d| Instant::now() + d);
    let mut asker = Asker {
        term: &term,
        input: &mut input,
        macros: &course.macros,
        exam: mode == Mode::Exam,
        deadline,
    };
    let total = ids.len();
    let mut queue: VecDeque<String> = ids.into();
    let mut asked: usize = 0;
    let mut retries: HashMap<String, u8> = HashMap::new();
    let mut timed_out = false;
    while let Some(id) = queue.pop_front() {
        let Some(q) = course.question(&id) else {
            continue;
        };
        asked += 1;
        let of = asked + queue.len();
        let header = format!("── {asked}/{of} · {} · {} · {} ──", q.topic, q.kind, q.id);
        let shown = Instant::now();
        match asker.ask(q, &header) {
            Reply::Answered {
                given,
                correct,
                rating,
                after,
            } => {
                let now = clock()?;
                let ms = u64::try_from(shown.elapsed().as_millis()).unwrap_or(u64::MAX);
                let mut state = session.record(q, &given, correct, rating, now, ms)?;
                // Committed: only now is the answer acknowledged.
                term.say(&format!("{after}\n"));
                if mode == Mode::Drill && correct == Some(true) {
                    match asker.override_rating() {
                        Some(Key2::Rate(r)) => {
                            session.undo_last()?;
                            state = session.record(q, &given, correct, r, now, ms)?;
                        }
                        Some(Key2::Undo) => {
                            undo(&mut session, &term, &mut queue, Some(&id))?;
                            asked -= 1;
                            continue;
                        }
                        Some(Key2::Quit) => {
                            report_next(&term, mode, state.as_ref(), now);
                            break;
                        }
                        None => {}
                    }
                }
                report_next(&term, mode, state.as_ref(), now);
                // An Again comes back at the end of this session (at most twice more).
                if rating == Rating::Again && mode != Mode::Exam {
                    let n = retries.entry(id.clone()).or_insert(0);
                    if *n < 2 {
                        *n += 1;
                        queue.push_back(id.clone());
                    }
                }
                term.say("");
            }
            Reply::Skip => {
                term.say(&term.dim("skipped\n"));
            }
            Reply::Undo => {
                asked -= 1;
                queue.push_front(id.clone());
                if undo(&mut session, &term, &mut queue, None)? {
                    asked = asked.saturating_sub(1);
                }
            }
            Reply::Quit => break,
            Reply::Timeout => {
                timed_out = true;
                term.say(&term.bad("Time is up."));
                break;
            }
        }
    }
    let unanswered = if mode == Mode::Exam {
        total.saturating_sub(session.results.len())
    } else {
        0
    };
    let summary = summary::render(&session, &term, clock()?, unanswered, timed_out);
    term.say(&summary);
    Ok(ExitCode::SUCCESS)
}

mod summary;

/// The bank narrowed by `--kind` and `--tag`.
fn select<'a>(
    course: &'a Course,
    topics: &'a [String],
    args: &QuizArgs,
) -> anyhow::Result<Vec<&'a Question>> {
    if let Some(tag) = &args.tag
        && !course.questions.iter().any(|q| q.tags.contains(tag))
    {
        bail!("no question has the tag `{tag}`");
    }
    Ok(course
        .questions_in(topics)
        .filter(|q| args.kind.is_empty() || args.kind.iter().any(|k| k.as_kind() == q.kind))
        .filter(|q| args.tag.as_ref().is_none_or(|t| q.tags.contains(t)))
        .collect())
}

/// How many questions were seen for the first time today (UTC day of `now`): those whose every
/// counted review falls today.
fn new_today(
    store: &Store,
    cards: &HashMap<String, CardState>,
    now: Timestamp,
) -> anyhow::Result<usize> {
    let day_start = now
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .start_of_day()
        .map(|z| z.timestamp())
        .unwrap_or(now);
    let mut today: HashMap<String, u32> = HashMap::new();
    for r in store.reviews(Some(day_start))? {
        if r.mode != Mode::Cram {
            *today.entry(r.question_id).or_default() += 1;
        }
    }
    Ok(today
        .iter()
        .filter(|(id, n)| cards.get(*id).is_some_and(|c| c.reps <= **n))
        .count())
}

/// One answered question of this session, for undo and the summary.
pub struct Answered {
    pub question_id: String,
    pub topic: String,
    pub review_id: i64,
    pub rating: Rating,
    pub correct: Option<bool>,
    pub given: String,
}

pub struct Session<'a> {
    pub course: &'a Course,
    store: &'a mut Store,
    sched: &'a Scheduler,
    pub cards: HashMap<String, CardState>,
    pub mode: Mode,
    pub results: Vec<Answered>,
    pub started: Instant,
}

impl Session<'_> {
    /// Schedules and commits one answer; returns the card's new state (none in cram mode).
    fn record(
        &mut self,
        q: &Question,
        given: &str,
        correct: Option<bool>,
        rating: Rating,
        now: Timestamp,
        duration_ms: u64,
    ) -> anyhow::Result<Option<CardState>> {
        let state = (self.mode != Mode::Cram)
            .then(|| self.sched.review(self.cards.get(&q.id), rating, now));
        let review = NewReview {
            question_id: q.id.clone(),
            reviewed_at: now,
            rating,
            answer: Some(given.to_string()),
            correct,
            duration_ms,
            mode: self.mode,
        };
        let review_id = self
            .store
            .record(&review, state.as_ref())
            .context("cannot save the answer")?;
        if let Some(s) = &state {
            self.cards.insert(q.id.clone(), s.clone());
        }
        self.results.push(Answered {
            question_id: q.id.clone(),
            topic: q.topic.clone(),
            review_id,
            rating,
            correct,
            given: given.to_string(),
        });
        Ok(state)
    }

    /// Removes the last answer of this session from the log and restores its card.
    fn undo_last(&mut self) -> anyhow::Result<Option<Answered>> {
        let Some(last) = self.results.pop() else {
            return Ok(None);
        };
        self.store
            .undo(last.review_id, self.sched)
            .context("cannot undo the last answer")?;
        match self.store.card(&last.question_id)? {
            Some(c) => self.cards.insert(last.question_id.clone(), c),
            None => self.cards.remove(&last.question_id),
        };
        Ok(Some(last))
    }
}

/// Undoes the last answer and queues its question again. Returns whether anything was undone.
fn undo(
    session: &mut Session,
    term: &Term,
    queue: &mut VecDeque<String>,
    current: Option<&String>,
) -> anyhow::Result<bool> {
    match session.undo_last()? {
        Some(last) => {
            if current != Some(&last.question_id) {
                // The current question goes back too, right after the undone one.
                if let Some(c) = current {
                    queue.push_front(c.clone());
                }
            }
            queue.push_front(last.question_id.clone());
            term.say(&term.dim(&format!(
                "undone: your answer to {} — asking it again\n",
                last.question_id
            )));
            Ok(true)
        }
        None => {
            if let Some(c) = current {
                queue.push_front(c.clone());
            }
            term.say(&term.dim("nothing to undo in this session\n"));
            Ok(false)
        }
    }
}

fn report_next(term: &Term, mode: Mode, state: Option<&CardState>, now: Timestamp) {
    if mode == Mode::Exam {
        return;
    }
    match state {
        Some(s) => term.say(&term.dim(&format!("back {}", when(s.due, now)))),
        None => term.say(&term.dim("cram: the schedule is unchanged")),
    }
}
