//! The cover page of a motion (AKN `preface`): the Parliament's masthead and plenary-sitting line
//! where the source carries them, number, date, kind, request and Rule lines, title, procedure,
//! authors by political group and, for joint motions, the motions replaced.

use super::inline::Para;
use crate::diag::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A value read from the source, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was read in the source.
    pub span: Span,
}

/// What kind of document this is. Drives the AKN `statement/@name` and the cover wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "camelCase")]
pub enum DocKind {
    /// A motion for a resolution tabled by Members or a group (B-documents).
    #[default]
    MotionForResolution,
    /// A joint motion replacing several motions (RC-B documents).
    JointMotionForResolution,
    /// A resolution as adopted by the plenary (TA documents).
    TextAdopted,
}

impl DocKind {
    /// The `@name` of the AKN `statement` element.
    pub fn akn_name(self) -> &'static str {
        match self {
            DocKind::MotionForResolution => "motionForResolution",
            DocKind::JointMotionForResolution => "jointMotionForResolution",
            DocKind::TextAdopted => "resolution",
        }
    }
}

/// A calendar date read from the text (`9.2.2021`), kept as numbers and shown as ISO 8601.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Date {
    /// The year, from 1000.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, from 1.
    pub day: u8,
}

impl Date {
    /// A date, if it exists in the Gregorian calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days && year >= 1000).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2021-02-09`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Members who table a motion together on behalf of one political group (or on their own when
/// `group` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AuthorGroup {
    /// Members' names as written.
    pub members: Vec<String>,
    /// The group's short name as written in "on behalf of the S&D Group", e.g. `S&D`, `Verts/ALE`.
    pub group: Option<String>,
    /// The line naming the group, as written (`on behalf of the S&D Group`).
    pub group_line: Option<String>,
    /// Where it was read in the source.
    pub span: Span,
}

/// A motion replaced by a joint motion: `B10-0249/2025 (Verts/ALE)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ReplacedMotion {
    /// Normalised document number.
    pub number: String,
    /// The tabling group, as written in the parenthesis.
    pub group: Option<String>,
    /// Where it was read in the source.
    pub span: Span,
}

/// Everything the cover page says. Every field is optional: real covers omit most of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Cover {
    /// The institution line of the Parliament's masthead, in the motion's words (`European
    /// Parliament`, `Europäisches Parlament`), when the source prints it before the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<Located<String>>,
    /// The parliamentary term the masthead names (`2019-2024`), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Located<String>>,
    /// The plenary-sitting line under the masthead, in the motion's words (`Plenary sitting`,
    /// `Plenarsitzungsdokument`), when the source prints it before the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sitting: Option<Located<String>>,
    /// The document number, normalised (`B9-0146/2021`, `RC-B10-0249/2025`).
    pub doc_number: Option<Located<String>>,
    /// The tabling date.
    pub date: Option<Located<Date>>,
    /// A date-shaped cover item that names no day of the calendar (`31.02.2021`), as written.
    /// Its text is kept in `other`; the reader reports it, and validation does not report the
    /// date as missing as well.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid_date: Option<Located<String>>,
    /// The kind of document, from the cover or the title.
    pub kind: DocKind,
    /// The kind as written on the cover (`MOTION FOR A RESOLUTION`), if it was.
    pub kind_text: Option<Located<String>>,
    /// The Parliament's session number (`PE662.890v01-00`).
    pub pe_number: Option<Located<String>>,
    /// "with request for inclusion in the agenda for a debate on ..." line.
    pub request: Option<Para>,
    /// The whole Rule line ("pursuant to Rule 144 of the Rules of Procedure").
    pub rule_line: Option<Para>,
    /// The Rule reference inside it, as written ("Rule 144", "Rules 150(5) and 136(4)").
    pub rule: Option<Located<String>>,
    /// The title on the cover ("on the human rights situation in Kazakhstan").
    pub title: Option<Para>,
    /// The procedure reference (`2021/2544(RSP)`).
    pub procedure: Option<Located<String>>,
    /// Who tables the motion, by group.
    pub authors: Vec<AuthorGroup>,
    /// Motions this joint motion replaces.
    pub replaces: Vec<ReplacedMotion>,
    /// Cover text the reader could not place, kept in order.
    pub other: Vec<Para>,
}

impl Cover {
    /// Number of named authors across all groups.
    pub fn author_count(&self) -> usize {
        self.authors.iter().map(|g| g.members.len()).sum()
    }

    /// The political groups named, in order of first appearance, without repeats.
    pub fn groups(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for g in self.authors.iter().filter_map(|g| g.group.as_deref()) {
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }
}
