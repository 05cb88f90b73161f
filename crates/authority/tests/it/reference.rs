//! A deliberately simple reference interpreter of a ledger, and a property
//! that the compiled ledger answers as it does.
//!
//! The interpreter replays the instruments one day at a time, in date
//! order, keeping for each (item, county) the concentrations in force and
//! for each (item, township) the grants in force: no offsets, no segments,
//! no sweep. On each day it first ends what ends that day, then applies
//! that day's revocations (to grants already in force), then starts that
//! day's concentrations and grants. Among several in force, the one that
//! started last wins (for the same day, the later in the file).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use jiceng_authority::{InstrumentKind, Ledger, LedgerFile};
use jiceng_org::{BodyKind, Level};
use proptest::prelude::*;

use crate::BASE;

/// (start, file index, holder) of something in force.
type Active = Vec<(NaiveDate, usize, String)>;

fn winner(list: &Active) -> Option<&String> {
    list.iter()
        .max_by_key(|(d, i, _)| (*d, *i))
        .map(|(_, _, h)| h)
}

/// The holder of `item` in `division` on `date`, by replaying `file`.
pub fn reference_holder(
    file: &LedgerFile,
    item: &str,
    division: &str,
    date: NaiveDate,
) -> Option<String> {
    let it = file.items.iter().find(|i| i.code == item)?;
    let code: jiceng_org::DivisionCode = division.parse().ok()?;
    let county = code.at(Level::County)?;
    let town = code.at(Level::Township);
    let gov_of = |d: jiceng_org::DivisionCode| {
        file.bodies
            .iter()
            .find(|b| b.division == d && b.kind == BodyKind::Government)
            .map(|b| b.code.clone())
    };
    let statute = file
        .bodies
        .iter()
        .find(|b| {
            b.division == county
                && b.kind == BodyKind::Department
                && b.sector.as_ref() == Some(&it.sector)
        })
        .map(|b| b.code.clone());
    let mut conc: Active = Vec::new();
    let mut grants: HashMap<jiceng_org::DivisionCode, Active> = HashMap::new();
    let ends: HashMap<usize, NaiveDate> = file
        .instruments
        .iter()
        .enumerate()
        .filter_map(|(i, ins)| ins.effective_until.map(|u| (i, u)))
        .collect();
    let first = file.instruments.iter().map(|i| i.effective_from).min()?;
    let names = |ins: &jiceng_authority::Instrument| ins.items.iter().any(|c| c == item);
    let towns_of = |ins: &jiceng_authority::Instrument| -> Vec<jiceng_org::DivisionCode> {
        let mut out: Vec<_> = ins.townships.clone();
        if let Some(c) = ins.county {
            out.extend(
                file.divisions
                    .iter()
                    .filter(|d| {
                        d.code.level() == Level::Township && d.code.at(Level::County) == Some(c)
                    })
                    .filter(|d| ins.tag.as_deref().is_none_or(|t| d.has_tag(t)))
                    .map(|d| d.code),
            );
        }
        out
    };
    let mut day = first;
    while day <= date {
        // 1. What ends today.
        conc.retain(|(_, i, _)| ends.get(i) != Some(&day));
        for list in grants.values_mut() {
            list.retain(|(_, i, _)| ends.get(i) != Some(&day));
        }
        // 2. Revocations: what was in force yesterday ends today.
        for ins in &file.instruments {
            if ins.kind == InstrumentKind::Revocation && ins.effective_from == day && names(ins) {
                for t in towns_of(ins) {
                    if let Some(list) = grants.get_mut(&t) {
                        list.clear();
                    }
                }
            }
        }
        // 3. Concentrations, then grants, that start today.
        for (i, ins) in file.instruments.iter().enumerate() {
            if ins.kind == InstrumentKind::Concentration
                && ins.effective_from == day
                && names(ins)
                && ins.county == Some(county)
                && ins.effective_until.is_none_or(|u| u > day)
            {
                if let Some(to) = &ins.to {
                    conc.push((day, i, to.clone()));
                }
            }
        }
        for (i, ins) in file.instruments.iter().enumerate() {
            let grant = matches!(
                ins.kind,
                InstrumentKind::Devolution | InstrumentKind::Entrustment
            );
            if !grant
                || ins.effective_from != day
                || !names(ins)
                || ins.effective_until.is_some_and(|u| u <= day)
            {
                continue;
            }
            for t in towns_of(ins) {
                let holder = match ins.kind {
                    InstrumentKind::Devolution => gov_of(t),
                    _ => winner(&conc).cloned().or_else(|| statute.clone()),
                };
                if let (Some(h), Some(_)) = (holder, gov_of(t)) {
                    grants.entry(t).or_default().push((day, i, h));
                }
            }
        }
        day += Duration::days(1);
    }
    if let Some(t) = town {
        if let Some(h) = grants.get(&t).and_then(winner) {
            return Some(h.clone());
        }
    }
    winner(&conc).cloned().or(statute)
}

const TOWNS: [&str; 3] = ["130430100000", "130430101000", "130430200000"];
const ITEMS: [&str; 3] = ["CF-1", "CF-2", "XK-1"];
/// A second county bureau, for successive concentrations.
const BUREAU2: &str = "\n[[body]]\ncode = \"c-zhzf2\"\nname = \"邱县第二执法局\"\nkind = \"enforcement_bureau\"\ndivision = \"130430000000\"\n";

fn day(k: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default() + Duration::days(k)
}

/// One generated instrument: kind, start (days after 2022-01-01), length
/// (0: open), items mask, towns mask (0: the whole county), variant.
type Gen = (u8, i64, i64, u8, u8, bool);

fn text(instruments: &[Gen]) -> String {
    let mut s = format!("{BASE}{BUREAU2}");
    for (k, &(kind, start, len, items, towns, alt)) in instruments.iter().enumerate() {
        let kind = ["devolution", "entrustment", "revocation", "concentration"][kind as usize % 4];
        let from = day(start);
        let until = if len > 0 {
            format!("effective_until = \"{}\"\n", day(start + len))
        } else {
            String::new()
        };
        let pick = |all: &[&str], mask: u8| {
            all.iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, c)| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let items = pick(&ITEMS, items.max(1));
        let target = if towns == 0 {
            "county = \"130430000000\"\n".to_owned()
        } else {
            format!("townships = [{}]\n", pick(&TOWNS, towns))
        };
        let extra = match kind {
            "concentration" => format!(
                "county = \"130430000000\"\nto = \"{}\"\nfrom = [\"c-sthj\", \"c-scjg\", \"c-zhzf\"]\n",
                if alt { "c-zhzf2" } else { "c-zhzf" }
            ),
            "revocation" => target,
            _ => format!("{target}from = [\"c-sthj\", \"c-scjg\", \"c-zhzf\", \"c-zhzf2\"]\n"),
        };
        s.push_str(&format!(
            "\n[[instrument]]\nid = \"i{k}\"\nkind = \"{kind}\"\nissuer = \"c-gov\"\ndocument = \"d{k}\"\ntitle = \"t\"\npublished = \"{from}\"\neffective_from = \"{from}\"\n{until}{extra}items = [{items}]\n"
        ));
    }
    s
}

fn generated() -> impl Strategy<Value = Vec<Gen>> {
    // Starts on a coarse grid of 20 days over about a year and a half, so
    // that same-day instruments (a revocation and a new devolution, two
    // concentrations) are common.
    prop::collection::vec(
        (
            0u8..4,
            (0i64..30).prop_map(|k| k * 20),
            prop_oneof![Just(0i64), 1i64..300],
            0u8..8,
            0u8..8,
            any::<bool>(),
        ),
        1..10,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn holder_agrees_with_the_day_by_day_reference(gens in generated(), probes in prop::collection::vec(0i64..700, 6)) {
        let text = text(&gens);
        let file = LedgerFile::from_toml_str(&text, "gen.toml").unwrap();
        let ledger = Ledger::from_text(&text, "gen.toml").unwrap();
        let places = ["130430100000", "130430101000", "130430200000", "130430100200", "130430000000"];
        // The probes, and the day before and of every instrument's start and end.
        let mut dates: Vec<NaiveDate> = probes.iter().map(|&k| day(k)).collect();
        for (_, start, len, _, _, _) in &gens {
            for k in [*start - 1, *start, *start + len - 1, *start + len] {
                dates.push(day(k));
            }
        }
        for date in dates {
            for item in ITEMS {
                for place in places {
                    let want = reference_holder(&file, item, place, date);
                    let got = ledger.holder(item, place, date).ok().map(|h| h.holder.code);
                    prop_assert_eq!(&got, &want, "holder {} {} {}\n{}", item, place, date, text);
                    let id = ledger.item_id(item).unwrap();
                    let div = ledger.registry().division_id(place.parse().unwrap()).unwrap();
                    let fast = ledger.holder_id(id, div, date).map(|b| ledger.registry().body_at(b).code.clone());
                    prop_assert_eq!(&fast, &want, "holder_id {} {} {}", item, place, date);
                }
            }
        }
    }

    #[test]
    fn explanation_steps_are_in_date_order_and_end_at_the_holder(gens in generated(), probe in 0i64..700) {
        let text = text(&gens);
        let ledger = Ledger::from_text(&text, "gen.toml").unwrap();
        let date = day(probe);
        for item in ITEMS {
            for place in ["130430100000", "130430101000", "130430200000", "130430000000"] {
                let Ok(h) = ledger.holder(item, place, date) else { continue };
                let last = h.explanation.last().unwrap();
                prop_assert_eq!(&last.holder, &h.holder);
                let starts: Vec<NaiveDate> = h
                    .explanation
                    .iter()
                    .filter_map(|s| s.instrument.as_ref().map(|i| i.effective_from))
                    .collect();
                prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{:?}", h.explanation);
                prop_assert!(starts.iter().all(|d| *d <= date));
                // Only the statute comes without an instrument, and first.
                prop_assert!(h.explanation.iter().skip(1).all(|s| s.instrument.is_some()));
            }
        }
    }
}
