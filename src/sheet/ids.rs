//! Anchors on the sheet: every id is claimed once (so ids are unique across topics), and course
//! links (`topic#anchor`, aliases included) resolve to them.

use std::collections::{HashMap, HashSet};

use super::doc::Href;

/// Every anchor on the sheet, claimed once, and the course links that lead to them.
#[derive(Debug, Default)]
pub struct Ids {
    used: HashSet<String>,
    /// Topic ids and aliases → topic id.
    names: HashMap<String, String>,
    /// Topic id → its section anchor, for topics on the sheet.
    sections: HashMap<String, String>,
    /// (topic id, heading anchor) → anchor on the sheet.
    headings: HashMap<(String, String), String>,
    /// Anchor on the sheet → the title a `see:` shows.
    titles: HashMap<String, String>,
}

impl Ids {
    /// A unique anchor close to `wanted`: ASCII letters, digits, `-`, `_`, `.` (valid as an
    /// HTML id and as a Typst label), with `-2`, `-3`, … on a clash.
    pub fn claim(&mut self, wanted: &str) -> String {
        let mut base = String::with_capacity(wanted.len());
        for c in wanted.chars() {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                base.push(c);
            } else if !base.ends_with('-') {
                // Other characters become one `-` (a run of them, one dash).
                base.push('-');
            }
        }
        let base = match base.trim_matches('-') {
            "" => "x".to_string(),
            b if b.starts_with(|c: char| c.is_ascii_digit()) => format!("n{b}"),
            b => b.to_string(),
        };
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// `name` (a topic id or alias) names the topic `id`; the first use of an alias wins.
    pub fn name(&mut self, name: &str, id: &str) {
        self.names
            .entry(name.to_string())
            .or_insert_with(|| id.to_string());
    }

    /// Claims the section anchor of a topic on the sheet.
    pub fn section(&mut self, topic: &str, title: &str) -> String {
        let anchor = self.claim(topic);
        self.sections.insert(topic.to_string(), anchor.clone());
        self.titles.insert(anchor.clone(), title.to_string());
        anchor
    }

    /// Records that `topic#anchor` leads to the sheet anchor `id` (the first heading wins).
    pub fn heading(&mut self, topic: &str, anchor: &str, id: &str, title: &str) {
        self.headings
            .entry((topic.to_string(), anchor.to_string()))
            .or_insert_with(|| id.to_string());
        self.titles
            .entry(id.to_string())
            .or_insert_with(|| title.to_string());
    }

    /// The anchor a course link `topic#anchor` leads to, when its target is on the sheet.
    pub fn course_link(&self, topic: &str, anchor: &str) -> Option<String> {
        let id = self.names.get(topic)?;
        let section = self.sections.get(id)?;
        if anchor.is_empty() {
            return Some(section.clone());
        }
        self.headings
            .get(&(id.clone(), anchor.to_string()))
            .cloned()
    }

    /// A question's `see:` (`topic#anchor` or `topic`) as a link on the sheet and its title.
    pub fn see(&self, see: &str) -> Option<(Href, String)> {
        let (topic, anchor) = see.split_once('#').unwrap_or((see, ""));
        let target = self.course_link(topic, anchor)?;
        let title = self.titles.get(&target).cloned().unwrap_or_default();
        Some((Href::Internal(target), title))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimed_anchors_are_unique_and_safe() {
        let mut ids = Ids::default();
        assert_eq!(
            ids.claim("flows--change-of-variables"),
            "flows--change-of-variables"
        );
        assert_eq!(
            ids.claim("flows--change-of-variables"),
            "flows--change-of-variables-2"
        );
        assert_eq!(ids.claim("über alles!"), "ber-alles");
        assert_eq!(ids.claim("1st"), "n1st");
        assert_eq!(ids.claim("é"), "x");
    }
}
