//! Both clocks of a case, and its status on a date.
//!
//! * **Acceptance (Art. 32).** An agency that accepts the application, or
//!   gives the one notice of incomplete materials (一次告知), within 5
//!   working days of receipt starts the decision clock on its day of
//!   acceptance. Only an agency that does neither in time has the
//!   application counted as accepted on the day of receipt
//!   ("逾期不告知的，自收到申请材料之日起即为受理"). A log of `received` then
//!   `decided` with no `accepted` is evaluated under that rule, not refused.
//!   Supplemented materials open a new 5-working-day window for acceptance;
//!   a second notice breaks the one-notice rule and is flagged.
//! * **The statutory clock (Arts. 42, 45, 82).** 20 working days from
//!   acceptance (45 for joint handling), plus the one extension if the
//!   head of the agency (of the government, for joint handling) approved it
//!   in time: at most 10 working days (15), and at most the case's own
//!   extension limit (0 for an item that allows none). An extension longer
//!   than that counts only for what is allowed; one approved by someone else,
//!   or a second one, does not count; each is flagged. Days suspended for a
//!   hearing, testing, expert review … are not counted. A suspension runs
//!   from the day it starts to the day before the case resumed; one still
//!   running stops the clock through the evaluation date, that day
//!   included.
//! * **The promised clock.** The same rules from the same start, with the
//!   promise instead of the statute and no extension: a promise is a
//!   service commitment, not law. A case can be late against the promise
//!   and still lawful; both clocks are always reported. A 即办件 (handled on
//!   the spot) is promised for the day it was accepted. A promise longer
//!   than the statute is flagged.
//! * **Delivery (Art. 44).** 10 working days from a decision to grant.
//! * **Working days (Art. 82).** Every limit the law sets for the agency
//!   (the statutory limit, the extension, delivery) must be written in
//!   working days; a limit in calendar days is refused, naming the article.
//!
//! Unlawful conduct is reported as a [`Flag`] on the answer, never as an
//! error: a monitoring system reports what the agency did.

use chrono::NaiveDate;
use jiceng_calendar::{Calendar, Period, PeriodOptions, Suspension, SuspensionPolicy};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::case::{
    Application, ApproverRole, Case, Handling, Limits, Outcome, State, SuspensionReason,
};
use crate::error::Error;

/// Options of [`evaluate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// A case with this many working days or fewer left before a due date
    /// is "due soon". 2 by default.
    pub due_soon_days: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options { due_soon_days: 2 }
    }
}

/// The status of a case on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nothing received on the evaluation date: the log starts later. Left
    /// out of the figures.
    NotYetReceived,
    /// Received, not accepted: the Art. 32 window still running, or (after
    /// supplemented materials) the agency has not accepted yet.
    AwaitingAcceptance,
    /// Waiting for the applicant's supplement.
    AwaitingSupplement,
    /// Accepted by a lower agency, under its 20-working-day preliminary
    /// review (Art. 43); the deciding agency's clock has not started.
    PreliminaryReview,
    /// Accepted, both clocks comfortable.
    OnTrack,
    /// A due date within the "due soon" threshold.
    DueSoon,
    /// The clock stands still (Art. 45).
    Suspended,
    /// Past the promised date, within the statute.
    LateAgainstPromise,
    /// Past the statutory date.
    LateAgainstStatute,
    /// Decided before the due date (the promise, or the statute without one).
    ClosedEarly,
    /// Decided on the due date.
    ClosedOnTime,
    /// Decided after the promise, within the statute.
    ClosedLateAgainstPromise,
    /// Decided after the statutory date.
    ClosedLateAgainstStatute,
    /// Not accepted.
    Rejected,
    /// Withdrawn.
    Withdrawn,
}

impl Status {
    /// Every status, in order; walked by the summaries so that none is
    /// left without its name or its Chinese label.
    pub const ALL: [Status; 15] = [
        Status::NotYetReceived,
        Status::AwaitingAcceptance,
        Status::AwaitingSupplement,
        Status::PreliminaryReview,
        Status::OnTrack,
        Status::DueSoon,
        Status::Suspended,
        Status::LateAgainstPromise,
        Status::LateAgainstStatute,
        Status::ClosedEarly,
        Status::ClosedOnTime,
        Status::ClosedLateAgainstPromise,
        Status::ClosedLateAgainstStatute,
        Status::Rejected,
        Status::Withdrawn,
    ];

    /// The status of a name as JSON writes it ([`Status::name`]), e.g.
    /// `preliminary_review`.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::Status;
    ///
    /// let s = Status::from_name("preliminary_review");
    /// assert_eq!(s.map(Status::zh), Some("下级机关初步审查"));
    /// assert_eq!(Status::from_name("lost"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether the case is finished (decided, rejected or withdrawn).
    pub fn is_closed(self) -> bool {
        self >= Status::ClosedEarly
    }

    /// The name files and JSON use, e.g. `late_against_statute`.
    pub fn name(self) -> &'static str {
        match self {
            Status::NotYetReceived => "not_yet_received",
            Status::AwaitingAcceptance => "awaiting_acceptance",
            Status::AwaitingSupplement => "awaiting_supplement",
            Status::PreliminaryReview => "preliminary_review",
            Status::OnTrack => "on_track",
            Status::DueSoon => "due_soon",
            Status::Suspended => "suspended",
            Status::LateAgainstPromise => "late_against_promise",
            Status::LateAgainstStatute => "late_against_statute",
            Status::ClosedEarly => "closed_early",
            Status::ClosedOnTime => "closed_on_time",
            Status::ClosedLateAgainstPromise => "closed_late_against_promise",
            Status::ClosedLateAgainstStatute => "closed_late_against_statute",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// The Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Status::NotYetReceived => "尚未收件",
            Status::AwaitingAcceptance => "待受理",
            Status::AwaitingSupplement => "待补正",
            Status::PreliminaryReview => "下级机关初步审查",
            Status::OnTrack => "正常办理",
            Status::DueSoon => "即将到期",
            Status::Suspended => "暂停计时",
            Status::LateAgainstPromise => "超承诺时限",
            Status::LateAgainstStatute => "超法定期限",
            Status::ClosedEarly => "提前办结",
            Status::ClosedOnTime => "按期办结",
            Status::ClosedLateAgainstPromise => "超承诺时限办结",
            Status::ClosedLateAgainstStatute => "超法定期限办结",
            Status::Rejected => "不予受理",
            Status::Withdrawn => "撤回",
        }
    }
}

/// Which Art. 32 rule gave the day the clocks start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AcceptanceRule {
    /// Nothing received yet.
    #[default]
    NotReceived,
    /// Received; the 5-working-day window still running.
    Pending,
    /// A notice of incomplete materials was given in time; the applicant
    /// has not supplemented.
    AwaitingSupplement,
    /// Supplemented; the agency has not accepted yet.
    AwaitingAcceptance,
    /// Accepted within 5 working days of receipt, or after a timely notice:
    /// the clocks start on the acceptance day.
    Accepted,
    /// Neither accepted nor notified within 5 working days: accepted as of
    /// the day of receipt.
    DeemedAtReceipt,
    /// Decided after supplemented materials with no acceptance on record:
    /// counted from the day the complete materials came in.
    FromSupplement,
}

impl AcceptanceRule {
    /// The name JSON uses.
    pub fn name(self) -> &'static str {
        match self {
            AcceptanceRule::NotReceived => "not_received",
            AcceptanceRule::Pending => "pending",
            AcceptanceRule::AwaitingSupplement => "awaiting_supplement",
            AcceptanceRule::AwaitingAcceptance => "awaiting_acceptance",
            AcceptanceRule::Accepted => "accepted",
            AcceptanceRule::DeemedAtReceipt => "deemed_at_receipt",
            AcceptanceRule::FromSupplement => "from_supplement",
        }
    }
}

/// Something the Licensing Law does not allow, found in a case: reported
/// on the answer, never a reason to refuse the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The incomplete-materials notice came after the 5-working-day window:
    /// the application counts as accepted on the day of receipt (Art. 32).
    IncompleteNoticeLate,
    /// A second incomplete-materials notice: the law asks for all missing
    /// materials at once (一次告知, Art. 32).
    SecondIncompleteNotice,
    /// Supplemented materials not accepted within 5 working days (Art. 32).
    AcceptanceOverdue,
    /// An extension longer than allowed: longer than the law's length (10
    /// working days; 15 for joint handling, Art. 42), or than the case's
    /// own extension limit (an item that allows no extension has 0). Only
    /// the allowed length is counted.
    ExtensionTooLong,
    /// An extension approved by someone other than the head of the agency
    /// (the head of the government for joint handling, Art. 42): not
    /// counted.
    ExtensionWrongApprover,
    /// A second extension (Art. 42 allows one): not counted.
    SecondExtension,
    /// An extension approved after the statutory limit had run out: not
    /// counted (Art. 42).
    ExtensionLate,
    /// A promise longer than the statutory limit: the promise binds
    /// nothing the law does not already require.
    PromiseLongerThanStatute,
    /// Decided after the statutory limit (Arts. 42, 45, 82).
    DecidedLate,
    /// Open past the statutory limit on the evaluation date.
    OverdueAgainstStatute,
    /// The licence delivered after the Art. 44 limit, or not delivered by
    /// it.
    DeliveryLate,
    /// The lower agency forwarded after its 20 working days, or has not
    /// forwarded by then (Art. 43).
    PreliminaryReviewLate,
    /// The hearing requested more than 5 days after the parties were told
    /// of the right (Art. 47): the agency need not hold it.
    HearingRequestLate,
    /// The hearing not held within 20 working days of the request
    /// (Art. 47).
    HearingHeldLate,
    /// The parties told of the hearing fewer than 7 working days before it
    /// (Art. 48).
    HearingNoticeShort,
    /// The renewal applied for later than 30 days before the licence
    /// expires (Art. 50).
    RenewalAppliedLate,
    /// No decision on a timely renewal application before the licence
    /// expired: renewal is deemed granted (Art. 50).
    RenewalDeemedGranted,
}

impl Flag {
    /// Every flag, in order.
    pub const ALL: [Flag; 17] = [
        Flag::IncompleteNoticeLate,
        Flag::SecondIncompleteNotice,
        Flag::AcceptanceOverdue,
        Flag::ExtensionTooLong,
        Flag::ExtensionWrongApprover,
        Flag::SecondExtension,
        Flag::ExtensionLate,
        Flag::PromiseLongerThanStatute,
        Flag::DecidedLate,
        Flag::OverdueAgainstStatute,
        Flag::DeliveryLate,
        Flag::PreliminaryReviewLate,
        Flag::HearingRequestLate,
        Flag::HearingHeldLate,
        Flag::HearingNoticeShort,
        Flag::RenewalAppliedLate,
        Flag::RenewalDeemedGranted,
    ];

    /// The name JSON uses.
    pub fn name(self) -> &'static str {
        match self {
            Flag::IncompleteNoticeLate => "incomplete_notice_late",
            Flag::SecondIncompleteNotice => "second_incomplete_notice",
            Flag::AcceptanceOverdue => "acceptance_overdue",
            Flag::ExtensionTooLong => "extension_too_long",
            Flag::ExtensionWrongApprover => "extension_wrong_approver",
            Flag::SecondExtension => "second_extension",
            Flag::ExtensionLate => "extension_late",
            Flag::PromiseLongerThanStatute => "promise_longer_than_statute",
            Flag::DecidedLate => "decided_late",
            Flag::OverdueAgainstStatute => "overdue_against_statute",
            Flag::DeliveryLate => "delivery_late",
            Flag::PreliminaryReviewLate => "preliminary_review_late",
            Flag::HearingRequestLate => "hearing_request_late",
            Flag::HearingHeldLate => "hearing_held_late",
            Flag::HearingNoticeShort => "hearing_notice_short",
            Flag::RenewalAppliedLate => "renewal_applied_late",
            Flag::RenewalDeemedGranted => "renewal_deemed_granted",
        }
    }

    /// The article behind it.
    pub fn article(self) -> &'static str {
        match self {
            Flag::IncompleteNoticeLate | Flag::SecondIncompleteNotice | Flag::AcceptanceOverdue => {
                "行政许可法第三十二条"
            }
            Flag::ExtensionTooLong
            | Flag::ExtensionWrongApprover
            | Flag::SecondExtension
            | Flag::ExtensionLate => "行政许可法第四十二条",
            Flag::PromiseLongerThanStatute | Flag::DecidedLate | Flag::OverdueAgainstStatute => {
                "行政许可法第四十二条、第四十五条、第八十二条"
            }
            Flag::DeliveryLate => "行政许可法第四十四条",
            Flag::PreliminaryReviewLate => "行政许可法第四十三条",
            Flag::HearingRequestLate | Flag::HearingHeldLate => "行政许可法第四十七条",
            Flag::HearingNoticeShort => "行政许可法第四十八条",
            Flag::RenewalAppliedLate | Flag::RenewalDeemedGranted => "行政许可法第五十条",
        }
    }

    /// What it means, in English.
    pub fn en(self) -> &'static str {
        match self {
            Flag::IncompleteNoticeLate => {
                "incomplete materials notified after 5 working days: accepted as of receipt"
            }
            Flag::SecondIncompleteNotice => {
                "a second incomplete-materials notice: all missing materials must be notified at once"
            }
            Flag::AcceptanceOverdue => "supplemented materials not accepted within 5 working days",
            Flag::ExtensionTooLong => {
                "extension longer than the law or the item allows: only the allowed length counts"
            }
            Flag::ExtensionWrongApprover => {
                "extension not approved by the head the law names: not counted"
            }
            Flag::SecondExtension => "a second extension: the law allows one; not counted",
            Flag::ExtensionLate => {
                "extension approved after the statutory limit had run out: not counted"
            }
            Flag::PromiseLongerThanStatute => {
                "the promised limit is longer than the statutory limit"
            }
            Flag::DecidedLate => "decided after the statutory limit",
            Flag::OverdueAgainstStatute => "not decided by the statutory limit",
            Flag::DeliveryLate => "licence not delivered within the delivery limit",
            Flag::PreliminaryReviewLate => {
                "the lower agency did not finish its review within 20 working days"
            }
            Flag::HearingRequestLate => {
                "hearing requested more than 5 days after the right was notified"
            }
            Flag::HearingHeldLate => "hearing not held within 20 working days of the request",
            Flag::HearingNoticeShort => {
                "parties told of the hearing fewer than 7 working days before it"
            }
            Flag::RenewalAppliedLate => "renewal applied for less than 30 days before expiry",
            Flag::RenewalDeemedGranted => {
                "no decision on the renewal before expiry: renewal deemed granted"
            }
        }
    }

    /// What it means, in Chinese (the statute's words where it has some).
    pub fn zh(self) -> &'static str {
        match self {
            Flag::IncompleteNoticeLate => "逾期告知补正，自收到申请材料之日起即为受理",
            Flag::SecondIncompleteNotice => "未一次告知申请人需要补正的全部内容",
            Flag::AcceptanceOverdue => "补正材料后五日内未予受理",
            Flag::ExtensionTooLong => "延长期限超过法定或本事项允许的延长期限，超出部分不计",
            Flag::ExtensionWrongApprover => "延长期限未经法定负责人批准，不予计入",
            Flag::SecondExtension => "第二次延长期限，法律只允许延长一次，不予计入",
            Flag::ExtensionLate => "法定期限届满后批准延长，不予计入",
            Flag::PromiseLongerThanStatute => "承诺时限长于法定期限",
            Flag::DecidedLate => "超过法定期限作出决定",
            Flag::OverdueAgainstStatute => "法定期限届满未作出决定",
            Flag::DeliveryLate => "未在法定期限内颁发、送达行政许可证件",
            Flag::PreliminaryReviewLate => "下级行政机关未在二十日内审查完毕",
            Flag::HearingRequestLate => "被告知听证权利之日起五日后才提出听证申请",
            Flag::HearingHeldLate => "未在二十日内组织听证",
            Flag::HearingNoticeShort => "未于举行听证的七日前通知申请人、利害关系人",
            Flag::RenewalAppliedLate => "未在有效期届满三十日前提出延续申请",
            Flag::RenewalDeemedGranted => "有效期届满前未作决定，视为准予延续",
        }
    }
}

/// A set of [`Flag`]s, kept in one word so that an evaluation stays
/// `Copy`; serialised as the list of flag names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u32);

impl Flags {
    /// Whether the set holds `f`.
    pub fn contains(self, f: Flag) -> bool {
        self.0 & (1 << f as u32) != 0
    }

    /// Adds `f`.
    pub fn insert(&mut self, f: Flag) {
        self.0 |= 1 << f as u32;
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The flags, in the order of [`Flag::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl JsonSchema for Flags {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Flags".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<Flag>>::json_schema(generator)
    }
}

/// The dates that govern a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Deadlines {
    /// The day materials were received.
    pub received: Option<NaiveDate>,
    /// Art. 32: the last day to accept or to notify incomplete materials.
    pub notice_due: Option<NaiveDate>,
    /// Art. 32, after supplemented materials: the last day to accept them.
    pub acceptance_due: Option<NaiveDate>,
    /// The Art. 32 rule that gave the start of the clocks.
    pub acceptance_rule: AcceptanceRule,
    /// The day the clocks start (not itself counted).
    pub acceptance: Option<NaiveDate>,
    /// True when acceptance was deemed on the day of receipt (Art. 32).
    pub deemed_accepted: bool,
    /// Working days the application has waited for acceptance, while not
    /// accepted: from receipt, or from the last supplement.
    pub waiting_working_days: Option<i64>,
    /// True when an extension was approved after the statutory limit had
    /// run out, so it was not counted (Art. 42).
    pub extension_late: bool,
    /// The extension counted in the statutory clock, in working days (0
    /// when none counts).
    pub extension_counted: u32,
    /// The statutory due date without any extension.
    pub statutory_base_due: Option<NaiveDate>,
    /// The statutory due date.
    pub statutory_due: Option<NaiveDate>,
    /// The promised due date.
    pub promised_due: Option<NaiveDate>,
    /// The decision, if any.
    pub decided: Option<NaiveDate>,
    /// Art. 44: the last day to deliver.
    pub delivery_due: Option<NaiveDate>,
    /// The delivery, if any.
    pub delivered: Option<NaiveDate>,
    /// Art. 43: the last day of the lower agency's preliminary review.
    pub review_due: Option<NaiveDate>,
    /// Art. 43: the day the review was forwarded (the deciding agency's
    /// clock starts then).
    pub forwarded: Option<NaiveDate>,
    /// Art. 47: the last day to request a hearing (5 days, the applicant's
    /// period: calendar days).
    pub hearing_request_due: Option<NaiveDate>,
    /// Art. 47: the last day to hold the hearing (20 working days from the
    /// request).
    pub hearing_due: Option<NaiveDate>,
    /// Art. 48: the last day to tell the parties of a scheduled hearing (7
    /// working days before it).
    pub hearing_notice_due: Option<NaiveDate>,
    /// Art. 50: the day the licence being renewed expires.
    pub expires: Option<NaiveDate>,
    /// Art. 50: the last day to apply for renewal (30 days before expiry,
    /// the licensee's period: calendar days).
    pub renewal_apply_by: Option<NaiveDate>,
    /// Art. 50: renewal deemed granted for want of a decision before
    /// expiry.
    pub renewal_deemed: bool,
    /// True when a date above depends on days no holiday notice covers yet.
    pub provisional: bool,
}

/// A case evaluated on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Evaluation {
    /// The state of the log on the date.
    pub state: State,
    /// The status.
    pub status: Status,
    /// The dates.
    pub deadlines: Deadlines,
    /// Working days from acceptance to decision, suspended days not counted.
    pub working_days_used: Option<i64>,
    /// Working days the clock stood still, up to the decision or the date.
    pub suspended_working_days: i64,
    /// Decided on the day the materials were received.
    pub same_day: bool,
    /// Handled on the spot (即办件).
    pub on_the_spot: bool,
    /// Delivered after the Art. 44 limit, or not delivered by it.
    pub delivery_late: bool,
    /// What the law does not allow, found in the case.
    pub flags: Flags,
}

/// The Licensing Law's own extension, in working days: 10, or 15 for
/// unified, joint or concentrated handling (Art. 42).
pub fn lawful_extension(joint: bool) -> u32 {
    if joint { 15 } else { 10 }
}

fn wd(p: Period) -> Result<u32, Error> {
    match p {
        Period::WorkingDays(n) => Ok(n),
        other => Err(Error::NotWorkingDays {
            period: other.to_string(),
        }),
    }
}

/// A limit the law sets for the agency, which Art. 82 counts in working
/// days.
fn agency_wd(p: Period, limit: &'static str, article: &'static str) -> Result<u32, Error> {
    match p {
        Period::WorkingDays(n) => Ok(n),
        other => Err(Error::LimitNotWorkingDays {
            limit,
            article,
            period: other.to_string(),
        }),
    }
}

/// The statutory limit of a case: the base, plus the extension once
/// approved, counted at most for the law's length (Art. 42).
///
/// # Errors
///
/// [`Error::NotWorkingDays`] for a statutory limit not in working days,
/// [`Error::LimitNotWorkingDays`] for an extension not in working days
/// (Art. 82); [`Error::LimitTooLarge`] when the sum exceeds
/// [`Period::MAX_AMOUNT`].
///
/// # Example
///
/// ```
/// use jiceng_approvals::{statutory_limit, Limits};
/// use jiceng_calendar::Period;
///
/// assert_eq!(statutory_limit(&Limits::default(), true)?, Period::WorkingDays(30));
/// // A 15-day extension outside joint handling counts for the law's 10.
/// let long = Limits { extension: Period::WorkingDays(15), ..Limits::default() };
/// assert_eq!(statutory_limit(&long, true)?, Period::WorkingDays(30));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn statutory_limit(limits: &Limits, extended: bool) -> Result<Period, Error> {
    let ext = agency_wd(limits.extension, "extension", "第四十二条")?;
    let ext = if extended {
        ext.min(lawful_extension(limits.joint))
    } else {
        0
    };
    with_extension(limits, ext)
}

fn with_extension(limits: &Limits, ext: u32) -> Result<Period, Error> {
    let base = wd(limits.statutory)?;
    let total = base
        .checked_add(ext)
        .filter(|n| *n <= Period::MAX_AMOUNT)
        .ok_or_else(|| Error::LimitTooLarge {
            statutory: limits.statutory.to_string(),
            extension: limits.extension.to_string(),
        })?;
    Ok(Period::WorkingDays(total))
}

/// The clock suspensions of an application as of `at`, as inclusive
/// intervals of stopped days. A suspension still open on `at` stops the
/// clock through `at`, that day included.
pub fn suspensions(app: &Application, at: NaiveDate) -> Vec<Suspension> {
    counted_suspensions(app, at, None)
}

/// As [`suspensions`], leaving out the hearing suspension that starts on
/// `uncounted` (a hearing requested late and not held: Art. 45 excludes
/// only hearing time the law requires).
fn counted_suspensions(
    app: &Application,
    at: NaiveDate,
    uncounted: Option<NaiveDate>,
) -> Vec<Suspension> {
    let skip = |from: NaiveDate, reason: SuspensionReason| {
        reason == SuspensionReason::Hearing && uncounted == Some(from)
    };
    // Most cases have no suspension: allocate only when there is one.
    let mut out = Vec::new();
    for (from, resumed, reason) in &app.suspensions {
        if skip(*from, *reason) {
            continue;
        }
        if let Some(to) = resumed.pred_opt() {
            if to >= *from {
                out.push(Suspension {
                    from: *from,
                    to,
                    reason: reason.zh().to_owned(),
                });
            }
        }
    }
    if let Some((from, reason)) = app.open_suspension.filter(|(f, r)| !skip(*f, *r)) {
        if at >= from {
            out.push(Suspension {
                from,
                to: at,
                reason: reason.zh().to_owned(),
            });
        }
    }
    out
}

/// The options both clocks run under: Civil Code Art. 203's roll, and the
/// application's suspensions as of `at` (Art. 45: suspended days are not
/// counted).
fn clock_options(app: &Application, at: NaiveDate, uncounted: Option<NaiveDate>) -> PeriodOptions {
    PeriodOptions {
        roll_past_days_off: true,
        suspensions: counted_suspensions(app, at, uncounted),
        suspension_policy: SuspensionPolicy::Continue,
    }
}

fn end(
    cal: &Calendar,
    start: NaiveDate,
    period: Period,
    opts: Option<&PeriodOptions>,
    provisional: &mut bool,
) -> Result<NaiveDate, Error> {
    let r = match opts {
        Some(o) if !o.suspensions.is_empty() => cal.period_end_with(start, period, o)?,
        _ => cal.period_end(start, period)?,
    };
    *provisional |= r.provisional;
    Ok(r.end)
}

/// Working days of `sus` inside `(a, b]`.
fn suspended_between(
    cal: &Calendar,
    sus: &[Suspension],
    a: NaiveDate,
    b: NaiveDate,
) -> Result<i64, Error> {
    let mut n = 0;
    for s in sus {
        let lo = s.from.pred_opt().unwrap_or(s.from).max(a);
        let hi = s.to.min(b);
        if hi > lo {
            n += cal.working_days_between(lo, hi)?;
        }
    }
    Ok(n)
}

/// Evaluates a case on `at`: its state, deadlines, status and flags.
/// Events after `at` are not yet known and are ignored.
///
/// # Errors
///
/// The log's first event that cannot have happened ([`Error::AtEvent`]);
/// a limit the law sets for the agency that is not in working days
/// (Art. 82); a calendar error (a date outside coverage under the strict
/// policy).
///
/// # Example
///
/// ```
/// use jiceng_approvals::{evaluate, Case, Options, Status};
/// use jiceng_calendar::Calendar;
///
/// let case: Case = serde_json::from_str(r#"{
///     "id": "SC-1", "promised": "7wd",
///     "events": [
///         {"date": "2025-09-22", "kind": "received"},
///         {"date": "2025-09-22", "kind": "accepted"},
///         {"date": "2025-10-13", "kind": "decided", "outcome": "granted"}
///     ]
/// }"#)?;
/// let cal = Calendar::china_mainland();
/// let e = evaluate(&case, "2025-10-31".parse()?, &cal, &Options::default())?;
/// assert_eq!(e.deadlines.promised_due.unwrap().to_string(), "2025-09-30");
/// assert_eq!(e.deadlines.statutory_due.unwrap().to_string(), "2025-10-24");
/// // Late against the promise, lawful under the statute.
/// assert_eq!(e.status, Status::ClosedLateAgainstPromise);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate(
    case: &Case,
    at: NaiveDate,
    cal: &Calendar,
    opts: &Options,
) -> Result<Evaluation, Error> {
    let app = Application::replay(&case.events, Some(at))?;
    evaluate_app(&app, case, at, cal, opts)
}

/// The Art. 32 answer: the day the clocks start, and the rule that gave it.
struct Acceptance {
    day: Option<NaiveDate>,
    rule: AcceptanceRule,
    acceptance_due: Option<NaiveDate>,
    waiting: Option<i64>,
}

fn acceptance(
    app: &Application,
    received: NaiveDate,
    notice_due: NaiveDate,
    at: NaiveDate,
    cal: &Calendar,
    flags: &mut Flags,
    provisional: &mut bool,
) -> Result<Acceptance, Error> {
    if app.notices > 1 {
        flags.insert(Flag::SecondIncompleteNotice);
    }
    let timely_notice = app.first_notice.is_some_and(|n| n <= notice_due);
    if app.first_notice.is_some_and(|n| n > notice_due) {
        flags.insert(Flag::IncompleteNoticeLate);
    }
    let mut out = Acceptance {
        day: None,
        rule: AcceptanceRule::Pending,
        acceptance_due: None,
        waiting: None,
    };
    // After a timely notice, supplemented materials open a new window.
    let supplement = if timely_notice {
        app.last_supplement
    } else {
        None
    };
    if let Some(s) = supplement {
        out.acceptance_due = Some(end(cal, s, Period::WorkingDays(5), None, provisional)?);
    }
    if let Some(a) = app.accepted {
        if a <= notice_due || timely_notice {
            // Accepted in time, or after a timely notice: the clocks start
            // on the acceptance day.
            out.day = Some(a);
            out.rule = AcceptanceRule::Accepted;
            if out.acceptance_due.is_some_and(|due| a > due) {
                flags.insert(Flag::AcceptanceOverdue);
            }
        } else {
            out.day = Some(received);
            out.rule = AcceptanceRule::DeemedAtReceipt;
        }
        return Ok(out);
    }
    // No acceptance on record.
    if !timely_notice {
        if at > notice_due || app.decided.is_some() || app.extension.is_some() {
            out.day = Some(received);
            out.rule = AcceptanceRule::DeemedAtReceipt;
        } else {
            out.waiting = Some(cal.working_days_between(received, at)?.max(0));
        }
        return Ok(out);
    }
    match supplement {
        None => {
            out.rule = AcceptanceRule::AwaitingSupplement;
            if app.decided.is_some() {
                // Decided on the materials as they were: the clock counts
                // from the day of receipt, as if the notice had not been
                // given; no later day can be shown from the log.
                out.day = Some(received);
                out.rule = AcceptanceRule::DeemedAtReceipt;
            }
        }
        Some(s) => {
            if app.decided.is_some() {
                out.day = Some(s);
                out.rule = AcceptanceRule::FromSupplement;
            } else {
                out.rule = AcceptanceRule::AwaitingAcceptance;
                out.waiting = Some(cal.working_days_between(s, at)?.max(0));
            }
            if out
                .acceptance_due
                .is_some_and(|due| app.decided.map_or(at, |(d, _)| d) > due)
            {
                flags.insert(Flag::AcceptanceOverdue);
            }
        }
    }
    Ok(out)
}

/// As [`evaluate`], for an application already replayed: the case gives
/// its limits, handling, review and renewal terms; its events are not read
/// again.
///
/// # Errors
///
/// As [`evaluate`].
pub fn evaluate_app(
    app: &Application,
    case: &Case,
    at: NaiveDate,
    cal: &Calendar,
    opts: &Options,
) -> Result<Evaluation, Error> {
    let limits = &case.limits;
    let handling = case.handling;
    let at = closed_at(app, at);
    // Art. 82: limits the law sets for the agency are in working days,
    // and a limit written otherwise is malformed whatever the date: it is
    // refused before anything is read from the log, not only once a clock
    // runs on it.
    wd(limits.statutory)?;
    let delivery = agency_wd(limits.delivery, "delivery", "第四十四条")?;
    let case_extension = agency_wd(limits.extension, "extension", "第四十二条")?;
    let mut d = Deadlines {
        received: app.received,
        decided: app.decided.map(|(x, _)| x),
        delivered: app.delivered,
        ..Deadlines::default()
    };
    let mut provisional = false;
    let mut flags = Flags::default();
    let mut eval = Evaluation {
        state: app.state(),
        status: Status::NotYetReceived,
        deadlines: d,
        working_days_used: None,
        suspended_working_days: 0,
        same_day: false,
        on_the_spot: handling == Handling::OnTheSpot,
        delivery_late: false,
        flags,
    };
    let Some(received) = app.received else {
        return Ok(eval);
    };
    let notice_due = end(
        cal,
        received,
        Period::WorkingDays(5),
        None,
        &mut provisional,
    )?;
    d.notice_due = Some(notice_due);
    let acc = acceptance(
        app,
        received,
        notice_due,
        at,
        cal,
        &mut flags,
        &mut provisional,
    )?;
    d.acceptance = acc.day;
    d.acceptance_rule = acc.rule;
    d.acceptance_due = acc.acceptance_due;
    d.waiting_working_days = acc.waiting;
    d.deemed_accepted =
        acc.rule == AcceptanceRule::DeemedAtReceipt && app.accepted != Some(received);
    // A hearing requested late and not held does not stop the clocks.
    let uncounted = uncounted_hearing(app, cal, &mut provisional)?;
    if let Some(acc) = acc.day {
        let copts = clock_options(app, at, uncounted);
        let sus = Some(&copts);
        // Art. 43: under a lower agency's preliminary review, the deciding
        // agency's clock starts on the day the review is forwarded.
        let mut stat_start = Some(acc);
        if case.preliminary_review {
            let review_due = end(cal, acc, Period::WorkingDays(20), None, &mut provisional)?;
            d.review_due = Some(review_due);
            d.forwarded = app.forwarded;
            let done = app.forwarded.or(d.decided);
            if done.map_or(at > review_due, |f| f > review_due) {
                flags.insert(Flag::PreliminaryReviewLate);
            }
            stat_start = match (app.forwarded, d.decided) {
                (Some(f), _) => Some(f),
                (None, Some(_)) => Some(acc),
                (None, None) => None,
            };
        }
        let mut base = None;
        if let Some(acc) = stat_start {
            let base_due = end(
                cal,
                acc,
                statutory_limit(limits, false)?,
                sus,
                &mut provisional,
            )?;
            d.statutory_base_due = Some(base_due);
            d.extension_counted = 0;
            if app.extensions > 1 {
                flags.insert(Flag::SecondExtension);
            }
            if let Some(x) = &app.extension {
                let granted = match x.length {
                    Some(p) => agency_wd(p, "extension", "第四十二条")?,
                    None => case_extension,
                };
                // At most the law's length, and at most the case's own
                // extension: an item that allows none (0wd) gets none,
                // whatever length the event states.
                let allowed = lawful_extension(limits.joint).min(case_extension);
                if granted > allowed {
                    flags.insert(Flag::ExtensionTooLong);
                }
                let head = if limits.joint {
                    ApproverRole::GovernmentHead
                } else {
                    ApproverRole::AgencyHead
                };
                let wrong = x
                    .role
                    .is_some_and(|r| r != head && r != ApproverRole::TownshipHead);
                if wrong {
                    flags.insert(Flag::ExtensionWrongApprover);
                }
                // Art. 42: the extension is approved within the limit; one
                // approved after it ran out does not revive it.
                if x.date > base_due {
                    d.extension_late = true;
                    flags.insert(Flag::ExtensionLate);
                } else if !wrong {
                    d.extension_counted = granted.min(allowed);
                }
            }
            d.statutory_due = Some(if d.extension_counted > 0 {
                end(
                    cal,
                    acc,
                    with_extension(limits, d.extension_counted)?,
                    sus,
                    &mut provisional,
                )?
            } else {
                base_due
            });
            base = Some(base_due);
        }
        let promise = match (limits.promised, handling) {
            (Some(p), _) => Some(p),
            (None, Handling::OnTheSpot) => Some(Period::WorkingDays(0)),
            (None, Handling::Promised) => None,
        };
        if let Some(p) = promise {
            let due = end(cal, acc, p, sus, &mut provisional)?;
            if base.is_some_and(|b| due > b) {
                flags.insert(Flag::PromiseLongerThanStatute);
            }
            d.promised_due = Some(due);
        }
        let until = d.decided.unwrap_or(at).max(acc);
        eval.suspended_working_days = suspended_between(cal, &copts.suspensions, acc, until)?;
        if let Some(dec) = d.decided {
            let used = cal.working_days_between(acc, dec)? - eval.suspended_working_days;
            eval.working_days_used = Some(used.max(0));
            // Art. 44: a licence granted is issued or served within 10
            // working days; a refusal has no licence to deliver.
            if matches!(app.decided, Some((_, Outcome::Granted))) {
                let due = end(
                    cal,
                    dec,
                    Period::WorkingDays(delivery),
                    None,
                    &mut provisional,
                )?;
                d.delivery_due = Some(due);
                eval.delivery_late = match app.delivered {
                    Some(x) => x > due,
                    None => at > due,
                };
                if eval.delivery_late {
                    flags.insert(Flag::DeliveryLate);
                }
            }
        }
    }
    hearing(app, at, cal, &mut d, &mut flags, &mut provisional)?;
    if let Some(exp) = case.expires {
        renewal(app, exp, received, at, &mut d, &mut flags);
    }
    eval.same_day = d.decided.is_some_and(|x| x == received);
    d.provisional = provisional;
    // The log is suspended, but the clocks run: a hearing requested late
    // and not held stops nothing.
    let stopped = app.state() == State::Suspended
        && !app
            .open_suspension
            .is_some_and(|(f, r)| r == SuspensionReason::Hearing && uncounted == Some(f));
    eval.status = status(app, &d, at, stopped, cal, opts)?;
    match eval.status {
        Status::ClosedLateAgainstStatute => flags.insert(Flag::DecidedLate),
        Status::LateAgainstStatute => flags.insert(Flag::OverdueAgainstStatute),
        _ => {}
    }
    eval.deadlines = d;
    eval.flags = flags;
    Ok(eval)
}

/// Arts. 47–48: the hearing's own periods. The 5 days to request it are
/// the applicant's (calendar days, Civil Code rules); the 20 days to hold
/// it and the 7 days' notice are the agency's (working days, Art. 82).
fn hearing(
    app: &Application,
    at: NaiveDate,
    cal: &Calendar,
    d: &mut Deadlines,
    flags: &mut Flags,
    provisional: &mut bool,
) -> Result<(), Error> {
    if let Some(n) = app.hearing_notified {
        let due = end(cal, n, Period::Days(5), None, provisional)?;
        d.hearing_request_due = Some(due);
        if app.hearing_requested.is_some_and(|r| r > due) {
            flags.insert(Flag::HearingRequestLate);
        }
    }
    if let Some(r) = app.hearing_requested {
        let due = end(cal, r, Period::WorkingDays(20), None, provisional)?;
        d.hearing_due = Some(due);
        if app.hearing_held.map_or(at > due, |h| h > due) {
            flags.insert(Flag::HearingHeldLate);
        }
    }
    if let Some((told, date)) = app.hearing_scheduled {
        d.hearing_notice_due = Some(cal.add_working_days(date, -7)?);
        if cal.working_days_between(told, date)? < 7 {
            flags.insert(Flag::HearingNoticeShort);
        }
    }
    Ok(())
}

/// Art. 50: a renewal applied for at least 30 days (calendar days: the
/// licensee's period) before expiry, and not decided before the licence
/// expires, is deemed granted. A decision on the day of expiry is in time.
fn renewal(
    app: &Application,
    exp: NaiveDate,
    received: NaiveDate,
    at: NaiveDate,
    d: &mut Deadlines,
    flags: &mut Flags,
) {
    d.expires = Some(exp);
    let apply_by = exp.checked_sub_days(chrono::Days::new(30));
    d.renewal_apply_by = apply_by;
    let timely = apply_by.is_some_and(|by| received <= by);
    if !timely {
        flags.insert(Flag::RenewalAppliedLate);
    }
    let open = !matches!(app.state(), State::Rejected | State::Withdrawn);
    let undecided_at_expiry = match app.decided {
        Some((x, _)) => x > exp,
        None => at > exp,
    };
    if timely && open && undecided_at_expiry {
        d.renewal_deemed = true;
        flags.insert(Flag::RenewalDeemedGranted);
    }
}

/// A rejected or withdrawn case stands still from the day it ended: a later
/// evaluation date must neither deem it accepted (Art. 32) nor stretch a
/// suspension that was still open when it ended.
fn closed_at(app: &Application, at: NaiveDate) -> NaiveDate {
    app.ended.map_or(at, |ended| ended.min(at))
}

pub(crate) fn closed_at_pub(app: &Application, at: NaiveDate) -> NaiveDate {
    closed_at(app, at)
}

/// The options both clocks run under, as [`evaluate_app`] sets them.
pub(crate) fn clock_options_pub(
    app: &Application,
    at: NaiveDate,
    cal: &Calendar,
) -> Result<PeriodOptions, Error> {
    let mut provisional = false;
    let late = uncounted_hearing(app, cal, &mut provisional)?;
    Ok(clock_options(app, at, late))
}

/// The day of a hearing request whose time is not counted: requested
/// after the applicant's 5 days (Art. 47) and not held. Art. 45 leaves
/// out of the limits only the time of a hearing "依法需要听证"; after a
/// late request the law no longer requires one, so, as with an extension
/// approved late, the request does not stop the clocks. A hearing the
/// agency holds all the same is hearing time: once it is held, the time
/// from the request through the hearing day is left out as for any
/// hearing.
pub(crate) fn uncounted_hearing(
    app: &Application,
    cal: &Calendar,
    provisional: &mut bool,
) -> Result<Option<NaiveDate>, Error> {
    let (Some(n), Some(r), None) = (
        app.hearing_notified,
        app.hearing_requested,
        app.hearing_held,
    ) else {
        return Ok(None);
    };
    let due = end(cal, n, Period::Days(5), None, provisional)?;
    Ok((r > due).then_some(r))
}

/// The statutory limit with `ext` working days of extension counted.
pub(crate) fn statutory_limit_counted(limits: &Limits, ext: u32) -> Result<Period, Error> {
    with_extension(limits, ext)
}

fn status(
    app: &Application,
    d: &Deadlines,
    at: NaiveDate,
    stopped: bool,
    cal: &Calendar,
    opts: &Options,
) -> Result<Status, Error> {
    match app.state() {
        State::Start => return Ok(Status::NotYetReceived),
        State::Rejected => return Ok(Status::Rejected),
        State::Withdrawn => return Ok(Status::Withdrawn),
        _ => {}
    }
    if let (Some(dec), Some(stat)) = (d.decided, d.statutory_due) {
        let target = d.promised_due.unwrap_or(stat);
        return Ok(if dec > stat {
            Status::ClosedLateAgainstStatute
        } else if d.promised_due.is_some_and(|p| dec > p) {
            Status::ClosedLateAgainstPromise
        } else if dec < target {
            Status::ClosedEarly
        } else {
            Status::ClosedOnTime
        });
    }
    let Some(stat) = d.statutory_due else {
        if d.review_due.is_some() && d.acceptance.is_some() {
            return Ok(Status::PreliminaryReview);
        }
        return Ok(match app.state() {
            State::AwaitingSupplement => Status::AwaitingSupplement,
            _ => Status::AwaitingAcceptance,
        });
    };
    if at > stat {
        return Ok(Status::LateAgainstStatute);
    }
    if d.promised_due.is_some_and(|p| at > p) {
        return Ok(Status::LateAgainstPromise);
    }
    if stopped {
        return Ok(Status::Suspended);
    }
    let next = d.promised_due.unwrap_or(stat);
    let left = cal.working_days_between(at, next)?;
    Ok(if left <= i64::from(opts.due_soon_days) {
        Status::DueSoon
    } else {
        Status::OnTrack
    })
}
