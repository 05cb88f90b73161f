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

/// Splits a parse error into its `(line, message)` problems, in the order
/// reported.
fn problems(err: &Error) -> Vec<(Option<usize>, String)> {
    match err {
        Error::Parse {
            line,
            message,
            more,
            ..
        } => std::iter::once((*line, message.clone()))
            .chain(more.iter().map(|p| (p.line, p.message.clone())))
            .collect(),
        other => panic!("not a parse error: {other}"),
    }
}

/// Every problem of a file whose TOML syntax is sound, sorted by line
/// although the lists come in another order (an instrument before the item
/// and division it names), one per entry.
#[test]
fn parse_errors_are_all_reported_in_file_order() {
    // Lines numbered by hand:
    //  1 format = 1
    //  2 name = "several"
    //  3
    //  4 [[instrument]]
    //  5 id = "i1"
    //  6 kind = "devolve"              unknown kind
    //  7 issuer = "c-gov"
    //  8 title = "x"
    //  9 published = "2021-01-01"
    // 10 effective_from = "2021-01-01"
    // 11
    // 12 [[item]]
    // 13 code = 5                      a number, not a string
    // 14 name = "a"
    // 15 category = "处罚"
    // 16 sector = "生态环境"
    // 17
    // 18 [[item]]
    // 19 code = "B"
    // 20 name = "b"
    // 21 category = "fine"             not a category
    // 22 sector = "生态环境"
    // 23
    // 24 [[division]]
    // 25 code = "1304"                 not a 12-digit code
    // 26 name = "邯郸"
    // 27 kind = "city"
    // 28
    // 29 [[division]]                  a sound entry: no problem
    // 30 code = "130400000000"
    // 31 name = "邯郸市"
    // 32 kind = "city"
    let text = "format = 1\nname = \"several\"\n\n\
        [[instrument]]\nid = \"i1\"\nkind = \"devolve\"\nissuer = \"c-gov\"\ntitle = \"x\"\n\
        published = \"2021-01-01\"\neffective_from = \"2021-01-01\"\n\n\
        [[item]]\ncode = 5\nname = \"a\"\ncategory = \"处罚\"\nsector = \"生态环境\"\n\n\
        [[item]]\ncode = \"B\"\nname = \"b\"\ncategory = \"fine\"\nsector = \"生态环境\"\n\n\
        [[division]]\ncode = \"1304\"\nname = \"邯郸\"\nkind = \"city\"\n\n\
        [[division]]\ncode = \"130400000000\"\nname = \"邯郸市\"\nkind = \"city\"\n";
    let err = LedgerFile::from_toml_str(text, "several.toml").unwrap_err();
    let found = problems(&err);
    let lines: Vec<_> = found.iter().map(|p| p.0).collect();
    assert_eq!(lines, [Some(6), Some(13), Some(21), Some(25)], "{err}");
    assert!(found[0].1.contains("devolve"), "{err}");
    assert!(found[1].1.contains("(at `code = 5`)"), "{err}");
    assert!(found[2].1.contains("fine"), "{err}");
    assert!(found[3].1.contains("1304"), "{err}");
    // One line per problem, each with the file and its line.
    let shown = err.to_string();
    let heads: Vec<&str> = shown.lines().map(|l| &l[..l.find(": ").unwrap()]).collect();
    assert_eq!(
        heads,
        [
            "several.toml:6",
            "several.toml:13",
            "several.toml:21",
            "several.toml:25"
        ]
    );
}

/// Syntax errors are all reported, in order, one a line, and alone: the
/// entries are not judged when the syntax is broken.
#[test]
fn syntax_errors_are_all_reported_in_file_order() {
    //  1 format = 1
    //  2 name = "x"
    //  3 [[item]]
    //  4 code = "A" "B"       two values
    //  5 name = "a"
    //  6 category = 3         a type error, not reported beside syntax
    //  7 [[item]]
    //  8 code = = "C"         an extra `=` (the parser also finds the
    //                         value out of place: one problem a line)
    let text = "format = 1\nname = \"x\"\n[[item]]\ncode = \"A\" \"B\"\nname = \"a\"\n\
        category = 3\n[[item]]\ncode = = \"C\"\n";
    let err = LedgerFile::from_toml_str(text, "syntax.toml").unwrap_err();
    let lines: Vec<_> = problems(&err).iter().map(|p| p.0).collect();
    assert_eq!(lines, [Some(4), Some(8)], "{err}");
}

/// The top-level fields are judged too, in their place among the others.
#[test]
fn top_level_problems_take_their_place() {
    //  1 format = "one"       not a number
    //  2 name = "x"
    //  3
    //  4 [[item]]
    //  5 code = "A"
    //  6 name = "a"
    //  7 category = "bad"
    //  8 sector = "s"
    let text = "format = \"one\"\nname = \"x\"\n\n[[item]]\ncode = \"A\"\nname = \"a\"\n\
        category = \"bad\"\nsector = \"s\"\n";
    let err = LedgerFile::from_toml_str(text, "top.toml").unwrap_err();
    let lines: Vec<_> = problems(&err).iter().map(|p| p.0).collect();
    assert_eq!(lines, [Some(1), Some(7)], "{err}");
}

/// A hostile file with thousands of bad entries gets a bounded message:
/// the first hundred problems in order, and the count of the rest.
#[test]
fn parse_problems_are_capped() {
    let mut text = String::from("format = 1\nname = \"x\"\n");
    // Entry k (from 0) starts at line 3 + 2k; its bad code is on the next
    // line, 4 + 2k.
    for _ in 0..250 {
        text.push_str("[[item]]\ncode = 1\n");
    }
    let err = LedgerFile::from_toml_str(&text, "many.toml").unwrap_err();
    let Error::Parse {
        line,
        more,
        omitted,
        ..
    } = &err
    else {
        panic!("not a parse error: {err}");
    };
    assert_eq!(*line, Some(4));
    assert_eq!(more.len(), jiceng_authority::MAX_PARSE_PROBLEMS - 1);
    // The 100th listed is entry 99: line 4 + 198 = 202.
    assert_eq!(more.last().unwrap().line, Some(202));
    assert_eq!(*omitted, 150);
    assert!(
        err.to_string()
            .ends_with("many.toml: 150 more problems not listed"),
        "{err}"
    );
}

/// Each list reports every bad entry, not only its first: two bad entries
/// in each of the six other lists, each a number where a string is due.
#[test]
fn every_list_reports_each_bad_entry() {
    let mut text = String::from("format = 1\nname = \"x\"\n");
    let lists = [
        ("division", "code"),
        ("body", "code"),
        ("instrument", "id"),
        ("duty", "code"),
        ("duty_list", "id"),
        ("assessment", "id"),
    ];
    // Entry k (from 0) is `[[list]]` on line 3 + 2k and its bad value on
    // line 4 + 2k: lines 4, 6, ..., 26 for the twelve entries.
    for (list, key) in lists {
        for _ in 0..2 {
            text.push_str(&format!("[[{list}]]\n{key} = 1\n"));
        }
    }
    let err = LedgerFile::from_toml_str(&text, "lists.toml").unwrap_err();
    let lines: Vec<_> = problems(&err).iter().map(|p| p.0).collect();
    let want: Vec<_> = (0..12).map(|k| Some(4 + 2 * k)).collect();
    assert_eq!(lines, want, "{err}");
}

/// A line's text is quoted only when it is short: a 140-character line is
/// left out of the message, so that a hostile line cannot swell it.
#[test]
fn long_lines_are_not_quoted() {
    let long = format!("code = 1 # {}", "x".repeat(130));
    let text = format!("format = 1\nname = \"x\"\n[[item]]\n{long}\n[[item]]\ncode = 2\n");
    let err = LedgerFile::from_toml_str(&text, "long.toml").unwrap_err();
    let found = problems(&err);
    assert_eq!(found.len(), 2, "{err}");
    assert!(!found[0].1.contains("(at `"), "{err}");
    assert!(found[1].1.ends_with("(at `code = 2`)"), "{err}");
}
