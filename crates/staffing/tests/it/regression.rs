//! Regression tests, one per bug found, named after it.

use jiceng_staffing::{Method, apportion};

/// Hamilton once fixed bodies at their floor before the ceilings of the
/// others were known, and lost units: pool 30, equal weights, share
/// bounds A [0, 10], B [15, 50], C [0, 0] gave 10, 15, 0 (25, five
/// lost). The bounded exact shares are 10, 20, 0, already whole.
#[test]
fn hamilton_floor_fixed_too_early_lost_units() {
    let a = apportion(
        30,
        &[1.0, 1.0, 1.0],
        &[0, 15, 0],
        &[10, 50, 0],
        Method::Hamilton,
    )
    .unwrap();
    assert_eq!(a, vec![10, 20, 0]);
}

/// A unit already holding u64::MAX staff was given a share that its
/// `after` could not hold; the saturated sum lost the share (found by
/// `fuzz_units_and_plan`). Its share is now capped so that `after` fits.
#[test]
fn plan_share_overflowing_after_was_lost() {
    use jiceng_staffing::{PlanRequest, Units, plan};
    let u = Units::parse_csv("code,current,population\nA,18446744073709551615,1\nB,0,1\n").unwrap();
    let req = PlanRequest {
        pool: 10,
        weights: vec![("population".into(), 1.0)],
        method: Method::Hamilton,
        min: None,
        max: None,
        population: None,
    };
    let p = plan(&u, &req).unwrap();
    assert_eq!((p.units[0].after, p.units[1].after), (u64::MAX, 10));
}

/// A tiny maximum occupancy made Erlang C extend Erlang B to
/// ceil(A / occupancy) servers, 10^13 steps for A = 10^4 and 1e-9: it
/// hung (found by `fuzz_erlang`). It is now refused, naming the field;
/// so is an Erlang A service level of 1 with impatient callers, which no
/// number of servers reaches.
#[test]
fn erlang_tiny_max_occupancy_hung() {
    use jiceng_staffing::{Workload, erlang_a, erlang_c};
    let w = Workload {
        transactions: 10_000.0,
        interval_minutes: 60.0,
        aht_minutes: 60.0,
        within_minutes: 1.0,
        shrinkage: 0.0,
    };
    let e = erlang_c(&w, 0.8, 1e-9).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("max_occupancy = 0.000000001 is out of range"),
        "{e}"
    );
    assert!(erlang_a(&w, 0.8, 1e-9, 2.0).is_err());
    let small = Workload {
        transactions: 10.0,
        ..w
    };
    let r = erlang_a(&small, 1.0, 1.0, 2.0).unwrap();
    assert_eq!(r.service_level, 1.0);
}

/// Weights that are each finite but whose sum overflows f64 made Hamilton
/// search for the multiplier from 0 (the pool over an infinite total), so
/// every share stayed at its floor and the pool was dealt out by turns:
/// 10 units over 10^308, 10^308 and 10^300 gave 4, 3, 3. Only the ratios
/// count: the quotas are 10 × 10^308 / (2 × 10^308 + 10^300) = 4.999999975
/// twice and 10 × 10^300 / (2 × 10^308 + 10^300) = 0.00000005; whole parts
/// 4, 4, 0, and the 2 units left go to the two remainders of .999999975.
/// Found by mutation testing of the search's starting point.
#[test]
fn hamilton_weights_whose_sum_overflows_were_dealt_by_turns() {
    let a = apportion(
        10,
        &[1e308, 1e308, 1e300],
        &[0; 3],
        &[u64::MAX; 3],
        Method::Hamilton,
    )
    .unwrap();
    assert_eq!(a, vec![5, 5, 0]);
}

/// Erlang A refused very patient callers when its search happened to try
/// a staffing just above the traffic: 5,759.9994 calls an hour of 1 minute
/// are A = 95.99999 erlangs; with 10^12 minutes of patience 96 servers
/// leave a queue that does not settle within a million places, and that
/// refusal was passed on, although 95.5 erlangs were answered. Such a
/// staffing meets no target, like one below the traffic. As patience grows
/// without bound Erlang A becomes Erlang C (abandonment ≈ 10^-13 here), so
/// the answer is Erlang C's for the same workload.
#[test]
fn erlang_a_refused_patient_callers_just_above_the_traffic() {
    use jiceng_staffing::{Workload, erlang_a, erlang_c};
    let w = Workload {
        transactions: 5_759.999_4,
        interval_minutes: 60.0,
        aht_minutes: 1.0,
        within_minutes: 20.0 / 60.0,
        shrinkage: 0.0,
    };
    let a = erlang_a(&w, 0.8, 1.0, 1e12).unwrap();
    let c = erlang_c(&w, 0.8, 1.0).unwrap();
    assert_eq!(a.raw_positions, c.raw_positions);
    // A patience that is not a positive number is still refused at once.
    let e = erlang_a(&w, 0.8, 1.0, 0.0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "patience_minutes = 0 is out of range: a finite number above 0"
    );
}

/// Weights so small that the pool over their total overflows f64 started
/// Hamilton's search at λ = ∞, where every body sits at its ceiling; the
/// surplus was then taken back by turns, whatever the weights: 3 units
/// over 10^-310 and 2 × 10^-310 (ceilings 10) gave 2, 1. The exact shares
/// are 1 and 2, whole. Likewise beside a body held at 0 whose weight,
/// 10^10, dwarfs theirs, and for two bodies of the smallest weights, 2^-1074
/// and 2 × 2^-1074; and where a body of weight 1 fills its ceiling of 1
/// at once, the other 2 units go to the body of weight 2^-1074. Found by mutation
/// testing of the branch that takes back a surplus, thought unreachable.
#[test]
fn hamilton_tiny_weights_were_dealt_by_turns_from_their_ceilings() {
    let h = |pool, w: &[f64], c: &[u64]| {
        apportion(pool, w, &vec![0; w.len()], c, Method::Hamilton).unwrap()
    };
    let (t1, t2) = (f64::from_bits(1), f64::from_bits(2));
    assert_eq!(h(3, &[1e-310, 2e-310], &[10, 10]), vec![1, 2]);
    assert_eq!(h(3, &[1e10, t1, t2], &[0, 10, 10]), vec![0, 1, 2]);
    assert_eq!(h(3, &[t1, t2], &[10, 10]), vec![1, 2]);
    assert_eq!(h(3, &[1.0, t1], &[1, 10]), vec![1, 2]);
    // Weights 2^2071 apart: the small ones would need a multiplier past
    // f64::MAX. The body of weight 10^300 is held at its ceiling of 1, and
    // 2^-1074 and 2 × 2^-1074 share the other 3 as 1 and 2.
    assert_eq!(h(4, &[1e300, t1, t2], &[1, 10, 10]), vec![1, 1, 2]);
}

/// `compile` flagged only the state at the end of the ledger, at the
/// body's last line: a body over establishment from 2 January to
/// 1 February (q=5, h=6 after line 3; q=6 after line 4) went unflagged.
/// It is now flagged at the hire that did it, with the date that ended it.
#[test]
fn check_saw_only_the_end_of_the_ledger() {
    use jiceng_staffing::{LedgerFile, Severity};
    let text = "kind,body,level,date,instrument,quota,count
body,t1,township,,,,
create,t1,,2024-01-01,doc1,administrative,5
hire,t1,,2024-01-02,doc2,administrative,6
create,t1,,2024-02-01,doc3,administrative,1
";
    let (_, findings) = LedgerFile::parse_csv(text).unwrap().compile();
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0].line, findings[0].severity),
        (Some(4), Severity::Flag)
    );
    assert!(
        findings[0]
            .message
            .ends_with("from 2024-01-02 until 2024-02-01 (line 5)"),
        "{}",
        findings[0].message
    );
}

/// A units file giving code A twice (lines 2 and 3, a hand-made u7.csv)
/// was planned as two units, printing two rows for A. A code is now
/// refused the second time, with both lines; codes that differ only in
/// case are different units.
#[test]
fn plan_accepted_duplicate_unit_codes() {
    use jiceng_staffing::{Error, Units};
    assert_eq!(
        Units::parse_csv("code,current,population\nA,0,6\nA,0,6\n").unwrap_err(),
        Error::Parse {
            line: Some(3),
            message: "unit \"A\" is given twice (first on line 2)".into()
        }
    );
    let e = Units::parse_csv("code,current,population\nA,0,6\nB,1,2\na,0,1\nB,0,6\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 5: unit \"B\" is given twice (first on line 3)"
    );
}

/// A units file with a header and no rows (a hand-made u10.csv) was
/// refused as "weights = population (sums to -0) is out of range": the
/// empty sum of f64 is -0. It now says there are no units.
#[test]
fn plan_of_no_units_blamed_the_weights() {
    use jiceng_staffing::{Error, PlanRequest, Units, plan};
    let u = Units::parse_csv("code,current,population\n").unwrap();
    assert!(u.units.is_empty());
    let req = PlanRequest {
        pool: 5,
        weights: vec![("population".into(), 1.0)],
        method: Method::Hamilton,
        min: None,
        max: None,
        population: None,
    };
    let e = plan(&u, &req).unwrap_err();
    assert_eq!(e, Error::NoUnits);
    assert_eq!(
        e.to_string(),
        "no units: a plan needs at least one unit to share the pool among"
    );
}

/// `staffing plan` stopped at the first bad row of a units file, so a file
/// with several had to be fixed one run at a time. `parse_csv_with` gives
/// every bad row, with every wrong field of it, and reads on. The hand-made
/// file: x's area is −10 (line 2); y's current is `abc` and its area `q`
/// (line 3, two fields); x again (line 4), but x was left out, so this one
/// is the first good x; z's empty area is 0 (line 5); z again (line 6,
/// given twice, first on line 5).
#[test]
fn plan_units_stopped_at_the_first_bad_row() {
    use jiceng_staffing::Units;
    let text = "code,current,area\nx,5,-10\ny,abc,q\nx,1,2\nz,3,\nz,4,4\n";
    let mut bad = Vec::new();
    let u = Units::parse_csv_with(text, &mut |e| bad.push(e.to_string())).unwrap();
    assert_eq!(
        bad,
        [
            "line 2: column area: \"-10\" is not a number, zero or more",
            "line 3: column current: \"abc\" is not a whole number of staff; \
             column area: \"q\" is not a number, zero or more",
            "line 6: unit \"z\" is given twice (first on line 5)",
        ]
    );
    let kept: Vec<(&str, u64, f64)> = u
        .units
        .iter()
        .map(|u| (u.code.as_str(), u.current, u.values[0]))
        .collect();
    assert_eq!(kept, [("x", 1, 2.0), ("z", 3, 0.0)]);
    // parse_csv still refuses the file, with its first bad row.
    assert_eq!(
        Units::parse_csv(text).unwrap_err().to_string(),
        "line 2: column area: \"-10\" is not a number, zero or more"
    );
}

/// Misleading messages (the review of issue 11): a sinking up a level was
/// told to "use adjust between peers", a cancellation was "from twB to -",
/// an unknown `to` did not name its field, and a transfer of 0 quotas was
/// accepted. The hand-made ledger: a county and two townships; twA gets 5
/// quotas, then sinks 1 to the county (up a level), 1 to twB (a peer), 0
/// to twB, 1 to `zz` (no such body), and twB cancels 5 it does not hold.
#[test]
fn staffing_messages_named_the_wrong_thing() {
    use jiceng_staffing::{LedgerFile, Severity};
    let text = "kind,body,name,level,date,instrument,to,quota,rank,count
body,cty,County,county,,,,,,
body,twA,Town A,township,,,,,,
body,twB,Town B,township,,,,,,
create,twA,,,2025-01-02,C,,administrative,,5
sink,twA,,,2025-01-03,S1,cty,administrative,,1
sink,twA,,,2025-01-03,S2,twB,administrative,,1
sink,twA,,,2025-01-03,S3,twB,administrative,,0
adjust,twA,,,2025-01-03,A1,zz,administrative,,1
cancel,twB,,,2025-01-04,X,,administrative,,5
";
    let (ledger, findings) = LedgerFile::parse_csv(text).unwrap().compile();
    assert_eq!(ledger.events().len(), 1, "only the creation applies");
    let got: Vec<(Option<usize>, Severity, &str)> = findings
        .iter()
        .map(|f| (f.line, f.severity, f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(6),
                Severity::Error,
                "sinking (下沉) from twA (township) to cty (county): the receiving body must be \
                 at a lower level; use adjust (调剂) to move quotas up a level"
            ),
            (
                Some(7),
                Severity::Error,
                "sinking (下沉) from twA (township) to twB (township): the receiving body must be \
                 at a lower level; use adjust (调剂) between peers"
            ),
            (
                Some(8),
                Severity::Error,
                "sink event: field count: 0 moves no quota (a transfer moves 1 or more)"
            ),
            (Some(9), Severity::Error, "field to: unknown body \"zz\""),
            (
                Some(10),
                Severity::Error,
                "cancellation of 5 administrative quotas at twB refused: twB holds 0 with \
                 headcount 0, which would leave -5, a negative number"
            ),
        ]
    );
}

/// An event of an unknown kind in TOML was an "event event"; an unknown
/// `to` names its field at the table's line. t1.toml: a hire on line 4,
/// a sinking to `zz` on line 11, an event of kind `fly` on line 19 (its
/// `kind` on line 22).
#[test]
fn unknown_event_kind_was_an_event_event() {
    use jiceng_staffing::LedgerFile;
    let text = r#"[[body]]
code = "a"
level = "township"
[[event]]
date = 2025-01-01
instrument = "x"
kind = "hire"
body = "a"
quota = "other"
count = 1
[[event]]
date = 2025-01-02
instrument = "y"
kind = "sink"
body = "a"
to = "zz"
quota = "other"
count = 1
[[event]]
date = 2025-01-03
instrument = "z"
kind = "fly"
body = "a"
count = 1
"#;
    let (_, findings) = LedgerFile::parse_toml(text).unwrap().compile();
    let kind = findings.iter().find(|f| f.message.contains("fly")).unwrap();
    assert_eq!(kind.line, Some(22), "{kind:?}");
    assert!(kind.message.starts_with("event: field kind"), "{kind:?}");
    let to = findings.iter().find(|f| f.message.contains("zz")).unwrap();
    assert_eq!(
        (to.line, to.message.as_str()),
        (Some(11), "field to: unknown body \"zz\"")
    );
}

/// `--min 10 --max 8` was refused as "floor = 5 above ceiling 3 (body 1)",
/// the shares of one unit, not the bounds given; a column weighted twice
/// (`area=1,area=2`) was counted twice without a word.
#[test]
fn plan_bounds_and_weights_named_the_wrong_values() {
    use jiceng_staffing::{Method, PlanRequest, Units, plan};
    let u = Units::parse_csv("code,current,area\nA,5,1\nB,5,1\n").unwrap();
    let req = |weights: Vec<(String, f64)>, min, max| PlanRequest {
        pool: 4,
        weights,
        method: Method::Hamilton,
        min,
        max,
        population: None,
    };
    let area = |w| ("area".to_string(), w);
    assert_eq!(
        plan(&u, &req(vec![area(1.0)], Some(10), Some(8)))
            .unwrap_err()
            .to_string(),
        "min = 10 (max 8) is out of range: min at most max"
    );
    assert_eq!(
        plan(&u, &req(vec![area(1.0), area(2.0)], None, None))
            .unwrap_err()
            .to_string(),
        "weights = area (given twice) is out of range: each column at most once"
    );
    // Equal bounds are a fixed size: 7 each, 2 + 2 of the pool of 4.
    let p = plan(&u, &req(vec![area(1.0)], Some(7), Some(7))).unwrap();
    assert_eq!((p.units[0].after, p.units[1].after), (7, 7));
}

/// A shrinkage a hair below 1 grossed 14 positions up past any count:
/// `staffing erlang` answered 18446744073709551615 staff (the integer
/// saturated), exit 0. Past MAX_POSITIONS it is now an error naming the
/// shrinkage. The workload is pyworkforce's docstring example (14 raw
/// positions); the grossed-up counts, ceil(14 / (1 − s)), are Python's.
#[test]
fn a_shrinkage_near_one_saturated_the_staff_count() {
    let w = |shrinkage: f64| jiceng_staffing::Workload {
        transactions: 100.0,
        interval_minutes: 30.0,
        aht_minutes: 3.0,
        within_minutes: 20.0 / 60.0,
        shrinkage,
    };
    let r = jiceng_staffing::erlang_c(&w(0.9999986), 0.8, 0.85).unwrap();
    assert_eq!((r.raw_positions, r.positions), (14, 10_000_000));
    for s in [0.99999861, 0.999_999_999_999_999_9] {
        match jiceng_staffing::erlang_c(&w(s), 0.8, 0.85) {
            Err(jiceng_staffing::Error::Parameter { name, .. }) => assert_eq!(name, "shrinkage"),
            other => panic!("shrinkage {s}: {other:?}"),
        }
    }
    // Erlang A grosses up the same way.
    let a = jiceng_staffing::erlang_a(&w(0.999_999_999_999_999_9), 0.8, 0.85, 2.0);
    assert!(
        matches!(
            a,
            Err(jiceng_staffing::Error::Parameter {
                name: "shrinkage",
                ..
            })
        ),
        "{a:?}"
    );
}
