//! The one error type of this crate.

use chrono::NaiveDate;

use crate::case::State;

/// Everything that can go wrong in this crate.
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
    /// A limit that is not in working days where working days are needed
    /// (the Licensing Law counts in working days, Art. 82).
    #[error("limit {period} must be in working days (行政许可法第八十二条), e.g. 20wd")]
    NotWorkingDays {
        /// The period as written.
        period: String,
    },
    /// A limit the law sets for the agency (the extension, delivery)
    /// written in calendar days: Art. 82 counts every such limit in
    /// working days.
    #[error(
        "{limit} limit {period} must be in working days (行政许可法第八十二条、{article}), e.g. 10wd"
    )]
    LimitNotWorkingDays {
        /// Which limit: `extension` or `delivery`.
        limit: &'static str,
        /// The article that sets it, e.g. `第四十四条`.
        article: &'static str,
        /// The period as written.
        period: String,
    },
    /// A statutory limit and its extension add up to more than a period
    /// can hold.
    #[error("statutory limit {statutory} plus extension {extension} is too large")]
    LimitTooLarge {
        /// The statutory limit.
        statutory: String,
        /// The extension.
        extension: String,
    },
    /// A generator's argument beyond its documented limit.
    #[error("{what} {value} is beyond the limit of {max}")]
    SynthLimit {
        /// Which argument.
        what: &'static str,
        /// The value given.
        value: String,
        /// The limit.
        max: u64,
    },
    /// A case that cannot be read: the field, the value met, and why.
    #[error("field `{field}`{}: {message}", with_value(.value))]
    Parse {
        /// The field, e.g. `events[2].date`.
        field: String,
        /// The value met (cut to 60 characters); empty where there is
        /// none (a field missing or given twice), and then not said.
        value: String,
        /// Why it is not accepted.
        message: String,
    },
    /// A catalogue file that cannot be read, or an entry that lacks a
    /// field: the file, the line when known, and why.
    #[error("{origin}:{}: {message}", line.map_or_else(|| "-".to_owned(), |l| l.to_string()))]
    Catalogue {
        /// The file's name.
        origin: String,
        /// The line, when known.
        line: Option<usize>,
        /// Why it is not accepted.
        message: String,
    },
    /// A service item that the catalogue does not offer in a place on a
    /// day (nor any place above it).
    #[error("service item {item} is not offered in {division} on {date}")]
    UnknownServiceItem {
        /// The item's code.
        item: String,
        /// The place.
        division: String,
        /// The day.
        date: NaiveDate,
    },
    /// A calendar error (a date outside coverage …).
    #[error(transparent)]
    Calendar(#[from] jiceng_calendar::Error),
    /// An authority ledger error (unknown item or division …).
    #[error(transparent)]
    Authority(#[from] jiceng_authority::Error),
    /// A joint plan step depends on itself, or on a step that does not exist.
    #[error("joint plan: step {step} depends on {on}, which is {problem}")]
    Plan {
        /// The step's index.
        step: usize,
        /// The dependency's index.
        on: usize,
        /// What is wrong with it.
        problem: &'static str,
    },
}

/// `, value V` for a value met, nothing for none.
fn with_value(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!(", value {value}")
    }
}

impl Error {
    /// The message in Chinese, for a clerk: the same facts as the English
    /// text, each event and state named in Chinese and as files write it.
    /// A field's value that serde refused keeps serde's words.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::{Error, State};
    ///
    /// let e = Error::Transition { event: "delivered", state: State::Received };
    /// assert_eq!(e.zh(), "申请处于“已收件”（received）状态，不能发生“送达”（delivered）事件");
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Error::Transition { event, state } => format!(
                "申请处于“{}”（{state}）状态，不能发生“{}”（{event}）事件",
                state_zh(*state),
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
            Error::NotWorkingDays { period } => {
                format!("期限 {period} 必须以工作日计（行政许可法第八十二条），如 20wd")
            }
            Error::LimitNotWorkingDays {
                limit,
                article,
                period,
            } => format!(
                "{}期限 {period} 必须以工作日计（行政许可法第八十二条、{article}），如 10wd",
                match *limit {
                    "extension" => "延长",
                    "delivery" => "送达",
                    other => other,
                }
            ),
            Error::LimitTooLarge {
                statutory,
                extension,
            } => format!("法定期限 {statutory} 加延长期限 {extension} 过大"),
            Error::SynthLimit { what, value, max } => format!(
                "{} {value} 超过上限 {max}",
                match *what {
                    "number of cases" => "案件数",
                    "span of days" => "天数跨度",
                    other => other,
                }
            ),
            Error::Parse {
                field,
                value,
                message,
            } => {
                let message = match message.as_str() {
                    "missing" => "缺失",
                    "given twice" => "重复出现",
                    other => other,
                };
                if value.is_empty() {
                    format!("字段 `{field}`：{message}")
                } else {
                    format!("字段 `{field}` 的值 {value}：{message}")
                }
            }
            Error::Catalogue { .. } | Error::Calendar(_) => self.to_string(),
            Error::UnknownServiceItem {
                item,
                division,
                date,
            } => format!("{date} 在 {division} 不办理服务事项 {item}"),
            Error::Authority(e) => e.zh(),
            Error::Plan { step, on, problem } => format!(
                "联办方案：第 {step} 步依赖第 {on} 步，而后者{}",
                match *problem {
                    "itself" => "就是它自己",
                    "not listed before it" => "没有列在它之前",
                    other => other,
                }
            ),
        }
    }
}

/// A state in Chinese.
fn state_zh(state: State) -> &'static str {
    match state {
        State::Start => "未收件",
        State::Received => "已收件",
        State::AwaitingSupplement => "待补正",
        State::Running => "办理中",
        State::Suspended => "已中止计时",
        State::Decided => "已作出决定",
        State::Delivered => "已送达",
        State::Rejected => "不予受理",
        State::Withdrawn => "已撤回",
    }
}

/// An event, by the name files write, in Chinese.
fn event_zh(event: &str) -> &str {
    match event {
        "received" => "收件",
        "incomplete_notice" => "一次性告知补正",
        "supplemented" => "补正材料",
        "accepted" => "受理",
        "rejected" => "不予受理",
        "suspended" => "中止计时",
        "resumed" => "恢复计时",
        "extended" => "延长期限",
        "decided" => "作出决定",
        "delivered" => "送达",
        "withdrawn" => "撤回",
        "forwarded" => "转报",
        "hearing_notified" => "告知听证权利",
        "hearing_requested" => "申请听证",
        "hearing_scheduled" => "安排听证",
        "hearing_held" => "举行听证",
        other => other,
    }
}
