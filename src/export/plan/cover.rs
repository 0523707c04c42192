//! The cover page as every paged output shows it: its lines in the Parliament's order (the
//! masthead and the plenary-sitting line where the source printed them, number and date, kind, request and Rule lines, "replacing the following motions:" with the motions
//! it introduces, title and procedure, authors by group, then what the reader could not place
//! and the PE number), each with its role, decided once so that the PDF and the DOCX agree.

use crate::lang::Profile;
use crate::model::{Cover, Date, DocKind, Motion, Para, ReplacedMotion};
use std::borrow::Cow;

/// What a cover line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The masthead's institution line (`European Parliament`), as the source printed it.
    Masthead,
    /// The masthead's term (`2019-2024`).
    Term,
    /// The plenary-sitting line (`Plenary sitting`).
    Sitting,
    /// The document number (`RC-B9-0560/2023`).
    Number,
    /// The tabling date, as the Parliament prints it (`18.10.2023`).
    Date,
    /// The kind of document, in capitals.
    Kind,
    /// The request for a debate.
    Request,
    /// The Rule line.
    Rule,
    /// "replacing the following motions:", as written.
    ReplacingLabel,
    /// One replaced motion (`B9-0560/2023 (S&D)`).
    Replaced,
    /// The cover title.
    Title,
    /// The procedure reference in parentheses, when the title does not give it.
    Procedure,
    /// The Members of one group.
    Authors,
    /// The line naming their group.
    Group,
    /// The Parliament's session number.
    PeNumber,
    /// Cover text the reader could not place.
    Other,
}

/// The text of a cover line: a paragraph of the motion, or a line made of its values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Text<'m> {
    /// A paragraph as the motion has it, with its emphasis and calls.
    Para(&'m Para),
    /// Plain text.
    Plain(Cow<'m, str>),
}

/// One line of the cover.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line<'m> {
    /// What the line is.
    pub(crate) role: Role,
    /// What it says.
    pub(crate) text: Text<'m>,
}

impl<'m> Line<'m> {
    fn plain(role: Role, text: impl Into<Cow<'m, str>>) -> Line<'m> {
        Line {
            role,
            text: Text::Plain(text.into()),
        }
    }

    fn para(role: Role, para: &'m Para) -> Line<'m> {
        Line {
            role,
            text: Text::Para(para),
        }
    }
}

/// The cover lines of `motion`, in the order every paged output prints them; empty when the
/// motion has no cover.
pub(crate) fn lines(motion: &Motion) -> Vec<Line<'_>> {
    lines_in(&motion.cover, crate::lang::profile(&motion.lang))
}

/// The cover lines of `cover`, its kind worded by `profile` when the cover states none.
pub(crate) fn lines_in<'m>(cover: &'m Cover, profile: Option<&Profile>) -> Vec<Line<'m>> {
    if !has_cover(cover) {
        return Vec::new();
    }
    let label = replacing_label(cover, profile);
    let is_label = |p: &Para| label.is_some_and(|l| std::ptr::eq(l, p));
    // Unplaced text the source gives before the number (a masthead) stays above it.
    let first = cover.doc_number.as_ref().map(|n| n.span.start);
    let (above, below): (Vec<&Para>, Vec<&Para>) = cover
        .other
        .iter()
        .filter(|p| !is_label(p))
        .partition(|p| first.is_some_and(|f| p.span.start < f));
    // The masthead first, as on the Parliament's covers; only what the source printed.
    let masthead = [
        (Role::Masthead, &cover.institution),
        (Role::Term, &cover.term),
        (Role::Sitting, &cover.sitting),
    ];
    let mut out: Vec<Line<'m>> = (masthead.into_iter())
        .filter_map(|(role, field)| Some((role, field.as_ref()?.value.as_str())))
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(role, text)| Line::plain(role, text))
        .collect();
    out.extend(above.into_iter().map(|p| Line::para(Role::Other, p)));
    if let Some(n) = &cover.doc_number {
        out.push(Line::plain(Role::Number, n.value.as_str()));
    }
    if let Some(d) = &cover.date {
        out.push(Line::plain(Role::Date, cover_date(d.value)));
    }
    if let Some(kind) = kind(cover, profile) {
        out.push(Line::plain(Role::Kind, kind));
    }
    out.extend(cover.request.iter().map(|p| Line::para(Role::Request, p)));
    match (&cover.rule_line, &cover.rule) {
        (Some(line), _) => out.push(Line::para(Role::Rule, line)),
        (None, Some(rule)) => out.push(Line::plain(Role::Rule, rule.value.as_str())),
        (None, None) => {}
    }
    out.extend(label.map(|p| Line::para(Role::ReplacingLabel, p)));
    let replaced = cover.replaces.iter().filter(|r| !is_blank(r));
    out.extend(replaced.map(|r| Line::plain(Role::Replaced, replaced_line(r))));
    out.extend(cover.title.iter().map(|p| Line::para(Role::Title, p)));
    out.extend(procedure(cover).map(|p| Line::plain(Role::Procedure, p)));
    for group in &cover.authors {
        if !group.members.is_empty() {
            out.push(Line::plain(Role::Authors, group.members.join(", ")));
        }
        if let Some(line) = group.group_line.as_ref().or(group.group.as_ref()) {
            out.push(Line::plain(Role::Group, line.as_str()));
        }
    }
    out.extend(below.into_iter().map(|p| Line::para(Role::Other, p)));
    if let Some(pe) = &cover.pe_number {
        out.push(Line::plain(Role::PeNumber, pe.value.as_str()));
    }
    out
}

/// Whether the cover says anything, so that the motion opens with a cover page.
pub(crate) fn has_cover(c: &Cover) -> bool {
    c.institution.is_some()
        || c.term.is_some()
        || c.sitting.is_some()
        || c.doc_number.is_some()
        || c.date.is_some()
        || c.kind_text.is_some()
        || c.pe_number.is_some()
        || c.request.is_some()
        || c.rule_line.is_some()
        || c.rule.is_some()
        || c.title.is_some()
        || c.procedure.is_some()
        || !c.authors.is_empty()
        || !c.replaces.is_empty()
        || !c.other.is_empty()
}

/// A date as the Parliament prints it on covers: `9.2.2021`.
pub(crate) fn cover_date(d: Date) -> String {
    format!("{}.{}.{}", d.day, d.month, d.year)
}

/// The kind as the cover writes it, or else the profile's word for the motion's kind; nothing
/// when neither gives one.
fn kind<'m>(cover: &'m Cover, profile: Option<&Profile>) -> Option<Cow<'m, str>> {
    if let Some(k) = &cover.kind_text {
        return Some(Cow::Borrowed(k.value.as_str()));
    }
    let profile = profile?;
    let words = match cover.kind {
        DocKind::MotionForResolution => &profile.kind_motion,
        DocKind::JointMotionForResolution => &profile.kind_joint,
        DocKind::TextAdopted => &profile.kind_adopted,
    };
    words.first().map(|w| Cow::Owned(w.clone()))
}

/// The unplaced cover paragraph that introduces the replaced motions ("replacing the following
/// motions:"), by the profile's words, or any language's when the motion's has none.
fn replacing_label<'m>(cover: &'m Cover, profile: Option<&Profile>) -> Option<&'m Para> {
    let starts = |p: &Para, words: &[String]| {
        let text = p.plain_text();
        let text = text.trim_start().to_lowercase();
        words
            .iter()
            .any(|w| !w.is_empty() && text.starts_with(&w.to_lowercase()))
    };
    cover.other.iter().find(|p| match profile {
        Some(profile) => starts(p, &profile.replacing),
        None => crate::lang::profiles().any(|profile| starts(p, &profile.replacing)),
    })
}

/// A replaced motion with neither number nor group.
fn is_blank(replaced: &ReplacedMotion) -> bool {
    replaced.number.trim().is_empty() && replaced.group.iter().all(|g| g.trim().is_empty())
}

/// `B9-0560/2023 (S&D)`.
fn replaced_line(r: &ReplacedMotion) -> String {
    match &r.group {
        Some(g) => format!("{} ({g})", r.number),
        None => r.number.clone(),
    }
}

/// The procedure in parentheses, unless the cover title already gives it.
fn procedure(cover: &Cover) -> Option<String> {
    let proc = cover.procedure.as_ref()?;
    let written = cover
        .title
        .as_ref()
        .is_some_and(|t| t.plain_text().contains(&proc.value));
    (!written).then(|| format!("({})", proc.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::model::{AuthorGroup, Located};

    fn at(start: usize) -> Span {
        Span {
            start,
            ..Span::default()
        }
    }

    fn located<T>(value: T, start: usize) -> Located<T> {
        Located {
            value,
            span: at(start),
        }
    }

    /// A joint motion's cover as the reader gives it: the label among the unplaced text.
    fn joint() -> Cover {
        Cover {
            doc_number: Some(located("RC-B9-0560/2023".into(), 10)),
            kind: DocKind::JointMotionForResolution,
            rule_line: Some(Para::plain("pursuant to Rule 144", at(40))),
            replaces: ["B9-0560/2023", "B9-0561/2023"]
                .map(|n| ReplacedMotion {
                    number: n.into(),
                    group: Some("S&D".into()),
                    span: at(60),
                })
                .to_vec(),
            authors: vec![AuthorGroup {
                members: vec!["A".into(), "B".into()],
                group: Some("S&D".into()),
                group_line: Some("on behalf of the S&D Group".into()),
                span: at(80),
            }],
            other: vec![
                Para::plain("European Parliament", at(0)),
                Para::plain("replacing the following motions:", at(50)),
            ],
            title: Some(Para::plain("on peace", at(30))),
            procedure: Some(located("2023/2893(RSP)".into(), 35)),
            ..Cover::default()
        }
    }

    fn roles(lines: &[Line<'_>]) -> Vec<Role> {
        lines.iter().map(|l| l.role).collect()
    }

    #[test]
    fn joint_cover_in_the_parliaments_order() {
        let cover = joint();
        let lines = lines_in(&cover, crate::lang::profile("en"));
        use Role::*;
        assert_eq!(
            roles(&lines),
            [
                Other,
                Number,
                Kind,
                Rule,
                ReplacingLabel,
                Replaced,
                Replaced,
                Title,
                Procedure,
                Authors,
                Group
            ]
        );
        assert_eq!(
            lines[2].text,
            Text::Plain("JOINT MOTION FOR A RESOLUTION".into())
        );
        assert_eq!(lines[8].text, Text::Plain("(2023/2893(RSP))".into()));
    }

    #[test]
    fn the_kind_is_in_the_profiles_words_or_absent() {
        let cover = Cover {
            doc_number: Some(located("B9-0001/2021".into(), 0)),
            ..Cover::default()
        };
        let kind = |lang| {
            lines_in(&cover, crate::lang::profile(lang))
                .into_iter()
                .find(|l| l.role == Role::Kind)
                .map(|l| l.text)
        };
        assert_eq!(kind("el"), Some(Text::Plain("ΠΡΟΤΑΣΗ ΨΗΦΙΣΜΑΤΟΣ".into())));
        assert_eq!(kind("xx"), None);
    }

    #[test]
    fn the_masthead_comes_first_and_only_where_the_source_has_it() {
        let mut cover = joint();
        cover.other.remove(0);
        cover.institution = Some(located("European Parliament".into(), 0));
        cover.term = Some(located("2019-2024".into(), 2));
        cover.sitting = Some(located("Plenary sitting".into(), 4));
        let lines = lines_in(&cover, crate::lang::profile("en"));
        use Role::*;
        assert_eq!(roles(&lines[..5]), [Masthead, Term, Sitting, Number, Kind]);
        assert_eq!(lines[0].text, Text::Plain("European Parliament".into()));
        assert_eq!(lines[2].text, Text::Plain("Plenary sitting".into()));
        cover.institution = None;
        cover.term = None;
        let lines = lines_in(&cover, crate::lang::profile("en"));
        assert_eq!(roles(&lines[..2]), [Sitting, Number]);
        let plain = joint();
        let lines = lines_in(&plain, crate::lang::profile("en"));
        assert!(!roles(&lines)
            .iter()
            .any(|r| matches!(r, Masthead | Term | Sitting)));
    }

    #[test]
    fn no_cover_no_lines() {
        assert!(lines_in(&Cover::default(), None).is_empty());
    }
}
