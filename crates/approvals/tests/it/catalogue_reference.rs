//! The catalogue's index against a reference resolver.
//!
//! `Catalogue` numbers places and items once and keeps, for each place's
//! item, its forms over time with the fields already inherited, so that a
//! case costs one table look-up. The reference below does none of that: it
//! reads the entries as written, for every case, following the rules of
//! DESIGN.md ("Which entries does a place offer, and what does it
//! inherit?"): walk up from the case's place to the county; the first
//! place with an entry in force that day decides (a template is passed
//! over, a withdrawn entry offers nothing); each field comes from the
//! place's own entry, else from the same item's entry at the county, city
//! or province in force that day. Generated catalogues, with dates,
//! overlaps, templates, withdrawals and missing fields, must resolve the
//! same way through both, in the table index and in the hash index.

use chrono::{Duration, NaiveDate};
use jiceng_approvals::{Case, Catalogue, CatalogueFile, Entry, Error, Handling, Inline, Limits};
use jiceng_calendar::Period;
use jiceng_org::{DivisionCode, Level};
use proptest::prelude::*;

const PROVINCE: u64 = 130_000_000_000;
const CITY: u64 = 130_900_000_000;
const COUNTY: u64 = 130_926_000_000;
const TOWN_1: u64 = 130_926_101_000;
const TOWN_2: u64 = 130_926_102_000;
const PLACES: [u64; 5] = [PROVINCE, CITY, COUNTY, TOWN_1, TOWN_2];
const ITEMS: [&str; 3] = ["A", "B", "C"];

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
}

fn bare(division: u64, code: &str, from: NaiveDate) -> Entry {
    Entry {
        division: DivisionCode::new(division).unwrap(),
        code: code.to_owned(),
        from,
        until: None,
        name: None,
        power_item: None,
        category: None,
        handling: None,
        statutory: None,
        promised: None,
        extension_allowed: None,
        extension: None,
        joint: None,
        departments: None,
        materials: None,
        fees: None,
        channels: None,
        proxy: None,
        deciding_body: None,
        office: None,
        withdrawn: false,
        template: false,
    }
}

fn wd(n: u32) -> Period {
    Period::WorkingDays(n)
}

prop_compose! {
    fn entry()(
        place in 0usize..5,
        item in 0usize..3,
        start in 0i64..6,
        length in proptest::option::weighted(0.4, 1i64..400),
        name in proptest::bool::weighted(0.8),
        statutory in proptest::option::of(1u32..60),
        promised in proptest::option::of(0u32..30),
        handling in proptest::option::of(any::<bool>()),
        joint in proptest::option::of(any::<bool>()),
        extension_allowed in proptest::option::of(any::<bool>()),
        extension in proptest::option::of(0u32..20),
        body in proptest::bool::weighted(0.8),
        withdrawn in proptest::bool::weighted(0.1),
        template in proptest::bool::weighted(0.1),
    ) -> Entry {
        let from = base() + Duration::days(start * 100);
        let mut e = bare(PLACES[place], ITEMS[item], from);
        e.until = length.map(|n| from + Duration::days(n));
        e.name = name.then(|| format!("事项{item}"));
        e.statutory = statutory.map(wd);
        e.promised = promised.map(wd);
        e.handling = handling.map(|h| if h { Handling::OnTheSpot } else { Handling::Promised });
        e.joint = joint;
        e.extension_allowed = extension_allowed;
        e.extension = extension.map(wd);
        e.deciding_body = body.then(|| format!("body-{place}"));
        e.withdrawn = withdrawn;
        e.template = template;
        e
    }
}

/// 130 townships of another county, each with an item of its own: the
/// place × item table would be 130 × 133 cells for about 140 entries, so
/// the catalogue indexes by hash instead.
fn scatter(entries: &mut Vec<Entry>) {
    for k in 0..130u64 {
        let mut e = bare(130_925_100_000 + k * 1000, &format!("PAD-{k}"), base());
        e.name = Some("填充".to_owned());
        e.statutory = Some(wd(20));
        e.deciding_body = Some("pad".to_owned());
        entries.push(e);
    }
}

/// What a case gets: its limits, handling kind, the place whose entry
/// applied and the first day of the form; or why not.
#[derive(Debug, PartialEq)]
enum Answer {
    Found {
        limits: Limits,
        handling: Handling,
        place: DivisionCode,
        from: NaiveDate,
    },
    Unknown,
    Incomplete,
    /// A division that is not a code: a malformed case, not a place
    /// where the item is not offered.
    InvalidDivision,
}

/// The entry of `code` at `place` in force on `day`: the latest to start
/// on or before it that has not ended (of two starting the same day, the
/// later in the file).
fn in_force<'a>(
    file: &'a CatalogueFile,
    place: u64,
    code: &str,
    day: NaiveDate,
) -> Option<&'a Entry> {
    file.entry
        .iter()
        .filter(|e| e.division.get() == place && e.code == code)
        .filter(|e| e.from <= day && e.until.is_none_or(|u| day < u))
        .max_by_key(|e| e.from)
}

/// The reference: the entries as written, walked for every case.
fn reference(file: &CatalogueFile, division: &str, code: &str, day: NaiveDate) -> Answer {
    let Ok(start) = division.parse::<DivisionCode>() else {
        return Answer::InvalidDivision;
    };
    let mut here = Some(start);
    while let Some(place) = here.filter(|p| p.level() >= Level::County) {
        here = place.parent();
        let Some(own) = in_force(file, place.get(), code, day) else {
            continue;
        };
        if own.template {
            continue;
        }
        if own.withdrawn {
            return Answer::Unknown;
        }
        // The chain, top down: province, city, county, the place itself.
        let mut chain = vec![place];
        let mut up = place.parent();
        while let Some(p) = up {
            chain.push(p);
            up = p.parent();
        }
        chain.reverse();
        let layers: Vec<&Entry> = chain
            .iter()
            .filter_map(|p| in_force(file, p.get(), code, day))
            .collect();
        macro_rules! pick {
            ($f:ident) => {
                layers.iter().rev().find_map(|e| e.$f.clone())
            };
        }
        let (Some(_), Some(statutory), Some(_)) =
            (pick!(name), pick!(statutory), pick!(deciding_body))
        else {
            return Answer::Incomplete;
        };
        let joint = pick!(joint).unwrap_or(false);
        // Art. 42: one extension of 10 working days, 15 when joint; Art. 44:
        // 10 working days to deliver.
        let extension = if pick!(extension_allowed).unwrap_or(true) {
            pick!(extension).unwrap_or(wd(if joint { 15 } else { 10 }))
        } else {
            wd(0)
        };
        // The form starts on the last day on or before `day` that any
        // entry of the chain starts or ends.
        let from = file
            .entry
            .iter()
            .filter(|e| e.code == code && chain.contains(&e.division))
            .flat_map(|e| [Some(e.from), e.until])
            .flatten()
            .filter(|d| *d <= day)
            .max()
            .unwrap();
        return Answer::Found {
            limits: Limits {
                statutory,
                promised: pick!(promised),
                extension,
                joint,
                delivery: wd(10),
            },
            handling: pick!(handling).unwrap_or(Handling::Promised),
            place,
            from,
        };
    }
    Answer::Unknown
}

/// The catalogue's answer for a case received on `day`.
fn fast(cat: &Catalogue, division: &str, code: &str, day: NaiveDate) -> Answer {
    let line = format!(
        r#"{{"id":"X","item":"{code}","division":"{division}","events":[{{"date":"{day}","kind":"received"}}]}}"#
    );
    let mut case = Case::from_json(&line).unwrap();
    match cat.apply(&mut case, &Inline::default()) {
        Ok(a) => {
            assert_eq!(a.item, code);
            assert_eq!(a.received, day);
            Answer::Found {
                limits: case.limits,
                handling: case.handling,
                place: a.division,
                from: a.from,
            }
        }
        Err(Error::UnknownServiceItem { .. }) => Answer::Unknown,
        Err(Error::Catalogue { .. }) => Answer::Incomplete,
        Err(Error::Parse { field, .. }) if field == "division" => Answer::InvalidDivision,
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn queries() -> impl Strategy<Value = Vec<(usize, usize, i64)>> {
    proptest::collection::vec((0usize..6, 0usize..4, 0i64..900), 1..24)
}

proptest! {
    #[test]
    fn the_index_resolves_as_the_entries_read(
        entries in proptest::collection::vec(entry(), 0..14),
        scattered in any::<bool>(),
        qs in queries(),
    ) {
        let mut entries = entries;
        if scattered {
            scatter(&mut entries);
        }
        let file = CatalogueFile {
            format: 1,
            name: "generated".to_owned(),
            illustrative: true,
            note: None,
            entry: entries,
        };
        let cat = Catalogue::from_file(file.clone()).unwrap();
        // Towns, a village of town 1, the county, a city (above the walk)
        // and a code that is no place.
        let places = ["130926101000", "130926102000", "130926101200", "130926000000", "130900000000", "13092610100"];
        let codes = ["A", "B", "C", "Z"];
        for (p, c, d) in qs {
            let day = base() + Duration::days(d);
            let expected = reference(&file, places[p], codes[c], day);
            prop_assert_eq!(fast(&cat, places[p], codes[c], day), expected, "{} {} {}", places[p], codes[c], day);
        }
        if scattered {
            // The scattered items resolve through the hash index too.
            let day = base() + Duration::days(10);
            prop_assert_eq!(
                fast(&cat, "130925107000", "PAD-7", day),
                reference(&file, "130925107000", "PAD-7", day)
            );
            prop_assert_eq!(fast(&cat, "130925107000", "PAD-8", day), Answer::Unknown);
        }
    }
}

#[test]
fn a_withdrawn_entry_that_lacks_a_field_offers_nothing() {
    // A township withdraws an item whose template has no statutory limit:
    // the case's item is not offered there (unknown), not a catalogue
    // error, as for any withdrawn item.
    let mut template = bare(PROVINCE, "A", base());
    template.name = Some("事项".to_owned());
    let mut own = bare(TOWN_1, "A", base());
    own.withdrawn = true;
    let file = CatalogueFile {
        format: 1,
        name: "w".to_owned(),
        illustrative: true,
        note: None,
        entry: vec![template, own],
    };
    let cat = Catalogue::from_file(file).unwrap();
    assert_eq!(fast(&cat, "130926101000", "A", base()), Answer::Unknown);
}

#[test]
fn an_entry_that_ends_the_day_it_starts_offers_nothing() {
    // `until` is the first day no longer in force, so an entry from
    // 2022-01-01 until 2022-01-01 is in force on no day: the place's item
    // has no form, and a case of it is of an unknown item that day and
    // every other.
    let mut e = bare(TOWN_1, "A", base());
    e.name = Some("事项".to_owned());
    e.statutory = Some(wd(20));
    e.deciding_body = Some("body".to_owned());
    e.until = Some(base());
    let file = CatalogueFile {
        format: 1,
        name: "empty".to_owned(),
        illustrative: true,
        note: None,
        entry: vec![e],
    };
    let cat = Catalogue::from_file(file).unwrap();
    assert_eq!(fast(&cat, "130926101000", "A", base()), Answer::Unknown);
    assert_eq!(
        fast(&cat, "130926101000", "A", base() - Duration::days(1)),
        Answer::Unknown
    );
}
