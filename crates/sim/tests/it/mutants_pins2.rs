//! Exact values for the weakly tested corners the mutation samples found:
//! a tally's sum field by field, the histogram's last bin, a staff cut to
//! exactly zero, the default replications, the fingerprint's hash and the
//! bound on synthetic townships.

use jiceng_sim::{Error, Metric, Model, Scenario, TownTally, run, run_replication, summarise};

use crate::common::{model, tiny};

#[test]
fn adding_tallies_adds_every_field() {
    let mut a = TownTally {
        arrivals: [1, 2, 3],
        closed: [4, 5, 6],
        closed_local: [7, 8, 9],
        open_local: 10,
        open_escalated: 11,
        statute: [12, 13],
        promise: [14, 15],
        minutes: 16,
        hist: vec![1, 2],
        busy: 17,
    };
    let b = TownTally {
        arrivals: [100, 200, 300],
        closed: [400, 500, 600],
        closed_local: [700, 800, 900],
        open_local: 1000,
        open_escalated: 1100,
        statute: [1200, 1300],
        promise: [1400, 1500],
        minutes: 1600,
        hist: vec![10, 20, 30],
        busy: 1700,
    };
    a.add(&b);
    // Field by field, a + b; the shorter histogram is widened with zeros
    // first: [1, 2, 0] + [10, 20, 30].
    let sum = TownTally {
        arrivals: [101, 202, 303],
        closed: [404, 505, 606],
        closed_local: [707, 808, 909],
        open_local: 1010,
        open_escalated: 1111,
        statute: [1212, 1313],
        promise: [1414, 1515],
        minutes: 1616,
        hist: vec![11, 22, 30],
        busy: 1717,
    };
    assert_eq!(a, sum);
    assert_eq!(a.decided(), 404 + 505 + 606);
    // Into an empty tally (no histogram yet), the sum is the other tally.
    let mut empty = TownTally::default();
    empty.add(&b);
    assert_eq!(empty, b);
}

/// One township whose single grid worker needs 30,000 minutes for each
/// grid event (sigma 0): five events a day arrive from 3 March 2025.
const SLOW: &str = r#"
name = "slow"
seed = 2
replications = 2

[period]
from = "2025-03-03"
days = 150

[[territory.county]]
code = "130430000000"
name = "邱县"
staff = { service = 1, enforcement = 1, grid = 1 }

[[territory.county.township]]
code = "130430100000"
name = "新马头镇"
population = 10000
staff = { service = 1, enforcement = 1, grid = 1 }

[[item]]
code = "grid.slow"
kind = "grid"
rate = 5.0
held_by = "township"
promised_working_days = 100
handling.township = { median_minutes = 30000, sigma = 0.0 }
handling.county = { median_minutes = 30000, sigma = 0.0 }
"#;

#[test]
fn a_decision_after_63_working_days_or_more_falls_in_the_last_bin() {
    // 150 days from Monday 3 March 2025 end on Wednesday 30 July: 21
    // weeks and 3 days, 108 weekdays. The 2025 notice (国办发明电〔2024〕
    // 12号) takes off 4 April (Qingming), 1, 2 and 5 May (Labour Day) and
    // 2 June (Dragon Boat), and makes Sunday 27 April a working day: 104
    // working days, 43,680 working minutes of 420 a day. The first event
    // arrives within the first working days (5 a day), is taken up at once
    // and decided 30,000 minutes later, more than 71 working days (30,000
    // / 420 = 71.4): past the histogram's last bin, 63 or more. The next
    // one starts only then and would end at 60,000 or later, past the
    // period. So exactly one decision, in bin 63, after exactly 30,000
    // minutes, within the promised 100 working days.
    let m = model(SLOW);
    for rep in 0..2 {
        let t = run_replication(&m, 2, rep);
        let town = &t.variants[0].towns[0];
        assert!(town.arrivals[2] > 1, "{:?}", town.arrivals);
        assert_eq!(town.decided(), 1);
        assert_eq!(town.closed_local[2], 1);
        assert_eq!(town.open_local, town.arrivals[2] - 1);
        assert_eq!(town.minutes, 30_000);
        assert_eq!(town.hist.len(), jiceng_sim::HIST_BINS);
        let mut hist = vec![0; jiceng_sim::HIST_BINS];
        hist[63] = 1;
        assert_eq!(town.hist, hist);
        assert_eq!(town.promise, [1, 1]);
    }
    let s = summarise(&m, 2, &run(&m, 2, &[0, 1], &|| {})).unwrap_or_else(|e| panic!("{e}"));
    let get = |metric: Metric| {
        s.totals
            .iter()
            .find(|e| e.variant == "baseline" && e.division == "130430100000" && e.metric == metric)
            .map(|e| e.mean)
            .unwrap_or_else(|| panic!("{metric:?}"))
    };
    // The 90th percentile of one decision in the last bin is that bin.
    assert_eq!(get(Metric::P90DaysToDecision), 63.0);
    assert_eq!(get(Metric::MeanDaysToDecision), 30_000.0 / 420.0);
}

/// The tiny scenario with a reform that adds `add` grid staff to 新马头镇,
/// which has 3.
fn cut(add: i32) -> String {
    tiny(&format!(
        "\n[[reform]]\nname = \"cut\"\n[[reform.staff]]\ndesk = \"grid\"\nlevel = \"township\"\n\
         add = {add}\ndivision = \"130430100000\"\n"
    ))
}

#[test]
fn a_staff_cut_to_exactly_zero_is_allowed_and_one_more_is_not() {
    // 3 − 3 = 0: a desk may be left empty; its grid events then stay open.
    let m = model(&cut(-3));
    let t = run_replication(&m, 5, 0);
    let [base, reform] = &t.variants[..] else {
        panic!("{} variants", t.variants.len())
    };
    assert!(base.towns[0].closed[2] > 0);
    assert_eq!(reform.towns[0].closed[2], 0);
    assert_eq!(reform.towns[0].arrivals[2], base.towns[0].arrivals[2]);
    // 邱城镇 is not named: its 2 grid staff still decide.
    assert!(reform.towns[1].closed[2] > 0);
    // 3 − 4 = −1 is a problem naming the change, the body and the count,
    // found as the file is read, at the line of the change.
    let text = cut(-4);
    match Scenario::from_toml_str(&text, "t.toml").map(|_| ()) {
        Err(Error::Scenario(p)) => {
            assert_eq!(p.len(), 1);
            assert_eq!(p[0].field, "reform[0].staff[0].add");
            assert_eq!(
                p[0].message,
                "-4 leaves 130430100000 with -1 staff at the grid desk"
            );
            let line = text.lines().position(|l| l == "add = -4").map(|i| i + 1);
            assert_eq!(p[0].line, line);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn replications_default_to_ten() {
    let text = tiny("").replace("replications = 3\n", "");
    let s = Scenario::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.file().replications, 10);
    assert_eq!(
        Model::new(&s).map(|m| m.default_replications()).ok(),
        Some(10)
    );
    // Given, they are kept.
    let m = model(&tiny(""));
    assert_eq!((m.default_replications(), m.default_seed()), (3, 5));
}

/// FNV-1a, 64 bits, written from its definition: start from the offset
/// basis, then for each byte xor it in and multiply by the prime.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[test]
fn the_fingerprint_is_fnv_1a_of_the_canonical_json() {
    // The published test vectors of FNV-1a 64 check the reference above.
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    for text in [tiny(""), cut(-3)] {
        let s = Scenario::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_string(s.file()).unwrap_or_else(|e| panic!("{e}"));
        let want = format!("{:016x}", fnv1a(json.as_bytes()));
        assert_eq!(s.fingerprint(), want);
        assert_eq!(model(&text).fingerprint(), want);
    }
}

#[test]
fn a_synthetic_territory_may_hold_at_most_10000_townships() {
    // The bound counts the most townships the draw may give: counties ×
    // the upper end of townships_per_county. 50 × 200 = 10,000 is allowed;
    // 51 × 200 = 10,200 is not.
    let tiny = tiny("");
    let items = &tiny[tiny.find("[[item]]").unwrap_or(0)..];
    let synthetic = |counties: u32| {
        format!(
            "name = \"s\"\nseed = 5\nreplications = 1\n\n[period]\nfrom = \"2025-03-03\"\n\
             days = 5\n\n[territory]\nprovince_code = \"130000000000\"\n\n[territory.synthetic]\nseed = 1\ncounties = {counties}\n\
             townships_per_county = [1, 200]\npopulation_median = 100.0\n\
             population_sigma = 0.0\n\n{items}"
        )
    };
    assert!(Scenario::from_toml_str(&synthetic(50), "s.toml").is_ok());
    match Scenario::from_toml_str(&synthetic(51), "s.toml") {
        Err(Error::Scenario(p)) => {
            let got: Vec<(&str, &str)> = p
                .iter()
                .map(|p| (p.field.as_str(), p.message.as_str()))
                .collect();
            assert_eq!(got, [("territory", "10200 townships: at most 10000")]);
        }
        other => panic!("{other:?}"),
    }
}

/// The problems reading `text` gives, as (field, message).
fn problems(text: &str) -> Vec<(String, String)> {
    match Scenario::from_toml_str(text, "p.toml") {
        Ok(_) => Vec::new(),
        Err(Error::Scenario(p)) => p.into_iter().map(|p| (p.field, p.message)).collect(),
        Err(e) => panic!("{e}"),
    }
}

fn pairs<'a>(want: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    want.iter()
        .map(|&(f, m)| (f.to_owned(), m.to_owned()))
        .collect()
}

#[test]
fn a_code_given_twice_is_named_where_it_repeats() {
    // A second county with 邱县's code, holding a township with its own
    // fresh code: only the county repeats.
    let county = tiny("").replace(
        "[[item]]\ncode = \"approval.a\"",
        "[[territory.county]]\ncode = \"130430000000\"\nname = \"又一个邱县\"\n\n\
         [[territory.county.township]]\ncode = \"130430102000\"\nname = \"梁二庄镇\"\n\
         population = 100\n\n[[item]]\ncode = \"approval.a\"",
    );
    assert_eq!(
        problems(&county),
        pairs(&[("territory.county[1].code", "`130430000000` appears twice")])
    );
    // A township that repeats the other's code is a division code given
    // twice; one that repeats its county's is not a township's code at all
    // (its last six digits are zeros: a county's).
    let twice = tiny("").replace("code = \"130430101000\"", "code = \"130430100000\"");
    assert_eq!(
        problems(&twice),
        pairs(&[(
            "territory.county[0].township[1].code",
            "`130430100000` appears twice"
        )])
    );
    let as_county = tiny("").replace("code = \"130430101000\"", "code = \"130430000000\"");
    assert_eq!(
        problems(&as_county),
        pairs(&[(
            "territory.county[0].township[1].code",
            "`130430000000` is not a township's division code (nine digits, the last three \
             not 000, then 000)"
        )])
    );
    // An item code given twice.
    let item = tiny("").replace("code = \"grid.a\"", "code = \"penalty.a\"");
    assert_eq!(
        problems(&item),
        pairs(&[("item[2].code", "`penalty.a` appears twice")])
    );
}

#[test]
fn a_staff_change_is_within_100000_either_way() {
    let change = |add: i32| {
        tiny(&format!(
            "\n[[reform]]\nname = \"hire\"\n[[reform.staff]]\ndesk = \"service\"\n\
             level = \"county\"\nadd = {add}\n"
        ))
    };
    // The county's service desk has 1 (below), so +9,999 makes 10,000,
    // the most a desk may have, and +100,000 makes 100,001, over it.
    assert_eq!(problems(&change(9_999)), []);
    assert_eq!(
        problems(&change(10_000)),
        pairs(&[(
            "reform[0].staff",
            "130430000000 has 10001 staff at the service desk: at most 10000"
        )])
    );
    assert_eq!(
        problems(&change(100_000)),
        pairs(&[(
            "reform[0].staff",
            "130430000000 has 100001 staff at the service desk: at most 10000"
        )])
    );
    // −100,000 is within the bound, but the county's service desk has 1
    // (30,000 residents × 0.2 per 10,000 = 0.6, rounded to 1, the least),
    // and 1 − 100,000 = −99,999 is found as the file is read.
    assert_eq!(
        problems(&change(-100_000)),
        pairs(&[(
            "reform[0].staff[0].add",
            "-100000 leaves 130430000000 with -99999 staff at the service desk"
        )])
    );
    assert_eq!(
        problems(&change(100_001)),
        pairs(&[
            ("reform[0].staff[0].add", "100001 is beyond ±100000"),
            (
                "reform[0].staff",
                "130430000000 has 100002 staff at the service desk: at most 10000"
            )
        ])
    );
    assert_eq!(
        problems(&change(-100_001)),
        // Both, in one pass: out of bounds, and 1 − 100,001 = −100,000.
        pairs(&[
            ("reform[0].staff[0].add", "-100001 is beyond ±100000"),
            (
                "reform[0].staff[0].add",
                "-100001 leaves 130430000000 with -100000 staff at the service desk"
            )
        ])
    );
}

#[test]
fn a_synthetic_territorys_expected_arrivals_count_three_medians_a_township() {
    // The check cannot know the drawn populations, so it takes three
    // medians a township. 20 townships (one county of [20, 20]) of median
    // 5,000,000: 3 × 20 × 5,000,000 = 3 × 10^8 residents; the tiny items
    // bring 1.0 + 0.2 + 2.0 = 3.2 a day per 10,000, so 96,000 a day.
    // Over 1,000 days: 9.6 × 10^7, within 10^8; over 2,000 days: 1.92 ×
    // 10^8, refused.
    let tiny = tiny("");
    let items = &tiny[tiny.find("[[item]]").unwrap_or(0)..];
    let synthetic = |days: u32| {
        format!(
            "name = \"s\"\nseed = 5\n\n[period]\nfrom = \"2025-03-03\"\ndays = {days}\n\n\
             [territory]\nprovince_code = \"130000000000\"\n\n[territory.synthetic]\nseed = 1\ncounties = 1\ntownships_per_county = [20, 20]\n\
             population_median = 5000000.0\npopulation_sigma = 0.0\n\n{items}"
        )
    };
    assert_eq!(problems(&synthetic(1000)), []);
    assert_eq!(
        problems(&synthetic(2000)),
        pairs(&[(
            "item",
            "about 192000000 arrivals a replication: at most 100000000"
        )])
    );
}

#[test]
fn every_metric_has_its_file_code_label_unit_and_direction() {
    use jiceng_sim::Unit;
    // The file code is the serde name (snake_case of the variant).
    let want = [
        (
            Metric::OnTimeStatute,
            "on_time_statute",
            "on time (statute)",
            Unit::Share,
        ),
        (
            Metric::OnTimePromise,
            "on_time_promise",
            "on time (promise)",
            Unit::Share,
        ),
        (
            Metric::ResolvedLocally,
            "resolved_locally",
            "resolved in the township",
            Unit::Share,
        ),
        (
            Metric::MeanDaysToDecision,
            "mean_days_to_decision",
            "mean working days to decision",
            Unit::WorkingDays,
        ),
        (
            Metric::P90DaysToDecision,
            "p90_days_to_decision",
            "p90 working days to decision",
            Unit::WorkingDays,
        ),
        (
            Metric::Utilisation,
            "utilisation",
            "staff utilisation",
            Unit::Share,
        ),
        (Metric::Backlog, "backlog", "backlog", Unit::Count),
        (
            Metric::ResidentsPerStaff,
            "residents_per_staff",
            "residents per staff member",
            Unit::Ratio,
        ),
        (Metric::Arrivals, "arrivals", "arrivals", Unit::Count),
        (Metric::Closed, "closed", "closed", Unit::Count),
    ];
    assert_eq!(Metric::ALL.len(), want.len());
    for (m, (w, code, en, unit)) in Metric::ALL.iter().zip(want) {
        assert_eq!(*m, w);
        assert_eq!(m.code(), code);
        assert_eq!(serde_json::to_string(m).ok(), Some(format!("\"{code}\"")));
        assert_eq!(m.name_en(), en);
        assert_eq!(m.unit(), unit, "{code}");
    }
}

/// One township with ample staff (100 a desk) and one grid event category
/// it holds, each handled in exactly 420 minutes (sigma 0), from Saturday
/// 8 March 2025 for three days: a weekend, then Monday 10 March.
const WEEKEND: &str = r#"
name = "weekend"
seed = 3
replications = 1

[period]
from = "2025-03-08"
days = 3

[[territory.county]]
code = "130430000000"
name = "邱县"
staff = { service = 100, enforcement = 100, grid = 100 }

[[territory.county.township]]
code = "130430100000"
name = "新马头镇"
population = 10000
staff = { service = 100, enforcement = 100, grid = 100 }

[[item]]
code = "grid.a"
kind = "grid"
rate = 20.0
held_by = "township"
promised_working_days = 0
handling.township = { median_minutes = 420, sigma = 0.0 }
handling.county = { median_minutes = 420, sigma = 0.0 }
"#;

#[test]
fn weekend_arrivals_are_taken_up_at_mondays_first_working_minute() {
    // Monday is the only working day: 420 working minutes (08:30–12:00,
    // 14:00–17:30), the period's whole axis. Whatever arrives on the
    // weekend, or on Monday before 08:30, is accepted at minute 0; with
    // ample staff each starts at once and ends at minute 420, Monday's
    // last working minute, which still belongs to Monday: decided on
    // Monday, 0 working days taken, within the promise. Anything accepted
    // later on Monday ends past the period and stays open.
    let m = model(WEEKEND);
    for rep in 0..3 {
        let t = run_replication(&m, 3, rep);
        let v = &t.variants[0];
        let town = &v.towns[0];
        let [sat, sun, mon] = v.daily_arrivals[0][..] else {
            panic!("{:?}", v.daily_arrivals)
        };
        // 20 a day for 10,000 residents: a weekend without any is a
        // Poisson(40) zero, e^-40.
        assert!(sat > 0 && sun > 0);
        let decided = town.decided();
        assert!(decided >= sat + sun && decided <= sat + sun + mon);
        assert_eq!(v.daily_closed[0], vec![0, 0, decided]);
        assert_eq!(town.minutes, 420 * decided);
        assert_eq!(town.hist[0], decided);
        assert_eq!(town.promise, [decided, decided]);
        assert_eq!(town.open_local, sat + sun + mon - decided);
        // Each event taken up at minute 0 keeps a worker busy the whole
        // day; each later one, from its minute r (0 < r ≤ 420) to the end,
        // for less than a day.
        assert!(town.busy >= 420 * decided);
        assert!(town.busy < 420 * (decided + town.open_local));
    }
}

/// The M/M/3 queue of `data/mmc.toml` moved up to the county: two
/// townships of 5,000 residents each send every grid event, at once (no
/// escalation delay), to the county's grid desk of 3 staff. Each sends a
/// Poisson stream of half the rate; the two together are the same Poisson
/// stream, λ = 2/60 a minute, so the county's desk is the M/M/3 queue of
/// `mmc.rs` if it serves both townships' work first come, first served.
#[test]
fn the_countys_desk_serves_escalations_from_two_townships_as_one_queue() {
    let text = include_str!("../../data/mmc.toml")
        .replace(
            "name = \"邱县\"\nstaff = { service = 1, enforcement = 1, grid = 1 }",
            "name = \"邱县\"\nstaff = { service = 1, enforcement = 1, grid = 3 }",
        )
        .replace(
            "population = 10000\nstaff = { service = 1, enforcement = 1, grid = 3 }",
            "population = 5000\nstaff = { service = 1, enforcement = 1, grid = 1 }\n\n\
             [[territory.county.township]]\ncode = \"130430101000\"\nname = \"邱城镇\"\n\
             population = 5000\n",
        )
        .replace("held_by = \"township\"", "held_by = \"county\"")
        + "\n[escalation]\ndelay_minutes = 0\n";
    let s = Scenario::from_toml_str(&text, "mmc.toml")
        .and_then(|s| s.with_days(200))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.townships(), 2);
    // Erlang C for c = 3, A = 2 (worked in mmc.rs): C = 4/9, Wq = (4/9) /
    // (3/60 − 2/60) = 26.667 minutes, W = Wq + 60 = 86.667.
    let expected = (4.0 / 9.0) / (1.0 / 60.0) + 60.0;
    let reps: Vec<u32> = (0..30).collect();
    let means: Vec<f64> = run(&m, 1, &reps, &|| {})
        .iter()
        .map(|t| {
            let towns = &t.variants[0].towns;
            // Both townships send work, and none of it is decided at home.
            assert!(towns.iter().all(|x| x.decided() > 0));
            assert!(towns.iter().all(|x| x.closed_local == [0, 0, 0]));
            let minutes: u64 = towns.iter().map(|x| x.minutes).sum();
            let decided: u64 = towns.iter().map(TownTally::decided).sum();
            minutes as f64 / decided as f64
        })
        .collect();
    let n = means.len() as f64;
    let mean = means.iter().sum::<f64>() / n;
    let sd = (means.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    // The tolerance of mmc.rs: 4 standard errors plus 1% of W.
    let tolerance = 4.0 * sd / n.sqrt() + 0.01 * expected;
    assert!(tolerance < 5.0, "tolerance {tolerance}");
    assert!(
        (mean - expected).abs() <= tolerance,
        "simulated {mean:.2}, Erlang C {expected:.2}"
    );
}

/// One township with 1,000 grid staff, so that nothing ever waits, and one
/// grid category of 500 a day for 10,000 residents, over 100 days when
/// every day works 00:00–23:59: handling time alone is measured.
fn handling_scenario(handling: &str) -> String {
    format!(
        "name = \"h\"\nseed = 8\n\n[period]\nfrom = \"2025-01-01\"\ndays = 100\n\n\
         [policy]\nworking_hours = \"00:00-23:59\"\ncalendar = \"every_day\"\n\n\
         [[territory.county]]\ncode = \"130430000000\"\nname = \"邱县\"\n\
         staff = {{ service = 1, enforcement = 1, grid = 1 }}\n\n\
         [[territory.county.township]]\ncode = \"130430100000\"\nname = \"新马头镇\"\n\
         population = 10000\nstaff = {{ service = 1, enforcement = 1, grid = 1000 }}\n\n\
         [[item]]\ncode = \"grid.h\"\nkind = \"grid\"\nrate = 500.0\nheld_by = \"township\"\n\
         handling.township = {handling}\nhandling.county = {handling}\n"
    )
}

#[test]
fn handling_times_have_the_mean_of_their_distribution() {
    // Some 50,000 events, each decided after exactly its handling time.
    // A lognormal of median 60 and sigma 0.5 has mean 60 e^(0.5²/2) =
    // 67.99 and standard deviation 67.99 √(e^0.25 − 1) = 36.2, so the mean
    // of 50,000 has a standard error of 0.16; an exponential of median 60
    // has mean 60 / ln 2 = 86.56 and standard error 86.56 / √50,000 =
    // 0.39. Rounding to whole minutes moves a mean by far less. The
    // tolerance, 1%, is over four standard errors; the events still open
    // at the end (those arriving in the last few hours) are too few to
    // matter.
    for (handling, mean) in [
        (
            "{ median_minutes = 60, sigma = 0.5 }",
            60.0 * (0.125f64).exp(),
        ),
        (
            "{ median_minutes = 60, shape = \"exponential\" }",
            60.0 / std::f64::consts::LN_2,
        ),
    ] {
        let m = model(&handling_scenario(handling));
        let t = run_replication(&m, 8, 0);
        let town = &t.variants[0].towns[0];
        assert!(town.decided() > 45_000, "{}", town.decided());
        let got = town.minutes as f64 / town.decided() as f64;
        assert!(
            (got / mean - 1.0).abs() < 0.01,
            "{handling}: {got} against {mean}"
        );
    }
}

#[test]
fn arrivals_are_split_between_items_of_a_desk_by_their_rates() {
    // Two grid categories, 1 and 3 a day per 10,000 residents: the first
    // held by the township, the second by the county, both with staff to
    // spare and one-minute handling, so nearly all are decided. Of some
    // 800 grid events in 200 days, a quarter should be the township's:
    // the share's standard error is √(0.25 × 0.75 / 800) = 0.015, and the
    // tolerance, 0.075, five of them.
    let text = handling_scenario("{ median_minutes = 1 }")
        .replace("days = 100", "days = 200")
        .replace("rate = 500.0", "rate = 1.0")
        .replace("grid = 1 }", "grid = 1000 }")
        + "\n[[item]]\ncode = \"grid.up\"\nkind = \"grid\"\nrate = 3.0\n\
           handling.township = { median_minutes = 1 }\n\
           handling.county = { median_minutes = 1 }\n";
    let m = model(&text);
    for rep in 0..3 {
        let t = run_replication(&m, 8, rep);
        let town = &t.variants[0].towns[0];
        assert!(town.arrivals[2] > 600, "{:?}", town.arrivals);
        let share = town.closed_local[2] as f64 / town.closed[2] as f64;
        assert!((share - 0.25).abs() < 0.075, "{share}");
    }
}

#[test]
fn a_desk_over_10000_staff_is_named_once_by_the_baseline() {
    // Baitaling's subdistrict with 30,000 at its enforcement desk, and a
    // reform that adds 9 more there: the base is over the bound, said
    // once, by the baseline, and not again by the reform.
    let text = include_str!("../../data/baitaling.toml").replace(
        "staff = { service = 12, enforcement = 3, grid = 24 }",
        "staff = { service = 12, enforcement = 30000, grid = 24 }",
    );
    assert_eq!(
        problems(&text),
        pairs(&[(
            "staff",
            "130302010000 has 30000 staff at the enforcement desk (its own, or by the staff \
             rules): at most 10000"
        )])
    );
    // Three desks over: the first is named, and all are counted.
    let text = include_str!("../../data/baitaling.toml").replace(
        "staff = { service = 12, enforcement = 3, grid = 24 }",
        "staff = { service = 10001, enforcement = 30000, grid = 20000 }",
    );
    assert_eq!(
        problems(&text),
        pairs(&[(
            "staff",
            "130302010000 has 10001 staff at the service desk (its own, or by the staff \
             rules): at most 10000 (3 desks over in all)"
        )])
    );
    // The grid desk at exactly 10,000, then 8 more by the reform.
    let text = include_str!("../../data/baitaling.toml").replace(
        "staff = { service = 12, enforcement = 3, grid = 24 }",
        "staff = { service = 12, enforcement = 3, grid = 10000 }",
    );
    assert_eq!(
        problems(&text),
        pairs(&[(
            "reform[0].staff",
            "130302010000 has 10008 staff at the grid desk: at most 10000"
        )])
    );
}

#[test]
fn a_reform_over_the_staff_bound_is_refused_whatever_the_base() {
    let base = |staff: &str| {
        include_str!("../../data/baitaling.toml").replace(
            "staff = { service = 12, enforcement = 3, grid = 24 }",
            staff,
        )
    };
    // A base over the bound that the baseline's own change brings under
    // it, and a reform that takes it far over again: the reform's.
    let text = base("staff = { service = 12, enforcement = 3, grid = 20024 }").replace(
        "[[reform]]",
        "[[baseline.staff]]\ndesk = \"grid\"\nlevel = \"township\"\nadd = -20000\n\n[[reform]]",
    ) + "\n[[reform.staff]]\ndesk = \"grid\"\nlevel = \"township\"\nadd = 100000\n";
    assert_eq!(
        problems(&text),
        pairs(&[(
            "reform[0].staff",
            "130302010000 has 100032 staff at the grid desk: at most 10000"
        )])
    );
    // A base at the bound exactly, and a baseline change of 5 more: the
    // baseline's change, not the base, took it over.
    let text = base("staff = { service = 12, enforcement = 3, grid = 10000 }").replace(
        "[[reform]]",
        "[[baseline.staff]]\ndesk = \"grid\"\nlevel = \"township\"\nadd = 5\n\n[[reform]]",
    );
    assert_eq!(
        problems(&text),
        pairs(&[(
            "baseline.staff",
            "130302010000 has 10005 staff at the grid desk: at most 10000"
        )])
    );
    // A baseline change over the bound (3 + 20,000), and the reform's 9
    // more at that desk: said once, by the baseline.
    let text = base("staff = { service = 12, enforcement = 3, grid = 24 }").replace(
        "[[reform]]",
        "[[baseline.staff]]\ndesk = \"enforcement\"\nlevel = \"township\"\nadd = 20000\n\n[[reform]]",
    );
    assert_eq!(
        problems(&text),
        pairs(&[(
            "baseline.staff",
            "130302010000 has 20003 staff at the enforcement desk: at most 10000"
        )])
    );
}
