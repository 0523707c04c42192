//! Text that the reader would take as markup, written so that it reads back as text.

use std::borrow::Cow;

/// A run of text as it may stand in the canonical form.
pub(super) fn text(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}
