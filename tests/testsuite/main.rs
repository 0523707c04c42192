//! Integration tests: one binary, one module per feature, fixtures in `tests/fixtures/<feature>/`.

mod akn_check;
mod batch;
mod body_loss;
mod cli;
mod config;
mod corpus;
mod cover_shapes;
mod docx;
mod escaping;
mod faults;
mod golden;
mod harness;
mod languages;
mod make;
mod measure;
mod memory;
mod pdf;
mod props;
mod reader_memory;
mod readme;
mod reports;
mod samples;
mod unattended;
mod xml;
mod xml_verdicts;
