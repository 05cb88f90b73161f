//! The ledger: conservation, refusals that name both bodies and the
//! numbers, and establishments on any date with their instruments.

use chrono::NaiveDate;
use jiceng_org::Level;
use jiceng_staffing::{
    BAITALING, Body, Error, Event, EventKind, Ledger, LedgerFile, Posts, QuotaKind, Severity,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn body(code: &str, level: Level) -> Body {
    Body {
        code: code.into(),
        name: String::new(),
        level,
    }
}

/// A county with 30 administrative quotas and 25 people, two townships.
fn county() -> Ledger {
    let mut l = Ledger::new(vec![
        body("county", Level::County),
        body("town-a", Level::Township),
        body("town-b", Level::Township),
    ])
    .unwrap();
    let adm = QuotaKind::Administrative;
    l.apply(Event::quota(
        d("2019-01-01"),
        "三定",
        EventKind::Create,
        "county",
        adm,
        30,
    ))
    .unwrap();
    l.apply(Event::quota(
        d("2019-01-02"),
        "招录",
        EventKind::Hire,
        "county",
        adm,
        25,
    ))
    .unwrap();
    l
}

fn sink(date: &str, from: &str, to: &str, n: u32) -> Event {
    Event::transfer(
        d(date),
        "下沉文件",
        EventKind::Sink,
        from,
        to,
        QuotaKind::Administrative,
        n,
    )
}

/// Baitaling: 39 staff for 183,000 residents, 21 quotas sunk from the
/// district: 39 on any date before the sinking, 60 from its date on, the
/// sinking's instrument behind it, and the total of 60 quotas kept.
#[test]
fn baitaling_before_and_after() {
    let (ledger, findings) = LedgerFile::parse_toml(BAITALING).unwrap().compile();
    assert!(findings.is_empty(), "{findings:?}");
    let before = ledger.at("baitaling", d("2019-05-31")).unwrap();
    assert_eq!(before.establishment.quotas.total(), 39);
    assert_eq!(before.establishment.headcount.total(), 39);
    assert_eq!(before.events.len(), 2);
    let after = ledger.at("baitaling", d("2019-06-01")).unwrap();
    assert_eq!(after.establishment.quotas.other, 60);
    assert_eq!(after.establishment.vacancies(QuotaKind::Other), 21);
    let last = after.events.last().unwrap();
    assert_eq!(
        (last.kind, last.body.as_str()),
        (EventKind::Sink, "haigang")
    );
    assert!(last.instrument.contains("sinking of 21"));
    assert_eq!(
        ledger
            .at("haigang", d("2020-01-01"))
            .unwrap()
            .establishment
            .quotas
            .total(),
        0
    );
    assert_eq!(ledger.total_quotas(), 60);
    // Before any event, nothing.
    assert_eq!(
        ledger
            .at("baitaling", d("2018-12-31"))
            .unwrap()
            .events
            .len(),
        0
    );
}

/// The CSV form of the bundled ledger gives the same ledger.
#[test]
fn baitaling_csv_equals_toml() {
    let (a, fa) = LedgerFile::parse_toml(BAITALING).unwrap().compile();
    let csv = include_str!("../../data/baitaling.csv");
    let (b, fb) = LedgerFile::parse_csv(csv).unwrap().compile();
    assert!(fa.is_empty() && fb.is_empty(), "{fa:?} {fb:?}");
    assert_eq!(a.events(), b.events());
    assert_eq!(a.bodies(), b.bodies());
}

/// 25 people on 30 quotas: moving 6 would leave 24 for 25 people. The
/// error names both bodies and the numbers; nothing is applied.
#[test]
fn transfer_below_headcount_is_refused() {
    let mut l = county();
    let e = l
        .apply(sink("2019-03-01", "county", "town-a", 6))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "transfer of 6 administrative quotas from county to town-a refused: county holds 30 \
         with headcount 25, which would leave 24, below its headcount"
    );
    assert_eq!(l.events().len(), 2);
    assert_eq!(l.current("county").unwrap().quotas.administrative, 30);
    assert_eq!(l.current("town-a").unwrap().quotas.administrative, 0);
    // Exactly down to the headcount is allowed.
    l.apply(sink("2019-03-01", "county", "town-a", 5)).unwrap();
    assert_eq!(l.current("county").unwrap().quotas.administrative, 25);
    assert_eq!(l.total_quotas(), 30);
}

#[test]
fn transfer_to_negative_is_refused() {
    let mut l = county();
    let e = l
        .apply(Event::transfer(
            d("2019-03-01"),
            "x",
            EventKind::Adjust,
            "town-a",
            "town-b",
            QuotaKind::Other,
            5,
        ))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "transfer of 5 other quotas from town-a to town-b refused: town-a holds 0 with headcount 0, \
         which would leave -5, a negative number"
    );
    let e = l
        .apply(Event::quota(
            d("2019-03-01"),
            "核减",
            EventKind::Cancel,
            "county",
            QuotaKind::Administrative,
            10,
        ))
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("cancellation of 10 administrative quotas at county refused: "),
        "{e}"
    );
}

/// Creation and cancellation change the total; transfers do not.
#[test]
fn only_instruments_create_or_cancel() {
    let mut l = county();
    l.apply(sink("2019-03-01", "county", "town-a", 5)).unwrap();
    l.apply(Event::transfer(
        d("2019-03-02"),
        "调剂",
        EventKind::Adjust,
        "town-a",
        "town-b",
        QuotaKind::Administrative,
        2,
    ))
    .unwrap();
    assert_eq!(l.total_quotas(), 30);
    l.apply(Event::quota(
        d("2019-04-01"),
        "核增",
        EventKind::Create,
        "town-b",
        QuotaKind::PublicInstitution,
        7,
    ))
    .unwrap();
    assert_eq!(l.total_quotas(), 37);
    l.apply(Event::quota(
        d("2019-05-01"),
        "核减",
        EventKind::Cancel,
        "town-b",
        QuotaKind::PublicInstitution,
        3,
    ))
    .unwrap();
    assert_eq!(l.total_quotas(), 34);
    let b = l.current("town-b").unwrap();
    assert_eq!(
        (b.quotas.administrative, b.quotas.public_institution),
        (2, 4)
    );
}

#[test]
fn impossible_events_are_errors() {
    let mut l = county();
    let cases: Vec<(Event, &str)> = vec![
        (
            sink("2018-12-31", "county", "town-a", 1),
            "dated before the previous event (2019-01-02)",
        ),
        (
            sink("2019-03-01", "county", "nowhere", 1),
            "unknown body \"nowhere\"",
        ),
        (
            // Peers; a sinking of quotas town-a holds is in the regression
            // tests.
            sink("2019-03-01", "town-a", "town-b", 0),
            "sink event: field count: 0 moves no quota (a transfer moves 1 or more)",
        ),
        (
            Event::quota(
                d("2019-03-01"),
                "x",
                EventKind::Leave,
                "county",
                QuotaKind::Administrative,
                26,
            ),
            "26 administrative staff cannot leave county: its headcount is 25",
        ),
        (
            Event {
                to: None,
                ..sink("2019-03-01", "county", "town-a", 1)
            },
            "sink event: field to is missing",
        ),
        (
            Event {
                rank: Some("副科".into()),
                ..sink("2019-03-01", "county", "town-a", 1)
            },
            "field rank (\"副科\") is not allowed",
        ),
        (
            Event {
                quota: None,
                ..sink("2019-03-01", "county", "town-a", 1)
            },
            "field quota is missing",
        ),
        (
            sink("2019-03-01", "county", "county", 1),
            "body and to are the same",
        ),
        // Pinned by mutation testing: only a transfer names a second body,
        // and a posts event must name its rank.
        (
            Event {
                to: Some("town-a".into()),
                ..Event::quota(
                    d("2019-03-01"),
                    "x",
                    EventKind::Hire,
                    "county",
                    QuotaKind::Administrative,
                    1,
                )
            },
            "hire event: field to (\"town-a\") is not allowed",
        ),
        (
            Event {
                kind: EventKind::Posts,
                to: None,
                quota: None,
                rank: None,
                ..sink("2019-03-01", "county", "town-a", 1)
            },
            "posts event: field rank is missing",
        ),
        (
            Event {
                instrument: String::new(),
                ..sink("2019-03-01", "county", "town-a", 1)
            },
            "field instrument must be 1 to 256 bytes",
        ),
    ];
    for (event, needle) in cases {
        let e = l.apply(event).unwrap_err();
        assert!(
            e.to_string().contains(needle),
            "{e} should contain {needle}"
        );
    }
    assert_eq!(l.events().len(), 2, "nothing was applied");
}

/// The reform's three new deputy-section posts, and a fourth held above
/// the limit: a flag, not an error.
#[test]
fn posts_and_their_limits() {
    let text = r#"
[[body]]
code = "town"
level = "township"

[[event]]
date = 2019-06-01
instrument = "冀编: 每个乡镇增加3名副科级领导职数"
kind = "posts"
body = "town"
rank = "副科"
count = 3

[[event]]
date = 2019-07-01
instrument = "任命"
kind = "fill"
body = "town"
rank = "副科"
count = 4
"#;
    let (l, findings) = LedgerFile::parse_toml(text).unwrap().compile();
    assert_eq!(
        l.current("town").unwrap().posts["副科"],
        Posts {
            limit: 3,
            filled: 4
        }
    );
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].severity, Severity::Flag);
    assert_eq!(findings[0].line, Some(14));
    assert_eq!(
        findings[0].message,
        "town holds 1 副科 posts above the limit of 3: 4 held; from 2019-07-01 to the end of the ledger"
    );
    let s = l.at("town", d("2019-06-30")).unwrap();
    assert_eq!(
        s.establishment.posts["副科"],
        Posts {
            limit: 3,
            filled: 0
        }
    );
}

#[test]
fn duplicate_bodies_are_refused() {
    let e = Ledger::new(vec![body("x", Level::County), body("x", Level::Township)]).unwrap_err();
    assert_eq!(e, Error::DuplicateBody { code: "x".into() });
}

/// Pinned by mutation testing: the excess of each rank over its limit,
/// by subtraction: 7 held against 3 is 4 over (not 7 / 3 = 2), and a rank
/// held within its limit is not listed.
#[test]
fn posts_over_limit_by_the_excess() {
    use jiceng_staffing::{Establishment, Posts};
    let mut e = Establishment::default();
    e.posts.insert(
        "副科".into(),
        Posts {
            limit: 3,
            filled: 7,
        },
    );
    e.posts.insert(
        "正科".into(),
        Posts {
            limit: 1,
            filled: 1,
        },
    );
    assert_eq!(e.posts_over_limit(), vec![("副科".to_string(), 4)]);
}
