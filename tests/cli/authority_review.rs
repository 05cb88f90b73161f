//! `jiceng authority` on hand-made review ledgers (`data/ca8-*.toml`): the
//! defects they exposed, each a test named after it.
//!
//! The ledgers share one county, 邱县 (130430000000), with 甲镇
//! (130430100000, which has an enforcement team) and 乙镇 (130430101000,
//! which has none). C1 concentrates CF1 and CF2 in the bureau c-zhzf from
//! 2021-09-01; D1 devolves CF1 to 甲镇 from 2022-03-01; R1 revokes it from
//! 2022-09-01.

#![allow(clippy::unwrap_used)]

use super::*;

const L1: &str = "tests/cli/data/ca8-l1.toml";

mod regression {
    use super::*;

    /// l7 grants CF1 to 甲镇 by D1 (from 2022-03-01), DX0 (2022-05-01 to
    /// 2022-06-30), DX2 (2022-06-15 to 2022-06-19) and DX1 (from
    /// 2022-08-01); R1 ends D1 and DX1 on 2022-09-01 (their last day is
    /// 2022-08-31). DX0 and DX1 never meet, so no day has all four. Day by
    /// day: D1, DX0 and DX2 from 06-15 to 06-19; D1 and DX1 from 08-01 to
    /// 08-31. Each run is reported at D1's CF1 line (153), naming its
    /// instruments at their CF1 lines.
    #[test]
    fn overlap_said_four_instruments_in_force_at_the_same_time() {
        const L7: &str = "tests/cli/data/ca8-l7.toml";
        let (code, out, _) = jiceng(&["authority", "check", L7], "");
        assert_eq!(code, 1);
        let runs: Vec<&str> = out.lines().filter(|l| l.contains("granted to")).collect();
        assert_eq!(
            runs,
            [
                "error\ttests/cli/data/ca8-l7.toml:153 instrument D1 item CF1 division 130430100000\titem \"CF1\" is granted to township 130430100000 by 3 instruments in force at the same time from 2022-06-15 to 2022-06-19 inclusive: \"D1\" (line 153), \"DX0\" (line 203), \"DX2\" (line 228)",
                "error\ttests/cli/data/ca8-l7.toml:153 instrument D1 item CF1 division 130430100000\titem \"CF1\" is granted to township 130430100000 by 2 instruments in force at the same time from 2022-08-01 to 2022-08-31 inclusive: \"D1\" (line 153), \"DX1\" (line 215)",
            ]
        );
        let (_, out, _) = jiceng(&["--lang", "zh", "authority", "check", L7], "");
        let runs: Vec<&str> = out.lines().filter(|l| l.contains("赋权重叠")).collect();
        assert_eq!(
            runs,
            [
                "错误\ttests/cli/data/ca8-l7.toml:153 文件 D1 事项 CF1 区划 130430100000\t赋权重叠：事项 \"CF1\" 自 2022-06-15 起至 2022-06-19 止同时由 3 份有效文件赋予乡镇 130430100000：\"D1\"（第 153 行）、\"DX0\"（第 203 行）、\"DX2\"（第 228 行）",
                "错误\ttests/cli/data/ca8-l7.toml:153 文件 D1 事项 CF1 区划 130430100000\t赋权重叠：事项 \"CF1\" 自 2022-08-01 起至 2022-08-31 止同时由 2 份有效文件赋予乡镇 130430100000：\"D1\"（第 153 行）、\"DX1\"（第 215 行）",
            ]
        );
    }

    /// On 2023-03-02 D1 was 366 days old (2022-03-01 to 2023-03-01 is 365
    /// days, no 29 February between) and never evaluated, but R1 took
    /// CF1 back from 甲镇 on 2022-09-01: D1 grants nothing, 甲镇 holds no
    /// power that day, and the county bureau holds CF1 again by C1.
    #[test]
    fn evaluation_overdue_warned_for_a_wholly_revoked_devolution() {
        let (_, out, _) = jiceng(&["authority", "check", L1, "--as-of", "2023-03-02"], "");
        assert!(!out.contains("evaluat"), "{out}");
        let (_, out, _) = jiceng(
            &["authority", "check", L1, "--as-of", "2023-03-02", "--json"],
            "",
        );
        assert!(!out.contains("evaluation_overdue"), "{out}");
        let (code, out, _) = jiceng(
            &[
                "authority",
                "holder",
                "--ledger",
                L1,
                "--item",
                "CF1",
                "--division",
                "130430100000",
                "--date",
                "2023-03-02",
            ],
            "",
        );
        assert_eq!((code, out.as_str()), (0, "c-zhzf 县综合执法局\n"));
    }
}

/// `--lang zh` speaks Chinese in every line of `check`: the severity, the
/// location's labels (文件 instrument, 事项 item, 区划 division, 职责 duty),
/// the kind and the message; the JSON is the same in both languages.
#[test]
fn authority_check_speaks_chinese_in_every_finding() {
    const L2: &str = "tests/cli/data/ca8-l2.toml";
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "authority",
            "check",
            L2,
            "--as-of",
            "2023-03-02",
        ],
        "",
    );
    assert_eq!(code, 1);
    // C2 (line 212 of the file: its `to` line) concentrates into 甲镇's
    // team, a body of 甲镇, not of 邱县 (Art. 18).
    assert!(
        out.contains(
            "错误\ttests/cli/data/ca8-l2.toml:212 文件 C2\t划转对象不是县级机关：划转 \"C2\" 划入 甲镇执法队（t1-zfd），该机关属于 130430100000，不属于县 130430000000：行政处罚权只能集中由同一政府的一个行政机关行使（行政处罚法第十八条）\n"
        ),
        "{out}"
    );
    // G2 is a guidance list issued by the county government (Art. 24).
    assert!(
        out.contains(
            "错误\ttests/cli/data/ca8-l2.toml:195 文件 G2\t发文机关无权决定：指导目录 \"G2\" 由 县政府（c-gov）发布，该机关不是省级机关：由省级决定将哪些县级权力交由乡镇行使（行政处罚法第二十四条）\n"
        ),
        "{out}"
    );
    // D3 took effect on 2022-03-01 and was never evaluated: 366 days
    // before 2023-03-02, and its grant of CF2 to 甲镇 was never revoked.
    assert!(
        out.contains(
            "警告\ttests/cli/data/ca8-l2.toml:217 文件 D3\t未按期评估：\"D3\" 最近一次评估（或生效）于 2022-03-01，距 2023-03-02 已 366 天，超过评估间隔 365 天（行政处罚法第二十四条：应当定期评估）\n"
        ),
        "{out}"
    );
    let (_, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "authority",
            "check",
            L1,
            "--as-of",
            "2023-03-02",
        ],
        "",
    );
    // On 2023-03-02 CF1 is back with the county bureau (R1), so 甲镇's
    // basic duty DU1 lacks it; A2 is a pledge naming no duty.
    for line in [
        "错误\ttests/cli/data/ca8-l1.toml:237 文件 TL 事项 CF1 区划 130430100000 职责 DU1\t有责无权：乡镇 130430100000 的基本履职事项 \"DU1\"（环评执法）所需的权力事项 \"CF1\"（环评处罚）在 2023-03-02 不由该乡镇持有（持有者：c-zhzf 县综合执法局）：有责无权\n",
        "警告\ttests/cli/data/ca8-l1.toml:259 文件 A2 区划 130430100000\t考核或责任状超出职责清单：针对乡镇 130430100000 的责任状 \"A2\" 未考核任何职责：只能考核乡镇职责清单内的事项\n",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    for label in ["instrument", "item", "division", "duty", " by ", " the "] {
        assert!(!out.contains(label), "{label:?} in {out}");
    }
    let json = |lang: &str| {
        jiceng(
            &[
                "--lang",
                lang,
                "authority",
                "check",
                L2,
                "--as-of",
                "2023-03-02",
                "--json",
            ],
            "",
        )
        .1
    };
    assert_eq!(json("zh"), json("en"));
}

/// `list divisions|bodies --lang zh` names the kinds in Chinese; the JSON
/// keeps the English kinds in both languages.
#[test]
fn authority_list_names_kinds_in_chinese() {
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "authority",
            "list",
            "divisions",
            "--ledger",
            L1,
            "--filter",
            "镇",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "代码          名称  类型  标签\n130430100000  甲镇  镇    \n130430101000  乙镇  镇    \n"
    );
    let (_, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "authority",
            "list",
            "bodies",
            "--ledger",
            L1,
            "--filter",
            "c-",
            "--format",
            "csv",
        ],
        "",
    );
    assert_eq!(
        out,
        "编码,名称,类型,所属区划\n\
         c-gov,县政府,人民政府,130430000000\n\
         c-scjg,县市场监管局,政府部门,130430000000\n\
         c-sthj,县生态环境分局,政府部门,130430000000\n\
         c-zhzf,县综合执法局,综合行政执法局,130430000000\n"
    );
    for what in ["items", "divisions", "bodies"] {
        let json = |lang: &str| {
            jiceng(
                &[
                    "--lang",
                    lang,
                    "authority",
                    "list",
                    what,
                    "--ledger",
                    L1,
                    "--format",
                    "json",
                ],
                "",
            )
            .1
        };
        assert_eq!(json("zh"), json("en"), "{what}");
    }
    let (_, out, _) = jiceng(
        &[
            "authority",
            "list",
            "bodies",
            "--ledger",
            L1,
            "--filter",
            "t1-zfd",
        ],
        "",
    );
    assert_eq!(
        out,
        "code    name        kind              division\nt1-zfd  甲镇执法队  enforcement_team  130430100000\n"
    );
}

/// `timeline` text heads its columns and names each stretch's last day,
/// inclusive, as the citations beside it do; the JSON keeps `until`, the
/// first day of the next stretch. In l7, CF1 in 甲镇: by law the 生态环境
/// department until C1 takes effect on 2021-09-01, so its last day is
/// 2021-08-31; C1 until D1 on 2022-03-01 (last day 2022-02-28, 2022 not a
/// leap year); D1 until DX0 on 2022-05-01 (last day 04-30); DX0 until DX2
/// on 06-15 (06-14); DX2 to 06-19 (its `effective_until` is 06-20); DX0 to
/// 06-30; D1 to 07-31 (DX1 from 08-01); DX1 to 08-31 (R1 from 09-01); then
/// C1 again, open.
#[test]
fn authority_timeline_heads_its_columns_and_names_last_days() {
    const L7: &str = "tests/cli/data/ca8-l7.toml";
    let args = |lang: &'static str, json: bool| {
        let mut a = vec![
            "--lang",
            lang,
            "authority",
            "timeline",
            "--ledger",
            L7,
            "--item",
            "CF1",
            "--division",
            "130430100000",
        ];
        if json {
            a.push("--json");
        }
        a
    };
    let (code, out, _) = jiceng(&args("en", false), "");
    assert_eq!(code, 0);
    let cols: Vec<String> = out.lines().map(|l| l.chars().take(36).collect()).collect();
    assert_eq!(
        cols,
        [
            "from        to (inclusive)  holder, ",
            "(statute)   2021-08-31      c-sthj 县",
            "2021-09-01  2022-02-28      c-zhzf 县",
            "2022-03-01  2022-04-30      t1-gov 甲",
            "2022-05-01  2022-06-14      t1-gov 甲",
            "2022-06-15  2022-06-19      t1-gov 甲",
            "2022-06-20  2022-06-30      t1-gov 甲",
            "2022-07-01  2022-07-31      t1-gov 甲",
            "2022-08-01  2022-08-31      t1-gov 甲",
            "2022-09-01                  c-zhzf 县",
        ]
    );
    // The stretch of DX2 ends on its own last day, as its citation says.
    assert!(
        out.lines()
            .nth(5)
            .unwrap()
            .contains("to 2022-06-19 inclusive"),
        "{out}"
    );
    let (_, out, _) = jiceng(&args("zh", false), "");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "起始日      截止日（含）  持有者、依据文件");
    assert!(
        lines[1].starts_with("（法定）    2021-08-31    c-sthj "),
        "{out}"
    );
    assert!(
        lines[9].starts_with("2022-09-01                c-zhzf "),
        "{out}"
    );
    // JSON: `until` is still the first day no longer in force.
    let (_, out, _) = jiceng(&args("en", true), "");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v[0]["until"], "2021-09-01");
    assert_eq!(v[4]["from"], "2022-06-15");
    assert_eq!(v[4]["until"], "2022-06-20");
    assert_eq!(jiceng(&args("zh", true), "").1, out);
}
