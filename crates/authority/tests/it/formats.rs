//! The file formats: TOML and JSON round trips, parse errors, the schema.

use jiceng_authority::{Error, FindingKind, Ledger, LedgerFile};

use crate::{BASE, CONCENTRATE};

#[test]
fn toml_and_json_round_trip() {
    let text = format!("{BASE}{CONCENTRATE}");
    let file = LedgerFile::from_toml_str(&text, "mini.toml").unwrap();
    assert_eq!(
        LedgerFile::from_toml_str(&file.to_toml_string(), "again").unwrap(),
        file
    );
    let json = file.to_json_string();
    assert_eq!(LedgerFile::from_json_str(&json, "mini.json").unwrap(), file);
    // The same ledger from either text answers the same.
    let a = Ledger::from_text(&text, "mini.toml").unwrap();
    let b = Ledger::from_text(&json, "mini.json").unwrap();
    let date = "2022-01-01".parse().unwrap();
    assert_eq!(a.snapshot(date), b.snapshot(date));
}

#[test]
fn parse_errors_point_at_the_line() {
    let bad = BASE.replace("category = \"许可\"", "category = \"approval\"");
    let err = LedgerFile::from_toml_str(&bad, "bad.toml").unwrap_err();
    let line = bad
        .lines()
        .position(|l| l.contains("\"approval\""))
        .unwrap()
        + 1;
    assert!(
        matches!(&err, Error::Parse { line: Some(l), .. } if *l == line),
        "{err}"
    );
    assert!(
        err.to_string().contains("(at `category = \"approval\"`)"),
        "{err}"
    );
    let bad = BASE.replace("code = \"130430101000\"", "code = \"1304301010\"");
    let err = LedgerFile::from_toml_str(&bad, "bad.toml").unwrap_err();
    assert!(err.to_string().contains("1304301010"), "{err}");
    let err = LedgerFile::from_json_str("{\"format\": 1, \"name\": 3}", "bad.json").unwrap_err();
    assert!(err.to_string().starts_with("bad.json:1:"), "{err}");
    let err = LedgerFile::from_toml_str("format = 2\nname = \"x\"\n", "v2.toml").unwrap_err();
    assert!(err.to_string().contains("format 2"), "{err}");
}

/// Registry problems are findings with the line of the division or body,
/// reported with the others; the build goes on without the entry.
#[test]
fn registry_problems_are_findings_with_lines() {
    let bad = BASE.replace("division = \"130430200000\"", "division = \"130430300000\"");
    let l = Ledger::from_text(&bad, "bad.toml").unwrap();
    let found = l.check(&jiceng_authority::CheckOptions::default());
    let line_of = |needle: &str| bad.lines().position(|l| l == needle).unwrap() + 1;
    let lines: Vec<_> = found.iter().map(|f| (f.kind, f.location.line)).collect();
    assert_eq!(
        lines,
        vec![
            (FindingKind::UnknownCode, Some(line_of("code = \"t3-gov\""))),
            (
                FindingKind::UnknownCode,
                Some(line_of("code = \"t3-fwzx\""))
            ),
        ],
        "{found:#?}"
    );
    assert!(found[0].message.contains("130430300000"), "{found:#?}");
    // A duplicate division points at its second occurrence.
    let dup = format!(
        "{BASE}\n[[division]]\ncode = \"130430100000\"\nname = \"again\"\nkind = \"town\"\n"
    );
    let found = Ledger::from_text(&dup, "dup.toml")
        .unwrap()
        .check(&jiceng_authority::CheckOptions::default());
    let lines: Vec<&str> = dup.lines().collect();
    let second = lines
        .iter()
        .rposition(|l| *l == "code = \"130430100000\"")
        .unwrap()
        + 1;
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].kind, FindingKind::DuplicateCode);
    assert_eq!(found[0].location.line, Some(second));
    // A division whose parent is missing is left out, with its line.
    let orphan = BASE.replace("code = \"130430200000\"", "code = \"130431200000\"");
    let found = Ledger::from_text(&orphan, "orphan.toml")
        .unwrap()
        .check(&jiceng_authority::CheckOptions::default());
    let at = orphan
        .lines()
        .position(|l| l == "code = \"130431200000\"")
        .unwrap()
        + 1;
    assert!(
        found
            .iter()
            .any(|f| f.kind == FindingKind::RegistryMismatch && f.location.line == Some(at)),
        "{found:#?}"
    );
}

#[test]
fn schema_describes_the_ledger() {
    let schema: serde_json::Value = serde_json::from_str(&LedgerFile::schema()).unwrap();
    assert!(schema["properties"]["instrument"].is_object());
    assert!(schema["properties"]["division"].is_object());
}

/// The bundled sample loads, is clean, and reproduces the story's figures:
/// a guidance list of 87 penalty items; Qiu County's bureau built from 10
/// departments, devolving to 7 townships; Shangcun town, economically
/// developed, holding more items than Suning's other towns.
#[test]
fn bundled_sample_is_clean() {
    use jiceng_authority::{CheckOptions, InstrumentKind, PowerCategory};

    let l = Ledger::hebei_sample();
    assert!(l.is_illustrative());
    assert_eq!(l.check(&CheckOptions::default()), []);
    let guidance = l
        .instruments()
        .iter()
        .find(|i| i.kind == InstrumentKind::GuidanceList)
        .unwrap();
    let penalties = guidance
        .items
        .iter()
        .filter(|c| {
            l.items()
                .iter()
                .any(|i| &i.code == *c && i.category == PowerCategory::Penalty)
        })
        .count();
    assert_eq!(penalties, 87);
    let conc = l
        .instruments()
        .iter()
        .find(|i| i.kind == InstrumentKind::Concentration)
        .unwrap();
    assert_eq!(conc.from.len(), 10);
    assert_eq!(conc.to.as_deref(), Some("130430-zhzf"));
    let date = "2024-06-01".parse().unwrap();
    let stats = l.stats(date);
    let qiu = stats.counties.iter().find(|c| c.name == "邱县").unwrap();
    assert_eq!(qiu.townships, 7);
    let shangcun = l
        .devolved_to("130926103000".parse().unwrap(), date)
        .unwrap()
        .len();
    for other in [
        "130926100000",
        "130926102000",
        "130926104000",
        "130926105000",
    ] {
        let n = l.devolved_to(other.parse().unwrap(), date).unwrap().len();
        assert!(shangcun > n, "尚村镇 {shangcun} vs {other} {n}");
    }
}

/// Every spelling the parser accepts for a category is in the published
/// schema, and every spelling in the schema parses: the Chinese names of
/// the bundled sample validate against it.
#[test]
fn the_schema_lists_every_category_spelling() {
    use jiceng_authority::{PowerCategory, PowerItem};
    let schema: serde_json::Value = serde_json::from_str(&LedgerFile::schema()).unwrap();
    let spellings: Vec<String> = schema["$defs"]["PowerCategory"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let parse = |s: &str| -> PowerCategory {
        let item: PowerItem = toml::from_str(&format!(
            "code = \"x\"\nname = \"x\"\nsector = \"x\"\ncategory = \"{s}\""
        ))
        .unwrap();
        item.category
    };
    for s in &spellings {
        parse(s);
    }
    for c in PowerCategory::ALL {
        assert!(spellings.contains(&c.to_string()), "{c}");
        assert!(spellings.contains(&c.zh().to_owned()), "{c}");
        assert_eq!(parse(c.zh()), c);
    }
    // The sample's own spellings.
    for s in ["处罚", "许可", "给付"] {
        assert!(spellings.iter().any(|x| x == s), "{s}");
    }
}
