//! Integration tests: one binary, one module per feature, fixtures in `tests/fixtures/<feature>/`.

mod corpus;
mod harness;
mod languages;
