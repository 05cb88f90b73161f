//! The words a clerk or a program reads: the English and Chinese names of
//! every kind (DOMAIN.md's vocabulary: 指导清单, 下放, 收回, 划转, 委托 for
//! the instruments; 基本履职事项, 配合履职事项, 上级收回事项 for duties;
//! 考核事项 and 责任状 for assessments) and the printed form of a finding,
//! `severity<TAB>file:line instrument … item … division … duty …<TAB>message`.

use jiceng_authority::{
    AssessmentKind, CheckOptions, DutyKind, FindingKind, InstrumentKind, LegalBasis, Location,
    PowerCategory, Severity,
};

use crate::{BASE, ledger};

fn check<T: Copy + std::fmt::Debug>(table: &[(T, &str)], f: impl Fn(T) -> String) {
    for &(value, expected) in table {
        assert_eq!(f(value), expected, "{value:?}");
    }
}

#[test]
fn severities_print_in_english_and_chinese() {
    check(
        &[(Severity::Error, "error"), (Severity::Warning, "warning")],
        |s| s.to_string(),
    );
    check(
        &[(Severity::Error, "错误"), (Severity::Warning, "警告")],
        |s| s.zh().to_owned(),
    );
}

#[test]
fn instrument_kinds_have_the_vocabularys_names() {
    use InstrumentKind::*;
    check(
        &[
            (GuidanceList, "指导清单"),
            (Devolution, "下放"),
            (Revocation, "收回"),
            (Concentration, "划转"),
            (Entrustment, "委托"),
            (Evaluation, "评估"),
        ],
        |k| k.zh().to_owned(),
    );
    // Art. 24: decisions are published with a document number; an
    // evaluation report is not a decision.
    check(
        &[
            (GuidanceList, "true"),
            (Devolution, "true"),
            (Revocation, "true"),
            (Concentration, "true"),
            (Entrustment, "true"),
            (Evaluation, "false"),
        ],
        |k| k.needs_document().to_string(),
    );
}

#[test]
fn duty_and_assessment_kinds_have_the_vocabularys_names() {
    use DutyKind::*;
    check(
        &[
            (Basic, "基本履职事项"),
            (Cooperative, "配合履职事项"),
            (Returned, "上级收回事项"),
        ],
        |k| k.zh().to_owned(),
    );
    check(
        &[
            (Basic, "basic"),
            (Cooperative, "cooperative"),
            (Returned, "returned"),
        ],
        |k| k.to_string(),
    );
    check(
        &[
            (AssessmentKind::Assessment, "考核事项"),
            (AssessmentKind::Pledge, "责任状"),
        ],
        |k| k.zh().to_owned(),
    );
}

/// The categories print as the file format spells them (snake case).
#[test]
fn power_categories_print_as_the_file_spells_them() {
    use PowerCategory::*;
    check(
        &[
            (Licensing, "licensing"),
            (Penalty, "penalty"),
            (Coercion, "coercion"),
            (Levy, "levy"),
            (Payment, "payment"),
            (Inspection, "inspection"),
            (Confirmation, "confirmation"),
            (Reward, "reward"),
            (Adjudication, "adjudication"),
            (Other, "other"),
            (PublicService, "public_service"),
        ],
        |c| c.to_string(),
    );
    let basis = LegalBasis {
        law: "中华人民共和国环境影响评价法".to_owned(),
        article: "第三十一条".to_owned(),
    };
    assert_eq!(basis.to_string(), "中华人民共和国环境影响评价法第三十一条");
}

/// The short Chinese labels of the findings that name the reform's own
/// words: 有责无权 (responsibility without power) and 有权无责.
#[test]
fn finding_kinds_have_chinese_labels() {
    use FindingKind::*;
    check(
        &[
            (DutyWithoutPower, "有责无权"),
            (PowerWithoutDuty, "有权无责"),
            (NotOnGuidanceList, "不在指导目录内"),
            (EvaluationOverdue, "未按期评估"),
            (TooManyFindings, "问题过多未全部列出"),
        ],
        |k| k.zh().to_owned(),
    );
}

/// A location prints its file, then each part it knows, in a fixed order.
#[test]
fn a_location_prints_what_it_knows() {
    let full = Location {
        file: "mini.toml".to_owned(),
        line: Some(12),
        instrument: Some("dev".to_owned()),
        item: Some("CF-1".to_owned()),
        division: Some("130430100000".to_owned()),
        duty: Some("D-1".to_owned()),
    };
    assert_eq!(
        full.to_string(),
        "mini.toml:12 instrument dev item CF-1 division 130430100000 duty D-1"
    );
    let bare = Location {
        line: None,
        instrument: None,
        item: None,
        division: None,
        duty: None,
        ..full.clone()
    };
    assert_eq!(bare.to_string(), "mini.toml");
    let item_only = Location {
        item: Some("XK-1".to_owned()),
        ..bare
    };
    assert_eq!(item_only.to_string(), "mini.toml item XK-1");
}

/// A finding prints as severity, location and message separated by tabs.
/// The instrument below is in force from 2021-08-01 but published on
/// 2021-09-01, on the line where its effective_from is written.
#[test]
fn a_finding_prints_its_severity_location_and_message() {
    let extra = "\n[[instrument]]\nid = \"late\"\nkind = \"devolution\"\nissuer = \"c-gov\"\ndocument = \"邱政字〔2021〕9号\"\ntitle = \"决定\"\npublished = \"2021-09-01\"\neffective_from = \"2021-08-01\"\nfrom = [\"c-scjg\"]\ntownships = [\"130430101000\"]\nitems = [\"XK-1\"]\n";
    let text = format!("{BASE}{extra}");
    let line = text[..text.find("effective_from = \"2021-08-01\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let l = ledger(extra);
    let f = l
        .check(&CheckOptions::default())
        .into_iter()
        .find(|f| f.kind == FindingKind::EffectiveBeforePublished)
        .unwrap();
    assert_eq!(
        f.to_string(),
        format!(
            "error\tmini.toml:{line} instrument late\t\"late\" is in force from 2021-08-01 but was published on 2021-09-01"
        )
    ); // In Chinese: 错误, the location with 文件 for the instrument, the
    // kind's label 公布前生效 and the message with the same values.
    assert_eq!(
        f.zh(),
        format!(
            "错误\tmini.toml:{line} 文件 late\t公布前生效：\"late\" 自 2021-08-01 起施行，但公布于 2021-09-01"
        )
    );
}

/// A location in Chinese labels each part: 文件 (instrument), 事项 (item),
/// 区划 (division), 职责 (duty), in that order, after the file and line.
#[test]
fn a_location_prints_in_chinese() {
    let full = Location {
        file: "mini.toml".to_owned(),
        line: Some(7),
        instrument: Some("dev".to_owned()),
        item: Some("CF-1".to_owned()),
        division: Some("130430100000".to_owned()),
        duty: Some("DU1".to_owned()),
    };
    assert_eq!(
        full.zh(),
        "mini.toml:7 文件 dev 事项 CF-1 区划 130430100000 职责 DU1"
    );
    let bare = Location {
        line: None,
        instrument: None,
        item: None,
        division: None,
        ..full.clone()
    };
    assert_eq!(bare.zh(), "mini.toml 职责 DU1");
}
