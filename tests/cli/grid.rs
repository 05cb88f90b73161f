//! `jiceng grid`: routing, replay, metrics, Open311 and the schema, on the
//! bundled Guchengying day (crates/grid/data/guchengying-day.jsonl).
//!
//! Expected values are worked by hand: the standard working hours
//! 08:30–12:00 and 14:00–17:30 (UTC+8); HB-CF-016 (rubbish) devolved to
//! 古城营镇 from 2022-03-01 (邱政字〔2022〕6号), HB-CF-057 concentrated in
//! 邱县综合行政执法局 (邱政字〔2021〕15号) and not devolved.

#![allow(clippy::unwrap_used)]

use super::*;

const DAY: &str = "crates/grid/data/guchengying-day.jsonl";

#[test]
fn grid_route_text_and_json() {
    // 09:35 + 30 working minutes = 10:05; + 120 = 11:35.
    check(&[(
        &[
            "grid",
            "route",
            "--category",
            "0101",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T09:35:00+08:00",
        ],
        "body\t130430104-zfd\t古城营镇综合行政执法队\nescalated\tno\nresponse due\t2025-06-10T10:05:00+08:00\nresolution due\t2025-06-10T11:35:00+08:00",
    )]);
    // The street stall: the county bureau, escalated; 10:20 + 60 = 11:20;
    // three working days from Tuesday 10 June = Friday 13 June 17:30.
    let (code, out, _) = jiceng(
        &[
            "grid",
            "route",
            "--category",
            "0103",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T10:20:00+08:00",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["body"]["code"], "130430-zhzf");
    assert_eq!(v["body"]["name"], "邱县综合行政执法局");
    assert_eq!(v["escalated"], true);
    assert_eq!(v["response_due"], "2025-06-10T11:20:00+08:00");
    assert_eq!(v["resolution_due"], "2025-06-13T17:30:00+08:00");
}

#[test]
fn grid_route_in_chinese_and_bad_input() {
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "grid",
            "route",
            "--category",
            "0103",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T10:20:00+08:00",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains("上报上级\t是"), "{out}");
    expect_input_error(
        &[
            "grid",
            "route",
            "--category",
            "0101",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10 09:35",
        ],
        "",
        &["invalid --at", "2025-06-10 09:35"],
    );
    expect_input_error(
        &[
            "grid",
            "route",
            "--category",
            "9999",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T09:35:00+08:00",
        ],
        "",
        &["unknown category 9999"],
    );
}

#[test]
fn grid_replay_the_day() {
    // Streamed: event 1 closes on line 11 and is printed with its rating
    // (line 14); event 5 is rejected on line 25; events 2 and 3 close on
    // lines 30 and 33 and wait for a rating that never comes, so they are
    // printed at the end with the open event 4, in order of report.
    check(&[(
        &["grid", "replay", DAY],
        "01975779-f5a0-7000-8000-000000000001\tclosed\t0101\t130430104-zfd\n\
         019758be-f8c0-7000-8000-000000000005\trejected\t0101\t-\n\
         019757a3-2880-7000-8000-000000000002\tclosed\t0103\t130430-zhzf\n\
         019757da-1700-7000-8000-000000000003\tclosed\t0102\t130430104-zfd\n\
         01975871-26e0-7000-8000-000000000004\tin_progress\t0301\t130430104-zfd",
    )]);
    let (code, out, _) = jiceng(&["grid", "replay", DAY, "--json"], "");
    assert_eq!(code, 0);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["rating"], 5);
}

#[test]
fn grid_replay_holds_at_most_max_open_events() {
    // --max-open 2: events 1 and 2 are held (lines 1 and 5). Event 1
    // closes on line 11; event 3's report (line 12) needs its room, so
    // event 1 is printed then, unrated. Its rating (line 14) comes after,
    // on a line of its own. Event 4's report (line 16) finds events 2 and
    // 3 open: the stream stops there, prints what it holds (2 dispatched,
    // 3 dispatched, in order of report) and exits 1.
    let (code, out, err) = jiceng(&["grid", "replay", DAY, "--max-open", "2"], "");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "01975779-f5a0-7000-8000-000000000001\tclosed\t0101\t130430104-zfd\n\
         01975779-f5a0-7000-8000-000000000001\trated\t5\tW01\n\
         019757a3-2880-7000-8000-000000000002\tdispatched\t0103\t130430-zhzf\n\
         019757da-1700-7000-8000-000000000003\tdispatched\t0102\t130430104-zfd\n"
    );
    assert!(err.contains(":16: event 01975871-26e0-7000-8000-000000000004 cannot be held: 2 events are open at once"), "{err}");
    assert!(err.contains("stopped at line 16"), "{err}");
    let (code, out, _) = jiceng(&["grid", "replay", DAY, "--max-open", "2", "--json"], "");
    assert_eq!(code, 1);
    let rating: serde_json::Value = serde_json::from_str(out.lines().nth(1).unwrap()).unwrap();
    assert_eq!(
        rating,
        serde_json::json!({"id": "01975779-f5a0-7000-8000-000000000001", "rating": 5,
            "rated_by": "W01", "at": "2025-06-10T11:30:00+08:00"})
    );
    // Metrics and Open311 stop the same way, with the figures so far.
    let (code, _, err) = jiceng(
        &["--lang", "zh", "grid", "metrics", DAY, "--max-open", "2"],
        "",
    );
    assert_eq!(code, 1);
    assert!(err.contains("在第 16 行停止"), "{err}");
    let (code, out, _) = jiceng(&["grid", "open311", DAY, "--max-open", "2"], "");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
}

/// A grid of one cell and a taxonomy whose rubbish category also needs
/// the street-stall item HB-CF-057, which Qiu County did not devolve.
const GRID_FILE: &str = r#"township = "130430104000"
name = "古城营镇"
staff = [{ id = "C01", name = "受理员" }]
bodies = [{ code = "130430104-zfd", name = "古城营镇综合行政执法队" }]

[[cells]]
id = "GCY-01"
division = "130430104200"
households = 180
population = 560

[[workers]]
id = "W01"
name = "网格员01"
role = "grid_worker"
tenure = "full_time"
cells = ["GCY-01"]
"#;

const TAXONOMY_FILE: &str = r#"[[categories]]
code = "0101"
major = "市容环境"
minor = "垃圾桶"
items = ["HB-CF-016", "HB-CF-057"]
urgency = "normal"
service = { response = { working_minutes = 30 }, resolution = { working_minutes = 120 } }
"#;

#[test]
fn grid_files_replace_the_bundled_grid_and_taxonomy() {
    let dir = Scratch::new("grid-files");
    let grid = dir.write("grid.toml", GRID_FILE);
    let tax = dir.write("tax.toml", TAXONOMY_FILE);
    // HB-CF-016 is devolved but HB-CF-057 is not: escalated to the county
    // bureau; 09:35 + 30 = 10:05, + 120 = 11:35.
    check(&[(
        &[
            "grid",
            "route",
            "--taxonomy",
            path_str(&tax),
            "--category",
            "0101",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T09:35:00+08:00",
        ],
        "body\t130430-zhzf\t邱县综合行政执法局\nescalated\tyes\nresponse due\t2025-06-10T10:05:00+08:00\nresolution due\t2025-06-10T11:35:00+08:00",
    )]);
    // The file's grid has W01 and C01 only: W02's report is refused.
    let log = "{\"event\": \"01975779-f5a0-7000-8000-000000000001\", \"at\": \"2025-06-10T09:35:00+08:00\", \"actor\": \"W01\", \"action\": \"report\", \"cell\": \"GCY-01\", \"category\": \"0101\", \"channel\": \"grid_worker\", \"description\": \"x\"}\n\
{\"event\": \"01975779-f5a0-7000-8000-000000000001\", \"at\": \"2025-06-10T09:40:00+08:00\", \"actor\": \"C01\", \"action\": \"accept\"}\n\
{\"event\": \"01975779-f5a0-7000-8000-000000000002\", \"at\": \"2025-06-10T09:50:00+08:00\", \"actor\": \"W02\", \"action\": \"report\", \"cell\": \"GCY-01\", \"category\": \"0101\", \"channel\": \"grid_worker\", \"description\": \"y\"}\n";
    let args = [
        "grid",
        "replay",
        "-",
        "--grid",
        path_str(&grid),
        "--taxonomy",
        path_str(&tax),
    ];
    let (code, out, err) = jiceng(&args, log);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "01975779-f5a0-7000-8000-000000000001\taccepted\t0101\t-\n"
    );
    assert!(err.contains("-:3: refused: W02 may not report"), "{err}");
}

#[test]
fn bad_grid_and_taxonomy_files_are_named_with_their_line() {
    let dir = Scratch::new("grid-bad-files");
    // Line 17 assigns W01 to a cell the grid does not have.
    let grid = dir.write(
        "grid.toml",
        &GRID_FILE.replace("cells = [\"GCY-01\"]", "cells = [\"GCY-09\"]"),
    );
    expect_input_error(
        &["grid", "metrics", DAY, "--grid", path_str(&grid)],
        "",
        &["grid.toml:17: invalid grid: worker W01 is assigned to unknown cell GCY-09"],
    );
    // A misspelt field on line 7 of the grid (the first cell's id).
    let grid = dir.write(
        "grid2.toml",
        &GRID_FILE.replace("[[cells]]\nid", "[[cells]]\nidd"),
    );
    expect_input_error(
        &["grid", "replay", DAY, "--grid", path_str(&grid)],
        "",
        &["grid2.toml:7:", "unknown field `idd`"],
    );
    // A target unit that does not exist, on line 7 of the taxonomy.
    let tax = dir.write(
        "tax.toml",
        &TAXONOMY_FILE.replace("working_minutes = 120", "working_hours = 2"),
    );
    expect_input_error(
        &["grid", "open311", DAY, "--taxonomy", path_str(&tax)],
        "",
        &["tax.toml:7:", "unknown variant `working_hours`"],
    );
    // JSON is read too, and its errors carry the line.
    let tax = dir.write("tax.json", "{\"categories\": [\n{\"code\": \"0101\"}\n]}");
    expect_input_error(
        &[
            "grid",
            "route",
            "--taxonomy",
            path_str(&tax),
            "--category",
            "0101",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T09:35:00+08:00",
        ],
        "",
        &["tax.json:2:", "missing field `major`"],
    );
}

#[test]
fn grid_file_and_taxonomy_schemas() {
    for (kind, field) in [("grid-file", "workers"), ("taxonomy", "categories")] {
        let (code, out, _) = jiceng(&["schema", kind], "");
        assert_eq!(code, 0);
        let s: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(s["properties"][field].is_object(), "{kind}: {out}");
    }
}

#[test]
fn grid_replay_reports_refusals_and_bad_lines_with_their_numbers() {
    let day = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DAY)).unwrap();
    let mut lines: Vec<&str> = day.lines().collect();
    // Line 2 becomes malformed; a 35th line is an unknown actor's action.
    lines[1] = "{not json";
    let refused = r#"{"event":"01975779-f5a0-7000-8000-000000000001","at":"2025-06-10T18:00:00+08:00","actor":"X9","action":"accept"}"#;
    lines.push(refused);
    let input = lines.join("\n");
    let (code, out, err) = jiceng(&["grid", "replay", "-"], &input);
    assert_eq!(code, 1);
    assert!(err.contains("-:2: "), "{err}");
    assert!(err.contains("-:34: refused: X9 may not accept event 01975779-f5a0-7000-8000-000000000001: unknown actor"), "{err}");
    // Without its acceptance on line 2, event 1 stops at reported: every
    // later action on it is an invalid transition, reported by line.
    assert!(
        out.contains("01975779-f5a0-7000-8000-000000000001\treported"),
        "{out}"
    );
    // In Chinese, for the clerks: the refusal, the invalid transitions
    // and the states; the numbers and ids are the same.
    let (code, out, err) = jiceng(&["--lang", "zh", "grid", "replay", "-"], &input);
    assert_eq!(code, 1);
    assert!(
        err.contains("-:34: 拒绝：X9 不能对事件 01975779-f5a0-7000-8000-000000000001 执行“受理”：未知的操作人"),
        "{err}"
    );
    assert!(
        err.contains("-:3: 事件 01975779-f5a0-7000-8000-000000000001 处于“已上报”状态，不能“派遣”"),
        "{err}"
    );
    assert!(!err.contains("not allowed"), "{err}");
    assert!(
        out.contains("01975779-f5a0-7000-8000-000000000001\t已上报"),
        "{out}"
    );
}

#[test]
fn grid_metrics_of_the_day() {
    // Worked in crates/grid/tests/it/metrics.rs: 4/5 accepted, 3/3 on time,
    // 3/3 closed, 1/3 reworked, 2/3 in the township, responses 5/15,
    // resolutions 200/220 working minutes.
    let (code, out, _) = jiceng(&["grid", "metrics", DAY, "--json"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["key"], "total");
    assert_eq!(v["acceptance"], serde_json::json!({"num": 4, "den": 5}));
    assert_eq!(
        v["on_time_closure"],
        serde_json::json!({"num": 3, "den": 3})
    );
    assert_eq!(v["rework"], serde_json::json!({"num": 1, "den": 3}));
    assert_eq!(v["township_share"], serde_json::json!({"num": 2, "den": 3}));
    assert_eq!(
        (v["response_median"].as_u64(), v["response_p90"].as_u64()),
        (Some(5), Some(15))
    );
    assert_eq!(
        (
            v["resolution_median"].as_u64(),
            v["resolution_p90"].as_u64()
        ),
        (Some(200), Some(220))
    );
    // By body: the total, then "-" (the rejected call), the county bureau
    // and the township team.
    let (code, out, _) = jiceng(&["grid", "metrics", DAY, "--by", "body", "--json"], "");
    assert_eq!(code, 0);
    let keys: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["key"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys, ["total", "-", "130430-zhzf", "130430104-zfd"]);
    // A date range that excludes the day counts nothing.
    let (code, out, _) = jiceng(
        &["grid", "metrics", DAY, "--from", "2025-06-11", "--json"],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains(r#""reported":0"#), "{out}");
}

#[test]
fn grid_metrics_counts_the_rest_after_a_bad_line() {
    let day = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DAY)).unwrap();
    let input = format!("{{oops\n{day}");
    let (code, out, err) = jiceng(&["grid", "metrics", "-", "--json"], &input);
    assert_eq!(code, 1);
    assert!(err.contains("-:1: "), "{err}");
    assert!(out.contains(r#""reported":5"#), "{out}");
}

#[test]
fn grid_open311_and_schema() {
    let (code, out, _) = jiceng(&["grid", "open311", DAY], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let reqs = v.as_array().unwrap();
    assert_eq!(reqs.len(), 5);
    assert_eq!(reqs[0]["status"], "closed");
    assert_eq!(reqs[0]["requested_datetime"], "2025-06-10T09:35:00+08:00");
    // Written as events finish: 1, the rejected 5, then 2, 3 and the open
    // 4, which the stream still holds at the end, in order of report. The
    // postponed event is open, with its postponement in the notes.
    // The rejection keeps its reason (line 25 of the day).
    assert_eq!(
        reqs[1]["status_notes"],
        "rejected: 重复投诉，已于10:50处理完毕"
    );
    assert_eq!(reqs[4]["status"], "open");
    assert!(
        reqs[4]["status_notes"]
            .as_str()
            .unwrap()
            .contains("postponed until 2025-06-13")
    );
    let (code, out, _) = jiceng(&["schema", "grid"], "");
    assert_eq!(code, 0);
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(s["$defs"]["Channel"].is_object(), "{out}");
}

#[test]
fn grid_synth_replays_cleanly() {
    let (code, out, _) = jiceng(&["grid", "synth", "--seed", "3", "--events", "200"], "");
    assert_eq!(code, 0);
    // The synthetic log replays without a refusal: one record per event.
    let (code, replayed, err) = jiceng(&["grid", "replay", "-"], &out);
    assert_eq!(code, 0, "{err}");
    assert_eq!(replayed.lines().count(), 200);
    // The same seed gives the same log.
    let (_, again, _) = jiceng(&["grid", "synth", "--seed", "3", "--events", "200"], "");
    assert_eq!(out, again);
}

/// The first two lines of the bundled day: event 1's report and its
/// acceptance.
fn report_and_accept() -> (String, String) {
    let day = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DAY)).unwrap();
    let mut lines = day.lines().map(str::to_owned);
    (lines.next().unwrap(), lines.next().unwrap())
}

#[test]
fn grid_lines_up_to_the_cap_are_read_and_longer_ones_refused() {
    // The cap is 65,536 bytes before the line feed. Line 1 (the report)
    // is padded with spaces to exactly 65,536: read. Line 2 (the
    // acceptance) to 65,537: refused, so event 1 stays reported. Line 3 is
    // the acceptance again at 65,535 bytes and a carriage return (65,536
    // before the line feed): read, so event 1 ends accepted.
    let (report, accept) = report_and_accept();
    let pad = |s: &str, n: usize| format!("{s}{}", " ".repeat(n - s.len()));
    let input = format!(
        "{}\n{}\n{}\r\n",
        pad(&report, 65536),
        pad(&accept, 65537),
        pad(&accept, 65535)
    );
    assert_eq!(input.len(), 65537 + 65538 + 65537);
    let (code, out, err) = jiceng(&["grid", "replay", "-"], &input);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "jiceng: -:2: line longer than 65536 bytes\njiceng: error: some lines were refused or malformed\n"
    );
    assert!(
        out.contains("01975779-f5a0-7000-8000-000000000001\taccepted"),
        "{out}"
    );
    // The same refusal in Chinese.
    let (_, _, err) = jiceng(&["--lang", "zh", "grid", "replay", "-"], &input);
    assert!(
        err.starts_with("jiceng: -:2: 行长度超过 65536 字节\n"),
        "{err}"
    );
}

#[test]
fn grid_line_numbers_hold_across_read_blocks() {
    // Lines are read in blocks of about 2 MiB. 34,950 blank lines of 60
    // bytes (59 spaces and a line feed) fill 2,097,000 bytes; line 34,951
    // is 100,000 bytes long and straddles the first block's end; line
    // 34,952 is malformed; then the day's five events, whose last line has
    // no line feed.
    let day = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DAY)).unwrap();
    let blank = format!("{:59}\n", "");
    let input = format!(
        "{}{}\n{{oops\n{}",
        blank.repeat(34_950),
        "x".repeat(100_000),
        day.trim_end()
    );
    let (code, out, err) = jiceng(&["grid", "metrics", "-", "--json"], &input);
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "jiceng: -:34951: line longer than 65536 bytes",
            "jiceng: -:34952: key must be a string at line 1 column 2",
            "jiceng: error: some lines were refused or malformed",
        ]
    );
    assert!(out.contains(r#""reported":5"#), "{out}");
    // A file is read on a thread of its own: the same lines, numbers and
    // figures.
    let dir = Scratch::new("grid-blocks");
    let path = dir.0.join("events.jsonl");
    std::fs::write(&path, &input).unwrap();
    let (code, from_file, err) = jiceng(&["grid", "metrics", path_str(&path), "--json"], "");
    assert_eq!(code, 1);
    let name = path.display();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!("jiceng: {name}:34951: line longer than 65536 bytes"),
            format!("jiceng: {name}:34952: key must be a string at line 1 column 2"),
            "jiceng: error: some lines were refused or malformed".to_owned(),
        ]
    );
    assert_eq!(from_file, out);
    // A path that opens but cannot be read (a directory) is a read error.
    let (code, _, err) = jiceng(&["grid", "metrics", path_str(&dir.0)], "");
    assert_eq!(code, 1);
    assert!(err.contains("Is a directory"), "{err}");
}

#[test]
fn grid_a_line_not_in_utf8_is_named_and_the_rest_counted() {
    // Line 1 holds a byte that is not UTF-8 (0xFF); the day follows, so
    // its five events are counted.
    let day = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DAY)).unwrap();
    let dir = Scratch::new("grid-utf8");
    let path = dir.0.join("events.jsonl");
    let mut bytes = b"{\"event\": \"\xff\"}\n".to_vec();
    bytes.extend_from_slice(day.as_bytes());
    std::fs::write(&path, bytes).unwrap();
    let (code, out, err) = jiceng(&["grid", "metrics", path_str(&path), "--json"], "");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "jiceng: {}:1: not UTF-8\njiceng: error: some lines were refused or malformed\n",
            path.display()
        )
    );
    assert!(out.contains(r#""reported":5"#), "{out}");
}

/// A reversed range would count nothing and print zeros with status 0,
/// reading as a quiet log: it is bad input, naming both dates.
#[test]
fn metrics_refuses_a_reversed_range() {
    let day = DAY;
    expect_input_error(
        &[
            "grid",
            "metrics",
            day,
            "--from",
            "2025-06-12",
            "--to",
            "2025-06-10",
        ],
        "",
        &["--from 2025-06-12", "--to 2025-06-10", "reversed"],
    );
    expect_input_error(
        &[
            "--lang",
            "zh",
            "grid",
            "metrics",
            day,
            "--from",
            "2025-06-12",
            "--to",
            "2025-06-10",
        ],
        "",
        &["2025-06-12", "2025-06-10", "颠倒"],
    );
    // One day is a range: the bundled day, 10 June 2025.
    let (code, out, _) = jiceng(
        &[
            "grid",
            "metrics",
            day,
            "--from",
            "2025-06-10",
            "--to",
            "2025-06-10",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(!out.starts_with("total\treported 0\t"), "{out}");
}
