//! The generator at extreme sizes, and hostile ledgers that must end with
//! findings rather than an abort.

use chrono::NaiveDate;
use jiceng_authority::synth::{SynthParams, province, try_province};
use jiceng_authority::{
    CheckOptions, Error, FindingKind, Instrument, InstrumentKind, Ledger, LedgerFile, Severity,
    Source,
};
use jiceng_org::Level;

fn errors(l: &Ledger) -> Vec<jiceng_authority::Finding> {
    l.check(&CheckOptions::default())
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

#[test]
fn the_generator_is_valid_at_extreme_sizes() {
    let cases = [
        SynthParams {
            items: 0,
            townships: 10,
            villages: 0,
            instruments: 30,
            ..SynthParams::default()
        },
        SynthParams {
            townships: 0,
            villages: 0,
            items: 10,
            instruments: 30,
            ..SynthParams::default()
        },
        SynthParams {
            instruments: 0,
            townships: 10,
            villages: 10,
            items: 10,
            ..SynthParams::default()
        },
        SynthParams {
            items: 1,
            townships: 3,
            villages: 0,
            instruments: 5,
            ..SynthParams::default()
        },
        // Many instruments in one year: many share a day.
        SynthParams {
            townships: 30,
            villages: 0,
            items: 20,
            instruments: 3000,
            years: 1,
            ..SynthParams::default()
        },
        // More than 99 counties a city (beyond 15,000 townships).
        SynthParams {
            townships: 20_000,
            villages: 0,
            items: 5,
            instruments: 50,
            ..SynthParams::default()
        },
    ];
    for p in cases {
        let file = try_province(&p).unwrap();
        let townships = file
            .divisions
            .iter()
            .filter(|d| d.code.level() == Level::Township)
            .count();
        assert_eq!(townships, p.townships as usize, "{p:?}");
        let l = Ledger::build(file, Source::default()).unwrap();
        assert_eq!(errors(&l), vec![], "{p:?}");
    }
}

#[test]
fn the_generator_refuses_or_clamps_out_of_range_parameters() {
    let p = SynthParams {
        townships: 100_001,
        ..SynthParams::default()
    };
    assert!(matches!(
        try_province(&p),
        Err(Error::InvalidParameter {
            name: "townships",
            ..
        })
    ));
    let p = SynthParams {
        cities: 0,
        ..SynthParams::default()
    };
    assert!(matches!(
        try_province(&p),
        Err(Error::InvalidParameter { name: "cities", .. })
    ));
    // `province` clamps instead of panicking.
    let p = SynthParams {
        townships: 5,
        villages: 0,
        items: 3,
        instruments: 10,
        years: 0,
        cities: 500,
        ..SynthParams::default()
    };
    assert!(!province(&p).divisions.is_empty());
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_20000_way_overlap_ends_with_one_finding() {
    let mut file = province(&SynthParams {
        townships: 14,
        villages: 0,
        items: 5,
        instruments: 5,
        ..SynthParams::default()
    });
    let town = file
        .divisions
        .iter()
        .find(|d| d.code.level() == Level::Township)
        .unwrap()
        .code;
    let county = town.at(Level::County).unwrap();
    let item = file
        .items
        .iter()
        .find(|i| !i.category.is_enforcement())
        .unwrap()
        .code
        .clone();
    let gov = file
        .bodies
        .iter()
        .find(|b| b.division == county && b.kind == jiceng_org::BodyKind::Government)
        .unwrap()
        .code
        .clone();
    for k in 0..20_000 {
        file.instruments.push(Instrument {
            id: format!("x{k}"),
            kind: InstrumentKind::Devolution,
            issuer: gov.clone(),
            document: Some(format!("d{k}")),
            title: "t".to_owned(),
            published: day("2024-01-01"),
            effective_from: day("2024-01-01"),
            effective_until: None,
            items: vec![item.clone()],
            from: Vec::new(),
            to: None,
            townships: vec![town],
            county: None,
            tag: None,
            province: None,
            evaluates: Vec::new(),
        });
    }
    let l = Ledger::build(file, Source::default()).unwrap();
    let overlaps: Vec<_> = l
        .check(&CheckOptions::default())
        .into_iter()
        .filter(|f| f.kind == FindingKind::OverlappingGrant)
        .collect();
    assert_eq!(overlaps.len(), 1);
    assert!(
        overlaps[0].message.contains("20000 instruments"),
        "{}",
        overlaps[0].message
    );
    assert!(
        l.holder(&item, &town.to_string(), day("2024-06-01"))
            .is_ok()
    );
}

#[test]
fn a_ledger_past_the_grant_limit_is_refused_with_a_message() {
    // One county-wide devolution of many items: 14 townships x 300,000
    // items (4,200,000 pairs) is past MAX_GRANTS.
    let mut file: LedgerFile = province(&SynthParams {
        townships: 14,
        villages: 0,
        items: 5,
        instruments: 5,
        ..SynthParams::default()
    });
    let county = file
        .divisions
        .iter()
        .find(|d| d.code.level() == Level::County)
        .unwrap()
        .code;
    // Only this instrument names townships.
    file.instruments.clear();
    file.instruments.push(Instrument {
        id: "huge".to_owned(),
        kind: InstrumentKind::Devolution,
        issuer: "c1-gov".to_owned(),
        document: Some("d".to_owned()),
        title: "t".to_owned(),
        published: day("2024-01-01"),
        effective_from: day("2024-01-01"),
        effective_until: None,
        items: (0..300_000).map(|k| format!("NO-{k}")).collect(),
        from: Vec::new(),
        to: None,
        townships: Vec::new(),
        county: Some(county),
        tag: None,
        province: None,
        evaluates: Vec::new(),
    });
    let err = Ledger::build(file, Source::default()).unwrap_err();
    const { assert!(jiceng_authority::MAX_GRANTS < 4_200_000) };
    assert!(err.to_string().contains("4200000"), "{err}");
    assert!(
        err.to_string()
            .contains(&jiceng_authority::MAX_GRANTS.to_string()),
        "{err}"
    );
}

#[test]
fn a_hundred_thousand_townships_build_and_check() {
    let p = SynthParams {
        townships: 100_000,
        villages: 0,
        items: 4,
        instruments: 200,
        ..SynthParams::default()
    };
    let l = Ledger::build(province(&p), Source::default()).unwrap();
    assert_eq!(errors(&l), vec![]);
}
