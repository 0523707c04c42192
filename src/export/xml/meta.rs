//! The `meta` block: FRBR identification, lifecycle, references (TLCs) and the Parliament's own
//! data in `proprietary`.

use super::frbr::iri_token;
use super::refs::{AUTHOR, CONVERTER, EDITOR, EP, ORIGINAL, PROCEDURE, TABLING};
use super::{nonblank, Doc, EP_NS};
use crate::model::Para;

/// `#id`.
fn hash(id: &str) -> String {
    let mut s = String::with_capacity(id.len() + 1);
    s.push('#');
    s.push_str(id);
    s
}

impl Doc<'_> {
    /// Writes `meta`.
    pub(super) fn meta(&mut self) {
        self.out.open("meta", &[]);
        self.identification();
        self.lifecycle();
        self.references();
        self.proprietary();
        self.out.close("meta");
    }

    fn identification(&mut self) {
        let source = hash(CONVERTER);
        self.out.open("identification", &[("source", &source)]);
        self.frbr_work();
        self.frbr_expression();
        self.frbr_manifestation();
        self.out.close("identification");
    }

    fn frbr_work(&mut self) {
        let motion = self.motion;
        let cover = &motion.cover;
        let work = self.frbr.work.clone();
        self.out.open("FRBRWork", &[]);
        self.out
            .line_empty("FRBRthis", &[("value", &format!("{work}/!main"))]);
        self.out.line_empty("FRBRuri", &[("value", &work)]);
        let aliases = [
            ("docNumber", nonblank(&cover.doc_number)),
            ("procedureReference", nonblank(&cover.procedure)),
            ("peNumber", nonblank(&cover.pe_number)),
        ];
        for (name, value) in aliases {
            if let Some(value) = value {
                self.out
                    .line_empty("FRBRalias", &[("name", name), ("value", value)]);
            }
        }
        self.frbr_date_and_authors();
        self.out.line_empty("FRBRcountry", &[("value", "eu")]);
        self.out
            .line_empty("FRBRsubtype", &[("value", cover.kind.akn_name())]);
        let number = self.frbr.number.clone();
        self.out.line_empty("FRBRnumber", &[("value", &number)]);
        let title = cover.title.as_ref().or(motion.title.as_ref());
        let name = title.map(Para::plain_text).unwrap_or_default();
        if !name.trim().is_empty() {
            self.out.line_empty("FRBRname", &[("value", name.trim())]);
        }
        self.out
            .line_empty("FRBRprescriptive", &[("value", "false")]);
        self.out.close("FRBRWork");
    }

    fn frbr_expression(&mut self) {
        let expression = self.frbr.expression.clone();
        self.out.open("FRBRExpression", &[]);
        self.out
            .line_empty("FRBRthis", &[("value", &format!("{expression}/!main"))]);
        self.out.line_empty("FRBRuri", &[("value", &expression)]);
        self.frbr_date_and_authors();
        self.out
            .line_empty("FRBRlanguage", &[("language", self.frbr.lang)]);
        self.out.close("FRBRExpression");
    }

    fn frbr_manifestation(&mut self) {
        let expression = self.frbr.expression.clone();
        let date = self.frbr.date.clone();
        self.out.open("FRBRManifestation", &[]);
        self.out
            .line_empty("FRBRthis", &[("value", &format!("{expression}/!main.xml"))]);
        self.out
            .line_empty("FRBRuri", &[("value", &format!("{expression}.akn"))]);
        self.out.line_empty(
            "FRBRdate",
            &[("date", &date), ("name", self.frbr.date_name())],
        );
        self.out.line_empty(
            "FRBRauthor",
            &[("href", &hash(CONVERTER)), ("as", &hash(EDITOR))],
        );
        self.out
            .line_empty("FRBRformat", &[("value", "application/akn+xml")]);
        self.out.close("FRBRManifestation");
    }

    /// The date and the authors of the Work and the Expression: the political groups, else
    /// the Members, else the Parliament.
    fn frbr_date_and_authors(&mut self) {
        let date = self.frbr.date.clone();
        self.out.line_empty(
            "FRBRdate",
            &[("date", &date), ("name", self.frbr.date_name())],
        );
        let author_role = hash(AUTHOR);
        let authors: Vec<String> = if !self.refs.groups.is_empty() {
            self.refs.groups.iter().map(|g| hash(&g.id)).collect()
        } else if !self.refs.persons.is_empty() {
            self.refs.persons.iter().map(|p| hash(&p.id)).collect()
        } else {
            vec![hash(EP)]
        };
        for href in &authors {
            self.out
                .line_empty("FRBRauthor", &[("href", href), ("as", &author_role)]);
        }
    }

    /// The tabling, when the text dates it.
    fn lifecycle(&mut self) {
        if !self.frbr.date_known {
            return;
        }
        let date = self.frbr.date.clone();
        self.out.open("lifecycle", &[("source", &hash(CONVERTER))]);
        self.out.line_empty(
            "eventRef",
            &[
                ("date", &date),
                ("source", &hash(ORIGINAL)),
                ("type", "generation"),
                ("refersTo", &hash(TABLING)),
            ],
        );
        self.out.close("lifecycle");
    }

    fn references(&mut self) {
        let motion = self.motion;
        let cover = &motion.cover;
        self.out.open("references", &[("source", &hash(CONVERTER))]);
        let expression = self.frbr.expression.clone();
        let number = self.frbr.number.clone();
        self.tlc("original", ORIGINAL, &expression, &number);
        self.tlc(
            "TLCOrganization",
            EP,
            "/akn/ontology/organization/eu/europeanParliament",
            "European Parliament",
        );
        for i in 0..self.refs.groups.len() {
            let (id, name) = (self.refs.groups[i].id.clone(), self.refs.groups[i].name);
            let href = format!("/akn/ontology/organization/eu/ep/politicalGroup/{id}");
            self.tlc("TLCOrganization", &id, &href, name);
        }
        self.tlc(
            "TLCOrganization",
            CONVERTER,
            "/akn/ontology/organization/motion-export",
            "motion-export",
        );
        for i in 0..self.refs.persons.len() {
            let (id, name) = (self.refs.persons[i].id.clone(), self.refs.persons[i].name);
            let href = format!("/akn/ontology/person/eu/ep/{id}");
            self.tlc("TLCPerson", &id, &href, name.trim());
        }
        self.tlc("TLCRole", AUTHOR, "/akn/ontology/role/author", "Author");
        self.tlc("TLCRole", EDITOR, "/akn/ontology/role/editor", "Editor");
        if self.frbr.date_known {
            self.tlc(
                "TLCEvent",
                TABLING,
                "/akn/ontology/event/tabling",
                "Tabling",
            );
        }
        if let (Some(id), Some(rule)) = (self.refs.rule.clone(), nonblank(&cover.rule)) {
            let href = format!("/akn/ontology/concept/eu/ep/rulesOfProcedure/{id}");
            self.tlc("TLCConcept", &id, &href, rule);
        }
        if let Some(procedure) = nonblank(&cover.procedure) {
            let href = format!("/akn/ontology/process/eu/ep/{}", iri_token(procedure));
            self.tlc("TLCProcess", PROCEDURE, &href, procedure);
        }
        self.out.close("references");
    }

    fn tlc(&mut self, element: &str, id: &str, href: &str, show_as: &str) {
        self.out
            .line_empty(element, &[("eId", id), ("href", href), ("showAs", show_as)]);
    }

    /// The Parliament's data that AKN has no element for, in the project's own namespace
    /// (`schemas/ep-proprietary.xsd`).
    fn proprietary(&mut self) {
        let motion = self.motion;
        let cover = &motion.cover;
        self.out
            .open("proprietary", &[("source", &hash(CONVERTER))]);
        self.out.open(
            "epx:motion",
            &[
                ("xmlns:epx", EP_NS),
                ("kind", cover.kind.akn_name()),
                ("sourceName", &motion.source_name),
            ],
        );
        let date = cover.date.as_ref().map(|d| d.value.to_string());
        let fields = [
            ("epx:docNumber", nonblank(&cover.doc_number)),
            ("epx:date", date.as_deref()),
            ("epx:peNumber", nonblank(&cover.pe_number)),
            ("epx:procedure", nonblank(&cover.procedure)),
            ("epx:rule", nonblank(&cover.rule)),
        ];
        for (element, value) in fields {
            if let Some(value) = value {
                self.out.line_text(element, &[], value);
            }
        }
        for replaced in &cover.replaces {
            match &replaced.group {
                Some(group) => self.out.line_empty(
                    "epx:replaces",
                    &[("number", &replaced.number), ("group", group)],
                ),
                None => self
                    .out
                    .line_empty("epx:replaces", &[("number", &replaced.number)]),
            }
        }
        self.out.close("epx:motion");
        self.out.close("proprietary");
    }
}
