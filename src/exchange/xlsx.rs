//! The registers as an XLSX workbook (placeholder until the writer lands).
