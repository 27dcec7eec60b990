//! Deliverables written from a workbook: the client report (HTML or Markdown) and the XLSX
//! registers. They read through `workbook`, never with SQL of their own.

pub mod report;
pub mod xlsx;
