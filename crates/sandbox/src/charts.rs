//! The run's charts, drawn as SVG (plotters) from a [`Report`] alone, so a saved report renders
//! again: active nodes, module level, modeled verification delay, gas, breaker state and ERA flows,
//! each over simulated time, with a title, axis units and a legend. A scenario keeps its colour in
//! every chart. Text is laid out with plotters' font-free estimate and drawn by whatever shows the
//! SVG, so rendering needs no system fonts.

use std::collections::BTreeSet;
use std::error::Error;
use std::ops::Range;

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::report::{Report, Sample, ScenarioSample};

/// One chart of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// File stem and HTML anchor: `active-nodes`, `module-level`, `delay`, `gas`, `breakers`,
    /// `era-flows`.
    pub name: &'static str,
    /// What it shows; also drawn as its caption.
    pub title: &'static str,
    /// How to read it.
    pub note: &'static str,
    /// The SVG document.
    pub svg: String,
}

/// Every chart of the run, in the order the HTML page shows them.
pub fn all(report: &Report) -> Vec<Chart> {
    let run = Run::of(report);
    let chart = |name, title, note, draw: &dyn Fn(&Area<'_>, &Run<'_>) -> Drawn| Chart {
        name,
        title,
        note,
        svg: render(title, run.height, |area| draw(area, &run)),
    };
    vec![
        chart(
            "active-nodes",
            "Active nodes per scenario",
            "Solid: the scenario's eligible enrolled nodes. Dashed: nodes called in from the \
             standby pool, serving until the cool-down ends.",
            &active_nodes,
        ),
        chart(
            "module-level",
            "Active security module per scenario",
            "The level of the module verifying each scenario: it rises on escalation and \
             steps back after the cool-down.",
            &module_level,
        ),
        chart(
            "delay",
            "Modeled verification delay (M/M/c)",
            "Mean delay of an M/M/c queue with c = the active nodes. Shaded spans and breaks \
             in a line: the load exceeds what the nodes can serve, so the queue grows without \
             bound and no finite delay exists.",
            &delay,
        ),
        chart(
            "gas",
            "Gas used per sample interval",
            "Gas of the blocks mined between two samples: each bar spans its interval.",
            &gas,
        ),
        chart(
            "breakers",
            "Circuit breaker per risk domain",
            "Red: the domain's breaker has tripped and its channels to the other domains are \
             closed; the other domains carry on.",
            &breakers,
        ),
        chart(
            "era-flows",
            "ERA flows per sample interval",
            "ERA moved between two samples, by flow, on a log scale (a flow under 1 ERA is \
             drawn at 1).",
            &era_flows,
        ),
    ]
}

/// Pixel size of every chart, legend included; taller when the legend needs it.
const SIZE: (u32, u32) = (960, 420);
/// Width of the legend column right of the plot.
const LEGEND_WIDTH: u32 = 270;
/// Pixels from one legend entry to the next, and above the first.
const LEGEND_ROW: u32 = 22;
/// The title's height, over the plot and the legend.
const TITLE: u32 = 40;
/// Legend entries and lines that say what a series' style means rather than what it is.
const INK: RGBColor = RGBColor(0x55, 0x55, 0x55);
const FONT: &str = "sans-serif";
/// Tableau 10: distinguishable, and still readable for the common colour-vision deficiencies.
const PALETTE: [RGBColor; 10] = [
    RGBColor(0x4e, 0x79, 0xa7),
    RGBColor(0xf2, 0x8e, 0x2b),
    RGBColor(0x59, 0xa1, 0x4f),
    RGBColor(0xb0, 0x7a, 0xa1),
    RGBColor(0x9c, 0x75, 0x5f),
    RGBColor(0x76, 0xb7, 0xb2),
    RGBColor(0xed, 0xc9, 0x48),
    RGBColor(0xff, 0x9d, 0xa7),
    RGBColor(0xba, 0xb0, 0xac),
    RGBColor(0xe1, 0x57, 0x59),
];
const TRIPPED: RGBColor = RGBColor(0xd6, 0x27, 0x28);
const NORMAL: RGBColor = RGBColor(0xcd, 0xe8, 0xc9);
/// The domains in the order the breaker chart lists them (others seen in a report follow).
const DOMAINS: [&str; 3] = ["financial", "enterprise", "light"];

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Plot<'a, 'b, Y> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, Y>>;
/// A chart's legend, or why plotters could not draw it.
type Drawn = Result<Vec<Key>, Box<dyn Error>>;

/// A legend entry: a label and how its series is drawn.
struct Key {
    label: String,
    mark: Mark,
}

enum Mark {
    Line(RGBColor),
    Dashed(RGBColor),
    Band(RGBAColor),
}

fn key(label: impl Into<String>, mark: Mark) -> Key {
    Key { label: label.into(), mark }
}

/// What every chart needs from the report: its samples on the time axis and its scenarios.
struct Run<'r> {
    samples: &'r [Sample],
    /// Sample `k` holds from `spans[k].0` to `spans[k].1` (the next sample, or the run's end), in
    /// the axis unit.
    spans: Vec<(f64, f64)>,
    /// Scenario names in every sample, sorted: a scenario's index is its colour.
    scenarios: Vec<&'r str>,
    unit: &'static str,
    end: f64,
    /// Every chart's height: room for the longest legend (a line per scenario or flow, and two
    /// that explain styles).
    height: u32,
}

impl<'r> Run<'r> {
    fn of(report: &'r Report) -> Self {
        let samples = report.samples.as_slice();
        let last = samples.last().map_or(0, |s| s.t);
        let end_s = report.seconds.max(last).max(1);
        // Minutes and hours keep the tick labels short for the plans' hours-long runs.
        let (unit, per) = match end_s {
            0..=600 => ("s", 1.0),
            601..=21_600 => ("min", 60.0),
            _ => ("h", 3600.0),
        };
        let spans = samples
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let next = samples.get(k + 1).map_or(end_s, |n| n.t);
                (s.t as f64 / per, next.max(s.t) as f64 / per)
            })
            .collect();
        let scenarios: BTreeSet<&str> =
            samples.iter().flat_map(|s| s.scenarios.keys().map(String::as_str)).collect();
        let flows: BTreeSet<&str> =
            samples.iter().flat_map(|s| s.era_flows.keys().map(String::as_str)).collect();
        let entries = (scenarios.len() + 2).max(flows.len()) as u32;
        Run {
            samples,
            spans,
            scenarios: scenarios.into_iter().collect(),
            unit,
            end: end_s as f64 / per,
            height: SIZE.1.max(TITLE + LEGEND_ROW * (entries + 1)),
        }
    }

    fn x(&self, k: usize) -> f64 {
        self.spans[k].0
    }

    fn time_desc(&self) -> String {
        format!("simulated time ({})", self.unit)
    }

    /// Scenario `name` over time: (sample index, its state there).
    fn scenario<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = (usize, &'r ScenarioSample)> + 'a {
        self.samples
            .iter()
            .enumerate()
            .filter_map(move |(k, s)| s.scenarios.get(name).map(|c| (k, c)))
    }

    /// The stretches of time where `on(sample)` holds, consecutive samples merged: one shape per
    /// episode keeps a long run's SVG small.
    fn stretches(&self, on: impl Fn(&Sample) -> bool) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = Vec::new();
        let mut open = false;
        for (s, &(a, b)) in self.samples.iter().zip(&self.spans) {
            match out.last_mut() {
                Some(last) if open && on(s) => last.1 = b,
                _ if on(s) => out.push((a, b)),
                _ => {}
            }
            open = on(s);
        }
        out
    }

    /// Each scenario with its index in `scenarios` (its colour).
    fn coloured(&self) -> impl Iterator<Item = (&'r str, RGBColor)> + '_ {
        self.scenarios.iter().enumerate().map(|(i, name)| (*name, colour(i)))
    }
}

fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Draws one chart: title, plot on the left, legend on the right.
fn render(title: &str, height: u32, draw: impl FnOnce(&Area<'_>) -> Drawn) -> String {
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn Error>> {
        let root = SVGBackend::with_string(&mut svg, (SIZE.0, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let (top, body) = root.split_vertically(TITLE);
        top.titled(title, (FONT, 22))?;
        let (plot, side) = body.split_horizontally(SIZE.0 - LEGEND_WIDTH);
        let keys = draw(&plot)?;
        legend(&side, &keys)?;
        root.present()?;
        Ok(())
    })();
    // Plotters fails only when its backend does, and this backend appends to a String.
    drawn.expect("drawing an SVG into a String");
    svg
}

fn legend(area: &Area<'_>, keys: &[Key]) -> Result<(), Box<dyn Error>> {
    for (i, k) in keys.iter().enumerate() {
        let y = (LEGEND_ROW * (i as u32 + 1)) as i32;
        match k.mark {
            Mark::Line(c) => area.draw(&PathElement::new([(4, y), (34, y)], c.stroke_width(3)))?,
            Mark::Dashed(c) => {
                for x in [4, 16, 28] {
                    area.draw(&PathElement::new([(x, y), (x + 6, y)], c.stroke_width(3)))?;
                }
            }
            Mark::Band(c) => area.draw(&Rectangle::new([(4, y - 7), (34, y + 7)], c.filled()))?,
        }
        area.draw(&Text::new(k.label.clone(), (42, y - 8), (FONT, 17)))?;
    }
    Ok(())
}

/// A time plot with a numeric y axis, its mesh drawn.
fn plot<'a, 'b, Y>(
    area: &'a Area<'b>,
    run: &Run<'_>,
    y: Y,
    y_desc: &str,
    y_format: &dyn Fn(&f64) -> String,
) -> Result<Plot<'a, 'b, Y::CoordDescType>, Box<dyn Error>>
where
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let mut chart = builder(area, 72).build_cartesian_2d(0.0..run.end, y)?;
    axes(&mut chart.configure_mesh(), run, y_desc).y_label_formatter(y_format).draw()?;
    Ok(chart)
}

/// Every chart's margins, with room for `y_labels` pixels of y-axis labels.
fn builder<'a, 'b>(area: &'a Area<'b>, y_labels: u32) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(area);
    builder.margin(12).x_label_area_size(44).y_label_area_size(y_labels);
    builder
}

/// Every chart's axes: time along x, `y_desc` up y, one font and grid.
fn axes<'m, 'a, 'c, 's, Y: Ranged>(
    mesh: &'m mut MeshStyle<'a, 'c, RangedCoordf64, Y, SVGBackend<'s>>,
    run: &Run<'_>,
    y_desc: &str,
) -> &'m mut MeshStyle<'a, 'c, RangedCoordf64, Y, SVGBackend<'s>> {
    mesh.x_desc(run.time_desc())
        .y_desc(y_desc)
        .x_label_formatter(&number)
        .axis_desc_style((FONT, 17))
        .label_style((FONT, 15))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
}

/// `0..max` with headroom, never empty.
fn up_to(max: f64) -> Range<f64> {
    0.0..if max > 0.0 { max * 1.1 } else { 1.0 }
}

fn number(v: &f64) -> String {
    if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") }
}

fn active_nodes(area: &Area<'_>, run: &Run<'_>) -> Drawn {
    let max = run.samples.iter().flat_map(|s| s.scenarios.values()).map(|c| c.active_nodes).max();
    let mut chart = plot(area, run, up_to(f64::from(max.unwrap_or(0))), "nodes", &number)?;
    let mut keys = Vec::new();
    for (name, c) in run.coloured() {
        let enrolled = run
            .scenario(name)
            .map(|(k, s)| (run.x(k), f64::from(s.active_nodes.saturating_sub(s.called_in))));
        chart.draw_series(LineSeries::new(enrolled, c.stroke_width(2)))?;
        let called: Vec<_> =
            run.scenario(name).map(|(k, s)| (run.x(k), f64::from(s.called_in))).collect();
        chart.draw_series(DashedLineSeries::new(called, 8, 5, c.stroke_width(2)))?;
        keys.push(key(name, Mark::Line(c)));
    }
    keys.push(key("enrolled", Mark::Line(INK)));
    keys.push(key("called in", Mark::Dashed(INK)));
    Ok(keys)
}

fn module_level(area: &Area<'_>, run: &Run<'_>) -> Drawn {
    let level = |v: &f64| {
        if (1.0..=6.0).contains(v) && v.fract() == 0.0 { format!("{v:.0}") } else { String::new() }
    };
    let mut chart = plot(area, run, 0.0..7.0, "module level (1-6)", &level)?;
    let mut keys = Vec::new();
    for (i, (name, c)) in run.coloured().enumerate() {
        // A level holds until the next sample; scenarios at the same level are nudged apart so
        // each stays visible.
        let nudge = 0.15 * i as f64 / run.scenarios.len() as f64;
        let steps = run.scenario(name).flat_map(|(k, s)| {
            let y = f64::from(s.level) + nudge;
            [(run.spans[k].0, y), (run.spans[k].1, y)]
        });
        chart.draw_series(LineSeries::new(steps, c.stroke_width(2)))?;
        keys.push(key(name, Mark::Line(c)));
    }
    Ok(keys)
}

fn delay(area: &Area<'_>, run: &Run<'_>) -> Drawn {
    let max = run
        .samples
        .iter()
        .flat_map(|s| s.scenarios.values())
        .filter_map(|c| c.delay_ms)
        .fold(0.0, f64::max);
    let y = up_to(max);
    let top = y.end;
    let mut chart = plot(area, run, y, "mean delay (ms)", &number)?;
    let mut keys = Vec::new();
    let mut any_unstable = false;
    for (name, c) in run.coloured() {
        // An unstable queue has no finite delay: its spans are shaded, and the line breaks there.
        let unstable =
            run.stretches(|s| s.scenarios.get(name).is_some_and(|c| c.delay_ms.is_none()));
        let band = c.mix(0.25);
        chart.draw_series(
            unstable.iter().map(|&(a, b)| Rectangle::new([(a, 0.0), (b, top)], band.filled())),
        )?;
        let mut segment = Vec::new();
        let mut segments = Vec::new();
        for (k, s) in run.scenario(name) {
            match s.delay_ms {
                Some(d) => segment.push((run.x(k), d)),
                None => segments.push(std::mem::take(&mut segment)),
            }
        }
        segments.push(segment);
        for points in segments.into_iter().filter(|p| !p.is_empty()) {
            // A lone finite sample between unstable ones is a dot: a line needs two points.
            if let [p] = points[..] {
                chart.draw_series([Circle::new(p, 3, c.filled())])?;
            }
            chart.draw_series(LineSeries::new(points, c.stroke_width(2)))?;
        }
        keys.push(key(name, Mark::Line(c)));
        any_unstable |= !unstable.is_empty();
    }
    if any_unstable {
        keys.push(key("queue unstable", Mark::Band(INK.mix(0.25))));
    }
    Ok(keys)
}

fn gas(area: &Area<'_>, run: &Run<'_>) -> Drawn {
    let max = run.samples.iter().map(|s| s.gas_used).max().unwrap_or(0) as f64;
    let mut chart = plot(area, run, up_to(max / 1e6), "gas (millions)", &number)?;
    let c = colour(0);
    // A sample's gas was used since the previous sample: its bar spans that interval.
    let bars = run.samples.iter().enumerate().map(|(k, s)| {
        let from = if k == 0 { 0.0 } else { run.x(k - 1) };
        Rectangle::new([(from, 0.0), (run.x(k), s.gas_used as f64 / 1e6)], c.mix(0.8).filled())
    });
    chart.draw_series(bars)?;
    Ok(vec![key("gas used", Mark::Band(c.mix(0.8)))])
}

fn breakers(area: &Area<'_>, run: &Run<'_>) -> Drawn {
    let seen = run.samples.iter().flat_map(|s| s.tripped.iter().map(String::as_str));
    let extra: BTreeSet<&str> = seen.filter(|d| !DOMAINS.contains(d)).collect();
    let domains: Vec<&str> = DOMAINS.into_iter().chain(extra).collect();
    let rows = domains.len();
    // Domain d is the row from rows - d - 1 to rows - d, so the list reads top-down; the ticks
    // fall every half row and only the rows' centres are labelled.
    let name = |v: &f64| {
        let d = rows as f64 - v - 0.5;
        if d.fract() == 0.0 && d >= 0.0 { domains[d as usize].to_string() } else { String::new() }
    };
    let mut chart = builder(area, 100).build_cartesian_2d(0.0..run.end, 0.0..rows as f64)?;
    axes(&mut chart.configure_mesh(), run, "risk domain")
        .disable_y_mesh()
        .y_labels(2 * rows + 1)
        .y_label_formatter(&name)
        .draw()?;
    for (d, domain) in domains.iter().enumerate() {
        let top = (rows - d) as f64 - 0.05;
        let band =
            |(a, b), colour: RGBColor| Rectangle::new([(a, top - 0.9), (b, top)], colour.filled());
        if let (Some(first), Some(last)) = (run.spans.first(), run.spans.last()) {
            chart.draw_series([band((first.0, last.1), NORMAL)])?;
        }
        let tripped = run.stretches(|s| s.tripped.iter().any(|t| t == domain));
        chart.draw_series(tripped.into_iter().map(|span| band(span, TRIPPED)))?;
    }
    Ok(vec![
        key("normal", Mark::Band(NORMAL.to_rgba())),
        key("tripped: channels closed", Mark::Band(TRIPPED.to_rgba())),
    ])
}

fn era_flows(area: &Area<'_>, run: &Run<'_>) -> Drawn {
    let flows: BTreeSet<&str> =
        run.samples.iter().flat_map(|s| s.era_flows.keys().map(String::as_str)).collect();
    let max = run.samples.iter().flat_map(|s| s.era_flows.values().copied()).fold(0.0, f64::max);
    // Log scale: a slash or the first stakes dwarf the fees, which would otherwise lie on the
    // axis; a flow under 1 ERA (none, mostly) is drawn at 1.
    let y = (1.0..(max * 2.0).max(10.0)).log_scale();
    let mut chart = plot(area, run, y, "ERA moved (log scale)", &number)?;
    let mut keys = Vec::new();
    for (i, flow) in flows.into_iter().enumerate() {
        let c = colour(i);
        let points = run
            .samples
            .iter()
            .enumerate()
            .map(|(k, s)| (run.x(k), s.era_flows.get(flow).copied().unwrap_or(0.0).max(1.0)));
        chart.draw_series(LineSeries::new(points, c.stroke_width(2)))?;
        keys.push(key(flow, Mark::Line(c)));
    }
    Ok(keys)
}
