//! The document type declaration, read here rather than by quick-xml (whose scan stops at the
//! first unbalanced `>`, even inside a quoted entity value or a comment): where it ends, and
//! the general entities its internal subset declares, for references in the text.

use std::collections::HashMap;

/// A declared general entity: its replacement text (an external entity, not fetched, has none).
pub type Entities = HashMap<String, String>;

/// Reads the declaration starting at `bytes[0]` (`<!DOCTYPE`). Returns the offset just past its
/// closing `>` and the entities declared, or what is wrong.
pub fn read(bytes: &[u8]) -> Result<(usize, Entities), String> {
    let mut s = Scanner { bytes, at: 0 };
    s.expect(b"<!DOCTYPE")?;
    let mut entities = Entities::new();
    loop {
        match s.peek() {
            None => return Err("the DOCTYPE declaration is never closed".into()),
            Some(b'>') => return Ok((s.at + 1, entities)),
            Some(b'"' | b'\'') => {
                s.literal()?;
            }
            Some(b'[') => {
                s.at += 1;
                s.subset(&mut entities)?;
            }
            Some(_) => s.at += 1,
        }
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn rest(&self) -> &[u8] {
        &self.bytes[self.at.min(self.bytes.len())..]
    }

    fn expect(&mut self, what: &[u8]) -> Result<(), String> {
        if self.rest().starts_with(what) {
            self.at += what.len();
            Ok(())
        } else {
            Err(format!(
                "expected `{}` in the DOCTYPE declaration",
                String::from_utf8_lossy(what)
            ))
        }
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// A quoted literal at the cursor; returns its content.
    fn literal(&mut self) -> Result<&[u8], String> {
        let quote = self.peek().ok_or("a literal is never closed")?;
        let start = self.at + 1;
        let len = self.bytes[start..]
            .iter()
            .position(|&b| b == quote)
            .ok_or("a quoted literal in the DOCTYPE declaration is never closed")?;
        self.at = start + len + 1;
        Ok(&self.bytes[start..start + len])
    }

    /// Skips to just past `end`.
    fn skip_past(&mut self, end: &[u8], what: &str) -> Result<(), String> {
        let len = self
            .rest()
            .windows(end.len())
            .position(|w| w == end)
            .ok_or_else(|| format!("{what} in the DOCTYPE declaration is never closed"))?;
        self.at += len + end.len();
        Ok(())
    }

    fn name(&mut self) -> String {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'"' | b'\'' | b'['))
        {
            self.at += 1;
        }
        String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned()
    }

    /// The internal subset, after its `[`, up to and past its `]`.
    fn subset(&mut self, entities: &mut Entities) -> Result<(), String> {
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return Err("the DOCTYPE's internal subset is never closed".into());
            }
            if rest.starts_with(b"]") {
                self.at += 1;
                return Ok(());
            } else if rest.starts_with(b"<!--") {
                self.at += 4;
                self.skip_past(b"-->", "a comment")?;
            } else if rest.starts_with(b"<?") {
                self.skip_past(b"?>", "a processing instruction")?;
            } else if rest.starts_with(b"<!ENTITY") {
                self.at += 8;
                self.entity(entities)?;
            } else if rest.starts_with(b"<!") {
                self.markup()?;
            } else if rest.starts_with(b"%") {
                self.skip_past(b";", "a parameter-entity reference")?;
            } else if rest[0].is_ascii_whitespace() {
                self.at += 1;
            } else {
                return Err("unexpected text in the DOCTYPE's internal subset".into());
            }
        }
    }

    /// A markup declaration (`<!ELEMENT`, `<!ATTLIST`, `<!NOTATION`): up to its `>`, quoted
    /// literals skipped.
    fn markup(&mut self) -> Result<(), String> {
        loop {
            match self.peek() {
                None => return Err("a declaration in the DOCTYPE is never closed".into()),
                Some(b'>') => {
                    self.at += 1;
                    return Ok(());
                }
                Some(b'"' | b'\'') => {
                    self.literal()?;
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// `<!ENTITY` after its keyword: a general entity's replacement text is kept (an external
    /// one has none); parameter entities are skipped.
    fn entity(&mut self, entities: &mut Entities) -> Result<(), String> {
        self.skip_space();
        let parameter = self.peek() == Some(b'%');
        if parameter {
            self.at += 1;
            self.skip_space();
        }
        let name = self.name();
        if name.is_empty() {
            return Err("an ENTITY declaration without a name".into());
        }
        self.skip_space();
        let value = match self.peek() {
            Some(b'"' | b'\'') => String::from_utf8_lossy(self.literal()?).into_owned(),
            _ => String::new(),
        };
        self.markup()?;
        // The first declaration of an entity binds it (XML 1.0 §4.2).
        if !parameter {
            entities.entry(name).or_insert(value);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_after_the_subset_whatever_its_literals_and_comments_hold() {
        let d = b"<!DOCTYPE a [<!ENTITY e '>'><!-- > --><?pi > ?><!ATTLIST a x CDATA \">\">]><a/>";
        let (end, entities) = read(d).unwrap();
        assert_eq!(&d[end..], b"<a/>");
        assert_eq!(entities["e"], ">");
        let (end, _) = read(b"<!DOCTYPE a SYSTEM 'x>y.dtd'><a/>").unwrap();
        assert_eq!(end, 29);
        assert!(read(b"<!DOCTYPE a [<!ENTITY e '>'>").is_err());
        assert!(read(b"<!DOCTYPE a [ junk ]>").is_err());
    }
}
