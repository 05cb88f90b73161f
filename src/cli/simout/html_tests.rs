//! Tests of `report.html`: it parses as XML, each chart has one mark per
//! point of the summary with its data, names are escaped, sizes bounded.

use roxmltree::{Document, Node};

use super::super::fixture::{self, PROVINCE, TOWN_A, TOWN_B, TOWN_C, TOWN_D, day, est};
use super::*;

fn report(summary: &Summary, lang: Lang) -> String {
    let mut out = Vec::new();
    write(summary, lang, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the report is UTF-8")
}

fn parse(text: &str) -> Document<'_> {
    // The page starts with the HTML5 doctype, which declares nothing.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    match Document::parse_with_options(text, options) {
        Ok(d) => d,
        Err(e) => panic!("the report is not well-formed: {e}\n{text}"),
    }
}

fn class(n: &Node<'_, '_>, c: &str) -> bool {
    n.attribute("class")
        .is_some_and(|a| a.split(' ').any(|x| x == c))
}

/// The charts of a document, by their `data-chart` kind.
fn charts<'a, 'i>(doc: &'a Document<'i>, kind: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("figure") && n.attribute("data-chart") == Some(kind))
        .collect()
}

fn marks<'a, 'i>(chart: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    chart.descendants().filter(|n| class(n, "mark")).collect()
}

fn title(mark: &Node<'_, '_>) -> String {
    mark.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
        .unwrap_or_default()
        .to_owned()
}

fn mean(mark: &Node<'_, '_>) -> f64 {
    mark.attribute("data-mean")
        .and_then(|m| m.parse().ok())
        .unwrap_or(f64::NAN)
}

#[test]
fn the_report_parses_in_both_languages() {
    for (lang, code) in [(Lang::En, "en"), (Lang::Zh, "zh-CN")] {
        let text = report(&fixture::summary(), lang);
        let doc = parse(&text);
        let root = doc.root_element();
        assert!(root.has_tag_name("html"));
        assert_eq!(root.attribute("lang"), Some(code));
    }
}

#[test]
fn the_header_names_scenario_seed_replications_and_period() {
    let text = report(&fixture::summary(), Lang::En);
    let doc = parse(&text);
    let facts: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("dt"))
        .map(|dt| {
            let dd = dt
                .next_sibling_element()
                .and_then(|d| d.text())
                .unwrap_or_default();
            (dt.text().unwrap_or_default().to_owned(), dd.to_owned())
        })
        .collect();
    // 3 to 5 March inclusive: 3 days.
    let expected = [
        ("Scenario", "two counties"),
        ("Seed", "42"),
        ("Replications", "5"),
        ("Period", "2025-03-03 – 2025-03-05 (3 days)"),
        ("Variants", "baseline, devolve"),
        ("Simulated events", "1234"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(facts, expected);
    let zh = report(&fixture::summary(), Lang::Zh);
    assert!(zh.contains("<dt>随机种子</dt><dd>42</dd>"), "{zh}");
}

#[test]
fn each_metric_chart_has_a_mark_per_province_estimate() {
    // The fixture's province has on time (statute), resolved locally and
    // mean working days for both variants, and the backlog for the
    // baseline only: four charts of 2, 2, 2 and 1 marks, in report order.
    let text = report(&fixture::summary(), Lang::En);
    let doc = parse(&text);
    let found: Vec<(String, usize)> = charts(&doc, "metric")
        .into_iter()
        .map(|c| {
            let n = marks(c).len();
            assert_eq!(c.attribute("data-points"), Some(n.to_string().as_str()));
            (c.attribute("data-metric").unwrap_or_default().to_owned(), n)
        })
        .collect();
    let expected = vec![
        ("on_time_statute".to_owned(), 2),
        ("resolved_locally".to_owned(), 2),
        ("mean_days_to_decision".to_owned(), 2),
        ("backlog".to_owned(), 1),
    ];
    assert_eq!(found, expected);
}

#[test]
fn each_metric_mark_carries_its_figures() {
    let text = report(&fixture::summary(), Lang::En);
    let doc = parse(&text);
    let chart = charts(&doc, "metric")[0];
    let m = marks(chart);
    // Baseline 0.80 [0.75, 0.85]; devolve 0.90 [0.86, 0.94].
    assert_eq!(m[0].attribute("data-variant"), Some("baseline"));
    assert_eq!(mean(&m[0]), 0.8);
    assert_eq!(m[0].attribute("data-ci-low"), Some("0.75"));
    assert_eq!(m[1].attribute("data-ci-high"), Some("0.94"));
    assert_eq!(title(&m[0]), "baseline: 80.0% [75.0, 85.0]");
    assert_eq!(title(&m[1]), "devolve: 90.0% [86.0, 94.0]");
    // Its table: one row per mark; the reform's row has its difference,
    // +0.10 [0.07, 0.13].
    let rows: Vec<Vec<String>> = chart
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .skip(1)
        .map(|tr| {
            tr.children()
                .filter(|c| c.has_tag_name("td"))
                .map(|td| td.text().unwrap_or_default().to_owned())
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            vec!["baseline", "80.0% [75.0, 85.0]", "", "5"],
            vec![
                "devolve",
                "90.0% [86.0, 94.0]",
                "+10.0 pp [+7.0, +13.0]",
                "5"
            ],
        ]
    );
    // Mean working days: the baseline has no interval, so no whisker; the
    // reform's has one (a line and two caps).
    let days = charts(&doc, "metric")[2];
    let m = marks(days);
    let lines = |n: &Node<'_, '_>| n.children().filter(|c| c.has_tag_name("line")).count();
    assert_eq!((lines(&m[0]), lines(&m[1])), (0, 3));
    assert_eq!(m[0].attribute("data-ci-low"), Some(""));
}

#[test]
fn the_backlog_chart_has_a_mark_per_daily_point() {
    // Six province points (three days, two variants); the county's row is
    // not drawn.
    let text = report(&fixture::summary(), Lang::En);
    let doc = parse(&text);
    let chart = charts(&doc, "backlog");
    assert_eq!(chart.len(), 1);
    let m = marks(chart[0]);
    assert_eq!(chart[0].attribute("data-points"), Some("6"));
    let seen: Vec<(String, String, f64)> = m
        .iter()
        .map(|n| {
            (
                n.attribute("data-variant").unwrap_or_default().to_owned(),
                n.attribute("data-day").unwrap_or_default().to_owned(),
                mean(n),
            )
        })
        .collect();
    let expected: Vec<(String, String, f64)> = [
        ("baseline", "2025-03-03", 10.0),
        ("baseline", "2025-03-04", 12.0),
        ("baseline", "2025-03-05", 14.0),
        ("devolve", "2025-03-03", 9.0),
        ("devolve", "2025-03-04", 10.0),
        ("devolve", "2025-03-05", 11.0),
    ]
    .iter()
    .map(|(v, d, m)| ((*v).to_owned(), (*d).to_owned(), *m))
    .collect();
    assert_eq!(seen, expected);
    assert_eq!(title(&m[1]), "baseline, 2025-03-04: 12.0 [9.0, 15.0]");
    // One line and one band a variant; the data table has a row a mark.
    let count = |c: &str| chart[0].descendants().filter(|n| class(n, c)).count();
    assert_eq!((count("line"), count("band")), (2, 2));
    // Each variant's line in its own colour, the palette's first two.
    let strokes: Vec<&str> = chart[0]
        .descendants()
        .filter(|n| class(n, "line"))
        .filter_map(|n| n.attribute("stroke"))
        .collect();
    assert_eq!(strokes, ["#0072b2", "#d55e00"]);
    let rows = chart[0]
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .count();
    assert_eq!(rows, 1 + 6);
}

/// The divisions listed in a ranking table, in order.
fn ranking(doc: &Document<'_>, variant: &str, metric: &str, side: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| {
            class(n, "ranks")
                && n.attribute("data-variant") == Some(variant)
                && n.attribute("data-metric") == Some(metric)
        })
        .flat_map(|d| d.descendants())
        .filter(|n| n.has_tag_name("table") && n.attribute("data-side") == Some(side))
        .flat_map(|t| t.descendants())
        .filter_map(|n| n.attribute("data-division"))
        .map(String::from)
        .collect()
}

#[test]
fn the_townships_are_ranked_worst_and_best() {
    // Baseline on time: A 0.70, B 0.90, C 0.60, D 0.95, so worst first C,
    // A, B, D and best first D, B, A, C. Devolve resolved locally: A 0.70,
    // B 0.80, C 0.75, D 0.78: worst A, C, D, B.
    let text = report(&fixture::summary(), Lang::En);
    let doc = parse(&text);
    assert_eq!(
        ranking(&doc, "baseline", "on_time_statute", "worst"),
        [TOWN_C, TOWN_A, TOWN_B, TOWN_D]
    );
    assert_eq!(
        ranking(&doc, "baseline", "on_time_statute", "best"),
        [TOWN_D, TOWN_B, TOWN_A, TOWN_C]
    );
    assert_eq!(
        ranking(&doc, "devolve", "resolved_locally", "worst"),
        [TOWN_A, TOWN_C, TOWN_D, TOWN_B]
    );
    // Two variants, two metrics, two sides.
    let tables = doc
        .descendants()
        .filter(|n| n.has_tag_name("table") && class(n, "rank"))
        .count();
    assert_eq!(tables, 8);
    // The row names the township and its county.
    assert!(
        text.contains("<td class=\"n\">1</td><td>Town C</td><td>South County</td><td class=\"n\">60.0% [55.0, 65.0]</td>"),
        "{text}"
    );
}

#[test]
fn at_most_ten_townships_are_listed_each_way() {
    // 30 townships with on-time rates 0.00, 0.01, ..., 0.29 (codes in the
    // same order): the worst ten are the first ten codes, the best ten the
    // last ten, highest first.
    let mut s = fixture::summary();
    s.totals.retain(|e| e.division == PROVINCE);
    let code = |k: usize| format!("1301001{k:02}000");
    for k in 0..30 {
        s.places.push(fixture::place(
            &code(k),
            &format!("T{k}"),
            Level::Township,
            Some(fixture::NORTH),
        ));
        s.totals.push(est(
            "baseline",
            &code(k),
            Metric::OnTimeStatute,
            None,
            k as f64 / 100.0,
            None,
            5,
        ));
    }
    let text = report(&s, Lang::En);
    let doc = parse(&text);
    let worst = ranking(&doc, "baseline", "on_time_statute", "worst");
    let best = ranking(&doc, "baseline", "on_time_statute", "best");
    assert_eq!(worst, (0..10).map(code).collect::<Vec<_>>());
    assert_eq!(best, (20..30).rev().map(code).collect::<Vec<_>>());
}

#[test]
fn hostile_names_are_escaped() {
    let mut s = fixture::summary();
    let evil = "<script>alert(1)</script>&amp;\"'";
    s.scenario = "</title><script>x()</script>".into();
    s.places[3].name = format!("<img src=x onerror=alert(1)>{evil}");
    s.places[1].name = "North\u{1}\u{ffff}County".into();
    s.variants[1] = "de\"vo<l>ve".into();
    for e in s.totals.iter_mut().chain(&mut s.daily) {
        if e.variant == "devolve" {
            e.variant = "de\"vo<l>ve".into();
        }
    }
    let text = report(&s, Lang::En);
    let doc = parse(&text);
    for tag in ["script", "img"] {
        assert_eq!(doc.descendants().filter(|n| n.has_tag_name(tag)).count(), 0);
    }
    assert!(!text.contains("<script"), "{text}");
    // The name reads back as it was written: escaped, not dropped.
    let cell = doc
        .descendants()
        .filter(|n| n.has_tag_name("td"))
        .find(|n| n.text().is_some_and(|t| t.starts_with("<img")));
    assert_eq!(
        cell.and_then(|c| c.text()),
        Some(format!("<img src=x onerror=alert(1)>{evil}").as_str())
    );
    // Characters XML forbids read as U+FFFD.
    assert!(
        text.contains("<td>North\u{fffd}\u{fffd}County</td>"),
        "{text}"
    );
    // The variant's marks still count and carry the name.
    let chart = charts(&doc, "metric")[0];
    assert_eq!(
        marks(chart)[1].attribute("data-variant"),
        Some("de\"vo<l>ve")
    );
}

#[test]
fn long_names_are_cut() {
    // 200 characters: 79 are kept and an ellipsis added, 80 in all.
    let mut s = fixture::summary();
    s.places[3].name = "镇".repeat(200);
    let text = report(&s, Lang::En);
    let cut = format!("<td>{}…</td>", "镇".repeat(79));
    assert!(text.contains(&cut));
    assert!(!text.contains(&"镇".repeat(80)));
}

#[test]
fn nothing_is_fetched_and_nothing_runs() {
    // No script, no link, no image, no source: the only addresses are the
    // namespace names of XHTML and SVG, which are never fetched.
    let text = report(&fixture::summary(), Lang::Zh);
    let doc = parse(&text);
    for tag in ["script", "link", "img", "iframe", "object", "use", "image"] {
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name(tag)).count(),
            0,
            "{tag}"
        );
    }
    for n in doc.descendants() {
        for a in n.attributes() {
            assert!(!["src", "href"].contains(&a.name()), "{}", a.name());
        }
    }
    let namespaces = text
        .matches("xmlns=\"http://www.w3.org/1999/xhtml\"")
        .count()
        + text.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
    // One page and five charts (four metrics, the backlog).
    assert_eq!(namespaces, 6);
    assert_eq!(text.matches("http").count(), namespaces);
    assert!(!text.contains("url("));
}

#[test]
fn long_series_are_cut_to_the_point_limit() {
    // 1,000 days of backlog a variant: 400 points each are drawn.
    let mut s = fixture::summary();
    s.to = day(1) + chrono::Duration::days(999);
    s.from = day(1);
    s.daily = ["baseline", "devolve"]
        .iter()
        .flat_map(|v| {
            (0..1000).map(move |k| {
                est(
                    v,
                    PROVINCE,
                    Metric::Backlog,
                    Some(day(1) + chrono::Duration::days(k)),
                    k as f64,
                    Some((k as f64 - 1.0, k as f64 + 1.0)),
                    5,
                )
            })
        })
        .collect();
    let text = report(&s, Lang::En);
    let doc = parse(&text);
    let chart = charts(&doc, "backlog")[0];
    let m = marks(chart);
    assert_eq!(m.len(), 2 * MAX_POINTS);
    assert_eq!(chart.attribute("data-points"), Some("800"));
    // The first and last days are kept.
    assert_eq!(m[0].attribute("data-day"), Some("2025-03-01"));
    assert_eq!(m[399].attribute("data-day"), Some("2027-11-25"));
}

#[test]
fn an_empty_summary_still_makes_a_page() {
    let mut s = fixture::summary();
    s.totals.clear();
    s.daily.clear();
    s.differences.clear();
    let text = report(&s, Lang::En);
    let doc = parse(&text);
    assert_eq!(charts(&doc, "metric").len(), 0);
    assert_eq!(charts(&doc, "backlog").len(), 0);
    assert_eq!(text.matches("<p>No data.</p>").count(), 3);
}

#[test]
fn the_same_summary_gives_the_same_bytes() {
    let s = fixture::summary();
    assert_eq!(report(&s, Lang::En), report(&s.clone(), Lang::En));
}

#[test]
fn each_township_row_names_its_county() {
    // With four townships, every list (two variants, two metrics, two
    // sides) holds all four; towns A and B are North County's: 8 lists x 2.
    let text = report(&fixture::summary(), Lang::Zh);
    assert_eq!(text.matches("<td>North County</td>").count(), 8 * 2);
}

#[test]
fn the_scale_pads_a_tenth_of_the_range() {
    // Values 0.75 to 0.94: range 0.19, pad 0.019, so 0.731 to 0.959 onto
    // 170..540 pixels; 0.8 sits at 170 + 0.069 / 0.228 * 370 = 281.97.
    let s = Scale::over([0.8, 0.75, 0.85, 0.9, 0.86, 0.94].into_iter(), 170.0, 540.0);
    assert!(
        (s.lo - 0.731).abs() < 1e-12 && (s.hi - 0.959).abs() < 1e-12,
        "{s:?}"
    );
    assert_eq!(px(s.at(0.8)), "282.0");
    // Outside the range: clamped to the ends.
    assert_eq!(px(s.at(-5.0)), "170.0");
    assert_eq!(px(s.at(5.0)), "540.0");
    // One value v: a tenth of |v| either side; zero: 1 either side; none
    // (or only non-finite ones): 0..1 padded by 0.1.
    let one = Scale::over([-5.0].into_iter(), 0.0, 1.0);
    assert_eq!((one.lo, one.hi), (-5.5, -4.5));
    let zero = Scale::over([0.0, f64::NAN].into_iter(), 0.0, 1.0);
    assert_eq!((zero.lo, zero.hi), (-1.0, 1.0));
    let none = Scale::over([f64::INFINITY].into_iter(), 0.0, 1.0);
    assert!(
        (none.lo + 0.1).abs() < 1e-12 && (none.hi - 1.1).abs() < 1e-12,
        "{none:?}"
    );
}

/// The attributes of an element, as written.
fn attr<'a>(n: &Node<'a, '_>, name: &str) -> &'a str {
    n.attribute(name).unwrap_or_default()
}

#[test]
fn the_metric_marks_sit_where_their_values_are() {
    // On time (statute): the scale of the test above. The baseline's bar
    // runs from 0.75 (170 + 0.019 / 0.228 * 370 = 200.83) to 0.85 (170 +
    // 0.119 / 0.228 * 370 = 363.11), its dot at 281.97; rows are 28 pixels
    // from y = 20, so the first row's middle is 34 and the second's 62;
    // the chart is 20 + 2 * 28 + 24 = 100 high.
    let text = report(&fixture::summary(), Lang::En);
    let doc = parse(&text);
    let chart = charts(&doc, "metric")[0];
    let svg = chart
        .descendants()
        .find(|n| n.has_tag_name("svg"))
        .expect("an svg");
    assert_eq!(attr(&svg, "height"), "100.0");
    let m = marks(chart);
    let dot = |n: &Node<'_, '_>| {
        let c = n
            .children()
            .find(|c| c.has_tag_name("circle"))
            .expect("a dot");
        (attr(&c, "cx").to_owned(), attr(&c, "cy").to_owned())
    };
    assert_eq!(dot(&m[0]), ("282.0".to_owned(), "34.0".to_owned()));
    let bar = m[0]
        .children()
        .find(|c| c.has_tag_name("line"))
        .expect("a bar");
    assert_eq!(
        (attr(&bar, "x1"), attr(&bar, "x2"), attr(&bar, "y1")),
        ("200.8", "363.1", "34.0")
    );
    // devolve 0.90: 170 + 0.169 / 0.228 * 370 = 444.25.
    assert_eq!(dot(&m[1]), ("444.3".to_owned(), "62.0".to_owned()));
    // Each variant has its colour: the first two of the palette.
    let fill = |n: &Node<'_, '_>| {
        n.children()
            .find(|c| c.has_tag_name("circle"))
            .map(|c| attr(&c, "fill").to_owned())
    };
    assert_eq!(fill(&m[0]).as_deref(), Some("#0072b2"));
    assert_eq!(fill(&m[1]).as_deref(), Some("#d55e00"));
    // The axis runs 22 pixels above the bottom (100 - 22 = 78), its end
    // labels 14 below it: 0.731 and 0.959 read 73.1% and 95.9%.
    let axis = svg
        .children()
        .find(|c| c.has_tag_name("line"))
        .expect("an axis");
    assert_eq!((attr(&axis, "y1"), attr(&axis, "x2")), ("78.0", "540"));
    let ticks: Vec<(&str, &str)> = svg
        .children()
        .filter(|c| c.has_tag_name("text"))
        .take(2)
        .map(|t| (attr(&t, "y"), t.text().unwrap_or_default()))
        .collect();
    assert_eq!(ticks, [("92.0", "73.1%"), ("92.0", "95.9%")]);
}

#[test]
fn the_backlog_points_sit_on_their_day_and_value() {
    // Days 3 to 5 March span 2 days over 60..620; the top is the highest
    // figure (18, the baseline's last upper bound) plus 5%: 18.9, over
    // 220..20. Baseline 3 March, 10: x 60, y 220 - 10 / 18.9 * 200 =
    // 114.18; 5 March, 14: x 620, y 220 - 14 / 18.9 * 200 = 71.85; devolve
    // 4 March, 10: x 340.
    let text = report(&fixture::summary(), Lang::En);
    let doc = parse(&text);
    let m = marks(charts(&doc, "backlog")[0]);
    let at = |n: &Node<'_, '_>| (attr(n, "cx").to_owned(), attr(n, "cy").to_owned());
    assert_eq!(at(&m[0]), ("60.0".to_owned(), "114.2".to_owned()));
    assert_eq!(at(&m[2]), ("620.0".to_owned(), "71.9".to_owned()));
    assert_eq!(at(&m[4]), ("340.0".to_owned(), "114.2".to_owned()));
    // The y axis is labelled with the top.
    assert!(text.contains("text-anchor=\"end\">18.9</text>"), "{text}");
}

#[test]
fn a_band_needs_two_points_with_intervals() {
    // Two days with intervals: a band; one: none (a line only).
    let mut s = fixture::summary();
    s.daily.retain(|e| e.day != Some(day(5)));
    s.daily[2].ci_low = None;
    let text = report(&s, Lang::En);
    let doc = parse(&text);
    let chart = charts(&doc, "backlog")[0];
    let bands: Vec<String> = chart
        .descendants()
        .filter(|n| class(n, "band"))
        .map(|n| attr(&n, "d").to_owned())
        .collect();
    assert_eq!(bands.len(), 1);
    // The baseline's band: upper bounds 12 and 15 left to right, then the
    // lower bounds 9 and 8 right to left. The top is 15 * 1.05 = 15.75:
    // y(12) = 220 - 12 / 15.75 * 200 = 67.62, y(15) = 29.52, y(9) =
    // 105.71, y(8) = 118.41; x 60 (3 March) and 340 (4 March, halfway
    // through the period, which still runs to 5 March).
    assert_eq!(
        bands[0],
        "M60.0,67.6 L340.0,29.5 L340.0,105.7 L60.0,118.4 Z"
    );
}

mod regression {
    use super::*;

    #[test]
    fn a_township_repeated_in_a_hostile_summary_is_ranked_once() {
        // Town C appears again with 0.99; the first entry (0.60) counts, as
        // in the CSV's index and the table.
        let mut s = fixture::summary();
        s.totals.push(est(
            "baseline",
            TOWN_C,
            Metric::OnTimeStatute,
            None,
            0.99,
            None,
            5,
        ));
        let text = report(&s, Lang::En);
        let doc = parse(&text);
        assert_eq!(
            ranking(&doc, "baseline", "on_time_statute", "worst"),
            [TOWN_C, TOWN_A, TOWN_B, TOWN_D]
        );
    }
}
