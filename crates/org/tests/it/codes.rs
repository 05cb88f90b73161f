//! `DivisionCode`: parsing, levels, the hierarchy implied by the digits, the
//! township and village ranges, Display and serde.
//!
//! The layout is `PP CC DD TTT VVV` (province, city, county: the GB/T 2260
//! code; then township and village), trailing zero groups mark a higher
//! level, and the township and village groups carry the kind by range.

use jiceng_org::{DivisionCode, Error, Level, TownshipRange, VillageRange};
use proptest::prelude::*;

/// The province-level prefixes of GB/T 2260: 31 mainland provinces,
/// autonomous regions and municipalities, then Taiwan, Hong Kong, Macao.
const GB2260_PROVINCES: [u64; 34] = [
    11, // 北京
    12, // 天津
    13, // 河北
    14, // 山西
    15, // 内蒙古
    21, // 辽宁
    22, // 吉林
    23, // 黑龙江
    31, // 上海
    32, // 江苏
    33, // 浙江
    34, // 安徽
    35, // 福建
    36, // 江西
    37, // 山东
    41, // 河南
    42, // 湖北
    43, // 湖南
    44, // 广东
    45, // 广西
    46, // 海南
    50, // 重庆
    51, // 四川
    52, // 贵州
    53, // 云南
    54, // 西藏
    61, // 陕西
    62, // 甘肃
    63, // 青海
    64, // 宁夏
    65, // 新疆
    71, // 台湾
    81, // 香港
    82, // 澳门
];

fn code(s: &str) -> DivisionCode {
    s.parse()
        .unwrap_or_else(|e| panic!("{s} should be a valid code: {e}"))
}

/// Assembles a code from its groups, by the layout rather than by the
/// crate.
fn assemble(pp: u64, cc: u64, dd: u64, ttt: u64, vvv: u64) -> u64 {
    (((pp * 100 + cc) * 100 + dd) * 1000 + ttt) * 1000 + vvv
}

fn assert_rejected(s: &str) {
    let err = s
        .parse::<DivisionCode>()
        .expect_err(&format!("{s:?} should be rejected"));
    assert!(
        matches!(err, Error::InvalidCode { .. }),
        "{s:?}: unexpected error {err:?}"
    );
}

// ---------------------------------------------------------------- parsing

#[test]
fn parses_twelve_digits() {
    let c = code("130430100201");
    assert_eq!(c.get(), 130_430_100_201);
    assert_eq!(c.gb2260(), 130_430);
    assert_eq!(c, DivisionCode::new(130_430_100_201).unwrap());
}

#[test]
fn six_digits_are_a_gb2260_code_padded_with_zeros() {
    assert_eq!(code("130430"), code("130430000000"));
    assert_eq!(code("130400"), code("130400000000"));
    assert_eq!(code("130000"), code("130000000000"));
    assert_eq!(code("130926").get(), 130_926_000_000);
    assert_eq!(code("130430").level(), Level::County);
    assert_eq!(code("130400").level(), Level::City);
    assert_eq!(code("130000").level(), Level::Province);
}

#[test]
fn rejects_wrong_lengths() {
    for s in [
        "",
        "1",
        "13",
        "13043",
        "1304300",
        "13043010",
        "1304301000",
        "13043010020",
        "1304301002011",
        "130430100201000",
    ] {
        assert_rejected(s);
    }
}

#[test]
fn a_thirteen_digit_code_with_a_leading_zero_is_rejected_for_its_length() {
    // "0130430000000" is Qiu County's code with a zero in front: as a
    // number it would be valid, so the length alone must refuse it, and the
    // reason must say so. Likewise a 12-character text that is not all
    // digits is refused for its characters, before any number is read.
    let expected = "expected 12 digits (or a 6-digit GB/T 2260 code)";
    for s in [
        "0130430000000",
        "0000130430000000",
        "13043010020A",
        "13043a",
    ] {
        assert_eq!(
            s.parse::<DivisionCode>(),
            Err(Error::InvalidCode {
                code: s.to_owned(),
                reason: expected,
            }),
            "{s}"
        );
    }
}

#[test]
fn rejects_non_digits() {
    for s in [
        "13043010020A",
        "A30430100201",
        "1304301002O1",
        "13043a",
        "130430-10020",
        "+30430100201",
        "-13043010020",
        "130430 00201",
        "13043０",
        "１３０４３０",
    ] {
        assert_rejected(s);
    }
}

#[test]
fn accepts_exactly_the_gb2260_province_prefixes() {
    for pp in 0..100u64 {
        let twelve = format!("{pp:02}0000000000");
        let six = format!("{pp:02}0000");
        let known = GB2260_PROVINCES.contains(&pp);
        assert_eq!(twelve.parse::<DivisionCode>().is_ok(), known, "{twelve}");
        assert_eq!(six.parse::<DivisionCode>().is_ok(), known, "{six}");
        assert_eq!(
            DivisionCode::new(pp * 10_000_000_000).is_ok(),
            known,
            "{pp}"
        );
    }
}

#[test]
fn rejects_unknown_province_prefix() {
    assert_rejected("990000000000");
    assert_rejected("990000");
    assert_rejected("990430100201");
    assert_rejected("000000000000");
    assert_rejected("100000");
    let err = "990430100201".parse::<DivisionCode>().unwrap_err();
    assert!(err.to_string().contains("990430100201"), "{err}");
}

#[test]
fn rejects_village_digits_under_a_zero_township() {
    assert_rejected("130430000001");
    assert_rejected("130430000200");
    assert_rejected("130430000999");
    let err = "130430000001".parse::<DivisionCode>().unwrap_err();
    assert!(err.to_string().contains("130430000001"), "{err}");
}

/// Cities without counties (东莞 4419, 中山 4420) code their towns directly
/// under the city: 东莞's 东城街道 is 441900003000 in the statistical codes.
#[test]
fn towns_of_cities_without_counties() {
    let town: DivisionCode = "441900003000".parse().unwrap();
    assert_eq!(town.level(), Level::Township);
    assert_eq!(town.parent().unwrap().to_string(), "441900000000");
    assert_eq!(town.at(Level::County), None);
    assert_eq!(town.at(Level::City).unwrap().to_string(), "441900000000");
    let village: DivisionCode = "442000002001".parse().unwrap();
    assert_eq!(village.parent().unwrap().to_string(), "442000002000");
    // Village digits still need a township.
    assert_rejected("130400000200");
}

#[test]
fn rejects_lower_digits_under_a_zero_city() {
    assert_rejected("130030000000");
    assert_rejected("130030");
    assert_rejected("130000100000");
    assert_rejected("130000000001");
}

#[test]
fn new_rejects_more_than_twelve_digits() {
    assert!(DivisionCode::new(1_000_000_000_000).is_err());
    assert!(DivisionCode::new(u64::MAX).is_err());
    assert!(DivisionCode::new(999_999_999_999).is_err()); // province 99
    assert!(DivisionCode::new(820_000_000_000).is_ok());
}

#[test]
fn error_names_the_code_given() {
    for s in ["1304301002", "13043010020A", "130430000001"] {
        let err = s.parse::<DivisionCode>().unwrap_err();
        assert!(err.to_string().contains(s), "{s}: {err}");
    }
}

// ---------------------------------------------------------------- hierarchy

#[test]
fn level_follows_the_trailing_zero_groups() {
    assert_eq!(code("130000000000").level(), Level::Province);
    assert_eq!(code("130400000000").level(), Level::City);
    assert_eq!(code("130430000000").level(), Level::County);
    assert_eq!(code("130430100000").level(), Level::Township);
    assert_eq!(code("130430100201").level(), Level::Village);
    // A nonzero last digit of a group is enough.
    assert_eq!(code("130401000000").level(), Level::County);
    assert_eq!(code("130430001000").level(), Level::Township);
    assert_eq!(code("130430001001").level(), Level::Village);
    assert_eq!(code("110100000000").level(), Level::City);
}

#[test]
fn levels_are_ordered_from_province_down() {
    let levels = [
        Level::Province,
        Level::City,
        Level::County,
        Level::Township,
        Level::Village,
    ];
    for w in levels.windows(2) {
        assert!(w[0] < w[1]);
        assert_eq!(w[1].parent(), Some(w[0]));
    }
    assert_eq!(Level::Province.parent(), None);
    assert_eq!(Level::County.to_string(), "county");
    assert_eq!(Level::Township.zh(), "乡级");
}

#[test]
fn parent_drops_the_lowest_nonzero_group() {
    let village = code("130430100201");
    // At most 8 long: a wrong parent must fail the test, not hang it.
    let chain: Vec<String> = std::iter::successors(Some(village), |c| c.parent())
        .take(8)
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        chain,
        [
            "130430100201",
            "130430100000",
            "130430000000",
            "130400000000",
            "130000000000"
        ]
    );
    assert_eq!(code("130000000000").parent(), None);
}

#[test]
fn at_gives_the_ancestor_at_a_level() {
    let village = code("130430100201");
    assert_eq!(village.at(Level::Province), Some(code("130000000000")));
    assert_eq!(village.at(Level::City), Some(code("130400000000")));
    assert_eq!(village.at(Level::County), Some(code("130430000000")));
    assert_eq!(village.at(Level::Township), Some(code("130430100000")));
    assert_eq!(village.at(Level::Village), Some(village));

    let town = code("130926103000");
    assert_eq!(town.at(Level::Township), Some(town));
    assert_eq!(town.at(Level::County), Some(code("130926000000")));
    assert_eq!(town.at(Level::Village), None);

    let province = code("130000000000");
    assert_eq!(province.at(Level::Province), Some(province));
    assert_eq!(province.at(Level::City), None);
    assert_eq!(province.at(Level::Village), None);
}

#[test]
fn contains_is_prefix_containment() {
    let province = code("130000000000");
    let handan = code("130400000000");
    let qiu = code("130430000000");
    let town = code("130430100000");
    let other_town = code("130430101000");
    let village = code("130430100200");
    let suning = code("130926000000");

    for outer in [province, handan, qiu, town, village] {
        assert!(outer.contains(village), "{outer} should contain {village}");
        assert!(outer.contains(outer), "{outer} should contain itself");
    }
    assert!(province.contains(suning));
    assert!(!handan.contains(suning));
    assert!(!qiu.contains(suning));
    assert!(!town.contains(other_town));
    assert!(!other_town.contains(village));
    assert!(!village.contains(town));
    assert!(!qiu.contains(handan));
    assert!(!province.contains(code("140000000000")));
    assert!(!province.contains(code("140430100200")));
    // Same lower digits under another county.
    assert!(!town.contains(code("130431100200")));
}

// ---------------------------------------------------------------- ranges

#[test]
fn township_ranges() {
    let cases = [
        (1, TownshipRange::Subdistrict),
        (50, TownshipRange::Subdistrict),
        (99, TownshipRange::Subdistrict),
        (100, TownshipRange::Town),
        (150, TownshipRange::Town),
        (199, TownshipRange::Town),
        (200, TownshipRange::Township),
        (300, TownshipRange::Township),
        (399, TownshipRange::Township),
        (400, TownshipRange::Other),
        (500, TownshipRange::Other),
        (599, TownshipRange::Other),
    ];
    for (ttt, want) in cases {
        let c = DivisionCode::new(assemble(13, 4, 30, ttt, 0)).unwrap();
        assert_eq!(c.level(), Level::Township);
        assert_eq!(c.township_range(), Some(want), "township {ttt:03}");
        assert_eq!(c.village_range(), None);
    }
    for s in [
        "130000000000",
        "130400000000",
        "130430000000",
        "130430100201",
    ] {
        assert_eq!(code(s).township_range(), None, "{s}");
    }
}

#[test]
fn village_ranges() {
    let cases = [
        (1, VillageRange::Community),
        (100, VillageRange::Community),
        (199, VillageRange::Community),
        (200, VillageRange::Village),
        (300, VillageRange::Village),
        (399, VillageRange::Village),
        (400, VillageRange::Other),
        (500, VillageRange::Other),
        (599, VillageRange::Other),
    ];
    for (vvv, want) in cases {
        let c = DivisionCode::new(assemble(13, 4, 30, 100, vvv)).unwrap();
        assert_eq!(c.level(), Level::Village);
        assert_eq!(c.village_range(), Some(want), "village {vvv:03}");
        assert_eq!(c.township_range(), None);
    }
    for s in [
        "130000000000",
        "130400000000",
        "130430000000",
        "130430100000",
    ] {
        assert_eq!(code(s).village_range(), None, "{s}");
    }
}

// ---------------------------------------------------------------- text forms

#[test]
fn display_is_twelve_digits_and_round_trips() {
    for s in [
        "110000000000",
        "130000000000",
        "130400000000",
        "130430000000",
        "130430100000",
        "130430100200",
        "820000000000",
    ] {
        let c = code(s);
        assert_eq!(c.to_string(), s);
        assert_eq!(code(&c.to_string()), c);
    }
    assert_eq!(code("130430").to_string(), "130430000000");
}

#[test]
fn serde_json_is_a_string() {
    let c = code("130430100200");
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(json, "\"130430100200\"");
    let back: DivisionCode = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);

    let v: Vec<DivisionCode> = serde_json::from_str(r#"["130430", "130926103000"]"#).unwrap();
    assert_eq!(v, [code("130430000000"), code("130926103000")]);

    // A number is not a code; neither is an invalid string.
    assert!(serde_json::from_str::<DivisionCode>("130430100200").is_err());
    let err = serde_json::from_str::<DivisionCode>("\"130430000001\"").unwrap_err();
    assert!(err.to_string().contains("130430000001"), "{err}");
}

// ---------------------------------------------------------------- properties

/// Digits for a code at `level` (0 province … 4 village) from random
/// nonzero groups, by the layout.
fn build(pp: u64, cc: u64, dd: u64, ttt: u64, vvv: u64, level: usize) -> u64 {
    let cc = if level >= 1 { cc } else { 0 };
    let dd = if level >= 2 { dd } else { 0 };
    let ttt = if level >= 3 { ttt } else { 0 };
    let vvv = if level >= 4 { vvv } else { 0 };
    assemble(pp, cc, dd, ttt, vvv)
}

const LEVELS: [Level; 5] = [
    Level::Province,
    Level::City,
    Level::County,
    Level::Township,
    Level::Village,
];

proptest! {
    #[test]
    fn valid_codes_round_trip_and_sit_inside_their_parent(
        p in 0..GB2260_PROVINCES.len(),
        cc in 1u64..=99,
        dd in 1u64..=99,
        ttt in 1u64..=999,
        vvv in 1u64..=999,
        level in 0usize..5,
    ) {
        let n = build(GB2260_PROVINCES[p], cc, dd, ttt, vvv, level);
        let c = DivisionCode::new(n).unwrap();
        prop_assert_eq!(c.get(), n);
        prop_assert_eq!(c.level(), LEVELS[level]);

        let text = c.to_string();
        prop_assert_eq!(text.len(), 12);
        prop_assert_eq!(text.parse::<DivisionCode>().unwrap(), c);
        let json = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(serde_json::from_str::<DivisionCode>(&json).unwrap(), c);

        match c.parent() {
            None => prop_assert_eq!(level, 0),
            Some(parent) => {
                prop_assert!(level > 0);
                prop_assert!(parent.contains(c));
                prop_assert!(!c.contains(parent));
                prop_assert_eq!(parent.level(), LEVELS[level - 1]);
                prop_assert_eq!(Some(parent.level()), c.level().parent());
                prop_assert_eq!(parent.get(), build(GB2260_PROVINCES[p], cc, dd, ttt, vvv, level - 1));
                prop_assert_eq!(c.at(LEVELS[level - 1]), Some(parent));
            }
        }
        for (l, &at) in LEVELS.iter().enumerate() {
            let want = (l <= level).then(|| build(GB2260_PROVINCES[p], cc, dd, ttt, vvv, l));
            prop_assert_eq!(c.at(at).map(DivisionCode::get), want);
        }
    }

    #[test]
    fn nonzero_digits_under_a_zero_group_are_rejected_but_for_cities_without_counties(
        p in 0..GB2260_PROVINCES.len(),
        // Zero half the time, so that every pattern of zero groups shows up.
        groups in (
            prop_oneof![Just(0u64), 1u64..=99],
            prop_oneof![Just(0u64), 1u64..=99],
            prop_oneof![Just(0u64), 1u64..=999],
            prop_oneof![Just(0u64), 1u64..=999],
        ),
    ) {
        let (cc, dd, ttt, vvv) = groups;
        let n = assemble(GB2260_PROVINCES[p], cc, dd, ttt, vvv);
        let gs = [cc, dd, ttt, vvv];
        // Valid iff the zero groups only trail, except that a zero county
        // group may have townships below it (a city without counties, such
        // as 东莞 4419).
        let first_zero = gs.iter().position(|&g| g == 0).unwrap_or(gs.len());
        let trailing_only = gs[first_zero..].iter().all(|&g| g == 0);
        let city_without_counties = cc != 0 && dd == 0 && ttt != 0;
        prop_assert_eq!(DivisionCode::new(n).is_ok(), trailing_only || city_without_counties, "{:012}", n);
    }
}
