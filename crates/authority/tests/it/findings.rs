//! Each finding made to fire by one ledger; a clean ledger has none.

use jiceng_authority::{CheckOptions, FindingKind, Severity};

use crate::{BASE, CONCENTRATE, findings, instrument};

const T1: &str = "130430100000";
const T3: &str = "130430200000";

fn devolve(id: &str, from: &str, items: &str, towns: &str) -> String {
    instrument(
        id,
        "devolution",
        from,
        "2022-02-20",
        "2022-03-01",
        &format!("townships = [{towns}]\nitems = [{items}]"),
    )
}

/// Expects exactly the given kinds (in any order) at the given severity.
fn check(extra: &str, expected: &[(Severity, FindingKind)]) -> Vec<jiceng_authority::Finding> {
    check_with(extra, &CheckOptions::default(), expected)
}

fn check_with(
    extra: &str,
    opts: &CheckOptions,
    expected: &[(Severity, FindingKind)],
) -> Vec<jiceng_authority::Finding> {
    let found = findings(extra, opts);
    found.iter().for_each(crate::assert_chinese);
    let mut kinds: Vec<_> = found.iter().map(|f| (f.severity, f.kind)).collect();
    let mut want = expected.to_vec();
    kinds.sort_by_key(|k| format!("{k:?}"));
    want.sort_by_key(|k| format!("{k:?}"));
    assert_eq!(kinds, want, "{found:#?}");
    found
}

#[test]
fn a_clean_ledger_has_no_findings() {
    let extra = format!(
        "{CONCENTRATE}{}",
        devolve("dev", "\"c-zhzf\"", "\"CF-1\"", &format!("\"{T1}\""))
    );
    check(&extra, &[]);
}

#[test]
fn unknown_codes() {
    let extra = devolve(
        "dev",
        "\"c-scjg\"",
        "\"XK-1\", \"NOPE\"",
        &format!("\"{T1}\", \"130430999000\""),
    );
    let found = check(
        &extra,
        &[
            (Severity::Error, FindingKind::UnknownCode),
            (Severity::Error, FindingKind::UnknownCode),
        ],
    );
    assert!(
        found
            .iter()
            .any(|f| f.message.contains("\"NOPE\"") && f.location.item.as_deref() == Some("NOPE"))
    );
    assert!(found.iter().any(|f| f.message.contains("130430999000")));
    let bad_issuer = devolve("dev", "\"c-scjg\"", "\"XK-1\"", &format!("\"{T1}\""))
        .replace("issuer = \"c-gov\"", "issuer = \"ghost\"");
    let found = check(&bad_issuer, &[(Severity::Error, FindingKind::UnknownCode)]);
    assert!(found[0].message.contains("\"ghost\""));
}

#[test]
fn duplicate_codes() {
    let extra = format!(
        "{}{}",
        devolve("dev", "\"c-scjg\"", "\"XK-1\"", &format!("\"{T1}\"")),
        instrument(
            "dev",
            "evaluation",
            "",
            "2023-01-01",
            "2023-01-01",
            "evaluates = [\"guide\"]"
        ),
    );
    check(&extra, &[(Severity::Error, FindingKind::DuplicateCode)]);
}

#[test]
fn missing_fields() {
    let extra = instrument(
        "dev",
        "devolution",
        "",
        "2022-02-20",
        "2022-03-01",
        &format!("townships = [\"{T1}\"]"),
    );
    let found = check(
        &extra,
        &[
            (Severity::Error, FindingKind::MissingField),
            (Severity::Error, FindingKind::MissingField),
        ],
    );
    assert!(found.iter().any(|f| f.message.contains("`items`")));
    assert!(found.iter().any(|f| f.message.contains("`from`")));
}

#[test]
fn not_on_the_guidance_list() {
    let extra = devolve("dev", "\"c-sthj\"", "\"CF-3\"", &format!("\"{T1}\""));
    let found = check(&extra, &[(Severity::Error, FindingKind::NotOnGuidanceList)]);
    assert_eq!(found[0].location.item.as_deref(), Some("CF-3"));
    // On the list, but before the list was in force (2021-02-01).
    let early = instrument(
        "dev",
        "devolution",
        "\"c-sthj\"",
        "2021-01-10",
        "2021-01-15",
        &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]"),
    );
    // A penalty devolved before 2021-07-15 also predates Art. 24 itself.
    check(
        &early,
        &[
            (Severity::Error, FindingKind::NotOnGuidanceList),
            (Severity::Error, FindingKind::BeforeRevisedPenaltyLaw),
        ],
    );
}

#[test]
fn issuer_does_not_hold() {
    // After the concentration the bureau holds CF-1, not the department.
    let extra = format!(
        "{CONCENTRATE}{}",
        devolve("dev", "\"c-sthj\"", "\"CF-1\"", &format!("\"{T1}\""))
    );
    let found = check(&extra, &[(Severity::Error, FindingKind::IssuerDoesNotHold)]);
    assert!(
        found[0].message.contains("邱县综合行政执法局"),
        "{}",
        found[0].message
    );
    // A concentration naming the wrong department.
    let conc = CONCENTRATE.replace("from = [\"c-sthj\", \"c-scjg\"]", "from = [\"c-scjg\"]");
    let found = check(&conc, &[(Severity::Error, FindingKind::IssuerDoesNotHold)]);
    assert_eq!(found[0].location.item.as_deref(), Some("CF-1"));
}

#[test]
fn overlapping_and_duplicate_grants() {
    let extra = format!(
        "{CONCENTRATE}{}{}",
        devolve("dev", "\"c-zhzf\"", "\"CF-1\"", &format!("\"{T1}\"")),
        instrument(
            "dev2",
            "devolution",
            "\"c-zhzf\"",
            "2022-05-01",
            "2022-06-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]")
        ),
    );
    let found = check(&extra, &[(Severity::Error, FindingKind::OverlappingGrant)]);
    assert_eq!(found[0].location.division.as_deref(), Some(T1));
    let dup = format!(
        "{CONCENTRATE}{}",
        devolve(
            "dev",
            "\"c-zhzf\"",
            "\"CF-1\", \"CF-1\"",
            &format!("\"{T1}\"")
        )
    );
    check(&dup, &[(Severity::Warning, FindingKind::DuplicateGrant)]);
}

#[test]
fn revoking_what_is_not_held() {
    let extra = instrument(
        "rev",
        "revocation",
        "",
        "2022-12-20",
        "2023-01-01",
        &format!("townships = [\"{T1}\"]\nitems = [\"CF-2\"]"),
    );
    let found = check(&extra, &[(Severity::Error, FindingKind::RevokingNotHeld)]);
    assert!(found[0].message.contains("新马头镇"));
}

#[test]
fn dates_out_of_order() {
    let early = instrument(
        "dev",
        "devolution",
        "\"c-scjg\"",
        "2022-03-10",
        "2022-03-01",
        &format!("townships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
    );
    check(
        &early,
        &[(Severity::Error, FindingKind::EffectiveBeforePublished)],
    );
    let ends = instrument(
        "dev",
        "devolution",
        "\"c-scjg\"",
        "2022-02-20",
        "2022-03-01",
        &format!("effective_until = \"2022-03-01\"\ntownships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
    );
    check(&ends, &[(Severity::Error, FindingKind::EndsBeforeItStarts)]);
}

#[test]
fn missing_document_number() {
    let extra = devolve("dev", "\"c-scjg\"", "\"XK-1\"", &format!("\"{T1}\""))
        .replace("document = \"邱政字〔2022〕dev号\"\n", "");
    let found = check(&extra, &[(Severity::Error, FindingKind::MissingDocument)]);
    assert!(found[0].message.contains("第二十四条"));
}

#[test]
fn evaluation_overdue() {
    let dev = format!(
        "{CONCENTRATE}{}",
        devolve("dev", "\"c-zhzf\"", "\"CF-1\"", &format!("\"{T1}\""))
    );
    let opts = CheckOptions {
        as_of: Some(crate::d("2023-06-01")),
        evaluation_interval_days: 365,
    };
    // In force since 2022-03-01: 457 days on 2023-06-01.
    let found = check_with(
        &dev,
        &opts,
        &[(Severity::Warning, FindingKind::EvaluationOverdue)],
    );
    assert!(
        found[0].message.contains("457 days"),
        "{}",
        found[0].message
    );
    // Evaluated on 2023-01-10: 142 days.
    let evaluated = format!(
        "{dev}{}",
        instrument(
            "ev",
            "evaluation",
            "",
            "2023-01-10",
            "2023-01-10",
            "evaluates = [\"dev\"]"
        )
    );
    check_with(&evaluated, &opts, &[]);
    // Without a date the check is not made.
    check(&dev, &[]);
}

#[test]
fn enforcement_items_need_a_team() {
    let extra = format!(
        "{CONCENTRATE}{}",
        devolve("dev", "\"c-zhzf\"", "\"CF-1\"", &format!("\"{T3}\""))
    );
    let found = check(&extra, &[(Severity::Error, FindingKind::NoEnforcementTeam)]);
    assert_eq!(found[0].location.division.as_deref(), Some(T3));
    // A devolution cites Art. 24 (townships able to take it on), not the
    // entrustment articles.
    assert!(
        found[0].message.contains("devolves enforcement item"),
        "{}",
        found[0].message
    );
    assert!(
        found[0].message.contains("第二十四条"),
        "{}",
        found[0].message
    );
    assert!(
        !found[0].message.contains("第二十一条"),
        "{}",
        found[0].message
    );
}

#[test]
fn findings_point_at_the_line_of_the_item() {
    let extra = devolve("dev", "\"c-sthj\"", "\"CF-3\"", &format!("\"{T1}\""));
    let text = format!("{BASE}{extra}");
    let found = findings(&extra, &CheckOptions::default());
    // The instrument's `items` line: count the lines up to it by hand.
    let expected = text
        .lines()
        .position(|l| l.starts_with("items = [\"CF-3\"]"))
        .unwrap()
        + 1;
    assert_eq!(found[0].location.line, Some(expected));
    assert_eq!(found[0].location.file, "mini.toml");
    assert!(
        found[0].to_string().starts_with(&format!(
            "error\tmini.toml:{expected} instrument dev item CF-3"
        )),
        "{}",
        found[0]
    );
}
