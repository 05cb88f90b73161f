//! Every error in Chinese: the facts of the English text, in a clerk's
//! words.

use chrono::NaiveDate;
use jiceng_authority::Error;

#[test]
fn every_query_error_has_its_chinese_text() {
    let date = NaiveDate::from_ymd_opt(2025, 6, 10).unwrap();
    let cases = [
        (Error::UnknownDivision("999".into()), "未知的行政区划 999"),
        (Error::UnknownItem("XX".into()), "未知的权力事项 \"XX\""),
        (Error::UnknownBody("b".into()), "未知的机关 \"b\""),
        (
            Error::NotTownship("130430000000".into()),
            "区划 130430000000 不是台账中的乡镇、街道或村（社区）",
        ),
        (
            Error::AboveCounty("130000000000".into()),
            "区划 130000000000 在县级以上：请指定县、乡镇或村",
        ),
        (
            Error::NoHolder {
                item: "HB-CF-016".into(),
                division: "130302000000".into(),
                date,
            },
            "2025-06-10 在 130302000000 无人承接事项 \"HB-CF-016\"（没有该领域的机关，或数据有缺口）",
        ),
        (
            Error::InvalidParameter {
                name: "townships",
                value: 200_000,
                least: 0,
                most: 100_000,
            },
            "合成参数 townships = 200000 超出范围 0..=100000",
        ),
        (
            Error::TooLarge {
                origin: "l.toml".into(),
                message: "x".into(),
            },
            "l.toml：台账超出规模上限：x",
        ),
        (
            Error::Registry {
                origin: "l.toml".into(),
                source: jiceng_org::Error::Registry(vec![
                    jiceng_org::RegistryProblem::DuplicateBody("b".into()),
                ]),
            },
            "l.toml：区划和机关中有 1 个问题：机关 \"b\" 重复列出",
        ),
    ];
    for (e, zh) in cases {
        assert_eq!(e.zh(), zh, "{e}");
    }
    // A kilobyte of code is cut to 60 characters, as in English.
    let long = "9".repeat(1000);
    assert_eq!(
        Error::UnknownDivision(long.clone()).zh(),
        format!("未知的行政区划 {}…", &long[..60])
    );
    // A file's own problems keep the reader's words and their place.
    let parse = Error::Parse {
        origin: "l.toml".into(),
        line: Some(2),
        message: "unknown field `foo`".into(),
        more: Vec::new(),
        omitted: 0,
    };
    assert_eq!(parse.zh(), parse.to_string());
}
