//! Integration tests: one binary, one module per feature, fixtures in `tests/fixtures/<feature>/`.

mod harness;
mod pdf;
