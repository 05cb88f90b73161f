//! `Registry::new` on lists that do not build: every problem, each with
//! what it names, reported at once.

use jiceng_org::{
    Body, BodyKind, Division, DivisionKind, Error, Level, Registry, RegistryProblem, Sector,
};

use super::registry::*;

/// The problems of a registry that must fail to build.
fn problems(divisions: Vec<Division>, bodies: Vec<Body>) -> Vec<RegistryProblem> {
    match Registry::new(divisions, bodies) {
        Ok(_) => panic!("the registry should not build"),
        Err(Error::Registry(problems)) => problems,
        Err(e) => panic!("unexpected error {e:?}"),
    }
}

// ---------------------------------------------------------------- problems

#[test]
fn duplicate_division() {
    let mut ds = divisions();
    ds.push(Division::new(
        code(QIU),
        "邱县（重复）",
        DivisionKind::County,
    ));
    assert_eq!(
        problems(ds, bodies()),
        [RegistryProblem::DuplicateDivision(code(QIU))]
    );
}

#[test]
fn missing_parent() {
    // Without 邯郸市, 邱县 has no parent, and 邯郸市's government no division.
    let ds: Vec<Division> = divisions()
        .into_iter()
        .filter(|d| d.code != code(HANDAN))
        .collect();
    let bs: Vec<Body> = bodies()
        .into_iter()
        .filter(|b| b.division != code(HANDAN))
        .collect();
    assert_eq!(
        problems(ds, bs),
        [RegistryProblem::MissingParent {
            code: code(QIU),
            name: "邱县".to_owned(),
            parent: code(HANDAN),
        }]
    );
}

#[test]
fn missing_parent_even_when_the_grandparent_is_there() {
    // A village whose township is missing, though its county is present.
    let mut ds = divisions();
    ds.push(Division::new(
        code("130430102201"),
        "孤村",
        DivisionKind::Village,
    ));
    assert_eq!(
        problems(ds, bodies()),
        [RegistryProblem::MissingParent {
            code: code("130430102201"),
            name: "孤村".to_owned(),
            parent: code("130430102000"),
        }]
    );
}

#[test]
fn kind_mismatch() {
    let ds: Vec<Division> = divisions()
        .into_iter()
        .map(|d| {
            if d.code == code(QIU) {
                Division::new(d.code, d.name, DivisionKind::Town)
            } else {
                d
            }
        })
        .collect();
    assert_eq!(
        problems(ds, bodies()),
        [RegistryProblem::KindMismatch {
            code: code(QIU),
            name: "邱县".to_owned(),
            kind: "town".to_owned(),
            level: Level::County,
        }]
    );
}

#[test]
fn kind_must_fit_the_level_for_every_kind() {
    use DivisionKind as K;
    let by_level = [
        (
            HEBEI,
            [K::Province, K::AutonomousRegion, K::Municipality].as_slice(),
        ),
        (HANDAN, [K::City].as_slice()),
        (QIU, [K::County, K::CountyCity, K::District].as_slice()),
        (
            XINMATOU,
            [K::Town, K::Township, K::EthnicTownship, K::Subdistrict].as_slice(),
        ),
        (VILLAGE, [K::Village, K::Community].as_slice()),
    ];
    let all: Vec<K> = by_level
        .iter()
        .flat_map(|(_, ks)| ks.iter().copied())
        .collect();
    for (s, fitting) in by_level {
        for &kind in &all {
            let ds: Vec<Division> = divisions()
                .into_iter()
                .map(|d| {
                    if d.code == code(s) {
                        Division::new(d.code, d.name, kind)
                    } else {
                        d
                    }
                })
                .collect();
            let built = Registry::new(ds, bodies());
            assert_eq!(built.is_ok(), fitting.contains(&kind), "{kind} at {s}");
        }
    }
}

#[test]
fn duplicate_body() {
    let mut bs = bodies();
    bs.push(Body::new(
        "xmt-zfd",
        "新马头镇综合行政执法队（重复）",
        BodyKind::EnforcementTeam,
        code(XINMATOU),
    ));
    assert_eq!(
        problems(divisions(), bs),
        [RegistryProblem::DuplicateBody("xmt-zfd".to_owned())]
    );
}

#[test]
fn body_with_unknown_division() {
    let mut bs = bodies();
    bs.push(Body::new(
        "gcy-gov",
        "古城营镇人民政府",
        BodyKind::Government,
        code("130430104000"),
    ));
    assert_eq!(
        problems(divisions(), bs),
        [RegistryProblem::UnknownDivision {
            body: "gcy-gov".to_owned(),
            division: code("130430104000"),
        }]
    );
}

#[test]
fn body_level_mismatch() {
    let mut bs = bodies();
    bs.push(Body::new(
        "qiu-zfd",
        "邱县综合行政执法队",
        BodyKind::EnforcementTeam,
        code(QIU),
    ));
    assert_eq!(
        problems(divisions(), bs),
        [RegistryProblem::BodyLevelMismatch {
            body: "qiu-zfd".to_owned(),
            kind: "enforcement_team".to_owned(),
            division: code(QIU),
            level: Level::County,
        }]
    );
}

#[test]
fn body_kinds_fit_their_levels() {
    // Where each kind may sit, as the kinds are described: departments and
    // enforcement bureaus above the township (bureaus at city or county),
    // teams at townships, centres at county or township, stations at
    // villages; governments anywhere. (Proxy points at township or village:
    // their doc names no level, so that row follows `BodyKind::fits`.)
    use BodyKind as B;
    let places = [HEBEI, HANDAN, QIU, XINMATOU, VILLAGE];
    let table: [(B, [bool; 5]); 8] = [
        (B::Government, [true, true, true, true, true]),
        (B::Department, [true, true, true, false, false]),
        (B::EnforcementBureau, [false, true, true, false, false]),
        (B::EnforcementTeam, [false, false, false, true, false]),
        (B::ServiceCentre, [false, false, true, true, false]),
        (B::ServiceStation, [false, false, false, false, true]),
        (B::ProxyPoint, [false, false, false, true, true]),
        (B::Other, [true, true, true, true, true]),
    ];
    for (kind, fits) in table {
        for (s, ok) in places.into_iter().zip(fits) {
            let mut bs = bodies();
            let mut b = Body::new("probe", "probe", kind, code(s));
            if kind == B::Department {
                b = b.with_sector(Sector::new("住建"));
            }
            bs.push(b);
            let built = Registry::new(divisions(), bs);
            assert_eq!(built.is_ok(), ok, "{kind} at {s}: {built:?}");
            assert_eq!(kind.fits(code(s).level()), ok, "{kind} at {s}");
        }
    }
}

#[test]
fn department_without_sector() {
    let mut bs = bodies();
    bs.push(Body::new(
        "130430-zj",
        "邱县住房和城乡建设局",
        BodyKind::Department,
        code(QIU),
    ));
    assert_eq!(
        problems(divisions(), bs),
        [RegistryProblem::MissingSector("130430-zj".to_owned())]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut ds: Vec<Division> = divisions()
        .into_iter()
        .filter(|d| d.code != code(CANGZHOU))
        .collect();
    // Duplicate division.
    ds.push(Division::new(code(QIUCHENG), "邱城镇", DivisionKind::Town));
    // Kind mismatch: a town kind with a county-level code.
    ds.push(Division::new(
        code("130431000000"),
        "假县",
        DivisionKind::Town,
    ));
    // (Missing parent: 沧州市 removed above, so 肃宁县 has none.)
    let mut bs: Vec<Body> = bodies()
        .into_iter()
        .filter(|b| b.division != code(CANGZHOU))
        .collect();
    // Duplicate body.
    bs.push(Body::new(
        "qiu-gov",
        "邱县人民政府",
        BodyKind::Government,
        code(QIU),
    ));
    // Unknown division.
    bs.push(Body::new(
        "gcy-gov",
        "古城营镇人民政府",
        BodyKind::Government,
        code("130430104000"),
    ));
    // Body level mismatch.
    bs.push(Body::new(
        "qiu-zfd",
        "邱县综合行政执法队",
        BodyKind::EnforcementTeam,
        code(QIU),
    ));
    // Department without sector.
    bs.push(Body::new(
        "130430-zj",
        "邱县住房和城乡建设局",
        BodyKind::Department,
        code(QIU),
    ));

    let err = Registry::new(ds.clone(), bs.clone()).unwrap_err();
    let Error::Registry(got) = &err else {
        panic!("unexpected error {err:?}");
    };
    let want = [
        RegistryProblem::DuplicateDivision(code(QIUCHENG)),
        RegistryProblem::KindMismatch {
            code: code("130431000000"),
            name: "假县".to_owned(),
            kind: "town".to_owned(),
            level: Level::County,
        },
        RegistryProblem::MissingParent {
            code: code(SUNING),
            name: "肃宁县".to_owned(),
            parent: code(CANGZHOU),
        },
        RegistryProblem::DuplicateBody("qiu-gov".to_owned()),
        RegistryProblem::UnknownDivision {
            body: "gcy-gov".to_owned(),
            division: code("130430104000"),
        },
        RegistryProblem::BodyLevelMismatch {
            body: "qiu-zfd".to_owned(),
            kind: "enforcement_team".to_owned(),
            division: code(QIU),
            level: Level::County,
        },
        RegistryProblem::MissingSector("130430-zj".to_owned()),
    ];
    for p in &want {
        assert!(got.contains(p), "missing {p:?} in {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");

    // The message counts and lists them all.
    let msg = err.to_string();
    assert!(msg.starts_with("7 problem(s)"), "{msg}");
    for p in &want {
        assert!(msg.contains(&p.to_string()), "{msg} lacks {p}");
    }
    for needle in [
        "130900000000",
        "130926000000",
        "qiu-gov",
        "gcy-gov",
        "qiu-zfd",
        "130430-zj",
        "假县",
    ] {
        assert!(msg.contains(needle), "{msg} lacks {needle}");
    }

    // The same problems, whatever the input order.
    ds.reverse();
    bs.reverse();
    let Err(Error::Registry(again)) = Registry::new(ds, bs) else {
        panic!("the reversed input should fail too");
    };
    assert_eq!(again.len(), want.len());
    for p in &want {
        assert!(again.contains(p), "missing {p:?} in {again:#?}");
    }
}
