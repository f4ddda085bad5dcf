//! `notes list`: the topic table, one topic's questions (by id or alias), and whole questions
//! as JSON.

use serde_json::{Value, json};

use crate::support::Course;

#[test]
fn topic_table_counts_questions_by_kind() {
    let course = Course::fixture("check/clean");
    let run = course.run(&["list"]);
    run.expect_code(0);
    insta::assert_snapshot!("list_topics", run.stdout);
}

#[test]
fn one_topic_by_alias() {
    let course = Course::fixture("check/clean");
    let by_alias = course.run(&["list", "--topic", "nf"]);
    by_alias.expect_code(0);
    let by_id = course.run(&["list", "--topic", "flows"]);
    assert_eq!(by_alias.stdout, by_id.stdout);
    insta::assert_snapshot!("list_topic_flows", by_alias.stdout);
}

#[test]
fn a_topic_without_questions_says_so() {
    let course = Course::fixture("check/topic-without-questions");
    let run = course.run(&["list", "--topic", "vae"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "no questions in topic `vae`\n");
}

/// Regression: a question naming its topic by an alias was counted under no topic.
#[test]
fn questions_may_name_their_topic_by_alias() {
    let course = Course::fixture("check/clean");
    course.write(
        "questions/alias.yaml",
        "topic: nf\nquestions:\n  - id: by-alias\n    kind: true-false\n    prompt: p\n    answer: true\n    why: w\n",
    );
    course.run(&["check"]).expect_code(0);
    let v = course
        .run(&["list", "--format", "json", "--topic", "flows"])
        .json();
    let q = v["questions"]
        .as_array()
        .and_then(|qs| qs.iter().find(|q| q["id"] == "by-alias"))
        .unwrap_or_else(|| panic!("by-alias is listed under flows: {v}"));
    assert_eq!(q["topic"], "flows");
    assert_eq!(v["topics"][0]["questions"], 6);
}

fn question<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["questions"]
        .as_array()
        .and_then(|qs| qs.iter().find(|q| q["id"] == id))
        .unwrap_or_else(|| panic!("no question {id} in {v}"))
}

#[test]
fn json_carries_whole_questions() {
    let course = Course::fixture("check/clean");
    let run = course.run(&["list", "--format", "json"]);
    run.expect_code(0);
    let v = run.json();
    let fields = [
        "answer",
        "file",
        "id",
        "kind",
        "line",
        "options",
        "prompt",
        "see",
        "source",
        "steps",
        "tags",
        "tolerance",
        "topic",
        "why",
    ];
    for q in v["questions"].as_array().expect("questions") {
        let mut keys: Vec<&str> = q
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, fields, "{q}");
    }
    assert_eq!(v["questions"].as_array().map(Vec::len), Some(7));

    assert_eq!(
        *question(&v, "flows-rotation-invariance"),
        json!({
            "id": "flows-rotation-invariance",
            "topic": "flows",
            "kind": "true-false",
            "prompt": "Let $R$ be a rotation. Then $g(z) = f(Rz)$ achieves the same likelihood as $f$.\n",
            "answer": true,
            "why": "$|\\det R| = 1$, so the change of variables adds nothing.\n",
            "steps": [],
            "options": [],
            "tolerance": null,
            "tags": ["change-of-variables"],
            "see": "flows#rotations",
            "source": "CS236 midterm 2023",
            "file": "questions/flows.yaml",
            "line": 3,
        })
    );
    let d = question(&v, "flows-log-det");
    assert_eq!(d["kind"], "derivation");
    assert_eq!(
        d["answer"],
        "$\\log p_Z(f^{-1}(x)) + \\log |\\det J_{f^{-1}}(x)|$"
    );
    assert_eq!(
        d["steps"],
        json!(["Write $p_X(x)\\,dx = p_Z(z)\\,dz$.", "Take logs."])
    );
    assert_eq!(d["see"], "nf#change-of-variables");

    let n = question(&v, "flows-numeric-fraction");
    assert_eq!(n["answer"], 0.04);
    assert_eq!(n["tolerance"], "0.5%");
    let n = question(&v, "flows-numeric-sci");
    assert_eq!(n["answer"], -4930.0);
    assert_eq!(n["tolerance"], 0.001);

    let c = question(&v, "vae-elbo-choice");
    assert_eq!(c["answer"], "b");
    assert_eq!(c["options"].as_array().map(Vec::len), Some(3));
    assert_eq!(question(&v, "vae-several")["answer"], json!(["a", "b"]));

    let inline = question(&v, "flows-inline-jacobian");
    assert_eq!(inline["file"], "notes/flows.md");
    assert_eq!(inline["line"], 26);
    assert_eq!(inline["topic"], "flows");
}

#[test]
fn json_topics_with_counts() {
    let course = Course::fixture("check/clean");
    let v = course.run(&["list", "--format", "json"]).json();
    assert_eq!(
        v["topics"],
        json!([
            {"id": "flows", "title": "Normalising flows", "order": 1, "aliases": ["nf", "flow"],
             "questions": 5,
             "by_kind": {"true-false": 2, "derivation": 1, "numeric": 2, "choice": 0}},
            {"id": "vae", "title": "Variational autoencoders", "order": 2, "aliases": [],
             "questions": 2,
             "by_kind": {"true-false": 0, "derivation": 0, "numeric": 0, "choice": 2}},
        ])
    );
    let one = course
        .run(&["list", "--format", "json", "--topic", "vae"])
        .json();
    assert_eq!(one["topics"].as_array().map(Vec::len), Some(1));
    let ids: Vec<&str> = one["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["id"].as_str())
        .collect();
    assert_eq!(ids, ["vae-elbo-choice", "vae-several"]);
}

#[test]
fn questions_with_errors_are_left_out_and_said_so() {
    let course = Course::fixture("check/missing-answer-absent");
    let run = course.run(&["list", "--format", "json"]);
    run.expect_code(0);
    assert_eq!(run.json()["questions"], json!([]));
    assert!(
        run.stderr.contains("the course has 2 error(s)"),
        "{}",
        run.stderr
    );
}
