//! The file formats: TOML and CSV ledgers, units files, every finding with
//! its line, JSON round trips and the schemas.

use jiceng_staffing::{BAITALING, Error, LedgerFile, Severity, Units};

/// A ledger with two refused events and an over-establishment: every
/// problem at once, each with its line.
#[test]
fn every_problem_with_its_line() {
    let text = "\
kind,body,level,date,instrument,to,quota,count
body,county,county,,,,,
body,town,township,,,,,
create,county,,2020-01-01,三定,,administrative,10
hire,county,,2020-01-01,招录,,administrative,8
sink,county,,2020-02-01,下沉,town,administrative,3
sink,county,,2020-03-01,下沉,nowhere,administrative,1
hire,town,,2020-04-01,招录,,administrative,2
";
    let (ledger, findings) = LedgerFile::parse_csv(text).unwrap().compile();
    assert_eq!(ledger.events().len(), 3);
    let got: Vec<(Option<usize>, Severity, &str)> = findings
        .iter()
        .map(|f| (f.line, f.severity, f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some(6),
                Severity::Error,
                "transfer of 3 administrative quotas from county to town refused: county holds 10 \
                 with headcount 8, which would leave 7, below its headcount"
            ),
            (
                Some(7),
                Severity::Error,
                "field to: unknown body \"nowhere\""
            ),
            (
                Some(8),
                Severity::Flag,
                "town is over establishment (超编) by 2 administrative: headcount 2, quotas 0; \
                 from 2020-04-01 to the end of the ledger"
            ),
        ]
    );
}

#[test]
fn parse_errors_name_the_line() {
    let cases: &[(&str, bool, &str)] = &[
        (
            "kind,body,level,count\nbody,x,township,\nhire,x,,abc\n",
            false,
            "line 3",
        ),
        (
            "kind,body,date,instrument,quota,count\nteleport,x,2020-01-01,a,other,1\n",
            false,
            "line 2: row event: field kind \"teleport\"",
        ),
        ("kind,body,level\nbody,x,planet\n", false, "line 2"),
        (
            "kind,body,date,quota,count\nhire,x,2020-01-01,other,1\n",
            false,
            "hire event: field instrument is missing",
        ),
        (
            "[[event]]\ndate = 2020-01-01\ninstrument = \"a\"\nkind = \"hire\"\nbody = \"x\"\ncount = -1\n",
            true,
            "line 6: hire event: field count: invalid value: integer `-1`, expected u32",
        ),
        (
            "[[body]]\ncode = \"x\"\nlevel = \"township\"\ncolour = \"red\"\n",
            true,
            "colour",
        ),
        ("[[event]]\ndate = 2020-13-01\n", true, "line 2"),
        (
            "[[event]]\ndate = 2020-01-01T08:00:00\ninstrument = \"a\"\nkind = \"hire\"\nbody = \"x\"\ncount = 1\n",
            true,
            "line 2: hire event: field date: \"2020-01-01T08:00:00\" is not a date (YYYY-MM-DD)",
        ),
    ];
    // A bad row or table is a problem with its line; a syntax error stops
    // the reading with its line.
    for (text, toml, needle) in cases {
        let e = match if *toml {
            LedgerFile::parse_toml(text)
        } else {
            LedgerFile::parse_csv(text)
        } {
            Ok(f) => {
                let p = &f.problems[0];
                format!("line {}: {}", p.line.unwrap(), p.message)
            }
            Err(e) => e.to_string(),
        };
        assert!(e.contains(needle), "{text:?}: {e} should contain {needle}");
    }
}

#[test]
fn units_files() {
    let u = Units::parse_csv("population,code,current\n100,A,3\n,B,4\n").unwrap();
    assert_eq!(u.columns, vec!["population"]);
    assert_eq!(u.units[1].values, vec![0.0]);
    let cases = [
        (
            "code,population\nA,1\n",
            "line 1: the header has no current column",
        ),
        ("code,current\nA,-1\n", "line 2: column current: \"-1\""),
        (
            "code,current,area\nA,1,NaN\n",
            "line 2: column area: \"NaN\"",
        ),
        ("code,current\n,1\n", "line 2: column code must be"),
    ];
    for (text, needle) in cases {
        let e = Units::parse_csv(text).unwrap_err();
        assert!(
            e.to_string().contains(needle),
            "{e} should contain {needle}"
        );
        assert!(matches!(e, Error::Parse { .. }));
    }
}

/// The ledger file survives JSON, and its JSON is the contract below.
#[test]
fn ledger_json_round_trip() {
    let f = LedgerFile::parse_toml(BAITALING).unwrap();
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(
        json["event"][3],
        serde_json::json!({
            "date": "2019-06-01",
            "instrument": "illustrative: the reform's sinking of 21 quotas",
            "kind": "sink",
            "body": "haigang",
            "to": "baitaling",
            "quota": "other",
            "count": 21
        })
    );
    let back: LedgerFile = serde_json::from_value(json).unwrap();
    assert_eq!(back.event, f.event);
    assert_eq!(back.body, f.body);
}

#[test]
fn schemas_describe_the_formats() {
    let ledger: serde_json::Value =
        serde_json::from_str(&jiceng_staffing::ledger_schema()).unwrap();
    assert!(ledger["properties"]["event"].is_object());
    assert!(ledger["properties"]["body"].is_object());
    let plan: serde_json::Value = serde_json::from_str(&jiceng_staffing::plan_schema()).unwrap();
    for key in ["units", "total", "cv", "gini"] {
        assert!(plan["properties"][key].is_object(), "{key}");
    }
    let req: serde_json::Value =
        serde_json::from_str(&jiceng_staffing::requirement_schema()).unwrap();
    for key in [
        "raw_positions",
        "positions",
        "service_level",
        "occupancy",
        "waiting_probability",
    ] {
        assert!(req["properties"][key].is_object(), "{key}");
    }
    let snap: serde_json::Value =
        serde_json::from_str(&jiceng_staffing::snapshot_schema()).unwrap();
    assert!(snap["properties"]["establishment"].is_object());
}
