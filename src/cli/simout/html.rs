//! `report.html`: one self-contained page (inline CSS and SVG, no script,
//! nothing fetched) that opens in a browser without network access.
//!
//! It has a header (scenario, seed, replications, period), then (a) one
//! chart per metric at the province, each variant's mean with its 95%
//! interval; (b) the province's daily backlog per variant, a line in its
//! interval band; (c) the townships with the lowest and highest on-time
//! rate (statute) and share resolved locally, per variant.
//!
//! Every chart carries its data: each mark is an element of class `mark`
//! with `data-*` attributes (variant, day, mean, interval) and a `<title>`
//! that a browser shows on hover, and a `<table>` under the chart lists the
//! same figures. The markup is well-formed XHTML, so an XML parser reads
//! it. Every name is escaped (it comes from a file) and cut to
//! [`NAME_CHARS`]; the daily series are cut to [`MAX_POINTS`] points a
//! variant and the township lists to [`TOWNSHIPS_LISTED`], so the page's
//! size stays in proportion to the number of variants and metrics.

use std::collections::HashMap;
use std::io::Write;

use jiceng::sim::{Estimate, Level, Metric, Summary, Unit};

use super::{Index, Lang, human, human_cell};

/// At most this many points of a daily series are drawn, per variant.
pub(super) const MAX_POINTS: usize = 400;
/// At most this many townships are listed at each end of a ranking.
pub(super) const TOWNSHIPS_LISTED: usize = 10;
/// Names longer than this many characters are cut, with an ellipsis.
pub(super) const NAME_CHARS: usize = 80;
/// The metrics the township rankings are by.
const RANKED: [Metric; 2] = [Metric::OnTimeStatute, Metric::ResolvedLocally];
/// Series colours, reused in turn (colour-blind safe, Okabe and Ito).
const COLOURS: [&str; 6] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
];

const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; } h3 { font-size: 1em; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
figure { margin: 1em 0; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
svg text { font-size: 11px; fill: #333; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.ranks { display: flex; flex-wrap: wrap; gap: 1em; }
.legend { list-style: none; padding: 0; display: flex; gap: 1em; }
.swatch { display: inline-block; width: 1em; height: 0.6em; margin-right: 0.3em; }
.note { color: #555; font-size: 0.9em; }
.provisional { color: #a40; font-weight: bold; }
";

/// Writes the report of `summary` in `lang` to `out`.
pub(super) fn write(summary: &Summary, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let index = Index::new(summary);
    let mut h = String::new();
    head(&mut h, summary, lang);
    metrics(&mut h, summary, &index, lang);
    backlog(&mut h, summary, &index, lang);
    townships(&mut h, summary, &index, lang);
    h.push_str(&format!(
        "<footer class=\"note\"><p>{}</p></footer>\n</body>\n</html>\n",
        lang.pick(
            "Written by jiceng simulate from summary.json; the same figures are in metrics.csv and metrics.parquet.",
            "由 jiceng simulate 根据 summary.json 生成；相同数据另见 metrics.csv 与 metrics.parquet。"
        )
    ));
    out.write_all(h.as_bytes())
}

/// Text for an element or an attribute: the five XML specials escaped, and
/// characters XML forbids (most control characters, unpaired surrogates
/// cannot occur in a `str`, U+FFFE and U+FFFF) replaced by U+FFFD.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A name for display: cut to [`NAME_CHARS`] characters, then escaped.
pub(super) fn name(s: &str) -> String {
    if s.chars().count() > NAME_CHARS {
        let cut: String = s.chars().take(NAME_CHARS - 1).collect();
        esc(&format!("{cut}…"))
    } else {
        esc(s)
    }
}

/// A number for a `data-*` attribute: Rust's shortest exact form, which
/// parses back to the same `f64`.
fn num(v: f64) -> String {
    format!("{v:?}")
}

/// An optional number for a `data-*` attribute (empty when absent).
fn opt(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

/// A coordinate, to a tenth of a pixel; a non-finite value draws at 0.
fn px(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.1}")
    } else {
        "0.0".to_owned()
    }
}

fn head(h: &mut String, s: &Summary, lang: Lang) {
    let title = lang.pick("Simulation report", "仿真报告");
    let colon = lang.pick(": ", "：");
    let days = s.to.signed_duration_since(s.from).num_days() + 1;
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{}\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{title}{colon}{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n\
         <h1>{title}{colon}{}</h1>\n<dl class=\"facts\">\n",
        lang.pick("en", "zh-CN"),
        name(&s.scenario),
        name(&s.scenario),
    ));
    let variants: Vec<String> = s.variants.iter().map(|v| name(v)).collect();
    let facts = [
        (lang.pick("Scenario", "情景"), name(&s.scenario)),
        (lang.pick("Seed", "随机种子"), s.seed.to_string()),
        (
            lang.pick("Replications", "重复次数"),
            s.replications.to_string(),
        ),
        (
            lang.pick("Period", "模拟期间"),
            format!("{} – {} ({days} {})", s.from, s.to, lang.pick("days", "天")),
        ),
        (lang.pick("Variants", "方案"), variants.join(", ")),
        (
            lang.pick("Simulated events", "模拟事件数"),
            s.events.to_string(),
        ),
    ];
    for (k, v) in facts {
        h.push_str(&format!("<dt>{k}</dt><dd>{v}</dd>\n"));
    }
    if s.provisional {
        h.push_str(&format!(
            "<dt>{}</dt><dd class=\"provisional\">{}</dd>\n",
            lang.pick("Calendar", "日历"),
            lang.pick(
                "provisional: the period needs days outside the calendar's coverage, taken from the statutory holidays and the weekly rule",
                "暂定：模拟期间含日历覆盖范围以外的日期，按法定节假日和周休规则推算"
            )
        ));
    }
    h.push_str(&format!(
        "</dl>\n<p class=\"note\">{}</p>\n</header>\n",
        lang.pick(
            "Figures are means over the replications with their 95% confidence intervals; a reform's difference is paired with the baseline replication by replication (common random numbers).",
            "数值为各次重复的均值及其95%置信区间；改革方案与基准之差按重复逐次配对计算（共同随机数）。"
        )
    ));
}

/// A horizontal scale from the values' range to `[x0, x1]` pixels.
#[derive(Debug, Clone, Copy)]
struct Scale {
    lo: f64,
    hi: f64,
    x0: f64,
    x1: f64,
}

impl Scale {
    /// Spans the finite values with a tenth of their range either side; a
    /// single value gets a tenth of itself (or 1 for zero); none gets 0..1.
    fn over(values: impl Iterator<Item = f64>, x0: f64, x1: f64) -> Scale {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if lo > hi {
            (lo, hi) = (0.0, 1.0);
        }
        let pad = if hi > lo {
            (hi - lo) / 10.0
        } else if lo != 0.0 {
            lo.abs() / 10.0
        } else {
            1.0
        };
        Scale {
            lo: lo - pad,
            hi: hi + pad,
            x0,
            x1,
        }
    }

    fn at(self, v: f64) -> f64 {
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0);
        self.x0 + t * (self.x1 - self.x0)
    }
}

/// (a) One chart per metric the province has estimates of.
fn metrics(h: &mut String, s: &Summary, index: &Index<'_>, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"metrics\">\n<h2>{}</h2>\n",
        lang.pick(
            "Baseline against each reform, province level",
            "基准与各改革方案对比（全省）"
        )
    ));
    let province = index.province.unwrap_or_default();
    let base = s.variants.first().map(String::as_str).unwrap_or_default();
    let mut drawn = false;
    for &metric in Metric::ALL {
        let marks: Vec<&Estimate> = s
            .variants
            .iter()
            .filter_map(|v| index.total(v, province, metric))
            .collect();
        if marks.is_empty() {
            continue;
        }
        drawn = true;
        metric_chart(h, index, lang, metric, &marks, base);
    }
    if !drawn {
        h.push_str(&format!("<p>{}</p>\n", lang.pick("No data.", "无数据。")));
    }
    h.push_str("</section>\n");
}

fn metric_chart(
    h: &mut String,
    index: &Index<'_>,
    lang: Lang,
    metric: Metric,
    marks: &[&Estimate],
    base: &str,
) {
    let unit = metric.unit();
    let label = esc(lang.pick(metric.name_en(), metric.name_zh()));
    let (left, right, row) = (170.0, 540.0, 28.0);
    let height = 20.0 + row * marks.len() as f64 + 24.0;
    let scale = Scale::over(
        marks
            .iter()
            .flat_map(|e| [Some(e.mean), e.ci_low, e.ci_high])
            .flatten(),
        left,
        right,
    );
    h.push_str(&format!(
        "<figure class=\"chart\" data-chart=\"metric\" data-metric=\"{}\" data-points=\"{}\">\n\
         <figcaption>{label}</figcaption>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 560 {h_}\" width=\"560\" height=\"{h_}\" role=\"img\" aria-label=\"{label}\">\n",
        metric.code(),
        marks.len(),
        h_ = px(height),
    ));
    let axis_y = height - 22.0;
    h.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\" stroke=\"#999\"/>\n\
         <text x=\"{left}\" y=\"{ty}\">{}</text>\n\
         <text x=\"{right}\" y=\"{ty}\" text-anchor=\"end\">{}</text>\n",
        esc(&human(unit, scale.lo, false, lang)),
        esc(&human(unit, scale.hi, false, lang)),
        y = px(axis_y),
        ty = px(axis_y + 14.0),
    ));
    for (k, e) in marks.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let y = 20.0 + row * k as f64 + row / 2.0;
        let cell = human_cell(unit, e.mean, e.ci_low, e.ci_high, false, lang);
        h.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n\
             <g class=\"mark\" data-variant=\"{}\" data-mean=\"{}\" data-ci-low=\"{}\" data-ci-high=\"{}\" data-replications=\"{}\">\
             <title>{}: {}</title>",
            px(left - 8.0),
            px(y + 4.0),
            name(&e.variant),
            esc(&e.variant),
            num(e.mean),
            opt(e.ci_low),
            opt(e.ci_high),
            e.replications,
            name(&e.variant),
            esc(&cell),
        ));
        if let (Some(lo), Some(hi)) = (e.ci_low, e.ci_high) {
            let (a, b) = (px(scale.at(lo)), px(scale.at(hi)));
            h.push_str(&format!(
                "<line x1=\"{a}\" y1=\"{y_}\" x2=\"{b}\" y2=\"{y_}\" stroke=\"{colour}\" stroke-width=\"2\"/>\
                 <line x1=\"{a}\" y1=\"{t}\" x2=\"{a}\" y2=\"{u}\" stroke=\"{colour}\"/>\
                 <line x1=\"{b}\" y1=\"{t}\" x2=\"{b}\" y2=\"{u}\" stroke=\"{colour}\"/>",
                y_ = px(y),
                t = px(y - 5.0),
                u = px(y + 5.0),
            ));
        }
        h.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{colour}\"/></g>\n",
            px(scale.at(e.mean)),
            px(y),
        ));
    }
    h.push_str("</svg>\n");
    // The same figures as a table, with each reform's difference.
    let province = index.province.unwrap_or_default();
    h.push_str(&format!(
        "<details><summary>{}</summary>\n<table class=\"data\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        lang.pick("Data", "数据"),
        lang.pick("variant", "方案"),
        lang.pick("mean [95% CI]", "均值 [95%置信区间]"),
        lang.pick("difference from the baseline [95% CI]", "与基准之差 [95%置信区间]"),
        lang.pick("replications", "重复次数"),
    ));
    for e in marks {
        let d = if e.variant == base {
            String::new()
        } else {
            index
                .difference(&e.variant, province, metric)
                .map(|d| human_cell(unit, d.mean, d.ci_low, d.ci_high, true, lang))
                .unwrap_or_else(|| "-".to_owned())
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            name(&e.variant),
            esc(&human_cell(unit, e.mean, e.ci_low, e.ci_high, false, lang)),
            esc(&d),
            e.replications,
        ));
    }
    h.push_str("</tbody>\n</table>\n</details>\n</figure>\n");
}

/// Keeps at most `max` items, evenly spaced, the first and the last always
/// among them (for `max` ≥ 2).
pub(super) fn sample<T: Copy>(items: &[T], max: usize) -> Vec<T> {
    if items.len() <= max {
        return items.to_vec();
    }
    if max < 2 {
        return items.iter().take(max).copied().collect();
    }
    let last = items.len() - 1;
    (0..max)
        .filter_map(|i| items.get(i * last / (max - 1)).copied())
        .collect()
}

/// (b) The province's daily backlog, one line and band per variant.
fn backlog(h: &mut String, s: &Summary, index: &Index<'_>, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"backlog\">\n<h2>{}</h2>\n",
        lang.pick("Daily backlog, province level", "每日积压件数（全省）")
    ));
    let province = index.province.unwrap_or_default();
    // One pass over the daily rows, however many variants.
    let mut by_variant: HashMap<&str, Vec<&Estimate>> = HashMap::new();
    for e in &s.daily {
        if e.division == province && e.metric == Metric::Backlog && e.day.is_some() {
            by_variant.entry(e.variant.as_str()).or_default().push(e);
        }
    }
    let mut series: Vec<(&str, Vec<&Estimate>)> = Vec::new();
    for v in &s.variants {
        if let Some(mut points) = by_variant.remove(v.as_str()) {
            points.sort_by_key(|e| e.day);
            series.push((v, sample(&points, MAX_POINTS)));
        }
    }
    let total: usize = series.iter().map(|(_, p)| p.len()).sum();
    if total == 0 {
        h.push_str(&format!(
            "<p>{}</p>\n</section>\n",
            lang.pick("No data.", "无数据。")
        ));
        return;
    }
    let (x0, x1, y0, y1) = (60.0, 620.0, 20.0, 220.0);
    let span = s.to.signed_duration_since(s.from).num_days().max(1) as f64;
    let x = |e: &Estimate| {
        let d = e
            .day
            .map_or(0, |d| d.signed_duration_since(s.from).num_days()) as f64;
        x0 + (d / span).clamp(0.0, 1.0) * (x1 - x0)
    };
    let top = series
        .iter()
        .flat_map(|(_, p)| p.iter().flat_map(|e| [Some(e.mean), e.ci_high]))
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let top = if top > 0.0 { top * 1.05 } else { 1.0 };
    let y = |v: f64| {
        let t = (v / top).clamp(0.0, 1.0);
        y1 - t * (y1 - y0)
    };
    let label = esc(lang.pick("Daily backlog", "每日积压件数"));
    h.push_str(&format!(
        "<figure class=\"chart\" data-chart=\"backlog\" data-points=\"{total}\">\n\
         <figcaption>{label}</figcaption>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 250\" width=\"640\" height=\"250\" role=\"img\" aria-label=\"{label}\">\n\
         <line x1=\"{x0}\" y1=\"{y1}\" x2=\"{x1}\" y2=\"{y1}\" stroke=\"#999\"/>\n\
         <line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x0}\" y2=\"{y1}\" stroke=\"#999\"/>\n\
         <text x=\"{x0}\" y=\"238\">{}</text>\n<text x=\"{x1}\" y=\"238\" text-anchor=\"end\">{}</text>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\n<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
        s.from,
        s.to,
        px(x0 - 4.0),
        px(y1),
        px(x0 - 4.0),
        px(y0 + 4.0),
        esc(&human(Unit::Count, top, false, lang)),
    ));
    for (k, (variant, points)) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let banded: Vec<(f64, f64, f64)> = points
            .iter()
            .filter_map(|e| Some((x(e), e.ci_low?, e.ci_high?)))
            .collect();
        if banded.len() >= 2 {
            let mut d = String::new();
            for (i, (px_, _, hi)) in banded.iter().enumerate() {
                d.push_str(&format!(
                    "{}{},{} ",
                    if i == 0 { "M" } else { "L" },
                    px(*px_),
                    px(y(*hi))
                ));
            }
            for (px_, lo, _) in banded.iter().rev() {
                d.push_str(&format!("L{},{} ", px(*px_), px(y(*lo))));
            }
            d.push('Z');
            h.push_str(&format!(
                "<path class=\"band\" d=\"{d}\" fill=\"{colour}\" fill-opacity=\"0.2\" stroke=\"none\"/>\n"
            ));
        }
        let line: Vec<String> = points
            .iter()
            .map(|e| format!("{},{}", px(x(e)), px(y(e.mean))))
            .collect();
        h.push_str(&format!(
            "<polyline class=\"line\" data-variant=\"{}\" points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>\n",
            esc(variant),
            line.join(" ")
        ));
        for e in points {
            let day = e.day.map(|d| d.to_string()).unwrap_or_default();
            h.push_str(&format!(
                "<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"2\" fill=\"{colour}\" data-variant=\"{}\" data-day=\"{day}\" data-mean=\"{}\" data-ci-low=\"{}\" data-ci-high=\"{}\"><title>{}, {day}: {}</title></circle>\n",
                px(x(e)),
                px(y(e.mean)),
                esc(variant),
                num(e.mean),
                opt(e.ci_low),
                opt(e.ci_high),
                name(variant),
                esc(&human_cell(Unit::Count, e.mean, e.ci_low, e.ci_high, false, lang)),
            ));
        }
    }
    h.push_str("</svg>\n<ul class=\"legend\">\n");
    for (k, (variant, _)) in series.iter().enumerate() {
        h.push_str(&format!(
            "<li><span class=\"swatch\" style=\"background: {}\"></span>{}</li>\n",
            COLOURS[k % COLOURS.len()],
            name(variant)
        ));
    }
    h.push_str(&format!(
        "</ul>\n<details><summary>{}</summary>\n<table class=\"data\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        lang.pick("Data", "数据"),
        lang.pick("variant", "方案"),
        lang.pick("day", "日期"),
        lang.pick("backlog [95% CI]", "积压件数 [95%置信区间]"),
    ));
    for (variant, points) in &series {
        for e in points {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>\n",
                name(variant),
                e.day.map(|d| d.to_string()).unwrap_or_default(),
                esc(&human_cell(
                    Unit::Count,
                    e.mean,
                    e.ci_low,
                    e.ci_high,
                    false,
                    lang
                )),
            ));
        }
    }
    h.push_str("</tbody>\n</table>\n</details>\n</figure>\n</section>\n");
}

/// The townships of one variant and metric, lowest first (ties by code);
/// non-finite means are left out.
fn ranked<'a>(s: &'a Summary, index: &Index<'a>) -> HashMap<(&'a str, Metric), Vec<&'a Estimate>> {
    let mut by: HashMap<(&str, Metric), Vec<&Estimate>> = HashMap::new();
    for e in &s.totals {
        let township = index
            .places
            .get(e.division.as_str())
            .is_some_and(|p| p.level == Level::Township);
        // A hostile summary may repeat a township: the first entry counts,
        // as everywhere else.
        let first = index
            .total(&e.variant, &e.division, e.metric)
            .is_some_and(|f| std::ptr::eq(f, e));
        if township && first && RANKED.contains(&e.metric) && e.mean.is_finite() {
            by.entry((e.variant.as_str(), e.metric))
                .or_default()
                .push(e);
        }
    }
    for list in by.values_mut() {
        list.sort_by(|a, b| a.mean.total_cmp(&b.mean).then(a.division.cmp(&b.division)));
    }
    by
}

/// (c) The townships with the lowest and highest values, per variant.
fn townships(h: &mut String, s: &Summary, index: &Index<'_>, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"townships\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        lang.pick(
            "Townships and subdistricts with the lowest and highest values",
            "指标最低和最高的乡镇（街道）"
        ),
        lang.pick(
            "Whole-period means over the replications, with 95% intervals.",
            "全期各次重复的均值及95%置信区间。"
        ),
    ));
    let ranks = ranked(s, index);
    let mut any = false;
    for v in &s.variants {
        let lists: Vec<(Metric, &Vec<&Estimate>)> = RANKED
            .iter()
            .filter_map(|&m| ranks.get(&(v.as_str(), m)).map(|l| (m, l)))
            .collect();
        if lists.is_empty() {
            continue;
        }
        any = true;
        h.push_str(&format!("<h3>{}</h3>\n", name(v)));
        for (metric, list) in lists {
            let label = esc(lang.pick(metric.name_en(), metric.name_zh()));
            h.push_str(&format!(
                "<div class=\"ranks\" data-variant=\"{}\" data-metric=\"{}\">\n",
                esc(v),
                metric.code()
            ));
            let n = list.len().min(TOWNSHIPS_LISTED);
            let low: Vec<&Estimate> = list.iter().take(n).copied().collect();
            let high: Vec<&Estimate> = list.iter().rev().take(n).copied().collect();
            // Which end is worse depends on the metric; both ranked metrics
            // are better when higher.
            let higher_better = metric.higher_is_better() != Some(false);
            let (worst, best) = if higher_better {
                (low, high)
            } else {
                (high, low)
            };
            for (side, rows, title) in [
                ("worst", worst, lang.pick("Worst", "最差")),
                ("best", best, lang.pick("Best", "最好")),
            ] {
                h.push_str(&format!(
                    "<table class=\"rank\" data-side=\"{side}\">\n<caption>{title} {}: {label}</caption>\n\
                     <thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                    rows.len(),
                    lang.pick("rank", "排名"),
                    lang.pick("township", "乡镇（街道）"),
                    lang.pick("county", "县（市、区）"),
                    lang.pick("mean [95% CI]", "均值 [95%置信区间]"),
                ));
                for (k, e) in rows.iter().enumerate() {
                    let place = index.places.get(e.division.as_str());
                    let county = place
                        .and_then(|p| p.parent)
                        .and_then(|c| index.places.get(c))
                        .map(|c| c.name)
                        .unwrap_or_default();
                    h.push_str(&format!(
                        "<tr data-division=\"{}\" data-mean=\"{}\"><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>\n",
                        esc(&e.division),
                        num(e.mean),
                        k + 1,
                        name(place.map_or("", |p| p.name)),
                        name(county),
                        esc(&human_cell(metric.unit(), e.mean, e.ci_low, e.ci_high, false, lang)),
                    ));
                }
                h.push_str("</tbody>\n</table>\n");
            }
            h.push_str("</div>\n");
        }
    }
    if !any {
        h.push_str(&format!("<p>{}</p>\n", lang.pick("No data.", "无数据。")));
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn sampling_keeps_the_ends_and_spaces_the_rest_evenly() {
        let items: Vec<usize> = (0..1000).collect();
        let kept = sample(&items, 400);
        assert_eq!(kept.len(), 400);
        assert_eq!((kept[0], kept[399]), (0, 999));
        // Index i * 999 / 399: i = 1 gives 2 (999 / 399 = 2.5), i = 2 gives 5.
        assert_eq!((kept[1], kept[2]), (2, 5));
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(sample(&items[..5], 400), [0, 1, 2, 3, 4]);
        assert_eq!(sample(&items[..5], 1), [0]);
        assert_eq!(sample(&items[..5], 2), [0, 4]);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(esc("x\u{0}y\u{1f}z\u{fffe}"), "x\u{fffd}y\u{fffd}z\u{fffd}");
        assert_eq!(esc("tab\tline\n"), "tab\tline\n");
        assert_eq!(name(&"a".repeat(NAME_CHARS)), "a".repeat(NAME_CHARS));
    }

    #[test]
    fn a_name_of_81_characters_is_cut_and_one_of_80_is_not() {
        assert_eq!(name(&"b".repeat(81)), format!("{}…", "b".repeat(79)));
        assert_eq!(name(&"b".repeat(80)), "b".repeat(80));
    }
}
