//! A partner's pack written as the report's HTML page (same frame, print rules and footer) or
//! as Markdown: each section a heading with its paragraphs, notes and tables.

use std::fmt::Write;

use super::escape::{html_text, markdown_cell, markdown_line};
use super::html::{cell, frame, note, open_section, table};
use super::partner_pack::{Block, PartnerPack};

pub fn html(pack: &PartnerPack) -> String {
    let mut body = String::with_capacity(32 * 1024);
    for section in &pack.sections {
        body.push_str(&open_section(section.id, &section.heading));
        for block in &section.blocks {
            match block {
                Block::Text(text) => {
                    let _ = writeln!(body, "<p class=\"text\">{}</p>", html_text(text));
                }
                Block::Note(text) => body.push_str(&note(text)),
                Block::Table { head, rows } => {
                    let head: Vec<&str> = head.iter().map(String::as_str).collect();
                    let rows: Vec<Vec<String>> = rows
                        .iter()
                        .map(|row| row.iter().map(|c| cell(c)).collect())
                        .collect();
                    body.push_str(&table(&head, &[], &rows));
                }
            }
        }
        body.push_str("</section>\n");
    }
    frame(&pack.cover, &pack.audience, &body)
}

pub fn markdown(pack: &PartnerPack) -> String {
    let mut out = String::with_capacity(16 * 1024);
    super::markdown::cover(&mut out, &pack.cover, &pack.audience);
    for section in &pack.sections {
        let _ = writeln!(out, "## {}\n", markdown_line(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Text(text) => {
                    let _ = writeln!(out, "{}\n", markdown_line(text));
                }
                Block::Note(text) => {
                    let _ = writeln!(out, "*{}*\n", markdown_line(text));
                }
                Block::Table { head, rows } => {
                    let head: Vec<String> = head.iter().map(|h| markdown_cell(h)).collect();
                    let head: Vec<&str> = head.iter().map(String::as_str).collect();
                    let rows: Vec<Vec<String>> = rows
                        .iter()
                        .map(|row| row.iter().map(|c| markdown_cell(c)).collect())
                        .collect();
                    super::markdown::table(&mut out, &head, &rows);
                }
            }
        }
    }
    out
}
