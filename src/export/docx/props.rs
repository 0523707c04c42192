//! The core properties (`docProps/core.xml`): title, creator, subject, keywords, language and
//! dates, all from the motion. docx-rs cannot set title or creator, so the part is written here.

use super::escape;
use crate::export::meta::DocMeta;
use crate::model::Date;

/// Created and modified time of a motion that states no date: a fixed epoch, never the clock.
pub const EPOCH: &str = "1980-01-01T00:00:00Z";

/// The `docProps/core.xml` part.
pub fn core(meta: &DocMeta, lang: Option<&str>) -> Vec<u8> {
    let when = meta
        .date
        .and_then(|d| Date::new(d.year, d.month, d.day))
        .map_or_else(|| EPOCH.to_string(), |d| format!("{d}T00:00:00Z"));
    let mut xml = String::with_capacity(1024);
    xml.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#);
    element(&mut xml, "dc:title", &meta.title);
    element(&mut xml, "dc:subject", &meta.subject);
    element(&mut xml, "dc:creator", &meta.author);
    element(&mut xml, "cp:keywords", &meta.keywords.join("; "));
    if let Some(lang) = lang {
        element(&mut xml, "dc:language", lang);
    }
    xml.push_str(&format!(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#
    ));
    xml.push_str("</cp:coreProperties>");
    xml.into_bytes()
}

fn element(xml: &mut String, name: &str, text: &str) {
    xml.push('<');
    xml.push_str(name);
    xml.push('>');
    xml.push_str(&escape(text));
    xml.push_str("</");
    xml.push_str(name);
    xml.push('>');
}
