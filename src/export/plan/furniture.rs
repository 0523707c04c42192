//! The Parliament's page furniture a paged output prints where the source carries it: the PE
//! number and, under it, the motto between the language's code (`EN United in diversity EN`).
//! Nothing is invented: without the PE number, no footer furniture.

use crate::model::Motion;

/// The footer's furniture of `motion`: its PE number and the motto line (empty when the
/// language has no profile), or `None` when the source states no PE number.
pub fn footer(motion: &Motion) -> Option<(&str, String)> {
    let pe = motion.cover.pe_number.as_ref()?;
    let code = motion.lang.to_uppercase();
    let motto = crate::lang::profile(&motion.lang).map_or("", |p| p.motto.as_str());
    let line = match motto.is_empty() {
        true => String::new(),
        false => format!("{code} {motto} {code}"),
    };
    Some((pe.value.as_str(), line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Located;

    #[test]
    fn the_motto_comes_only_with_the_pe_number() {
        let mut motion = Motion {
            lang: "el".into(),
            ..Motion::default()
        };
        assert_eq!(footer(&motion), None);
        motion.cover.pe_number = Some(Located {
            value: "PE662.890v01-00".into(),
            span: Default::default(),
        });
        let (pe, motto) = footer(&motion).unwrap();
        assert_eq!(pe, "PE662.890v01-00");
        assert!(motto.starts_with("EL ") && motto.ends_with(" EL") && motto.len() > 6);
    }
}
