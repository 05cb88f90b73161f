//! The one error type of this crate.

use uuid::Uuid;

use crate::event::State;

/// Everything that can go wrong in this crate.
///
/// Two kinds of answer are errors: an action that cannot have happened (an
/// invalid transition, an action dated before the previous one, an unknown
/// event), and an action the engine refuses ([`Error::Refused`]). In both
/// cases the engine's state is left exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An action the event's state does not allow.
    #[error("action {action} is not allowed on event {event} in state {state}")]
    Transition {
        /// The event's id.
        event: Uuid,
        /// The action's name.
        action: &'static str,
        /// The state it met.
        state: State,
    },
    /// An action refused by the engine's authorisation rules.
    #[error("refused: {actor} may not {action} event {event}: {reason}")]
    Refused {
        /// Who tried (cut to 60 characters, as is any value the reason
        /// quotes).
        actor: String,
        /// What they tried.
        action: &'static str,
        /// On which event.
        event: Uuid,
        /// Why it is refused.
        reason: String,
    },
    /// An action on an event that was never reported.
    #[error("action {action} names event {event}, which was never reported")]
    UnknownEvent {
        /// The event's id.
        event: Uuid,
        /// The action's name.
        action: &'static str,
    },
    /// A second report with an id already in the log.
    #[error("event {event} is reported twice")]
    DuplicateEvent {
        /// The event's id.
        event: Uuid,
    },
    /// An event id that is not a version 7 uuid (ids must sort by time).
    #[error("event id {event} is not a version 7 uuid (it is version {version})")]
    NotV7 {
        /// The id.
        event: Uuid,
        /// Its version number.
        version: usize,
    },
    /// An action dated before the event's previous action.
    #[error(
        "action {action} on event {event} at {at} is dated before the previous action ({previous})"
    )]
    OutOfOrder {
        /// The event's id.
        event: Uuid,
        /// The action's name.
        action: &'static str,
        /// Its time.
        at: String,
        /// The previous action's time.
        previous: String,
    },
    /// A report refused because the engine already holds as many events as
    /// its cap allows ([`crate::Engine::with_max_open`]).
    #[error(
        "event {event} cannot be held: {max} events are open at once, the most allowed; the cap must be raised to hold more"
    )]
    TooManyOpen {
        /// The event refused.
        event: Uuid,
        /// The cap.
        max: usize,
    },
    /// A grid or taxonomy file that cannot be read: its syntax, a missing,
    /// unknown or malformed field, or a value the checks refuse.
    #[error("{origin}{}: {reason}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        /// The file.
        origin: String,
        /// The 1-based line, where known.
        line: Option<usize>,
        /// What is wrong, naming the field or value.
        reason: String,
    },
    /// A category code the taxonomy does not know (cut to 60 characters).
    #[error("unknown category {0}")]
    UnknownCategory(String),
    /// A cell id the grid does not know (cut to 60 characters).
    #[error("unknown cell {0}")]
    UnknownCell(String),
    /// A grid or taxonomy that is not well formed (duplicate ids, a worker
    /// in an unknown cell, a category without power items …).
    #[error("invalid {what}: {reason}")]
    Invalid {
        /// Which part.
        what: &'static str,
        /// What is wrong, naming the value.
        reason: String,
    },
    /// A calendar error (a date outside coverage …).
    #[error(transparent)]
    Calendar(#[from] jiceng_calendar::Error),
    /// An authority ledger error (unknown item or division …).
    #[error(transparent)]
    Authority(#[from] jiceng_authority::Error),
    /// An enforcement jurisdiction error.
    #[error(transparent)]
    Enforcement(#[from] jiceng_enforcement::Error),
}

impl Error {
    /// The error in Chinese, for the clerks who read a replay's refusals:
    /// every error of the engine (transitions, refusals with each of their
    /// reasons, unknown or duplicate events, times out of order, the cap)
    /// and of its checks on an action (a rating's score, a postponement's
    /// date). Errors of files and of the other crates keep their English
    /// text, as does a refusal's reason the engine did not write.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_grid::{Error, State};
    ///
    /// let e = Error::Transition {
    ///     event: "01975779-f5a0-7000-8000-000000000001".parse()?,
    ///     action: "close",
    ///     state: State::Resolved,
    /// };
    /// assert_eq!(
    ///     e.zh(),
    ///     "事件 01975779-f5a0-7000-8000-000000000001 处于“已处置”状态，不能“结案”"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Error::Transition {
                event,
                action,
                state,
            } => format!(
                "事件 {event} 处于“{}”状态，不能“{}”",
                state.zh(),
                action_zh(action)
            ),
            Error::Refused {
                actor,
                action,
                event,
                reason,
            } => format!(
                "拒绝：{actor} 不能对事件 {event} 执行“{}”：{}",
                action_zh(action),
                reason_zh(reason)
            ),
            Error::UnknownEvent { event, action } => {
                format!("“{}”所指的事件 {event} 从未上报", action_zh(action))
            }
            Error::DuplicateEvent { event } => format!("事件 {event} 重复上报"),
            Error::NotV7 { event, version } => {
                format!("事件编号 {event} 不是第 7 版 UUID（是第 {version} 版）")
            }
            Error::OutOfOrder {
                event,
                action,
                at,
                previous,
            } => format!(
                "事件 {event} 的“{}”时间 {at} 早于上一操作的时间（{previous}）",
                action_zh(action)
            ),
            Error::TooManyOpen { event, max } => format!(
                "事件 {event} 无法接收：同时未结的事件已达上限 {max} 件，须提高上限才能接收更多"
            ),
            Error::UnknownCategory(code) => format!("未知的事件类别 {code}"),
            Error::UnknownCell(cell) => format!("未知的网格 {cell}"),
            Error::Invalid { what, reason } => invalid_zh(what, reason),
            Error::Authority(e) => e.zh(),
            Error::Enforcement(e) => e.zh(),
            _ => self.to_string(),
        }
    }
}

/// A value from the input as an error quotes it: its first 60 characters,
/// then `…` where it was longer. A log is hostile input, and a kilobyte of
/// cell or actor must not make a kilobyte of message.
pub(crate) fn cut(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// The part of `text` between `prefix` and `suffix`, when it has both.
fn between<'a>(text: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    text.strip_prefix(prefix)?.strip_suffix(suffix)
}

/// An action's name in Chinese (the name itself for one not known).
fn action_zh(name: &str) -> &str {
    match name {
        "report" => "上报",
        "accept" => "受理",
        "reject" => "不予受理",
        "dispatch" => "派遣",
        "start" => "开始处置",
        "resolve" => "处置完毕",
        "verify" => "核查",
        "rework" => "返工",
        "close" => "结案",
        "rate" => "评价",
        "escalate" => "上报上级",
        "postpone" => "缓办",
        other => other,
    }
}

/// A refusal's reason, as the engine writes it, in Chinese; a reason the
/// engine does not write is kept as it is.
fn reason_zh(reason: &str) -> String {
    let fixed = match reason {
        "not a worker of the grid" => Some("不是本网格的网格员"),
        "reports from the app, the hotline or an inspection are entered by the grid centre's staff" => {
            Some("来自 App、12345 热线或巡查的上报须由网格中心工作人员录入")
        }
        "unknown actor" => Some("未知的操作人"),
        "only the grid centre's staff may do this" => Some("只有网格中心工作人员可以执行此操作"),
        "the verifier may not be the resolver" => Some("核查人不得是处置人"),
        "only the grid centre's staff or a worker of the cell may verify" => {
            Some("只有网格中心工作人员或本网格的网格员可以核查")
        }
        "only the reporter or the grid centre may rate" => Some("只有上报人或网格中心可以评价"),
        "only the grid centre's staff or the body handling it may escalate" => {
            Some("只有网格中心工作人员或正在处置的主体可以上报上级")
        }
        _ => None,
    };
    if let Some(zh) = fixed {
        return zh.to_owned();
    }
    let between = |prefix, suffix| between(reason, prefix, suffix);
    if let Some(cell) = between("cell ", " is not assigned to them") {
        return format!("网格 {cell} 不是分配给其负责的网格");
    }
    if let Some(body) = between("only the body it is dispatched to (", ") may do this") {
        let body = if body == "none" { "无" } else { body };
        return format!("只有被派遣的处置主体（{body}）可以执行此操作");
    }
    if let Some(body) = reason.strip_prefix("unknown body ") {
        return format!("未知的处置主体 {body}");
    }
    if let Some(who) = between("approver ", " is not the grid centre's staff") {
        return format!("批准人 {who} 不是网格中心工作人员");
    }
    reason.to_owned()
}

/// An invalid rating or postponement in Chinese; other invalid values
/// (of a grid or a taxonomy) keep their English reason.
fn invalid_zh(what: &str, reason: &str) -> String {
    let between = |prefix, suffix| between(reason, prefix, suffix);
    match what {
        "rating" => match between("score ", " is not between 1 and 5") {
            Some(score) => format!("评价无效：评分 {score} 不在 1 到 5 之间"),
            None => format!("评价无效：{reason}"),
        },
        "postponement" => match between("until ", " is before the request") {
            Some(until) => format!("缓办无效：缓办期限 {until} 早于申请之日"),
            None => format!("缓办无效：{reason}"),
        },
        _ => format!("无效的 {what}：{reason}"),
    }
}
