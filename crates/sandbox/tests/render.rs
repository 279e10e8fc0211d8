//! The report's charts, page and files, drawn from a realistic promotion run built here, and the
//! page opened in headless Chromium (Debian's `chromium`; `make install` installs it). Without
//! Chromium the render test fails: it is part of the suite, not optional.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use era_sandbox::charts::{self, Chart};
use era_sandbox::{Report, Sample, ScenarioSample, html, output};

const STEP: u64 = 60;
const PROMOTION: (u64, u64) = (600, 2400);
/// The shop's queue is unstable from the surge until the called-in nodes serve.
const UNSTABLE: [u64; 2] = [600, 660];
const CALLED_IN: (u64, u64) = (720, 3000);
const TRIPPED: (u64, u64) = (1800, 2400);

/// An hour of an e-commerce promotion: 3x load at t = 600 s, the queue unstable for two samples,
/// the module escalated from level 2 to 4 and 120 standby nodes called in, delay rising then
/// falling, the cool-down at t = 3000 s; meanwhile a financial scenario's domain trips its breaker
/// for ten minutes after a slash, and a light scenario carries on.
fn promotion() -> Report {
    let samples = (0..=3600 / STEP).map(|i| sample(i * STEP)).collect();
    let counts = |pairs: &[(&str, u64)]| pairs.iter().map(|&(k, n)| (k.to_string(), n)).collect();
    Report {
        plan: "promotion".into(),
        seconds: 3600,
        blocks: 300,
        interrupted: false,
        actions: counts(&[
            ("stake", 450),
            ("delegate", 2000),
            ("enroll", 450),
            ("authorize", 1200),
            ("escalate", 1),
            ("bid", 180),
            ("callIn", 1),
            ("slash", 1),
        ]),
        reverts: counts(&[("StakeBelowThreshold", 3), ("DomainUnderProvisioned", 1)]),
        samples,
        settlements: None,
        contracts: Vec::new(),
        calls: Vec::new(),
    }
}

fn sample(t: u64) -> Sample {
    let during = |(from, to): (u64, u64)| (from..to).contains(&t);
    let surge = during(PROMOTION);
    let called_in = if during(CALLED_IN) { 120 } else { 0 };
    // Delay peaks just after the call-in and eases as the promotion's backlog drains.
    let shop_delay = match t {
        _ if UNSTABLE.contains(&t) => None,
        _ if surge => Some(40.0 + 60.0 * (-((t - CALLED_IN.0) as f64) / 600.0).exp()),
        _ => Some(40.0),
    };
    let shop = ScenarioSample {
        domain: "enterprise".into(),
        level: if t > UNSTABLE[0] && t < CALLED_IN.1 { 4 } else { 2 },
        active_nodes: 100 + called_in,
        called_in,
        load_tps: if surge { 360.0 } else { 120.0 },
        delay_ms: shop_delay,
        provisioned: true,
        light: None,
    };
    let payments = ScenarioSample {
        domain: "financial".into(),
        level: 5,
        active_nodes: 300,
        called_in: 0,
        load_tps: 50.0,
        delay_ms: Some(210.0),
        provisioned: true,
        light: None,
    };
    let ticker = ScenarioSample {
        domain: "light".into(),
        level: 1,
        active_nodes: 50,
        called_in: 0,
        load_tps: 20.0,
        delay_ms: Some(12.0),
        provisioned: true,
        light: None,
    };
    let mut era_flows = BTreeMap::from([
        ("staked".to_string(), if t <= 300 { 45_000.0 } else { 0.0 }),
        ("delegated".to_string(), if t <= 300 { 20_000.0 } else { 500.0 }),
        ("fees".to_string(), if surge { 900.0 } else { 300.0 }),
    ]);
    if t == CALLED_IN.0 {
        era_flows.insert("callInPay".into(), 12_000.0);
    }
    if t == TRIPPED.0 {
        era_flows.insert("slashed".into(), 100_000.0);
    }
    Sample {
        t,
        block: t / 12,
        gas_used: match t {
            0 => 0,
            _ if t == CALLED_IN.0 => 15_000_000,
            _ if surge => 7_000_000,
            _ => 2_400_000,
        },
        tripped: if during(TRIPPED) { vec!["financial".into()] } else { vec![] },
        era_flows,
        scenarios: BTreeMap::from([
            ("shop-promotion".to_string(), shop),
            ("card-payments".to_string(), payments),
            ("ticker".to_string(), ticker),
        ]),
    }
}

fn chart<'c>(charts: &'c [Chart], name: &str) -> &'c Chart {
    charts.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no chart {name}"))
}

/// The chart's text labels.
fn texts(doc: &roxmltree::Document<'_>) -> BTreeSet<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect()
}

/// The colour of the legend mark drawn just before `label`.
fn legend_colour(doc: &roxmltree::Document<'_>, label: &str) -> String {
    let text = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(label));
    let mark =
        text.and_then(|t| t.prev_sibling_element()).unwrap_or_else(|| panic!("no {label:?}"));
    let paint = ["stroke", "fill"].into_iter().filter_map(|a| mark.attribute(a));
    paint.into_iter().find(|&p| p != "none").expect("a coloured mark").to_string()
}

/// Data lines (stroke width 2; legend marks are 3) in `colour`.
fn lines<'a>(doc: &'a roxmltree::Document<'a>, colour: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter(|n| {
            n.attribute("stroke") == Some(colour) && n.attribute("stroke-width") == Some("2")
        })
        .collect()
}

/// Widths of the rectangles filled with `fill`, in drawing order (the legend's last).
fn rects(doc: &roxmltree::Document<'_>, fill: &str) -> Vec<f64> {
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(fill))
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect()
}

/// Whether `part` pixels are `seconds` of the hour drawn in `whole` pixels, to the pixel.
fn spans(part: f64, whole: f64, seconds: u64) -> bool {
    (part - whole * seconds as f64 / 3600.0).abs() <= 1.0
}

#[test]
fn every_chart_is_well_formed_svg_with_its_series() {
    let report = promotion();
    let charts = charts::all(&report);
    let names: Vec<_> = charts.iter().map(|c| c.name).collect();
    assert_eq!(names, ["active-nodes", "module-level", "delay", "gas", "breakers", "era-flows"]);
    for c in &charts {
        let doc = roxmltree::Document::parse(&c.svg).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        assert!(doc.root_element().has_tag_name("svg"));
        let texts = texts(&doc);
        assert!(texts.contains(c.title), "{}: no title", c.name);
        assert!(texts.iter().any(|t| t.starts_with("simulated time (min)")), "{}", c.name);
    }

    let nodes = roxmltree::Document::parse(&chart(&charts, "active-nodes").svg).unwrap();
    for scenario in ["shop-promotion", "card-payments", "ticker"] {
        // One solid line through every sample (enrolled); the called-in line is drawn as dashes.
        let (solid, dashes): (Vec<_>, Vec<_>) =
            lines(&nodes, &legend_colour(&nodes, scenario)).into_iter().partition(|l| {
                l.attribute("points").unwrap().split_whitespace().count() >= report.samples.len()
            });
        assert_eq!(solid.len(), 1, "{scenario}");
        assert!(dashes.len() > 20, "{scenario}: {} dashes", dashes.len());
    }

    // The shop's level steps 2 -> 4 -> 2: its line holds exactly two heights.
    let levels = roxmltree::Document::parse(&chart(&charts, "module-level").svg).unwrap();
    let shop = lines(&levels, &legend_colour(&levels, "shop-promotion"));
    let points = shop[0].attribute("points").unwrap();
    let heights: BTreeSet<&str> = points.split(' ').filter_map(|p| p.split(',').nth(1)).collect();
    assert_eq!(heights.len(), 2, "{points}");

    // Gas bars tile the plot, one per sample.
    let gas = roxmltree::Document::parse(&chart(&charts, "gas").svg).unwrap();
    let bars = rects(&gas, &legend_colour(&gas, "gas used"));
    assert_eq!(bars.len(), report.samples.len() + 1);
    let plot_width: f64 = bars[..report.samples.len()].iter().sum();

    // The unstable queue breaks the shop's delay line in two and is shaded, once per episode.
    let delay = roxmltree::Document::parse(&chart(&charts, "delay").svg).unwrap();
    let shop = legend_colour(&delay, "shop-promotion");
    assert_eq!(lines(&delay, &shop).len(), 2);
    assert_eq!(lines(&delay, &legend_colour(&delay, "ticker")).len(), 1);
    let bands = rects(&delay, &shop);
    assert_eq!(bands.len(), 1, "one band in the shop's colour");
    assert!(spans(bands[0], plot_width, STEP * UNSTABLE.len() as u64), "{bands:?}");
    assert!(texts(&delay).contains("queue unstable"));
    assert!(rects(&delay, &legend_colour(&delay, "ticker")).is_empty());

    let breakers = roxmltree::Document::parse(&chart(&charts, "breakers").svg).unwrap();
    let tripped = legend_colour(&breakers, "tripped: channels closed");
    let trips = rects(&breakers, &tripped);
    assert_eq!(trips.len(), 1 + 1, "the trip's band and the legend's");
    let rows = rects(&breakers, &legend_colour(&breakers, "normal"));
    assert_eq!(rows.len(), 3 + 1, "a row per domain and the legend's");
    assert!(spans(trips[0], rows[0], TRIPPED.1 - TRIPPED.0), "{trips:?} of {rows:?}");
    assert!(["financial", "enterprise", "light"].iter().all(|d| texts(&breakers).contains(*d)));

    let flows = roxmltree::Document::parse(&chart(&charts, "era-flows").svg).unwrap();
    for flow in ["staked", "delegated", "fees", "callInPay", "slashed"] {
        assert_eq!(lines(&flows, &legend_colour(&flows, flow)).len(), 1, "{flow}");
    }
}

#[test]
fn a_long_legend_makes_every_chart_taller() {
    let mut report = promotion();
    for sample in &mut report.samples {
        let ticker = sample.scenarios["ticker"].clone();
        sample.scenarios.extend((0..20).map(|i| (format!("ticker-{i:02}"), ticker.clone())));
    }
    for c in charts::all(&report) {
        let doc = roxmltree::Document::parse(&c.svg).unwrap();
        let height: f64 = doc.root_element().attribute("height").unwrap().parse().unwrap();
        assert!(height > 420.0, "{}", c.name);
        let at = |n: &roxmltree::Node<'_, '_>, a| n.attribute(a).unwrap().parse::<f64>().unwrap();
        // The legend is the text right of the plot (690 of 960 pixels).
        let legend = doc.descendants().filter(|n| n.has_tag_name("text") && at(n, "x") > 690.0);
        let lowest = legend.map(|n| at(&n, "y")).fold(0.0, f64::max);
        assert!(lowest + 20.0 < height, "{}: legend at {lowest} of {height}", c.name);
    }
}

#[test]
fn a_lone_stable_sample_between_unstable_ones_is_a_dot() {
    let mut report = promotion();
    let mut shop_delay = |k: usize, delay| {
        report.samples[k].scenarios.get_mut("shop-promotion").unwrap().delay_ms = delay;
    };
    shop_delay(9, None);
    shop_delay(10, Some(90.0));
    let delay = chart(&charts::all(&report), "delay").svg.clone();
    let doc = roxmltree::Document::parse(&delay).unwrap();
    let colour = legend_colour(&doc, "shop-promotion");
    let dots = doc.descendants().filter(|n| n.has_tag_name("circle"));
    assert_eq!(dots.filter(|n| n.attribute("fill") == Some(colour.as_str())).count(), 1);
    assert_eq!(rects(&doc, &colour).len(), 2, "two unstable episodes");
}

#[test]
fn an_empty_report_still_draws_every_chart() {
    for c in charts::all(&Report::default()) {
        roxmltree::Document::parse(&c.svg).unwrap_or_else(|e| panic!("{}: {e}", c.name));
    }
}

#[test]
fn the_page_shows_every_chart_and_the_tables() {
    let report = promotion();
    let page = html::page(&report);
    for c in charts::all(&report) {
        assert!(page.contains(&format!("<figure id=\"{}\">", c.name)), "{}", c.name);
        assert!(page.contains(&format!("<a href=\"#{}\">{}</a>", c.name, c.title)), "{}", c.name);
        assert!(page.contains(&format!("<figcaption>{}</figcaption>", c.note)), "{}", c.name);
        assert!(page.contains(&c.svg), "{}", c.name);
    }
    for (name, n) in report.actions.iter().chain(&report.reverts) {
        assert!(page.contains(&format!("<td>{name}</td><td class=\"n\">{n}</td>")), "{name}");
    }
    assert!(page.contains("<dd>1 h (3600 s)</dd>"));
    assert!(page.contains("<dt>Interrupted</dt><dd>no</dd>"));
    assert!(no_fetch(&page));
}

/// The only URLs a page holds are the SVG namespace's, which is a name, not a fetch.
fn no_fetch(page: &str) -> bool {
    page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").find("http").is_none()
        && !page.contains("<script")
}

#[test]
fn an_interrupted_run_says_where_it_stopped() {
    let mut report = promotion();
    report.samples.truncate(20);
    report.seconds = report.samples[19].t;
    report.interrupted = true;
    report.plan = "<promo> & co".into();
    let page = html::page(&report);
    assert!(page.contains("Interrupted: the run was stopped at 19 min (1140 s)"));
    assert!(page.contains("<dt>Interrupted</dt><dd>yes</dd>"));
    assert!(page.contains("<h1>ERA sandbox run: &lt;promo&gt; &amp; co</h1>"));
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn write_puts_the_json_every_svg_and_the_page() {
    let report = promotion();
    let dir = scratch("sandbox-write");
    let files = output::write(&report, &dir).unwrap();
    let names: Vec<_> =
        files.iter().map(|p| p.strip_prefix(&dir).unwrap().to_str().unwrap()).collect();
    let mut expected = vec!["report.json".to_string()];
    expected.extend(charts::all(&report).iter().map(|c| format!("{}.svg", c.name)));
    expected.push("index.html".into());
    assert_eq!(names, expected);
    // A saved report draws the same charts again (its floats may differ in the last bit).
    let json = std::fs::read_to_string(dir.join("report.json")).unwrap();
    assert_eq!(charts::all(&serde_json::from_str(&json).unwrap()), charts::all(&report));
    assert_eq!(std::fs::read_to_string(dir.join("index.html")).unwrap(), html::page(&report));
}

/// Runs Debian's `chromium` headless on `args` with its output in `out`, failing the test if it
/// is missing, fails or hangs.
fn chromium(dir: &Path, out: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(out);
    // Into a file, not a pipe: a page's DOM outgrows the pipe's buffer while we wait.
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium is missing: `make install` installs Debian's chromium package");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish in 120 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "chromium {args:?}: {status}");
    out
}

#[test]
fn chromium_renders_the_page() {
    let report = promotion();
    let dir = scratch("sandbox-chromium");
    output::write(&report, &dir).unwrap();
    let url = format!("file://{}", dir.join("index.html").display());

    let dom = std::fs::read_to_string(chromium(&dir, "dom.html", &["--dump-dom", &url])).unwrap();
    let charts = charts::all(&report);
    assert_eq!(dom.matches("<svg").count(), charts.len(), "{dom}");
    for c in &charts {
        let figure = dom.find(&format!("<figure id=\"{}\">", c.name)).expect(c.name);
        let svg = &dom[figure..][..dom[figure..].find("</svg>").expect("a closed svg")];
        // Chromium parsed every shape of the chart into the page.
        for shape in ["<polyline", "<rect", "<text"] {
            let (parsed, drawn) = (svg.matches(shape).count(), c.svg.matches(shape).count());
            assert_eq!(parsed, drawn, "{}: {shape}", c.name);
            assert!(parsed > 0, "{}: no {shape}", c.name);
        }
    }

    let (colours, inked) = screenshot(&dir, &url);
    assert!(colours >= 100, "{colours} distinct colours: the page looks blank");
    assert!(inked > 0.05, "only {:.1}% of the page is drawn on", inked * 100.0);
}

/// The screenshot check's negative twin: a page with nothing drawn fails it.
#[test]
fn a_blank_page_fails_the_screenshot_check() {
    let dir = scratch("sandbox-chromium-blank");
    std::fs::create_dir_all(&dir).unwrap();
    let blank = dir.join("index.html");
    std::fs::write(&blank, "<!DOCTYPE html><title>blank</title>").unwrap();
    let (colours, inked) = screenshot(&dir, &format!("file://{}", blank.display()));
    assert!(colours < 100 && inked < 0.05, "{colours} colours, {inked} inked");
}

/// Chromium's screenshot of `url`: its distinct colours and the share of pixels not white.
fn screenshot(dir: &Path, url: &str) -> (usize, f64) {
    let shot = dir.join("index.png");
    let shot_arg = format!("--screenshot={}", shot.display());
    chromium(dir, "screenshot.log", &[&shot_arg, "--window-size=1100,4200", url]);
    let (width, height, colours, inked) = survey(&shot);
    assert_eq!((width, height), (1100, 4200));
    (colours, inked)
}

/// A PNG's size, its distinct colours, and the share of pixels that are not white.
fn survey(png: &Path) -> (u32, u32, usize, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let colours = pixels.iter().map(|p| &p[..3]).collect::<BTreeSet<_>>().len();
    let inked = pixels.iter().filter(|p| p[..3] != [255, 255, 255]).count();
    (info.width, info.height, colours, inked as f64 / pixels.len() as f64)
}
