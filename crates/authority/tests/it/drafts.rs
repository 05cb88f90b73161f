//! The findings a county's draft needs, each with its article, and the
//! lines they point at.

use jiceng_authority::{CheckOptions, Finding, FindingKind, Severity};

use crate::{BASE, CONCENTRATE, findings, instrument};

const T1: &str = "130430100000";
const T3: &str = "130430200000";

/// Expects exactly these kinds, in any order, and returns the findings.
fn check(extra: &str, expected: &[FindingKind]) -> Vec<Finding> {
    let found = findings(extra, &CheckOptions::default());
    found.iter().for_each(crate::assert_chinese);
    let mut kinds: Vec<String> = found.iter().map(|f| format!("{:?}", f.kind)).collect();
    let mut want: Vec<String> = expected.iter().map(|k| format!("{k:?}")).collect();
    kinds.sort();
    want.sort();
    assert_eq!(kinds, want, "{found:#?}");
    found
}

/// The 1-based line of the first line of `text` equal to `line`, after the
/// `nth` line equal to `after` (to find a line inside one instrument).
fn line_in(text: &str, after: &str, line: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| *l == after).unwrap();
    start + lines[start..].iter().position(|l| *l == line).unwrap() + 1
}

fn devolve(id: &str, date: &str, items: &str, towns: &str) -> String {
    instrument(
        id,
        "devolution",
        "\"c-zhzf\", \"c-scjg\"",
        "2021-06-01",
        date,
        &format!("townships = [{towns}]\nitems = [{items}]"),
    )
}

#[test]
fn guidance_list_items_that_no_item_has() {
    let extra = instrument(
        "guide2",
        "guidance_list",
        "",
        "2021-01-01",
        "2021-02-01",
        "province = \"130000000000\"\nitems = [\"CF-1\", \"GHOST\"]",
    )
    .replace("issuer = \"c-gov\"", "issuer = \"p-gov\"");
    let found = check(&extra, &[FindingKind::UnknownCode]);
    assert_eq!(found[0].location.item.as_deref(), Some("GHOST"));
    let text = format!("{BASE}{extra}");
    assert_eq!(
        found[0].location.line,
        Some(line_in(&text, "id = \"guide2\"", "province = \"130000000000\"") + 1)
    );
}

#[test]
fn guidance_lists_issued_below_the_province() {
    // Art. 24: the province decides. A county government's list is not one.
    let extra = instrument(
        "guide2",
        "guidance_list",
        "",
        "2021-01-01",
        "2021-02-01",
        "province = \"130000000000\"\nitems = [\"CF-1\"]",
    );
    let found = check(&extra, &[FindingKind::IssuerNotCompetent]);
    assert!(found[0].message.contains("第二十四条"), "{found:#?}");
    assert_eq!(found[0].severity, Severity::Error);
}

#[test]
fn concentration_into_a_township_team() {
    // Art. 18: into one agency of the same (county) government, not into a
    // township's team, which would then hold the item county-wide.
    let extra = CONCENTRATE.replace("to = \"c-zhzf\"", "to = \"t1-zfd\"");
    let found = check(&extra, &[FindingKind::NotCountyBody]);
    assert!(found[0].message.contains("第十八条"), "{found:#?}");
    assert!(found[0].message.contains("t1-zfd"), "{found:#?}");
}

#[test]
fn devolution_issued_by_neither_the_county_government_nor_the_holder() {
    // XK-1 is held by 市场监管; the environment bureau issues its devolution.
    let by_holder = instrument(
        "dev",
        "devolution",
        "\"c-scjg\"",
        "2022-02-20",
        "2022-03-01",
        &format!("townships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
    );
    check(&by_holder, &[]);
    check(
        &by_holder.replace("issuer = \"c-gov\"", "issuer = \"c-scjg\""),
        &[],
    );
    let found = check(
        &by_holder.replace("issuer = \"c-gov\"", "issuer = \"c-sthj\""),
        &[FindingKind::IssuerNotCompetent],
    );
    assert!(found[0].message.contains("c-sthj"), "{found:#?}");
}

#[test]
fn penalty_entrustments_need_a_term_and_a_team() {
    let entrust = |towns: &str, until: &str| {
        instrument(
            "ent",
            "entrustment",
            "\"c-sthj\"",
            "2022-02-20",
            "2022-03-01",
            &format!("{until}townships = [{towns}]\nitems = [\"CF-1\"]"),
        )
    };
    // Art. 20: the written entrustment states its term.
    check(
        &entrust(&format!("\"{T1}\""), "effective_until = \"2025-03-01\"\n"),
        &[],
    );
    let found = check(
        &entrust(&format!("\"{T1}\""), ""),
        &[FindingKind::EntrustmentWithoutTerm],
    );
    assert!(found[0].message.contains("第二十条"), "{found:#?}");
    // Art. 21: only to an organisation able to enforce: 南辛店乡 has no team.
    let found = check(
        &entrust(&format!("\"{T3}\""), "effective_until = \"2025-03-01\"\n"),
        &[FindingKind::NoEnforcementTeam],
    );
    assert_eq!(found[0].location.division.as_deref(), Some(T3));
    assert!(
        found[0].message.contains("entrusts penalty item"),
        "{found:#?}"
    );
    assert!(found[0].message.contains("第二十一条"), "{found:#?}");
    // A licence entrusted without a term is not a penalty entrustment.
    let licence = instrument(
        "ent",
        "entrustment",
        "\"c-scjg\"",
        "2022-02-20",
        "2022-03-01",
        &format!("townships = [\"{T3}\"]\nitems = [\"XK-1\"]"),
    );
    check(&licence, &[]);
}

#[test]
fn penalty_devolutions_before_the_revised_law_took_effect() {
    // The revised Penalty Law took effect on 2021-07-15; a penalty devolved
    // from 2021-07-14 had no Art. 24 behind it, one from 2021-07-15 has.
    let on = format!(
        "{CONCENTRATE}{}",
        devolve("dev", "2021-07-15", "\"CF-1\"", &format!("\"{T1}\""))
    );
    check(&on, &[]);
    let before = format!(
        "{CONCENTRATE}{}",
        devolve("dev", "2021-07-14", "\"CF-1\"", &format!("\"{T1}\""))
    );
    let found = check(&before, &[FindingKind::BeforeRevisedPenaltyLaw]);
    assert!(found[0].message.contains("2021-07-15"), "{found:#?}");
    // A licence devolved that day is not a penalty.
    let licence = format!(
        "{CONCENTRATE}{}",
        devolve("dev", "2021-07-14", "\"XK-1\"", &format!("\"{T1}\""))
    );
    check(&licence, &[]);
}

#[test]
fn an_evaluation_before_the_instrument_took_effect() {
    let dev = format!(
        "{CONCENTRATE}{}",
        devolve("dev", "2022-03-01", "\"CF-1\"", &format!("\"{T1}\""))
    );
    let early = instrument(
        "ev",
        "evaluation",
        "",
        "2022-02-28",
        "2022-02-28",
        "evaluates = [\"dev\"]",
    );
    let text = format!("{dev}{early}");
    let found = check(&text, &[FindingKind::EvaluationBeforeInForce]);
    assert_eq!(found[0].severity, Severity::Warning);
    // It does not restart the clock: on 2023-03-02 the devolution is 366
    // days old (2022-03-01 + 365 days = 2023-03-01), so it is overdue.
    let opts = CheckOptions {
        as_of: Some("2023-03-02".parse().unwrap()),
        evaluation_interval_days: 365,
    };
    let found = findings(&text, &opts);
    assert!(
        found
            .iter()
            .any(|f| f.kind == FindingKind::EvaluationOverdue && f.message.contains("366 days")),
        "{found:#?}"
    );
}

#[test]
fn a_revocation_cannot_carry_effective_until() {
    let dev = devolve("dev", "2022-03-01", "\"XK-1\"", &format!("\"{T1}\""));
    let rev = instrument(
        "rev",
        "revocation",
        "",
        "2023-01-01",
        "2023-01-01",
        &format!("effective_until = \"2024-01-01\"\ntownships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
    );
    let text = format!("{BASE}{dev}{rev}");
    let found = check(&format!("{dev}{rev}"), &[FindingKind::FieldNotAllowed]);
    assert_eq!(
        found[0].location.line,
        Some(line_in(
            &text,
            "id = \"rev\"",
            "effective_until = \"2024-01-01\""
        ))
    );
}

#[test]
fn duplicate_ids_point_at_the_second_occurrence() {
    let a = devolve("dup", "2022-03-01", "\"XK-1\"", &format!("\"{T1}\""));
    let b = instrument(
        "dup",
        "evaluation",
        "",
        "2023-01-01",
        "2023-01-01",
        "evaluates = [\"guide\"]",
    );
    let text = format!("{BASE}{a}{b}");
    let found = check(&format!("{a}{b}"), &[FindingKind::DuplicateCode]);
    let lines: Vec<&str> = text.lines().collect();
    let second = lines.iter().rposition(|l| *l == "id = \"dup\"").unwrap() + 1;
    assert_eq!(found[0].location.line, Some(second));
}

#[test]
fn literal_strings_and_unquoted_dates_are_located() {
    // Ids written as TOML literal strings, dates unquoted.
    let extra = format!(
        "\n[[instrument]]\nid = 'dev'\nkind = 'devolution'\nissuer = 'c-gov'\ndocument = 'x'\ntitle = 't'\npublished = 2022-02-20\neffective_from = 2022-03-01\nfrom = ['c-scjg']\ntownships = ['{T1}']\nitems = ['XK-1', 'CF-3']\n"
    );
    let text = format!("{BASE}{extra}");
    let found = check(
        &extra,
        &[
            FindingKind::NotOnGuidanceList,
            FindingKind::IssuerDoesNotHold,
        ],
    );
    let items_line = line_in(&text, "id = 'dev'", "items = ['XK-1', 'CF-3']");
    assert!(
        found.iter().all(|f| f.location.line == Some(items_line)),
        "{found:#?}"
    );
}

#[test]
fn findings_in_json_point_at_their_own_instrument() {
    use jiceng_authority::{Ledger, LedgerFile};
    let text = format!(
        "{BASE}{}{}",
        devolve("a", "2022-03-01", "\"XK-1\"", &format!("\"{T1}\"")),
        devolve("b", "2022-03-01", "\"CF-3\"", &format!("\"{T1}\""))
    );
    let json = LedgerFile::from_toml_str(&text, "x")
        .unwrap()
        .to_json_string();
    let found = Ledger::from_text(&json, "x.json")
        .unwrap()
        .check(&CheckOptions::default());
    let f = found
        .iter()
        .find(|f| f.kind == FindingKind::NotOnGuidanceList)
        .unwrap();
    // The `"CF-3"` of instrument b, the only one alone on a line (serde_json
    // writes one array element a line; the item itself has `"code": "CF-3"`).
    let line = json.lines().position(|l| l.trim() == "\"CF-3\"").unwrap() + 1;
    assert_eq!(f.location.instrument.as_deref(), Some("b"));
    assert_eq!(f.location.line, Some(line));
}
