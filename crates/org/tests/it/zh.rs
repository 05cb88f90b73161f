//! Every error in Chinese: the facts of the English text, in a clerk's
//! words.

use jiceng_org::{CreditCode, DivisionCode, Error, Level, RegistryProblem};

fn code_zh(text: &str) -> String {
    text.parse::<DivisionCode>().unwrap_err().zh()
}

fn credit_zh(text: &str) -> String {
    text.parse::<CreditCode>().unwrap_err().zh()
}

#[test]
fn each_fault_of_a_division_code_in_chinese() {
    assert_eq!(
        code_zh("12"),
        "行政区划代码 \"12\" 无效：应为 12 位数字（或 6 位 GB/T 2260 代码）"
    );
    assert_eq!(
        code_zh("990000000000"),
        "行政区划代码 \"990000000000\" 无效：省级代码不存在"
    );
    assert_eq!(
        code_zh("130001000000"),
        "行政区划代码 \"130001000000\" 无效：地级代码为零，其下却有县、乡或村级代码"
    );
    assert_eq!(
        code_zh("130430000001"),
        "行政区划代码 \"130430000001\" 无效：乡级代码为零，其下却有村级代码"
    );
    assert_eq!(
        DivisionCode::new(1_000_000_000_000).unwrap_err().zh(),
        "行政区划代码 \"1000000000000\" 无效：行政区划代码为 12 位"
    );
    // A kilobyte of text is quoted to its first 60 characters.
    let long = "x".repeat(1000);
    let e = long.parse::<DivisionCode>().unwrap_err();
    assert!(
        e.to_string().contains(&format!("\"{}…\"", &long[..60])),
        "{e}"
    );
    assert!(!e.to_string().contains(&long[..61]), "{e}");
}

#[test]
fn each_fault_of_a_credit_code_in_chinese() {
    assert_eq!(
        credit_zh("123"),
        "统一社会信用代码 \"123\" 无效：有 3 个字符，应为 18 个"
    );
    assert_eq!(
        credit_zh("91350100M00010!Y43"),
        "统一社会信用代码 \"91350100M00010!Y43\" 无效：第 15 位的字符 '!' 不允许使用"
    );
    assert_eq!(
        credit_zh("91A50100M000100Y43"),
        "统一社会信用代码 \"91A50100M000100Y43\" 无效：第 3–8 位必须是行政区划代码的数字"
    );
    // GB 32100-2015's example code is 91350100M000100Y43: a check
    // character of X is wrong, and 3 is what the others call for.
    assert_eq!(
        credit_zh("91350100M000100Y4X"),
        "统一社会信用代码 \"91350100M000100Y4X\" 无效：校验码是 'X'，按前 17 位应为 '3'"
    );
}

#[test]
fn each_registry_problem_in_chinese() {
    let code = |s: &str| s.parse::<DivisionCode>().unwrap();
    let cases = [
        (
            RegistryProblem::DuplicateDivision(code("130430000000")),
            "区划 130430000000 重复列出",
        ),
        (
            RegistryProblem::MissingParent {
                code: code("130430104000"),
                name: "古城营镇".into(),
                parent: code("130430000000"),
            },
            "区划 130430104000（古城营镇）的上级 130430000000 不在名录中",
        ),
        (
            RegistryProblem::KindMismatch {
                code: code("130430000000"),
                name: "邱县".into(),
                kind: "township".into(),
                level: Level::County,
            },
            "区划 130430000000（邱县）登记为 township，但其代码属于县级",
        ),
        (
            RegistryProblem::DuplicateBody("b".into()),
            "机关 \"b\" 重复列出",
        ),
        (
            RegistryProblem::UnknownDivision {
                body: "b".into(),
                division: code("130430000000"),
            },
            "机关 \"b\" 所属区划 130430000000 不在名录中",
        ),
        (
            RegistryProblem::BodyLevelMismatch {
                body: "b".into(),
                kind: "township_government".into(),
                division: code("130430000000"),
                level: Level::County,
            },
            "机关 \"b\" 登记为 township_government，但其所属区划 130430000000 属于县级",
        ),
        (
            RegistryProblem::MissingSector("d".into()),
            "部门 \"d\" 未注明所属领域",
        ),
    ];
    for (p, zh) in cases {
        assert_eq!(p.zh(), zh, "{p}");
    }
    let two = Error::Registry(vec![
        RegistryProblem::DuplicateBody("a".into()),
        RegistryProblem::MissingSector("d".into()),
    ]);
    assert_eq!(
        two.zh(),
        "区划和机关中有 2 个问题：机关 \"a\" 重复列出；部门 \"d\" 未注明所属领域"
    );
}
