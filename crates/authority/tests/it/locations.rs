//! Findings point at the line of what they name in a JSON ledger as in a
//! TOML one, for an entry of each list: a body, an instrument, a duty
//! list and an assessment. The expected lines are found by searching the
//! test's own text for the entry and, within it, the value named.

use jiceng_authority::{CheckOptions, FindingKind, Ledger, LedgerFile};

use crate::{BASE, d};

const T1: &str = "130430100000";

/// 南辛店乡's government is put in a division that does not exist; an
/// instrument takes effect on 2021-08-01 but is published on 2021-09-01;
/// a duty list names an unknown duty D-404; a pledge names no duty, so it
/// is outside 新马头镇's list.
fn text() -> String {
    let bad = BASE.replace(
        "code = \"t3-gov\"\nname = \"南辛店乡人民政府\"\nkind = \"government\"\ndivision = \"130430200000\"",
        "code = \"t3-gov\"\nname = \"南辛店乡人民政府\"\nkind = \"government\"\ndivision = \"130430300000\"",
    );
    assert_ne!(bad, BASE);
    format!(
        "{bad}
[[instrument]]
id = \"late\"
kind = \"devolution\"
issuer = \"c-gov\"
document = \"邱政字〔2021〕9号\"
title = \"关于下放的决定\"
published = \"2021-09-01\"
effective_from = \"2021-08-01\"
from = [\"c-sthj\"]
townships = [\"{T1}\"]
items = [\"XK-1\"]

[[duty]]
code = \"D-1\"
name = \"基层党建\"
domain = \"党的建设\"
kind = \"basic\"

[[duty_list]]
id = \"tpl\"
issuer = \"p-gov\"
document = \"冀办字〔2021〕1号\"
title = \"模板\"
published = \"2021-07-01\"
effective_from = \"2021-07-01\"
province = \"130000000000\"
items = [\"D-1\", \"D-404\"]

[[duty_list]]
id = \"qiu\"
issuer = \"c-gov\"
document = \"邱办字〔2021〕1号\"
title = \"邱县清单\"
published = \"2021-07-01\"
effective_from = \"2021-07-01\"
county = \"130430000000\"
template = \"tpl\"

[[assessment]]
id = \"pledge\"
kind = \"责任状\"
issuer = \"c-gov\"
title = \"责任状\"
effective_from = \"2021-08-01\"
townships = [\"{T1}\"]
"
    )
}

/// The 1-based line of the first `needle` at or after the first `anchor`.
fn line(text: &str, anchor: &str, needle: &str) -> usize {
    let a = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor} in {text}"));
    let at = a + text[a..].find(needle).unwrap();
    text[..at].matches('\n').count() + 1
}

/// (kind, line) of the findings of the check and of the duty check on
/// 2022-01-01 that this file is about.
fn found(text: &str, origin: &str) -> Vec<(FindingKind, Option<usize>)> {
    let l = Ledger::from_text(text, origin).unwrap();
    let mut out: Vec<(FindingKind, Option<usize>)> = l
        .check(&CheckOptions::default())
        .into_iter()
        .chain(l.check_duties(d("2022-01-01")))
        .inspect(crate::assert_chinese)
        .filter(|f| {
            matches!(
                f.kind,
                FindingKind::UnknownCode
                    | FindingKind::EffectiveBeforePublished
                    | FindingKind::AssessmentOutsideList
            )
        })
        .map(|f| (f.kind, f.location.line))
        .collect();
    out.sort_by_key(|x| format!("{x:?}"));
    out.dedup();
    out
}

fn expected(text: &str, quote: &dyn Fn(&str, &str) -> String) -> Vec<(FindingKind, Option<usize>)> {
    let mut want = vec![
        (
            FindingKind::UnknownCode,
            Some(line(
                text,
                &quote("code", "t3-gov"),
                &quote("code", "t3-gov"),
            )),
        ),
        (
            FindingKind::EffectiveBeforePublished,
            Some(line(text, &quote("id", "late"), "\"2021-08-01\"")),
        ),
        (
            FindingKind::UnknownCode,
            Some(line(text, &quote("id", "tpl"), "\"D-404\"")),
        ),
        (
            FindingKind::AssessmentOutsideList,
            Some(line(text, &quote("id", "pledge"), &quote("id", "pledge"))),
        ),
    ];
    want.sort_by_key(|x| format!("{x:?}"));
    want
}

#[test]
fn findings_point_at_their_lines_in_toml() {
    let text = text();
    let toml = |k: &str, v: &str| format!("{k} = \"{v}\"");
    assert_eq!(found(&text, "mini.toml"), expected(&text, &toml));
}

/// The same ledger written as JSON (pretty, one field a line): each
/// finding points at the JSON line of the same value.
#[test]
fn findings_point_at_their_lines_in_json() {
    let json = LedgerFile::from_toml_str(&text(), "mini.toml")
        .unwrap()
        .to_json_string();
    let quoted = |k: &str, v: &str| format!("\"{k}\": \"{v}\"");
    let want = expected(&json, &quoted);
    // Lines of JSON differ from the TOML's: the check must have read the
    // JSON's own.
    assert_ne!(want, expected(&text(), &|k, v| format!("{k} = \"{v}\"")));
    assert_eq!(found(&json, "mini.json"), want);
}

/// JSON written compactly on one line: every finding is on line 1.
#[test]
fn findings_in_compact_json_are_on_line_one() {
    let file = LedgerFile::from_toml_str(&text(), "mini.toml").unwrap();
    let compact = serde_json::to_string(&file).unwrap();
    assert!(!compact.contains('\n'));
    // The two unknown codes, both on line 1, are counted once.
    assert_eq!(
        found(&compact, "mini.json"),
        [
            (FindingKind::AssessmentOutsideList, Some(1)),
            (FindingKind::EffectiveBeforePublished, Some(1)),
            (FindingKind::UnknownCode, Some(1)),
        ]
    );
}

/// The text a ledger is built with is the caller's (`Source` is public):
/// a JSON text that ends inside a string, or right after a backslash,
/// must be scanned for lines without reading past its end. The entries it
/// finds do not match the file's lists, so findings carry no line.
#[test]
fn a_json_text_cut_inside_a_string_is_scanned_safely() {
    let file = LedgerFile::from_toml_str(&text(), "mini.toml").unwrap();
    for cut in [
        "{\"body\": [{\"code\": \"t3-gov",
        "{\"body\": [{\"code\": \"t3\\",
        "\"",
    ] {
        let source = jiceng_authority::Source {
            origin: "cut.json".to_owned(),
            text: Some(cut.to_owned()),
            json: true,
        };
        let l = Ledger::build(file.clone(), source).unwrap();
        let lines: Vec<Option<usize>> = l
            .check(&CheckOptions::default())
            .into_iter()
            .filter(|f| f.kind == FindingKind::UnknownCode)
            .map(|f| f.location.line)
            .collect();
        // The two unknown codes: 南辛店乡's government's division and the
        // duty D-404.
        assert_eq!(lines, [None, None], "{cut}");
    }
}
