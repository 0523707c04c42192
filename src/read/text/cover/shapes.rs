//! Reading cover items by their shape, one method per shape, tried in order: the page title
//! with its number, facts (number, date, session number, procedure), a replaced motion, the
//! kind, a tagged title or author, the request line, the Rule line, the "replacing" line, a
//! group line; then, by position, a wrapped title, the title, a list of names.

use super::facts::{self, Fact};
use super::fields::{self, para};
use super::join::Item;
use crate::diag::codes;
use crate::diag::{Collector, Diagnostic};
use crate::lang::Profile;
use crate::model::{AuthorGroup, Cover, DocKind, Located, ReplacedMotion};
use crate::vocab::patterns;

/// What the reader is in the middle of.
#[derive(PartialEq, Eq, Clone, Copy, Debug)]
enum State {
    Start,
    /// The last item was the title: a forced line break, or a line in lower case, may continue it.
    Title,
    /// The last item was the request line; until the Rule line, lines continue it.
    Request,
    Authors,
    Replacing,
}

/// A shape: reads the item into the cover and says what comes next, or declines it.
type Shape<'r> = fn(&mut Reader<'r>, &Item<'_>, &Context) -> Option<State>;

/// What an item's neighbours say about it.
struct Context {
    /// The next item is the procedure reference, which closes the title.
    before_procedure: bool,
}

/// The cover as read so far.
pub struct Reader<'a> {
    cover: Cover,
    state: State,
    rule_or_kind_seen: bool,
    profile: &'a Profile,
    diags: &'a mut Collector,
}

impl<'a> Reader<'a> {
    pub fn new(profile: &'a Profile, diags: &'a mut Collector) -> Self {
        Reader {
            cover: Cover::default(),
            state: State::Start,
            rule_or_kind_seen: false,
            profile,
            diags,
        }
    }

    pub fn finish(self) -> Cover {
        self.cover
    }

    /// Reads one item; `next` is the item after it.
    pub fn read(&mut self, item: &Item<'_>, next: Option<&Item<'_>>) {
        let context = Context {
            before_procedure: next.is_some_and(|n| is_procedure_item(&n.text)),
        };
        let shapes: [Shape<'a>; 14] = [
            Reader::page_title,
            Reader::facts,
            Reader::malformed_procedure,
            Reader::replaced,
            Reader::kind,
            Reader::tagged,
            Reader::request,
            Reader::rule_line,
            Reader::replacing,
            Reader::group,
            Reader::request_goes_on,
            Reader::wrapped_title,
            Reader::title,
            Reader::names,
        ];
        for shape in shapes {
            if let Some(state) = shape(self, item, &context) {
                self.state = state;
                return;
            }
        }
        self.unrecognised(item);
    }

    /// The page title glued to the number: "Motion for a resolution - B8-1426/2016Motion for a resolution".
    fn page_title(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        let number = patterns::page_title_doc_number(&item.text)?;
        fields::set_number(&mut self.cover, number, item.span, self.diags);
        Some(self.state)
    }

    /// Number, date, session number and procedure, alone or together on the item.
    fn facts(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        let found = facts::read(&item.text, self.profile)?;
        let mut next = State::Start;
        for fact in found {
            match fact {
                Fact::Number(number) if self.state == State::Replacing => {
                    self.cover.replaces.push(ReplacedMotion {
                        number,
                        group: None,
                        span: item.span,
                    });
                    next = State::Replacing;
                }
                Fact::Number(number) => {
                    fields::set_number(&mut self.cover, number, item.span, self.diags)
                }
                Fact::Date(Ok(date)) => {
                    self.cover.date.get_or_insert(Located {
                        value: date,
                        span: item.span,
                    });
                }
                Fact::Date(Err(written)) => self.invalid_date(item, written),
                Fact::Pe(pe) => {
                    self.cover.pe_number.get_or_insert(Located {
                        value: pe,
                        span: item.span,
                    });
                }
                Fact::Procedure(p) => fields::set_procedure(&mut self.cover, &p, item.span),
            }
        }
        Some(next)
    }

    fn invalid_date(&mut self, item: &Item<'_>, written: String) {
        self.diags.push(
            Diagnostic::new(
                &codes::DATE_MALFORMED,
                Some(item.span),
                format!("`{written}` is not a date"),
            )
            .hint("write the tabling date as day.month.year, e.g. 9.2.2021, or 2021-02-09"),
        );
        self.cover.other.push(para(&item.text, item.span));
        self.cover.invalid_date.get_or_insert(Located {
            value: written,
            span: item.span,
        });
    }

    /// `(21/2544(RSP))` alone: shaped like a procedure but not one; kept as text, reported.
    fn malformed_procedure(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        let inner = item.text.strip_prefix('(')?.strip_suffix(')')?;
        if patterns::find_procedure_like(inner) != Some((0, inner.len())) {
            return None;
        }
        fields::check_procedure_like(inner, item.span, self.diags);
        self.cover.other.push(para(&item.text, item.span));
        Some(self.state)
    }

    /// "B10‑0249/2025 (Verts/ALE)" in the list of replaced motions.
    fn replaced(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        let t = &item.text;
        let (len, number) = patterns::doc_number_prefix(t)?;
        if self.state != State::Replacing && self.cover.kind != DocKind::JointMotionForResolution {
            return None;
        }
        let group = t[len..].trim().strip_prefix('(')?.strip_suffix(')')?;
        self.cover.replaces.push(ReplacedMotion {
            number,
            group: Some(group.trim().to_string()),
            span: item.span,
        });
        Some(State::Replacing)
    }

    /// `MOTION FOR A RESOLUTION`, perhaps followed by the title.
    fn kind(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        let t = &item.text;
        let (kind, len) = fields::kind_prefix(t, self.profile)?;
        self.cover.kind = kind;
        self.cover.kind_text = Some(Located {
            value: t[..len].trim().to_string(),
            span: item.span,
        });
        self.rule_or_kind_seen = true;
        let rest = t[len..].trim();
        if !rest.is_empty() && self.cover.title.is_none() {
            fields::set_title(&mut self.cover, rest, item.span, self.diags);
            return Some(State::Title);
        }
        Some(State::Start)
    }

    /// Leaked tags of the Parliament's XML: `<Titre>`, `<Depute>`, `<TitreRecueil>` (the Rule line).
    fn tagged(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        let tag = item.tag?;
        if tag.eq_ignore_ascii_case("Titre") {
            fields::set_title(&mut self.cover, &item.text, item.span, self.diags);
            Some(State::Title)
        } else if tag.eq_ignore_ascii_case("Depute") {
            fields::add_members(&mut self.cover, &item.text, item.span);
            Some(State::Authors)
        } else if tag.eq_ignore_ascii_case("TitreRecueil") {
            self.set_rule_line(item);
            Some(State::Start)
        } else {
            None
        }
    }

    fn request(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        starts_with_any(&item.text, &self.profile.request)?;
        self.cover.request = Some(para(&item.text, item.span));
        Some(State::Request)
    }

    fn rule_line(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        if !self
            .profile
            .rule_line
            .iter()
            .any(|r| fields::contains_loose(&item.text, r))
        {
            return None;
        }
        self.set_rule_line(item);
        Some(State::Start)
    }

    fn set_rule_line(&mut self, item: &Item<'_>) {
        self.cover.rule_line = Some(para(&item.text, item.span));
        self.cover.rule = patterns::rule_reference(&item.text).map(|value| Located {
            value,
            span: item.span,
        });
        self.rule_or_kind_seen = true;
    }

    /// "replacing the following motions:"
    fn replacing(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        starts_with_any(&item.text, &self.profile.replacing)?;
        self.cover.other.push(para(&item.text, item.span));
        Some(State::Replacing)
    }

    /// "on behalf of the S&D Group"
    fn group(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        let t = &item.text;
        let group = fields::group_line(t, self.profile)?;
        match self.cover.authors.last_mut() {
            Some(last) if last.group.is_none() && last.group_line.is_none() => {
                last.group = Some(group);
                last.group_line = Some(t.to_string());
                last.span = last.span.to(item.span);
            }
            _ => self.cover.authors.push(AuthorGroup {
                members: Vec::new(),
                group: Some(group),
                group_line: Some(t.to_string()),
                span: item.span,
            }),
        }
        Some(State::Authors)
    }

    /// A request line set apart from its end by a forced break or a blank line.
    fn request_goes_on(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        if self.state != State::Request {
            return None;
        }
        let request = self.cover.request.as_mut()?;
        fields::append(request, &item.text, item.span, false);
        Some(State::Request)
    }

    /// A title set over several items: after a forced line break, before the procedure, or in
    /// lower case.
    fn wrapped_title(&mut self, item: &Item<'_>, context: &Context) -> Option<State> {
        let t = &item.text;
        let goes_on = self.state == State::Title
            && (item.after_hard_break
                || context.before_procedure
                || (t.starts_with(char::is_lowercase) && !fields::looks_like_names(t)));
        if !goes_on || !self.cover.authors.is_empty() {
            return None;
        }
        let title = self.cover.title.as_mut()?;
        fields::append(title, t, item.span, item.after_hard_break);
        fields::check_procedure_like(t, item.span, self.diags);
        Some(State::Title)
    }

    fn title(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        let t = &item.text;
        let first = self.cover.title.is_none()
            && (self.rule_or_kind_seen || self.cover.authors.is_empty())
            && !fields::looks_like_names(&fields::unbracket(t));
        let last_resort = self.cover.title.is_none() && !self.names_fit(t);
        if !first && !last_resort {
            return None;
        }
        fields::set_title(&mut self.cover, t, item.span, self.diags);
        Some(State::Title)
    }

    fn names_fit(&self, t: &str) -> bool {
        fields::looks_like_names(&fields::unbracket(t))
            && (self.cover.title.is_some()
                || self.rule_or_kind_seen
                || self.state == State::Authors)
    }

    fn names(&mut self, item: &Item<'_>, _: &Context) -> Option<State> {
        if !self.names_fit(&item.text) {
            return None;
        }
        fields::add_members(&mut self.cover, &item.text, item.span);
        Some(State::Authors)
    }

    fn unrecognised(&mut self, item: &Item<'_>) {
        self.diags.push(
            Diagnostic::new(
                &codes::UNRECOGNISED_TEXT,
                Some(item.span),
                "cover line not recognised; kept as it is",
            )
            .hint("the cover holds the document number, date, kind, Rule line, title and authors"),
        );
        self.cover.other.push(para(&item.text, item.span));
    }
}

fn starts_with_any(t: &str, words: &[String]) -> Option<()> {
    words
        .iter()
        .any(|w| crate::vocab::loose::starts_with_loose(t, w).is_some())
        .then_some(())
}

/// `(2021/2544(RSP))` alone.
fn is_procedure_item(t: &str) -> bool {
    patterns::bracketed_procedure(t).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{codes, cover as cover_of, cover_in, texts, words};
    use super::*;

    const RULE_LINE: &str = "pursuant to Rule 144 of the Rules of Procedure";

    fn number(c: &Cover) -> Option<&str> {
        c.doc_number.as_ref().map(|n| n.value.as_str())
    }

    /// The cover of a motion's kind line followed by `lines`.
    fn after_kind(lines: &str) -> (Cover, Vec<Diagnostic>) {
        cover_of(&format!("MOTION FOR A RESOLUTION\n\n{lines}"))
    }

    /// The cover of `text`, which must read without a diagnostic.
    fn quiet(text: &str) -> Cover {
        let (c, diags) = cover_of(text);
        assert_eq!(codes(&diags), Vec::<&str>::new(), "{text}");
        c
    }

    fn procedure(c: &Cover) -> Option<&str> {
        c.procedure.as_ref().map(|p| p.value.as_str())
    }

    fn date(c: &Cover) -> Option<String> {
        c.date.as_ref().map(|d| d.value.to_string())
    }

    #[test]
    fn each_shape_fills_its_field() {
        let (c, diags) = cover_of(
            "JOINT MOTION FOR A RESOLUTION on the return of children\n\n7.5.2025 - (2025/2691(RSP))\n\npursuant to rules 150(5) and 136(4) of the rules of procedure\n\nreplacing the following motions:\n\nB10-0249/2025 (Verts/ALE)\n\n[Mara Bizzotto], Kati Piri\non behalf of the S&D Group\n",
        );
        assert_eq!(c.kind, DocKind::JointMotionForResolution);
        assert_eq!(words(&c.title), "on the return of children");
        assert_eq!(
            c.date.map(|d| d.value.to_string()).as_deref(),
            Some("2025-05-07")
        );
        assert_eq!(
            c.procedure.map(|p| p.value).as_deref(),
            Some("2025/2691(RSP)")
        );
        assert_eq!(
            c.rule.map(|r| r.value).as_deref(),
            Some("Rules 150(5) and 136(4)")
        );
        assert_eq!(c.replaces.len(), 1);
        assert_eq!(c.authors[0].members, ["Mara Bizzotto", "Kati Piri"]);
        assert_eq!(c.authors[0].group.as_deref(), Some("S&D"));
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn request_title_and_invalid_date() {
        let (c, diags) = cover_of(
            "31.02.2021\n\nMOTION FOR A RESOLUTION\n\nwith request for inclusion in the agenda\n\npursuant to Rule 144 of the Rules of Procedure\n\non the situation  \nin Kazakhstan\n(21/2544(RSP))\n",
        );
        assert_eq!(c.date, None);
        assert_eq!(
            c.invalid_date.as_ref().map(|d| d.value.as_str()),
            Some("31.02.2021")
        );
        assert_eq!(
            words(&c.request),
            "with request for inclusion in the agenda"
        );
        assert_eq!(words(&c.title), "on the situation in Kazakhstan");
        assert_eq!(
            c.other.iter().map(|p| p.plain_text()).collect::<Vec<_>>(),
            ["31.02.2021", "(21/2544(RSP))"]
        );
        assert_eq!(c.procedure, None);
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["E-DATE-MALFORMED", "E-PROCEDURE-MALFORMED"]);
    }

    #[test]
    fn page_title_with_the_number_glued_on() {
        let (c, diags) =
            cover_of("Motion for a resolution - B8-1426/2016Motion for a resolution\n");
        assert_eq!(number(&c), Some("B8-1426/2016"));
        assert!(c.title.is_none());
        assert_eq!(codes(&diags), Vec::<&str>::new());
    }

    #[test]
    fn page_title_without_a_number_is_no_page_title() {
        let (c, _) = cover_of("Motion for a resolution - on the situation in Kazakhstan\n");
        assert_eq!(number(&c), None);
        assert_eq!(
            words(&c.title),
            "Motion for a resolution - on the situation in Kazakhstan"
        );
    }

    #[test]
    fn document_number_alone_or_in_brackets() {
        for line in ["B9-0146/2021", "[B9-0146/2021]", "B[9-0146/2021]"] {
            let (c, diags) = cover_of(&format!("{line}\n"));
            assert_eq!(number(&c), Some("B9-0146/2021"), "{line}");
            assert_eq!(c.kind, DocKind::MotionForResolution);
            assert_eq!(codes(&diags), Vec::<&str>::new());
        }
    }

    #[test]
    fn joint_document_number_makes_a_joint_motion() {
        let (c, _) = cover_of("RC-B9-0146/2021\n");
        assert_eq!(number(&c), Some("RC-B9-0146/2021"));
        assert_eq!(c.kind, DocKind::JointMotionForResolution);
    }

    #[test]
    fn a_second_different_number_is_reported_and_the_first_kept() {
        let (c, diags) = cover_of("B9-0146/2021\n\nB9-0146/2021\n\nB9-0999/2021\n");
        assert_eq!(number(&c), Some("B9-0146/2021"));
        assert_eq!(codes(&diags), ["W-UNRECOGNISED-TEXT"]);
    }

    #[test]
    fn date_in_each_written_form() {
        for line in [
            "9.2.2021",
            "09.02.2021",
            "09/02/2021",
            "2021-02-09",
            "9 February 2021",
            "[9.2.2021]",
        ] {
            let (c, diags) = cover_of(&format!("{line}\n"));
            assert_eq!(date(&c).as_deref(), Some("2021-02-09"), "{line}");
            assert!(c.other.is_empty(), "{line}");
            assert_eq!(codes(&diags), Vec::<&str>::new(), "{line}");
        }
    }

    #[test]
    fn date_written_in_words_in_each_language() {
        for (lang, line) in [
            ("de", "9. Februar 2021"),
            ("es", "9 de febrero de 2021"),
            ("fr", "9 février 2021"),
            ("hu", "2021. február 9."),
        ] {
            let (c, diags) = cover_in(lang, &format!("{line}\n"));
            assert_eq!(date(&c).as_deref(), Some("2021-02-09"), "{line}");
            assert_eq!(codes(&diags), Vec::<&str>::new(), "{line}");
        }
    }

    #[test]
    fn the_first_date_stays() {
        let (c, _) = cover_of("9.2.2021\n\n10.2.2021\n");
        assert_eq!(date(&c).as_deref(), Some("2021-02-09"));
    }

    #[test]
    fn a_date_of_no_calendar_day_is_kept_as_text_and_reported() {
        for line in ["31.02.2021", "2021-13-01", "31 February 2021"] {
            let (c, diags) = cover_of(&format!("{line}\n"));
            assert_eq!(c.date, None, "{line}");
            assert_eq!(c.invalid_date.map(|d| d.value).as_deref(), Some(line));
            assert_eq!(texts(&c.other), [line]);
            assert_eq!(codes(&diags), ["E-DATE-MALFORMED"], "{line}");
        }
    }

    #[test]
    fn facts_sharing_a_line() {
        let c = quiet("30.07.2019 B[9-0032/2019] - (2019/2730(RSP))\n");
        assert_eq!(date(&c).as_deref(), Some("2019-07-30"));
        assert_eq!(number(&c), Some("B9-0032/2019"));
        assert_eq!(procedure(&c), Some("2019/2730(RSP)"));
    }

    #[test]
    fn pe_number() {
        let c = quiet("PE662.890v01-00\n");
        let pe = c.pe_number.map(|p| p.value);
        assert_eq!(pe.as_deref(), Some("PE662.890v01-00"));
    }

    #[test]
    fn procedure_reference_alone() {
        let c = quiet("(2021/2544(RSP))\n");
        assert_eq!(procedure(&c), Some("2021/2544(RSP)"));
        assert!(c.other.is_empty());
    }

    #[test]
    fn malformed_procedure_alone_is_kept_as_text_and_reported() {
        let (c, diags) = cover_of("(21/2544(RSP))\n");
        assert_eq!(c.procedure, None);
        assert_eq!(texts(&c.other), ["(21/2544(RSP))"]);
        assert_eq!(codes(&diags), ["E-PROCEDURE-MALFORMED"]);
    }

    #[test]
    fn kind_line() {
        for (line, kind) in [
            ("MOTION FOR A RESOLUTION", DocKind::MotionForResolution),
            (
                "JOINT MOTION FOR A RESOLUTION",
                DocKind::JointMotionForResolution,
            ),
            ("TEXTS ADOPTED", DocKind::TextAdopted),
        ] {
            let (c, diags) = cover_of(&format!("{line}\n"));
            assert_eq!(c.kind, kind, "{line}");
            assert_eq!(c.kind_text.map(|k| k.value).as_deref(), Some(line));
            assert!(c.title.is_none(), "{line}");
            assert_eq!(codes(&diags), Vec::<&str>::new());
        }
    }

    #[test]
    fn kind_line_followed_by_the_title() {
        let (c, _) = cover_of("MOTION FOR A RESOLUTION on the situation in Kazakhstan\n");
        assert_eq!(
            c.kind_text.map(|k| k.value).as_deref(),
            Some("MOTION FOR A RESOLUTION")
        );
        assert_eq!(words(&c.title), "on the situation in Kazakhstan");
    }

    #[test]
    fn kind_wording_in_lower_case_is_no_kind_line() {
        let (c, _) = cover_of("Motion for a resolution on the situation in Kazakhstan\n");
        assert_eq!(c.kind_text, None);
        assert_eq!(
            words(&c.title),
            "Motion for a resolution on the situation in Kazakhstan"
        );
    }

    #[test]
    fn leaked_tags_name_the_field() {
        let c = quiet(
            "<TitreRecueil>pursuant to Rule 144 of the Rules of Procedure</TitreRecueil>\n\n<Titre>on the situation in Kazakhstan</Titre>\n\n<Depute>Kati Piri, Isabel Santos</Depute>\n",
        );
        assert_eq!(words(&c.rule_line), RULE_LINE);
        assert_eq!(words(&c.title), "on the situation in Kazakhstan");
        assert_eq!(c.authors[0].members, ["Kati Piri", "Isabel Santos"]);
    }

    #[test]
    fn rule_line() {
        let c = quiet(&format!("{RULE_LINE}\n"));
        assert_eq!(words(&c.rule_line), RULE_LINE);
        assert_eq!(c.rule.map(|r| r.value).as_deref(), Some("Rule 144"));
    }

    #[test]
    fn request_line() {
        let (c, diags) = cover_of("with request for inclusion in the agenda\n");
        assert_eq!(
            words(&c.request),
            "with request for inclusion in the agenda"
        );
        assert_eq!(codes(&diags), Vec::<&str>::new());
    }

    #[test]
    fn request_line_goes_on_after_a_forced_break() {
        let (c, _) = cover_of(
            "with request for inclusion in the agenda  \nfor a debate on cases of breaches of human rights\n\npursuant to Rule 144 of the Rules of Procedure\n",
        );
        assert_eq!(
            words(&c.request),
            "with request for inclusion in the agenda for a debate on cases of breaches of human rights"
        );
        assert!(c.rule_line.is_some());
        assert!(c.title.is_none());
    }

    #[test]
    fn title_after_the_kind() {
        let (c, diags) = after_kind("on the situation in Kazakhstan\n");
        assert_eq!(words(&c.title), "on the situation in Kazakhstan");
        assert_eq!(codes(&diags), Vec::<&str>::new());
    }

    #[test]
    fn title_with_its_procedure_on_one_line() {
        let (c, _) = cover_of("on the situation in Kazakhstan (2021/2544(RSP))\n");
        assert_eq!(words(&c.title), "on the situation in Kazakhstan");
        assert_eq!(procedure(&c), Some("2021/2544(RSP)"));
    }

    #[test]
    fn title_goes_on_in_lower_case() {
        let title = after_kind("on the situation\n\nin Kazakhstan\n").0.title;
        assert_eq!(words(&title), "on the situation in Kazakhstan");
    }

    #[test]
    fn title_goes_on_up_to_the_procedure() {
        let (c, _) = after_kind("on the situation\n\nIn Kazakhstan\n\n(2021/2544(RSP))\n");
        assert_eq!(words(&c.title), "on the situation In Kazakhstan");
        assert!(c.authors.is_empty());
        assert!(c.procedure.is_some());
    }

    #[test]
    fn names_after_the_title_are_authors() {
        let (c, diags) =
            after_kind("on Kazakhstan\n\nKati Piri, Isabel Santos\n\nAndris Ameriks\n");
        assert_eq!(c.authors.len(), 1);
        assert_eq!(
            c.authors[0].members,
            ["Kati Piri", "Isabel Santos", "Andris Ameriks"]
        );
        assert_eq!(c.authors[0].group, None);
        assert_eq!(codes(&diags), Vec::<&str>::new());
    }

    #[test]
    fn names_before_anything_else_are_the_title() {
        let (c, _) = cover_of("Kati Piri, Isabel Santos\n");
        assert_eq!(words(&c.title), "Kati Piri, Isabel Santos");
        assert!(c.authors.is_empty());
    }

    #[test]
    fn group_line_closes_the_names_before_it() {
        let c = quiet(
            "MOTION FOR A RESOLUTION\n\non Kazakhstan\n\nKati Piri\n\non behalf of the S&D Group\n\nMara Bizzotto\n\non behalf of the ID Group\n",
        );
        let groups: Vec<_> = (c.authors.iter())
            .map(|a| (a.members.join("+"), a.group.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            groups,
            [
                ("Kati Piri".to_string(), "S&D".to_string()),
                ("Mara Bizzotto".to_string(), "ID".to_string())
            ]
        );
        let line = c.authors[0].group_line.as_deref();
        assert_eq!(line, Some("on behalf of the S&D Group"));
    }

    #[test]
    fn group_line_without_names_is_a_group_of_its_own() {
        let (c, _) = cover_of("on behalf of the Verts/ALE Group\n");
        assert_eq!(c.authors.len(), 1);
        assert!(c.authors[0].members.is_empty());
        assert_eq!(c.authors[0].group.as_deref(), Some("Verts/ALE"));
    }

    #[test]
    fn replacing_the_following_motions() {
        let c = quiet(
            "replacing the following motions:\n\nB10-0249/2025 (Verts/ALE)\n\nB10-0250/2025\n",
        );
        assert_eq!(texts(&c.other), ["replacing the following motions:"]);
        let replaced: Vec<_> = (c.replaces.iter())
            .map(|r| (r.number.as_str(), r.group.as_deref()))
            .collect();
        assert_eq!(
            replaced,
            [
                ("B10-0249/2025", Some("Verts/ALE")),
                ("B10-0250/2025", None)
            ]
        );
        assert_eq!(number(&c), None);
    }

    #[test]
    fn a_number_with_a_group_outside_a_joint_motion_replaces_nothing() {
        let (c, _) = cover_of("MOTION FOR A RESOLUTION\n\nB10-0249/2025 (Verts/ALE)\n");
        assert!(c.replaces.is_empty());
    }

    #[test]
    fn a_line_no_shape_takes_is_kept_in_other_and_reported() {
        let (c, diags) = cover_of(
            "MOTION FOR A RESOLUTION\n\non the situation in Kazakhstan\n\nKati Piri\n\nSee the annex for details.\n",
        );
        assert_eq!(texts(&c.other), ["See the annex for details."]);
        assert_eq!(codes(&diags), ["W-UNRECOGNISED-TEXT"]);
    }
}
