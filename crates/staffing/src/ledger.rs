//! A dated ledger of establishment instruments: creations, cancellations,
//! transfers (下沉 down a level, 调剂 between peers), hiring and leaving,
//! leadership-post limits.
//!
//! The ledger's law is conservation: the total of quotas across all bodies
//! changes only by an instrument that says so (a `create` or a `cancel`, e.g.
//! a provincial 编办 document). A transfer moves quotas; it never makes or
//! loses any. A transfer that would leave the giving body with fewer quotas
//! than people on them, or with a negative number, is refused with an error
//! naming both bodies and the numbers, and the ledger is left unchanged.
//!
//! Every event names the instrument behind it, so that the establishment of
//! any body on any date can be shown with the documents that made it.

use std::collections::HashMap;

use chrono::NaiveDate;
use jiceng_org::Level;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::establishment::{Establishment, QuotaKind};
use crate::file::shown;

/// The longest body code, rank or instrument a ledger accepts, in bytes.
pub const MAX_NAME_BYTES: usize = 256;

/// A body whose establishment the ledger keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The body's code (unique in the ledger), e.g. a division code plus a
    /// suffix.
    pub code: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The level of the division it serves: a sinking (下沉) must go to a
    /// lower level.
    pub level: Level,
}

/// What an event does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An instrument creates `count` quotas of `quota` at `body` (核增).
    Create,
    /// An instrument cancels `count` quotas of `quota` at `body` (核减).
    Cancel,
    /// 下沉: `count` quotas move from `body` down to `to`, a lower level.
    Sink,
    /// 调剂: `count` quotas move from `body` to `to`, any level.
    Adjust,
    /// `count` people are employed at `body` on `quota`.
    Hire,
    /// `count` people leave `body`'s `quota`.
    Leave,
    /// The limit of `rank` posts at `body` becomes `count` (领导职数).
    Posts,
    /// The number of held `rank` posts at `body` becomes `count`.
    Fill,
}

impl EventKind {
    /// The kind's name as written in files.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Create => "create",
            EventKind::Cancel => "cancel",
            EventKind::Sink => "sink",
            EventKind::Adjust => "adjust",
            EventKind::Hire => "hire",
            EventKind::Leave => "leave",
            EventKind::Posts => "posts",
            EventKind::Fill => "fill",
        }
    }

    /// The kind's name in Chinese.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::EventKind;
    /// assert_eq!(EventKind::Sink.zh(), "下沉");
    /// assert_eq!(EventKind::Adjust.zh(), "调剂");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            EventKind::Create => "核增",
            EventKind::Cancel => "核减",
            EventKind::Sink => "下沉",
            EventKind::Adjust => "调剂",
            EventKind::Hire => "进人",
            EventKind::Leave => "减员",
            EventKind::Posts => "核定职数",
            EventKind::Fill => "配备职务",
        }
    }
}

/// One dated event of the ledger, with the instrument behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The date it takes effect (a TOML date or a `YYYY-MM-DD` string).
    #[serde(deserialize_with = "date_or_string")]
    pub date: NaiveDate,
    /// The instrument (document number) behind it, e.g. `冀编发〔2019〕5号`.
    pub instrument: String,
    /// What it does.
    pub kind: EventKind,
    /// The body it concerns; for a transfer, the giving body.
    pub body: String,
    /// For a transfer (`sink`, `adjust`): the receiving body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// For quota and headcount events: the kind of quota.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<QuotaKind>,
    /// For `posts` and `fill`: the rank (正科, 副科 …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// How many.
    pub count: u32,
}

impl Event {
    /// A transfer event (`sink` or `adjust`).
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{Event, EventKind, QuotaKind};
    /// let d = chrono::NaiveDate::from_ymd_opt(2019, 3, 1).unwrap();
    /// let e = Event::transfer(d, "doc 1", EventKind::Sink, "county", "town", QuotaKind::Administrative, 5);
    /// assert_eq!(e.to.as_deref(), Some("town"));
    /// ```
    pub fn transfer(
        date: NaiveDate,
        instrument: impl Into<String>,
        kind: EventKind,
        from: impl Into<String>,
        to: impl Into<String>,
        quota: QuotaKind,
        count: u32,
    ) -> Event {
        Event {
            date,
            instrument: instrument.into(),
            kind,
            body: from.into(),
            to: Some(to.into()),
            quota: Some(quota),
            rank: None,
            count,
        }
    }

    /// An event on one body's quotas or headcount (`create`, `cancel`,
    /// `hire`, `leave`).
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{Event, EventKind, QuotaKind};
    /// let d = chrono::NaiveDate::from_ymd_opt(2019, 3, 1).unwrap();
    /// let e = Event::quota(d, "三定", EventKind::Create, "town", QuotaKind::Other, 39);
    /// assert_eq!(e.count, 39);
    /// ```
    pub fn quota(
        date: NaiveDate,
        instrument: impl Into<String>,
        kind: EventKind,
        body: impl Into<String>,
        quota: QuotaKind,
        count: u32,
    ) -> Event {
        Event {
            date,
            instrument: instrument.into(),
            kind,
            body: body.into(),
            to: None,
            quota: Some(quota),
            rank: None,
            count,
        }
    }

    /// Checks that the event has the fields its kind needs and no others.
    fn shape(&self) -> Result<(), Error> {
        let bad = |problem: String| Error::BadEvent {
            kind: self.kind.name(),
            problem,
        };
        for (field, value) in [("body", &self.body), ("instrument", &self.instrument)] {
            if value.is_empty() || value.len() > MAX_NAME_BYTES {
                return Err(bad(format!(
                    "field {field} must be 1 to {MAX_NAME_BYTES} bytes, got {} bytes",
                    value.len()
                )));
            }
        }
        let transfer = matches!(self.kind, EventKind::Sink | EventKind::Adjust);
        let posts = matches!(self.kind, EventKind::Posts | EventKind::Fill);
        // A transfer of nothing is no transfer: a typo, not an instrument.
        if transfer && self.count == 0 {
            return Err(bad(
                "field count: 0 moves no quota (a transfer moves 1 or more)".into(),
            ));
        }
        match (&self.to, transfer) {
            (None, true) => return Err(bad("field to is missing".into())),
            (Some(to), false) => return Err(bad(format!("field to ({to:?}) is not allowed"))),
            (Some(to), true) if to == &self.body => {
                return Err(bad(format!("body and to are the same ({to:?})")));
            }
            _ => {}
        }
        match (&self.quota, posts) {
            (None, false) => return Err(bad("field quota is missing".into())),
            (Some(q), true) => return Err(bad(format!("field quota ({q}) is not allowed"))),
            _ => {}
        }
        match (&self.rank, posts) {
            (None, true) => return Err(bad("field rank is missing".into())),
            (Some(r), false) => return Err(bad(format!("field rank ({r:?}) is not allowed"))),
            (Some(r), true) if r.is_empty() || r.len() > MAX_NAME_BYTES => {
                return Err(bad(format!(
                    "field rank must be 1 to {MAX_NAME_BYTES} bytes"
                )));
            }
            _ => {}
        }
        Ok(())
    }
}

/// Reads a date written as a TOML date (`2019-06-01`) or as a string
/// (`"2019-06-01"`, as JSON and CSV write it).
pub(crate) fn date_or_string<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Toml(toml::value::Datetime),
    }
    let text = match Repr::deserialize(d)? {
        Repr::Text(s) => s,
        Repr::Toml(t) => match (t.date, t.time) {
            (Some(date), None) => date.to_string(),
            _ => return Err(serde::de::Error::custom(format!("{t} is not a plain date"))),
        },
    };
    text.parse::<NaiveDate>().map_err(|_| {
        serde::de::Error::custom(format!("{:?} is not a date (YYYY-MM-DD)", shown(&text)))
    })
}

/// A ledger of bodies and the events applied to them, in date order.
///
/// # Example
/// ```
/// use jiceng_staffing::{Body, Event, EventKind, Ledger, QuotaKind};
/// use jiceng_org::Level;
/// let d = |m, day| chrono::NaiveDate::from_ymd_opt(2019, m, day).unwrap();
/// let mut l = Ledger::new(vec![
///     Body { code: "county".into(), name: String::new(), level: Level::County },
///     Body { code: "town".into(), name: String::new(), level: Level::Township },
/// ])?;
/// l.apply(Event::quota(d(1, 1), "三定", EventKind::Create, "county", QuotaKind::Administrative, 30))?;
/// l.apply(Event::quota(d(1, 2), "招录", EventKind::Hire, "county", QuotaKind::Administrative, 25))?;
/// // Moving 6 would leave 24 quotas for 25 people: refused, nothing applied.
/// let sink = |n| Event::transfer(d(3, 1), "下沉", EventKind::Sink, "county", "town", QuotaKind::Administrative, n);
/// assert!(l.apply(sink(6)).is_err());
/// l.apply(sink(5))?;
/// assert_eq!(l.current("town")?.quotas.administrative, 5);
/// assert_eq!(l.total_quotas(), 30);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    bodies: Vec<Body>,
    index: HashMap<String, u32>,
    state: Vec<Establishment>,
    events: Vec<Event>,
    /// For each body, the indices of the events that touch it.
    touching: Vec<Vec<u32>>,
    total: u64,
}

/// A body's establishment on a date, with the events that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Snapshot {
    /// The body.
    pub body: Body,
    /// The date asked.
    pub date: NaiveDate,
    /// The establishment at the end of that date.
    pub establishment: Establishment,
    /// The events up to and including that date that touched the body, in
    /// order: the instruments behind the establishment.
    pub events: Vec<Event>,
}

impl Ledger {
    /// A ledger of `bodies`, with nothing yet established.
    ///
    /// # Errors
    /// [`Error::DuplicateBody`] for a code given twice; [`Error::BadEvent`]
    /// for an empty or over-long code.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{Body, Ledger};
    /// let b = Body { code: "x".into(), name: String::new(), level: jiceng_org::Level::Township };
    /// assert!(Ledger::new(vec![b.clone(), b]).is_err());
    /// ```
    pub fn new(bodies: Vec<Body>) -> Result<Ledger, Error> {
        let mut index = HashMap::with_capacity(bodies.len());
        for (i, b) in bodies.iter().enumerate() {
            if b.code.is_empty() || b.code.len() > MAX_NAME_BYTES {
                return Err(Error::BadEvent {
                    kind: "body",
                    problem: format!(
                        "field code must be 1 to {MAX_NAME_BYTES} bytes, got {} bytes",
                        b.code.len()
                    ),
                });
            }
            let i = u32::try_from(i).map_err(|_| Error::Parameter {
                name: "bodies",
                value: bodies.len().to_string(),
                expected: "at most 4294967295 bodies",
            })?;
            if index.insert(b.code.clone(), i).is_some() {
                return Err(Error::DuplicateBody {
                    code: b.code.clone(),
                });
            }
        }
        let n = bodies.len();
        Ok(Ledger {
            bodies,
            index,
            state: vec![Establishment::default(); n],
            events: Vec::new(),
            touching: vec![Vec::new(); n],
            total: 0,
        })
    }

    /// The bodies, in the order given.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    /// The events applied, in order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The total of quotas of all kinds across all bodies.
    pub fn total_quotas(&self) -> u64 {
        self.total
    }

    pub(crate) fn index_of(&self, code: &str) -> Option<usize> {
        self.index.get(code).map(|&i| i as usize)
    }

    /// The establishment of the body at index `j` (from [`Ledger::index_of`])
    /// after every event applied so far.
    pub(crate) fn establishment(&self, j: usize) -> &Establishment {
        &self.state[j]
    }

    fn find(&self, code: &str) -> Result<usize, Error> {
        self.index
            .get(code)
            .map(|&i| i as usize)
            .ok_or_else(|| Error::UnknownBody {
                code: code.to_string(),
            })
    }

    /// A body's establishment after every event applied so far.
    ///
    /// # Errors
    /// [`Error::UnknownBody`].
    pub fn current(&self, code: &str) -> Result<&Establishment, Error> {
        Ok(&self.state[self.find(code)?])
    }

    /// Applies one event, or refuses it and changes nothing.
    ///
    /// # Errors
    /// [`Error::Refused`] for a transfer or cancellation that would leave
    /// the giving body negative or below its headcount;
    /// [`Error::OutOfOrder`], [`Error::UnknownField`] (a `body` or `to`
    /// the ledger does not know), [`Error::NotDownward`],
    /// [`Error::NegativeHeadcount`],
    /// [`Error::BadEvent`], [`Error::Overflow`].
    pub fn apply(&mut self, event: Event) -> Result<(), Error> {
        event.shape()?;
        if let Some(last) = self.events.last() {
            if event.date < last.date {
                return Err(Error::OutOfOrder {
                    date: event.date,
                    previous: last.date,
                });
            }
        }
        let b = self.find(&event.body).map_err(|_| Error::UnknownField {
            field: "body",
            code: shown(&event.body),
        })?;
        let n = event.count;
        let mut other = None;
        match event.kind {
            EventKind::Create => {
                // `shape` guarantees a quota kind for this event kind.
                let kind = event.quota.unwrap_or(QuotaKind::Other);
                let q = self.state[b].quotas.get(kind);
                let new = q.checked_add(n).ok_or_else(|| Error::Overflow {
                    field: "quotas",
                    body: event.body.clone(),
                    value: q,
                    add: n,
                })?;
                *self.state[b].quotas.get_mut(kind) = new;
                self.total += u64::from(n);
            }
            EventKind::Cancel | EventKind::Sink | EventKind::Adjust => {
                let kind = event.quota.unwrap_or(QuotaKind::Other);
                let to = match &event.to {
                    Some(t) => Some(self.find(t).map_err(|_| Error::UnknownField {
                        field: "to",
                        code: shown(t),
                    })?),
                    None => None,
                };
                let q = self.state[b].quotas.get(kind);
                let h = self.state[b].headcount.get(kind);
                let left = i64::from(q) - i64::from(n);
                if left < 0 || left < i64::from(h) {
                    return Err(Error::Refused {
                        action: if to.is_some() {
                            "transfer"
                        } else {
                            "cancellation"
                        },
                        from: event.body.clone(),
                        to: event.to.clone().unwrap_or_else(|| "-".into()),
                        kind,
                        count: n,
                        quota: q,
                        headcount: h,
                        left,
                        why: if left < 0 {
                            ", a negative number"
                        } else {
                            ", below its headcount"
                        },
                    });
                }
                if let Some(t) = to {
                    if event.kind == EventKind::Sink && self.bodies[t].level <= self.bodies[b].level
                    {
                        return Err(Error::NotDownward {
                            from: event.body.clone(),
                            from_level: format!("{:?}", self.bodies[b].level).to_lowercase(),
                            to: self.bodies[t].code.clone(),
                            to_level: format!("{:?}", self.bodies[t].level).to_lowercase(),
                        });
                    }
                    let tq = self.state[t].quotas.get(kind);
                    let new = tq.checked_add(n).ok_or_else(|| Error::Overflow {
                        field: "quotas",
                        body: self.bodies[t].code.clone(),
                        value: tq,
                        add: n,
                    })?;
                    *self.state[t].quotas.get_mut(kind) = new;
                    other = Some(t);
                } else {
                    self.total -= u64::from(n);
                }
                // `left` is between 0 and `q`, so it fits in a u32.
                *self.state[b].quotas.get_mut(kind) = q - n;
            }
            EventKind::Hire => {
                let kind = event.quota.unwrap_or(QuotaKind::Other);
                let h = self.state[b].headcount.get(kind);
                let new = h.checked_add(n).ok_or_else(|| Error::Overflow {
                    field: "headcount",
                    body: event.body.clone(),
                    value: h,
                    add: n,
                })?;
                *self.state[b].headcount.get_mut(kind) = new;
            }
            EventKind::Leave => {
                let kind = event.quota.unwrap_or(QuotaKind::Other);
                let h = self.state[b].headcount.get(kind);
                if n > h {
                    return Err(Error::NegativeHeadcount {
                        body: event.body.clone(),
                        kind,
                        count: n,
                        headcount: h,
                    });
                }
                *self.state[b].headcount.get_mut(kind) = h - n;
            }
            EventKind::Posts | EventKind::Fill => {
                let rank = event.rank.clone().unwrap_or_default();
                let p = self.state[b].posts.entry(rank).or_default();
                if event.kind == EventKind::Posts {
                    p.limit = n;
                } else {
                    p.filled = n;
                }
            }
        }
        let i = self.events.len() as u32;
        self.touching[b].push(i);
        if let Some(t) = other {
            self.touching[t].push(i);
        }
        self.events.push(event);
        Ok(())
    }

    /// A body's establishment at the end of `date`, with the events behind
    /// it.
    ///
    /// # Errors
    /// [`Error::UnknownBody`].
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{Body, Event, EventKind, Ledger, QuotaKind};
    /// let d = |m| chrono::NaiveDate::from_ymd_opt(2019, m, 1).unwrap();
    /// let mut l = Ledger::new(vec![Body { code: "t".into(), name: String::new(), level: jiceng_org::Level::Township }])?;
    /// l.apply(Event::quota(d(1), "a", EventKind::Create, "t", QuotaKind::Other, 39))?;
    /// l.apply(Event::quota(d(6), "b", EventKind::Create, "t", QuotaKind::Other, 21))?;
    /// let s = l.at("t", d(3))?;
    /// assert_eq!(s.establishment.quotas.other, 39);
    /// assert_eq!(s.events.len(), 1);
    /// assert_eq!(l.at("t", d(6))?.establishment.quotas.other, 60);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at(&self, code: &str, date: NaiveDate) -> Result<Snapshot, Error> {
        let b = self.find(code)?;
        let mut e = Establishment::default();
        let mut events = Vec::new();
        for &i in &self.touching[b] {
            let ev = &self.events[i as usize];
            if ev.date > date {
                break;
            }
            replay_one(&mut e, ev, code);
            events.push(ev.clone());
        }
        Ok(Snapshot {
            body: self.bodies[b].clone(),
            date,
            establishment: e,
            events,
        })
    }
}

/// Replays an already accepted event on one body's establishment. The
/// event was checked when applied, so the arithmetic cannot go negative or
/// overflow; saturating operations keep that true even so.
fn replay_one(e: &mut Establishment, ev: &Event, code: &str) {
    let kind = ev.quota.unwrap_or(QuotaKind::Other);
    let n = ev.count;
    match ev.kind {
        EventKind::Create => add(e.quotas.get_mut(kind), n),
        EventKind::Cancel => sub(e.quotas.get_mut(kind), n),
        EventKind::Sink | EventKind::Adjust => {
            if ev.body == code {
                sub(e.quotas.get_mut(kind), n);
            } else {
                add(e.quotas.get_mut(kind), n);
            }
        }
        EventKind::Hire => add(e.headcount.get_mut(kind), n),
        EventKind::Leave => sub(e.headcount.get_mut(kind), n),
        EventKind::Posts | EventKind::Fill => {
            let p = e
                .posts
                .entry(ev.rank.clone().unwrap_or_default())
                .or_default();
            if ev.kind == EventKind::Posts {
                p.limit = n;
            } else {
                p.filled = n;
            }
        }
    }
}

fn add(x: &mut u32, n: u32) {
    *x = x.saturating_add(n);
}

fn sub(x: &mut u32, n: u32) {
    *x = x.saturating_sub(n);
}
