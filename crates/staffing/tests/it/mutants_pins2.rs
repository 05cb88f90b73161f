//! More exact values worked by hand, for the mutants of a second sample:
//! Hamilton's shares when no multiplier reaches the pool and the bodies
//! without weight take the rest; a leave of the whole headcount; the CSV
//! ledger's rank and row bound; a plan's column weights; and the spread of
//! the synthetic province's cases.

use chrono::NaiveDate;
use jiceng_org::Level;
use jiceng_staffing::{
    Body, Event, EventKind, Ledger, LedgerFile, MAX_BODIES, MAX_EVENTS, Method, PlanRequest,
    QuotaKind, Units, apportion, plan, synth,
};

/// When the weighted bodies are full and the bodies without weight must
/// take the rest, the search ends at λ = ∞, where a body without weight
/// keeps its floor (∞ × 0 would be NaN, whose whole part is 0 and whose
/// remainder sorts first). Weight 1 with a ceiling of 3 and two bodies of
/// weight 0 with ceilings of 10 share 5: the weighted body's exact share
/// is its ceiling, 3, the others' their floors, 0 and 0; 2 units are left,
/// every remainder is 0, and the ties go to the earlier bodies: 3, 1, 1.
/// Reading the shares as NaN would deal all 5 by turns from 0: 2, 2, 1.
#[test]
fn bodies_without_weight_keep_their_floor_at_an_infinite_multiplier() {
    let a = apportion(5, &[1.0, 0.0, 0.0], &[0; 3], &[3, 10, 10], Method::Hamilton).unwrap();
    assert_eq!(a, vec![3, 1, 1]);
}

/// The same with the body without weight listed first and given a floor:
/// weights 0 and 1, floors 1 and 0, ceilings 10 and 2, pool 4. The
/// weighted body fills its ceiling, 2; the other keeps its floor, 1, and
/// takes the one unit left: 2, 2. (From NaN shares: 1 and 0 from the
/// floors, then by turns 2, 1 and 3, 1.)
#[test]
fn a_floored_body_without_weight_takes_the_unit_left() {
    let a = apportion(4, &[0.0, 1.0], &[1, 0], &[10, 2], Method::Hamilton).unwrap();
    assert_eq!(a, vec![2, 2]);
}

/// Every staff member may leave: a body of 3 administrative staff records
/// 3 leaving (headcount 3 − 3 = 0, not negative), and then one more is
/// refused, naming the count and the headcount of 0.
#[test]
fn the_whole_headcount_may_leave_and_no_more() {
    let day = |s: &str| -> NaiveDate { s.parse().unwrap() };
    let adm = QuotaKind::Administrative;
    let mut l = Ledger::new(vec![Body {
        code: "town".into(),
        name: String::new(),
        level: Level::Township,
    }])
    .unwrap();
    let ev =
        |date: &str, kind: EventKind, n: u32| Event::quota(day(date), "文件", kind, "town", adm, n);
    l.apply(ev("2020-01-01", EventKind::Create, 5)).unwrap();
    l.apply(ev("2020-01-02", EventKind::Hire, 3)).unwrap();
    l.apply(ev("2020-01-03", EventKind::Leave, 3)).unwrap();
    let e = l.at("town", day("2020-01-03")).unwrap().establishment;
    assert_eq!((e.headcount.get(adm), e.quotas.get(adm)), (0, 5));
    assert_eq!(
        l.apply(ev("2020-01-04", EventKind::Leave, 1))
            .unwrap_err()
            .to_string(),
        "1 administrative staff cannot leave town: its headcount is 0"
    );
}

/// A CSV row's rank is kept as written, and an empty cell means no rank:
/// the posts row names 副科, the hire row leaves the column empty.
#[test]
fn a_csv_rank_is_kept_and_an_empty_one_is_none() {
    let f = LedgerFile::parse_csv(
        "kind,body,level,date,instrument,quota,rank,count\n\
         body,t,township,,,,,\n\
         posts,t,,2019-06-01,冀编,,副科,3\n\
         hire,t,,2019-06-02,招录,other,,1\n",
    )
    .unwrap();
    assert_eq!(f.event[0].rank.as_deref(), Some("副科"));
    assert_eq!(f.event[1].rank, None);
}

/// The CSV ledger's bound counts rows, bodies and events together: at most
/// MAX_EVENTS (5,000,000). A file of 2,000 bodies and 2,501 events has
/// 4,501 rows, far below it, and is read whole (counting the product of
/// the two, 2,000 × 2,500 = 5,000,000, would refuse the last event).
#[test]
fn the_csv_row_bound_adds_bodies_and_events() {
    let mut text = String::from("kind,body,level,date,instrument,quota,count\n");
    for i in 0..2_000 {
        text.push_str(&format!("body,b{i},township,,,,\n"));
    }
    for _ in 0..2_501 {
        text.push_str("hire,b0,,2020-01-01,招录,other,1\n");
    }
    let f = LedgerFile::parse_csv(&text).unwrap();
    assert_eq!((f.body.len(), f.event.len()), (2_000, 2_501));
    assert_eq!(MAX_EVENTS, 5_000_000);
}

/// A plan shares the pool by the weighted column shares: populations 100
/// and 300 (shares 1/4 and 3/4) with weight 3, areas 100 and 100 (1/2
/// each) with weight 1. Scores 3/4 + 1/2 = 5/4 and 9/4 + 1/2 = 11/4, of
/// a total 4: a pool of 16 gives 16 × 5/16 = 5 and 16 × 11/16 = 11,
/// whole already. And by population alone, a pool of 8 gives 2 and 6.
#[test]
fn a_plan_weighs_each_column_by_its_share() {
    let u = Units::parse_csv("code,current,population,area\nA,0,100,100\nB,0,300,100\n").unwrap();
    let req = |pool: u64, weights: Vec<(String, f64)>| PlanRequest {
        pool,
        weights,
        method: Method::Hamilton,
        min: None,
        max: None,
        population: None,
    };
    let after = |r: &PlanRequest| -> Vec<u64> {
        plan(&u, r).unwrap().units.iter().map(|x| x.after).collect()
    };
    let both = req(16, vec![("population".into(), 3.0), ("area".into(), 1.0)]);
    assert_eq!(after(&both), vec![5, 11]);
    assert_eq!(after(&req(8, vec![("population".into(), 1.0)])), vec![2, 6]);
}

/// The synthetic province's yearly cases are the population / 100 times a
/// factor uniform on [0.5, 1.5), so over 2,300 units the ratios spread
/// over nearly the whole range: about 2,300 × 0.04 = 92 factors lie below
/// 0.54 and as many above 1.46 (the chance that none does is 0.96^2300,
/// some 10^-41), and rounding moves a ratio by 0.5 / 80 at most (every
/// population is at least 8,000): some ratio is below 0.55 and some above
/// 1.45. (Adding the factor instead of multiplying keeps every ratio
/// within 1.5 / 80 of 1.)
#[test]
fn the_synthetic_cases_spread_over_their_whole_factor() {
    let u = synth::province(1, 2_300, 127_500).unwrap();
    let ratios: Vec<f64> = u
        .units
        .iter()
        .map(|x| x.values[2] / (x.values[0] / 100.0))
        .collect();
    let min = ratios.iter().copied().fold(f64::MAX, f64::min);
    let max = ratios.iter().copied().fold(f64::MIN, f64::max);
    assert!(min < 0.55 && max > 1.45, "{min} {max}");
}

/// A TOML ledger holds at most MAX_BODIES (1,000,000) bodies, whatever
/// its events: 1,000,001 bodies are refused without a single event. (The
/// file is 29 MB; reading it takes some 6 s of a debug build, so the
/// bound itself, 1,000,000 bodies allowed, is tried on the counts alone,
/// in `file.rs`'s unit test.)
#[test]
fn a_toml_ledger_of_a_million_and_one_bodies_is_refused() {
    let n = MAX_BODIES + 1;
    let mut text = String::with_capacity(n * 28 + 16);
    text.push_str("body = [\n");
    for _ in 0..n {
        text.push_str("{code=\"b\",level=\"township\"},\n");
    }
    text.push_str("]\n");
    assert_eq!(MAX_BODIES, 1_000_000);
    assert_eq!(
        LedgerFile::parse_toml(&text).unwrap_err().to_string(),
        "1000001 bodies and 0 events: at most 1000000 and 5000000"
    );
}

/// A CSV ledger keeps a body's name and the line of every row (the header
/// is line 1): body t on line 2, its event on line 3. A body row without
/// a level is refused with its line and the body's code.
#[test]
fn a_csv_ledger_keeps_names_and_lines() {
    let f = LedgerFile::parse_csv(
        "kind,body,name,level,date,instrument,quota,count\n\
         body,t,白塔岭乡,township,,,,\n\
         create,t,,,2019-01-01,三定,other,39\n",
    )
    .unwrap();
    assert_eq!(f.body[0].name, "白塔岭乡");
    assert_eq!(
        (f.body_lines.clone(), f.lines.clone()),
        (vec![Some(2)], vec![Some(3)])
    );
    let f = LedgerFile::parse_csv("kind,body,level\nbody,t,township\nbody,v,\n").unwrap();
    assert_eq!(f.body.len(), 1);
    assert_eq!(
        (f.problems[0].line, f.problems[0].message.as_str()),
        (Some(3), "body event: body \"v\": field level is missing")
    );
}

/// A TOML ledger knows the line of each table written as a header: the
/// body's `[[body]]` on line 1 and the event's `[[event]]` on line 5.
/// Bodies written as an inline array have no header lines: their line is
/// where their value starts (line 1), and the event's header is on line 2.
#[test]
fn a_toml_ledger_knows_the_lines_of_its_headers() {
    let event = "[[event]]\ndate = 2019-01-01\ninstrument = \"三定\"\nkind = \"create\"\n\
                 body = \"t\"\nquota = \"other\"\ncount = 39\n";
    let headed = format!("[[body]]\ncode = \"t\"\nlevel = \"township\"\n\n{event}");
    let f = LedgerFile::parse_toml(&headed).unwrap();
    assert_eq!((f.body_lines, f.lines), (vec![Some(1)], vec![Some(5)]));
    let inline = format!("body = [{{code = \"t\", level = \"township\"}}]\n{event}");
    let f = LedgerFile::parse_toml(&inline).unwrap();
    assert_eq!((f.body_lines, f.lines), (vec![Some(1)], vec![Some(2)]));
}
