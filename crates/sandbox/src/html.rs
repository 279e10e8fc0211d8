//! The run as one self-contained HTML page: the plan, how long it ran and whether it was
//! interrupted, every chart inline as SVG, and the actions and reverts as tables. Inline CSS, no
//! scripts, nothing fetched: the file can be mailed or opened offline.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::charts::{self, Chart};
use crate::report::Report;

/// The page for `report`.
pub fn page(report: &Report) -> String {
    page_with(report, &charts::all(report))
}

/// The page for `report` showing `charts` (already drawn from it).
pub fn page_with(report: &Report, charts: &[Chart]) -> String {
    let plan = escape(&report.plan);
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>ERA sandbox: {plan}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>ERA sandbox run: {plan}</h1>\n"
    );
    if report.interrupted {
        let _ = writeln!(
            html,
            "<p class=\"interrupted\">Interrupted: the run was stopped at {} of simulated time, \
             before the plan's end; the charts end there.</p>",
            duration(report.seconds)
        );
    }
    let _ = writeln!(
        html,
        "<dl>\n<dt>Plan</dt><dd>{plan}</dd>\n<dt>Simulated time</dt><dd>{}</dd>\n\
         <dt>Blocks</dt><dd>{}</dd>\n<dt>Samples</dt><dd>{}</dd>\n\
         <dt>Interrupted</dt><dd>{}</dd>\n</dl>",
        duration(report.seconds),
        report.blocks,
        report.samples.len(),
        if report.interrupted { "yes" } else { "no" },
    );
    html.push_str("<nav><ul>\n");
    for c in charts {
        let _ = writeln!(html, "<li><a href=\"#{}\">{}</a></li>", c.name, c.title);
    }
    html.push_str("</ul></nav>\n");
    for c in charts {
        let _ = writeln!(
            html,
            "<figure id=\"{}\">\n{}<figcaption>{}</figcaption>\n</figure>",
            c.name, c.svg, c.note
        );
    }
    table(&mut html, "Actions by kind", "Kind", &report.actions);
    table(&mut html, "Reverts by error", "Error", &report.reverts);
    project(&mut html, report);
    html.push_str("</body>\n</html>\n");
    html
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em auto;max-width:1000px;color:#222}\
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}\
.interrupted{background:#fde2e1;border-left:4px solid #d62728;padding:.5em 1em}\
figure{margin:2em 0}figcaption{color:#555;max-width:760px}\
svg{max-width:100%;height:auto}table{border-collapse:collapse;margin-bottom:2em}\
th,td{border:1px solid #ccc;padding:.3em .8em;text-align:left}td.n{text-align:right}";

/// A two-column table of counts with a total row (and a `none` row when there are none).
fn table(html: &mut String, caption: &str, what: &str, counts: &BTreeMap<String, u64>) {
    let _ = writeln!(
        html,
        "<h2>{caption}</h2>\n<table>\n<thead><tr><th>{what}</th><th>Count</th></tr></thead>\n<tbody>"
    );
    for (name, n) in counts {
        let _ = writeln!(html, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", escape(name));
    }
    let total: u64 = counts.values().sum();
    if counts.is_empty() {
        html.push_str("<tr><td>none</td><td class=\"n\">0</td></tr>\n");
    }
    let _ = writeln!(
        html,
        "</tbody>\n<tfoot><tr><th>Total</th><td class=\"n\">{total}</td></tr></tfoot>\n</table>"
    );
}

/// The project's contracts (address, deployment gas) and its calls (runs, reverts, gas), when
/// the plan has any.
fn project(html: &mut String, report: &Report) {
    if report.contracts.is_empty() {
        return;
    }
    html.push_str(
        "<h2>Project contracts</h2>\n<table>\n<thead><tr><th>Name</th><th>Artifact</th>\
         <th>Address</th><th>Deployment gas</th></tr></thead>\n<tbody>\n",
    );
    for c in &report.contracts {
        let at = c.address.map_or_else(
            || format!("not deployed: {}", escape(c.error.as_deref().unwrap_or(""))),
            |a| a.to_string(),
        );
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{at}</td><td class=\"n\">{}</td></tr>",
            escape(&c.name),
            escape(&c.artifact),
            c.gas
        );
    }
    html.push_str(
        "</tbody>\n</table>\n<h2>Project calls</h2>\n<table>\n<thead><tr><th>Call</th>\
         <th>Ran</th><th>Reverted</th><th>Gas min</th><th>Gas mean</th><th>Gas max</th>\
         <th>Reverts</th></tr></thead>\n<tbody>\n",
    );
    for c in &report.calls {
        let reverts: Vec<String> = c.reverts.iter().map(|(e, n)| format!("{n} x {e}")).collect();
        let _ = writeln!(
            html,
            "<tr><td>{}.{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{:.0}</td><td class=\"n\">{}</td>\
             <td>{}</td></tr>",
            escape(&c.contract),
            escape(&c.function),
            c.ran,
            c.reverted,
            c.gas.min,
            c.gas.mean,
            c.gas.max,
            escape(&reverts.join(", "))
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

/// `5400` -> `1 h 30 min (5400 s)`; `45` -> `45 s`.
fn duration(seconds: u64) -> String {
    if seconds < 60 {
        return format!("{seconds} s");
    }
    let parts: Vec<String> =
        [(seconds / 3600, "h"), (seconds / 60 % 60, "min"), (seconds % 60, "s")]
            .into_iter()
            .filter(|&(v, _)| v > 0)
            .map(|(v, unit)| format!("{v} {unit}"))
            .collect();
    format!("{} ({seconds} s)", parts.join(" "))
}

/// Text for an HTML element or attribute: plan and error names come from files and contracts.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
