//! The reader: plain text -> [`Motion`] plus diagnostics. It never fails and never drops text.
//!
//! The steps: pick the language profile; split the text into cleaned lines (marks, tags and page
//! furniture recognised); find where the resolution starts (its title and formula); read the
//! cover line by line; group the rest into blocks and build the structure; link footnotes.

mod blocks;
mod cover;
mod furniture;
mod inline;
pub(crate) mod label;
pub(crate) mod lines;
mod notes;
mod numbering;
mod structure;

use super::ReadOptions;
use crate::diag::codes;
use crate::diag::{self, Collector, Diagnostic};
use crate::lang::{self, Profile};
use crate::model::{DocKind, Motion, Parsed};
use crate::vocab::patterns;
use lines::{Kind, Line};

/// Reads a motion from decoded text.
pub fn parse(text: &str, options: &ReadOptions) -> Parsed {
    // At most a fixed number of each code in memory, whatever the input.
    let mut diags = Collector::new();
    let profile = choose_profile(text, options, &mut diags);
    let mut motion = Motion {
        lang: profile.code.clone(),
        source_name: options.source_name.clone(),
        ..Motion::default()
    };
    let mut lines = lines::split(text, profile, &mut diags);
    if !lines.iter().any(|l| l.kind == Kind::Text) {
        diags.push(
            Diagnostic::new(&codes::INPUT_EMPTY, None, "the input holds no text")
                .hint("check that the right file was given"),
        );
        return Parsed {
            motion,
            diagnostics: diags.finish(),
        };
    }
    let anchors = find_anchors(&lines, profile);
    // The width the text was wrapped at, if it was: the joins of cover, furniture and blocks use it.
    let width = lines::width(&lines);
    // Furniture on the cover is read by the cover reader (a lone document number there is the
    // motion's own); from the title on, only furniture standing where furniture can stand is
    // removed, and counted.
    furniture::settle(&mut lines, anchors.cover_end, width, profile);
    diags.extend(furniture::note(text, &lines[anchors.cover_end..], profile));
    motion.cover = cover::read(text, &lines, anchors.cover_end, width, profile, &mut diags);
    check_number_against_name(&motion.cover, &options.source_name, &mut diags);
    read_title(text, &lines, &anchors, width, profile, &mut motion);
    let body = blocks::group(
        text,
        &lines,
        anchors.body_start..lines.len(),
        width,
        profile,
    );
    // The blocks hold their own text: the lines are not needed while the model grows.
    drop(lines);
    diags.merge(structure::Builder::new(profile).build(
        body,
        anchors.formula.is_some(),
        &mut motion,
    ));
    notes::link(&mut motion, &mut diags);
    infer_cover_facts(&mut motion);
    let mut diagnostics = diags.finish();
    diag::sort(&mut diagnostics);
    Parsed {
        motion,
        diagnostics,
    }
}

/// The language: forced, else recognised from the text, else from the file name, else English.
fn choose_profile(text: &str, options: &ReadOptions, diags: &mut Collector) -> &'static Profile {
    let english = || lang::profile("en").expect("the English profile is built in");
    if let Some(code) = &options.lang {
        if let Some(p) = lang::profile(code) {
            return p;
        }
    }
    let named = lang::from_name(&options.source_name);
    match (lang::detect(text), named) {
        (Some(found), Some(named)) if found.code != named.code => {
            diags.push(
                Diagnostic::new(
                    &codes::LANG_MISMATCH,
                    None,
                    format!(
                        "the file name says {} but the text reads as {}",
                        named.name, found.name
                    ),
                )
                .hint(format!(
                    "rename the file, or force the language with --lang {}",
                    named.code
                )),
            );
            found
        }
        (Some(found), _) => found,
        (None, Some(named)) => named,
        (None, None) => {
            if text.chars().any(char::is_alphabetic) {
                diags.push(
                    Diagnostic::new(
                        &codes::LANG_UNKNOWN,
                        None,
                        "the language of the text was not recognised; reading it as English",
                    )
                    .hint("force the language with --lang, e.g. --lang de"),
                );
            }
            english()
        }
    }
}

/// The number on the cover and the one in the file name (`B9-0146-2021_EN`) must agree; names
/// without a number say nothing.
fn check_number_against_name(
    cover: &crate::model::Cover,
    source_name: &str,
    diags: &mut Collector,
) {
    let (Some(stated), Some(named)) = (
        &cover.doc_number,
        patterns::doc_number_from_file_name(source_name),
    ) else {
        return;
    };
    if stated.value != named {
        diags.push(
            Diagnostic::new(
                &codes::DOC_NUMBER_FILENAME,
                Some(stated.span),
                format!(
                    "the cover states {} but the file name {source_name} says {named}",
                    stated.value
                ),
            )
            .hint("rename the file, or correct the number on the cover"),
        );
    }
}

/// Where the parts of the text start, as line indices.
struct Anchors {
    /// The cover is `lines[..cover_end]`.
    cover_end: usize,
    /// The resolution's own title, if found.
    title: Option<usize>,
    /// The formula line, if found.
    formula: Option<usize>,
    /// The first line of the preamble blocks (the formula when there is one).
    body_start: usize,
}

fn find_anchors(lines: &[Line<'_>], profile: &Profile) -> Anchors {
    // The formula may be wrapped over the next lines (`Europaparlamentet utfärdar denna` /
    // `resolution`).
    let formula = (0..lines.len()).find(|&i| {
        lines[i].kind == Kind::Text
            && (profile.formula.iter()).any(|f| opens_wrapped(lines, i, lines.len(), f))
    });
    let body_start =
        formula.unwrap_or_else(|| first_structural_line(lines, profile).unwrap_or(lines.len()));
    let title = lines[..body_start]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, l)| l.kind == Kind::Text)
        .take(40)
        .find(|&(i, _)| {
            (profile.resolution_titles.iter()).any(|f| opens_wrapped(lines, i, body_start, f))
        })
        .map(|(i, _)| i);
    Anchors {
        cover_end: title.unwrap_or(body_start),
        title,
        formula,
        body_start,
    }
}

/// Whether `lines[i]`, with the text lines after it (before `end`) joined on when it is shorter
/// than `phrase`, opens with `phrase`: a phrase hard-wrapped over up to four lines.
fn opens_wrapped(lines: &[Line<'_>], i: usize, end: usize, phrase: &str) -> bool {
    let first = lines::strip_marks(&lines[i].text);
    if crate::vocab::loose::starts_with_loose(first, phrase).is_some() {
        return true;
    }
    if first.len() >= phrase.len() {
        return false;
    }
    let mut t = first.to_string();
    for next in lines[i + 1..end].iter().take(4) {
        // Loose matching may skip marks and doubled spaces: join on past the phrase's length.
        if next.kind != Kind::Text || t.len() >= 2 * phrase.len() {
            break;
        }
        t.push(' ');
        t.push_str(lines::strip_marks(&next.text));
    }
    crate::vocab::loose::starts_with_loose(&t, phrase).is_some()
}

/// Without a formula: the first citation, recital or paragraph line.
fn first_structural_line(lines: &[Line<'_>], profile: &Profile) -> Option<usize> {
    lines.iter().position(|l| {
        if l.kind != Kind::Text || l.escaped {
            return false;
        }
        let t = patterns::unwrap_emphasis(&l.text);
        let after_label = match label::read(t, profile) {
            Some((label::Label::Number(..) | label::Label::Letter(_), _)) => return true,
            Some((_, at)) => &t[at..],
            None => t,
        };
        profile
            .citation_openers
            .iter()
            .chain(&profile.recital_openers)
            .any(|o| crate::vocab::loose::starts_with_loose(after_label, o).is_some())
    })
}

/// The resolution's title (and the lines under it) between the cover and the formula. A document
/// number repeated there (page furniture) fills in the cover's when the cover lacks one.
fn read_title(
    src: &str,
    lines: &[Line<'_>],
    anchors: &Anchors,
    width: usize,
    profile: &Profile,
    motion: &mut Motion,
) {
    let Some(start) = anchors.title else { return };
    if motion.cover.doc_number.is_none() {
        motion.cover.doc_number = lines[start..anchors.body_start].iter().find_map(|l| {
            let value = patterns::doc_number(patterns::unwrap_emphasis(&l.text))?;
            Some(crate::model::Located {
                value,
                span: l.span(src),
            })
        });
    }
    let mut blocks =
        blocks::group(src, lines, start..anchors.body_start, width, profile).into_iter();
    let para = |b: blocks::Block| crate::model::Para {
        inlines: inline::parse(&b.text, &[]),
        span: b.span,
    };
    motion.title = blocks.next().map(para);
    motion.title_notes = blocks.map(para).collect();
}

/// Facts the cover does not state but the rest of the text does: the procedure in the title, the
/// kind of a text adopted.
fn infer_cover_facts(motion: &mut Motion) {
    if motion.cover.procedure.is_none() {
        if let Some(title) = &motion.title {
            let t = title.plain_text();
            if let Some((s, e)) = patterns::find_procedure(&t) {
                motion.cover.procedure = Some(crate::model::Located {
                    value: t[s..e].to_string(),
                    span: title.span,
                });
            }
        }
    }
    let cover = &motion.cover;
    let bare = cover.kind_text.is_none()
        && cover.doc_number.is_none()
        && cover.authors.is_empty()
        && cover.rule_line.is_none();
    if bare && (motion.source_name.starts_with("TA-") || motion.source_name.contains("_TA")) {
        motion.cover.kind = DocKind::TextAdopted;
    }
}

/// What the reader's unit tests share: read a few lines, look at what came out.
#[cfg(test)]
pub(crate) mod testing {
    use super::{blocks, cover, find_anchors, lines, structure};
    use crate::diag::{Collector, Diagnostic};
    use crate::lang::Profile;
    use crate::model::{BodyItem, Cover, Motion, Para, Paragraph, Parsed, Point};
    use crate::read::ReadOptions;

    pub fn en() -> &'static Profile {
        crate::lang::profile("en").expect("the English profile is built in")
    }

    /// Reads `text` whole, in `lang`.
    pub fn read_in(lang: &str, text: &str) -> Parsed {
        let options = ReadOptions {
            lang: Some(lang.to_string()),
            ..ReadOptions::default()
        };
        super::parse(text, &options)
    }

    /// Reads `text` whole, in English.
    pub fn read(text: &str) -> Parsed {
        read_in("en", text)
    }

    /// Reads all of `text` as the cover, in English.
    pub fn cover(text: &str) -> (Cover, Vec<Diagnostic>) {
        cover_in("en", text)
    }

    /// Reads all of `text` as the cover, in `lang`.
    pub fn cover_in(lang: &str, text: &str) -> (Cover, Vec<Diagnostic>) {
        let profile = crate::lang::profile(lang).expect("a built-in language");
        let mut diags = Collector::new();
        let lines = lines::split(text, profile, &mut diags);
        let width = lines::width(&lines);
        let cover = cover::read(text, &lines, lines.len(), width, profile, &mut diags);
        (cover, diags.finish())
    }

    /// Builds the resolution's structure from `text` with `profile`, which need not be built in.
    pub fn structure(text: &str, profile: &Profile) -> (Motion, Vec<Diagnostic>) {
        let mut diags = Collector::new();
        let lines = lines::split(text, profile, &mut diags);
        let anchors = find_anchors(&lines, profile);
        let (width, range) = (lines::width(&lines), anchors.body_start..lines.len());
        let body = blocks::group(text, &lines, range, width, profile);
        let mut motion = Motion::default();
        diags.merge(structure::Builder::new(profile).build(
            body,
            anchors.formula.is_some(),
            &mut motion,
        ));
        (motion, diags.finish())
    }

    /// The paragraphs' plain text.
    pub fn texts(paras: &[Para]) -> Vec<String> {
        paras.iter().map(Para::plain_text).collect()
    }

    /// The plain text of a paragraph that may be missing.
    pub fn words(para: &Option<Para>) -> String {
        para.as_ref().map(Para::plain_text).unwrap_or_default()
    }

    /// The diagnostics' codes, in order.
    pub fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.code).collect()
    }

    /// The operative paragraphs, headings left out.
    pub fn paragraphs(motion: &Motion) -> Vec<&Paragraph> {
        (motion.body.iter())
            .filter_map(|b| match b {
                BodyItem::Paragraph(p) => Some(p),
                BodyItem::Heading(_) => None,
            })
            .collect()
    }

    /// The points' numbers, with their children's in brackets: `a[i ii] b`.
    pub fn outline(points: &[Point]) -> String {
        let parts: Vec<String> = (points.iter())
            .map(|p| match p.points.is_empty() {
                true => p.num.value.to_string(),
                false => format!("{}[{}]", p.num.value, outline(&p.points)),
            })
            .collect();
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{codes, read, texts, words};
    use super::*;
    use crate::model::DocKind;

    const MOTION: &str = "The European Parliament,\n\n– having regard to its previous resolutions,\n\nA. whereas the situation is grave;\n\n1. Calls for an end to the violence;\n";

    fn parse_named(text: &str, source_name: &str) -> Parsed {
        let options = ReadOptions {
            source_name: source_name.to_string(),
            ..ReadOptions::default()
        };
        parse(text, &options)
    }

    #[test]
    fn a_forced_language_wins_over_the_text() {
        let parsed = super::testing::read_in("de", MOTION);
        assert_eq!(parsed.motion.lang, "de");
    }

    #[test]
    fn an_unknown_forced_language_falls_back_to_the_text() {
        let parsed = super::testing::read_in("xx", MOTION);
        assert_eq!(parsed.motion.lang, "en");
    }

    #[test]
    fn the_language_is_recognised_from_the_text() {
        let parsed = parse(MOTION, &ReadOptions::default());
        assert_eq!(parsed.motion.lang, "en");
        assert_eq!(codes(&parsed.diagnostics), Vec::<&str>::new());
    }

    #[test]
    fn the_file_name_gives_the_language_when_the_text_does_not() {
        let parsed = parse_named("Lorem ipsum dolor\n", "B9-0146-2021_DE");
        assert_eq!(parsed.motion.lang, "de");
        assert!(!codes(&parsed.diagnostics).contains(&"W-LANG-UNKNOWN"));
    }

    #[test]
    fn the_text_wins_over_a_file_name_that_disagrees() {
        let parsed = parse_named(MOTION, "B9-0146-2021_FR");
        assert_eq!(parsed.motion.lang, "en");
        assert_eq!(codes(&parsed.diagnostics), ["W-LANG-MISMATCH"]);
    }

    #[test]
    fn text_in_no_known_language_is_read_as_english_and_reported() {
        let parsed = parse("Lorem ipsum dolor\n", &ReadOptions::default());
        assert_eq!(parsed.motion.lang, "en");
        assert!(codes(&parsed.diagnostics).contains(&"W-LANG-UNKNOWN"));
    }

    #[test]
    fn empty_input_gives_input_empty_and_nothing_else() {
        for text in ["", "\n\n  \n", "\t\r\n"] {
            let parsed = parse(text, &ReadOptions::default());
            assert_eq!(codes(&parsed.diagnostics), ["E-INPUT-EMPTY"], "{text:?}");
            assert_eq!(parsed.motion.lang, "en");
            assert!(parsed.motion.body.is_empty());
        }
    }

    #[test]
    fn a_cover_number_unlike_the_file_name_is_reported() {
        let text = format!("B9-0146/2021\n\n{MOTION}");
        let same = parse_named(&text, "B9-0146-2021_EN");
        assert_eq!(codes(&same.diagnostics), Vec::<&str>::new());
        let other = parse_named(&text, "B9-0147-2021_EN");
        assert_eq!(codes(&other.diagnostics), ["W-DOCNUMBER-FILENAME"]);
        let unnumbered = parse_named(&text, "motion_EN");
        assert_eq!(codes(&unnumbered.diagnostics), Vec::<&str>::new());
    }

    #[test]
    fn the_title_stands_between_cover_and_formula() {
        let text = format!(
            "MOTION FOR A RESOLUTION\n\non the situation in Kazakhstan\n\nEuropean Parliament resolution on the situation in Kazakhstan\n\n{MOTION}"
        );
        let m = read(&text).motion;
        assert_eq!(words(&m.cover.title), "on the situation in Kazakhstan");
        assert_eq!(
            words(&m.title),
            "European Parliament resolution on the situation in Kazakhstan"
        );
        assert_eq!(words(&m.formula), "The European Parliament,");
        assert_eq!(m.citations.len(), 1);
    }

    #[test]
    fn lines_under_the_title_are_its_notes() {
        let text =
            format!("European Parliament resolution on Kazakhstan\n\n(2021/2544(RSP))\n\n{MOTION}");
        let m = read(&text).motion;
        assert_eq!(
            words(&m.title),
            "European Parliament resolution on Kazakhstan"
        );
        assert_eq!(texts(&m.title_notes), ["(2021/2544(RSP))"]);
    }

    #[test]
    fn a_formula_wrapped_over_two_lines_is_found() {
        let m =
            read("The European\nParliament,\n\n– having regard to X,\n\n1. Calls for Y;\n").motion;
        assert_eq!(words(&m.formula), "The European Parliament,");
        assert_eq!(m.citations.len(), 1);
    }

    #[test]
    fn without_a_formula_the_body_starts_at_the_first_structural_line() {
        let m = read("on Kazakhstan\n\nA. whereas X;\n\n1. Calls for Y;\n").motion;
        assert_eq!(m.formula, None);
        assert_eq!(words(&m.cover.title), "on Kazakhstan");
        assert_eq!(m.recitals.len(), 1);
        assert_eq!(m.body.len(), 1);
    }

    /// The cover after a resolution title and the lines under it.
    fn titled(title: &str) -> crate::model::Cover {
        read(&format!(
            "European Parliament resolution on Kazakhstan{title}\n\n{MOTION}"
        ))
        .motion
        .cover
    }

    #[test]
    fn a_number_under_the_title_fills_in_the_cover_number() {
        let number = titled("\n\nB9-0146/2021").doc_number.map(|n| n.value);
        assert_eq!(number.as_deref(), Some("B9-0146/2021"));
    }

    #[test]
    fn the_procedure_in_the_title_fills_in_the_cover() {
        let procedure = titled(" (2021/2544(RSP))").procedure.map(|p| p.value);
        assert_eq!(procedure.as_deref(), Some("2021/2544(RSP)"));
    }

    #[test]
    fn a_bare_cover_named_ta_is_a_text_adopted() {
        let named = |name: &str| parse_named(MOTION, name).motion.cover.kind;
        assert_eq!(named("TA-9-2021-0001_EN"), DocKind::TextAdopted);
        assert_eq!(named("B9-0146-2021_EN"), DocKind::MotionForResolution);
        let covered = parse_named(
            &format!("MOTION FOR A RESOLUTION\n\n{MOTION}"),
            "TA-9-2021-0001_EN",
        );
        assert_eq!(covered.motion.cover.kind, DocKind::MotionForResolution);
    }
}
