//! Integration tests: one binary, one module per feature, fixtures in `tests/fixtures/<feature>/`.

mod cli;
mod corpus;
mod harness;
mod pdf;
mod samples;
