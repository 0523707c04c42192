//! The cover page: number, date, session number, kind, request and Rule lines, title and
//! procedure, authors with their groups, and the motions a joint motion replaces.
//!
//! Lines are first joined into items (a title or a Rule line hard-wrapped over several lines is
//! one item, [`join`]), then each item is read by its shape ([`shapes`]).

mod facts;
mod fields;
mod join;
mod shapes;

use super::lines::Line;
use crate::diag::Collector;
use crate::lang::Profile;
use crate::model::Cover;

/// Reads the cover from `lines`, the first `cover_end` of the document's lines; `width` is the
/// document's [`super::lines::width`].
pub fn read(
    src: &str,
    lines: &[Line<'_>],
    cover_end: usize,
    width: usize,
    profile: &Profile,
    diags: &mut Collector,
) -> Cover {
    let items = join::items(src, &lines[..cover_end], width, profile);
    let mut reader = shapes::Reader::new(profile, diags);
    for (i, item) in items.iter().enumerate() {
        reader.read(item, items.get(i + 1));
    }
    reader.finish()
}
