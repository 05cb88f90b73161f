//! Penalty cases as append-only event logs, and the states they pass
//! through.
//!
//! A case is the list of what happened to it, each with its date: a clue
//! (线索), filing (立案), investigation (调查), the rights notice (告知, Arts.
//! 44, 45, 63), a hearing requested, scheduled and held (Arts. 63–65), a
//! suspension for testing or appraisal and its end, an extension approved,
//! legal review (法制审核, Art. 58), the decision (the kinds of Art. 9, or no
//! penalty with its reason, Art. 33), service (送达, Art. 61), payment (Art.
//! 67), a late surcharge (Art. 72), compulsory execution applied for (Art.
//! 72), transfer to the judicial organs (Art. 27), closing (结案).
//!
//! The state is never stored: it is derived by replaying the log. An event
//! that cannot have happened in the current state (a payment before any
//! decision, anything after closing), or dated before the previous one, is
//! a typed [`Error`] naming both, and the replay stops there: nothing is
//! half-applied. Conduct that is possible but unlawful (a decision without
//! legal review, a hearing requested and never held) is allowed here and
//! flagged by [`crate::evaluate`].
//!
//! ```text
//! start ─clue→ clue ─filed→ filed ─notified→ notified ─hearing_requested→ hearing_requested
//! hearing_requested ─hearing_scheduled→ hearing_scheduled ─hearing_held→ hearing_held
//! open ─suspended→ suspended ─resumed→ (the state before)
//! start | clue | open ─decided→ decided ─served→ served ─paid→ paid
//! (decided with the party present is served on the spot)
//! served ─execution_applied→ enforcing ─paid→ paid
//! (a payment short of the fine leaves the case served or enforcing;
//! payments and surcharges after the fine is paid keep it paid)
//! clue | open | suspended ─transferred→ transferred
//! clue | decided | served | paid | enforcing | transferred ─closed→ closed
//! ```
//!
//! "open" is filed, notified, hearing_requested, hearing_scheduled or
//! hearing_held.

use std::fmt;

use chrono::NaiveDate;
use jiceng_calendar::Period;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::party::Party;

/// The kinds of penalty (行政处罚法 Art. 9).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Penalty {
    /// 警告.
    Warning,
    /// 通报批评.
    PublicCriticism,
    /// 罚款, in yuan (a string such as `"5000.00"`).
    Fine {
        /// The amount.
        #[serde(with = "rust_decimal::serde::str")]
        #[schemars(with = "String")]
        amount: Decimal,
    },
    /// 没收违法所得.
    ConfiscateGains {
        /// The amount.
        #[serde(with = "rust_decimal::serde::str")]
        #[schemars(with = "String")]
        amount: Decimal,
    },
    /// 没收非法财物.
    ConfiscateProperty {
        /// The property's value.
        #[serde(with = "rust_decimal::serde::str")]
        #[schemars(with = "String")]
        value: Decimal,
    },
    /// 暂扣许可证件.
    LicenceSuspension,
    /// 降低资质等级.
    QualificationDowngrade,
    /// 吊销许可证件.
    LicenceRevocation,
    /// 限制开展生产经营活动.
    ProductionRestriction,
    /// 责令停产停业.
    BusinessSuspension,
    /// 责令关闭.
    Closure,
    /// 限制从业.
    EmploymentRestriction,
    /// 行政拘留.
    Detention,
    /// Another penalty set by a law or administrative regulation.
    Other {
        /// Its name.
        name: String,
    },
}

impl Penalty {
    /// The kind's name, as files write it.
    pub fn name(&self) -> &'static str {
        match self {
            Penalty::Warning => "warning",
            Penalty::PublicCriticism => "public_criticism",
            Penalty::Fine { .. } => "fine",
            Penalty::ConfiscateGains { .. } => "confiscate_gains",
            Penalty::ConfiscateProperty { .. } => "confiscate_property",
            Penalty::LicenceSuspension => "licence_suspension",
            Penalty::QualificationDowngrade => "qualification_downgrade",
            Penalty::LicenceRevocation => "licence_revocation",
            Penalty::ProductionRestriction => "production_restriction",
            Penalty::BusinessSuspension => "business_suspension",
            Penalty::Closure => "closure",
            Penalty::EmploymentRestriction => "employment_restriction",
            Penalty::Detention => "detention",
            Penalty::Other { .. } => "other",
        }
    }
}

/// Why the decision clock stood still.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionReason {
    /// 检测.
    Testing,
    /// 检验.
    Inspection,
    /// 检疫.
    Quarantine,
    /// 鉴定.
    Appraisal,
    /// 中止 for another reason the configured rule allows.
    Other,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// A clue reported or found (线索).
    Clue,
    /// The case filed (立案).
    Filed,
    /// Investigation started (调查取证).
    Investigation,
    /// The party told of the facts, reasons, basis and rights (告知, Arts.
    /// 44, 45, 63).
    Notified,
    /// The party requested a hearing (Art. 64(1)).
    HearingRequested,
    /// The party notified of the hearing's time and place (Art. 64(2)).
    HearingScheduled {
        /// The day of the hearing.
        hearing_on: NaiveDate,
    },
    /// The hearing held.
    HearingHeld,
    /// The clock stopped (testing, appraisal …).
    Suspended {
        /// Why.
        reason: SuspensionReason,
    },
    /// The clock runs again.
    Resumed,
    /// The decision period extended (where the configured rule allows).
    Extended {
        /// Who approved.
        approved_by: String,
    },
    /// Legal review done (法制审核, Art. 58).
    LegalReview,
    /// The decision: penalties, or none with the reason.
    Decided {
        /// The penalties; empty for a decision of no penalty.
        penalties: Vec<Penalty>,
        /// Why no penalty (Art. 33 …); required when `penalties` is empty.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// True when the decision was announced with the party present and
        /// handed over on the spot (Art. 61).
        #[serde(default)]
        party_present: bool,
    },
    /// The decision served on the absent party (Art. 61).
    Served,
    /// The fine paid.
    Paid {
        /// The amount paid, in yuan.
        #[serde(with = "rust_decimal::serde::str")]
        #[schemars(with = "String")]
        amount: Decimal,
    },
    /// A late surcharge imposed (Art. 72).
    Surcharged {
        /// The surcharge, in yuan.
        #[serde(with = "rust_decimal::serde::str")]
        #[schemars(with = "String")]
        amount: Decimal,
    },
    /// Compulsory execution applied for at the people's court (Art. 72).
    ExecutionApplied,
    /// Transferred to the judicial organs (Art. 27).
    Transferred {
        /// The organ.
        to: String,
    },
    /// The case closed (结案).
    Closed,
}

impl EventKind {
    /// The event's name, as files write it.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Clue => "clue",
            EventKind::Filed => "filed",
            EventKind::Investigation => "investigation",
            EventKind::Notified => "notified",
            EventKind::HearingRequested => "hearing_requested",
            EventKind::HearingScheduled { .. } => "hearing_scheduled",
            EventKind::HearingHeld => "hearing_held",
            EventKind::Suspended { .. } => "suspended",
            EventKind::Resumed => "resumed",
            EventKind::Extended { .. } => "extended",
            EventKind::LegalReview => "legal_review",
            EventKind::Decided { .. } => "decided",
            EventKind::Served => "served",
            EventKind::Paid { .. } => "paid",
            EventKind::Surcharged { .. } => "surcharged",
            EventKind::ExecutionApplied => "execution_applied",
            EventKind::Transferred { .. } => "transferred",
            EventKind::Closed => "closed",
        }
    }
}

/// One entry of a case's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

impl Event {
    /// An event.
    pub fn new(date: NaiveDate, kind: EventKind) -> Event {
        Event { date, kind }
    }
}

fn days90() -> Period {
    Period::Days(90)
}

fn yes() -> bool {
    true
}

/// The time limits a case runs under.
///
/// Defaults: the decision within 90 days of filing (Art. 60), no extension
/// and no filing period unless a rule sets them, hearing and
/// testing/appraisal time excluded (as the departmental procedure rules
/// do; switch off where the rule says otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Limits {
    /// The period to file after a clue, when a rule sets one (e.g. `15wd`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filing: Option<Period>,
    /// The period to decide after filing: `90d` (Art. 60).
    #[serde(default = "days90")]
    pub decision: Period,
    /// The extension a rule allows with approval (e.g. `30d`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Period>,
    /// Whether hearing time is left out of the decision period.
    #[serde(default = "yes")]
    pub exclude_hearing: bool,
    /// Whether suspensions (testing, appraisal …) are left out.
    #[serde(default = "yes")]
    pub exclude_suspensions: bool,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            filing: None,
            decision: days90(),
            extension: None,
            exclude_hearing: true,
            exclude_suspensions: true,
        }
    }
}

/// One penalty case: the party, the items, the act, the limits and the log.
///
/// # Example
///
/// ```
/// use jiceng_enforcement::PenaltyCase;
///
/// let case: PenaltyCase = serde_json::from_str(r#"{
///     "id": "QX-2025-001",
///     "party": {"kind": "citizen", "name": "张某"},
///     "events": [
///         {"date": "2025-03-05", "kind": "filed"},
///         {"date": "2025-04-01", "kind": "decided",
///          "penalties": [{"kind": "fine", "amount": "3000.00"}]}
///     ]
/// }"#)?;
/// assert_eq!(case.limits.decision.to_string(), "90d");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
// serde's flatten of the limits takes any key; `PenaltyCase::from_json`
// refuses one the case does not take, and the schema says so.
#[schemars(deny_unknown_fields)]
pub struct PenaltyCase {
    /// The case's id.
    pub id: String,
    /// The party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Party>,
    /// The power items (penalty items of the ledger) it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The body handling it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The day the act was done, or ended if it continued (Art. 36).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act_ended: Option<NaiveDate>,
    /// Life, health or financial safety with harmful consequences: five
    /// years of limitation (Art. 36).
    #[serde(default)]
    pub grave: bool,
    /// A major case needing legal review before the decision (Art. 58).
    #[serde(default)]
    pub major: bool,
    /// Its limits.
    #[serde(default, flatten)]
    pub limits: Limits,
    /// What happened, in date order.
    pub events: Vec<Event>,
}

/// The states a case passes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Nothing recorded.
    Start,
    /// A clue, not filed.
    Clue,
    /// Filed and under investigation.
    Filed,
    /// The party told of the proposed decision and its rights.
    Notified,
    /// A hearing requested.
    HearingRequested,
    /// The hearing's time and place notified.
    HearingScheduled,
    /// The hearing held.
    HearingHeld,
    /// The clock stands still.
    Suspended,
    /// Decided, not yet served.
    Decided,
    /// Served.
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

impl State {
    /// The state's name, as files write it.
    pub fn name(self) -> &'static str {
        match self {
            State::Start => "start",
            State::Clue => "clue",
            State::Filed => "filed",
            State::Notified => "notified",
            State::HearingRequested => "hearing_requested",
            State::HearingScheduled => "hearing_scheduled",
            State::HearingHeld => "hearing_held",
            State::Suspended => "suspended",
            State::Decided => "decided",
            State::Served => "served",
            State::Paid => "paid",
            State::Enforcing => "enforcing",
            State::Transferred => "transferred",
            State::Closed => "closed",
        }
    }

    /// Filed and not yet decided: the decision clock runs (or stands still).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            State::Filed
                | State::Notified
                | State::HearingRequested
                | State::HearingScheduled
                | State::HearingHeld
                | State::Suspended
        )
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A case's log replayed: its state and the dates that matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proceeding {
    state: Option<State>,
    /// The state before the running suspension.
    resume_to: Option<State>,
    /// The date of the last event applied.
    pub last: Option<NaiveDate>,
    /// The clue.
    pub clue: Option<NaiveDate>,
    /// Filing.
    pub filed: Option<NaiveDate>,
    /// The last rights notice.
    pub notified: Option<NaiveDate>,
    /// The hearing request.
    pub hearing_requested: Option<NaiveDate>,
    /// The hearing notice: (the day it was given, the day of the hearing).
    pub hearing_scheduled: Option<(NaiveDate, NaiveDate)>,
    /// The hearing.
    pub hearing_held: Option<NaiveDate>,
    /// Suspensions: first day and the day the clock ran again (exclusive),
    /// `None` while running.
    pub suspensions: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// The first extension.
    pub extended: Option<NaiveDate>,
    /// How many extensions were recorded.
    pub extensions: u32,
    /// Legal review.
    pub legal_review: Option<NaiveDate>,
    /// The decision.
    pub decided: Option<NaiveDate>,
    /// The index of the decision event in the log.
    pub decision_event: Option<usize>,
    /// Handed over on the spot (Art. 61).
    pub party_present: bool,
    /// Service.
    pub served: Option<NaiveDate>,
    /// The last payment and its amount.
    pub paid: Option<(NaiveDate, Decimal)>,
    /// The fines of the decision, added up (`None` without a fine).
    pub fine: Option<Decimal>,
    /// All payments, added up.
    pub paid_total: Decimal,
    /// How many payments were recorded.
    pub payments: u32,
    /// The day the payments first added up to the fine: the fine is paid
    /// only then (a decision without a fine is paid at its first payment).
    pub paid_in_full: Option<NaiveDate>,
    /// The last surcharge imposed and its amount.
    pub surcharged: Option<(NaiveDate, Decimal)>,
    /// Execution applied for.
    pub execution: Option<NaiveDate>,
    /// Transfer.
    pub transferred: Option<NaiveDate>,
    /// Closing.
    pub closed: Option<NaiveDate>,
}

impl Proceeding {
    /// The current state.
    pub fn state(&self) -> State {
        self.state.unwrap_or(State::Start)
    }

    /// Applies one event (the `index`-th of its log), or refuses it and
    /// leaves the proceeding as it was.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfOrder`] for an event dated before the previous one;
    /// [`Error::Transition`] for an event the state does not allow;
    /// [`Error::Amount`] for a bad amount.
    pub fn apply(&mut self, index: usize, e: &Event) -> Result<(), Error> {
        let name = e.kind.name();
        if let Some(prev) = self.last {
            if e.date < prev {
                return Err(Error::OutOfOrder {
                    event: name,
                    date: e.date,
                    previous: prev,
                });
            }
        }
        let s = self.state();
        let refuse = || Error::Transition {
            event: name,
            state: s,
        };
        let open_running = matches!(
            s,
            State::Filed
                | State::Notified
                | State::HearingRequested
                | State::HearingScheduled
                | State::HearingHeld
        );
        let d = e.date;
        let next = match &e.kind {
            EventKind::Clue if s == State::Start => {
                self.clue = Some(d);
                State::Clue
            }
            EventKind::Filed if matches!(s, State::Start | State::Clue) => {
                self.filed = Some(d);
                State::Filed
            }
            EventKind::Investigation if open_running => s,
            EventKind::Notified
                if matches!(s, State::Filed | State::Notified | State::HearingHeld) =>
            {
                self.notified = Some(d);
                State::Notified
            }
            EventKind::HearingRequested if s == State::Notified => {
                self.hearing_requested = Some(d);
                State::HearingRequested
            }
            EventKind::HearingScheduled { hearing_on } if s == State::HearingRequested => {
                if *hearing_on < d {
                    return Err(Error::Reversed {
                        earlier: "date",
                        from: d,
                        later: "hearing_on",
                        to: *hearing_on,
                    });
                }
                self.hearing_scheduled = Some((d, *hearing_on));
                State::HearingScheduled
            }
            EventKind::HearingHeld
                if matches!(s, State::HearingRequested | State::HearingScheduled) =>
            {
                self.hearing_held = Some(d);
                State::HearingHeld
            }
            EventKind::Suspended { .. } if open_running => {
                self.resume_to = Some(s);
                self.suspensions.push((d, None));
                State::Suspended
            }
            EventKind::Resumed if s == State::Suspended => {
                if let Some(last) = self.suspensions.last_mut() {
                    last.1 = Some(d);
                }
                self.resume_to.take().unwrap_or(State::Filed)
            }
            EventKind::Extended { .. } if open_running || s == State::Suspended => {
                self.extended.get_or_insert(d);
                self.extensions = self.extensions.saturating_add(1);
                s
            }
            EventKind::LegalReview if open_running => {
                self.legal_review = Some(d);
                s
            }
            EventKind::Decided {
                penalties,
                reason,
                party_present,
            } if open_running || matches!(s, State::Start | State::Clue) => {
                for p in penalties {
                    match p {
                        Penalty::Fine { amount } => {
                            crate::money::check_amount("amount", *amount)?;
                        }
                        Penalty::ConfiscateGains { amount } => {
                            crate::money::check_amount("amount", *amount)?;
                        }
                        Penalty::ConfiscateProperty { value } => {
                            crate::money::check_amount("value", *value)?;
                        }
                        _ => {}
                    }
                }
                if penalties.is_empty() && reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    return Err(Error::Empty(
                        "the reason of a decision of no penalty (`reason`)",
                    ));
                }
                self.fine = penalties
                    .iter()
                    .filter_map(|p| match p {
                        Penalty::Fine { amount } => Some(*amount),
                        _ => None,
                    })
                    .reduce(|a, b| a.saturating_add(b));
                self.decided = Some(d);
                self.decision_event = Some(index);
                self.party_present = *party_present;
                if *party_present {
                    self.served = Some(d);
                    State::Served
                } else {
                    State::Decided
                }
            }
            EventKind::Served if s == State::Decided => {
                self.served = Some(d);
                State::Served
            }
            EventKind::Paid { amount }
                if matches!(s, State::Served | State::Enforcing | State::Paid) =>
            {
                // A payment short of the fine leaves the fine unpaid (the
                // surcharge runs on); later payments (of the surcharge, or
                // too much) happen and are recorded.
                let amount = crate::money::check_amount("amount", *amount)?;
                self.paid = Some((d, amount));
                self.paid_total = self.paid_total.saturating_add(amount);
                self.payments = self.payments.saturating_add(1);
                if self.paid_in_full.is_none() && self.fine.is_none_or(|f| self.paid_total >= f) {
                    self.paid_in_full = Some(d);
                }
                if self.paid_in_full.is_some() {
                    State::Paid
                } else {
                    s
                }
            }
            EventKind::Surcharged { amount }
                if matches!(s, State::Served | State::Enforcing | State::Paid) =>
            {
                let amount = crate::money::check_amount("amount", *amount)?;
                self.surcharged = Some((d, amount));
                s
            }
            EventKind::ExecutionApplied if s == State::Served => {
                self.execution = Some(d);
                State::Enforcing
            }
            EventKind::Transferred { .. }
                if s == State::Clue || open_running || s == State::Suspended =>
            {
                self.transferred = Some(d);
                State::Transferred
            }
            EventKind::Closed
                if matches!(
                    s,
                    State::Clue
                        | State::Decided
                        | State::Served
                        | State::Paid
                        | State::Enforcing
                        | State::Transferred
                ) =>
            {
                self.closed = Some(d);
                State::Closed
            }
            _ => return Err(refuse()),
        };
        self.state = Some(next);
        self.last = Some(d);
        Ok(())
    }

    /// Replays a log, stopping at the first event it refuses; events after
    /// `at` (when given) are left out.
    ///
    /// # Errors
    ///
    /// [`Error::AtEvent`] wrapping the refusal, with the event's index.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_enforcement::{Event, EventKind, Proceeding, State, Error};
    ///
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let ok = [Event::new(d("2025-03-05"), EventKind::Filed)];
    /// assert_eq!(Proceeding::replay(&ok, None)?.state(), State::Filed);
    /// // A payment before any decision cannot have happened.
    /// let bad = [
    ///     Event::new(d("2025-03-05"), EventKind::Filed),
    ///     Event::new(d("2025-03-06"), EventKind::Paid { amount: 100.into() }),
    /// ];
    /// let err = Proceeding::replay(&bad, None).unwrap_err();
    /// assert!(matches!(err, Error::AtEvent { index: 1, .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay(events: &[Event], at: Option<NaiveDate>) -> Result<Proceeding, Error> {
        let mut p = Proceeding::default();
        for (index, e) in events.iter().enumerate() {
            if at.is_some_and(|at| e.date > at) {
                break;
            }
            p.apply(index, e).map_err(|source| Error::AtEvent {
                index,
                source: Box::new(source),
            })?;
        }
        Ok(p)
    }
}
