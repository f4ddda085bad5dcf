//! `notes show ID`: one question with its answer and its rationale or steps.

use std::process::ExitCode;

use anyhow::bail;

use super::Context;
use crate::cli::ShowArgs;
use crate::course::question::letter;
use crate::course::{Answer, Kind};
use crate::diag::did_you_mean;
use crate::drill::render::terminal;

pub fn run(args: ShowArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let (course, _) = ctx.load_bank()?;
    let Some(q) = course.question(&args.id) else {
        let hint = did_you_mean(&args.id, course.questions.iter().map(|q| q.id.as_str()))
            .map(|m| format!(": did you mean `{m}`?"))
            .unwrap_or_else(|| " (`notes list --topic T` lists a topic's ids)".into());
        bail!("no question `{}` in this course{hint}", args.id);
    };
    let md = |t: &str| terminal(t, &course.macros, 100);
    let style = ctx.stdout_style();
    let bold = |t: &str| {
        if style.color {
            format!("\x1b[1m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    };
    let mut out = format!("{} · {} · {}\n\n{}\n", q.id, q.topic, q.kind, md(&q.prompt));
    for (i, o) in q.options.iter().enumerate() {
        out.push_str(&format!(
            "  {}) {}\n",
            letter(i),
            md(o).replace('\n', "\n     ")
        ));
    }
    if q.kind == Kind::Derivation {
        out.push_str(&format!("\n{}\n", bold("steps:")));
        for (i, s) in q.steps.iter().enumerate() {
            out.push_str(&format!(
                "{:>2}. {}\n",
                i + 1,
                md(s).replace('\n', "\n    ")
            ));
        }
    }
    let answer = match &q.answer {
        Answer::Number { .. } => {
            let tol = q.tolerance.unwrap_or(crate::drill::Tolerance::DEFAULT);
            format!("{} ({tol})", q.answer_text())
        }
        _ => md(&q.answer_text()),
    };
    out.push_str(&format!("\n{} {}\n", bold("answer:"), answer.trim()));
    if let Some(why) = &q.why {
        out.push_str(&format!("\n{}\n{}\n", bold("why:"), md(why)));
    }
    if q.kind != Kind::Derivation && !q.steps.is_empty() {
        out.push_str(&format!("\n{}\n", bold("working:")));
        for (i, s) in q.steps.iter().enumerate() {
            out.push_str(&format!("{:>2}. {}\n", i + 1, md(s)));
        }
    }
    let mut meta = Vec::new();
    if let Some(see) = &q.see {
        meta.push(format!("see {see}"));
    }
    if !q.tags.is_empty() {
        meta.push(format!("tags {}", q.tags.join(", ")));
    }
    if let Some(src) = &q.source {
        meta.push(format!("source {src}"));
    }
    meta.push(format!("{}:{}", q.file.display(), q.line));
    out.push_str(&format!("\n{}\n", meta.join(" · ")));
    super::print(&out);
    Ok(ExitCode::SUCCESS)
}
