//! Every error in Chinese: the facts of the English text, in a clerk's
//! words, each event and state also named as files write them.

use chrono::NaiveDate;
use jiceng_enforcement::{Error, State};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, d).unwrap()
}

#[test]
fn every_error_has_its_chinese_text() {
    let cases = [
        (
            Error::Transition {
                event: "served",
                state: State::Filed,
            },
            "案件处于“已立案”（filed）状态，不能发生“送达”（served）事件",
        ),
        (
            Error::OutOfOrder {
                event: "notified",
                date: day(1),
                previous: day(3),
            },
            "2025-07-01 的“告知”（notified）事件早于上一事件（2025-07-03）",
        ),
        (
            Error::AtEvent {
                index: 2,
                source: Box::new(Error::Transition {
                    event: "paid",
                    state: State::Decided,
                }),
            },
            "事件 2：案件处于“已作出决定”（decided）状态，不能发生“缴纳”（paid）事件",
        ),
        (
            Error::Amount {
                field: "fine",
                value: "-5".into(),
                reason: "an amount cannot be negative",
            },
            "`fine` 的金额 -5 无效：金额不能为负数",
        ),
        (
            Error::Reversed {
                earlier: "--due",
                from: day(3),
                later: "--paid",
                to: day(1),
            },
            "`--paid`（2025-07-01）早于 `--due`（2025-07-03）",
        ),
        (
            Error::DateOverflow {
                what: "the limitation period (行政处罚法第三十六条)",
                date: day(1),
            },
            "日期超出可表示的范围：自 2025-07-01 起算的追责时效（行政处罚法第三十六条）",
        ),
        (Error::Empty("the list of items"), "事项清单为空"),
        (
            Error::TooMany {
                what: "items",
                count: 2000,
                max: 1000,
            },
            "事项：给出 2000 个，最多 1000 个",
        ),
        (
            Error::NotPenalty {
                item: "HB-XK-001".into(),
                category: jiceng_authority::PowerCategory::Licensing,
            },
            "事项 HB-XK-001 属于行政许可，不是行政处罚事项：违法行为的管辖（行政处罚法第二十二条至第二十五条）只适用于行政处罚事项",
        ),
        (
            Error::Parse {
                field: "events[0].hearing_on".into(),
                message: "not a field of a `filed` event".into(),
            },
            "字段 `events[0].hearing_on`：不是“filed”事件的字段",
        ),
        (
            Error::Authority(jiceng_authority::Error::UnknownItem("NOPE".into())),
            "未知的权力事项 \"NOPE\"",
        ),
    ];
    for (e, zh) in cases {
        assert_eq!(e.zh(), zh, "{e}");
    }
}

/// Each of the crate's own words has its Chinese: none is left as the
/// English.
#[test]
fn each_reason_and_subject_is_translated() {
    for reason in [
        "an amount cannot be negative",
        "an amount has at most two decimals (fen)",
        "an amount is at most 10^15 yuan",
    ] {
        let e = Error::Amount {
            field: "fine",
            value: "1".into(),
            reason,
        };
        assert!(!e.zh().contains(reason), "{}", e.zh());
    }
    for (what, zh) in [
        (
            "the decision period (行政处罚法第六十条)",
            "作出决定的期限（行政处罚法第六十条）",
        ),
        (
            "the hearing notice (行政处罚法第六十四条)",
            "听证通知（行政处罚法第六十四条）",
        ),
        ("the list of fines", "罚款清单"),
        (
            "the reason of a decision of no penalty (`reason`)",
            "不予处罚决定的理由（`reason`）",
        ),
    ] {
        assert!(
            Error::DateOverflow { what, date: day(1) }
                .zh()
                .ends_with(zh)
        );
        assert_eq!(Error::Empty(what).zh(), format!("{zh}为空"));
    }
    let states = [
        (State::Start, "未立案"),
        (State::Clue, "发现线索"),
        (State::Notified, "已告知"),
        (State::HearingRequested, "已申请听证"),
        (State::HearingScheduled, "已安排听证"),
        (State::HearingHeld, "已举行听证"),
        (State::Suspended, "已中止"),
        (State::Served, "已送达"),
        (State::Paid, "已缴纳"),
        (State::Enforcing, "强制执行中"),
        (State::Transferred, "已移送"),
        (State::Closed, "已结案"),
    ];
    for (state, zh) in states {
        let e = Error::Transition {
            event: "clue",
            state,
        };
        assert!(
            e.zh()
                .starts_with(&format!("案件处于“{zh}”（{}）", state.name())),
            "{}",
            e.zh()
        );
    }
    for (event, zh) in [
        ("clue", "发现线索"),
        ("filed", "立案"),
        ("investigation", "调查"),
        ("hearing_requested", "申请听证"),
        ("hearing_scheduled", "安排听证"),
        ("hearing_held", "举行听证"),
        ("suspended", "中止"),
        ("resumed", "恢复"),
        ("extended", "延长期限"),
        ("legal_review", "法制审核"),
        ("decided", "作出决定"),
        ("surcharged", "加处罚款"),
        ("execution_applied", "申请强制执行"),
        ("transferred", "移送司法机关"),
        ("closed", "结案"),
    ] {
        let e = Error::OutOfOrder {
            event,
            date: day(1),
            previous: day(2),
        };
        assert!(e.zh().contains(&format!("“{zh}”（{event}）")), "{}", e.zh());
    }
    for (message, zh) in [
        ("missing", "缺失"),
        ("given twice", "重复出现"),
        ("not a field of a case", "不是案件的字段"),
        ("not a field of an event", "不是事件的字段"),
        ("not a field of a penalty", "不是处罚的字段"),
        (
            "not a field of a `closure` penalty",
            "不是“closure”处罚的字段",
        ),
        ("not JSON: EOF", "不是 JSON：EOF"),
        ("not a field here", "此处没有该字段"),
        (
            "not a field here, expected `name`",
            "此处没有该字段，应为 `name`",
        ),
    ] {
        let e = Error::Parse {
            field: "f".into(),
            message: message.into(),
        };
        assert_eq!(e.zh(), format!("字段 `f`：{zh}"));
    }
}
