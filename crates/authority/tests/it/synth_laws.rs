//! The synthetic province as `synth`'s module documentation states it,
//! checked whole: the division codes of its cities, counties, townships
//! and villages worked by hand, the day of every instrument, and a replay
//! of its instruments in order that checks each promise the generator
//! makes (a devolution names only listed items, not yet held, from bodies
//! that hold them, enforcement items only after the county concentrated
//! them, after Art. 24 took effect (2021-07-15), and to townships with a
//! team; a revocation takes back only what was held before its day).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use jiceng_authority::synth::{SynthParams, province};
use jiceng_authority::{InstrumentKind, LedgerFile, PowerCategory};
use jiceng_org::{BodyKind, DivisionKind, Level};
use proptest::prelude::*;

use crate::d;

fn small() -> SynthParams {
    SynthParams {
        cities: 2,
        townships: 16,
        villages: 20,
        items: 10,
        instruments: 40,
        ..SynthParams::default()
    }
}

/// 16 townships are two counties, 14 and 2 (14 a county). Two cities
/// are asked for and 2 counties need only one, so two cities: 合成市1
/// 130100000000 and 合成市2 130200000000 (province 130000000000 plus the
/// city's number times 10^8). County k goes to city k % 2 + 1 as its
/// (k / 2 + 1)th county (times 10^6): county 0 is 130101000000, county 1
/// 130201000000. A county's township t is numbered 1 + t for t % 7 == 0
/// (subdistricts: t = 0, 7), 200 + t for t % 7 == 6 (townships: t = 6,
/// 13) and 100 + t otherwise (towns), times 1000. The 20 villages go
/// round the 16 townships in file order, numbered 200 + the round: the
/// first 16 get 200, the first 4 of them also 201.
#[test]
fn a_small_synthetic_province_has_the_codes_worked_by_hand() {
    let file = province(&small());
    let codes = |level: Level| -> Vec<u64> {
        file.divisions
            .iter()
            .filter(|d| d.code.level() == level)
            .map(|d| d.code.get())
            .collect()
    };
    assert_eq!(codes(Level::Province), [130_000_000_000]);
    assert_eq!(codes(Level::City), [130_100_000_000, 130_200_000_000]);
    assert_eq!(codes(Level::County), [130_101_000_000, 130_201_000_000]);
    let c0 = 130_101_000_000u64;
    let c1 = 130_201_000_000u64;
    let mut towns: Vec<u64> = [
        1, 101, 102, 103, 104, 105, 206, 8, 108, 109, 110, 111, 112, 213,
    ]
    .iter()
    .map(|t| c0 + t * 1000)
    .collect();
    towns.extend([c1 + 1000, c1 + 101_000]);
    assert_eq!(codes(Level::Township), towns);
    let kinds: Vec<DivisionKind> = file
        .divisions
        .iter()
        .filter(|d| d.code.level() == Level::Township)
        .map(|d| d.kind)
        .take(8)
        .collect();
    use DivisionKind::{Subdistrict as S, Town as T, Township as X};
    assert_eq!(kinds, [S, T, T, T, T, T, X, S]);
    let mut villages: Vec<u64> = towns.iter().map(|t| t + 200).collect();
    villages.extend(towns[..4].iter().map(|t| t + 201));
    assert_eq!(codes(Level::Village), villages);
    // Each county has its government, 12 sector departments and its
    // bureau; each township its government, its service centre, and a
    // team or not.
    let county_bodies = file
        .bodies
        .iter()
        .filter(|b| b.division.get() == c1)
        .map(|b| b.kind)
        .collect::<Vec<_>>();
    assert_eq!(county_bodies.len(), 14);
    assert_eq!(county_bodies[0], BodyKind::Government);
    assert_eq!(county_bodies[13], BodyKind::EnforcementBureau);
}

/// The instruments are spread evenly over the years asked: instrument k
/// takes effect (and is published) on start + ⌊k × span / n⌋ days, the
/// span being 365 days a year. With 40 instruments over 5 years (1,825
/// days), instrument 1 is 45 days after 2021-01-01 (1825 / 40 = 45.6),
/// 2021-02-15; instrument 39 is ⌊39 × 45.625⌋ = 1,779 days after, that
/// is 318 days after 2025-01-01 (2021 to 2024 are 365 + 365 + 365 + 366
/// = 1,461 days): 2025-11-15 (January to October are 304 days). The
/// guidance list is first, on the start day, then one concentration a
/// county, and the province has every instrument asked for.
#[test]
fn synthetic_instruments_are_dated_evenly_over_the_period() {
    let file = province(&small());
    let n = file.instruments.len();
    assert_eq!(n, 40);
    let day = |k: usize| file.instruments[k].effective_from;
    assert_eq!(day(0), d("2021-01-01"));
    assert_eq!(day(1), d("2021-02-15"));
    assert_eq!(day(39), d("2025-11-15"));
    for (k, ins) in file.instruments.iter().enumerate() {
        let expected = d("2021-01-01") + chrono::Days::new((k as u64 * 1825) / 40);
        assert_eq!(ins.effective_from, expected, "instrument {k}");
        assert_eq!(ins.published, expected, "instrument {k}");
        assert_eq!(
            ins.id,
            if k == 0 {
                "guidance".into()
            } else {
                format!("i{k}")
            }
        );
    }
    let kinds: Vec<InstrumentKind> = file.instruments.iter().map(|i| i.kind).take(3).collect();
    assert_eq!(
        kinds,
        [
            InstrumentKind::GuidanceList,
            InstrumentKind::Concentration,
            InstrumentKind::Concentration
        ]
    );
    // The guidance list names every item but each fifth (S-005, S-010).
    let listed: Vec<&str> = file.instruments[0]
        .items
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        listed,
        [
            "S-001", "S-002", "S-003", "S-004", "S-006", "S-007", "S-008", "S-009"
        ]
    );
}

/// What a replay of the synthetic instruments found.
#[derive(Debug, Default)]
struct Tally {
    devolutions: usize,
    enforcement_devolutions: usize,
    revocations: usize,
    evaluations: usize,
}

/// Replays the instruments in file order and asserts each of the
/// generator's promises; returns how many of each kind it saw.
fn replay(file: &LedgerFile) -> Tally {
    let enforcement: BTreeSet<&str> = file
        .items
        .iter()
        .filter(|i| i.category.is_enforcement())
        .map(|i| i.code.as_str())
        .collect();
    let teams: BTreeSet<u64> = file
        .bodies
        .iter()
        .filter(|b| b.kind == BodyKind::EnforcementTeam)
        .map(|b| b.division.get())
        .collect();
    let county_of = |town: u64| town / 1_000_000 * 1_000_000;
    let mut listed: BTreeSet<&str> = BTreeSet::new();
    let mut concentrated: HashMap<u64, NaiveDate> = HashMap::new();
    let mut held: BTreeMap<(u64, &str), NaiveDate> = BTreeMap::new();
    let mut devolutions: HashMap<&str, &str> = HashMap::new();
    let mut tally = Tally::default();
    let mut last = NaiveDate::MIN;
    for ins in &file.instruments {
        assert!(ins.effective_from >= last, "{} out of date order", ins.id);
        last = ins.effective_from;
        let day = ins.effective_from;
        match ins.kind {
            InstrumentKind::GuidanceList => listed.extend(ins.items.iter().map(String::as_str)),
            InstrumentKind::Concentration => {
                let county = ins.county.unwrap().get();
                assert!(concentrated.insert(county, day).is_none(), "{}", ins.id);
                let named: BTreeSet<&str> = ins.items.iter().map(String::as_str).collect();
                assert_eq!(named, enforcement, "{}", ins.id);
            }
            InstrumentKind::Devolution => {
                tally.devolutions += 1;
                devolutions.insert(&ins.id, &ins.issuer);
                let mut any_enforcement = false;
                for item in &ins.items {
                    assert!(listed.contains(item.as_str()), "{} {item}", ins.id);
                    let enf = enforcement.contains(item.as_str());
                    any_enforcement |= enf;
                    for town in &ins.townships {
                        let t = town.get();
                        if enf {
                            let since = concentrated.get(&county_of(t)).copied();
                            assert!(
                                since.is_some_and(|c| c < day),
                                "{} devolves {item} on {day}, concentrated {since:?}",
                                ins.id
                            );
                            assert!(day >= d("2021-07-15"), "{} {item}", ins.id);
                            assert!(teams.contains(&t), "{} {item} to {t}", ins.id);
                        }
                        assert!(
                            held.insert((t, item.as_str()), day).is_none(),
                            "{} devolves {item} to {t}, which holds it",
                            ins.id
                        );
                    }
                }
                tally.enforcement_devolutions += usize::from(any_enforcement);
            }
            InstrumentKind::Revocation => {
                tally.revocations += 1;
                assert_eq!(ins.townships.len(), 1, "{}", ins.id);
                let t = ins.townships[0].get();
                for item in &ins.items {
                    let since = held.remove(&(t, item.as_str()));
                    assert!(
                        since.is_some_and(|s| s < day),
                        "{} revokes {item} from {t} on {day}, held since {since:?}",
                        ins.id
                    );
                }
            }
            InstrumentKind::Evaluation => {
                tally.evaluations += 1;
                assert_eq!(ins.evaluates.len(), 1, "{}", ins.id);
                let target = ins.evaluates[0].as_str();
                assert_eq!(
                    devolutions.get(target),
                    Some(&ins.issuer.as_str()),
                    "{}",
                    ins.id
                );
            }
            other => panic!("{}: a synthetic {other:?}", ins.id),
        }
    }
    tally
}

/// A province of 60 townships and 400 instruments over five years keeps
/// every promise, and has some of each kind: devolutions (some of
/// enforcement items), revocations and evaluations.
#[test]
fn synthetic_instruments_keep_the_generators_promises() {
    for seed in [1, 2, 3] {
        let file = province(&SynthParams {
            seed,
            townships: 60,
            villages: 0,
            items: 40,
            instruments: 400,
            ..SynthParams::default()
        });
        assert_eq!(file.instruments.len(), 400, "seed {seed}");
        let t = replay(&file);
        assert!(t.devolutions > 0, "seed {seed}: {t:?}");
        assert!(t.enforcement_devolutions > 0, "seed {seed}: {t:?}");
        assert!(t.revocations > 0, "seed {seed}: {t:?}");
        assert!(t.evaluations > 0, "seed {seed}: {t:?}");
    }
}

/// Ten instruments a day over one year from 2022-01-01 (3,650 in 365
/// days): the only county concentrates on the first day (instrument 1,
/// day ⌊1 × 365 / 3650⌋ = 0), and instruments 2 to 9 fall on that same
/// day. Art. 24 is already in force, so only the concentration's day
/// holds enforcement items back: none may go down on the day the county
/// concentrates them (the generator's "only after"), and from the next
/// day some do.
#[test]
fn synthetic_enforcement_items_wait_for_the_day_after_the_concentration() {
    for seed in 0..8 {
        let file = province(&SynthParams {
            seed,
            cities: 1,
            townships: 14,
            villages: 0,
            items: 10,
            instruments: 3650,
            start: d("2022-01-01"),
            years: 1,
        });
        assert_eq!(file.instruments[1].kind, InstrumentKind::Concentration);
        assert_eq!(file.instruments[1].effective_from, d("2022-01-01"));
        let first_day: Vec<&str> = file.instruments[2..10]
            .iter()
            .filter(|i| i.kind == InstrumentKind::Devolution)
            .flat_map(|i| i.items.iter().map(String::as_str))
            .collect();
        // Items 1 to 6 of 10 are enforcement (penalties, an inspection, a
        // coercion); S-005 is not listed.
        let enforcement = ["S-001", "S-002", "S-003", "S-004", "S-006"];
        assert!(
            first_day.iter().all(|i| !enforcement.contains(i)),
            "seed {seed}: {first_day:?}"
        );
        let t = replay(&file);
        assert!(t.enforcement_devolutions > 0, "seed {seed}: {t:?}");
    }
}

/// The items' categories as the documentation states them, in tenths of
/// the list: 10 items are 4 penalties, an inspection, a coercion, 2
/// licences, a payment and a public service, and the 12 sectors in turn.
#[test]
fn ten_synthetic_items_are_one_of_each_tenth() {
    use PowerCategory::*;
    let file = province(&small());
    let got: Vec<PowerCategory> = file.items.iter().map(|i| i.category).collect();
    assert_eq!(
        got,
        [
            Penalty,
            Penalty,
            Penalty,
            Penalty,
            Inspection,
            Coercion,
            Licensing,
            Licensing,
            Payment,
            PublicService
        ]
    );
    let sectors: Vec<&str> = file
        .items
        .iter()
        .map(|i| i.sector.as_str())
        .take(3)
        .collect();
    assert_eq!(sectors, ["生态环境", "市场监管", "应急管理"]);
    let codes: Vec<&str> = file.items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes[9], "S-010");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Every seed's province keeps the promises.
    #[test]
    fn every_synthetic_province_keeps_the_promises(seed in any::<u64>(), towns in 1u32..40, items in 1u32..30) {
        let file = province(&SynthParams {
            seed,
            townships: towns,
            villages: 0,
            items,
            instruments: 200,
            ..SynthParams::default()
        });
        replay(&file);
    }
}

/// The synthetic duty lists keep `with_duties`' promises: the template
/// lists every duty in order; each guidance item is needed by the
/// cooperative duties in turn (item j by cooperative duty j mod their
/// count), and a duty that is not basic is led by the sector of its first
/// power (牵头, the township 配合); a basic duty needs at most one listed
/// item and has no lead; each county adopts the template and aims one
/// assessment item at its townships; each town list (one in ten) makes a
/// cooperative duty basic, in turn. The template is capped at 1,000.
#[test]
fn synthetic_duty_lists_keep_their_promises() {
    use jiceng_authority::DutyKind;
    use jiceng_authority::synth::{DutyParams, with_duties};
    let base = province(&SynthParams {
        townships: 30,
        villages: 0,
        items: 40,
        instruments: 100,
        ..SynthParams::default()
    });
    let listed: Vec<String> = base.instruments[0].items.clone();
    let sector: HashMap<&str, String> = base
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.sector.as_str().to_owned()))
        .collect();
    let file = with_duties(base.clone(), &DutyParams::default());
    let codes: Vec<String> = file.duties.iter().map(|d| d.code.clone()).collect();
    let template = &file.duty_lists[0];
    assert_eq!(template.id, "synth-duty-template");
    assert_eq!(template.items, codes);
    assert_eq!(template.province.map(|p| p.get()), Some(130_000_000_000));
    let coop: Vec<&jiceng_authority::DutyItem> = file
        .duties
        .iter()
        .filter(|d| d.kind == DutyKind::Cooperative)
        .collect();
    assert!(!coop.is_empty());
    let mut expected_needs: Vec<Vec<String>> = vec![Vec::new(); coop.len()];
    for (j, item) in listed.iter().enumerate() {
        expected_needs[j % coop.len()].push(item.clone());
    }
    let got_needs: Vec<Vec<String>> = coop.iter().map(|d| d.powers.clone()).collect();
    assert_eq!(got_needs, expected_needs);
    for duty in &file.duties {
        match duty.kind {
            DutyKind::Basic => {
                assert!(duty.powers.len() <= 1, "{}", duty.code);
                assert!(
                    duty.powers.iter().all(|p| listed.contains(p)),
                    "{}",
                    duty.code
                );
                assert_eq!(duty.lead, None, "{}", duty.code);
            }
            _ => {
                let lead = duty.powers.first().map(|p| sector[p.as_str()].clone());
                assert_eq!(duty.lead.as_ref().map(|s| s.as_str().to_owned()), lead);
                let parts = lead
                    .as_ref()
                    .map(|_| ("牵头".to_owned(), "配合".to_owned()));
                assert_eq!(
                    duty.lead_part.clone().zip(duty.township_part.clone()),
                    parts,
                    "{}",
                    duty.code
                );
            }
        }
    }
    // 30 townships are 3 counties: 3 adaptations and 3 assessment items.
    let counties: Vec<&jiceng_authority::DutyList> = file
        .duty_lists
        .iter()
        .filter(|l| l.county.is_some())
        .collect();
    assert_eq!(counties.len(), 3);
    for (k, l) in counties.iter().enumerate() {
        assert_eq!(l.id, format!("synth-duty-county-{}", k + 1));
        assert_eq!(l.template.as_deref(), Some("synth-duty-template"));
        assert_eq!(l.issuer, format!("c{}-gov", k + 1));
    }
    assert_eq!(file.assessments.len(), 3);
    for (a, l) in file.assessments.iter().zip(&counties) {
        assert_eq!(a.county, l.county);
        assert!(codes.contains(a.duty.as_ref().unwrap()));
    }
    // Towns 1, 11 and 21 each make cooperative duty 0, 10 % n and 20 % n
    // basic, in turn.
    let towns: Vec<&jiceng_authority::DutyList> = file
        .duty_lists
        .iter()
        .filter(|l| l.id.starts_with("synth-duty-town-"))
        .collect();
    assert_eq!(towns.len(), 3);
    for (n, l) in towns.iter().enumerate() {
        let k = n * 10;
        assert_eq!(l.changes.len(), 1);
        assert_eq!(l.changes[0].code, coop[k % coop.len()].code);
        assert_eq!(l.changes[0].kind, Some(DutyKind::Basic));
        assert_eq!(l.townships.len(), 1);
    }
    // The template is capped at 1,000 duties.
    let capped = with_duties(
        base,
        &DutyParams {
            duties: 5000,
            ..DutyParams::default()
        },
    );
    assert_eq!(capped.duties.len(), 1000);
}
