//! Cover items made of facts only: the document number, the tabling date, the session number
//! and the procedure reference, alone or sharing a line (`7.5.2025 - (2025/2691(RSP))`,
//! `30.07.2019 B[9-0032/2019]`), in square brackets or not.

use crate::lang::Profile;
use crate::model::Date;
use crate::vocab::patterns;

/// One fact read from a cover line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    Number(String),
    /// The date, or the text of a date-shaped item that names no day of the calendar.
    Date(Result<Date, String>),
    Pe(String),
    Procedure(String),
}

/// The facts of `t` when they make up all of it (dashes between them aside), else `None`.
pub fn read(t: &str, profile: &Profile) -> Option<Vec<Fact>> {
    let mut found = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for token in t.split_whitespace() {
        if matches!(token, "-" | "–" | "—") {
            continue;
        }
        match fact(token) {
            Some(f) => found.push(f),
            None => words.push(token),
        }
    }
    if !words.is_empty() {
        let written = words.join(" ");
        let date = patterns::written_date(&written, &profile.months)?;
        found.push(Fact::Date(date.map_err(|()| written)));
    }
    (!found.is_empty()).then_some(found)
}

/// One token: a number (brackets anywhere in it ignored), a numeric date, a session number, a
/// procedure in parentheses.
fn fact(token: &str) -> Option<Fact> {
    let plain: String = token.chars().filter(|c| !matches!(c, '[' | ']')).collect();
    if let Some(n) = patterns::doc_number(&plain) {
        return Some(Fact::Number(n));
    }
    if let Some(pe) = patterns::pe_number(&plain) {
        return Some(Fact::Pe(pe));
    }
    if let Some(date) = patterns::numeric_date(&plain) {
        return Some(Fact::Date(date.map_err(|()| token.to_string())));
    }
    patterns::bracketed_procedure(&plain).map(|inner| Fact::Procedure(inner.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::read::text::testing::en;

    #[test]
    fn facts_alone_or_together() {
        let feb9 = Date::new(2021, 2, 9).unwrap();
        assert_eq!(read("9.2.2021", en()), Some(vec![Fact::Date(Ok(feb9))]));
        assert_eq!(
            read("30.07.2019 B[9-0032/2019]", en()),
            Some(vec![
                Fact::Date(Ok(Date::new(2019, 7, 30).unwrap())),
                Fact::Number("B9-0032/2019".into())
            ])
        );
        assert_eq!(
            read("7.5.2025 - (2025/2691(RSP))", en()),
            Some(vec![
                Fact::Date(Ok(Date::new(2025, 5, 7).unwrap())),
                Fact::Procedure("2025/2691(RSP)".into())
            ])
        );
        assert_eq!(
            read("[B9-0146/2021]", en()),
            Some(vec![Fact::Number("B9-0146/2021".into())])
        );
        assert_eq!(
            read("9 February 2021", en()),
            Some(vec![Fact::Date(Ok(feb9))])
        );
        assert_eq!(
            read("31.02.2021", en()),
            Some(vec![Fact::Date(Err("31.02.2021".into()))])
        );
        assert_eq!(
            read("PE662.890v01-00", en()),
            Some(vec![Fact::Pe("PE662.890v01-00".into())])
        );
    }

    #[test]
    fn text_is_no_fact() {
        assert_eq!(read("on the situation on 9 February 2021", en()), None);
        assert_eq!(read("Kati Piri", en()), None);
        assert_eq!(read("(21/2544(RSP))", en()), None);
    }
}
