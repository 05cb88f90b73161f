//! Errors a clerk meets on the command line, in both languages: each
//! English text as it was, and its Chinese under `--lang zh`.

use super::*;

/// Runs the command in both languages: exit status 2 and one error line
/// each, the English and the Chinese given.
fn refused_in_both(args: &[&str], en: &str, zh: &str) {
    let (code, out, err) = jiceng(args, "");
    assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
    assert_eq!(err, format!("jiceng: error: {en}\n"), "{args:?}");
    let zh_args: Vec<&str> = ["--lang", "zh"].iter().chain(args).copied().collect();
    let (code, out, err) = jiceng(&zh_args, "");
    assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
    assert_eq!(err, format!("jiceng: 错误: {zh}\n"), "{args:?}");
}

#[test]
fn authority_queries_refuse_in_chinese() {
    refused_in_both(
        &[
            "authority",
            "holder",
            "--item",
            "XX",
            "--division",
            "130430100000",
            "--date",
            "2025-01-01",
        ],
        "unknown power item \"XX\"",
        "未知的权力事项 \"XX\"",
    );
    refused_in_both(
        &[
            "authority",
            "powers",
            "--division",
            "130430000000",
            "--date",
            "2025-01-01",
        ],
        "division 130430000000 is not a township, subdistrict or village of the ledger",
        "区划 130430000000 不是台账中的乡镇、街道或村（社区）",
    );
    refused_in_both(
        &[
            "authority",
            "powers",
            "--division",
            "12",
            "--date",
            "2025-01-01",
        ],
        "invalid --division \"12\": invalid division code \"12\": expected 12 digits (or a 6-digit GB/T 2260 code)",
        "--division 的值 \"12\" 无效：行政区划代码 \"12\" 无效：应为 12 位数字（或 6 位 GB/T 2260 代码）",
    );
    refused_in_both(
        &[
            "authority",
            "powers",
            "--division",
            "130430100000",
            "--date",
            "2025-13-01",
        ],
        "invalid --date \"2025-13-01\": expected a date YYYY-MM-DD",
        "--date 的值 \"2025-13-01\" 无效：应为 YYYY-MM-DD 格式的日期",
    );
    refused_in_both(
        &["authority", "check", "/nonexistent/ledger.toml"],
        "cannot read /nonexistent/ledger.toml: No such file or directory (os error 2)",
        "无法读取 /nonexistent/ledger.toml：文件不存在（No such file or directory (os error 2)）",
    );
}

#[test]
fn grid_route_refuses_in_chinese() {
    let route = |division: &'static str, at: &'static str| {
        [
            "grid",
            "route",
            "--category",
            "0101",
            "--division",
            division,
            "--at",
            at,
        ]
    };
    refused_in_both(
        &route("999999999", "2025-06-10T09:35:00+08:00"),
        "unknown division 999999999",
        "未知的行政区划 999999999",
    );
    refused_in_both(
        &route("130000000000", "2025-06-10T09:35:00+08:00"),
        "division 130000000000 is above the county level: name a county, township or village",
        "区划 130000000000 在县级以上：请指定县、乡镇或村",
    );
    refused_in_both(
        &route("130430104201", "2025-06-10"),
        "invalid --at \"2025-06-10\": expected an RFC 3339 time with offset, e.g. 2025-06-10T09:35:00+08:00",
        "--at 的值 \"2025-06-10\" 无效：应为带时区偏移的 RFC 3339 时间，如 2025-06-10T09:35:00+08:00",
    );
}

#[test]
fn enforcement_refuses_in_chinese() {
    refused_in_both(
        &[
            "enforcement",
            "surcharge",
            "--fine=-5",
            "--due",
            "2025-01-01",
            "--paid",
            "2025-02-01",
        ],
        "invalid amount -5 in `fine`: an amount cannot be negative",
        "`fine` 的金额 -5 无效：金额不能为负数",
    );
    refused_in_both(
        &[
            "enforcement",
            "surcharge",
            "--fine",
            "abc",
            "--due",
            "2025-01-01",
            "--paid",
            "2025-02-01",
        ],
        "invalid --fine \"abc\": expected an amount in yuan, e.g. 1000.00",
        "--fine 的值 \"abc\" 无效：应为以元为单位的金额，如 1000.00",
    );
    refused_in_both(
        &[
            "enforcement",
            "jurisdiction",
            "--item",
            ",",
            "--division",
            "130430100000",
            "--date",
            "2025-01-01",
        ],
        "the list of items is empty",
        "事项清单为空",
    );
}

/// A bad line of a cases file: its reader's and the domain's words, in
/// Chinese, serde's forms included.
#[test]
fn bad_case_lines_are_said_in_chinese() {
    let case = |events: &str| {
        format!(
            r#"{{"id":"Q","party":{{"kind":"citizen","name":"李某"}},"items":["HB-CF-011"],"body":"130430104-gov","events":[{events}]}}"#
        )
    };
    let cases = [
        case(r#"{"date":"2025-06-03","kind":1}"#),
        case(r#"{"date":"2025-06-03","kind":"decided","penalties":[{"kind":"fine","amount":"-5"}],"party_present":true}"#),
    ]
    .join("\n");
    let dir = std::env::temp_dir().join(format!("jiceng-zh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cases.jsonl");
    std::fs::write(&file, cases).unwrap();
    let path = file.to_str().unwrap();
    let (_, _, err) = jiceng(
        &[
            "--lang",
            "zh",
            "enforcement",
            "evaluate",
            "--at",
            "2025-07-01",
            path,
        ],
        "",
    );
    assert!(
        err.contains(&format!(
            "{path}:1: 字段 `events[0].kind`：类型有误：整数 `1`，应为类别名（字符串）\n"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{path}:2: 案件 \"Q\": 事件 0：`amount` 的金额 -5 无效：金额不能为负数\n"
        )),
        "{err}"
    );
    let (_, _, err) = jiceng(&["enforcement", "evaluate", "--at", "2025-07-01", path], "");
    assert!(
        err.contains(&format!("{path}:1: field `events[0].kind`: invalid type: integer `1`, expected a kind (a string)\n")),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Output that cannot be written (a full disk) is an error, exit status 1,
/// not a silent success: the buffered output is written before the tool
/// exits, and a failure then is reported.
#[test]
fn a_full_disk_is_reported_in_both_languages() {
    for (lang, expected) in [
        (
            "en",
            "jiceng: error: i/o error: No space left on device (os error 28)\n",
        ),
        (
            "zh",
            "jiceng: 错误: 输入输出错误：磁盘空间不足（No space left on device (os error 28)）\n",
        ),
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_jiceng"))
            .args(["--lang", lang, "calendar", "info"])
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{lang}");
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            expected,
            "{lang}"
        );
    }
}
