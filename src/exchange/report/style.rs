//! The report's style sheet, inline in the page: local fonts only, colour never the only carrier
//! of meaning (bands and states also have letters and marks), and print rules so the report
//! prints or saves to PDF on A4 or Letter with each section on a new page.

pub const CSS: &str = r#"
:root {
  --ink: #1f2430; --muted: #5b6473; --rule: #d5d9e0; --paper: #ffffff; --accent: #23577a;
  --low: #cfe8cf; --medium: #fbe7a1; --high: #f6bf86; --critical: #ee8f8f;
  --bar: #3f6f94; --track: #eef1f5;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: var(--ink); background: var(--paper);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 2.1em; margin: 0 0 .2em; line-height: 1.2; }
h2 { font-size: 1.45em; margin: 0 0 .6em; padding-bottom: .2em; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1em; margin: 1.4em 0 .4em; }
p, li { max-width: 72ch; }
.text { white-space: pre-line; overflow-wrap: break-word; }
/* A token too long for any column (a URL, an id) may break anywhere; words never do. */
.long { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-style: italic; }
section { margin-top: 48px; }
.cover { min-height: 60vh; display: flex; flex-direction: column; justify-content: center;
  border-left: 6px solid var(--accent); padding-left: 28px; margin-top: 24px; }
.cover .client { font-size: 1.35em; margin: .2em 0; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin-top: 2em; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: .92em; }
th, td { border: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top;
  overflow-wrap: normal; word-break: normal; hyphens: manual; }
th { background: var(--track); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap, th.nowrap, span.nowrap { white-space: nowrap; }
td.figure, th.figure { text-align: right; font-variant-numeric: tabular-nums; }
td.name { min-width: 9em; }
td.progress { white-space: nowrap; }
td.progress svg { width: 5em; height: auto; vertical-align: middle; }
ul.members { margin: 0; padding-left: 1.1em; }
td.mark, th.mark { text-align: center; font-weight: 700; white-space: nowrap; }
/* The role's name turns inside its own header cell: the span turns, the cell grows to hold it. */
.matrix th.role { vertical-align: bottom; text-align: center; padding: 4px 2px; font-weight: 500; }
.matrix th.role span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  display: inline-block; }
.matrix { width: auto; max-width: 100%; }
.matrix td { text-align: center; min-width: 1.6em; padding: 2px 3px; font-weight: 700; }
.matrix td:first-child { text-align: left; font-weight: 400; }
.state { display: inline-block; min-width: 1.4em; font-weight: 700; }
ul.missing { margin: .2em 0 0; padding-left: 1.2em; color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }
figure { margin: 0 0 1em; max-width: 100%; }
figure > svg { max-width: 100%; height: auto; }
figcaption { font-weight: 600; margin-bottom: .3em; }
svg text { font-family: inherit; fill: var(--ink); }
svg .cell { stroke: #ffffff; stroke-width: 2; }
svg .band-low { fill: var(--low); } svg .band-medium { fill: var(--medium); }
svg .band-high { fill: var(--high); } svg .band-critical { fill: var(--critical); }
svg .letter { font-size: 11px; font-weight: 700; fill: var(--muted); }
svg .count { font-size: 18px; font-weight: 700; }
svg .axis { font-size: 11px; fill: var(--muted); }
svg .label { font-size: 12px; }
svg .bar { fill: var(--bar); }
svg .track { fill: var(--track); stroke: var(--muted); stroke-width: .5; }
svg .expected { stroke: var(--ink); stroke-width: 2; }
.legend span { display: inline-block; margin-right: 1em; }
ul.trends { list-style: none; padding-left: 0; margin: 0; flex: 1 1 300px; }
ul.trends > li { margin-bottom: .6em; }
figure.radar { flex: 0 1 330px; } figure.radar > p { margin-top: 0; }
.swatch { display: inline-block; width: .9em; height: .9em; border: 1px solid var(--muted);
  vertical-align: middle; margin-right: .3em; }
.swatch.low { background: var(--low); } .swatch.medium { background: var(--medium); }
.swatch.high { background: var(--high); } .swatch.critical { background: var(--critical); }
footer { margin-top: 64px; color: var(--muted); font-size: .85em; border-top: 1px solid var(--rule);
  padding-top: .6em; }
nav.toc ol { columns: 2; margin: .4em 0 0; padding-left: 1.4em; }
nav.toc a { color: var(--accent); text-decoration: none; }
.appendix h2::before { content: "Appendix · "; color: var(--muted); font-weight: 500; }
@media print {
  body { font-size: 9.5pt; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  .matrix { font-size: 8pt; }
  main { max-width: none; padding: 0; }
  .cover { min-height: 0; margin-top: 30%; }
  /* Sections follow on where the last one ended (a page each left most pages half empty);
     the cover with its contents, and the appendix, have pages of their own. */
  section { margin-top: 20pt; }
  nav.toc { break-after: page; page-break-after: always; }
  section.appendix { break-before: page; page-break-before: always; }
  /* The executive summary is a page of its own, the first after the cover. */
  #summary { margin-top: 0; break-after: page; page-break-after: always; }
  h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
  tr, figure, svg, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; border-bottom: 2px solid var(--ink); }
  footer { break-before: avoid; }
}
"#;
