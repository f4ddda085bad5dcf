//! The HTML sheet: one self-contained XHTML page rendered with tera 2 from the templates
//! `sheet.html`, `sheet.css` and `question.html`. The page carries its CSS, the math font as a
//! `data:` URI, its images as `data:` URIs, MathML from the math module and no script: it
//! works offline and prints on its own.
//!
//! Rust turns the document tree into HTML fragments (notes, prompts, answers); the templates
//! arrange them. Template errors come back located in the template file.

mod breaks;
mod write;

use std::path::PathBuf;

use serde::Serialize;

use super::doc::{Block, Href};
use super::model::{AnswerView, Problem, QuestionView, Sheet};
use super::templates::Templates;
use super::weak::Weak;
use crate::course::question::letter;
use crate::math::Macros;
use write::Writer;
pub use write::{attr, text_escape};

/// A rendered page and the formulas it had to show as TeX.
pub struct Rendered {
    pub html: String,
    pub problems: Vec<Problem>,
}

/// A template that would not compile or render, located in the template's file.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateError {
    /// `templates/NAME` for a course's template, `<built-in>/NAME` otherwise.
    pub file: PathBuf,
    /// 1-based; 0 when tera gives no place.
    pub line: usize,
    pub column: usize,
    /// Width of the span on its line, in characters.
    pub len: usize,
    pub message: String,
}

/// Renders the sheet as a page. `generator` names the program in a `<meta>` tag.
pub fn render(
    sheet: &Sheet,
    macros: &Macros,
    templates: &Templates,
    generator: &str,
) -> Result<Rendered, TemplateError> {
    let mut tera = tera::Tera::new();
    let names = ["sheet.css", "question.html", "sheet.html"];
    // One at a time, so that an error names the template it is in.
    for name in names {
        tera.add_raw_template(name, templates.text(name))
            .map_err(|e| template_error(&e, templates, name))?;
    }
    let mut w = Writer::new(macros, &sheet.images);
    let page = page(sheet, &mut w, generator);
    let context = tera::Context::from_serialize(&page).map_err(|e| TemplateError {
        file: PathBuf::from("<built-in>/context"),
        line: 0,
        column: 0,
        len: 1,
        message: e.to_string(),
    })?;
    let html = tera
        .render("sheet.html", &context)
        .map_err(|e| template_error(&e, templates, "sheet.html"))?;
    Ok(Rendered {
        html,
        problems: w.problems,
    })
}

fn template_error(e: &tera::Error, templates: &Templates, fallback: &str) -> TemplateError {
    let file_of = |name: &str| {
        templates
            .get(name)
            .or_else(|| templates.get(fallback))
            .map(|t| t.display_path())
            .unwrap_or_else(|| PathBuf::from(name))
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let len = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col).max(1)
            } else {
                1
            };
            TemplateError {
                file: file_of(r.filename()),
                line: span.start_line,
                column: span.start_col + 1,
                len,
                message: r.message().to_string(),
            }
        }
        _ => TemplateError {
            file: file_of(fallback),
            line: 0,
            column: 0,
            len: 1,
            message: e.to_string(),
        },
    }
}

#[derive(Serialize)]
struct Page {
    title: String,
    subtitle: Option<String>,
    date: String,
    date_iso: String,
    generator: String,
    paper: String,
    /// The CSS `@page` size, e.g. `A4 landscape`.
    page_size: String,
    columns: u8,
    landscape: bool,
    answers_inline: bool,
    question_count: usize,
    /// The math module's stylesheet with the math font inlined.
    math_css: String,
    weak: Option<WeakCtx>,
    topics: Vec<TopicCtx>,
}

#[derive(Serialize)]
struct TopicCtx {
    id: String,
    title: String,
    anchor: String,
    notes: String,
    footnotes: String,
    questions: Vec<QuestionCtx>,
}

#[derive(Serialize)]
struct QuestionCtx {
    id: String,
    number: usize,
    anchor: String,
    kind: &'static str,
    prompt: String,
    options: Vec<OptionCtx>,
    answer: String,
    why: String,
    steps: Vec<String>,
    see: Option<SeeCtx>,
    source: Option<String>,
}

#[derive(Serialize)]
struct OptionCtx {
    letter: String,
    html: String,
    correct: bool,
}

#[derive(Serialize)]
struct SeeCtx {
    href: String,
    title: String,
}

#[derive(Serialize)]
struct WeakCtx {
    chart: String,
    questions: Vec<WeakQuestionCtx>,
}

#[derive(Serialize)]
struct WeakQuestionCtx {
    topic: String,
    recall: u32,
    lapses: u32,
    question: QuestionCtx,
}

fn page<'a>(sheet: &'a Sheet, w: &mut Writer<'a>, generator: &str) -> Page {
    let mut topics = Vec::new();
    let mut by_number = std::collections::HashMap::new();
    for t in &sheet.topics {
        w.set_footnotes(&t.footnotes);
        let mut notes = String::new();
        for part in &t.notes {
            w.blocks(&mut notes, &part.blocks);
        }
        let questions: Vec<QuestionCtx> = t.questions.iter().map(|q| question(q, w)).collect();
        let footnotes = w.footnotes(&t.footnotes);
        for q in &t.questions {
            by_number.insert(q.number, q);
        }
        topics.push(TopicCtx {
            id: t.id.clone(),
            title: t.title.clone(),
            anchor: t.anchor.clone(),
            notes,
            footnotes,
            questions,
        });
    }
    let weak = sheet.weak.as_ref().map(|weak| weak_ctx(sheet, weak, w));
    Page {
        title: sheet.title.clone(),
        subtitle: sheet.subtitle.clone(),
        date: sheet.date.strftime("%-d %B %Y").to_string(),
        date_iso: sheet.date.to_string(),
        generator: generator.to_string(),
        paper: sheet.paper.clone(),
        page_size: format!(
            "{} {}",
            css_paper(&sheet.paper),
            if sheet.landscape {
                "landscape"
            } else {
                "portrait"
            }
        ),
        columns: sheet.columns,
        landscape: sheet.landscape,
        answers_inline: sheet.answers_inline,
        question_count: sheet.question_count(),
        math_css: math_css(crate::math::STYLESHEET, crate::math::math_font()),
        weak,
        topics,
    }
}

fn css_paper(paper: &str) -> &'static str {
    match paper {
        "a3" => "A3",
        "letter" => "letter",
        "legal" => "legal",
        _ => "A4",
    }
}

fn question(q: &QuestionView, w: &mut Writer<'_>) -> QuestionCtx {
    let correct: &[usize] = match &q.answer {
        AnswerView::Choice(ix) => ix,
        _ => &[],
    };
    QuestionCtx {
        id: q.id.clone(),
        number: q.number,
        anchor: q.anchor.clone(),
        kind: q.kind.name(),
        prompt: w.blocks_to_string(&q.prompt),
        options: q
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| OptionCtx {
                letter: letter(i),
                html: w.compact(o),
                correct: correct.contains(&i),
            })
            .collect(),
        answer: answer_html(q, w),
        why: w.blocks_to_string(&q.why),
        steps: q.steps.iter().map(|s| w.compact(s)).collect(),
        see: q.see.as_ref().and_then(|(href, title)| match href {
            Href::Internal(id) => Some(SeeCtx {
                href: format!("#{id}"),
                title: title.clone(),
            }),
            _ => None,
        }),
        source: q.source.clone(),
    }
}

/// The answer as a short fragment: `True`, `-4.93e3`, `(b)`, or a derivation's result.
fn answer_html(q: &QuestionView, w: &mut Writer<'_>) -> String {
    match &q.answer {
        AnswerView::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        AnswerView::Number(n) => format!("<span class=\"number\">{}</span>", text_escape(n)),
        AnswerView::Choice(ix) => ix
            .iter()
            .map(|i| format!("({})", letter(*i)))
            .collect::<Vec<_>>()
            .join(", "),
        AnswerView::Text(blocks) => w.compact(blocks),
    }
}

fn weak_ctx<'a>(sheet: &'a Sheet, weak: &Weak, w: &mut Writer<'a>) -> WeakCtx {
    let questions = weak
        .questions
        .iter()
        .filter_map(|wq| {
            let t = sheet.topics.get(wq.topic)?;
            let q = t.questions.get(wq.question)?;
            w.set_footnotes(&t.footnotes);
            Some(WeakQuestionCtx {
                topic: t.title.clone(),
                recall: percent(wq.recall),
                lapses: wq.lapses,
                question: question(q, w),
            })
        })
        .collect();
    WeakCtx {
        chart: chart(sheet, weak),
        questions,
    }
}

fn percent(x: f64) -> u32 {
    // Clamped to 0..=100 first, so the cast cannot truncate.
    (x.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// Mastery per topic as a horizontal bar chart: an inline SVG that takes its colours from the
/// page (`currentColor`), so it follows the light and dark themes.
fn chart(sheet: &Sheet, weak: &Weak) -> String {
    const ROW: f64 = 13.0;
    const BAR: f64 = 150.0;
    // Room for the longest title at 8px (about 4.6 units a character), within reason.
    let longest = weak
        .mastery
        .iter()
        .filter_map(|m| sheet.topics.get(m.topic))
        .map(|t| t.title.chars().count())
        .max()
        .unwrap_or(0);
    let label = (longest as f64 * 4.6 + 8.0).clamp(40.0, 220.0).round();
    let height = ROW * weak.mastery.len() as f64 + 4.0;
    let width = label + BAR + 34.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mastery\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Recall per topic\">\n"
    );
    for (i, m) in weak.mastery.iter().enumerate() {
        let Some(t) = sheet.topics.get(m.topic) else {
            continue;
        };
        let y = 2.0 + ROW * i as f64;
        let filled = (BAR * m.recall.clamp(0.0, 1.0) * 10.0).round() / 10.0;
        svg.push_str(&format!(
            "<a href=\"#{anchor}\"><text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{title}</text></a>\
             <rect class=\"track\" x=\"{label}\" y=\"{by}\" width=\"{BAR}\" height=\"8\"/>\
             <rect class=\"bar\" x=\"{label}\" y=\"{by}\" width=\"{filled}\" height=\"8\"/>\
             <text x=\"{px}\" y=\"{ty}\">{pct}%</text>\n",
            anchor = attr(&t.anchor),
            lx = label - 4.0,
            ty = y + 8.0,
            by = y + 1.0,
            title = text_escape(&t.title),
            px = label + BAR + 4.0,
            pct = percent(m.recall),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The math stylesheet with its font as a `data:` URI, so the page needs no file beside it.
/// The stylesheet's own `url(...)` to a font file is replaced; without one, an `@font-face`
/// for Latin Modern Math is added.
pub fn math_css(stylesheet: &str, font: &[u8]) -> String {
    let mime = if font.starts_with(b"wOF2") {
        "font/woff2"
    } else if font.starts_with(b"wOFF") {
        "font/woff"
    } else {
        "font/otf"
    };
    let format = match mime {
        "font/woff2" => "woff2",
        "font/woff" => "woff",
        _ => "opentype",
    };
    let data = format!("url(data:{mime};base64,{})", super::images::base64(font));
    let mut out = String::with_capacity(stylesheet.len() + data.len());
    let mut rest = stylesheet;
    let mut replaced = false;
    while let Some(i) = rest.find("url(") {
        let Some(len) = rest[i..].find(')') else {
            break;
        };
        let target = rest[i + 4..i + len].trim_matches(['\'', '"', ' ']);
        out.push_str(&rest[..i]);
        if !target.starts_with("data:")
            && [".woff2", ".woff", ".otf", ".ttf"]
                .iter()
                .any(|e| target.ends_with(e))
        {
            out.push_str(&data);
            replaced = true;
        } else {
            out.push_str(&rest[i..=i + len]);
        }
        rest = &rest[i + len + 1..];
    }
    out.push_str(rest);
    if !replaced && !font.is_empty() {
        out.push_str(&format!(
            "\n@font-face {{ font-family: Latin Modern Math; src: {data} format('{format}'); }}\n"
        ));
    }
    out
}

/// Blocks to an HTML fragment, for tests and callers that need one piece.
pub fn fragment(blocks: &[Block], macros: &Macros) -> String {
    Writer::new(macros, &[]).blocks_to_string(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn math_css_inlines_the_font_file() {
        let css = "@font-face { src: local('X'), url('latinmodern-math.woff2') format('woff2'); }\nm|math { background: url(data:image/png;base64,AA==); }";
        let out = math_css(css, b"wOF2abc");
        assert!(
            out.contains("url(data:font/woff2;base64,d09GMmFiYw==) format('woff2')"),
            "{out}"
        );
        assert!(out.contains("url(data:image/png;base64,AA==)"), "{out}");
        assert!(!out.contains("latinmodern-math.woff2"), "{out}");
    }

    #[test]
    fn math_css_adds_a_font_face_when_the_stylesheet_has_none() {
        let out = math_css("math { color: red }", b"OTTO....");
        assert!(out.contains(
            "@font-face { font-family: Latin Modern Math; src: url(data:font/otf;base64,"
        ));
    }
}
