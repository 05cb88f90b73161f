//! A case on a date: its deadlines, its status and the unlawful conduct it
//! shows.
//!
//! A monitoring system reports what an agency did, lawful or not. So the
//! evaluation never refuses a late decision or a skipped legal review: it
//! flags them ([`Flag`]), each flag citing its article:
//!
//! * the decision after the Art. 60 date, or none by it;
//! * a major case decided without legal review (Art. 58);
//! * penalties decided without the rights notice (Arts. 44, 62);
//! * a hearing requested in time and never held (Arts. 63, 64(1));
//! * the hearing notified less than 7 working days ahead (Art. 64(2));
//! * an absent party served after 7 working days (Art. 61);
//! * two fines for one act (Art. 29);
//! * a decision on the spot beyond the summary procedure's limits (Art. 51);
//! * a penalty after the limitation period (Art. 36);
//! * a recorded surcharge above Art. 72's amount;
//! * filing later than the configured rule after the clue;
//! * an extension the rule does not provide, or a second one;
//! * an extension approved after the period had run out: an expired
//!   period cannot be extended, so it is not counted.

use chrono::NaiveDate;
use jiceng_calendar::{Calendar, Suspension};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::case::{EventKind, Penalty, PenaltyCase, Proceeding, State};
use crate::deadlines;
use crate::error::Error;
use crate::money::{
    Doubt, HearingScope, HearingThresholds, Surcharge, hearing_scope, summary_eligible, surcharge,
    surcharge_after_payments,
};
use crate::party::PartyKind;

/// Options of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// A case with this many calendar days or fewer left before the
    /// decision is due is "due soon". 7 by default.
    pub due_soon_days: i64,
    /// The province's Art. 63 thresholds of a large fine or confiscation,
    /// which decide whether a hearing had to be held. The bundled Hebei
    /// figures ([`HearingThresholds::hebei_illustrative`], illustrative) by
    /// default.
    pub hearing: HearingThresholds,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            due_soon_days: 7,
            hearing: HearingThresholds::hebei_illustrative(),
        }
    }
}

/// One kind of unlawful (or doubtful) conduct an evaluation flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Flag {
    /// Filed after the configured filing period, or not filed by it.
    FilingLate = 0,
    /// Decided after the Art. 60 date, or undecided past it.
    DecisionLate,
    /// A major case decided without legal review (Art. 58).
    LegalReviewSkipped,
    /// Penalties decided in a filed case without the rights notice (Arts.
    /// 44, 62).
    NoRightsNotice,
    /// A hearing requested within 5 working days and decided without it
    /// (Arts. 63, 64(1)), where the penalties carry the hearing right or
    /// the case does not tell whether they do ([`Evaluation::hearing_doubt`]
    /// says why).
    HearingDenied,
    /// The hearing notified less than 7 working days ahead (Art. 64(2)).
    HearingNoticeShort,
    /// An absent party served after 7 working days, or not served by then
    /// (Art. 61).
    ServiceLate,
    /// More than one fine for one act (Art. 29).
    TwoFines,
    /// Decided on the spot beyond the summary procedure (Art. 51): for the
    /// party's kind, or, the kind unknown, for every kind (a fine above
    /// 3,000 yuan, a penalty other than a warning or a fine).
    SummaryIneligible,
    /// Penalised although the act was found after the limitation period
    /// (Art. 36).
    AfterLimitation,
    /// A surcharge recorded above what Art. 72 allows on that day.
    SurchargeExcessive,
    /// An extension recorded where the rule provides none.
    ExtensionNotProvided,
    /// More than one extension recorded.
    RepeatedExtension,
    /// An extension approved after the unextended decision period had run
    /// out: an expired period cannot be extended, so it is not counted.
    ExtensionLate,
}

impl Flag {
    /// Every flag, in order.
    pub const ALL: [Flag; 14] = [
        Flag::FilingLate,
        Flag::DecisionLate,
        Flag::LegalReviewSkipped,
        Flag::NoRightsNotice,
        Flag::HearingDenied,
        Flag::HearingNoticeShort,
        Flag::ServiceLate,
        Flag::TwoFines,
        Flag::SummaryIneligible,
        Flag::AfterLimitation,
        Flag::SurchargeExcessive,
        Flag::ExtensionNotProvided,
        Flag::RepeatedExtension,
        Flag::ExtensionLate,
    ];

    /// The flag's name, as JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Flag::FilingLate => "filing_late",
            Flag::DecisionLate => "decision_late",
            Flag::LegalReviewSkipped => "legal_review_skipped",
            Flag::NoRightsNotice => "no_rights_notice",
            Flag::HearingDenied => "hearing_denied",
            Flag::HearingNoticeShort => "hearing_notice_short",
            Flag::ServiceLate => "service_late",
            Flag::TwoFines => "two_fines",
            Flag::SummaryIneligible => "summary_ineligible",
            Flag::AfterLimitation => "after_limitation",
            Flag::SurchargeExcessive => "surcharge_excessive",
            Flag::ExtensionNotProvided => "extension_not_provided",
            Flag::RepeatedExtension => "repeated_extension",
            Flag::ExtensionLate => "extension_late",
        }
    }

    /// The flag in Chinese, as a clerk would name the conduct.
    pub fn zh(self) -> &'static str {
        match self {
            Flag::FilingLate => "立案超期",
            Flag::DecisionLate => "决定超期",
            Flag::LegalReviewSkipped => "未经法制审核",
            Flag::NoRightsNotice => "未告知权利",
            Flag::HearingDenied => "未组织听证",
            Flag::HearingNoticeShort => "听证通知不足七个工作日",
            Flag::ServiceLate => "送达超期",
            Flag::TwoFines => "同一违法行为两次罚款",
            Flag::SummaryIneligible => "超出简易程序范围",
            Flag::AfterLimitation => "超过追责时效",
            Flag::SurchargeExcessive => "加处罚款超额",
            Flag::ExtensionNotProvided => "无依据延期",
            Flag::RepeatedExtension => "重复延期",
            Flag::ExtensionLate => "期限届满后延期",
        }
    }

    /// The article it cites, in Chinese only (as [`Flag::article`], with
    /// the configured rule named in Chinese).
    pub fn article_zh(self) -> &'static str {
        match self {
            Flag::FilingLate => "立案期限（所配置的规则）",
            Flag::ExtensionNotProvided | Flag::RepeatedExtension | Flag::ExtensionLate => {
                "行政处罚法第六十条（所配置的规则）"
            }
            f => f.article(),
        }
    }

    /// The article it cites.
    pub fn article(self) -> &'static str {
        match self {
            Flag::FilingLate => "立案期限 (the configured rule)",
            Flag::DecisionLate => "行政处罚法第六十条",
            Flag::LegalReviewSkipped => "行政处罚法第五十八条",
            Flag::NoRightsNotice => "行政处罚法第四十四条、第六十二条",
            Flag::HearingDenied => "行政处罚法第六十三条、第六十四条第一项",
            Flag::HearingNoticeShort => "行政处罚法第六十四条第二项",
            Flag::ServiceLate => "行政处罚法第六十一条",
            Flag::TwoFines => "行政处罚法第二十九条",
            Flag::SummaryIneligible => "行政处罚法第五十一条",
            Flag::AfterLimitation => "行政处罚法第三十六条",
            Flag::SurchargeExcessive => "行政处罚法第七十二条",
            Flag::ExtensionNotProvided | Flag::RepeatedExtension | Flag::ExtensionLate => {
                "行政处罚法第六十条 (the configured rule)"
            }
        }
    }
}

/// A set of [`Flag`]s, one bit each; serialized as the list of names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u16);

impl Flags {
    /// Adds a flag.
    pub fn insert(&mut self, f: Flag) {
        self.0 |= 1 << f as u8;
    }

    /// Whether a flag is set.
    pub fn contains(self, f: Flag) -> bool {
        self.0 & (1 << f as u8) != 0
    }

    /// Whether no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The flags set, in order.
    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Flag::name))
    }
}

impl JsonSchema for Flags {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Flags".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": {"type": "string"},
            "description": "The flags of unlawful conduct, by name."
        })
    }
}

/// The status of a case on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nothing recorded on or before the date.
    NotStarted,
    /// A clue, not filed.
    Clue,
    /// Filed, the decision not due soon.
    Investigating,
    /// The decision due within the "due soon" threshold.
    DueSoon,
    /// Undecided past the decision date.
    Overdue,
    /// The clock stands still.
    Suspended,
    /// Decided, not yet served.
    AwaitingService,
    /// Served, the fine not yet due.
    AwaitingPayment,
    /// Served, the fine unpaid past its due date: the surcharge accrues.
    PaymentOverdue,
    /// Served, nothing to pay.
    Served,
    /// The fine paid.
    Paid,
    /// Compulsory execution applied for.
    Enforcing,
    /// Transferred to the judicial organs.
    Transferred,
    /// Closed.
    Closed,
}

impl Status {
    /// The status's name, as JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::Clue => "clue",
            Status::Investigating => "investigating",
            Status::DueSoon => "due_soon",
            Status::Overdue => "overdue",
            Status::Suspended => "suspended",
            Status::AwaitingService => "awaiting_service",
            Status::AwaitingPayment => "awaiting_payment",
            Status::PaymentOverdue => "payment_overdue",
            Status::Served => "served",
            Status::Paid => "paid",
            Status::Enforcing => "enforcing",
            Status::Transferred => "transferred",
            Status::Closed => "closed",
        }
    }

    /// Every status, in order.
    pub const ALL: [Status; 14] = [
        Status::NotStarted,
        Status::Clue,
        Status::Investigating,
        Status::DueSoon,
        Status::Overdue,
        Status::Suspended,
        Status::AwaitingService,
        Status::AwaitingPayment,
        Status::PaymentOverdue,
        Status::Served,
        Status::Paid,
        Status::Enforcing,
        Status::Transferred,
        Status::Closed,
    ];
}

/// The dates that govern a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Deadlines {
    /// The last day to file after the clue (the configured rule).
    pub filing_due: Option<NaiveDate>,
    /// Art. 60: the last day to decide.
    pub decision_due: Option<NaiveDate>,
    /// Art. 64(1): the last day to request a hearing.
    pub hearing_request_due: Option<NaiveDate>,
    /// Art. 64(2): the last day to notify the scheduled hearing.
    pub hearing_notice_by: Option<NaiveDate>,
    /// Art. 61: the last day to serve the absent party.
    pub service_due: Option<NaiveDate>,
    /// Art. 67: the last day to pay.
    pub payment_due: Option<NaiveDate>,
    /// Art. 36: the last day the act could be discovered.
    pub limitation_last_day: Option<NaiveDate>,
    /// Calendar days excluded from the decision period (hearing, testing,
    /// appraisal …) that moved its end: those after filing and up to the
    /// end of the counting, before any roll. Time excluded after the period
    /// had run out is not counted.
    pub excluded_days: i64,
    /// True when Civil Code Art. 203 moved the decision date past a day
    /// off (for the explanation; not serialised).
    #[serde(skip)]
    pub decision_rolled: bool,
    /// The extension counted in the decision period, if any (for the
    /// explanation; not serialised).
    #[serde(skip)]
    pub decision_extension: Option<jiceng_calendar::Period>,
    /// True when Civil Code Art. 203 moved the payment date past a day off
    /// (for the explanation; not serialised).
    #[serde(skip)]
    pub payment_rolled: bool,
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
    /// The day of the decision, if any.
    pub decided: Option<NaiveDate>,
    /// The unlawful conduct found.
    pub flags: Flags,
    /// The fine decided (the sum, if several were: see [`Flag::TwoFines`]).
    #[serde(
        serialize_with = "opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<String>")]
    pub fine: Option<Decimal>,
    /// The Art. 72 surcharge to the day the fine was paid in full, or to
    /// the date if not; on the part still unpaid each day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surcharge: Option<Surcharge>,
    /// The payments made before the surcharge stopped running (before the
    /// day the fine was paid in full, or the date), which lowered the part
    /// it runs on (for the explanation; not serialised).
    #[serde(skip)]
    pub paid_before: Decimal,
    /// Why [`Flag::HearingDenied`] is set although the case does not tell
    /// whether the penalties carry the hearing right (for the explanation;
    /// not serialised).
    #[serde(skip)]
    pub hearing_doubt: Option<Doubt>,
}

fn opt_decimal<S: Serializer>(x: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// The most excluded intervals evaluated without allocating; more go
/// through the calendar's general suspension counting.
const FAST_INTERVALS: usize = 8;

/// The intervals left out of the decision period, as inclusive days: the
/// hearing requested in time (`hearing_in_time`) from its request through
/// the day it was held, or through the date while it is still pending (no
/// hearing held, no decision, the case open); and each suspension from its
/// first day to the day before it resumed (or through the date). A hearing
/// never held, once the case is decided (or transferred, or closed), and a
/// request out of time leave nothing out: there was no hearing time. Calls
/// `f` with each.
fn excluded(
    case: &PenaltyCase,
    p: &Proceeding,
    at: NaiveDate,
    hearing_in_time: bool,
    mut f: impl FnMut(NaiveDate, NaiveDate),
) {
    if case.limits.exclude_hearing && hearing_in_time {
        if let Some(r) = p.hearing_requested {
            let end = match p.hearing_held {
                Some(h) => Some(h),
                None if p.decided.is_none() && p.state().is_open() => Some(at),
                None => None,
            };
            if let Some(end) = end.filter(|&e| r <= e) {
                f(r, end);
            }
        }
    }
    if case.limits.exclude_suspensions {
        for &(from, to) in &p.suspensions {
            let last = match to {
                Some(t) => t.pred_opt().unwrap_or(t),
                None => at,
            };
            if from <= last {
                f(from, last);
            }
        }
    }
}

/// Art. 60's due date, the excluded days that moved it, and whether it
/// was rolled past a day off.
///
/// Only the excluded days up to the end of the counting (before the roll)
/// are counted: time excluded after the period had run out (a hearing
/// requested after the due date) moved nothing.
fn decision(
    cal: &Calendar,
    case: &PenaltyCase,
    p: &Proceeding,
    filed: NaiveDate,
    at: NaiveDate,
    extended: bool,
    hearing_in_time: bool,
) -> Result<(jiceng_calendar::PeriodEnd, i64, bool), Error> {
    let mut fast = [(filed, filed); FAST_INTERVALS];
    let mut k = 0usize;
    let mut overflowed = false;
    excluded(case, p, at, hearing_in_time, |a, b| {
        if k < FAST_INTERVALS {
            fast[k] = (a, b);
            k += 1;
        } else {
            overflowed = true;
        }
    });
    let ext = case.limits.extension.filter(|_| extended);
    if let (jiceng_calendar::Period::Days(n), None, false) = (case.limits.decision, ext, overflowed)
    {
        let t = deadlines::days_end_traced(cal, filed, n, &mut fast[..k])?;
        let days = deadlines::days_within(&mut fast[..k], filed, t.counted_until);
        return Ok((t.due, days, t.rolled));
    }
    let mut list = Vec::new();
    let mut spans = Vec::new();
    excluded(case, p, at, hearing_in_time, |a, b| {
        spans.push((a, b));
        if let Ok(s) = Suspension::new(a, b, "excluded") {
            list.push(s);
        }
    });
    let t = deadlines::decision_traced(cal, filed, &case.limits, extended, &list)?;
    let days = deadlines::days_within(&mut spans, filed, t.counted_until);
    Ok((t.due, days, t.rolled))
}

/// The deadlines, status and flags of `case` on `at`, replaying the events
/// dated on or before `at`.
///
/// # Errors
///
/// The replay's [`Error::AtEvent`] for a log that cannot have happened;
/// calendar errors for dates outside coverage under the strict policy.
///
/// # Example
///
/// ```
/// use jiceng_calendar::Calendar;
/// use jiceng_enforcement::{Flag, PenaltyCase, Status, evaluate, Options};
///
/// let case: PenaltyCase = serde_json::from_str(r#"{
///     "id": "QX-1", "major": true,
///     "events": [
///         {"date": "2025-03-05", "kind": "filed"},
///         {"date": "2025-06-10", "kind": "decided",
///          "penalties": [{"kind": "warning"}], "party_present": true}
///     ]
/// }"#)?;
/// let e = evaluate(&case, "2025-06-10".parse()?, &Calendar::china_mainland(), &Options::default())?;
/// assert_eq!(e.deadlines.decision_due.unwrap().to_string(), "2025-06-03");
/// assert!(e.flags.contains(Flag::DecisionLate));
/// assert!(e.flags.contains(Flag::LegalReviewSkipped));
/// assert_eq!(e.status, Status::Served);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate(
    case: &PenaltyCase,
    at: NaiveDate,
    cal: &Calendar,
    opts: &Options,
) -> Result<Evaluation, Error> {
    let p = Proceeding::replay(&case.events, Some(at))?;
    let mut d = Deadlines::default();
    let mut flags = Flags::default();
    let mut provisional = false;
    let mut hearing_doubt = None;

    // Filing after the clue, when a rule sets the period.
    if let (Some(clue), Some(period)) = (p.clue, case.limits.filing) {
        let due = deadlines::filing_due(cal, clue, period)?;
        provisional |= due.provisional;
        d.filing_due = Some(due.end);
        let late = match p.filed {
            Some(f) => f > due.end,
            None => p.state() == State::Clue && at > due.end,
        };
        if late {
            flags.insert(Flag::FilingLate);
        }
    }

    // The hearing request's period (Art. 64(1)): a request after it
    // excludes no time from the decision period.
    let hearing_request_due = match p.notified {
        Some(n) => Some(deadlines::hearing_request_due(cal, n)?),
        None => None,
    };
    let hearing_in_time = match (p.hearing_requested, hearing_request_due) {
        (Some(r), Some(due)) => r <= due.end,
        _ => false,
    };

    // The decision (Art. 60).
    if let Some(filed) = p.filed {
        // An extension counts only where the rule provides one (`decision`
        // filters it by `Limits::extension`), and only when approved while
        // the unextended period still ran: an expired period cannot be
        // extended. The period runs through its last day after Civil Code
        // Art. 203's roll, with the excluded time left out.
        let mut extended = p.extended.is_some();
        if p.extended.is_some() && case.limits.extension.is_none() {
            flags.insert(Flag::ExtensionNotProvided);
        }
        // The unextended period, kept when a late approval leaves it the
        // one that runs.
        let mut unextended = None;
        if let (Some(approved), Some(_)) = (p.extended, case.limits.extension) {
            let base = decision(cal, case, &p, filed, at, false, hearing_in_time)?;
            if approved > base.0.end {
                flags.insert(Flag::ExtensionLate);
                extended = false;
                unextended = Some(base);
            }
        }
        if p.extensions > 1 {
            flags.insert(Flag::RepeatedExtension);
        }
        let (due, excluded_days, rolled) = match unextended {
            Some(base) => base,
            None => decision(cal, case, &p, filed, at, extended, hearing_in_time)?,
        };
        d.excluded_days = excluded_days;
        d.decision_rolled = rolled;
        d.decision_extension = case.limits.extension.filter(|_| extended);
        provisional |= due.provisional;
        d.decision_due = Some(due.end);
        let late = match p.decided {
            Some(dd) => dd > due.end,
            None => p.state().is_open() && at > due.end,
        };
        if late {
            flags.insert(Flag::DecisionLate);
        }
    }

    // The hearing (Art. 64).
    if let Some(due) = hearing_request_due {
        provisional |= due.provisional;
        d.hearing_request_due = Some(due.end);
        if hearing_in_time && p.decided.is_some() && p.hearing_held.is_none() {
            // Art. 63: only the penalties it lists carry the right; a
            // decision outside them may lawfully be made without a
            // hearing.
            let penalties = match p.decision_event.and_then(|i| case.events.get(i)) {
                Some(crate::case::Event {
                    kind: EventKind::Decided { penalties, .. },
                    ..
                }) => penalties.as_slice(),
                _ => &[],
            };
            let kind = case.party.as_ref().map(|x| x.kind());
            match hearing_scope(kind, penalties, &opts.hearing) {
                HearingScope::Carried => flags.insert(Flag::HearingDenied),
                HearingScope::Undecided(doubt) => {
                    flags.insert(Flag::HearingDenied);
                    hearing_doubt = Some(doubt);
                }
                HearingScope::Outside => {}
            }
        }
    }
    if let Some((given, on)) = p.hearing_scheduled {
        let by = deadlines::hearing_notice_by(cal, on)?;
        provisional |= cal.is_provisional_span(by, on);
        d.hearing_notice_by = Some(by);
        if given > by {
            flags.insert(Flag::HearingNoticeShort);
        }
    }

    // Art. 36: discovered at the clue, else the filing, else the decision.
    let limitation = match case.act_ended {
        Some(act) => {
            let found = p.clue.or(p.filed).or(p.decided).unwrap_or(at);
            Some(crate::limitation::limitation(act, found, case.grave)?)
        }
        None => None,
    };
    d.limitation_last_day = limitation.map(|l| l.last_day);

    // The decision's content (Arts. 29, 36, 44, 51, 58, 62).
    let mut fine = None;
    let mut fines = 0u32;
    if let Some(i) = p.decision_event {
        if let Some(EventKind::Decided { penalties, .. }) = case.events.get(i).map(|e| &e.kind) {
            for pen in penalties {
                if let Penalty::Fine { amount } = pen {
                    fines += 1;
                    fine = Some(fine.unwrap_or(Decimal::ZERO) + *amount);
                }
            }
            if fines > 1 {
                flags.insert(Flag::TwoFines);
            }
            let penalised = !penalties.is_empty();
            if penalised && case.major && p.legal_review.is_none() {
                flags.insert(Flag::LegalReviewSkipped);
            }
            if penalised && p.filed.is_some() && p.notified.is_none() {
                flags.insert(Flag::NoRightsNotice);
            }
            if p.filed.is_none() {
                // Decided without filing: the summary procedure on the spot.
                let ineligible = match &case.party {
                    Some(party) => !summary_eligible(party.kind(), penalties)?,
                    // The kind unknown: ineligible only if ineligible for
                    // every kind, that is for an organisation, whose limit
                    // (3,000 yuan) is the wider.
                    None => penalised && !summary_eligible(PartyKind::Organisation, penalties)?,
                };
                if ineligible {
                    flags.insert(Flag::SummaryIneligible);
                }
            }
            if let (true, Some(act)) = (penalised, case.act_ended) {
                let found = p.clue.or(p.filed).or(p.decided).unwrap_or(at);
                let lim = crate::limitation::limitation(act, found, case.grave)?;
                if !lim.within {
                    flags.insert(Flag::AfterLimitation);
                }
            }
        }
    }
    if let Some(act) = case.act_ended {
        let found = p.clue.or(p.filed).or(p.decided).unwrap_or(at);
        d.limitation_last_day =
            Some(crate::limitation::limitation(act, found, case.grave)?.last_day);
    }

    // Service (Art. 61).
    if let (Some(dd), false) = (p.decided, p.party_present) {
        let due = deadlines::service_due(cal, dd)?;
        provisional |= due.provisional;
        d.service_due = Some(due.end);
        let late = match p.served {
            Some(s) => s > due.end,
            None => at > due.end,
        };
        if late {
            flags.insert(Flag::ServiceLate);
        }
    }

    // Payment and surcharge (Arts. 67, 72).
    let mut owed = None;
    let mut paid_before = Decimal::ZERO;
    if let (Some(f), Some(served)) = (fine, p.served) {
        let due = deadlines::payment_due(cal, served)?;
        provisional |= due.provisional;
        d.payment_due = Some(due.end);
        d.payment_rolled = served
            .checked_add_days(chrono::Days::new(u64::from(deadlines::PAYMENT.amount())))
            != Some(due.end);
        // The fine is paid when the payments add up to it; until then the
        // surcharge runs on the part still unpaid.
        let payments = || {
            case.events
                .iter()
                .take_while(|e| e.date <= at)
                .filter_map(|e| match e.kind {
                    EventKind::Paid { amount } => Some((e.date, amount)),
                    _ => None,
                })
        };
        let until = p.paid_in_full.unwrap_or(at);
        // No payment, or a single one that paid the fine: no payment came
        // before `until`, and the surcharge is Art. 72's on the whole fine
        // (the common case, without walking the log again).
        let whole = p.payments == 0 || (p.payments == 1 && p.paid_in_full.is_some());
        let s = if whole {
            surcharge(f, due.end, until)?
        } else {
            paid_before = payments()
                .filter(|&(day, _)| day < until)
                .fold(Decimal::ZERO, |a, (_, x)| a.saturating_add(x));
            surcharge_after_payments(f, due.end, payments(), until)?
        };
        if let Some((day, amount)) = p.surcharged {
            // What had accrued by the day it was imposed, and no more once
            // the fine was paid.
            let by = p.paid_in_full.map_or(day, |paid| paid.min(day));
            if amount > surcharge_after_payments(f, due.end, payments(), by)?.surcharge {
                flags.insert(Flag::SurchargeExcessive);
            }
        }
        owed = Some(s);
    }
    d.provisional = provisional;

    let status = match p.state() {
        State::Start => Status::NotStarted,
        State::Clue => Status::Clue,
        State::Suspended => Status::Suspended,
        s if s.is_open() => match d.decision_due {
            Some(due) if at > due => Status::Overdue,
            Some(due) if (due - at).num_days() <= opts.due_soon_days => Status::DueSoon,
            _ => Status::Investigating,
        },
        State::Decided => Status::AwaitingService,
        State::Served => match (fine, d.payment_due) {
            (Some(_), Some(due)) if at > due => Status::PaymentOverdue,
            (Some(_), _) => Status::AwaitingPayment,
            _ => Status::Served,
        },
        State::Paid => Status::Paid,
        State::Enforcing => Status::Enforcing,
        State::Transferred => Status::Transferred,
        _ => Status::Closed,
    };
    Ok(Evaluation {
        state: p.state(),
        status,
        deadlines: d,
        decided: p.decided,
        flags,
        fine,
        surcharge: owed,
        paid_before,
        hearing_doubt,
    })
}

/// One line of an explanation: what, the date, and the rule with its
/// article, in English and in Chinese.
///
/// The JSON carries the English `subject` and `rule` only; the Chinese
/// text is for `--lang zh` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Reason {
    /// What the line is about (`decision_due`, a flag's name …).
    pub subject: String,
    /// The rule applied, citing its article.
    pub rule: String,
    /// What the line is about, in Chinese (`作出决定期限`, a flag's
    /// Chinese name …).
    #[serde(skip)]
    pub subject_zh: String,
    /// The rule applied, in Chinese.
    #[serde(skip)]
    pub zh: String,
}

/// A period as the statute words it: `90日`, `5个工作日`.
fn period_zh(p: jiceng_calendar::Period) -> String {
    use jiceng_calendar::Period;
    match p {
        Period::Days(n) => format!("{n}日"),
        Period::WorkingDays(n) => format!("{n}个工作日"),
        Period::Months(n) => format!("{n}个月"),
        Period::Years(n) => format!("{n}年"),
    }
}

/// The explanation of an evaluation: each deadline with its rule, then each
/// flag with its article, in English and in Chinese.
///
/// # Example
///
/// ```
/// use jiceng_calendar::Calendar;
/// use jiceng_enforcement::{PenaltyCase, evaluate, explain, Options};
///
/// let case: PenaltyCase = serde_json::from_str(
///     r#"{"id": "x", "events": [{"date": "2025-03-05", "kind": "filed"}]}"#)?;
/// let e = evaluate(&case, "2025-03-06".parse()?, &Calendar::china_mainland(), &Options::default())?;
/// let lines = explain(&case, &e);
/// assert!(lines[0].rule.contains("第六十条"));
/// assert_eq!(lines[0].subject_zh, "作出决定期限");
/// assert!(lines[0].zh.starts_with("2025-06-03：自立案之日起"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain(case: &PenaltyCase, e: &Evaluation) -> Vec<Reason> {
    let d = &e.deadlines;
    let mut out = Vec::new();
    let mut line = |subject: &str, subject_zh: &str, rule: String, zh: String| {
        out.push(Reason {
            subject: subject.to_owned(),
            rule,
            subject_zh: subject_zh.to_owned(),
            zh,
        })
    };
    if let Some(x) = d.filing_due {
        let (en, zh) = case.limits.filing.map_or_else(
            || (String::new(), String::new()),
            |p| (p.to_string(), period_zh(p)),
        );
        line(
            "filing_due",
            "立案期限",
            format!("{x}: the configured filing period {en} after the clue"),
            format!("{x}：自发现线索之日起（当日不计）{zh}内立案（所配置的规则）"),
        );
    }
    if let Some(x) = d.decision_due {
        let (roll_en, cite_en, roll_zh, cite_zh) = roll_texts(d.decision_rolled);
        let (ext_en, ext_zh) = d.decision_extension.map_or_else(
            || (String::new(), String::new()),
            |p| {
                (
                    format!(" + {p} extension"),
                    format!("，延长{}", period_zh(p)),
                )
            },
        );
        line(
            "decision_due",
            "作出决定期限",
            format!(
                "{x}: {}{ext_en} from filing, {} excluded day(s){roll_en} (行政处罚法第六十条{cite_en})",
                case.limits.decision, d.excluded_days
            ),
            format!(
                "{x}：自立案之日起（当日不计）{}{ext_zh}，扣除{}日{roll_zh}（行政处罚法第六十条{cite_zh}）",
                period_zh(case.limits.decision),
                d.excluded_days
            ),
        );
    }
    if let Some(x) = d.hearing_request_due {
        line(
            "hearing_request_due",
            "申请听证期限",
            format!("{x}: 5 working days from the notice (行政处罚法第六十四条第一项、第八十五条)"),
            format!("{x}：自告知之日起五个工作日内（行政处罚法第六十四条第一项、第八十五条）"),
        );
    }
    if let Some(x) = d.hearing_notice_by {
        line(
            "hearing_notice_by",
            "听证通知期限",
            format!(
                "{x}: 7 working days before the hearing (行政处罚法第六十四条第二项、第八十五条)"
            ),
            format!(
                "{x}：举行听证的七个工作日前通知当事人（行政处罚法第六十四条第二项、第八十五条）"
            ),
        );
    }
    if let Some(x) = d.service_due {
        line(
            "service_due",
            "送达期限",
            format!(
                "{x}: 7 working days from the decision, the party absent (行政处罚法第六十一条、第八十五条)"
            ),
            format!(
                "{x}：当事人不在场，自作出决定之日起七个工作日内送达（行政处罚法第六十一条、第八十五条）"
            ),
        );
    }
    if let Some(x) = d.payment_due {
        let (roll_en, cite_en, roll_zh, cite_zh) = roll_texts(d.payment_rolled);
        line(
            "payment_due",
            "缴纳罚款期限",
            format!(
                "{x}: 15 days from receiving the decision{roll_en} (行政处罚法第六十七条{cite_en})"
            ),
            format!(
                "{x}：自收到行政处罚决定书之日起十五日内{roll_zh}（行政处罚法第六十七条{cite_zh}）"
            ),
        );
    }
    if let Some(s) = &e.surcharge {
        if e.paid_before > Decimal::ZERO {
            line(
                "surcharge",
                "加处罚款",
                format!(
                    "{} yuan: 3% a day of the part of the fine still unpaid ({} yuan paid) for {} day(s) late{} (行政处罚法第七十二条)",
                    s.surcharge,
                    e.paid_before,
                    s.days_late,
                    if s.capped {
                        ", capped at the part unpaid when due"
                    } else {
                        ""
                    }
                ),
                format!(
                    "{}元：逾期{}日，已缴纳{}元，每日按未缴纳罚款数额的百分之三加处罚款{}（行政处罚法第七十二条）",
                    s.surcharge,
                    s.days_late,
                    e.paid_before,
                    if s.capped {
                        "，不超出到期未缴纳的罚款数额"
                    } else {
                        ""
                    }
                ),
            );
        } else {
            line(
                "surcharge",
                "加处罚款",
                format!(
                    "{} yuan: 3% of the fine a day for {} day(s) late{} (行政处罚法第七十二条)",
                    s.surcharge,
                    s.days_late,
                    if s.capped { ", capped at the fine" } else { "" }
                ),
                format!(
                    "{}元：逾期{}日，每日按罚款数额的百分之三加处罚款{}（行政处罚法第七十二条）",
                    s.surcharge,
                    s.days_late,
                    if s.capped {
                        "，不超出罚款数额"
                    } else {
                        ""
                    }
                ),
            );
        }
    }
    if let Some(x) = d.limitation_last_day {
        let (years, zh) = if case.grave { (5, "五") } else { (2, "二") };
        line(
            "limitation_last_day",
            "追责时效届满日",
            format!("{x}: {years} years from the act or its end (行政处罚法第三十六条)"),
            format!("{x}：自违法行为发生或者终了之日起{zh}年（行政处罚法第三十六条）"),
        );
    }
    for f in e.flags.iter() {
        let (mut en, mut zh) = (f.article().to_owned(), f.article_zh().to_owned());
        if let (Flag::HearingDenied, Some(doubt)) = (f, &e.hearing_doubt) {
            en.push_str(&format!(
                "; flagged for review: the case does not say whether the decision carries a hearing right: {}",
                doubt.en()
            ));
            zh.push_str(&format!(
                "；提请核查：案件未载明处罚决定是否属于听证范围：{}",
                doubt.zh()
            ));
        }
        line(f.name(), f.zh(), en, zh);
    }
    out
}

/// What an explanation adds for a period whose end was rolled past a day
/// off (Civil Code Art. 203), in English and Chinese: the clause and the
/// citation of each; nothing when it was not rolled.
fn roll_texts(rolled: bool) -> (&'static str, &'static str, &'static str, &'static str) {
    if rolled {
        (
            ", rolled past a day off",
            "; 民法典第二百零三条",
            "，期限末日逢法定节假日顺延",
            "；民法典第二百零三条",
        )
    } else {
        ("", "", "", "")
    }
}
