//! The metadata references (`meta/references`): who and what the text points to with
//! `refersTo="#…"` — the Parliament, the political groups, the Members, the Rule, the procedure —
//! and the identifiers they get.

use crate::model::Motion;
use crate::vocab::eid::{slug, RefIds};

/// The work as tabled (`original`).
pub const ORIGINAL: &str = "original";
/// The European Parliament.
pub const EP: &str = "ep";
/// This program, the source of the metadata.
pub const CONVERTER: &str = "converter";
/// The role of the authors.
pub const AUTHOR: &str = "author";
/// The role of the converter.
pub const EDITOR: &str = "editor";
/// The tabling event.
pub const TABLING: &str = "tabling";
/// The procedure the motion belongs to.
pub const PROCEDURE: &str = "procedure";

/// A person or organisation named in the text and the identifier it gets.
#[derive(Debug, Clone)]
pub struct Named<'a> {
    /// The name shown (`showAs`).
    pub name: &'a str,
    /// The reference's identifier (`eId`), unique in the document.
    pub id: String,
}

/// Every reference of one motion, with identifiers unique among themselves and free of `_`, so
/// they never meet a content eId.
#[derive(Debug, Default)]
pub struct Refs<'a> {
    /// Political groups, in order of first appearance among the authors, then among the replaced
    /// motions.
    pub groups: Vec<Named<'a>>,
    /// Members, in order of appearance, each name once.
    pub persons: Vec<Named<'a>>,
    /// The Rule (`TLCConcept`), when the cover names one.
    pub rule: Option<String>,
}

impl<'a> Refs<'a> {
    /// Assigns the identifiers: the fixed ones first, then groups, the Rule and Members.
    pub fn of(motion: &'a Motion) -> Refs<'a> {
        let mut ids = RefIds::default();
        for fixed in [ORIGINAL, EP, CONVERTER, AUTHOR, EDITOR, TABLING, PROCEDURE] {
            ids.claim(fixed, fixed);
        }
        let cover = &motion.cover;
        let mut refs = Refs::default();
        let group_names = cover
            .authors
            .iter()
            .filter_map(|a| a.group.as_deref())
            .chain(cover.replaces.iter().filter_map(|r| r.group.as_deref()));
        for name in group_names {
            if !name.trim().is_empty() && refs.group(name).is_none() {
                let id = ids.claim(&slug(name, None), "group");
                refs.groups.push(Named { name, id });
            }
        }
        refs.rule = cover
            .rule
            .as_ref()
            .filter(|r| !r.value.trim().is_empty())
            .map(|r| ids.claim(&slug(&r.value, None), "rule"));
        for name in cover.authors.iter().flat_map(|a| &a.members) {
            if !name.trim().is_empty() && refs.person(name).is_none() {
                let id = ids.claim(&slug(name, Some('.')), "person");
                refs.persons.push(Named { name, id });
            }
        }
        refs
    }

    /// The identifier of a political group.
    pub fn group(&self, name: &str) -> Option<&str> {
        find(&self.groups, name)
    }

    /// The identifier of a Member.
    pub fn person(&self, name: &str) -> Option<&str> {
        find(&self.persons, name)
    }
}

fn find<'s>(list: &'s [Named<'_>], name: &str) -> Option<&'s str> {
    list.iter().find(|n| n.name == name).map(|n| n.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuthorGroup, ReplacedMotion};

    fn group(name: Option<&str>, members: &[&str]) -> AuthorGroup {
        AuthorGroup {
            members: members.iter().map(|m| m.to_string()).collect(),
            group: name.map(Into::into),
            group_line: None,
            span: Default::default(),
        }
    }

    #[test]
    fn identifiers_are_unique_and_readable() {
        let mut motion = Motion::default();
        motion.cover.authors = vec![
            group(Some("S&D"), &["Kati Piri", "Ep", "Kati Piri"]),
            group(Some("Verts/ALE"), &["Kati-Piri"]),
            group(Some("EP"), &[]),
            group(Some("&"), &[]),
            group(None, &["", "Author"]),
        ];
        motion.cover.replaces = vec![ReplacedMotion {
            number: "B9-1/2021".into(),
            group: Some("ECR".into()),
            span: Default::default(),
        }];
        let refs = Refs::of(&motion);
        let groups: Vec<&str> = refs.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(groups, ["sd", "vertsale", "ep-2", "group", "ecr"]);
        let persons: Vec<&str> = refs.persons.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(persons, ["kati.piri", "ep-3", "kati.piri-2", "author-2"]);
        assert_eq!(refs.person("Kati Piri"), Some("kati.piri"));
        assert_eq!(refs.group("ECR"), Some("ecr"));
        assert!(refs.rule.is_none());
    }
}
