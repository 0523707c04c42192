//! Filling the cover's fields: number, procedure, title, authors; and the shapes of cover
//! wording (kind, group line, names) the reader and the joiner both ask about.

use super::super::inline;
use crate::diag::codes;
use crate::diag::{Collector, Diagnostic, Span};
use crate::lang::Profile;
use crate::model::{AuthorGroup, Cover, DocKind, Located, Para};
use crate::vocab::patterns;

pub fn para(text: &str, span: Span) -> Para {
    Para {
        inlines: inline::parse(text, &[]),
        span,
    }
}

/// Appends a wrapped line to a cover paragraph, with a line break where the source forced one.
pub fn append(para: &mut Para, t: &str, span: Span, hard_break: bool) {
    if hard_break {
        para.inlines.push(crate::model::Inline::LineBreak);
    } else {
        para.inlines.push(crate::model::Inline::text(" "));
    }
    para.inlines.extend(inline::parse(t, &[]));
    merge_runs(&mut para.inlines);
    para.span = para.span.to(span);
}

/// Merges neighbouring text runs of the same style.
fn merge_runs(inlines: &mut Vec<crate::model::Inline>) {
    use crate::model::Inline;
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines.drain(..) {
        match (out.last_mut(), i) {
            (
                Some(Inline::Text { text, bold, italic }),
                Inline::Text {
                    text: t,
                    bold: b,
                    italic: it,
                },
            ) if *bold == b && *italic == it => text.push_str(&t),
            (_, i) => out.push(i),
        }
    }
    *inlines = out;
}

pub fn set_number(cover: &mut Cover, number: String, span: Span, diags: &mut Collector) {
    match &cover.doc_number {
        None => {
            if number.starts_with("RC-") {
                cover.kind = DocKind::JointMotionForResolution;
            }
            cover.doc_number = Some(Located { value: number, span });
        }
        Some(existing) if existing.value == number => {}
        Some(existing) => diags.push(
            Diagnostic::new(&codes::UNRECOGNISED_TEXT, Some(span), format!("a second document number {number} differs from {}", existing.value))
                .hint("a motion has one document number; check that two documents were not pasted together"),
        ),
    }
}

pub fn set_procedure(cover: &mut Cover, text: &str, span: Span) {
    if cover.procedure.is_none() {
        if let Some((s, e)) = patterns::find_procedure(text) {
            cover.procedure = Some(Located {
                value: text[s..e].to_string(),
                span,
            });
        }
    }
}

pub fn set_title(cover: &mut Cover, t: &str, span: Span, diags: &mut Collector) {
    // "on the human rights situation in Kazakhstan (2021/2544(RSP))" on one line.
    let mut title = t;
    if let Some((s, e)) = patterns::find_procedure(t) {
        if t[..s].trim_end().ends_with('(') && t[e..].trim() == ")" {
            set_procedure(cover, &t[s..e], span);
            title = t[..s].trim_end().trim_end_matches('(').trim_end();
        }
    } else {
        check_procedure_like(t, span, diags);
    }
    cover.title = Some(para(title, span));
}

/// A reference shaped like a procedure but not `yyyy/nnnn(TYPE)` (`21/2544(RSP)`) is not taken
/// as the procedure: it stays in the text, and is reported.
pub fn check_procedure_like(t: &str, span: Span, diags: &mut Collector) {
    if let Some((s, e)) = patterns::find_procedure_like(t) {
        diags.push(
            Diagnostic::new(
                &codes::PROCEDURE_MALFORMED,
                Some(span),
                format!("`{}` looks like a procedure reference but is not one; kept as text", &t[s..e]),
            )
            .hint("procedure references look like 2021/2544(RSP): a four-digit year, a number, the type"),
        );
    }
}

/// Names in square brackets (`[Mara Bizzotto]`) without their brackets.
pub fn unbracket(t: &str) -> std::borrow::Cow<'_, str> {
    if t.contains(['[', ']']) {
        t.chars()
            .filter(|c| !matches!(c, '[' | ']'))
            .collect::<String>()
            .into()
    } else {
        t.into()
    }
}

pub fn add_members(cover: &mut Cover, t: &str, span: Span) {
    let names = t
        .split([',', ';'])
        .map(|n| n.trim().trim_matches(['[', ']']).trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    match cover.authors.last_mut() {
        Some(last) if last.group.is_none() => {
            last.members.extend(names);
            last.span = last.span.to(span);
        }
        _ => cover.authors.push(AuthorGroup {
            members: names.collect(),
            group: None,
            group_line: None,
            span,
        }),
    }
}

/// The document kind at the start of a line, longest wording first, and the length it covers.
pub fn kind_prefix(t: &str, profile: &Profile) -> Option<(DocKind, usize)> {
    let kinds = [
        (DocKind::JointMotionForResolution, &profile.kind_joint),
        (DocKind::MotionForResolution, &profile.kind_motion),
        (DocKind::TextAdopted, &profile.kind_adopted),
    ];
    for (kind, words) in kinds {
        for w in words.iter() {
            if let Some(len) = crate::vocab::loose::starts_with_loose(t, w) {
                // Only the upper-case cover wording, not a sentence that starts the same way.
                let written = &t[..len];
                if written
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                {
                    return Some((kind, len));
                }
            }
        }
    }
    None
}

/// "on behalf of the S&D Group" -> `S&D`.
pub fn group_line(t: &str, profile: &Profile) -> Option<String> {
    for prefix in &profile.group_prefix {
        if let Some(len) = crate::vocab::loose::starts_with_loose(t, prefix) {
            let mut rest = t[len..].trim();
            let mut has_suffix = false;
            for suffix in &profile.group_suffix {
                if let Some(r) = rest.strip_suffix(suffix.as_str()) {
                    rest = r.trim();
                    has_suffix = true;
                    break;
                }
            }
            if profile.group_suffix_required && !has_suffix {
                continue;
            }
            if !rest.is_empty() && rest.len() < 60 {
                return Some(rest.to_string());
            }
        }
    }
    None
}

pub fn contains_loose(t: &str, needle: &str) -> bool {
    t.char_indices()
        .any(|(i, _)| crate::vocab::loose::starts_with_loose(&t[i..], needle).is_some())
}

/// A list of people's names: comma-separated items of one to six words, each capitalised or a
/// name particle, no digits and no sentence punctuation.
pub fn looks_like_names(t: &str) -> bool {
    if t.is_empty()
        || t.len() > 5000
        || t.ends_with(['.', ';', ':'])
        || t.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    t.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .all(|name| {
            let words: Vec<&str> = name.split_whitespace().collect();
            (1..=7).contains(&words.len())
                && words.iter().any(|w| w.starts_with(char::is_uppercase))
                && words.iter().all(|w| {
                    w.starts_with(char::is_uppercase)
                        || matches!(
                            *w,
                            "van"
                                | "von"
                                | "der"
                                | "den"
                                | "de"
                                | "di"
                                | "da"
                                | "del"
                                | "della"
                                | "dos"
                                | "das"
                                | "du"
                                | "la"
                                | "le"
                                | "ten"
                                | "ter"
                                | "zu"
                                | "af"
                                | "y"
                                | "e"
                                | "i"
                                | "d’"
                                | "d'"
                        )
                        || w.starts_with("d’")
                        || w.starts_with("d'")
                })
        })
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{codes, en};
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            ..Span::default()
        }
    }

    #[test]
    fn kind_prefix_takes_the_longest_upper_case_wording() {
        let joint = "JOINT MOTION FOR A RESOLUTION on x";
        assert_eq!(
            kind_prefix(joint, en()),
            Some((DocKind::JointMotionForResolution, 29))
        );
        assert_eq!(
            kind_prefix("MOTION FOR A RESOLUTION", en()),
            Some((DocKind::MotionForResolution, 23))
        );
        assert_eq!(
            kind_prefix("TEXTS ADOPTED", en()),
            Some((DocKind::TextAdopted, 13))
        );
        assert_eq!(kind_prefix("Motion for a resolution on x", en()), None);
        assert_eq!(kind_prefix("on the motion for a resolution", en()), None);
    }

    #[test]
    fn group_line_names_the_group_between_prefix_and_suffix() {
        let group = |t: &str| group_line(t, en());
        assert_eq!(group("on behalf of the S&D Group").as_deref(), Some("S&D"));
        assert_eq!(
            group("on behalf of the Verts/ALE Group").as_deref(),
            Some("Verts/ALE")
        );
        assert_eq!(group("on behalf of the PPE group").as_deref(), Some("PPE"));
        assert_eq!(group("for the S&D Group"), None);
        assert_eq!(group("Kati Piri"), None);
    }

    #[test]
    fn set_number_keeps_the_first_and_reports_a_different_second() {
        let mut cover = Cover::default();
        let mut diags = Collector::new();
        set_number(&mut cover, "B9-0146/2021".into(), span(0, 12), &mut diags);
        set_number(&mut cover, "B9-0146/2021".into(), span(13, 25), &mut diags);
        set_number(&mut cover, "B9-0147/2021".into(), span(26, 38), &mut diags);
        let number = cover.doc_number.as_ref().map(|n| n.value.as_str());
        assert_eq!(number, Some("B9-0146/2021"));
        assert_eq!(cover.kind, DocKind::MotionForResolution);
        assert_eq!(codes(&diags.finish()), ["W-UNRECOGNISED-TEXT"]);
    }

    #[test]
    fn set_number_of_a_joint_motion_sets_the_kind() {
        let mut cover = Cover::default();
        let mut diags = Collector::new();
        set_number(
            &mut cover,
            "RC-B9-0146/2021".into(),
            span(0, 15),
            &mut diags,
        );
        assert_eq!(cover.kind, DocKind::JointMotionForResolution);
    }

    #[test]
    fn set_procedure_takes_the_first_reference() {
        let mut cover = Cover::default();
        set_procedure(&mut cover, "no reference", span(0, 1));
        assert_eq!(cover.procedure, None);
        set_procedure(&mut cover, "(2021/2544(RSP))", span(0, 1));
        set_procedure(&mut cover, "(2022/1000(RSP))", span(2, 3));
        let procedure = cover.procedure.map(|p| p.value);
        assert_eq!(procedure.as_deref(), Some("2021/2544(RSP)"));
    }

    /// The title, the procedure and the codes of what `set_title` reports for `t`.
    fn titled(t: &str) -> (String, Option<String>, Vec<&'static str>) {
        let mut cover = Cover::default();
        let mut diags = Collector::new();
        set_title(&mut cover, t, span(0, t.len()), &mut diags);
        let title = cover.title.as_ref().map(Para::plain_text);
        let procedure = cover.procedure.map(|p| p.value);
        (title.unwrap_or_default(), procedure, codes(&diags.finish()))
    }

    #[test]
    fn set_title_splits_off_a_procedure_in_brackets_at_the_end() {
        assert_eq!(
            titled("on Kazakhstan (2021/2544(RSP))"),
            (
                "on Kazakhstan".into(),
                Some("2021/2544(RSP)".into()),
                vec![]
            )
        );
    }

    #[test]
    fn set_title_keeps_a_procedure_inside_the_title() {
        let t = "on procedure 2021/2544(RSP) and others";
        assert_eq!(titled(t), (t.into(), None, vec![]));
    }

    #[test]
    fn set_title_reports_a_malformed_procedure() {
        let t = "on Kazakhstan (21/2544(RSP))";
        assert_eq!(titled(t), (t.into(), None, vec!["E-PROCEDURE-MALFORMED"]));
    }

    #[test]
    fn add_members_splits_names_and_drops_brackets() {
        let mut cover = Cover::default();
        add_members(&mut cover, "[Mara Bizzotto], Kati Piri; ", span(0, 10));
        add_members(&mut cover, "Isabel Santos", span(11, 20));
        assert_eq!(cover.authors.len(), 1);
        assert_eq!(
            cover.authors[0].members,
            ["Mara Bizzotto", "Kati Piri", "Isabel Santos"]
        );
        assert_eq!(cover.authors[0].span, span(0, 20));
    }

    #[test]
    fn add_members_after_a_group_starts_a_new_group() {
        let mut cover = Cover::default();
        add_members(&mut cover, "Kati Piri", span(0, 9));
        cover.authors[0].group = Some("S&D".into());
        add_members(&mut cover, "Mara Bizzotto", span(10, 23));
        assert_eq!(cover.authors.len(), 2);
        assert_eq!(cover.authors[1].members, ["Mara Bizzotto"]);
        assert_eq!(cover.authors[1].group, None);
    }

    #[test]
    fn append_joins_with_a_space_or_a_forced_break() {
        use crate::model::Inline;
        let mut p = para("on the situation", span(0, 16));
        append(&mut p, "in Kazakhstan", span(17, 30), false);
        assert_eq!(p.inlines, [Inline::text("on the situation in Kazakhstan")]);
        assert_eq!(p.span, span(0, 30));
        append(&mut p, "and Kyrgyzstan", span(31, 45), true);
        assert_eq!(
            p.inlines,
            [
                Inline::text("on the situation in Kazakhstan"),
                Inline::LineBreak,
                Inline::text("and Kyrgyzstan")
            ]
        );
    }

    #[test]
    fn unbracket_and_contains_loose() {
        assert_eq!(
            unbracket("[Mara Bizzotto], Kati Piri"),
            "Mara Bizzotto, Kati Piri"
        );
        assert_eq!(unbracket("Kati Piri"), "Kati Piri");
        assert!(contains_loose(
            "tabled pursuant to  Rule 144",
            "pursuant to Rule"
        ));
        assert!(!contains_loose(
            "pursuant to the agreement",
            "pursuant to Rule"
        ));
    }

    #[test]
    fn names() {
        assert!(looks_like_names("Kati Piri, Isabel Santos, Andris Ameriks"));
        assert!(looks_like_names(
            "Jessika Van\u{a0}Leeuwen, Antonio López\u{2011}Istúriz White"
        ));
        assert!(!looks_like_names(
            "on the human rights situation in Kazakhstan"
        ));
        assert!(!looks_like_names(
            "pursuant to Rule 144 of the Rules of Procedure"
        ));
    }

    #[test]
    fn names_with_particles_but_no_digits_or_sentence_end() {
        assert!(looks_like_names("Rosa d'Amato, Bas van der Heijden"));
        assert!(!looks_like_names("Kati Piri."));
        assert!(!looks_like_names("Kati Piri 2"));
        assert!(!looks_like_names(""));
        assert!(!looks_like_names("one two three four five six seven Eight"));
    }
}
