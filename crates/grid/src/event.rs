//! Events (事件) from report to closure, as an append-only log of actions.
//!
//! The digital urban management standard (GB/T 30428) names the stages of
//! an event: collect (信息收集), file (案卷建立), dispatch (任务派遣),
//! handle (任务处理), feed back (处理反馈), verify and close (核查结案) and
//! evaluate (综合评价). Here an event is reported, accepted or rejected,
//! dispatched to a body, handled, resolved, verified or sent back for
//! rework, closed and rated. On the way it may be escalated to a higher
//! level, and postponed (缓办) with someone's approval.
//!
//! Each line of a log is one [`Entry`]: the event's id (a version 7 uuid,
//! so that ids sort by the time of report), the time, the actor and the
//! [`Action`]. The [`Engine`] applies entries one by one. It refuses an
//! action that the state does not allow ([`Error::Transition`]) or that the
//! actor may not take ([`Error::Refused`], naming who tried what); a
//! refused action changes nothing.
//!
//! | state | actions allowed |
//! |---|---|
//! | reported | accept, reject |
//! | accepted | dispatch, escalate |
//! | dispatched | start, escalate, postpone |
//! | in_progress | resolve, escalate, postpone |
//! | escalated | dispatch |
//! | resolved | verify, rework |
//! | verified | close |
//! | closed | rate (once) |
//! | rejected | none |

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet};
use jiceng_calendar::{Calendar, WorkingHours};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Error;
use crate::grid::Grid;
use crate::line::le_word;
use crate::taxonomy::{Category, Taxonomy};

/// How an event reached the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A grid worker or lane leader on patrol.
    GridWorker,
    /// A citizen, through the app.
    CitizenApp,
    /// The 12345 hotline.
    Hotline,
    /// An inspection by the township or a department.
    Inspection,
}

/// Why an event went up a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EscalationReason {
    /// The township holds no power over it.
    NoAuthority,
    /// Its service level was missed.
    Overdue,
    /// It is beyond the township's capacity.
    BeyondCapacity,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Reported.
    Report {
        /// The cell.
        cell: CompactString,
        /// The category code.
        category: CompactString,
        /// How it came in.
        channel: Channel,
        /// What was seen.
        description: CompactString,
    },
    /// Accepted (受理).
    Accept,
    /// Rejected, with a reason (不予受理).
    Reject {
        /// Why.
        reason: CompactString,
    },
    /// Dispatched to a body (派遣).
    Dispatch {
        /// The body's code.
        body: CompactString,
    },
    /// Handling started.
    Start,
    /// Resolved by the body (处理反馈).
    Resolve,
    /// Verified on the spot (核查).
    Verify,
    /// Sent back for rework (返工).
    Rework {
        /// Why.
        reason: CompactString,
    },
    /// Closed (结案).
    Close,
    /// Rated by the reporter, 1 to 5.
    Rate {
        /// The score.
        score: u8,
    },
    /// Escalated to a higher level (上报).
    Escalate {
        /// Why.
        reason: EscalationReason,
    },
    /// Postponed until a date (缓办), with the approver.
    Postpone {
        /// Until when.
        until: NaiveDate,
        /// Who approved it.
        approved_by: CompactString,
    },
}

impl Action {
    /// The action's name, as the log spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Report { .. } => "report",
            Action::Accept => "accept",
            Action::Reject { .. } => "reject",
            Action::Dispatch { .. } => "dispatch",
            Action::Start => "start",
            Action::Resolve => "resolve",
            Action::Verify => "verify",
            Action::Rework { .. } => "rework",
            Action::Close => "close",
            Action::Rate { .. } => "rate",
            Action::Escalate { .. } => "escalate",
            Action::Postpone { .. } => "postpone",
        }
    }
}

/// One line of an event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Entry {
    /// The event's id: a version 7 uuid, minted by the platform at report.
    #[schemars(with = "String")]
    pub event: Uuid,
    /// When, with its UTC offset.
    pub at: DateTime<FixedOffset>,
    /// Who: a worker's or staff member's id, or a body's code.
    pub actor: CompactString,
    /// What.
    #[serde(flatten)]
    pub action: Action,
}

/// Where an event stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Reported, not yet accepted.
    Reported,
    /// Accepted, not yet dispatched.
    Accepted,
    /// Rejected (final).
    Rejected,
    /// Dispatched to a body.
    Dispatched,
    /// The body is handling it.
    InProgress,
    /// Escalated, waiting to be dispatched at the higher level.
    Escalated,
    /// Resolved by the body, waiting for verification.
    Resolved,
    /// Verified, waiting to be closed.
    Verified,
    /// Closed (final).
    Closed,
}

impl State {
    /// The state's name.
    pub fn name(self) -> &'static str {
        match self {
            State::Reported => "reported",
            State::Accepted => "accepted",
            State::Rejected => "rejected",
            State::Dispatched => "dispatched",
            State::InProgress => "in_progress",
            State::Escalated => "escalated",
            State::Resolved => "resolved",
            State::Verified => "verified",
            State::Closed => "closed",
        }
    }

    /// The state's name in Chinese, as the grid platform shows it.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_grid::State;
    ///
    /// assert_eq!(State::Rejected.zh(), "不予受理");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            State::Reported => "已上报",
            State::Accepted => "已受理",
            State::Rejected => "不予受理",
            State::Dispatched => "已派遣",
            State::InProgress => "处置中",
            State::Escalated => "已上报上级",
            State::Resolved => "已处置",
            State::Verified => "已核查",
            State::Closed => "已结案",
        }
    }

    /// Whether no further transition is possible (rating aside).
    pub fn is_final(self) -> bool {
        matches!(self, State::Rejected | State::Closed)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An event's current record, derived from its actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Ticket {
    /// The event's id.
    #[schemars(with = "String")]
    pub id: Uuid,
    /// The cell.
    pub cell: CompactString,
    /// The category code.
    pub category: CompactString,
    /// How it came in.
    pub channel: Channel,
    /// Who reported it.
    pub reporter: CompactString,
    /// When.
    pub reported_at: DateTime<FixedOffset>,
    /// Accept or reject by then.
    pub response_due: DateTime<FixedOffset>,
    /// Resolve by then.
    pub resolution_due: DateTime<FixedOffset>,
    /// True when a due time needed a day outside the calendar's coverage
    /// and was answered provisionally ([`crate::due_is_provisional`]).
    pub provisional: bool,
    /// Where it stands.
    pub state: State,
    /// When it was accepted or rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responded_at: Option<DateTime<FixedOffset>>,
    /// The body it is dispatched to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<CompactString>,
    /// Who resolved it last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolver: Option<CompactString>,
    /// When it was last resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<DateTime<FixedOffset>>,
    /// When it was closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// Times sent back for rework.
    pub reworks: u32,
    /// Escalations, with their reasons.
    pub escalations: Vec<EscalationReason>,
    /// Postponed until, and by whose approval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postponed: Option<(NaiveDate, CompactString)>,
    /// The reporter's rating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// What was seen, as reported; kept unless the engine was told not to
    /// ([`Engine::with_texts`]). Bounded by the line it came on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<CompactString>,
    /// Why it was rejected; kept unless the engine was told not to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejection: Option<CompactString>,
    /// The time of the last action.
    pub last: DateTime<FixedOffset>,
}

/// The most events one engine holds: a bound on what a hostile log may
/// cost in memory.
pub const MAX_EVENTS: usize = 10_000_000;

/// How many released events an engine remembers by default: a report of
/// one of them is refused as [`Error::DuplicateEvent`], and a rating of
/// one is checked. Just under the 57,344 entries a table of 2^16 slots
/// holds, so that the window (some 2.5 MB of table and queue) stays in a
/// core's cache: a window of 900,000 events took 43 MB and made a metrics
/// run a quarter slower, one cache miss per look-up. That is some two
/// years of reports of a town of 30,000 a year; [`Engine::with_remembered`]
/// (and `--remember` on the command line) sets a longer window.
pub const REMEMBERED: usize = 57_000;

/// What an engine remembers of an event it released, in one word: the
/// last action's time (Unix seconds) and offset (minutes), whether the
/// event was closed (else rejected) and whether it was rated. Not its
/// reporter: once released, whether the rater is the reporter is not
/// checked.
#[derive(Debug, Clone, Copy)]
struct Gone(u64);

/// Offsets run from −18:00 to +18:00: 1,080 minutes each way, biased to
/// fit 12 bits.
const OFFSET_BIAS: i64 = 1080;

impl Gone {
    const CLOSED: u64 = 1;
    const RATED: u64 = 2;

    fn new(last: DateTime<FixedOffset>, closed: bool, rated: bool) -> Gone {
        let offset = i64::from(last.offset().local_minus_utc()) / 60 + OFFSET_BIAS;
        // Times chrono can hold are within ±2^43 seconds, and offsets
        // within 0..2^12 once biased: both fit beside two flags.
        let word = (last.timestamp() << 16) | (offset << 2);
        Gone(
            word as u64
                | if closed { Gone::CLOSED } else { 0 }
                | if rated { Gone::RATED } else { 0 },
        )
    }

    fn closed(self) -> bool {
        self.0 & Gone::CLOSED != 0
    }

    fn rated(self) -> bool {
        self.0 & Gone::RATED != 0
    }

    fn last(self) -> Option<DateTime<FixedOffset>> {
        let word = self.0 as i64;
        let offset =
            FixedOffset::east_opt(i32::try_from(((word >> 2) & 0xfff) - OFFSET_BIAS).ok()? * 60)?;
        Some(DateTime::from_timestamp(word >> 16, 0)?.with_timezone(&offset))
    }
}

/// The last released events, oldest first, and what is known of each: a
/// bounded window, so that memory does not grow with the log. Ids are
/// kept as two words, which pack tighter than a u128's 16-byte alignment.
#[derive(Debug, Clone)]
struct Released {
    order: std::collections::VecDeque<(u64, u64)>,
    known: HashMap<(u64, u64), Gone>,
    max: usize,
}

fn key(id: Uuid) -> (u64, u64) {
    id.as_u64_pair()
}

impl Released {
    fn new(max: usize) -> Released {
        Released {
            order: std::collections::VecDeque::new(),
            known: HashMap::new(),
            max,
        }
    }

    fn remember(&mut self, t: &Ticket) {
        if self.max == 0 {
            return;
        }
        if self.order.len() >= self.max {
            if let Some(old) = self.order.pop_front() {
                self.known.remove(&old);
            }
        }
        let id = key(t.id);
        self.order.push_back(id);
        self.known.insert(
            id,
            Gone::new(t.last, t.state == State::Closed, t.rating.is_some()),
        );
    }

    fn contains(&self, id: Uuid) -> bool {
        !self.known.is_empty() && self.known.contains_key(&key(id))
    }

    fn get(&mut self, id: Uuid) -> Option<&mut Gone> {
        if self.known.is_empty() {
            return None;
        }
        self.known.get_mut(&key(id))
    }
}

/// The grid's ids, hashed once: every action looks its actor up, and a
/// township's grid has hundreds of workers. The hasher is foldhash's,
/// seeded at random per engine: several times cheaper than SipHash on
/// short ids, and still not predictable by whoever writes the grid file. Where an invalid grid lists an
/// id twice, the first worker wins, as a search in order would find.
#[derive(Debug, Clone, Default)]
struct Index<'a> {
    cells: HashSet<&'a str>,
    /// Every id that may act, once, with all it is: one look-up per
    /// action instead of one per role. Ids of at most 16 bytes (every
    /// id of the bundled grid) by their [`Short`] key, which compares as
    /// three words rather than through a byte comparison; longer ones by
    /// their text.
    actors: HashMap<Short, Actor<'a>>,
    long_actors: HashMap<&'a str, Actor<'a>>,
    /// The taxonomy's categories of codes of at most 16 bytes, by their
    /// [`Short`] key, the first of a code listed twice; any other code is
    /// looked for in the taxonomy itself, whose error a code of none is.
    categories: HashMap<Short, &'a Category>,
}

/// An id of at most 16 bytes as three words: its length, its first and
/// its last eight bytes (overlapping when it is shorter than 16). Those
/// cover every byte, so two ids of the same length have the same key
/// only if they are the same. Shorter than eight bytes, the first and
/// last four do the same, and shorter than four the bytes themselves,
/// padded with zeros (the length tells the padding from a zero byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Short(u64, u64, usize);

impl Short {
    fn of(id: &str) -> Option<Short> {
        let b = id.as_bytes();
        let n = b.len();
        let half = |i: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(b.get(i..i + 4).unwrap_or(&[0; 4]));
            u64::from(u32::from_le_bytes(w))
        };
        let byte = |i: usize| b.get(i).copied().unwrap_or(0);
        Some(match n {
            0 => Short(0, 0, 0),
            1..4 => {
                let three = u32::from_le_bytes([byte(0), byte(1), byte(2), 0]);
                Short(u64::from(three), 0, n)
            }
            4..8 => Short(half(0), half(n - 4), n),
            8..=16 => Short(le_word(b, 0), le_word(b, n - 8), n),
            _ => return None,
        })
    }
}

/// What an id is in the grid: a worker, the grid centre's staff, a body,
/// or several of these.
#[derive(Debug, Clone, Copy, Default)]
struct Actor<'a> {
    worker: Option<&'a crate::grid::Worker>,
    staff: bool,
    body: bool,
}

impl<'a> Index<'a> {
    fn new(grid: &'a Grid, taxonomy: &'a Taxonomy) -> Index<'a> {
        let mut index = Index {
            cells: grid.cells.iter().map(|c| c.id.as_str()).collect(),
            actors: HashMap::with_capacity(
                grid.workers.len() + grid.staff.len() + grid.bodies.len(),
            ),
            long_actors: HashMap::new(),
            categories: HashMap::with_capacity(taxonomy.categories.len()),
        };
        for c in &taxonomy.categories {
            if let Some(key) = Short::of(&c.code) {
                index.categories.entry(key).or_insert(c);
            }
        }
        for w in &grid.workers {
            let a = index.entry(&w.id);
            a.worker = a.worker.or(Some(w));
        }
        for s in &grid.staff {
            index.entry(&s.id).staff = true;
        }
        for b in &grid.bodies {
            index.entry(&b.code).body = true;
        }
        index
    }

    fn entry(&mut self, id: &'a str) -> &mut Actor<'a> {
        match Short::of(id) {
            Some(key) => self.actors.entry(key).or_default(),
            None => self.long_actors.entry(id).or_default(),
        }
    }

    fn actor(&self, id: &str) -> Option<Actor<'a>> {
        match Short::of(id) {
            Some(key) => self.actors.get(&key).copied(),
            None => self.long_actors.get(id).copied(),
        }
    }

    fn worker(&self, id: &str) -> Option<&'a crate::grid::Worker> {
        self.actor(id)?.worker
    }

    fn is_staff(&self, id: &str) -> bool {
        self.actor(id).is_some_and(|a| a.staff)
    }

    fn is_body(&self, code: &str) -> bool {
        self.actor(code).is_some_and(|a| a.body)
    }
}

/// A rating's score is 1 to 5.
fn check_score(score: u8) -> Result<(), Error> {
    if (1..=5).contains(&score) {
        return Ok(());
    }
    Err(Error::Invalid {
        what: "rating",
        reason: format!("score {score} is not between 1 and 5"),
    })
}

/// Applies event logs under a grid, a taxonomy, a calendar and working
/// hours, and holds each event's record.
///
/// # Example
///
/// ```
/// use jiceng_calendar::{Calendar, WorkingHours};
/// use jiceng_grid::{Engine, Entry, Grid, State, Taxonomy};
///
/// let (grid, tax) = (Grid::guchengying(), Taxonomy::sample());
/// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
/// let mut engine = Engine::new(&grid, &tax, &cal, &hours);
/// let e: Entry = serde_json::from_str(r#"{"event": "01975a1e-7a18-7000-8000-000000000001",
///     "at": "2025-06-10T09:35:00+08:00", "actor": "W01", "action": "report",
///     "cell": "GCY-01", "category": "0101", "channel": "grid_worker",
///     "description": "垃圾桶满溢"}"#)?;
/// engine.apply(&e)?;
/// let t = engine.ticket(e.event).unwrap();
/// assert_eq!(t.state, State::Reported);
/// assert_eq!(t.resolution_due.to_rfc3339(), "2025-06-10T11:35:00+08:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Engine<'a> {
    index: Index<'a>,
    taxonomy: &'a Taxonomy,
    cal: &'a Calendar,
    hours: &'a WorkingHours,
    /// Hashed by id, not ordered: a stream inserts and removes a record
    /// for every event, and an ordered map moves its neighbours each time.
    /// The few callers that want id order sort.
    tickets: HashMap<Uuid, Ticket>,
    max_open: usize,
    released: Released,
    texts: bool,
}

impl<'a> Engine<'a> {
    /// An engine with no events.
    pub fn new(
        grid: &'a Grid,
        taxonomy: &'a Taxonomy,
        cal: &'a Calendar,
        hours: &'a WorkingHours,
    ) -> Engine<'a> {
        Engine {
            index: Index::new(grid, taxonomy),
            taxonomy,
            cal,
            hours,
            tickets: HashMap::new(),
            max_open: MAX_EVENTS,
            released: Released::new(REMEMBERED),
            texts: true,
        }
    }

    /// The same engine, holding at most `max` events at once (and never
    /// more than [`MAX_EVENTS`]): a report beyond the cap is refused with
    /// [`Error::TooManyOpen`]. With [`Engine::apply_and_release`] the
    /// engine holds only the events still open, so the cap bounds the
    /// memory of a stream of any length.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::{Calendar, WorkingHours};
    /// use jiceng_grid::{Engine, Entry, Error, Grid, Taxonomy};
    ///
    /// let (grid, tax) = (Grid::guchengying(), Taxonomy::sample());
    /// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
    /// let mut engine = Engine::new(&grid, &tax, &cal, &hours).with_max_open(1);
    /// let report = |n: u32| -> Result<Entry, serde_json::Error> {
    ///     serde_json::from_str(&format!(r#"{{"event": "01975a1e-7a18-7000-8000-00000000000{n}",
    ///         "at": "2025-06-10T09:35:00+08:00", "actor": "W01", "action": "report",
    ///         "cell": "GCY-01", "category": "0101", "channel": "grid_worker",
    ///         "description": "垃圾桶满溢"}}"#))
    /// };
    /// engine.apply(&report(1)?)?;
    /// assert!(matches!(engine.apply(&report(2)?), Err(Error::TooManyOpen { max: 1, .. })));
    /// assert_eq!(engine.held(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_max_open(mut self, max: usize) -> Engine<'a> {
        self.max_open = max.min(MAX_EVENTS);
        self
    }

    /// The same engine, remembering the last `n` released events
    /// ([`REMEMBERED`] by default; 0 remembers none).
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::{Calendar, WorkingHours};
    /// use jiceng_grid::{Engine, Entry, Error, Grid, Taxonomy};
    ///
    /// let (grid, tax) = (Grid::guchengying(), Taxonomy::sample());
    /// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
    /// let mut engine = Engine::new(&grid, &tax, &cal, &hours).with_remembered(1);
    /// let line = |at: &str, rest: &str| -> Result<Entry, serde_json::Error> {
    ///     serde_json::from_str(&format!(r#"{{"event": "01975a1e-7a18-7000-8000-000000000001",
    ///         "at": "2025-06-10T{at}:00+08:00", "actor": "C01", {rest}}}"#))
    /// };
    /// let report = line("09:35", r#""action": "report", "cell": "GCY-01", "category": "0101",
    ///     "channel": "hotline", "description": "垃圾桶满溢""#)?;
    /// engine.apply(&report)?;
    /// engine.apply_and_release(&line("09:40", r#""action": "reject", "reason": "重复""#)?)?;
    /// assert_eq!(engine.held(), 0);
    /// // Released, but remembered: the same id again is a duplicate.
    /// assert!(matches!(engine.apply(&report), Err(Error::DuplicateEvent { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_remembered(mut self, n: usize) -> Engine<'a> {
        self.released = Released::new(n);
        self
    }

    /// The same engine, keeping the report's description and the
    /// rejection's reason on the record (`true`, the default) or not: a
    /// fold that counts events has no use for them and saves their copy.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::{Calendar, WorkingHours};
    /// use jiceng_grid::{Engine, Entry, Grid, Taxonomy};
    ///
    /// let (grid, tax) = (Grid::guchengying(), Taxonomy::sample());
    /// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
    /// let e: Entry = serde_json::from_str(r#"{"event": "01975a1e-7a18-7000-8000-000000000001",
    ///     "at": "2025-06-10T09:35:00+08:00", "actor": "W01", "action": "report",
    ///     "cell": "GCY-01", "category": "0101", "channel": "grid_worker",
    ///     "description": "垃圾桶满溢"}"#)?;
    /// let mut kept = Engine::new(&grid, &tax, &cal, &hours);
    /// kept.apply(&e)?;
    /// assert_eq!(kept.ticket(e.event).unwrap().description.as_deref(), Some("垃圾桶满溢"));
    /// let mut counted = Engine::new(&grid, &tax, &cal, &hours).with_texts(false);
    /// counted.apply(&e)?;
    /// assert_eq!(counted.ticket(e.event).unwrap().description, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_texts(mut self, keep: bool) -> Engine<'a> {
        self.texts = keep;
        self
    }

    /// The most events the engine holds at once.
    pub fn max_open(&self) -> usize {
        self.max_open
    }

    /// How many events the engine holds.
    pub fn held(&self) -> usize {
        self.tickets.len()
    }

    /// Takes one event's record out of the engine: a stream writes a
    /// finished event out and forgets it, but for its id, its final state,
    /// whether it was rated and its last time, among the last
    /// [`REMEMBERED`] released. A report of a remembered id is
    /// [`Error::DuplicateEvent`]; a rating of one is checked for its actor
    /// (known), its time (not before the event's last action), the state
    /// (closed, not yet rated) and its score, but not for who reported the
    /// event; any other action on one is [`Error::Transition`]. An action
    /// on an id neither held nor remembered is [`Error::UnknownEvent`].
    pub fn release(&mut self, id: Uuid) -> Option<Ticket> {
        let t = self.tickets.remove(&id)?;
        self.released.remember(&t);
        Some(t)
    }

    /// Takes every record out of the engine, in id order (the order of
    /// report): the events still open at the end of a stream. They are not
    /// remembered as [`Engine::release`] remembers.
    pub fn drain(&mut self) -> std::collections::btree_map::IntoValues<Uuid, Ticket> {
        std::mem::take(&mut self.tickets)
            .into_iter()
            .collect::<BTreeMap<_, _>>()
            .into_values()
    }

    /// The record of one event.
    pub fn ticket(&self, id: Uuid) -> Option<&Ticket> {
        self.tickets.get(&id)
    }

    /// All records, in id order (the order of report).
    pub fn tickets(&self) -> impl Iterator<Item = &Ticket> {
        let mut all: Vec<&Ticket> = self.tickets.values().collect();
        all.sort_unstable_by_key(|t| t.id);
        all.into_iter()
    }

    /// Applies one entry.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when the actor may not take the action,
    /// [`Error::Transition`] when the state does not allow it,
    /// [`Error::UnknownEvent`], [`Error::DuplicateEvent`],
    /// [`Error::NotV7`], [`Error::OutOfOrder`], [`Error::UnknownCell`],
    /// [`Error::UnknownCategory`], and calendar errors for a report whose
    /// due times fall outside the calendar. On any error nothing changes.
    pub fn apply(&mut self, e: &Entry) -> Result<(), Error> {
        self.apply_state(e).map(|_| ())
    }

    /// Applies one entry and says the event's state afterwards, without
    /// looking the record up again.
    fn apply_state(&mut self, e: &Entry) -> Result<State, Error> {
        if let Action::Report { .. } = e.action {
            let t = self.report(e)?;
            let state = t.state;
            self.tickets.insert(e.event, t);
            return Ok(state);
        }
        let Some(t) = self.tickets.get_mut(&e.event) else {
            return self.step_released(e);
        };
        Self::step(&self.index, t, e, self.texts)?;
        Ok(t.state)
    }

    fn refuse(e: &Entry, reason: impl Into<String>) -> Error {
        Error::Refused {
            actor: crate::error::cut(&e.actor),
            action: e.action.name(),
            event: e.event,
            reason: reason.into(),
        }
    }

    fn report(&self, e: &Entry) -> Result<Ticket, Error> {
        let Action::Report {
            cell,
            category,
            channel,
            description,
        } = &e.action
        else {
            // `apply` calls this for reports only.
            return Err(Error::UnknownEvent {
                event: e.event,
                action: e.action.name(),
            });
        };
        if e.event.get_version_num() != 7 {
            return Err(Error::NotV7 {
                event: e.event,
                version: e.event.get_version_num(),
            });
        }
        if self.tickets.contains_key(&e.event) || self.released.contains(e.event) {
            return Err(Error::DuplicateEvent { event: e.event });
        }
        if self.tickets.len() >= self.max_open {
            return Err(Error::TooManyOpen {
                event: e.event,
                max: self.max_open,
            });
        }
        if !self.index.cells.contains(cell.as_str()) {
            return Err(Error::UnknownCell(crate::error::cut(cell)));
        }
        let cat = match Short::of(category).and_then(|k| self.index.categories.get(&k)) {
            Some(&cat) => cat,
            None => self.taxonomy.category(category)?,
        };
        match channel {
            Channel::GridWorker => match self.index.worker(&e.actor) {
                Some(w) if w.cells.iter().any(|c| c == cell) => {}
                Some(_) => {
                    return Err(Self::refuse(
                        e,
                        format!("cell {cell} is not assigned to them"),
                    ));
                }
                None => return Err(Self::refuse(e, "not a worker of the grid")),
            },
            _ if self.index.is_staff(&e.actor) => {}
            _ => {
                return Err(Self::refuse(
                    e,
                    "reports from the app, the hotline or an inspection are entered by the grid centre's staff",
                ));
            }
        }
        let (response_due, resolution_due) = cat.service.due_times(self.cal, self.hours, e.at)?;
        Ok(Ticket {
            id: e.event,
            cell: cell.clone(),
            category: category.clone(),
            channel: *channel,
            reporter: e.actor.clone(),
            reported_at: e.at,
            response_due,
            resolution_due,
            provisional: crate::taxonomy::due_is_provisional(
                self.cal,
                self.hours,
                e.at,
                response_due,
                resolution_due,
            ),
            state: State::Reported,
            responded_at: None,
            body: None,
            resolver: None,
            resolved_at: None,
            closed_at: None,
            reworks: 0,
            escalations: Vec::new(),
            postponed: None,
            rating: None,
            description: self.texts.then(|| description.clone()),
            rejection: None,
            last: e.at,
        })
    }

    /// An action on an event not held: a rating of a remembered closed
    /// event, checked as far as what is remembered allows; anything else
    /// is refused.
    fn step_released(&mut self, e: &Entry) -> Result<State, Error> {
        let name = e.action.name();
        let Some(gone) = self.released.get(e.event) else {
            return Err(Error::UnknownEvent {
                event: e.event,
                action: name,
            });
        };
        let state = if gone.closed() {
            State::Closed
        } else {
            State::Rejected
        };
        // Remembered to the second: a time within the last action's
        // second is taken as in order.
        if let Some(last) = gone.last().filter(|&l| e.at.timestamp() < l.timestamp()) {
            return Err(Error::OutOfOrder {
                event: e.event,
                action: name,
                at: e.at.to_rfc3339(),
                previous: last.to_rfc3339(),
            });
        }
        if self.index.actor(&e.actor).is_none() {
            return Err(Self::refuse(e, "unknown actor"));
        }
        match e.action {
            Action::Rate { score } if gone.closed() && !gone.rated() => {
                check_score(score)?;
                *gone = Gone::new(e.at, true, true);
                Ok(state)
            }
            _ => Err(Error::Transition {
                event: e.event,
                action: name,
                state,
            }),
        }
    }

    /// Changes the record by `e`, or says why not. Every check comes
    /// before the first change, so that a refused action changes nothing;
    /// the record is changed in place rather than copied, as a log applies
    /// some six actions to every report.
    fn step(index: &Index<'_>, t: &mut Ticket, e: &Entry, texts: bool) -> Result<(), Error> {
        let name = e.action.name();
        let bad = || Error::Transition {
            event: e.event,
            action: name,
            state: t.state,
        };
        if e.at < t.last {
            return Err(Error::OutOfOrder {
                event: e.event,
                action: name,
                at: e.at.to_rfc3339(),
                previous: t.last.to_rfc3339(),
            });
        }
        // An id is in the index only as a worker, staff or a body.
        let Some(actor) = index.actor(&e.actor) else {
            return Err(Self::refuse(e, "unknown actor"));
        };
        let staff = actor.staff;
        let need_staff = || {
            if staff {
                Ok(())
            } else {
                Err(Self::refuse(e, "only the grid centre's staff may do this"))
            }
        };
        let need_body = || {
            if t.body.as_deref() == Some(e.actor.as_str()) {
                Ok(())
            } else {
                Err(Self::refuse(
                    e,
                    format!(
                        "only the body it is dispatched to ({}) may do this",
                        t.body.as_deref().unwrap_or("none")
                    ),
                ))
            }
        };
        match (&e.action, t.state) {
            (Action::Report { .. }, _) => return Err(Error::DuplicateEvent { event: e.event }),
            (Action::Accept, State::Reported) => {
                need_staff()?;
                t.state = State::Accepted;
                t.responded_at = Some(e.at);
            }
            (Action::Reject { reason }, State::Reported) => {
                need_staff()?;
                t.state = State::Rejected;
                t.responded_at = Some(e.at);
                if texts {
                    t.rejection = Some(reason.clone());
                }
            }
            (Action::Dispatch { body }, State::Accepted | State::Escalated) => {
                need_staff()?;
                if !index.is_body(body) {
                    return Err(Self::refuse(
                        e,
                        format!("unknown body {}", crate::error::cut(body)),
                    ));
                }
                t.state = State::Dispatched;
                t.body = Some(body.clone());
            }
            (Action::Start, State::Dispatched) => {
                need_body()?;
                t.state = State::InProgress;
            }
            (Action::Resolve, State::InProgress) => {
                need_body()?;
                t.state = State::Resolved;
                t.resolver = Some(e.actor.clone());
                t.resolved_at = Some(e.at);
            }
            (Action::Verify, State::Resolved) => {
                if t.resolver.as_deref() == Some(e.actor.as_str()) {
                    return Err(Self::refuse(e, "the verifier may not be the resolver"));
                }
                let cell_worker = actor
                    .worker
                    .is_some_and(|w| w.cells.iter().any(|c| c.as_str() == t.cell.as_str()));
                if !staff && !cell_worker {
                    return Err(Self::refuse(
                        e,
                        "only the grid centre's staff or a worker of the cell may verify",
                    ));
                }
                t.state = State::Verified;
            }
            (Action::Rework { .. }, State::Resolved) => {
                need_staff()?;
                t.state = State::Dispatched;
                t.reworks = t.reworks.saturating_add(1);
            }
            (Action::Close, State::Verified) => {
                need_staff()?;
                t.state = State::Closed;
                t.closed_at = Some(e.at);
            }
            (Action::Rate { score }, State::Closed) if t.rating.is_none() => {
                if e.actor != t.reporter && !staff {
                    return Err(Self::refuse(
                        e,
                        "only the reporter or the grid centre may rate",
                    ));
                }
                check_score(*score)?;
                t.rating = Some(*score);
            }
            (
                Action::Escalate { reason },
                State::Accepted | State::Dispatched | State::InProgress,
            ) => {
                if !staff && t.body.as_deref() != Some(e.actor.as_str()) {
                    return Err(Self::refuse(
                        e,
                        "only the grid centre's staff or the body handling it may escalate",
                    ));
                }
                t.state = State::Escalated;
                t.escalations.push(*reason);
            }
            (Action::Postpone { until, approved_by }, State::Dispatched | State::InProgress) => {
                need_body()?;
                if !index.is_staff(approved_by) {
                    return Err(Self::refuse(
                        e,
                        format!(
                            "approver {} is not the grid centre's staff",
                            crate::error::cut(approved_by)
                        ),
                    ));
                }
                if *until < e.at.date_naive() {
                    return Err(Error::Invalid {
                        what: "postponement",
                        reason: format!("until {until} is before the request"),
                    });
                }
                t.postponed = Some((*until, approved_by.clone()));
            }
            _ => return Err(bad()),
        }
        t.last = e.at;
        Ok(())
    }

    /// Applies one entry and, when the event is then closed or rejected,
    /// takes its record out of the engine and returns it: the streaming
    /// mode, whose memory depends on the events open at once rather than on
    /// the length of the log. The released event is remembered as
    /// [`Engine::release`] says.
    ///
    /// # Errors
    ///
    /// As [`Engine::apply`]; on error nothing changes.
    pub fn apply_and_release(&mut self, e: &Entry) -> Result<Option<Ticket>, Error> {
        if self.apply_state(e)?.is_final() {
            return Ok(self.release(e.event));
        }
        Ok(None)
    }

    /// Replays a whole log, stopping at the first error with its index.
    ///
    /// # Errors
    ///
    /// The first entry's error, with its 0-based index.
    pub fn replay(&mut self, entries: &[Entry]) -> Result<(), (usize, Error)> {
        for (i, e) in entries.iter().enumerate() {
            self.apply(e).map_err(|err| (i, err))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Short;

    proptest! {
        /// Two ids of at most 16 bytes have the same key exactly when
        /// they are the same id; a longer id has none.
        #[test]
        fn short_keys_are_the_ids_themselves(
            a in "[a-c0-1\\-]{0,18}",
            b in "[a-c0-1\\-]{0,18}",
        ) {
            let (ka, kb) = (Short::of(&a), Short::of(&b));
            prop_assert_eq!(ka.is_some(), a.len() <= 16);
            prop_assert_eq!(kb.is_some(), b.len() <= 16);
            if let (Some(ka), Some(kb)) = (ka, kb) {
                prop_assert_eq!(ka == kb, a == b, "{:?} {:?}", a, b);
            }
        }
    }

    /// A report finds its category by code: the first of a code listed
    /// twice, a code longer than 16 bytes (outside the short keys), and
    /// none for an unknown code.
    #[test]
    fn a_report_finds_the_first_category_of_its_code_of_any_length() {
        use crate::taxonomy::Target;
        use crate::{Entry, Error, Grid, Taxonomy};
        use jiceng_calendar::{Calendar, WorkingHours};

        let grid = Grid::guchengying();
        let mut tax = Taxonomy::sample();
        let first = tax.categories[0].clone();
        let mut twice = first.clone();
        twice.service.resolution = Target::WorkingMinutes(7);
        let mut long = first.clone();
        long.code = "0101-a-code-of-21-by".into();
        long.service.resolution = Target::WorkingMinutes(30);
        tax.categories.push(twice);
        tax.categories.push(long.clone());
        let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
        let report = |id: u32, category: &str| -> Entry {
            serde_json::from_str(&format!(
                r#"{{"event": "01975a1e-7a18-7000-8000-00000000000{id}",
                "at": "2025-06-10T09:35:00+08:00", "actor": "W01", "action": "report",
                "cell": "GCY-01", "category": "{category}", "channel": "grid_worker",
                "description": "d"}}"#
            ))
            .unwrap_or_else(|e| panic!("{e}"))
        };
        let mut engine = super::Engine::new(&grid, &tax, &cal, &hours);
        let due = |engine: &super::Engine<'_>, e: &Entry| {
            engine
                .ticket(e.event)
                .map(|t| t.resolution_due.to_rfc3339())
        };
        // The sample's 0101: two hours, to 11:35; not the 7 minutes of
        // the second 0101.
        let a = report(1, &first.code);
        engine.apply(&a).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.service.resolution, Target::WorkingMinutes(120));
        assert_eq!(
            due(&engine, &a).as_deref(),
            Some("2025-06-10T11:35:00+08:00")
        );
        // The long code: 30 minutes, to 10:05.
        let b = report(2, &long.code);
        engine.apply(&b).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            due(&engine, &b).as_deref(),
            Some("2025-06-10T10:05:00+08:00")
        );
        let c = report(3, "0199");
        assert!(matches!(engine.apply(&c), Err(Error::UnknownCategory(code)) if code == "0199"));
    }

    #[test]
    fn short_keys_differ_in_each_byte_and_length() {
        // Every length up to 16, and one byte changed at each place.
        for n in 0..=16 {
            let id: String = "0123456789abcdef".chars().take(n).collect();
            let key = Short::of(&id).unwrap_or_else(|| panic!("{id}"));
            for i in 0..n {
                let mut other = id.clone().into_bytes();
                other[i] = b'x';
                let other = String::from_utf8(other).unwrap_or_default();
                assert_ne!(Short::of(&other), Some(key), "{id} {other}");
            }
            // The same bytes and a zero more are another id.
            if n < 16 {
                assert_ne!(Short::of(&format!("{id}\0")), Some(key), "{id}");
            }
        }
        assert_eq!(Short::of(&"a".repeat(17)), None);
    }
}
