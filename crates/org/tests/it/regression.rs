//! Regression tests, each named after a bug the fuzz targets found.

use jiceng_org::{Division, DivisionCode, DivisionKind, Error, Registry};

fn code(s: &str) -> DivisionCode {
    s.parse()
        .unwrap_or_else(|e| panic!("{s} should be a valid code: {e}"))
}

/// `Registry::children` kept the divisions one *level* down, so the towns of
/// a city without counties (东莞 4419: 东城街道 441900003000 sits directly
/// under the city, its county group zero) were nobody's children: the city
/// listed none, although each town's code names the city as its parent.
#[test]
fn towns_of_a_city_without_counties_are_children_of_the_city() {
    let reg = Registry::new(
        vec![
            Division::new(code("440000000000"), "广东省", DivisionKind::Province),
            Division::new(code("441900000000"), "东莞市", DivisionKind::City),
            Division::new(code("441900003000"), "东城街道", DivisionKind::Subdistrict),
            Division::new(code("441900004000"), "南城街道", DivisionKind::Subdistrict),
            Division::new(code("441900003201"), "示例社区", DivisionKind::Community),
        ],
        vec![],
    )
    .unwrap();
    let names = |code: &str| -> Vec<String> {
        reg.children(self::code(code))
            .map(|d| d.name.clone())
            .collect()
    };
    assert_eq!(names("441900000000"), ["东城街道", "南城街道"]);
    // The other levels are unchanged: the province's child is the city, the
    // town's child its community.
    assert_eq!(names("440000000000"), ["东莞市"]);
    assert_eq!(names("441900003000"), ["示例社区"]);
    assert_eq!(names("441900003201"), Vec::<String>::new());
}

/// A six-digit GB/T 2260 code is padded to twelve before it is validated;
/// the error named the padded number (`000000000000`), not the text the
/// user wrote (`000000`).
#[test]
fn a_six_digit_code_is_named_as_written_in_its_error() {
    for (given, reason) in [
        ("000000", "unknown province prefix"),
        ("990000", "unknown province prefix"),
        (" 100000", "unknown province prefix"),
    ] {
        assert_eq!(
            given.parse::<DivisionCode>(),
            Err(Error::InvalidCode {
                code: given.to_owned(),
                reason,
            })
        );
    }
}
