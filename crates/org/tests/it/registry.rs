//! `Registry`: lookups, the hierarchy, contiguous descendants, common
//! superiors and bodies. The problems of lists that do not build are in
//! `registry_problems.rs`, on the same fixtures.

use jiceng_org::{Body, BodyKind, Division, DivisionCode, DivisionKind, Level, Registry, Sector};

pub(crate) fn code(s: &str) -> DivisionCode {
    s.parse()
        .unwrap_or_else(|e| panic!("{s} should be a valid code: {e}"))
}

pub(crate) const HEBEI: &str = "130000000000";
pub(crate) const HANDAN: &str = "130400000000";
pub(crate) const QIU: &str = "130430000000";
pub(crate) const XINMATOU: &str = "130430100000";
pub(crate) const QIUCHENG: &str = "130430101000";
pub(crate) const VILLAGE: &str = "130430100200";
pub(crate) const CANGZHOU: &str = "130900000000";
pub(crate) const SUNING: &str = "130926000000";
pub(crate) const SHANGCUN: &str = "130926103000";

pub(crate) fn divisions() -> Vec<Division> {
    vec![
        Division::new(code(HEBEI), "河北省", DivisionKind::Province),
        Division::new(code(HANDAN), "邯郸市", DivisionKind::City),
        Division::new(code(QIU), "邱县", DivisionKind::County),
        Division::new(code(XINMATOU), "新马头镇", DivisionKind::Town),
        Division::new(code(QIUCHENG), "邱城镇", DivisionKind::Town),
        Division::new(code(VILLAGE), "示例村", DivisionKind::Village),
        Division::new(code(CANGZHOU), "沧州市", DivisionKind::City),
        Division::new(code(SUNING), "肃宁县", DivisionKind::County),
        Division::new(code(SHANGCUN), "尚村镇", DivisionKind::Town)
            .with_tag("economically-developed"),
    ]
}

pub(crate) fn bodies() -> Vec<Body> {
    vec![
        Body::new(
            "hb-gov",
            "河北省人民政府",
            BodyKind::Government,
            code(HEBEI),
        ),
        Body::new(
            "hd-gov",
            "邯郸市人民政府",
            BodyKind::Government,
            code(HANDAN),
        ),
        Body::new("qiu-gov", "邱县人民政府", BodyKind::Government, code(QIU)),
        Body::new(
            "130430-sthj",
            "邱县生态环境分局",
            BodyKind::Department,
            code(QIU),
        )
        .with_sector(Sector::new("生态环境")),
        Body::new(
            "130430-zhzf",
            "邱县综合行政执法局",
            BodyKind::EnforcementBureau,
            code(QIU),
        ),
        Body::new(
            "xmt-gov",
            "新马头镇人民政府",
            BodyKind::Government,
            code(XINMATOU),
        ),
        Body::new(
            "xmt-zfd",
            "新马头镇综合行政执法队",
            BodyKind::EnforcementTeam,
            code(XINMATOU),
        ),
        Body::new(
            "xmt-fwzx",
            "新马头镇行政综合服务中心",
            BodyKind::ServiceCentre,
            code(XINMATOU),
        ),
        Body::new(
            "qc-gov",
            "邱城镇人民政府",
            BodyKind::Government,
            code(QIUCHENG),
        ),
        Body::new(
            "village-fwz",
            "示例村便民服务站",
            BodyKind::ServiceStation,
            code(VILLAGE),
        ),
        Body::new(
            "cz-gov",
            "沧州市人民政府",
            BodyKind::Government,
            code(CANGZHOU),
        ),
        Body::new(
            "sn-gov",
            "肃宁县人民政府",
            BodyKind::Government,
            code(SUNING),
        ),
        Body::new(
            "sc-gov",
            "尚村镇人民政府",
            BodyKind::Government,
            code(SHANGCUN),
        ),
        Body::new(
            "sc-zfd",
            "尚村镇综合行政执法队",
            BodyKind::EnforcementTeam,
            code(SHANGCUN),
        ),
    ]
}

fn registry() -> Registry {
    Registry::new(divisions(), bodies()).unwrap()
}

fn names<'a>(ds: impl IntoIterator<Item = &'a Division>) -> Vec<&'a str> {
    ds.into_iter().map(|d| d.name.as_str()).collect()
}

fn codes_of(bs: &[Body]) -> Vec<&str> {
    bs.iter().map(|b| b.code.as_str()).collect()
}

// ---------------------------------------------------------------- lookups

#[test]
fn divisions_are_sorted_by_code() {
    let reg = registry();
    let codes: Vec<String> = reg.divisions().iter().map(|d| d.code.to_string()).collect();
    assert_eq!(
        codes,
        [
            HEBEI, HANDAN, QIU, XINMATOU, VILLAGE, QIUCHENG, CANGZHOU, SUNING, SHANGCUN
        ]
    );
}

#[test]
fn input_order_does_not_matter() {
    let mut ds = divisions();
    let mut bs = bodies();
    ds.reverse();
    bs.reverse();
    let a = registry();
    let b = Registry::new(ds, bs).unwrap();
    assert_eq!(a.divisions(), b.divisions());
    assert_eq!(a.bodies(), b.bodies());
}

#[test]
fn division_lookup_by_code_and_handle() {
    let reg = registry();
    for d in divisions() {
        let id = reg.division_id(d.code).unwrap();
        assert_eq!(reg.get(id), &d);
        assert_eq!(reg.division(d.code), Some(&d));
        assert_eq!(&reg.divisions()[id.index()], &d);
    }
    assert_eq!(reg.division(code(SHANGCUN)).unwrap().name, "尚村镇");
    assert!(
        reg.division(code(SHANGCUN))
            .unwrap()
            .has_tag("economically-developed")
    );
    assert!(
        !reg.division(code(XINMATOU))
            .unwrap()
            .has_tag("economically-developed")
    );
    // Valid codes that are not in the registry.
    for s in [
        "130430102000",
        "130500000000",
        "140000000000",
        "130430100201",
    ] {
        assert!(reg.division(code(s)).is_none(), "{s}");
        assert!(reg.division_id(code(s)).is_none(), "{s}");
    }
}

#[test]
fn parent_follows_the_code() {
    let reg = registry();
    assert_eq!(reg.parent(code(VILLAGE)).unwrap().name, "新马头镇");
    assert_eq!(reg.parent(code(XINMATOU)).unwrap().name, "邱县");
    assert_eq!(reg.parent(code(QIU)).unwrap().name, "邯郸市");
    assert_eq!(reg.parent(code(SHANGCUN)).unwrap().name, "肃宁县");
    assert_eq!(reg.parent(code(CANGZHOU)).unwrap().name, "河北省");
    assert!(reg.parent(code(HEBEI)).is_none());
    assert!(reg.parent(code("130430102000")).is_none());
    let v = reg.division_id(code(VILLAGE)).unwrap();
    let t = reg.parent_id(v).unwrap();
    assert_eq!(reg.get(t).code, code(XINMATOU));
}

#[test]
fn ancestors_nearest_first() {
    let reg = registry();
    assert_eq!(
        names(reg.ancestors(code(VILLAGE)).take(8)),
        ["新马头镇", "邱县", "邯郸市", "河北省"]
    );
    assert_eq!(
        names(reg.ancestors(code(SHANGCUN)).take(8)),
        ["肃宁县", "沧州市", "河北省"]
    );
    assert_eq!(names(reg.ancestors(code(HANDAN)).take(8)), ["河北省"]);
    assert!(reg.ancestors(code(HEBEI)).next().is_none());
    assert!(reg.ancestors(code("130430102000")).next().is_none());
    // Each ancestor's code is the code's prefix at that level. (Every
    // chain here is taken at most 8 long, so that a wrong parent fails the
    // test instead of hanging it.)
    let v = code(VILLAGE);
    for a in reg.ancestors(v).take(8) {
        assert!(a.code.contains(v));
        assert_eq!(v.at(a.level()), Some(a.code));
    }
}

#[test]
fn descendants_are_one_contiguous_slice() {
    let reg = registry();
    let all = reg.divisions();
    let cases = [
        (HEBEI, 8),
        (HANDAN, 4),
        (QIU, 3),
        (XINMATOU, 1),
        (QIUCHENG, 0),
        (VILLAGE, 0),
        (CANGZHOU, 2),
        (SUNING, 1),
        (SHANGCUN, 0),
        // In no registry entry: nothing inside.
        ("130430102000", 0),
        ("130500000000", 0),
        ("140000000000", 0),
    ];
    for (s, n) in cases {
        let c = code(s);
        let desc = reg.descendants(c);
        assert_eq!(desc.len(), n, "{s}");
        // The same set as a filter over all divisions, in the same order.
        let want: Vec<&Division> = all
            .iter()
            .filter(|d| c.contains(d.code) && d.code != c)
            .collect();
        assert_eq!(desc.iter().collect::<Vec<_>>(), want, "{s}");
        // A sub-slice of divisions(): the same memory.
        if let Some(first) = desc.first() {
            let start = all.iter().position(|d| std::ptr::eq(d, first)).unwrap();
            assert!(std::ptr::eq(&all[start..start + n], desc), "{s}");
        }
    }
    assert_eq!(
        names(reg.descendants(code(HANDAN))),
        ["邱县", "新马头镇", "示例村", "邱城镇"]
    );
}

#[test]
fn children_are_one_level_down() {
    let reg = registry();
    assert_eq!(names(reg.children(code(HEBEI))), ["邯郸市", "沧州市"]);
    assert_eq!(names(reg.children(code(HANDAN))), ["邱县"]);
    assert_eq!(names(reg.children(code(QIU))), ["新马头镇", "邱城镇"]);
    assert_eq!(names(reg.children(code(XINMATOU))), ["示例村"]);
    assert_eq!(names(reg.children(code(SUNING))), ["尚村镇"]);
    assert!(reg.children(code(QIUCHENG)).next().is_none());
    assert!(reg.children(code(VILLAGE)).next().is_none());
}

#[test]
fn within_selects_one_level() {
    let reg = registry();
    assert_eq!(
        names(reg.within(code(HEBEI), Level::Township)),
        ["新马头镇", "邱城镇", "尚村镇"]
    );
    assert_eq!(
        names(reg.within(code(HEBEI), Level::County)),
        ["邱县", "肃宁县"]
    );
    assert_eq!(
        names(reg.within(code(HEBEI), Level::City)),
        ["邯郸市", "沧州市"]
    );
    assert_eq!(names(reg.within(code(HEBEI), Level::Village)), ["示例村"]);
    assert_eq!(
        names(reg.within(code(HANDAN), Level::Township)),
        ["新马头镇", "邱城镇"]
    );
    assert_eq!(
        names(reg.within(code(CANGZHOU), Level::Township)),
        ["尚村镇"]
    );
    assert_eq!(reg.within(code(CANGZHOU), Level::Village).count(), 0);
    // Not the division itself, nor anything above it.
    assert_eq!(reg.within(code(QIU), Level::County).count(), 0);
    assert_eq!(reg.within(code(QIU), Level::Province).count(), 0);
}

// ---------------------------------------------------------------- superiors

#[test]
fn common_superior_of_divisions() {
    let reg = registry();
    let cs = |a: &str, b: &str| {
        reg.common_superior(code(a), code(b))
            .map(|d| d.name.as_str())
    };
    // Two towns of one county: the county.
    assert_eq!(cs(XINMATOU, QIUCHENG), Some("邱县"));
    // A town and its own village: the town.
    assert_eq!(cs(XINMATOU, VILLAGE), Some("新马头镇"));
    assert_eq!(cs(VILLAGE, XINMATOU), Some("新马头镇"));
    // A village and the other town of its county: the county.
    assert_eq!(cs(VILLAGE, QIUCHENG), Some("邱县"));
    // Towns of two counties in different cities: the province.
    assert_eq!(cs(XINMATOU, SHANGCUN), Some("河北省"));
    assert_eq!(cs(VILLAGE, SUNING), Some("河北省"));
    // A division with itself, and with an ancestor.
    assert_eq!(cs(QIU, QIU), Some("邱县"));
    assert_eq!(cs(VILLAGE, VILLAGE), Some("示例村"));
    assert_eq!(cs(HANDAN, VILLAGE), Some("邯郸市"));
    assert_eq!(cs(HEBEI, SHANGCUN), Some("河北省"));
    // Different provinces: none.
    assert_eq!(cs(XINMATOU, "140430100000"), None);
    assert_eq!(cs(HEBEI, "140000000000"), None);
}

#[test]
fn common_superior_across_two_provinces_in_one_registry() {
    let mut ds = divisions();
    ds.push(Division::new(
        code("140000000000"),
        "山西省",
        DivisionKind::Province,
    ));
    ds.push(Division::new(
        code("140100000000"),
        "太原市",
        DivisionKind::City,
    ));
    let reg = Registry::new(ds, bodies()).unwrap();
    assert!(
        reg.common_superior(code(XINMATOU), code("140100000000"))
            .is_none()
    );
    assert!(
        reg.common_superior(code(HEBEI), code("140000000000"))
            .is_none()
    );
    assert_eq!(
        reg.common_superior(code("140100000000"), code("140000000000"))
            .unwrap()
            .name,
        "山西省"
    );
}

#[test]
fn common_superior_of_bodies() {
    let reg = registry();
    let cs = |a: &str, b: &str| reg.common_superior_of_bodies(a, b).map(|d| d.name.as_str());
    // A county department and a town team: the county.
    assert_eq!(cs("130430-sthj", "xmt-zfd"), Some("邱县"));
    assert_eq!(cs("xmt-zfd", "130430-sthj"), Some("邱县"));
    // Two bodies of one division: that division.
    assert_eq!(cs("xmt-zfd", "xmt-fwzx"), Some("新马头镇"));
    assert_eq!(cs("130430-sthj", "130430-zhzf"), Some("邱县"));
    // Teams of two towns of one county, and of two cities.
    assert_eq!(cs("xmt-zfd", "qc-gov"), Some("邱县"));
    assert_eq!(cs("xmt-zfd", "sc-zfd"), Some("河北省"));
    // A village station and its town's team.
    assert_eq!(cs("village-fwz", "xmt-zfd"), Some("新马头镇"));
    // Unknown bodies.
    assert_eq!(cs("nobody", "xmt-zfd"), None);
    assert_eq!(cs("xmt-zfd", "nobody"), None);
}

// ---------------------------------------------------------------- bodies

#[test]
fn bodies_are_sorted_by_division_then_code() {
    let reg = registry();
    let keys: Vec<(DivisionCode, &str)> = reg
        .bodies()
        .iter()
        .map(|b| (b.division, b.code.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys.len(), bodies().len());
}

#[test]
fn body_lookup() {
    let reg = registry();
    for b in bodies() {
        let id = reg.body_id(&b.code).unwrap();
        assert_eq!(reg.body_at(id), &b);
        assert_eq!(reg.body(&b.code), Some(&b));
        assert_eq!(&reg.bodies()[id.index()], &b);
    }
    let dept = reg.body("130430-sthj").unwrap();
    assert_eq!(dept.kind, BodyKind::Department);
    assert_eq!(dept.sector.as_ref().map(Sector::as_str), Some("生态环境"));
    assert!(reg.body("nobody").is_none());
    assert!(reg.body_id("").is_none());
}

#[test]
fn body_of_kind() {
    let reg = registry();
    let of = |d: &str, k: BodyKind| {
        reg.body_of_kind(code(d), k)
            .map(|id| reg.body_at(id).code.as_str())
    };
    assert_eq!(of(QIU, BodyKind::Government), Some("qiu-gov"));
    assert_eq!(of(QIU, BodyKind::Department), Some("130430-sthj"));
    assert_eq!(of(QIU, BodyKind::EnforcementBureau), Some("130430-zhzf"));
    assert_eq!(of(XINMATOU, BodyKind::EnforcementTeam), Some("xmt-zfd"));
    assert_eq!(of(XINMATOU, BodyKind::ServiceCentre), Some("xmt-fwzx"));
    assert_eq!(of(VILLAGE, BodyKind::ServiceStation), Some("village-fwz"));
    assert_eq!(of(SHANGCUN, BodyKind::EnforcementTeam), Some("sc-zfd"));
    assert_eq!(of(HEBEI, BodyKind::Government), Some("hb-gov"));
    // Kinds a division does not have.
    assert_eq!(of(QIUCHENG, BodyKind::EnforcementTeam), None);
    assert_eq!(of(QIU, BodyKind::EnforcementTeam), None);
    assert_eq!(of(XINMATOU, BodyKind::EnforcementBureau), None);
    assert_eq!(of(VILLAGE, BodyKind::Government), None);
    assert_eq!(of("130430102000", BodyKind::Government), None);
}

#[test]
fn bodies_in_a_division() {
    let reg = registry();
    assert_eq!(
        codes_of(reg.bodies_in(code(QIU))),
        ["130430-sthj", "130430-zhzf", "qiu-gov"]
    );
    assert_eq!(
        codes_of(reg.bodies_in(code(XINMATOU))),
        ["xmt-fwzx", "xmt-gov", "xmt-zfd"]
    );
    assert_eq!(codes_of(reg.bodies_in(code(VILLAGE))), ["village-fwz"]);
    assert_eq!(codes_of(reg.bodies_in(code(QIUCHENG))), ["qc-gov"]);
    assert_eq!(codes_of(reg.bodies_in(code(HEBEI))), ["hb-gov"]);
    // Only the division itself, not what lies inside it.
    assert_eq!(codes_of(reg.bodies_in(code(HANDAN))), ["hd-gov"]);
    assert!(reg.bodies_in(code("130430102000")).is_empty());
    assert!(reg.bodies_in(code("140000000000")).is_empty());
    // Every body is in the run of its division.
    for b in reg.bodies() {
        assert!(reg.bodies_in(b.division).contains(b));
    }
}

#[test]
fn an_empty_registry_is_valid() {
    let reg = Registry::new(Vec::new(), Vec::new()).unwrap();
    assert!(reg.divisions().is_empty());
    assert!(reg.descendants(code(HEBEI)).is_empty());
    assert!(reg.bodies_in(code(HEBEI)).is_empty());
    assert!(
        reg.common_superior(code(XINMATOU), code(QIUCHENG))
            .is_none()
    );
}
