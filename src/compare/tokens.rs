//! The words a block of text is compared by: each run split at whitespace into words that keep
//! their emphasis, footnote calls as their marker, line breaks and paragraph ends as marks, so
//! that a word diff can be shown again as text with its emphasis and notes.

use crate::model::{Inline, Para};
use std::hash::{Hash, Hasher};

/// The hasher of blocks and words: they are matched by their hashes alone, inside one run, so a
/// fast one (no defence against chosen collisions is needed) rather than SipHash.
pub type Hashing = rustc_hash::FxHasher;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// A word, with its emphasis.
    Word {
        /// Bold.
        bold: bool,
        /// Italic.
        italic: bool,
    },
    /// A footnote call; the text is its marker.
    Note,
    /// A forced line break; no text.
    Break,
    /// The end of a paragraph of a block of several; no text.
    ParaEnd,
}

/// One word of a block (or a mark between words). Two tokens are equal when their text and mark
/// are: the whitespace before them (`glued`) and the note a call resolves to are presentation.
#[derive(Debug, Clone, Copy)]
pub struct Token<'m> {
    /// The word or the call's marker; empty for breaks and paragraph ends.
    pub text: &'m str,
    /// What it is.
    pub mark: Mark,
    /// No whitespace before it in the source (a footnote call after its word, a bold run
    /// against the next).
    pub glued: bool,
    /// For a call, the footnote it resolves to.
    pub note: Option<usize>,
}

impl PartialEq for Token<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.mark == other.mark
    }
}

impl Eq for Token<'_> {}

impl PartialOrd for Token<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Token<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.text, self.mark).cmp(&(other.text, other.mark))
    }
}

impl Hash for Token<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
        self.mark.hash(state);
    }
}

impl Token<'_> {
    /// Whether it is a word or a call, which the change list names, rather than a mark.
    pub fn is_word(&self) -> bool {
        match self.mark {
            // A word is split at whitespace, so it holds none: only an empty one is not a word.
            Mark::Word { .. } => !self.text.is_empty(),
            Mark::Note => !self.text.trim().is_empty(),
            Mark::Break | Mark::ParaEnd => false,
        }
    }
}

/// The tokens of paragraphs, in order, with a [`Mark::ParaEnd`] between two paragraphs.
pub fn of_paras<'m>(paras: impl IntoIterator<Item = &'m Para>, out: &mut Vec<Token<'m>>) {
    for (i, para) in paras.into_iter().enumerate() {
        if i > 0 {
            out.push(Token {
                text: "",
                mark: Mark::ParaEnd,
                glued: false,
                note: None,
            });
        }
        of_para(para, out);
    }
}

/// The tokens of one paragraph.
pub fn of_para<'m>(para: &'m Para, out: &mut Vec<Token<'m>>) {
    let mut after_space = true;
    for inline in &para.inlines {
        match inline {
            Inline::Text { text, bold, italic } => {
                let mark = Mark::Word {
                    bold: *bold,
                    italic: *italic,
                };
                // The text borrowed once (not dereferenced again at every word).
                let text: &'m str = text;
                // About one word in six bytes: the vector grows once or twice a block, not at
                // every power of two.
                out.reserve(text.len() / 6 + 1);
                let mut at = 0;
                loop {
                    let start = skip(text, at, true);
                    let space = start != at;
                    if start == text.len() {
                        after_space = after_space || space;
                        break;
                    }
                    let end = skip(text, start, false);
                    out.push(Token {
                        text: &text[start..end],
                        mark,
                        glued: !(after_space || space),
                        note: None,
                    });
                    after_space = false;
                    at = end;
                }
            }
            Inline::NoteRef { marker, note } => {
                out.push(Token {
                    text: marker,
                    mark: Mark::Note,
                    glued: !after_space,
                    note: *note,
                });
                after_space = false;
            }
            Inline::LineBreak => {
                out.push(Token {
                    text: "",
                    mark: Mark::Break,
                    glued: true,
                    note: None,
                });
                after_space = true;
            }
        }
    }
}

/// Where the run of whitespace (`space`), or of anything else, that starts at byte `at` of `text`
/// ends: whitespace as [`char::is_whitespace`] says, ASCII bytes looked up in [`ASCII_SPACE`].
fn skip(text: &str, mut at: usize, space: bool) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if ASCII_SPACE[b as usize] != space {
                break;
            }
            at += 1;
            continue;
        }
        match text[at..].chars().next() {
            Some(c) if c.is_whitespace() == space => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

/// Which ASCII bytes are whitespace for [`char::is_whitespace`]: tab to carriage return, and
/// space.
const ASCII_SPACE: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = b'\t';
    while b <= b'\r' {
        table[b as usize] = true;
        b += 1;
    }
    table[b' ' as usize] = true;
    table
};

/// Tokens of plain text (a cover value): its words, unemphasised.
pub fn of_text<'m>(text: &'m str, out: &mut Vec<Token<'m>>) {
    out.extend(text.split_whitespace().map(|w| Token {
        text: w,
        mark: Mark::Word {
            bold: false,
            italic: false,
        },
        glued: false,
        note: None,
    }));
}

/// The words of tokens, as the change list gives them.
pub fn words(tokens: &[Token<'_>]) -> Vec<String> {
    (tokens.iter())
        .filter(|t| t.is_word())
        .map(|t| t.text.to_string())
        .collect()
}

/// A hash of the tokens, for exact matching of blocks.
pub fn key(tokens: &[Token<'_>]) -> u64 {
    let mut hasher = Hashing::default();
    tokens.hash(&mut hasher);
    hasher.finish()
}

/// The hash of one token, as a bag holds it.
pub fn hash(token: &Token<'_>) -> u64 {
    let mut hasher = Hashing::default();
    token.hash(&mut hasher);
    hasher.finish()
}

/// The sorted hashes of the words, for the similarity of two blocks.
pub fn bag(tokens: &[Token<'_>]) -> Vec<u64> {
    let mut bag: Vec<u64> = (tokens.iter()).filter(|t| t.is_word()).map(hash).collect();
    bag.sort_unstable();
    bag
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    #[test]
    fn words_keep_emphasis_calls_and_glue() {
        let para = Para {
            inlines: vec![
                Inline::text("having regard to  its"),
                Inline::Text {
                    text: "resolution".into(),
                    bold: true,
                    italic: false,
                },
                Inline::NoteRef {
                    marker: "1".into(),
                    note: Some(0),
                },
                Inline::text(", and "),
                Inline::LineBreak,
                Inline::text("more"),
            ],
            span: Span::default(),
        };
        let mut tokens = Vec::new();
        of_para(&para, &mut tokens);
        let shown: Vec<(&str, bool)> = tokens.iter().map(|t| (t.text, t.glued)).collect();
        assert_eq!(
            shown,
            [
                ("having", false),
                ("regard", false),
                ("to", false),
                ("its", false),
                ("resolution", true),
                ("1", true),
                (",", true),
                ("and", false),
                ("", true),
                ("more", false),
            ]
        );
        assert_eq!(words(&tokens).len(), 9);
        assert_eq!(
            tokens[4].mark,
            Mark::Word {
                bold: true,
                italic: false
            }
        );
    }
}
