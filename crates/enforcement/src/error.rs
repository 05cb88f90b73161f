//! The one error type of this crate.

use chrono::NaiveDate;

use crate::case::State;

/// Everything that can go wrong in this crate.
///
/// Errors are for inputs that cannot be answered (an event that cannot have
/// happened, a malformed amount); unlawful conduct by an agency is never an
/// error but a [`crate::Flag`] on the evaluation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An event that the current state does not allow.
    #[error("event {event} is not allowed in state {state}")]
    Transition {
        /// The event's name.
        event: &'static str,
        /// The state it met.
        state: State,
    },
    /// An event dated before the previous one.
    #[error("event {event} on {date} is dated before the previous event ({previous})")]
    OutOfOrder {
        /// The event's name.
        event: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The previous event's date.
        previous: NaiveDate,
    },
    /// An error at one event of a log.
    #[error("event {index}: {source}")]
    AtEvent {
        /// The event's index in the log (0-based).
        index: usize,
        /// The error.
        source: Box<Error>,
    },
    /// An amount of money that cannot be a fine or a value.
    #[error("invalid amount {value} in `{field}`: {reason}")]
    Amount {
        /// The field.
        field: &'static str,
        /// The amount as given.
        value: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A date range given backwards.
    #[error("`{later}` ({to}) is before `{earlier}` ({from})")]
    Reversed {
        /// The field that should come first.
        earlier: &'static str,
        /// Its date.
        from: NaiveDate,
        /// The field that should come later.
        later: &'static str,
        /// Its date.
        to: NaiveDate,
    },
    /// A date computation left the representable dates.
    #[error("date overflow: {what} from {date}")]
    DateOverflow {
        /// What was being computed.
        what: &'static str,
        /// The starting date.
        date: NaiveDate,
    },
    /// A violation without any penalty item, or a choice among no fines.
    #[error("{0} is empty")]
    Empty(&'static str),
    /// More penalty items or filings than a single question may carry.
    #[error("{what}: {count} given, at most {max}")]
    TooMany {
        /// What was counted.
        what: &'static str,
        /// How many were given.
        count: usize,
        /// The bound.
        max: usize,
    },
    /// An item of the ledger that is not a penalty item, named in a
    /// violation (Arts. 22–25 decide who imposes penalties).
    #[error(
        "item {item} is a {category} ({}) item, not a penalty (行政处罚) item: a violation's jurisdiction (行政处罚法第二十二条至第二十五条) takes penalty items only",
        .category.zh()
    )]
    NotPenalty {
        /// The item's code.
        item: String,
        /// Its category.
        category: jiceng_authority::PowerCategory,
    },
    /// A line of a cases file that is not a case: the field (`events[2].kind`,
    /// or `(case)` for the whole line) and why. No value it quotes is
    /// longer than 60 characters.
    #[error("field `{field}`: {message}")]
    Parse {
        /// The field, e.g. `events[2].date`.
        field: String,
        /// Why it is not accepted.
        message: String,
    },
    /// A calendar error (a date outside coverage …).
    #[error(transparent)]
    Calendar(#[from] jiceng_calendar::Error),
    /// An authority ledger error (unknown item or division, no holder …).
    #[error(transparent)]
    Authority(#[from] jiceng_authority::Error),
}

impl Error {
    /// The message in Chinese, for a clerk: the same facts as the English
    /// text, with each event and state named in Chinese and as the file
    /// writes it. A field's value that serde refused keeps serde's words.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_enforcement::{Error, State};
    ///
    /// let e = Error::Transition { event: "served", state: State::Filed };
    /// assert_eq!(e.zh(), "案件处于“已立案”（filed）状态，不能发生“送达”（served）事件");
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Error::Transition { event, state } => format!(
                "案件处于“{}”（{}）状态，不能发生“{}”（{event}）事件",
                state_zh(*state),
                state.name(),
                event_zh(event)
            ),
            Error::OutOfOrder {
                event,
                date,
                previous,
            } => format!(
                "{date} 的“{}”（{event}）事件早于上一事件（{previous}）",
                event_zh(event)
            ),
            Error::AtEvent { index, source } => format!("事件 {index}：{}", source.zh()),
            Error::Amount {
                field,
                value,
                reason,
            } => format!("`{field}` 的金额 {value} 无效：{}", amount_zh(reason)),
            Error::Reversed {
                earlier,
                from,
                later,
                to,
            } => format!("`{later}`（{to}）早于 `{earlier}`（{from}）"),
            Error::DateOverflow { what, date } => {
                format!("日期超出可表示的范围：自 {date} 起算的{}", what_zh(what))
            }
            Error::Empty(what) => format!("{}为空", what_zh(what)),
            Error::TooMany { what, count, max } => {
                format!("{}：给出 {count} 个，最多 {max} 个", what_zh(what))
            }
            Error::NotPenalty { item, category } => format!(
                "事项 {item} 属于{}，不是行政处罚事项：违法行为的管辖（行政处罚法第二十二条至第二十五条）只适用于行政处罚事项",
                category.zh()
            ),
            Error::Parse { field, message } => format!("字段 `{field}`：{}", parse_zh(message)),
            Error::Authority(e) => e.zh(),
            // The calendar's words are the command line's to say, with
            // the flag that lifts its coverage.
            Error::Calendar(_) => self.to_string(),
        }
    }
}

/// A state in Chinese.
fn state_zh(state: State) -> &'static str {
    match state {
        State::Start => "未立案",
        State::Clue => "发现线索",
        State::Filed => "已立案",
        State::Notified => "已告知",
        State::HearingRequested => "已申请听证",
        State::HearingScheduled => "已安排听证",
        State::HearingHeld => "已举行听证",
        State::Suspended => "已中止",
        State::Decided => "已作出决定",
        State::Served => "已送达",
        State::Paid => "已缴纳",
        State::Enforcing => "强制执行中",
        State::Transferred => "已移送",
        State::Closed => "已结案",
    }
}

/// An event, by the name files write, in Chinese.
fn event_zh(event: &str) -> &str {
    match event {
        "clue" => "发现线索",
        "filed" => "立案",
        "investigation" => "调查",
        "notified" => "告知",
        "hearing_requested" => "申请听证",
        "hearing_scheduled" => "安排听证",
        "hearing_held" => "举行听证",
        "suspended" => "中止",
        "resumed" => "恢复",
        "extended" => "延长期限",
        "legal_review" => "法制审核",
        "decided" => "作出决定",
        "served" => "送达",
        "paid" => "缴纳",
        "surcharged" => "加处罚款",
        "execution_applied" => "申请强制执行",
        "transferred" => "移送司法机关",
        "closed" => "结案",
        other => other,
    }
}

/// An amount's fault in Chinese (the crate's own words, each listed).
fn amount_zh(reason: &str) -> &str {
    match reason {
        "an amount cannot be negative" => "金额不能为负数",
        "an amount has at most two decimals (fen)" => "金额最多两位小数（到分）",
        "an amount is at most 10^15 yuan" => "金额最多 10^15 元",
        other => other,
    }
}

/// What a period, a list or a count is, in Chinese (the crate's own
/// words, each listed).
fn what_zh(what: &str) -> &str {
    match what {
        "the decision period (行政处罚法第六十条)" => {
            "作出决定的期限（行政处罚法第六十条）"
        }
        "the hearing notice (行政处罚法第六十四条)" => "听证通知（行政处罚法第六十四条）",
        "the limitation period (行政处罚法第三十六条)" => {
            "追责时效（行政处罚法第三十六条）"
        }
        "the list of items" => "事项清单",
        "the list of fines" => "罚款清单",
        "the reason of a decision of no penalty (`reason`)" => "不予处罚决定的理由（`reason`）",
        "items" => "事项",
        other => other,
    }
}

/// The case reader's own words in Chinese; serde's (the form a value
/// should have) are kept as they are.
fn parse_zh(message: &str) -> String {
    match message {
        "missing" => return "缺失".to_owned(),
        "given twice" => return "重复出现".to_owned(),
        "not a field of a case" => return "不是案件的字段".to_owned(),
        "not a field of an event" => return "不是事件的字段".to_owned(),
        "not a field of a penalty" => return "不是处罚的字段".to_owned(),
        _ => {}
    }
    let of = |what: &str| {
        message
            .strip_prefix("not a field of a `")
            .and_then(|rest| rest.strip_suffix(what))
    };
    if let Some(kind) = of("` event") {
        return format!("不是“{kind}”事件的字段");
    }
    if let Some(kind) = of("` penalty") {
        return format!("不是“{kind}”处罚的字段");
    }
    if let Some(why) = message.strip_prefix("not JSON: ") {
        return format!("不是 JSON：{why}");
    }
    if let Some(rest) = message.strip_prefix("not a field here") {
        return match rest.strip_prefix(", expected ") {
            Some(expected) => format!("此处没有该字段，应为 {expected}"),
            None => "此处没有该字段".to_owned(),
        };
    }
    message.to_owned()
}
