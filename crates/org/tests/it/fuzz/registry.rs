//! The registry build from arbitrary divisions and bodies, with every
//! query checked against a scan of the lists.

use std::collections::{BTreeMap, HashSet};

use jiceng_org::{
    Body, BodyKind, Division, DivisionCode, DivisionKind, Error, Level, Registry, RegistryProblem,
    Sector,
};
use proptest::prelude::*;

use super::{reference_at, reference_level, reference_parent};

proptest! {
    #[test]
    fn fuzz_registry_build(
        (divisions, bodies) in lists(),
        extra_pairs in prop::collection::vec((0usize..64, 0usize..64), 4),
    ) {
        let built = Registry::new(divisions.clone(), bodies.clone());
        let expected = reference_problems(&divisions, &bodies);
        match built {
            Err(Error::Registry(problems)) => {
                prop_assert_eq!(problem_counts(&problems), expected);
            }
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
            Ok(reg) => {
                prop_assert!(expected.is_empty(), "built despite {:?}", expected);
                check_queries(&reg, &divisions, &bodies, &extra_pairs)?;
            }
        }
    }
}

// -------------------------------------------------- the registry target

/// A small universe of codes, so that parents, duplicates and relatives
/// meet often: two provinces, 东莞-like cities without counties, towns and
/// villages.
const UNIVERSE: [&str; 16] = [
    "130000000000",
    "130400000000",
    "130430000000",
    "130430100000",
    "130430101000",
    "130430100200",
    "130430100201",
    "130900000000",
    "130926000000",
    "130926103000",
    "440000000000",
    "441900000000",
    "441900003000",
    "441900003201",
    "441900004000",
    "450000000000",
];

fn universe() -> Vec<DivisionCode> {
    UNIVERSE
        .iter()
        .map(|s| s.parse().expect("a valid code"))
        .collect()
}

const KINDS: [DivisionKind; 13] = [
    DivisionKind::Province,
    DivisionKind::AutonomousRegion,
    DivisionKind::Municipality,
    DivisionKind::City,
    DivisionKind::County,
    DivisionKind::CountyCity,
    DivisionKind::District,
    DivisionKind::Town,
    DivisionKind::Township,
    DivisionKind::EthnicTownship,
    DivisionKind::Subdistrict,
    DivisionKind::Village,
    DivisionKind::Community,
];

/// The level of each kind, from the hierarchy of divisions (省级 … 村级).
fn reference_kind_level(kind: DivisionKind) -> Level {
    use DivisionKind as K;
    match kind {
        K::Province | K::AutonomousRegion | K::Municipality => Level::Province,
        K::City => Level::City,
        K::County | K::CountyCity | K::District => Level::County,
        K::Town | K::Township | K::EthnicTownship | K::Subdistrict => Level::Township,
        K::Village | K::Community => Level::Village,
    }
}

/// The kind of each level (the first that fits), for well-formed lists.
fn fitting_kind(code: DivisionCode) -> DivisionKind {
    KINDS
        .into_iter()
        .find(|&k| reference_kind_level(k) == code.level())
        .expect("every level has a kind")
}

/// Divisions and bodies that build more often than not: a subset of the
/// universe, usually closed under parents, kinds that usually fit, and now
/// and then a duplicate, a wrong kind, a missing sector or an unknown
/// division.
fn lists() -> impl Strategy<Value = (Vec<Division>, Vec<Body>)> {
    (
        prop::sample::subsequence((0..UNIVERSE.len()).collect::<Vec<_>>(), 0..=UNIVERSE.len()),
        prop::bool::weighted(0.8),
        prop::collection::vec(
            (prop::bool::weighted(0.95), 0..KINDS.len(), ".{0,6}"),
            UNIVERSE.len(),
        ),
        prop::option::weighted(0.1, 0..UNIVERSE.len()),
        prop::collection::vec(
            (
                0..BODY_KINDS.len(),
                any::<usize>(),
                prop::bool::weighted(0.9),
                prop::bool::weighted(0.05),
            ),
            0..10,
        ),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(chosen, close, kinds, duplicate, body_specs, unknown)| {
            let universe = universe();
            let mut codes: Vec<DivisionCode> = chosen.iter().map(|&i| universe[i]).collect();
            if close {
                let mut i = 0;
                while i < codes.len() {
                    if let Some(p) = codes[i].parent() {
                        if !codes.contains(&p) {
                            codes.push(p);
                        }
                    }
                    i += 1;
                }
            }
            if let Some(d) = duplicate {
                codes.push(universe[d]);
            }
            let divisions: Vec<Division> = codes
                .iter()
                .map(|&code| {
                    let at = universe
                        .iter()
                        .position(|&u| u == code)
                        .expect("in the universe");
                    let (fits, k, name) = &kinds[at];
                    let kind = if *fits { fitting_kind(code) } else { KINDS[*k] };
                    Division::new(code, name.clone(), kind)
                })
                .collect();
            let bodies = body_specs
                .iter()
                .enumerate()
                .map(|(i, &(k, at, sector, same_code))| {
                    let division = if unknown || codes.is_empty() {
                        universe[at % universe.len()]
                    } else {
                        codes[at % codes.len()]
                    };
                    let code = if same_code {
                        "b0".to_owned()
                    } else {
                        format!("机关{i}")
                    };
                    let b = Body::new(code, "某机关", BODY_KINDS[k], division);
                    if sector {
                        b.with_sector(Sector::new("住建"))
                    } else {
                        b
                    }
                })
                .collect();
            (divisions, bodies)
        })
}

const BODY_KINDS: [BodyKind; 8] = [
    BodyKind::Government,
    BodyKind::Department,
    BodyKind::EnforcementBureau,
    BodyKind::EnforcementTeam,
    BodyKind::ServiceCentre,
    BodyKind::ServiceStation,
    BodyKind::ProxyPoint,
    BodyKind::Other,
];

/// Where each body kind may sit, from the reform's documents: departments
/// down to the county, a comprehensive enforcement bureau in a city or
/// county, a team in a township, service centres in counties and
/// townships, stations in villages, proxy points in townships and villages.
fn reference_fits(kind: BodyKind, level: Level) -> bool {
    use Level as L;
    match kind {
        BodyKind::Government | BodyKind::Other => true,
        BodyKind::Department => matches!(level, L::Province | L::City | L::County),
        BodyKind::EnforcementBureau => matches!(level, L::City | L::County),
        BodyKind::EnforcementTeam => level == L::Township,
        BodyKind::ServiceCentre => matches!(level, L::County | L::Township),
        BodyKind::ServiceStation => level == L::Village,
        BodyKind::ProxyPoint => matches!(level, L::Township | L::Village),
    }
}

/// Problems counted by kind, from the lists alone.
fn reference_problems(divisions: &[Division], bodies: &[Body]) -> BTreeMap<&'static str, usize> {
    let codes: HashSet<DivisionCode> = divisions.iter().map(|d| d.code).collect();
    let body_codes: HashSet<&str> = bodies.iter().map(|b| b.code.as_str()).collect();
    let mut counts = BTreeMap::new();
    let mut add = |kind: &'static str, n: usize| {
        if n > 0 {
            *counts.entry(kind).or_insert(0) += n;
        }
    };
    add("duplicate division", divisions.len() - codes.len());
    add(
        "kind mismatch",
        divisions
            .iter()
            .filter(|d| reference_kind_level(d.kind) != reference_level(&d.code.to_string()))
            .count(),
    );
    add(
        "missing parent",
        divisions
            .iter()
            .filter(|d| {
                reference_parent(&d.code.to_string())
                    .is_some_and(|p| !codes.iter().any(|c| c.to_string() == p))
            })
            .count(),
    );
    add("duplicate body", bodies.len() - body_codes.len());
    add(
        "unknown division",
        bodies
            .iter()
            .filter(|b| !codes.contains(&b.division))
            .count(),
    );
    add(
        "body level mismatch",
        bodies
            .iter()
            .filter(|b| codes.contains(&b.division) && !reference_fits(b.kind, b.division.level()))
            .count(),
    );
    add(
        "missing sector",
        bodies
            .iter()
            .filter(|b| b.kind == BodyKind::Department && b.sector.is_none())
            .count(),
    );
    counts
}

fn problem_counts(problems: &[RegistryProblem]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for p in problems {
        let kind = match p {
            RegistryProblem::DuplicateDivision(_) => "duplicate division",
            RegistryProblem::KindMismatch { .. } => "kind mismatch",
            RegistryProblem::MissingParent { .. } => "missing parent",
            RegistryProblem::DuplicateBody(_) => "duplicate body",
            RegistryProblem::UnknownDivision { .. } => "unknown division",
            RegistryProblem::BodyLevelMismatch { .. } => "body level mismatch",
            RegistryProblem::MissingSector(_) => "missing sector",
            _ => "other",
        };
        *counts.entry(kind).or_insert(0) += 1;
    }
    counts
}

/// Every query of a built registry against a scan of the lists.
fn check_queries(
    reg: &Registry,
    divisions: &[Division],
    bodies: &[Body],
    pairs: &[(usize, usize)],
) -> Result<(), TestCaseError> {
    let mut sorted = divisions.to_vec();
    sorted.sort_by_key(|d| d.code);
    prop_assert_eq!(reg.divisions(), &sorted[..]);
    let mut sorted_bodies = bodies.to_vec();
    sorted_bodies.sort_by(|a, b| (a.division, &a.code).cmp(&(b.division, &b.code)));
    prop_assert_eq!(reg.bodies(), &sorted_bodies[..]);

    let universe = universe();
    for &code in &universe {
        let listed = divisions.iter().find(|d| d.code == code);
        prop_assert_eq!(reg.division(code), listed);
        prop_assert_eq!(reg.division_id(code).map(|id| reg.get(id)), listed);
        let parent = code
            .parent()
            .and_then(|p| divisions.iter().find(|d| d.code == p));
        if listed.is_some() {
            prop_assert_eq!(reg.parent(code), parent);
            // The chain of parents, nearest first, ends at the province.
            // (Bounded: a wrong parent must fail the test, not hang it.)
            let mut chain = Vec::new();
            let mut cur = reference_parent(&code.to_string());
            while let Some(p) = cur {
                let d = divisions
                    .iter()
                    .find(|d| d.code.to_string() == p)
                    .expect("a built registry has every parent");
                chain.push(d);
                cur = reference_parent(&p);
            }
            prop_assert_eq!(reg.ancestors(code).take(5).collect::<Vec<_>>(), chain);
        } else {
            prop_assert_eq!(reg.parent(code), None);
            prop_assert_eq!(reg.ancestors(code).take(5).count(), 0);
        }
        let inside: Vec<&Division> = sorted
            .iter()
            .filter(|d| {
                d.code != code
                    && reference_at(&d.code.to_string(), code.level()) == Some(code.to_string())
            })
            .collect();
        prop_assert_eq!(
            reg.descendants(code).iter().collect::<Vec<_>>(),
            inside.clone()
        );
        let children: Vec<&Division> = inside
            .iter()
            .copied()
            .filter(|d| reference_parent(&d.code.to_string()) == Some(code.to_string()))
            .collect();
        prop_assert_eq!(reg.children(code).collect::<Vec<_>>(), children);
        for level in [
            Level::Province,
            Level::City,
            Level::County,
            Level::Township,
            Level::Village,
        ] {
            let want: Vec<&Division> = inside
                .iter()
                .copied()
                .filter(|d| d.code.level() == level)
                .collect();
            prop_assert_eq!(reg.within(code, level).collect::<Vec<_>>(), want);
        }
        let attached: Vec<&Body> = sorted_bodies
            .iter()
            .filter(|b| b.division == code)
            .collect();
        prop_assert_eq!(
            reg.bodies_in(code).iter().collect::<Vec<_>>(),
            attached.clone()
        );
        for kind in BODY_KINDS {
            let first = attached.iter().find(|b| b.kind == kind).copied();
            prop_assert_eq!(
                reg.body_of_kind(code, kind).map(|id| reg.body_at(id)),
                first
            );
        }
    }
    for b in bodies {
        prop_assert_eq!(reg.body(&b.code), Some(b));
        prop_assert_eq!(reg.body_id(&b.code).map(|id| reg.body_at(id)), Some(b));
    }
    prop_assert_eq!(reg.body("no such body"), None);

    // The common superior of two listed divisions: the lowest listed
    // division containing both (every ancestor is listed once built).
    let listed: Vec<DivisionCode> = sorted.iter().map(|d| d.code).collect();
    let mut pairs_of_codes: Vec<(DivisionCode, DivisionCode)> = Vec::new();
    if !listed.is_empty() {
        for &(i, j) in pairs {
            pairs_of_codes.push((listed[i % listed.len()], listed[j % listed.len()]));
        }
    }
    for (a, b) in pairs_of_codes {
        let want = sorted
            .iter()
            .filter(|d| {
                let l = d.code.level();
                let at = |x: DivisionCode| reference_at(&x.to_string(), l);
                at(a) == Some(d.code.to_string()) && at(b) == Some(d.code.to_string())
            })
            .max_by_key(|d| d.code.level());
        prop_assert_eq!(reg.common_superior(a, b), want, "{} and {}", a, b);
        prop_assert_eq!(reg.common_superior(b, a), want);
    }
    for (x, y) in bodies.iter().zip(bodies.iter().rev()) {
        let want = reg.common_superior(
            reg.body(&x.code).unwrap().division,
            reg.body(&y.code).unwrap().division,
        );
        prop_assert_eq!(reg.common_superior_of_bodies(&x.code, &y.code), want);
    }
    Ok(())
}
