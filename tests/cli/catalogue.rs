//! `jiceng approvals items | guide | catalogue` and `evaluate --catalogue`.
//!
//! Expected values come from the bundled `suning-catalogue.toml` as
//! written (尚村镇: 12 items; the construction planning permit 20
//! statutory, 7 promised working days from 2023-07-01, 10 before) and from
//! the 2025 holiday notice (国办发明电〔2024〕12号: Sunday 28 Sep worked): 7
//! working days from Monday 22 Sep 2025 are 23–26 Sep (4), 28 Sep (5),
//! 29–30 Sep (7) → 30 Sep; 5 working days → 28 Sep.

use super::*;

const SHANGCUN: &str = "130926103000";
const WOBEI: &str = "130926102000";

fn run(args: &[&str]) -> (i32, String, String) {
    jiceng(args, "")
}

#[test]
fn items_lists_what_a_town_offers() {
    let (code, out, _) = run(&[
        "approvals",
        "items",
        "--division",
        SHANGCUN,
        "--date",
        "2024-03-01",
    ]);
    assert_eq!(code, 0);
    // A header and 12 items.
    assert_eq!(out.lines().count(), 13, "{out}");
    assert!(out.contains(
        "HBFW-XK-003\t建设工程规划许可证核发\tpromised\t20wd\t7wd\tcounter online\t130926103-gov"
    ));
    let (_, out, _) = run(&[
        "approvals",
        "items",
        "--division",
        WOBEI,
        "--date",
        "2024-03-01",
    ]);
    assert_eq!(out.lines().count(), 5, "{out}");
}

#[test]
fn items_in_every_format_and_in_chinese() {
    let base = [
        "approvals",
        "items",
        "--division",
        WOBEI,
        "--date",
        "2024-03-01",
        "--channel",
        "village-proxy",
    ];
    let with = |extra: &[&str]| {
        let mut a: Vec<&str> = base.to_vec();
        a.extend_from_slice(extra);
        let (code, out, err) = run(&a);
        assert_eq!(code, 0, "{err}");
        out
    };
    assert_eq!(
        with(&["--format", "csv"]),
        "code,name,handling,statutory,promised,channels,deciding body\nHBFW-GF-001,高龄津贴发放,promised,20wd,10wd,counter village_proxy,130926102-gov\n"
    );
    let md = with(&["--format", "md"]);
    assert!(md.starts_with("| code | name |"), "{md}");
    assert!(md.contains("| HBFW-GF-001 | 高龄津贴发放 |"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&with(&["--format", "json"])).unwrap();
    assert_eq!(json[0]["code"], "HBFW-GF-001");
    assert_eq!(json[0]["proxy"], true);
    let mut zh = vec!["--lang", "zh"];
    zh.extend_from_slice(&base);
    let (_, out, _) = run(&zh);
    assert_eq!(
        out,
        "事项编码\t事项名称\t办件类型\t法定时限\t承诺时限\t办理渠道\t决定机关\nHBFW-GF-001\t高龄津贴发放\t承诺件\t20个工作日\t10个工作日\t窗口办理 村级代办\t130926102-gov\n"
    );
    // By category: 尚村镇's one item of the category 其他.
    let (_, out, _) = run(&[
        "approvals",
        "items",
        "--division",
        SHANGCUN,
        "--date",
        "2024-03-01",
        "--category",
        "其他",
    ]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("HBFW-QT-001"));
}

#[test]
fn items_refuses_bad_input() {
    expect_input_error(
        &[
            "approvals",
            "items",
            "--division",
            "1",
            "--date",
            "2024-03-01",
        ],
        "",
        &["--division"],
    );
    expect_input_error(
        &[
            "approvals",
            "items",
            "--division",
            SHANGCUN,
            "--date",
            "2024-03-01",
            "--category",
            "x",
        ],
        "",
        &["--category"],
    );
}

#[test]
fn guide_in_markdown_and_json() {
    let (code, md, _) = run(&[
        "approvals",
        "guide",
        "--item",
        "HBFW-XK-003",
        "--division",
        SHANGCUN,
        "--date",
        "2023-06-30",
    ]);
    assert_eq!(code, 0);
    assert!(md.starts_with("# 建设工程规划许可证核发办事指南\n"), "{md}");
    // The deciding body named from the bundled ledger.
    assert!(
        md.contains("- 决定机关：尚村镇人民政府（130926103-gov）\n"),
        "{md}"
    );
    // Before 2023-07-01 the promise was the template's 10 working days.
    assert!(md.contains("- 承诺办结时限：10个工作日\n"), "{md}");
    let (code, json, _) = run(&[
        "approvals",
        "guide",
        "--item",
        "HBFW-XK-003",
        "--division",
        SHANGCUN,
        "--date",
        "2024-03-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (
            v["item"]["statutory"].as_str(),
            v["item"]["promised"].as_str()
        ),
        (Some("20wd"), Some("7wd"))
    );
    // Not offered in 窝北镇: exit 1 and the reason.
    let (code, _, err) = run(&[
        "approvals",
        "guide",
        "--item",
        "HBFW-XK-003",
        "--division",
        WOBEI,
        "--date",
        "2024-03-01",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("service item HBFW-XK-003 is not offered in 130926102000 on 2024-03-01"),
        "{err}"
    );
}

#[test]
fn catalogue_check_exits_by_findings() {
    // A clean catalogue says so in one line (issue 7): the bundled sample
    // has 60 `[[entry]]` headers.
    let (code, out, _) = run(&["approvals", "catalogue", "check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "0 errors, 0 warnings in 60 entries\n")
    );
    let (code, zh, _) = run(&["--lang", "zh", "approvals", "catalogue", "check"]);
    assert_eq!(
        (code, zh.as_str()),
        (0, "0 个错误，0 个警告（60 个条目）\n")
    );
    let dir = std::env::temp_dir().join(format!("jiceng-cat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Line 3: a template; line 11: 窝北镇 offering the developed town's
    // permit, promised longer than statutory.
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "format = 1\nname = \"t\"\n[[entry]]\ndivision = \"130000000000\"\ncode = \"A\"\nfrom = \"2022-01-01\"\nname = \"A\"\nstatutory = \"20wd\"\nchannels = [\"counter\"]\n\n[[entry]]\ndivision = \"130926102000\"\ncode = \"A\"\nfrom = \"2022-07-01\"\npromised = \"30wd\"\npower_item = \"HB-XK-003\"\ndeciding_body = \"130926102-gov\"\n",
    )
    .unwrap();
    let b = bad.to_str().unwrap();
    let (code, out, err) = run(&["approvals", "catalogue", "check", b]);
    assert_eq!(code, 1, "{err}");
    assert!(out.ends_with(" errors, 0 warnings in 2 entries\n"), "{out}");
    let first: Vec<_> = out.lines().filter(|l| l.contains(":11\t")).collect();
    assert_eq!(first.len(), 2, "{out}");
    assert!(
        first[0].contains("\tservice_without_power\t130926102000\tA\t2022-07-01\t"),
        "{out}"
    );
    assert!(
        first[1].contains("\tpromise_longer_than_statute\t"),
        "{out}"
    );
    // 窝北镇 offers none of its 4 devolved items.
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("devolved_not_offered"))
            .count(),
        4,
        "{out}"
    );
    let (code, json, _) = run(&["approvals", "catalogue", "check", b, "--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["line"], 11);
    assert_eq!(v[0]["rule"], "service_without_power");
    let (_, zh, _) = run(&["--lang", "zh", "approvals", "catalogue", "check", b]);
    assert!(zh.contains("承诺时限长于法定时限"), "{zh}");
    // A file that does not parse: exit 2 with its line.
    let broken = dir.join("broken.toml");
    std::fs::write(&broken, "format = 1\nname = \"t\"\n[[entry]]\nfrom = 3\n").unwrap();
    expect_input_error(
        &["approvals", "catalogue", "check", broken.to_str().unwrap()],
        "",
        &["broken.toml:"],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn catalogue_diff_of_two_towns_and_two_days() {
    let (code, out, _) = run(&[
        "approvals",
        "catalogue",
        "diff",
        "--division",
        SHANGCUN,
        "--date",
        "2023-06-30",
        "--against-date",
        "2023-07-01",
    ]);
    assert_eq!(
        (code, out.as_str()),
        (0, "changed\tHBFW-XK-003\tpromised\t10wd → 7wd\n")
    );
    let (_, out, _) = run(&[
        "approvals",
        "catalogue",
        "diff",
        "--division",
        SHANGCUN,
        "--date",
        "2024-03-01",
        "--against",
        WOBEI,
    ]);
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("only in\t130926103000 2024-03-01\t"))
            .count(),
        8,
        "{out}"
    );
    assert_eq!(out.lines().count(), 8, "{out}");
}

#[test]
fn evaluate_takes_limits_from_the_catalogue() {
    let cases = concat!(
        r#"{"id":"A","item":"HBFW-XK-003","division":"130926103000","events":[{"date":"2025-09-22","kind":"received"},{"date":"2025-09-22","kind":"accepted"}]}"#,
        "\n",
        r#"{"id":"B","item":"HBFW-XK-003","division":"130926103000","promised":"5wd","events":[{"date":"2025-09-22","kind":"received"},{"date":"2025-09-22","kind":"accepted"}]}"#,
        "\n",
        r#"{"id":"C","item":"NOPE","division":"130926103000","events":[{"date":"2025-09-22","kind":"received"}]}"#,
        "\n",
    );
    let (code, out, err) = jiceng(&["approvals", "evaluate", "-", "--at", "2025-09-25"], cases);
    // One bad line (C): exit 1, the others evaluated.
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with(
            "A\ton_track\taccepted 2025-09-22\tpromised 2025-09-30\tstatutory 2025-10-24\n"
        ),
        "{out}"
    );
    assert!(out.contains("B\tdue_soon\taccepted 2025-09-22\tpromised 2025-09-28\tstatutory 2025-10-24\toverrides the catalogue: promised\n"), "{out}");
    assert!(
        out.contains("cases overriding the catalogue's limits\t1\n"),
        "{out}"
    );
    assert!(
        err.contains(
            "-:3: case \"C\": service item NOPE is not offered in 130926103000 on 2025-09-22"
        ),
        "{err}"
    );
    let (_, json, _) = jiceng(
        &["approvals", "evaluate", "-", "--at", "2025-09-25", "--json"],
        cases,
    );
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(first["catalogue"]["from"], "2023-07-01");
    assert_eq!(first["deadlines"]["promised_due"], "2025-09-30");
    let (_, zh, _) = jiceng(
        &[
            "--lang",
            "zh",
            "approvals",
            "evaluate",
            "-",
            "--at",
            "2025-09-25",
        ],
        cases,
    );
    assert!(zh.contains("未按实施清单: 承诺时限"), "{zh}");
}

#[test]
fn evaluate_with_a_catalogue_file() {
    let dir = std::env::temp_dir().join(format!("jiceng-cate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("c.toml");
    // 尚村镇 promising 5 working days.
    std::fs::write(
        &f,
        "format = 1\nname = \"t\"\n[[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"2022-01-01\"\nname = \"A\"\nstatutory = \"20wd\"\npromised = \"5wd\"\ndeciding_body = \"130926103-gov\"\n",
    )
    .unwrap();
    let cases = r#"{"id":"A","item":"A","division":"130926103000","events":[{"date":"2025-09-22","kind":"received"},{"date":"2025-09-22","kind":"accepted"}]}"#;
    let (code, out, err) = jiceng(
        &[
            "approvals",
            "evaluate",
            "-",
            "--at",
            "2025-09-25",
            "--catalogue",
            f.to_str().unwrap(),
        ],
        cases,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("A\tdue_soon\taccepted 2025-09-22\tpromised 2025-09-28\t"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn schema_catalogue_is_a_json_schema() {
    let (code, out, _) = run(&["schema", "catalogue"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["$defs"]["Entry"]["properties"]["deciding_body"].is_object(),
        "{out}"
    );
}

/// Lines are resolved a batch at a time (256 cases): across several
/// batches the cases still come out in the file's order, and each refused
/// line is named by its own number. 600 lines repeat three kinds: a case
/// naming the construction planning permit at 尚村镇 (promised 7 working
/// days: 30 Sep, on track on 25 Sep), a case carrying its own 5-day
/// promise without an item (28 Sep, due soon), and an unknown item.
#[test]
fn evaluate_keeps_the_file_order_across_batches() {
    let events = r#""events":[{"date":"2025-09-22","kind":"received"},{"date":"2025-09-22","kind":"accepted"}]"#;
    let mut cases = String::new();
    for k in 0..200 {
        cases.push_str(&format!(
            "{{\"id\":\"N{k}\",\"item\":\"HBFW-XK-003\",\"division\":\"{SHANGCUN}\",{events}}}\n\
             {{\"id\":\"P{k}\",\"promised\":\"5wd\",{events}}}\n\
             {{\"id\":\"X{k}\",\"item\":\"NOPE\",\"division\":\"{SHANGCUN}\",{events}}}\n"
        ));
    }
    let (code, out, err) = jiceng(
        &["approvals", "evaluate", "-", "--at", "2025-09-25"],
        &cases,
    );
    assert_eq!(code, 1, "{err}");
    let got: Vec<&str> = out.lines().take(400).collect();
    let expected: Vec<String> = (0..200)
        .flat_map(|k| {
            [
                format!(
                    "N{k}\ton_track\taccepted 2025-09-22\tpromised 2025-09-30\tstatutory 2025-10-24"
                ),
                format!(
                    "P{k}\tdue_soon\taccepted 2025-09-22\tpromised 2025-09-28\tstatutory 2025-10-24"
                ),
            ]
        })
        .collect();
    assert_eq!(got, expected);
    let bad: Vec<&str> = err.lines().collect();
    let expected: Vec<String> = (0..200)
        .map(|k| {
            format!(
                "jiceng: -:{}: case \"X{k}\": service item NOPE is not offered in {SHANGCUN} on 2025-09-22",
                3 * k + 3
            )
        })
        .chain(["jiceng: error: 200 bad lines in -; the others were evaluated".to_owned()])
        .collect();
    assert_eq!(bad, expected);
}
