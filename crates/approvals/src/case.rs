//! Applications as append-only event logs, and the states they pass through.
//!
//! An application (申请) is the list of what happened to it, each with its
//! date: materials received (收件), a notice of incomplete materials (补正告知),
//! materials supplemented (补正), accepted (受理), rejected (不予受理),
//! suspended and resumed (Licensing Law Art. 45: hearings, tenders,
//! auctions, inspection, testing, quarantine, appraisal, expert review),
//! extended (Art. 42, with the agency head's approval), decided (准予 /
//! 不予许可), delivered (Art. 44), withdrawn (撤回); forwarded by a lower
//! agency after its preliminary review (Art. 43); the hearing: the right
//! notified, requested, scheduled and held (Arts. 47–48; hearing time
//! stops the clock, Art. 45).
//!
//! The state is never stored: it is derived by replaying the log. An event
//! that is not allowed in the current state, or dated before the previous
//! one, is a typed error naming both, and the application is left as it
//! was.
//!
//! ```text
//! start ─received→ received ─incomplete_notice→ awaiting_supplement ─supplemented→ received
//! received ─accepted→ running ─suspended→ suspended ─resumed→ running
//! running ─extended→ running ─decided→ decided ─delivered→ delivered
//! received | awaiting_supplement ─rejected→ rejected
//! received | awaiting_supplement ─accepted | decided→ (Art. 32 decides the start)
//! received | running ─hearing_requested→ suspended ─hearing_held→ running
//! any open state ─withdrawn→ withdrawn
//! ```
//!
//! A second notice or a second extension is kept and flagged by the
//! evaluation: only events that cannot have happened (a decision before
//! receipt, anything after a withdrawal) are refused.

use std::fmt;

use chrono::NaiveDate;
use jiceng_calendar::Period;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Why the clock was stopped (Licensing Law Art. 45).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionReason {
    /// 听证.
    Hearing,
    /// 招标.
    Tender,
    /// 拍卖.
    Auction,
    /// 检验.
    Inspection,
    /// 检测.
    Testing,
    /// 检疫.
    Quarantine,
    /// 鉴定.
    Appraisal,
    /// 专家评审.
    ExpertReview,
}

impl SuspensionReason {
    /// The Chinese name, as Art. 45 words it.
    pub fn zh(self) -> &'static str {
        match self {
            SuspensionReason::Hearing => "听证",
            SuspensionReason::Tender => "招标",
            SuspensionReason::Auction => "拍卖",
            SuspensionReason::Inspection => "检验",
            SuspensionReason::Testing => "检测",
            SuspensionReason::Quarantine => "检疫",
            SuspensionReason::Appraisal => "鉴定",
            SuspensionReason::ExpertReview => "专家评审",
        }
    }
}

/// A decision's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 准予许可.
    Granted,
    /// 不予许可.
    Refused,
}

/// Who approved an extension (Art. 42: the head of the agency; for
/// unified, joint or concentrated handling the head of the government at
/// that level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApproverRole {
    /// 本行政机关负责人: the head of the agency (its principal or deputy
    /// heads).
    AgencyHead,
    /// 本级人民政府负责人: the head of the government at that level.
    GovernmentHead,
    /// 乡镇人民政府负责人 (乡长, 镇长): a township government is both the
    /// licensing agency and the government at its level, so its head is
    /// the approver the law names either way.
    TownshipHead,
    /// Anyone else (a section chief, a clerk): not an approver the law
    /// names.
    Other,
}

impl ApproverRole {
    /// The role read from a title, when it is one of the common ones:
    /// 局长, 主任, 厅长, 处长 (and "agency head") are heads of an agency;
    /// 县长, 市长, 区长, 省长 (and "government head") heads of a
    /// government; 乡长, 镇长 heads of a township government, which is both;
    /// 科长, 股长, 科员, 窗口 (and "clerk", "section") others.
    /// `None` when the title says none of these.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::ApproverRole;
    ///
    /// assert_eq!(ApproverRole::of("县住建局局长"), Some(ApproverRole::AgencyHead));
    /// assert_eq!(ApproverRole::of("副县长"), Some(ApproverRole::GovernmentHead));
    /// assert_eq!(ApproverRole::of("尚村镇镇长"), Some(ApproverRole::TownshipHead));
    /// assert_eq!(ApproverRole::of("审批科科长"), Some(ApproverRole::Other));
    /// assert_eq!(ApproverRole::of("张三"), None);
    /// ```
    pub fn of(title: &str) -> Option<ApproverRole> {
        // The commonest title, a bureau's 局长 or 副局长, in one look at
        // the end of the title.
        if title.ends_with("局长") {
            return Some(ApproverRole::AgencyHead);
        }
        // Lower-case only when there is something to lower: most titles
        // are Chinese.
        let lower;
        let t: &str = if title.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = title.to_ascii_lowercase();
            &lower
        } else {
            title
        };
        let any = |words: &[&str]| words.iter().any(|w| t.contains(w));
        // The narrowest titles first: a 科长 of a 局 is not its head.
        if any(&["科长", "股长", "科员", "窗口", "clerk", "section", "staff"]) {
            Some(ApproverRole::Other)
        } else if any(&["乡长", "镇长"]) {
            Some(ApproverRole::TownshipHead)
        } else if any(&["县长", "市长", "区长", "省长", "旗长", "州长", "government"]) {
            Some(ApproverRole::GovernmentHead)
        } else if any(&[
            "局长",
            "主任",
            "厅长",
            "处长",
            "署长",
            "agency head",
            "head of the agency",
        ]) {
            Some(ApproverRole::AgencyHead)
        } else {
            None
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            ApproverRole::AgencyHead => "本行政机关负责人",
            ApproverRole::GovernmentHead => "本级人民政府负责人",
            ApproverRole::TownshipHead => "乡镇人民政府负责人",
            ApproverRole::Other => "其他人员",
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// Materials received (收件).
    Received,
    /// Notice that materials are incomplete (一次性告知补正, Art. 32).
    IncompleteNotice,
    /// The missing materials supplemented.
    Supplemented,
    /// Accepted (受理).
    Accepted,
    /// Not accepted (不予受理).
    Rejected {
        /// Why.
        reason: String,
    },
    /// The clock stopped (Art. 45).
    Suspended {
        /// Why.
        reason: SuspensionReason,
    },
    /// The clock runs again.
    Resumed,
    /// The limit extended once (Art. 42).
    Extended {
        /// Who approved (the agency head, or for joint handling the head of
        /// the government), as the file names them.
        approved_by: String,
        /// The approver's role, when the file states it; otherwise it is
        /// read from common titles in `approved_by` (see
        /// [`ApproverRole::of`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<ApproverRole>,
        /// The length the agency granted; the case's extension limit when
        /// absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<Period>,
    },
    /// Decided.
    Decided {
        /// Granted or refused.
        outcome: Outcome,
    },
    /// The licence issued or served (Art. 44).
    Delivered,
    /// Withdrawn by the applicant.
    Withdrawn,
    /// Art. 43: the lower agency sent its preliminary review and all the
    /// materials to the deciding agency, whose clock starts that day.
    Forwarded,
    /// Art. 47: the applicant and interested parties told of their right to
    /// request a hearing.
    HearingNotified,
    /// Art. 47: a hearing requested; the clock stops (Art. 45) until the
    /// day after the hearing.
    HearingRequested,
    /// Art. 48: the parties told of the hearing's time and place.
    HearingScheduled {
        /// The day the hearing is to be held.
        hearing_date: NaiveDate,
    },
    /// The hearing held; the clock runs again the next day.
    HearingHeld,
}

impl EventKind {
    /// The event's name, as files write it.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Received => "received",
            EventKind::IncompleteNotice => "incomplete_notice",
            EventKind::Supplemented => "supplemented",
            EventKind::Accepted => "accepted",
            EventKind::Rejected { .. } => "rejected",
            EventKind::Suspended { .. } => "suspended",
            EventKind::Resumed => "resumed",
            EventKind::Extended { .. } => "extended",
            EventKind::Decided { .. } => "decided",
            EventKind::Delivered => "delivered",
            EventKind::Withdrawn => "withdrawn",
            EventKind::Forwarded => "forwarded",
            EventKind::HearingNotified => "hearing_notified",
            EventKind::HearingRequested => "hearing_requested",
            EventKind::HearingScheduled { .. } => "hearing_scheduled",
            EventKind::HearingHeld => "hearing_held",
        }
    }
}

/// One entry of an application's log.
///
/// Read strictly: an unknown field (a typo such as `"outcom"`) is an error,
/// not silently dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "EventRepr")]
pub struct Event {
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// The wire form of an [`Event`]: every field any kind uses, refusing
/// others.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EventRepr {
    date: NaiveDate,
    #[schemars(with = "EventName")]
    kind: String,
    #[serde(default)]
    reason: Option<serde_json::Value>,
    #[serde(default)]
    approved_by: Option<String>,
    #[serde(default)]
    role: Option<ApproverRole>,
    #[serde(default)]
    length: Option<Period>,
    #[serde(default)]
    outcome: Option<Outcome>,
    #[serde(default)]
    hearing_date: Option<NaiveDate>,
}

/// The event kinds, as files name them (for the schema).
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum EventName {
    Received,
    IncompleteNotice,
    Supplemented,
    Accepted,
    Rejected,
    Suspended,
    Resumed,
    Extended,
    Decided,
    Delivered,
    Withdrawn,
    Forwarded,
    HearingNotified,
    HearingRequested,
    HearingScheduled,
    HearingHeld,
}

impl TryFrom<EventRepr> for Event {
    type Error = String;

    fn try_from(r: EventRepr) -> Result<Event, String> {
        let need = |field: &str| format!("event {:?} on {} needs `{field}`", r.kind, r.date);
        let refuse = |field: &str| format!("event {:?} on {} takes no `{field}`", r.kind, r.date);
        let reason_text = || match &r.reason {
            Some(serde_json::Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(format!(
                "event {:?} on {}: `reason` must be a string",
                r.kind, r.date
            )),
            None => Err(need("reason")),
        };
        let kind = match r.kind.as_str() {
            "received" => EventKind::Received,
            "incomplete_notice" => EventKind::IncompleteNotice,
            "supplemented" => EventKind::Supplemented,
            "accepted" => EventKind::Accepted,
            "rejected" => EventKind::Rejected {
                reason: reason_text()?,
            },
            "suspended" => {
                let value = r.reason.clone().ok_or_else(|| need("reason"))?;
                let reason = serde_json::from_value(value).map_err(|e| {
                    format!("event \"suspended\" on {}: `reason` {e} (the reasons of 行政许可法第四十五条)", r.date)
                })?;
                EventKind::Suspended { reason }
            }
            "resumed" => EventKind::Resumed,
            "extended" => EventKind::Extended {
                approved_by: r.approved_by.clone().ok_or_else(|| need("approved_by"))?,
                role: r.role,
                length: r.length,
            },
            "decided" => EventKind::Decided {
                outcome: r.outcome.ok_or_else(|| need("outcome"))?,
            },
            "delivered" => EventKind::Delivered,
            "withdrawn" => EventKind::Withdrawn,
            "forwarded" => EventKind::Forwarded,
            "hearing_notified" => EventKind::HearingNotified,
            "hearing_requested" => EventKind::HearingRequested,
            "hearing_scheduled" => EventKind::HearingScheduled {
                hearing_date: r.hearing_date.ok_or_else(|| need("hearing_date"))?,
            },
            "hearing_held" => EventKind::HearingHeld,
            other => {
                // The kind is named, cut to 60 characters: a kilobyte of
                // kind must not make a kilobyte of message.
                let kind: String = other.chars().take(60).collect();
                let more = if other.chars().nth(60).is_some() {
                    "…"
                } else {
                    ""
                };
                return Err(format!("unknown event kind {kind:?}{more} on {}", r.date));
            }
        };
        if r.reason.is_some()
            && !matches!(
                kind,
                EventKind::Rejected { .. } | EventKind::Suspended { .. }
            )
        {
            return Err(refuse("reason"));
        }
        if !matches!(kind, EventKind::Extended { .. }) {
            if r.approved_by.is_some() {
                return Err(refuse("approved_by"));
            }
            if r.role.is_some() {
                return Err(refuse("role"));
            }
            if r.length.is_some() {
                return Err(refuse("length"));
            }
        }
        if r.outcome.is_some() && !matches!(kind, EventKind::Decided { .. }) {
            return Err(refuse("outcome"));
        }
        if r.hearing_date.is_some() && !matches!(kind, EventKind::HearingScheduled { .. }) {
            return Err(refuse("hearing_date"));
        }
        Ok(Event { date: r.date, kind })
    }
}

impl Event {
    /// An event.
    pub fn new(date: NaiveDate, kind: EventKind) -> Event {
        Event { date, kind }
    }
}

/// How an item is handled (办件类型).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// 即办件: handled on the spot.
    OnTheSpot,
    /// 承诺件: handled within a promised limit.
    #[default]
    Promised,
}

fn is_promised(h: &Handling) -> bool {
    *h == Handling::Promised
}

/// Where an application came in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// At a service centre's counter.
    Counter,
    /// Online.
    Online,
    /// By proxy at a village station (代办).
    VillageProxy,
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Channel::Counter => "counter",
            Channel::Online => "online",
            Channel::VillageProxy => "village_proxy",
        })
    }
}

fn wd20() -> Period {
    Period::WorkingDays(20)
}

fn wd10() -> Period {
    Period::WorkingDays(10)
}

/// The time limits that apply to a case.
///
/// Defaults follow the Licensing Law: 20 working days to decide (Art. 42),
/// one extension of 10 with the agency head's approval, 10 working days to
/// deliver (Art. 44); joint or unified handling 45 and 15 (Art. 42).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(from = "LimitsRepr")]
pub struct Limits {
    /// The statutory limit (法定时限); 20wd, or 45wd when joint.
    pub statutory: Period,
    /// The promised limit (承诺时限), a service commitment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised: Option<Period>,
    /// The extension allowed once; 10wd, or 15wd when joint.
    pub extension: Period,
    /// Unified, joint or concentrated handling (统一办理、联合办理、集中办理).
    pub joint: bool,
    /// The limit to issue or serve the licence after the decision.
    pub delivery: Period,
}

/// The wire form of [`Limits`]: absent limits default by `joint`
/// (20 + 10 working days, or 45 + 15 for joint handling, Art. 42).
#[derive(Deserialize, JsonSchema)]
struct LimitsRepr {
    #[serde(default)]
    statutory: Option<Period>,
    #[serde(default)]
    promised: Option<Period>,
    #[serde(default)]
    extension: Option<Period>,
    #[serde(default)]
    joint: bool,
    #[serde(default)]
    delivery: Option<Period>,
}

impl From<LimitsRepr> for Limits {
    fn from(r: LimitsRepr) -> Limits {
        let base = if r.joint {
            Limits::joint()
        } else {
            Limits::default()
        };
        Limits {
            statutory: r.statutory.unwrap_or(base.statutory),
            promised: r.promised,
            extension: r.extension.unwrap_or(base.extension),
            joint: r.joint,
            delivery: r.delivery.unwrap_or(base.delivery),
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            statutory: wd20(),
            promised: None,
            extension: wd10(),
            joint: false,
            delivery: wd10(),
        }
    }
}

impl Limits {
    /// Limits for joint handling: 45 working days, extendable by 15.
    pub fn joint() -> Limits {
        Limits {
            statutory: Period::WorkingDays(45),
            extension: Period::WorkingDays(15),
            joint: true,
            ..Limits::default()
        }
    }

    /// Sets the promise.
    pub fn promise(mut self, p: Period) -> Limits {
        self.promised = Some(p);
        self
    }
}

/// A service item (政务服务事项): what an application applies for, and its
/// limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceItem {
    /// A code.
    pub code: String,
    /// The name, e.g. `建设工程规划许可证核发`.
    pub name: String,
    /// The power item it implements, in the authority ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_item: Option<String>,
    /// On the spot or within a promise.
    #[serde(default)]
    pub handling: Handling,
    /// Its limits.
    #[serde(default, flatten)]
    pub limits: Limits,
    /// The channels it can be applied through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
}

/// One application: its item, limits and event log.
///
/// # Example
///
/// ```
/// use jiceng_approvals::Case;
///
/// let case: Case = serde_json::from_str(r#"{
///     "id": "SC-2025-001", "item": "建设工程规划许可", "promised": "7wd",
///     "events": [
///         {"date": "2025-09-22", "kind": "received"},
///         {"date": "2025-09-22", "kind": "accepted"},
///         {"date": "2025-09-29", "kind": "decided", "outcome": "granted"}
///     ]
/// }"#)?;
/// assert_eq!(case.limits.statutory.to_string(), "20wd");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(from = "CaseRepr")]
pub struct Case {
    /// The application's id.
    pub id: String,
    /// The service item's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The body handling it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The place (a 12-digit division code) whose service item catalogue
    /// gives the item's limits; see [`crate::Catalogue::apply`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    /// The channel it came through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// On the spot (即办件) or within a promise (承诺件).
    #[serde(default, skip_serializing_if = "is_promised")]
    pub handling: Handling,
    /// Its limits.
    #[serde(default, flatten)]
    pub limits: Limits,
    /// Art. 43: a lower agency reviews first and forwards to the deciding
    /// agency.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preliminary_review: bool,
    /// Art. 50: a renewal application, for a licence valid through this
    /// day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    /// What happened, in date order.
    pub events: Vec<Event>,
}

/// The states an application passes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Nothing received yet.
    Start,
    /// Materials in, not yet accepted.
    Received,
    /// Waiting for the applicant to supplement materials.
    AwaitingSupplement,
    /// Accepted; the clock runs.
    Running,
    /// Accepted; the clock stands still.
    Suspended,
    /// Decided, not yet delivered.
    Decided,
    /// Delivered.
    Delivered,
    /// Not accepted.
    Rejected,
    /// Withdrawn.
    Withdrawn,
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            State::Start => "start",
            State::Received => "received",
            State::AwaitingSupplement => "awaiting_supplement",
            State::Running => "running",
            State::Suspended => "suspended",
            State::Decided => "decided",
            State::Delivered => "delivered",
            State::Rejected => "rejected",
            State::Withdrawn => "withdrawn",
        })
    }
}

/// One extension of the statutory limit as the log records it (Art. 42).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// The day it was approved.
    pub date: NaiveDate,
    /// Who approved it, as the file names them.
    pub approved_by: String,
    /// The approver's role: stated, or read from the title.
    pub role: Option<ApproverRole>,
    /// The length granted, when the event states one.
    pub length: Option<Period>,
}

/// The facts an application's log establishes, kept as it is replayed.
///
/// The log is replayed as the agency kept it: conduct the Licensing Law
/// forbids (a second incomplete-materials notice, a second extension, a
/// decision with no acceptance on record) is kept here and flagged by
/// [`evaluate`](crate::evaluate); only events that cannot have happened are
/// refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    state: State,
    /// The first receipt of materials.
    pub received: Option<NaiveDate>,
    /// The first incomplete-materials notice.
    pub first_notice: Option<NaiveDate>,
    /// How many incomplete-materials notices were given (Art. 32 allows
    /// one: 一次告知).
    pub notices: u32,
    /// The last day supplemented materials came in.
    pub last_supplement: Option<NaiveDate>,
    /// The acceptance event.
    pub accepted: Option<NaiveDate>,
    /// Closed suspensions: (first day stopped, day resumed, reason).
    pub suspensions: Vec<(NaiveDate, NaiveDate, SuspensionReason)>,
    /// A suspension still running: (first day stopped, reason).
    pub open_suspension: Option<(NaiveDate, SuspensionReason)>,
    /// The first extension: (date, approved by).
    pub extended: Option<(NaiveDate, String)>,
    /// The first extension in full.
    pub extension: Option<Extension>,
    /// How many extensions were recorded (Art. 42 allows one).
    pub extensions: u32,
    /// The decision.
    pub decided: Option<(NaiveDate, Outcome)>,
    /// The delivery.
    pub delivered: Option<NaiveDate>,
    /// Rejection or withdrawal.
    pub ended: Option<NaiveDate>,
    /// The date of the last event.
    pub last: Option<NaiveDate>,
    /// Art. 43: the day the lower agency forwarded its review.
    pub forwarded: Option<NaiveDate>,
    /// Art. 47: the day the parties were told of their right to a hearing.
    pub hearing_notified: Option<NaiveDate>,
    /// Art. 47: the day a hearing was requested.
    pub hearing_requested: Option<NaiveDate>,
    /// Art. 48: (the day the parties were told, the hearing's date).
    pub hearing_scheduled: Option<(NaiveDate, NaiveDate)>,
    /// The day the hearing was held.
    pub hearing_held: Option<NaiveDate>,
}

impl Default for Application {
    fn default() -> Application {
        Application {
            state: State::Start,
            received: None,
            first_notice: None,
            notices: 0,
            last_supplement: None,
            accepted: None,
            suspensions: Vec::new(),
            open_suspension: None,
            extended: None,
            extension: None,
            extensions: 0,
            decided: None,
            delivered: None,
            ended: None,
            last: None,
            forwarded: None,
            hearing_notified: None,
            hearing_requested: None,
            hearing_scheduled: None,
            hearing_held: None,
        }
    }
}

impl Application {
    /// The current state.
    pub fn state(&self) -> State {
        self.state
    }

    /// Applies one event, or returns the error and changes nothing.
    ///
    /// An application not accepted on record may still be suspended,
    /// extended or decided: under Art. 32 it may count as accepted on the
    /// day of receipt, and the evaluation decides whether it does.
    ///
    /// # Errors
    ///
    /// [`Error::Transition`] when the event cannot have happened in the
    /// current state (a decision before receipt, anything after a
    /// withdrawal, a delivery before a decision …);
    /// [`Error::OutOfOrder`] when it is dated before the previous event.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_approvals::{Application, Event, EventKind, State};
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    /// let mut app = Application::default();
    /// app.apply(&Event::new(d, EventKind::Received))?;
    /// let err = app.apply(&Event::new(d, EventKind::Resumed)).unwrap_err();
    /// assert_eq!(err.to_string(), "event resumed is not allowed in state received");
    /// assert_eq!(app.state(), State::Received); // nothing applied
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, e: &Event) -> Result<(), Error> {
        if let Some(last) = self.last {
            if e.date < last {
                return Err(Error::OutOfOrder {
                    event: e.kind.name(),
                    date: e.date,
                    previous: last,
                });
            }
        }
        use EventKind as K;
        use State as S;
        let next = match (self.state(), &e.kind) {
            (S::Start, K::Received) => S::Received,
            (S::Received, K::IncompleteNotice) => S::AwaitingSupplement,
            (S::AwaitingSupplement, K::Supplemented) => S::Received,
            (S::Received | S::AwaitingSupplement, K::Accepted) => S::Running,
            (S::Received | S::AwaitingSupplement, K::Rejected { .. }) => S::Rejected,
            (S::Received | S::Running, K::Suspended { .. }) => S::Suspended,
            (S::Suspended, K::Resumed) => S::Running,
            (
                S::Received | S::AwaitingSupplement | S::Running | S::Suspended,
                K::Extended { .. },
            ) => self.state(),
            (S::Received | S::AwaitingSupplement | S::Running, K::Decided { .. }) => S::Decided,
            (S::Decided, K::Delivered) => S::Delivered,
            (S::Received | S::Running | S::Suspended, K::Forwarded) if self.forwarded.is_none() => {
                self.state()
            }
            (S::Received | S::Running, K::HearingNotified) => self.state(),
            (S::Received | S::Running, K::HearingRequested) if self.hearing_requested.is_none() => {
                S::Suspended
            }
            (S::Suspended, K::HearingScheduled { .. })
                if self.hearing_requested.is_some() && self.hearing_held.is_none() =>
            {
                S::Suspended
            }
            (S::Suspended, K::HearingHeld)
                if self.hearing_requested.is_some() && self.hearing_held.is_none() =>
            {
                S::Running
            }
            (S::Received | S::AwaitingSupplement | S::Running | S::Suspended, K::Withdrawn) => {
                S::Withdrawn
            }
            (state, kind) => {
                return Err(Error::Transition {
                    event: kind.name(),
                    state,
                });
            }
        };
        match &e.kind {
            K::Received => self.received = Some(e.date),
            K::IncompleteNotice => {
                self.first_notice.get_or_insert(e.date);
                self.notices = self.notices.saturating_add(1);
            }
            K::Supplemented => self.last_supplement = Some(e.date),
            K::Accepted => self.accepted = Some(e.date),
            K::Suspended { reason } => self.open_suspension = Some((e.date, *reason)),
            K::Resumed => {
                if let Some((from, reason)) = self.open_suspension.take() {
                    self.suspensions.push((from, e.date, reason));
                }
            }
            K::Extended {
                approved_by,
                role,
                length,
            } => {
                self.extensions = self.extensions.saturating_add(1);
                if self.extension.is_none() {
                    self.extended = Some((e.date, approved_by.clone()));
                    self.extension = Some(Extension {
                        date: e.date,
                        approved_by: approved_by.clone(),
                        role: role.or_else(|| ApproverRole::of(approved_by)),
                        length: *length,
                    });
                }
            }
            K::Decided { outcome } => self.decided = Some((e.date, *outcome)),
            K::Delivered => self.delivered = Some(e.date),
            K::Rejected { .. } | K::Withdrawn => self.ended = Some(e.date),
            K::Forwarded => self.forwarded = Some(e.date),
            K::HearingNotified => {
                self.hearing_notified.get_or_insert(e.date);
            }
            K::HearingRequested => {
                self.hearing_requested = Some(e.date);
                self.open_suspension = Some((e.date, SuspensionReason::Hearing));
            }
            K::HearingScheduled { hearing_date } => {
                self.hearing_scheduled = Some((e.date, *hearing_date));
            }
            K::HearingHeld => {
                self.hearing_held = Some(e.date);
                // The hearing day itself is hearing time; the clock runs
                // again the day after.
                let resumed = e.date.succ_opt().unwrap_or(e.date);
                if let Some((from, reason)) = self.open_suspension.take() {
                    self.suspensions.push((from, resumed, reason));
                }
            }
        }
        self.state = next;
        self.last = Some(e.date);
        Ok(())
    }

    /// Replays a log, up to and including `at` when given.
    ///
    /// # Errors
    ///
    /// The first event's error, with its index.
    pub fn replay(events: &[Event], at: Option<NaiveDate>) -> Result<Application, Error> {
        let mut app = Application::default();
        for (i, e) in events.iter().enumerate() {
            if at.is_some_and(|at| e.date > at) {
                break;
            }
            app.apply(e).map_err(|err| Error::AtEvent {
                index: i,
                source: Box::new(err),
            })?;
        }
        Ok(app)
    }
}

/// The wire form of a [`Case`]: its limits inline, unknown fields refused
/// (a typo such as `"promise"` must not silently drop the promise).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CaseRepr {
    id: String,
    #[serde(default)]
    item: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    division: Option<String>,
    #[serde(default)]
    channel: Option<Channel>,
    #[serde(default)]
    handling: Handling,
    #[serde(default)]
    statutory: Option<Period>,
    #[serde(default)]
    promised: Option<Period>,
    #[serde(default)]
    extension: Option<Period>,
    #[serde(default)]
    joint: bool,
    #[serde(default)]
    delivery: Option<Period>,
    #[serde(default)]
    preliminary_review: bool,
    #[serde(default)]
    expires: Option<NaiveDate>,
    events: Vec<Event>,
}

impl From<CaseRepr> for Case {
    fn from(r: CaseRepr) -> Case {
        Case {
            id: r.id,
            item: r.item,
            body: r.body,
            division: r.division,
            channel: r.channel,
            handling: r.handling,
            limits: Limits::from(LimitsRepr {
                statutory: r.statutory,
                promised: r.promised,
                extension: r.extension,
                joint: r.joint,
                delivery: r.delivery,
            }),
            preliminary_review: r.preliminary_review,
            expires: r.expires,
            events: r.events,
        }
    }
}

/// The text of a JSON value for an error message, cut to 60 characters.
fn shown(v: &serde_json::Value) -> String {
    cut(v.to_string())
}

/// `text` cut to 60 characters, with an ellipsis when it was longer.
fn cut(text: String) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// The text of a line that is not JSON for an error message: as a JSON
/// string (quotes and control characters escaped), cut to 60 characters
/// as [`shown`] cuts a value. Only the first 61 characters are copied,
/// whatever the line's length.
pub(crate) fn shown_line(text: &str) -> String {
    let head: String = text.chars().take(61).collect();
    shown(&serde_json::Value::String(head))
}

/// The words of a serde error without its position (the line is named by
/// the caller) and without the names of the wire types.
fn words(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // Only serde's own suffix: a key or a value may hold " at line " too.
    let position = format!(" at line {} column {}", e.line(), e.column());
    let text = text.strip_suffix(position.as_str()).unwrap_or(&text);
    shorten_named(text)
        .replace("struct CaseRepr", "a case")
        .replace("struct EventRepr", "an event")
}

/// An "unknown variant `…`, expected …" message with the value it names
/// cut to 60 characters: a kilobyte of event kind must not make a
/// kilobyte of message.
fn shorten_named(text: &str) -> String {
    for head in ["unknown variant `", "unknown field `"] {
        if let (Some(rest), Some(end)) = (text.strip_prefix(head), text.rfind("`, expected")) {
            let Some(value) = rest.get(..end.saturating_sub(head.len())) else {
                break;
            };
            if let Some((i, _)) = value.char_indices().nth(60) {
                return format!("{head}{}…{}", &value[..i], &text[end..]);
            }
        }
    }
    text.to_owned()
}

fn field<T: serde::de::DeserializeOwned>(name: &str, v: &serde_json::Value) -> Result<T, Error> {
    serde_json::from_value(v.clone()).map_err(|e| Error::Parse {
        field: name.to_owned(),
        value: shown(v),
        message: words(&e),
    })
}

impl Case {
    /// Reads a case from one line of a cases file. An error names the
    /// field (`events[2].date`) and the value it met, never an internal
    /// type.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for text that is not a case.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::Case;
    ///
    /// let err = Case::from_json(r#"{"id":"A","channel":"fax","events":[]}"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "field `channel`, value \"fax\": unknown variant `fax`, expected one of `counter`, `online`, `village_proxy`"
    /// );
    /// let err = Case::from_json(r#"{"id":"A","events":[{"date":"2025-13-01","kind":"received"}]}"#)
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("field `events[0].date`, value \"2025-13-01\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Case, Error> {
        // The common case first, in one pass; the slower search for the
        // field only when it fails.
        let first = match serde_json::from_str::<Case>(text) {
            Ok(c) => return Ok(c),
            Err(e) => e,
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::Parse {
            field: "(line)".to_owned(),
            value: shown_line(text),
            message: format!("not JSON: {e}"),
        })?;
        match serde_json::from_value::<Case>(value.clone()) {
            // A JSON value keeps one of a key given twice, which the
            // derived reader refused: the line is refused too, naming the
            // key, rather than read with its last copy.
            Ok(_) => Err(given_twice(text, &first)),
            Err(e) => Err(locate(&value).unwrap_or_else(|| Error::Parse {
                field: "(case)".to_owned(),
                value: shown(&value),
                message: words(&e),
            })),
        }
    }
}

/// The error for a line the derived reader refused and its JSON value
/// reads: a key given twice. The key is found with its path.
fn given_twice(text: &str, first: &serde_json::Error) -> Error {
    let mut de = serde_json::Deserializer::from_str(text);
    let (path, e) = match serde_path_to_error::deserialize::<_, Case>(&mut de) {
        Err(e) => (e.path().to_string(), e.into_inner()),
        Ok(_) => (
            ".".to_owned(),
            <serde_json::Error as serde::de::Error>::custom(first),
        ),
    };
    let words = words(&e);
    let key = words
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(key, _)| key);
    match key {
        Some(key) => Error::Parse {
            field: cut(match path.as_str() {
                "." => key.to_owned(),
                path => format!("{path}.{key}"),
            }),
            value: String::new(),
            message: "given twice".to_owned(),
        },
        // The first copy of the key is the one serde refused, and serde
        // stops there: the key is at the path.
        None if path != "." => Error::Parse {
            field: cut(path),
            value: String::new(),
            message: "given twice".to_owned(),
        },
        None => Error::Parse {
            field: "(case)".to_owned(),
            value: shown_line(text),
            message: words,
        },
    }
}

/// Finds the field a case fails on, checking each field on its own.
fn locate(v: &serde_json::Value) -> Option<Error> {
    let Some(obj) = v.as_object() else {
        return Some(Error::Parse {
            field: "(case)".to_owned(),
            value: shown(v),
            message: "a case must be a JSON object".to_owned(),
        });
    };
    for (k, x) in obj {
        let r = match k.as_str() {
            "id" => field::<String>(k, x).map(drop),
            "item" | "body" | "division" => field::<Option<String>>(k, x).map(drop),
            "channel" => field::<Option<Channel>>(k, x).map(drop),
            "handling" => field::<Handling>(k, x).map(drop),
            "statutory" | "promised" | "extension" | "delivery" => {
                field::<Option<Period>>(k, x).map(drop)
            }
            "joint" | "preliminary_review" => field::<bool>(k, x).map(drop),
            "expires" => field::<Option<NaiveDate>>(k, x).map(drop),
            "events" => events(x),
            // The name is the file's: a kilobyte of key must not make a
            // kilobyte of message.
            _ => Err(Error::Parse {
                field: cut(k.clone()),
                value: shown(x),
                message: "unknown field".to_owned(),
            }),
        };
        if let Err(e) = r {
            return Some(e);
        }
    }
    for needed in ["id", "events"] {
        if !obj.contains_key(needed) {
            return Some(Error::Parse {
                field: needed.to_owned(),
                value: String::new(),
                message: "missing".to_owned(),
            });
        }
    }
    None
}

fn events(v: &serde_json::Value) -> Result<(), Error> {
    let Some(list) = v.as_array() else {
        return Err(Error::Parse {
            field: "events".to_owned(),
            value: shown(v),
            message: "must be a list of events".to_owned(),
        });
    };
    for (i, e) in list.iter().enumerate() {
        let at = |f: &str| format!("events[{i}].{f}");
        let Some(obj) = e.as_object() else {
            return Err(Error::Parse {
                field: format!("events[{i}]"),
                value: shown(e),
                message: "an event must be a JSON object".to_owned(),
            });
        };
        if let Some(d) = obj.get("date") {
            if d.as_str()
                .is_some_and(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").is_err())
            {
                return Err(Error::Parse {
                    field: at("date"),
                    value: shown(d),
                    message: "not a calendar date YYYY-MM-DD".to_owned(),
                });
            }
            field::<NaiveDate>(&at("date"), d)?;
        }
        for (k, x) in obj {
            let r = match k.as_str() {
                "kind" | "approved_by" => field::<String>(&at(k), x).map(drop),
                "role" => field::<Option<ApproverRole>>(&at(k), x).map(drop),
                "length" => field::<Option<Period>>(&at(k), x).map(drop),
                "outcome" => field::<Option<Outcome>>(&at(k), x).map(drop),
                "hearing_date" => field::<Option<NaiveDate>>(&at(k), x).map(drop),
                _ => Ok(()),
            };
            r?;
        }
        if let Err(err) = serde_json::from_value::<Event>(e.clone()) {
            return Err(Error::Parse {
                field: format!("events[{i}]"),
                value: shown(e),
                message: words(&err),
            });
        }
    }
    Ok(())
}
