//! Integration tests: one binary, one module per feature, fixtures in `tests/fixtures/<feature>/`.

mod akn_check;
mod cli;
mod corpus;
mod docx;
mod golden;
mod harness;
mod languages;
mod make;
mod pdf;
mod reports;
mod samples;
mod xml;
