//! `meta`: the FRBR identification checked (every level and element the profile requires, the
//! IRIs nested level by level, the language agreeing), the references' names kept for the
//! authors, and the Parliament's data from `proprietary` (`epx:motion`).

use super::preface::located;
use super::tree::Element;
use super::Doc;
use crate::diag::codes;
use crate::diag::{Diagnostic, Span};
use crate::lang::LANGUAGES;
use crate::model::Motion;

/// Each FRBR level, the elements it must hold, and the attribute each must have.
const LEVELS: [(&str, &[(&str, &str)]); 3] = [
    (
        "FRBRWork",
        &[
            ("FRBRthis", "value"),
            ("FRBRuri", "value"),
            ("FRBRdate", "date"),
            ("FRBRauthor", "href"),
            ("FRBRcountry", "value"),
        ],
    ),
    (
        "FRBRExpression",
        &[
            ("FRBRthis", "value"),
            ("FRBRuri", "value"),
            ("FRBRdate", "date"),
            ("FRBRauthor", "href"),
            ("FRBRlanguage", "language"),
        ],
    ),
    (
        "FRBRManifestation",
        &[
            ("FRBRthis", "value"),
            ("FRBRuri", "value"),
            ("FRBRdate", "date"),
            ("FRBRauthor", "href"),
        ],
    ),
];

/// The value of `attr` on the `name` child of `level`, when there is one and it is not blank.
fn value<'e>(level: Option<Element<'e>>, name: &str, attr: &str) -> Option<&'e str> {
    level?
        .child(name)?
        .attr(attr)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// The `FRBRuri` of a level, empty when it has none.
fn uri<'e>(level: Option<Element<'e>>) -> &'e str {
    value(level, "FRBRuri", "value").unwrap_or_default()
}

/// An IRI of a level (`FRBRthis`, `FRBRuri`) and where it is.
fn iri<'e>(level: Option<Element<'e>>, name: &str) -> Option<(&'e str, Span)> {
    let at = level.and_then(|l| l.child(name)).map(|c| c.span());
    value(level, name, "value").zip(at)
}

impl Doc<'_> {
    pub(super) fn meta(&mut self, e: &Element, motion: &mut Motion) {
        motion.lang = "en".into();
        for c in e.elements() {
            match c.name() {
                "references" => {
                    for r in c.elements() {
                        if let (Some(id), Some(name)) = (r.attr("eId"), r.attr("showAs")) {
                            self.refs.insert(id.to_string(), name.to_string());
                        }
                    }
                }
                "proprietary" => proprietary(&c, motion),
                _ => {}
            }
        }
        match e.child("identification") {
            Some(identification) => self.identification(&identification, motion),
            None => self.metadata(e.span(), "`meta` has no `identification`".into()),
        }
    }

    fn metadata(&mut self, span: Span, message: String) {
        self.diags.push(
            Diagnostic::new(&codes::AKN_METADATA, Some(span), message).hint(
                "`motion-export convert` writes the FRBR identification a motion needs; compare with its output",
            ),
        );
    }

    fn identification(&mut self, e: &Element, motion: &mut Motion) {
        for (level, required) in LEVELS {
            let Some(l) = e.child(level) else {
                self.metadata(e.span(), format!("`identification` has no `{level}`"));
                continue;
            };
            for (name, attr) in required {
                match l.child(name) {
                    None => self.metadata(l.span(), format!("`{level}` has no `{name}`")),
                    Some(x) if value(Some(l), name, attr).is_none() => {
                        self.metadata(x.span(), format!("`{name}` of `{level}` has no `@{attr}`"))
                    }
                    Some(_) => {}
                }
            }
        }
        self.iris_nest(e);
        self.language(e, motion);
    }

    /// The Work's and the Expression's `FRBRthis` lie under their `FRBRuri`; the Expression's
    /// IRI under the Work's, the Manifestation's under the Expression's.
    fn iris_nest(&mut self, e: &Element) {
        let [work, expression, manifestation] = LEVELS.map(|(level, _)| e.child(level));
        let work_uri = format!("{}/", uri(work).trim_end_matches('/'));
        // A Manifestation's `FRBRuri` is the Expression's plus a format (`.akn`), its
        // `FRBRthis` the Expression's plus the component (`/!main.xml`): both are checked
        // against the Expression.
        let nests = [
            (
                work,
                "FRBRthis",
                uri(work),
                "`FRBRthis` of `FRBRWork` is not under its `FRBRuri`",
            ),
            (
                expression,
                "FRBRthis",
                uri(expression),
                "`FRBRthis` of `FRBRExpression` is not under its `FRBRuri`",
            ),
            (
                expression,
                "FRBRuri",
                work_uri.as_str(),
                "the Expression's `FRBRuri` is not under the Work's",
            ),
            (
                manifestation,
                "FRBRuri",
                uri(expression),
                "the Manifestation's `FRBRuri` is not under the Expression's",
            ),
            (
                manifestation,
                "FRBRthis",
                uri(expression),
                "the Manifestation's `FRBRthis` is not under the Expression's `FRBRuri`",
            ),
        ];
        for (level, name, outer, message) in nests {
            // A missing IRI was reported already; `/` alone means the outer one is missing.
            let Some((inner, at)) = iri(level, name) else {
                continue;
            };
            if !outer.is_empty() && outer != "/" && !inner.starts_with(outer) {
                self.metadata(
                    at,
                    format!("{message}: `{inner}` does not start with `{outer}`"),
                );
            }
        }
    }

    /// The motion's language from `FRBRlanguage` (ISO 639-2/T), which the Expression's IRI
    /// repeats (`…/eng@2021-02-09`).
    fn language(&mut self, e: &Element, motion: &mut Motion) {
        let expression = e.child("FRBRExpression");
        let Some(code) = value(expression, "FRBRlanguage", "language") else {
            return;
        };
        let span = expression
            .and_then(|x| x.child("FRBRlanguage"))
            .map_or(e.span(), |l| l.span());
        match LANGUAGES.iter().find(|(_, three, _)| three.eq_ignore_ascii_case(code)) {
            Some((two, _, _)) => motion.lang = (*two).to_string(),
            None => self.diags.push(
                Diagnostic::new(
                    &codes::LANG_UNKNOWN,
                    Some(span),
                    format!("`FRBRlanguage` `{code}` is not one of the EU's languages; English rules are used"),
                )
                .hint("give the ISO 639-2/T code: eng, deu, fra, ell..."),
            ),
        }
        let iri_lang = value(expression, "FRBRuri", "value")
            .and_then(|uri| uri.rsplit('/').next())
            .and_then(|last| last.split('@').next());
        if let Some(iri_lang) = iri_lang.filter(|l| !l.eq_ignore_ascii_case(code)) {
            self.metadata(
                span,
                format!("`FRBRlanguage` is `{code}` but the Expression's IRI says `{iri_lang}`"),
            );
        }
    }
}

/// The Parliament's data the exporter records in `epx:motion`: the source name, and the cover
/// fields (the preface, read later, gives them again with better places).
fn proprietary(e: &Element, motion: &mut Motion) {
    let Some(data) = e.elements().find(|c| c.name() == "motion") else {
        return;
    };
    if let Some(name) = data.attr("sourceName") {
        motion.source_name = name.to_string();
    }
    let cover = &mut motion.cover;
    for field in data.elements() {
        let value = Some(located(&field)).filter(|l| !l.value.is_empty());
        match field.name() {
            "docNumber" => cover.doc_number = value,
            "peNumber" => cover.pe_number = value,
            "procedure" => cover.procedure = value,
            "rule" => cover.rule = value,
            _ => {}
        }
    }
}
