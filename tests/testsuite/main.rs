//! Integration tests: one binary, one module per feature, fixtures in `tests/fixtures/<feature>/`.

mod akn_check;
mod body_loss;
mod cli;
mod corpus;
mod docx;
mod faults;
mod golden;
mod harness;
mod languages;
mod make;
mod measure;
mod pdf;
mod props;
mod reader_memory;
mod reports;
mod samples;
mod xml;
