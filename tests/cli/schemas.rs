//! Every bundled data file, and what the tool itself writes, is valid
//! against the JSON Schema that `jiceng schema` publishes for its format.
//!
//! A schema that rejects a file the parser accepts misleads every provincial
//! system that validates its files before loading them; these tests keep the
//! two in step. TOML files are turned into JSON values first (a TOML date
//! becomes its RFC 3339 string, as a JSON reader would see it).

use super::*;

/// The published schema of `format`, compiled with format checks on (a
/// `"format": "date"` string must be a real date).
fn validator(format: &str) -> jsonschema::Validator {
    let (code, out, err) = jiceng(&["schema", format], "");
    assert_eq!(code, 0, "jiceng schema {format}: {err}");
    let schema: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("schema {format} is JSON: {e}"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema {format} is a valid JSON Schema: {e}"))
}

/// A TOML value as the JSON value of the same document.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// Every schema violation of `instance`, each with its JSON path, in one
/// list labelled with `what`.
fn violations(
    validator: &jsonschema::Validator,
    what: &str,
    instance: &serde_json::Value,
) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{what}: at {}: {e}", e.instance_path()))
        .collect()
}

/// The TOML files directly inside `dir` (relative to the package), sorted.
fn toml_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// Checks each TOML file against the schema of `format`, after checking that
/// the tool itself loads it, and reports every violation of every file.
fn check_files(format: &str, files: &[PathBuf], loads: impl Fn(&Path) -> Vec<String>) {
    assert!(!files.is_empty(), "no {format} files found");
    let validator = validator(format);
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("read bundled file");
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        failures.extend(loads(file));
        failures.extend(violations(
            &validator,
            &file.display().to_string(),
            &toml_to_json(value),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_bundled_calendars_match_the_calendar_schema() {
    check_files("calendar", &toml_files("crates/calendar/data"), |file| {
        let (code, _, err) = jiceng(&["calendar", "--calendar", path_str(file), "info"], "");
        if code == 0 {
            vec![]
        } else {
            vec![format!("{}: does not load: {err}", file.display())]
        }
    });
}

#[test]
fn the_bundled_overlays_match_the_calendar_schema() {
    check_files(
        "calendar",
        &toml_files("crates/calendar/data/overlays"),
        |file| {
            let (code, _, err) = jiceng(&["calendar", "--overlay", path_str(file), "info"], "");
            if code == 0 {
                vec![]
            } else {
                vec![format!("{}: does not load: {err}", file.display())]
            }
        },
    );
}

#[test]
fn the_bundled_hebei_sample_matches_the_authority_schema() {
    // Its Chinese category names (行政处罚, 行政许可, …) included.
    check_files("authority", &toml_files("crates/authority/data"), |file| {
        let (code, _, err) = jiceng(&["authority", "check", path_str(file)], "");
        if code == 0 {
            vec![]
        } else {
            vec![format!("{}: does not load cleanly: {err}", file.display())]
        }
    });
}

#[test]
fn a_synthetic_ledger_matches_the_authority_schema() {
    let (code, out, err) = jiceng(&["authority", "synth", "--seed", "7"], "");
    assert_eq!(code, 0, "{err}");
    let ledger: serde_json::Value = serde_json::from_str(&out).expect("synth writes JSON");
    let failures = violations(&validator("authority"), "authority synth", &ledger);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn synthetic_cases_match_the_approvals_schema() {
    let (code, out, err) = jiceng(&["approvals", "synth", "--seed", "7", "--n", "300"], "");
    assert_eq!(code, 0, "{err}");
    let validator = validator("approvals");
    let mut failures = Vec::new();
    for (n, line) in out.lines().enumerate() {
        let case: serde_json::Value = serde_json::from_str(line).expect("synth writes JSON Lines");
        failures.extend(violations(
            &validator,
            &format!("case line {}", n + 1),
            &case,
        ));
    }
    assert_eq!(out.lines().count(), 300);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn explanations_match_the_explanation_schema() {
    let validator = validator("explanation");
    let mut failures = Vec::new();
    for args in [
        &[
            "calendar",
            "period",
            "2025-09-22",
            "20wd",
            "--explain",
            "--json",
        ][..],
        &[
            "calendar",
            "period",
            "2025-09-16",
            "15d",
            "--explain",
            "--json",
        ],
        &[
            "calendar",
            "period",
            "2025-01-31",
            "1m",
            "--explain",
            "--json",
        ],
        &[
            "calendar",
            "period",
            "2025-09-22",
            "20wd",
            "--explain",
            "--json",
            "--suspend",
            "2025-10-13..2025-10-17",
        ],
        &[
            "calendar",
            "--provisional",
            "period",
            "2026-12-01",
            "30wd",
            "--explain",
            "--json",
        ],
    ] {
        let (code, out, err) = jiceng(args, "");
        if code != 0 {
            failures.push(format!("jiceng {}: status {code}: {err}", args.join(" ")));
            continue;
        }
        // `--json` writes the answer with the explanation in one field.
        let value: serde_json::Value = serde_json::from_str(&out).expect("--json writes JSON");
        match value.get("explanation") {
            Some(explanation) => {
                failures.extend(violations(&validator, &args.join(" "), explanation))
            }
            None => failures.push(format!("jiceng {}: no explanation", args.join(" "))),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schemas_can_reject_a_file() {
    // A check that can fail: a calendar whose notice year is a string and
    // whose weekend names a day that does not exist.
    let bad: toml::Value = toml::from_str(
        r#"
        format = 1
        name = "x"
        kind = "base"
        weekend = ["caturday"]
        [[notice]]
        year = "2025"
        document = "d"
        holidays = []
        "#,
    )
    .expect("valid TOML");
    let found = violations(&validator("calendar"), "bad", &toml_to_json(bad));
    assert!(found.iter().any(|v| v.contains("/weekend/0")), "{found:?}");
    assert!(
        found.iter().any(|v| v.contains("/notice/0/year")),
        "{found:?}"
    );
}
