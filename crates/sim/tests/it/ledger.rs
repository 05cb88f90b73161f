//! Scenarios routed through the authority ledger (`territory.ledger`,
//! `item.power_item`).

use chrono::{Days, NaiveDate};
use jiceng_authority::Ledger;
use jiceng_sim::scenario::BUNDLED_QIU;
use jiceng_sim::{Error, Metric, Model, Problem, Scenario, run, summarise};

fn qiu() -> (Scenario, Model) {
    let s = Scenario::bundled("qiu").unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    (s, m)
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Local by the reference: the holder on the day, or the body exercising
/// it, belongs to a township-level division.
fn local_by_holder(l: &Ledger, item: &str, town: &str, d: NaiveDate) -> bool {
    let at_township = |code: &str| {
        l.registry()
            .body(code)
            .is_some_and(|b| b.division.level() == jiceng_org::Level::Township)
    };
    l.holder(item, town, d).is_ok_and(|h| {
        at_township(&h.holder.code) || h.exercised_by.is_some_and(|b| at_township(&b.code))
    })
}

fn problems(text: &str) -> Vec<Problem> {
    // Problems found as the file is read come first; the ledger's when the
    // model is built.
    let s = match Scenario::from_toml_str(text, "q.toml") {
        Ok(s) => s,
        Err(Error::Scenario(p)) => return p,
        Err(e) => panic!("{e}"),
    };
    match Model::new(&s) {
        Err(Error::Scenario(p)) => p,
        other => panic!("expected scenario problems, got {:?}", other.map(|_| ())),
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn routes_equal_the_ledgers_holder_on_every_working_day_for_every_item_and_town() {
    // Exhaustive over the small Qiu ledger: 8 ledger-routed items × 7 towns
    // × every day of 2022 on which the engine's working clock starts.
    let (s, m) = qiu();
    let l = Ledger::hebei_sample();
    let cal = jiceng_calendar::Calendar::china_mainland();
    let towns: Vec<&str> = s.file().territory.counties[0]
        .get_ref()
        .townships
        .iter()
        .map(|t| t.get_ref().code.as_str())
        .collect();
    assert_eq!(towns.len(), 7);
    let mut checked = 0;
    for (i, item) in s.file().items.iter().enumerate() {
        let Some(code) = item.get_ref().power_item.as_deref() else {
            continue;
        };
        for (t, town) in towns.iter().enumerate() {
            for k in 0..365 {
                let d = date("2022-01-01") + Days::new(k);
                if !cal.is_working_day(d).unwrap_or(false) {
                    continue;
                }
                assert_eq!(
                    m.held_locally(0, i, t, d),
                    Some(local_by_holder(&l, code, town, d)),
                    "{code} in {town} on {d}"
                );
                checked += 1;
            }
        }
    }
    // 2022's working days (State Council notice of 2021): 260 weekdays, less
    // 18 holidays on weekdays (Jan 3; Jan 31–Feb 4; Apr 4–5; May 2–4; Jun 3;
    // Sep 12; Oct 3–7), plus 7 make-up weekend days (Jan 29, 30; Apr 2, 24;
    // May 7; Oct 8, 9): 249. 8 items × 7 towns × 249.
    assert_eq!(checked, 8 * 7 * 249);
}

#[test]
fn the_devolution_of_1_march_2022_moves_the_share_of_demand_held_locally() {
    // Worked by hand from the scenario's rates (per 10,000 residents a day;
    // every town has the same routes, so populations cancel):
    // all items 0.15 + 0.35 + 0.3 (approvals) + 0.03 + 0.03 + 0.02 + 0.02
    // (penalties) + 0.9 + 0.45 + 0.45 + 0.45 + 0.75 (grid) = 3.9.
    // Before: township-held subsidy 0.3, sanitation 0.9, disputes 0.45 =
    // 1.65 → 1.65 / 3.9 = 0.423077.
    // From 2022-03-01 the ledger devolves HB-CF-001, -002, -005 (penalties
    // 0.03 + 0.03 + 0.02) and HB-CF-011, -017 (grid 0.45 + 0.45), not
    // HB-CF-043 (concentrated only) nor the approvals: 1.65 + 0.98 = 2.63 →
    // 2.63 / 3.9 = 0.674359. Grid alone: 1.35 / 3.0 = 45%, 2.25 / 3.0 = 75%.
    let (s, m) = qiu();
    let share = |d: &str, grid_only: bool| {
        let (mut local, mut all) = (0.0, 0.0);
        for (i, it) in s.file().items.iter().enumerate() {
            let it = it.get_ref();
            if grid_only && it.kind != jiceng_sim::scenario::ItemKind::Grid {
                continue;
            }
            all += it.rate;
            if m.held_locally(0, i, 4, date(d)) == Some(true) {
                local += it.rate;
            }
        }
        local / all
    };
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    assert!(close(share("2022-02-28", false), 1.65 / 3.9));
    assert!(close(share("2022-03-01", false), 2.63 / 3.9));
    assert!(close(share("2022-02-28", true), 0.45));
    assert!(close(share("2022-03-01", true), 0.75));
    // The reform adds staff only: its routes are the baseline's.
    assert!((0..12).all(|i| m.held_locally(1, i, 4, date("2022-02-28"))
        == m.held_locally(0, i, 4, date("2022-02-28"))));
}

#[test]
fn the_daily_series_of_the_baseline_shows_the_devolution() {
    // Grid events and penalty cases resolved in the township: 1.35 of 3.1
    // (0.435) before 1 March, 2.33 of 3.1 (0.752) after (see above, without
    // approvals and HB-CF-043's 0.02). Means of the daily shares over 1–25
    // February and 15 March–30 April, one replication.
    let s = Scenario::bundled("qiu")
        .and_then(|s| s.with_days(120))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let sum = summarise(&m, 430, &run(&m, 430, &[0], &|| {})).unwrap_or_else(|e| panic!("{e}"));
    let mean = |a: &str, b: &str| {
        let v: Vec<f64> = sum
            .daily
            .iter()
            .filter(|e| {
                e.variant == "baseline"
                    && e.division == "130000000000"
                    && e.metric == Metric::ResolvedLocally
                    && e.day.is_some_and(|d| d >= date(a) && d <= date(b))
            })
            .map(|e| e.mean)
            .collect();
        assert!(v.len() > 10, "{a}..{b}: {}", v.len());
        v.iter().sum::<f64>() / v.len() as f64
    };
    // One county: its daily series is the province's, day by day.
    let series = |division: &str| -> Vec<(Option<NaiveDate>, f64)> {
        sum.daily
            .iter()
            .filter(|e| e.division == division && e.metric == Metric::ResolvedLocally)
            .map(|e| (e.day, e.mean))
            .collect()
    };
    assert_eq!(series("130430000000"), series("130000000000"));
    // A day with closures has a share: the working days (2 variants).
    let cal = jiceng_calendar::Calendar::china_mainland();
    let working = (0..120)
        .filter(|&k| {
            cal.is_working_day(date("2022-01-01") + Days::new(k))
                .unwrap_or(false)
        })
        .count();
    assert_eq!(series("130430000000").len(), 2 * working);
    let before = mean("2022-02-01", "2022-02-25");
    let after = mean("2022-03-15", "2022-04-30");
    assert!((before - 0.435).abs() < 0.06, "{before}");
    assert!((after - 0.752).abs() < 0.06, "{after}");
}

#[test]
fn an_unknown_item_code_and_a_township_not_in_the_ledger_are_reported_together() {
    let text = BUNDLED_QIU
        .replace("\"HB-CF-043\"", "\"HB-CF-999\"")
        .replace("130430201000", "130430299000");
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0].field, "territory.county[0].township[6].code");
    assert_eq!(p[0].line, Some(line_of(&text, "code = \"130430299000\"")));
    assert!(
        p[0].message
            .contains("`130430299000` is not a township of the ledger `hebei-sample`"),
        "{}",
        p[0].message
    );
    assert_eq!(p[1].field, "item[5].power_item");
    assert_eq!(
        p[1].line,
        Some(line_of(&text, "power_item = \"HB-CF-999\""))
    );
    assert!(
        p[1].message
            .contains("`HB-CF-999` is not an item of the ledger"),
        "{}",
        p[1].message
    );
}

#[test]
fn a_county_code_that_is_a_city_of_the_ledger_is_not_a_county() {
    let text = BUNDLED_QIU.replacen("code = \"130430000000\"", "code = \"130400000000\"", 1);
    let p = problems(&text);
    assert!(
        p.iter().any(|p| p.field == "territory.county[0].code"
            && p.message.contains("is not a county")),
        "{p:?}"
    );
}

#[test]
fn names_left_out_come_from_the_ledger() {
    let text = BUNDLED_QIU.replace("name = \"陈村回族乡\"\n", "");
    let s = Scenario::from_toml_str(&text, "q.toml").unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let sum = summarise(&m, 1, &run(&m, 1, &[0], &|| {})).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        sum.places
            .iter()
            .any(|p| p.code == "130430201000" && p.name == "陈村回族乡")
    );
}

#[test]
fn a_power_item_without_a_ledger_and_a_ledger_file_without_its_text_are_errors() {
    let text = BUNDLED_QIU.replace("ledger = \"bundled\"\n", "");
    let Err(Error::Scenario(p)) = Scenario::from_toml_str(&text, "q.toml") else {
        panic!("accepted")
    };
    assert_eq!(p.len(), 8, "{p:?}");
    assert!(
        p.iter()
            .all(|p| p.message.contains("`territory.ledger` is not given"))
    );
    let text = BUNDLED_QIU.replace("ledger = \"bundled\"", "ledger = \"qiu-ledger.toml\"");
    let p = problems(&text);
    assert_eq!(p[0].field, "territory.ledger");
    assert!(p[0].message.contains("with_ledger"), "{}", p[0].message);
    let s = Scenario::from_toml_str(&text, "q.toml").unwrap_or_else(|e| panic!("{e}"));
    assert!(Model::with_ledger(&s, &Ledger::hebei_sample()).is_ok());
}

#[test]
fn an_entrusted_item_is_handled_locally_and_a_given_name_is_kept() {
    // 肃民字〔2022〕12号 entrusts HB-GF-003 to 梁家村镇 (130926101000) from
    // 2023-01-01: the county's civil affairs bureau still holds it, the
    // township exercises it in that bureau's name (Penalty Law Art. 20), so
    // the township's desk handles it from that day.
    let text = r#"
name = "suning-entrustment"
seed = 1
[period]
from = "2022-12-01"
days = 62
[territory]
ledger = "bundled"
[[territory.county]]
code = "130926000000"
[[territory.county.township]]
code = "130926101000"
name = "梁家村（场景给的名字）"
population = 30000
[[item]]
code = "subsidy"
kind = "approval"
power_item = "HB-GF-003"
rate = 1.0
handling.township = { median_minutes = 30 }
handling.county = { median_minutes = 30 }
"#;
    let s = Scenario::from_toml_str(text, "s.toml").unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.held_locally(0, 0, 0, date("2022-12-30")), Some(false));
    assert_eq!(m.held_locally(0, 0, 0, date("2023-01-03")), Some(true));
    let sum = summarise(&m, 1, &run(&m, 1, &[0], &|| {})).unwrap_or_else(|e| panic!("{e}"));
    let name = |code: &str| {
        sum.places
            .iter()
            .find(|p| p.code == code)
            .map(|p| p.name.clone())
    };
    assert_eq!(
        name("130926101000").as_deref(),
        Some("梁家村（场景给的名字）")
    );
    assert_eq!(name("130926000000").as_deref(), Some("肃宁县"));
}

#[test]
fn items_are_found_by_code_and_out_of_range_questions_have_no_answer() {
    let (_, m) = qiu();
    // The file's order: three approvals, then the four penalty items.
    assert_eq!(m.item_index("approval.planning"), Some(0));
    assert_eq!(m.item_index("penalty.safety"), Some(5));
    assert_eq!(m.item_index("grid.county.infrastructure"), Some(11));
    assert_eq!(m.item_index("HB-CF-043"), None);
    let d = date("2022-06-01");
    assert_eq!(m.held_locally(0, 0, 0, d), Some(false));
    assert_eq!(m.held_locally(0, 12, 0, d), None);
    assert_eq!(m.held_locally(0, 0, 7, d), None);
    assert_eq!(m.held_locally(2, 0, 0, d), None);
    assert_eq!(m.held_locally(0, 0, 0, date("2021-12-31")), None);
    // 365 days from 2022-01-01: the last is 2022-12-31.
    assert_eq!(m.held_locally(0, 0, 0, date("2022-12-31")), Some(false));
    assert_eq!(m.held_locally(0, 0, 0, date("2023-01-01")), None);
}

#[test]
fn a_revocation_sends_a_devolved_item_back_up_on_its_day() {
    // 肃政字〔2022〕20号 devolves HB-XK-002 to every Suning township from
    // 2022-07-01; 肃政字〔2023〕30号 takes it back from 付家佐乡
    // (130926201000) from 2024-01-01: local before, county after.
    let text = r#"
name = "suning-revocation"
seed = 1
[period]
from = "2023-12-01"
days = 62
[territory]
ledger = "bundled"
[[territory.county]]
code = "130926000000"
[[territory.county.township]]
code = "130926201000"
population = 30000
[[item]]
code = "business"
kind = "approval"
power_item = "HB-XK-002"
rate = 1.0
handling.township = { median_minutes = 30 }
handling.county = { median_minutes = 30 }
"#;
    let s = Scenario::from_toml_str(text, "s.toml").unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.held_locally(0, 0, 0, date("2023-12-01")), Some(true));
    assert_eq!(m.held_locally(0, 0, 0, date("2023-12-29")), Some(true));
    assert_eq!(m.held_locally(0, 0, 0, date("2024-01-02")), Some(false));
    assert_eq!(m.held_locally(0, 0, 0, date("2024-01-31")), Some(false));
}

fn check(text: &str, expected: Option<&str>) {
    match (Scenario::from_toml_str(text, "c.toml"), expected) {
        (Ok(_), None) => {}
        (Err(Error::Scenario(p)), Some(field)) => {
            assert!(p.iter().any(|p| p.field == field), "{field}: {p:?}")
        }
        (other, _) => panic!("{expected:?}: {:?}", other.map(|_| ())),
    }
}

#[test]
fn ledger_names_and_power_item_codes_are_bounded() {
    let ledger =
        |name: &str| BUNDLED_QIU.replace("ledger = \"bundled\"", &format!("ledger = \"{name}\""));
    check(&ledger(""), Some("territory.ledger"));
    check(&ledger(" "), Some("territory.ledger"));
    check(&ledger(&"x".repeat(1000)), None);
    check(&ledger(&"x".repeat(1001)), Some("territory.ledger"));
    let item = |code: &str| BUNDLED_QIU.replace("\"HB-CF-043\"", &format!("\"{code}\""));
    check(&item(""), Some("item[5].power_item"));
    // 100 characters pass the bound; the bundled ledger, consulted as the
    // file is read, then does not know the code.
    match Scenario::from_toml_str(&item(&"X".repeat(100)), "c.toml") {
        Err(Error::Scenario(p)) => {
            assert_eq!(p.len(), 1, "{p:?}");
            assert!(
                p[0].message
                    .ends_with("is not an item of the ledger `hebei-sample`"),
                "{}",
                p[0].message
            );
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
    check(&item(&"X".repeat(101)), Some("item[5].power_item"));
}

#[test]
fn the_province_only_daily_series_still_has_the_local_share() {
    // `daily = "province"` keeps one series: the county counters are not
    // there to count into.
    let text = format!("{BUNDLED_QIU}\n[output]\ndaily = \"province\"\n");
    let s = Scenario::from_toml_str(&text, "q.toml")
        .and_then(|s| s.with_days(5))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let sum = summarise(&m, 1, &run(&m, 1, &[0], &|| {})).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        sum.daily
            .iter()
            .any(|e| e.metric == Metric::ResolvedLocally)
    );
    assert!(sum.daily.iter().all(|e| e.division == "130000000000"));
}
