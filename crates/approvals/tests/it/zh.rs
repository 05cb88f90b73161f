//! Every error in Chinese: the facts of the English text, in a clerk's
//! words, each event and state also named as files write them.

use chrono::NaiveDate;
use jiceng_approvals::{Error, State};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, d).unwrap()
}

#[test]
fn every_error_has_its_chinese_text() {
    let cases = [
        (
            Error::Transition {
                event: "delivered",
                state: State::Received,
            },
            "申请处于“已收件”（received）状态，不能发生“送达”（delivered）事件",
        ),
        (
            Error::OutOfOrder {
                event: "accepted",
                date: day(1),
                previous: day(3),
            },
            "2025-07-01 的“受理”（accepted）事件早于上一事件（2025-07-03）",
        ),
        (
            Error::AtEvent {
                index: 1,
                source: Box::new(Error::Transition {
                    event: "decided",
                    state: State::AwaitingSupplement,
                }),
            },
            "事件 1：申请处于“待补正”（awaiting_supplement）状态，不能发生“作出决定”（decided）事件",
        ),
        (
            Error::NotWorkingDays {
                period: "20d".into(),
            },
            "期限 20d 必须以工作日计（行政许可法第八十二条），如 20wd",
        ),
        (
            Error::LimitNotWorkingDays {
                limit: "extension",
                article: "行政许可法第四十二条",
                period: "10d".into(),
            },
            "延长期限 10d 必须以工作日计（行政许可法第八十二条、行政许可法第四十二条），如 10wd",
        ),
        (
            Error::LimitNotWorkingDays {
                limit: "delivery",
                article: "行政许可法第四十四条",
                period: "10d".into(),
            },
            "送达期限 10d 必须以工作日计（行政许可法第八十二条、行政许可法第四十四条），如 10wd",
        ),
        (
            Error::LimitTooLarge {
                statutory: "4000000000wd".into(),
                extension: "10wd".into(),
            },
            "法定期限 4000000000wd 加延长期限 10wd 过大",
        ),
        (
            Error::SynthLimit {
                what: "number of cases",
                value: "1000000000".into(),
                max: 100_000_000,
            },
            "案件数 1000000000 超过上限 100000000",
        ),
        (
            Error::SynthLimit {
                what: "span of days",
                value: "99999".into(),
                max: 3660,
            },
            "天数跨度 99999 超过上限 3660",
        ),
        (
            Error::Parse {
                field: "events".into(),
                value: String::new(),
                message: "missing".into(),
            },
            "字段 `events`：缺失",
        ),
        (
            Error::Parse {
                field: "id".into(),
                value: String::new(),
                message: "given twice".into(),
            },
            "字段 `id`：重复出现",
        ),
        (
            Error::Parse {
                field: "channel".into(),
                value: "\"fax\"".into(),
                message: "unknown variant `fax`".into(),
            },
            "字段 `channel` 的值 \"fax\"：unknown variant `fax`",
        ),
        (
            Error::UnknownServiceItem {
                item: "NOPE".into(),
                division: "320324000000".into(),
                date: day(21),
            },
            "2025-07-21 在 320324000000 不办理服务事项 NOPE",
        ),
        (
            Error::Plan {
                step: 2,
                on: 2,
                problem: "itself",
            },
            "联办方案：第 2 步依赖第 2 步，而后者就是它自己",
        ),
        (
            Error::Plan {
                step: 1,
                on: 3,
                problem: "not listed before it",
            },
            "联办方案：第 1 步依赖第 3 步，而后者没有列在它之前",
        ),
        (
            Error::Authority(jiceng_authority::Error::UnknownDivision("9".into())),
            "未知的行政区划 9",
        ),
    ];
    for (e, zh) in cases {
        assert_eq!(e.zh(), zh, "{e}");
    }
}

#[test]
fn each_state_and_event_is_named_in_chinese() {
    for (state, zh) in [
        (State::Start, "未收件"),
        (State::Running, "办理中"),
        (State::Suspended, "已中止计时"),
        (State::Decided, "已作出决定"),
        (State::Delivered, "已送达"),
        (State::Rejected, "不予受理"),
        (State::Withdrawn, "已撤回"),
    ] {
        let e = Error::Transition {
            event: "received",
            state,
        };
        assert!(
            e.zh().starts_with(&format!("申请处于“{zh}”（{state}）")),
            "{}",
            e.zh()
        );
    }
    for (event, zh) in [
        ("received", "收件"),
        ("incomplete_notice", "一次性告知补正"),
        ("supplemented", "补正材料"),
        ("rejected", "不予受理"),
        ("suspended", "中止计时"),
        ("resumed", "恢复计时"),
        ("extended", "延长期限"),
        ("withdrawn", "撤回"),
        ("forwarded", "转报"),
        ("hearing_notified", "告知听证权利"),
        ("hearing_requested", "申请听证"),
        ("hearing_scheduled", "安排听证"),
        ("hearing_held", "举行听证"),
    ] {
        let e = Error::OutOfOrder {
            event,
            date: day(1),
            previous: day(2),
        };
        assert!(e.zh().contains(&format!("“{zh}”（{event}）")), "{}", e.zh());
    }
}
