//! The ledger: who holds which item where, on any date, and why.
//!
//! The ledger is compiled from a [`LedgerFile`] into two layers of
//! timelines, both sparse:
//!
//! * the **county layer**, one timeline per (item, county) that a
//!   concentration touched; elsewhere the statutory holder applies, looked
//!   up rather than stored: the department of the item's sector at the
//!   item's level (the county's, or the city's or province's for items
//!   held higher; for the towns of a city without counties, the city's);
//! * the **township layer**, one timeline per (item, township) that any
//!   devolution or entrustment touched, cut short by revocations; items a
//!   township holds by law are its government's, looked up too.
//!
//! A query for a village or township reads the township layer and falls
//! back to the county layer. Each layer finds a (place, item) timeline
//! through a bitmap of places × items when that bitmap is small next to
//! the grants (a few bits per cell), else by a binary search among the few
//! items a place has timelines for (see `Layer`). Memory grows with the
//! grants the file makes, never with items × townships.
//!
//! Jurisdiction is by place (行政处罚法 Art. 25 in the 2021 revision: the
//! agency of the place where the violation occurred; a village's matters
//! are its township's).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use jiceng_org::{BodyId, BodyKind, DivisionCode, DivisionId, Level, Registry};

use crate::check::Location;
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Error;
use crate::file::{LedgerFile, LineIndex, Source, Table};
use crate::instrument::{Instrument, InstrumentKind};
use crate::item::{LegalBasis, PowerCategory, PowerItem};

pub(crate) const NONE: u32 = u32::MAX;

/// The item is held by townships by law.
pub(crate) const ITEM_TOWNSHIP: u8 = 1;
/// The item is held at the county level by law.
pub(crate) const ITEM_COUNTY: u8 = 2;
/// Some concentration names the item.
pub(crate) const ITEM_CONCENTRATED: u8 = 4;

/// A compact handle to a power item in one ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemId(pub u32);

/// One stretch of time with one holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    /// First day (days from the common era).
    pub from: i32,
    /// First day after (exclusive); `OPEN` when open.
    pub until: i32,
    pub holder: u32,
    /// The body that exercises the item, when not the holder.
    pub by: u32,
    /// The instrument that made it so; `NONE` for the statutory holder.
    pub instrument: u32,
}

/// The most bitmap words a layer may have for each (slot, item) pair with
/// a timeline, beyond [`BITMAP_FLOOR`]. A word (16 bytes) covers 64
/// (slot, item) cells; a pair costs about 40 bytes already (its key, its
/// offset, its segment and its head), so the bitmap adds at most 64 bytes
/// a pair: memory stays proportional to the grants.
const WORDS_PER_PAIR: usize = 4;

/// Bitmap words a layer may always have (1 MiB), whatever its pairs.
const BITMAP_FLOOR: usize = 1 << 16;

/// Whether a layer of `slots` slots, `n_items` items and `pairs` pairs
/// with timelines gets a bitmap: when its words are at most
/// [`WORDS_PER_PAIR`] per pair beyond [`BITMAP_FLOOR`].
pub(crate) fn bitmap_fits(slots: usize, n_items: usize, pairs: usize) -> bool {
    let words = slots.saturating_mul(n_items.div_ceil(64));
    words
        <= pairs
            .saturating_mul(WORDS_PER_PAIR)
            .saturating_add(BITMAP_FLOOR)
}

/// 64 cells of a layer's bitmap: which of 64 consecutive items of one slot
/// have a timeline, and the place among the keys of the first that does.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    bits: u64,
    base: u32,
}

/// The first segment of a run, as the fast path reads it: the days it
/// covers and its holder, in 12 bytes.
#[derive(Debug, Clone, Copy)]
struct Head {
    from: i32,
    until: i32,
    holder: u32,
}

/// Timelines by (slot, item), stored flat: for each slot the sorted items
/// it has timelines for (`keys`), and for each of those its segments.
///
/// A query finds the pair among the keys in one of two ways:
///
/// * through a bitmap of slots × items, when it is small next to the pairs
///   ([`bitmap_fits`]): one bit says whether the pair has a timeline, and
///   the count of the set bits before it in its word, added to the word's
///   base, says where. A miss, the usual answer, costs one load from a
///   table of two bits per (slot, item): for a province's 2,300 townships
///   and 300 items, 180 KB, which stays in cache;
/// * otherwise by a binary search among the slot's keys, which are
///   contiguous and few (the items one place has timelines for).
///
/// A hit then reads the run's first segment from `heads` (12 bytes, the
/// days and the holder), and the rest of the run only when the day is past
/// it: one more load in the usual case. Memory stays proportional to the
/// grants either way.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layer {
    off: Vec<u32>,
    keys: Vec<u32>,
    seg_off: Vec<u32>,
    segs: Vec<Segment>,
    /// By pair: its run's first segment, for the fast path.
    heads: Vec<Head>,
    words: Vec<Word>,
    /// Words per slot in `words`.
    stride: usize,
    n_items: usize,
}

impl Layer {
    /// Builds the layer from raw (slot, item, segment) entries for `slots`
    /// slots and `n_items` items; `group` sees each (slot, item)'s raw
    /// segments, sorted by start then instrument.
    pub(crate) fn build(
        slots: usize,
        n_items: usize,
        entries: Vec<(u32, u32, Segment)>,
        group: impl FnMut(u32, u32, &[Segment]),
    ) -> Layer {
        Layer::build_with(slots, n_items, entries, group, None)
    }

    /// As [`Layer::build`], with the bitmap forced on or off (`None`: as
    /// [`bitmap_fits`] says), so that tests can compare the two ways.
    pub(crate) fn build_with(
        slots: usize,
        n_items: usize,
        mut entries: Vec<(u32, u32, Segment)>,
        mut group: impl FnMut(u32, u32, &[Segment]),
        bitmap: Option<bool>,
    ) -> Layer {
        entries.sort_unstable_by_key(|&(s, i, g)| (s, i, g.from, g.instrument));
        let mut off = vec![0u32; slots + 1];
        let mut keys = Vec::new();
        let mut seg_off = vec![0u32];
        let mut segs = Vec::with_capacity(entries.len());
        let mut heads = Vec::new();
        let mut raw: Vec<Segment> = Vec::new();
        let mut k = 0;
        while k < entries.len() {
            let (s, i, _) = entries[k];
            raw.clear();
            while k < entries.len() && (entries[k].0, entries[k].1) == (s, i) {
                raw.push(entries[k].2);
                k += 1;
            }
            group(s, i, &raw);
            let first = segs.len();
            crate::compile::sweep(&raw, &mut segs);
            heads.push(segs.get(first).map_or(
                Head {
                    from: crate::compile::OPEN,
                    until: crate::compile::OPEN,
                    holder: NONE,
                },
                |s| Head {
                    from: s.from,
                    until: s.until,
                    holder: s.holder,
                },
            ));
            keys.push(i);
            seg_off.push(segs.len() as u32);
            if let Some(o) = off.get_mut(s as usize + 1) {
                *o = keys.len() as u32;
            }
        }
        // Slots without timelines end where the previous one ended.
        for k in 1..off.len() {
            off[k] = off[k].max(off[k - 1]);
        }
        let stride = n_items.div_ceil(64);
        let mut words = Vec::new();
        if bitmap.unwrap_or_else(|| bitmap_fits(slots, n_items, keys.len())) {
            words = vec![Word::default(); slots * stride];
            for slot in 0..slots {
                for k in off[slot]..off[slot + 1] {
                    let item = keys[k as usize] as usize;
                    // In range: layers are built from item indices, all
                    // below `n_items`, so `item / 64 < stride`.
                    let w = &mut words[slot * stride + item / 64];
                    if w.bits == 0 {
                        // The slot's keys are sorted: the first is the least.
                        w.base = k;
                    }
                    w.bits |= 1 << (item % 64);
                }
            }
        }
        Layer {
            off,
            keys,
            seg_off,
            segs,
            heads,
            words,
            stride,
            n_items,
        }
    }

    /// The place of (slot, item) among the keys, when it has a timeline.
    #[inline(always)]
    fn find(&self, slot: u32, item: u32) -> Option<usize> {
        let (slot, item) = (slot as usize, item as usize);
        if !self.words.is_empty() {
            if item >= self.n_items {
                return None;
            }
            let w = self.words.get(slot * self.stride + item / 64)?;
            let bit = 1u64 << (item % 64);
            if w.bits & bit == 0 {
                return None;
            }
            return Some(w.base as usize + (w.bits & (bit - 1)).count_ones() as usize);
        }
        let a = *self.off.get(slot)? as usize;
        let b = *self.off.get(slot + 1)? as usize;
        let keys = self.keys.get(a..b)?;
        if keys.is_empty() {
            return None;
        }
        // Branchless lower bound: `base` ends at the last key <= item.
        let mut base = 0;
        let mut len = keys.len();
        while len > 1 {
            let half = len / 2;
            if keys[base + half] as usize <= item {
                base += half;
            }
            len -= half;
        }
        (keys[base] as usize == item).then_some(a + base)
    }

    /// The segments of the pair at `k` among the keys.
    #[inline]
    fn segments(&self, k: usize) -> &[Segment] {
        let (a, b) = (self.seg_off[k] as usize, self.seg_off[k + 1] as usize);
        &self.segs[a..b]
    }

    /// The timeline of (slot, item), in date order.
    #[inline]
    pub(crate) fn run(&self, slot: u32, item: u32) -> &[Segment] {
        match self.find(slot, item) {
            Some(k) => self.segments(k),
            None => &[],
        }
    }

    /// The segment of (slot, item) in force on day `d`.
    #[inline(always)]
    pub(crate) fn at(&self, slot: u32, item: u32, d: i32) -> Option<Segment> {
        let run = self.segments(self.find(slot, item)?);
        // Most runs have one segment.
        if let [s] = run {
            return (s.from <= d && d < s.until).then_some(*s);
        }
        let p = run.partition_point(|s| s.from <= d);
        p.checked_sub(1)
            .map(|p| run[p])
            .filter(|s| s.from <= d && d < s.until)
    }

    /// The holder of (slot, item) on day `d`, when a segment is in force:
    /// as [`Layer::at`], reading the run's first segment from `heads` and
    /// the rest only when `d` is past it.
    #[inline(always)]
    pub(crate) fn holder_at(&self, slot: u32, item: u32, d: i32) -> Option<u32> {
        let k = self.find(slot, item)?;
        let h = self.heads[k];
        if h.from <= d && d < h.until {
            return Some(h.holder);
        }
        if d < h.from {
            return None;
        }
        self.at(slot, item, d).map(|s| s.holder)
    }

    /// The items of a slot with their timelines.
    pub(crate) fn items_of(&self, slot: u32) -> impl Iterator<Item = (u32, &[Segment])> + '_ {
        let s = slot as usize;
        let a = self.off.get(s).copied().unwrap_or(0) as usize;
        let b = self.off.get(s + 1).copied().unwrap_or(0) as usize;
        (a..b).map(move |k| (self.keys[k], self.segments(k)))
    }
}

/// A run of overlapping grants of one item to one township: grants all in
/// force together from `from` to the day before `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Overlap {
    pub item: u32,
    pub township: u32,
    /// The instruments of the run (at most a dozen), in date order.
    pub instruments: Vec<u32>,
    /// How many instruments the run has in all.
    pub count: usize,
    /// The first day all of them are in force.
    pub from: i32,
    /// The first day one of them is no longer in force; `OPEN` when none
    /// ends.
    pub until: i32,
}

/// The compiled ledger.
///
/// # Example
///
/// ```
/// use jiceng_authority::Ledger;
///
/// let ledger = Ledger::hebei_sample();
/// let date = "2024-06-01".parse()?;
/// // Qiu County concentrated environmental penalties in its enforcement
/// // bureau, then devolved them to the township teams.
/// let h = ledger.holder("HB-CF-001", "130430104000", date)?;
/// assert_eq!(h.holder.name, "古城营镇人民政府");
/// assert_eq!(h.exercised_by.unwrap().name, "古城营镇综合行政执法队");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Ledger {
    pub(crate) name: String,
    pub(crate) illustrative: bool,
    pub(crate) source: Source,
    pub(crate) lines: LineIndex,
    pub(crate) registry: Registry,
    pub(crate) items: Vec<PowerItem>,
    pub(crate) item_index: HashMap<String, u32>,
    pub(crate) instruments: Vec<Instrument>,
    pub(crate) instrument_index: HashMap<String, u32>,
    /// By division index: the county-level slot of the division.
    pub(crate) county_of: Vec<u32>,
    /// By division index: the township slot of the division.
    pub(crate) township_of: Vec<u32>,
    /// County-level slots: the counties, then the cities without counties.
    pub(crate) counties: Vec<DivisionId>,
    pub(crate) county_slots: HashMap<DivisionCode, u32>,
    pub(crate) county_towns_off: Vec<u32>,
    pub(crate) county_towns: Vec<u32>,
    pub(crate) townships: Vec<DivisionId>,
    pub(crate) town_gov: Vec<u32>,
    pub(crate) town_team: Vec<u32>,
    pub(crate) town_centre: Vec<u32>,
    /// By item: its interned sector.
    pub(crate) item_sector: Vec<u32>,
    /// By division index: its departments, (sector, body) sorted by sector.
    pub(crate) dept_off: Vec<u32>,
    pub(crate) depts: Vec<(u32, u32)>,
    /// Items held by townships by law.
    pub(crate) township_items: Vec<u32>,
    /// By division index: (township slot, county-level slot), together for
    /// the fast path.
    pub(crate) place: Vec<(u32, u32)>,
    /// By item: `ITEM_*` flags, for the fast path.
    pub(crate) item_flags: Vec<u8>,
    /// Sectors interned; with `county_dept`, the department of each sector
    /// in each county-level slot (`NONE` where there is none), when that
    /// table is small enough (else empty, and the slow lookup applies).
    pub(crate) n_sectors: usize,
    pub(crate) county_dept: Vec<u32>,
    /// By item: the guidance lists naming it, in file order.
    pub(crate) guidance_of: HashMap<u32, Vec<u32>>,
    pub(crate) county_layer: Layer,
    pub(crate) town_layer: Layer,
    pub(crate) overlaps: Vec<Overlap>,
    /// Problems met while compiling (unknown references), reported by
    /// [`Ledger::check`].
    pub(crate) build_findings: Vec<crate::check::Finding>,
    /// The duty lists, compiled (see [`crate::duty`]).
    pub(crate) duties: crate::duty::Duties,
}

/// A body, as answers name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BodyRef {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: BodyKind,
}

/// An instrument, as explanations cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InstrumentRef {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub kind: InstrumentKind,
    /// Its document number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Its title.
    pub title: String,
    /// The issuer's code.
    pub issuer: String,
    /// The publication date.
    pub published: NaiveDate,
    /// The first day in force.
    pub effective_from: NaiveDate,
    /// The first day no longer in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<NaiveDate>,
}

/// An item devolved or entrusted to a township, as [`Ledger::devolved_to`]
/// lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Devolved {
    /// The item.
    #[serde(skip)]
    pub item: ItemId,
    /// Its holder there.
    pub holder: BodyRef,
    /// Its exerciser there, when not the holder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercised_by: Option<BodyRef>,
    /// The instrument that devolved it.
    pub instrument: InstrumentRef,
}

/// One step of an explanation: who held the item after it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Step {
    /// What happened, in a sentence.
    pub rule: String,
    /// The holder after this step.
    pub holder: BodyRef,
    /// The instrument, for steps that are not the statute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<InstrumentRef>,
    /// The legal basis, for the statutory step.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<LegalBasis>,
    /// For a devolution: the guidance list that allowed it (行政处罚法
    /// Art. 24), when one of the township's province lists the item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_by: Option<InstrumentRef>,
}

/// Who holds an item in a division on a date, with the chain of
/// instruments that made it so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Holding {
    /// The item's code.
    pub item: String,
    /// The item's name.
    pub item_name: String,
    /// The item's category.
    pub category: PowerCategory,
    /// The division asked about.
    pub division: DivisionCode,
    /// The date asked about.
    pub date: NaiveDate,
    /// The holder: the body in whose name the power is exercised.
    pub holder: BodyRef,
    /// The body that exercises it day to day, when not the holder (a
    /// township's enforcement team, a service centre, an entrusted township).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercised_by: Option<BodyRef>,
    /// The explanation: the statute, then each instrument, in order.
    pub explanation: Vec<Step>,
}

pub(crate) fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

static HEBEI: std::sync::OnceLock<Ledger> = std::sync::OnceLock::new();

impl Ledger {
    /// The bundled Hebei sample ledger (illustrative: see its note).
    ///
    /// # Panics
    ///
    /// Never in practice: the bundled file is checked by the test suite.
    pub fn hebei_sample() -> Ledger {
        HEBEI
            .get_or_init(|| {
                // The bundled sample is parsed and checked by the test suite
                // (`bundled_sample_is_clean`), so it always loads.
                let (file, source) = LedgerFile::from_str_auto(
                    crate::BUNDLED_HEBEI_SAMPLE,
                    "<bundled hebei-sample>",
                )
                .expect("the bundled sample parses");
                Ledger::build(file, source).expect("the bundled sample builds")
            })
            .clone()
    }

    /// Parses (TOML or JSON) and builds a ledger.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`], [`Error::Registry`] or [`Error::TooLarge`].
    /// Problems with divisions, bodies, items and instruments do not stop
    /// the build: [`Ledger::check`] reports them.
    pub fn from_text(text: &str, origin: &str) -> Result<Ledger, Error> {
        let (file, source) = LedgerFile::from_str_auto(text, origin)?;
        Ledger::build(file, source)
    }

    /// As [`Ledger::from_text`], keeping `text` itself rather than a copy:
    /// a large file is held in memory once.
    ///
    /// # Errors
    ///
    /// As [`Ledger::from_text`].
    pub fn from_string(text: String, origin: &str) -> Result<Ledger, Error> {
        let (file, source) = LedgerFile::from_string_auto(text, origin)?;
        Ledger::build(file, source)
    }

    /// Builds a ledger from a parsed file.
    ///
    /// A division or body that would break the registry (a duplicate code,
    /// a missing parent, a kind that does not fit its level) is left out,
    /// with a finding at its line that [`Ledger::check`] reports.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the instruments name more than
    /// [`crate::MAX_GRANTS`] (item, township) pairs, or the duty lists more
    /// than [`crate::MAX_DUTY_PAIRS`]; [`Error::Registry`]
    /// only when the registry cannot be built even so.
    pub fn build(file: LedgerFile, source: Source) -> Result<Ledger, Error> {
        let mut lines = match source.text.as_deref() {
            Some(text) => LineIndex::new(text, source.json),
            None => LineIndex::default(),
        };
        lines.expect(Table::Division, file.divisions.len());
        lines.expect(Table::Body, file.bodies.len());
        lines.expect(Table::Item, file.items.len());
        lines.expect(Table::Instrument, file.instruments.len());
        lines.expect(Table::Duty, file.duties.len());
        lines.expect(Table::DutyList, file.duty_lists.len());
        lines.expect(Table::Assessment, file.assessments.len());
        let duties = (file.duties, file.duty_lists, file.assessments);
        let mut findings = Vec::new();
        let registry = crate::compile::registry(
            file.divisions,
            file.bodies,
            crate::compile::Locator {
                source: &source,
                lines: &lines,
            },
            &mut findings,
        )?;
        let mut ledger = crate::compile::compile(
            file.name,
            file.illustrative,
            source,
            lines,
            registry,
            file.items,
            file.instruments,
            findings,
        )?;
        ledger.duties = crate::duty::Duties::build(&ledger, duties.0, duties.1, duties.2)?;
        Ok(ledger)
    }

    /// The ledger's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the data is illustrative rather than an official list.
    pub fn is_illustrative(&self) -> bool {
        self.illustrative
    }

    /// The divisions and bodies.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The power items.
    pub fn items(&self) -> &[PowerItem] {
        &self.items
    }

    /// The instruments, in file order.
    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    /// Where the ledger came from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The handle of an item.
    pub fn item_id(&self, code: &str) -> Option<ItemId> {
        self.item_index.get(code).map(|&i| ItemId(i))
    }

    /// The item behind a handle.
    pub fn item(&self, id: ItemId) -> &PowerItem {
        &self.items[id.0 as usize]
    }

    /// The instrument with `id`.
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instrument_index
            .get(id)
            .map(|&i| &self.instruments[i as usize])
    }

    pub(crate) fn locator(&self) -> crate::compile::Locator<'_> {
        crate::compile::Locator {
            source: &self.source,
            lines: &self.lines,
        }
    }

    /// Where instrument `idx` is, at `needle` within it when given.
    pub(crate) fn location(&self, idx: usize, needle: Option<&str>) -> Location {
        let ins = &self.instruments[idx];
        let mut l = Location::bare(&self.source);
        l.instrument = Some(ins.id.clone());
        l.line = self
            .locator()
            .at(Table::Instrument, idx, needle, Some(&ins.id));
        l
    }

    /// The body that holds `item` by law for matters of the division with
    /// index `div`: the department of the item's sector at the item's level
    /// (for county items, at the county, or at the city for the towns of a
    /// city without counties), or for items held by townships the township
    /// government.
    pub(crate) fn statutory(&self, item: u32, div: usize) -> Option<u32> {
        let it = &self.items[item as usize];
        if it.level >= Level::Township {
            let t = *self.township_of.get(div)?;
            return (t != NONE)
                .then(|| self.town_gov[t as usize])
                .filter(|&g| g != NONE);
        }
        let at = if it.level == Level::County {
            let c = *self.county_of.get(div)?;
            if c == NONE {
                return None;
            }
            self.counties[c as usize].index()
        } else {
            let code = self.registry.divisions()[div].code;
            self.registry.division_id(code.at(it.level)?)?.index()
        };
        let sector = self.item_sector[item as usize];
        if sector == NONE {
            return None;
        }
        let list = &self.depts[self.dept_off[at] as usize..self.dept_off[at + 1] as usize];
        list.binary_search_by_key(&sector, |&(s, _)| s)
            .ok()
            .map(|p| list[p].1)
    }

    /// The county-layer segment of `item` for the division with index `div`
    /// (whose county-level slot is `county`) on day `d`: a concentration's,
    /// or the statutory holder's.
    #[inline]
    pub(crate) fn county_holding(
        &self,
        item: u32,
        county: u32,
        div: usize,
        d: i32,
    ) -> Option<Segment> {
        if county != NONE && self.items[item as usize].level < Level::Township {
            if let Some(s) = self.county_layer.at(county, item, d) {
                return Some(s);
            }
        }
        self.statutory(item, div).map(|holder| Segment {
            from: crate::compile::START,
            until: crate::compile::OPEN,
            holder,
            by: NONE,
            instrument: NONE,
        })
    }

    /// The segment in force on day `d` for (item, division), with the layer
    /// it came from (true: township layer).
    #[inline]
    pub(crate) fn segment(&self, item: u32, div: usize, d: i32) -> Option<(Segment, bool)> {
        let (t, c) = *self.place.get(div)?;
        if t != NONE {
            if let Some(s) = self.town_layer.at(t, item, d) {
                return Some((s, true));
            }
        }
        let flags = self.item_flags[item as usize];
        if c != NONE && flags & ITEM_CONCENTRATED != 0 {
            if let Some(s) = self.county_layer.at(c, item, d) {
                return Some((s, false));
            }
        }
        let holder = if flags & ITEM_COUNTY != 0 && c != NONE && !self.county_dept.is_empty() {
            // The statutory holder from the dense table.
            let sector = self.item_sector[item as usize];
            if sector == NONE {
                return None;
            }
            Some(self.county_dept[c as usize * self.n_sectors + sector as usize])
                .filter(|&h| h != NONE)
        } else {
            self.statutory(item, div)
        };
        holder.map(|holder| {
            (
                Segment {
                    from: crate::compile::START,
                    until: crate::compile::OPEN,
                    holder,
                    by: NONE,
                    instrument: NONE,
                },
                false,
            )
        })
    }

    /// The holder of an item in a division on a date, by handles: the fast
    /// path, with no explanation.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let item = ledger.item_id("HB-CF-001").unwrap();
    /// let town = ledger.registry().division_id("130430104000".parse()?).unwrap();
    /// let body = ledger.holder_id(item, town, "2024-06-01".parse()?).unwrap();
    /// assert_eq!(ledger.registry().body_at(body).name, "古城营镇人民政府");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn holder_id(&self, item: ItemId, division: DivisionId, date: NaiveDate) -> Option<BodyId> {
        if item.0 as usize >= self.items.len() {
            return None;
        }
        self.fast_holder(item.0, division.index(), day(date))
            .map(BodyId)
    }

    /// The holder of an item in a division on a date and, when another body
    /// acts for it, that body, by handles: the fast path of
    /// [`Ledger::holder`]'s `holder` and `exercised_by`. A devolved item is
    /// held by the township government and acted on by its team or service
    /// centre; an entrusted one is held by the entrusting county body and
    /// acted on by the township.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let reg = ledger.registry();
    /// // 肃宁县民政局 entrusted HB-GF-003 to 梁家村镇 from 2023-01-01.
    /// let item = ledger.item_id("HB-GF-003").unwrap();
    /// let town = reg.division_id("130926101000".parse()?).unwrap();
    /// let (holder, by) = ledger.holding_id(item, town, "2024-06-01".parse()?).unwrap();
    /// assert_eq!(reg.body_at(holder).name, "肃宁县民政局");
    /// // A benefit, not enforcement: the service centre acts.
    /// assert_eq!(reg.body_at(by.unwrap()).name, "梁家村镇行政综合服务中心");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn holding_id(
        &self,
        item: ItemId,
        division: DivisionId,
        date: NaiveDate,
    ) -> Option<(BodyId, Option<BodyId>)> {
        if item.0 as usize >= self.items.len() {
            return None;
        }
        let (seg, _) = self.segment(item.0, division.index(), day(date))?;
        Some((
            BodyId(seg.holder),
            (seg.by != NONE).then_some(BodyId(seg.by)),
        ))
    }

    /// The holder of `item` for the division with index `div` on day `d`:
    /// as [`Ledger::segment`], reading only what the holder needs.
    #[inline(always)]
    pub(crate) fn fast_holder(&self, item: u32, div: usize, d: i32) -> Option<u32> {
        let (t, c) = *self.place.get(div)?;
        let flags = *self.item_flags.get(item as usize)?;
        if t != NONE {
            if let Some(h) = self.town_layer.holder_at(t, item, d) {
                return Some(h);
            }
        }
        if c != NONE && flags & ITEM_CONCENTRATED != 0 {
            if let Some(h) = self.county_layer.holder_at(c, item, d) {
                return Some(h);
            }
        }
        if flags & ITEM_COUNTY != 0 && c != NONE && !self.county_dept.is_empty() {
            let sector = self.item_sector[item as usize];
            if sector == NONE {
                return None;
            }
            Some(self.county_dept[c as usize * self.n_sectors + sector as usize])
                .filter(|&h| h != NONE)
        } else {
            self.statutory(item, div)
        }
    }

    /// Who holds `item` in `division` on `date`, and by which instruments.
    ///
    /// A village's matters are held as its township's; a county's matters
    /// (or a township's that nothing devolved) by the county layer. The
    /// explanation lists, in date order, the statute and then each
    /// instrument that passed the power on to the holder: for a township
    /// grant, the concentrations in force on the day the grant took effect
    /// (not later ones), then the grant with the guidance list that allowed
    /// it.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownItem`], [`Error::UnknownDivision`],
    /// [`Error::AboveCounty`] for a city or province, [`Error::NoHolder`]
    /// when no body holds it (no department of the item's sector).
    pub fn holder(&self, item: &str, division: &str, date: NaiveDate) -> Result<Holding, Error> {
        let id = self
            .item_id(item)
            .ok_or_else(|| Error::UnknownItem(item.to_owned()))?;
        let code: DivisionCode = division
            .parse()
            .map_err(|_| Error::UnknownDivision(division.to_owned()))?;
        let div = self
            .registry
            .division_id(code)
            .ok_or_else(|| Error::UnknownDivision(division.to_owned()))?;
        if code.level() < Level::County {
            return Err(Error::AboveCounty(division.to_owned()));
        }
        let d = day(date);
        let (seg, township_layer) =
            self.segment(id.0, div.index(), d)
                .ok_or_else(|| Error::NoHolder {
                    item: item.to_owned(),
                    division: division.to_owned(),
                    date,
                })?;
        let it = self.item(id);
        let mut steps = Vec::new();
        if let Some(base) = self.statutory(id.0, div.index()) {
            steps.push(Step {
                rule: format!(
                    "by law, {} items of sector {} are held at the {} level by the department of that sector",
                    it.category.zh(),
                    it.sector,
                    it.level
                ),
                holder: self.body_ref(base),
                instrument: None,
                basis: it.basis.clone(),
                allowed_by: None,
            });
        }
        let county = self.county_of[div.index()];
        if township_layer {
            let ins = &self.instruments[seg.instrument as usize];
            if it.level < Level::Township {
                self.county_chain(id.0, county, day(ins.effective_from), &mut steps);
            }
            let mut step = self.step(seg);
            if ins.kind == InstrumentKind::Devolution {
                let town = self
                    .registry
                    .get(self.townships[self.township_of[div.index()] as usize]);
                step.allowed_by = self
                    .guidance_for(id.0, town.code, ins.effective_from)
                    .map(|g| self.instrument_ref(g));
            }
            steps.push(step);
        } else if seg.instrument != NONE {
            self.county_chain(id.0, county, d, &mut steps);
        }
        Ok(Holding {
            item: it.code.clone(),
            item_name: it.name.clone(),
            category: it.category,
            division: code,
            date,
            holder: self.body_ref(seg.holder),
            exercised_by: (seg.by != NONE).then(|| self.body_ref(seg.by)),
            explanation: steps,
        })
    }

    /// The concentrations that brought `item` to its county-layer holder on
    /// day `d`, in date order: those in force that day that took effect no
    /// later than the one that holds (the successive concentrations that
    /// passed the power on), ending with that one.
    fn county_chain(&self, item: u32, county: u32, d: i32, steps: &mut Vec<Step>) {
        if county == NONE {
            return;
        }
        let run = self.county_layer.run(county, item);
        let Some(win) = run.iter().find(|s| s.from <= d && d < s.until) else {
            return;
        };
        let key = |i: u32| (self.instruments[i as usize].effective_from, i);
        let mut chain: Vec<u32> = Vec::new();
        for s in run {
            let ins = &self.instruments[s.instrument as usize];
            let in_force =
                day(ins.effective_from) <= d && ins.effective_until.is_none_or(|u| d < day(u));
            if in_force
                && key(s.instrument) <= key(win.instrument)
                && !chain.contains(&s.instrument)
            {
                chain.push(s.instrument);
            }
        }
        chain.sort_by_key(|&i| key(i));
        for i in chain {
            let mut seg = *win;
            seg.instrument = i;
            seg.holder = self.instruments[i as usize]
                .to
                .as_deref()
                .and_then(|c| self.registry.body_id(c))
                .map_or(win.holder, |b| b.0);
            steps.push(self.step(seg));
        }
    }

    /// The guidance list of the township's province, in force on `date`,
    /// that lists `item` (the last such in the file).
    pub(crate) fn guidance_for(
        &self,
        item: u32,
        township: DivisionCode,
        date: NaiveDate,
    ) -> Option<u32> {
        let province = township.at(Level::Province);
        self.guidance_of
            .get(&item)?
            .iter()
            .rev()
            .copied()
            .find(|&g| {
                let g = &self.instruments[g as usize];
                g.province == province && g.in_force(date)
            })
    }

    fn step(&self, seg: Segment) -> Step {
        let ins = &self.instruments[seg.instrument as usize];
        let rule = match ins.kind {
            InstrumentKind::Concentration => {
                "concentrated in the comprehensive enforcement bureau (划转)"
            }
            InstrumentKind::Devolution => "devolved to the township (下放)",
            InstrumentKind::Entrustment => {
                "entrusted to the township, exercised in the entrusting body's name (委托)"
            }
            _ => "changed by instrument",
        };
        let mut rule = rule.to_owned();
        if seg.by != NONE {
            rule.push_str(&format!(
                "; exercised by {}",
                self.registry.body_at(BodyId(seg.by)).name
            ));
        }
        Step {
            rule,
            holder: self.body_ref(seg.holder),
            instrument: Some(self.instrument_ref(seg.instrument)),
            basis: Vec::new(),
            allowed_by: None,
        }
    }

    pub(crate) fn body_ref(&self, id: u32) -> BodyRef {
        let b = self.registry.body_at(BodyId(id));
        BodyRef {
            code: b.code.clone(),
            name: b.name.clone(),
            kind: b.kind,
        }
    }

    pub(crate) fn instrument_ref(&self, i: u32) -> InstrumentRef {
        let ins = &self.instruments[i as usize];
        InstrumentRef {
            id: ins.id.clone(),
            kind: ins.kind,
            document: ins.document.clone(),
            title: ins.title.clone(),
            issuer: ins.issuer.clone(),
            published: ins.published,
            effective_from: ins.effective_from,
            effective_until: ins.effective_until,
        }
    }

    /// Every item `body` holds or exercises on `date`.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownBody`].
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let before = ledger.powers_of("130430-zhzf", "2020-01-01".parse()?)?;
    /// let after = ledger.powers_of("130430-zhzf", "2022-01-01".parse()?)?;
    /// assert!(before.is_empty() && !after.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn powers_of(&self, body: &str, date: NaiveDate) -> Result<Vec<&PowerItem>, Error> {
        let id = self
            .registry
            .body_id(body)
            .ok_or_else(|| Error::UnknownBody(body.to_owned()))?;
        let b = self.registry.body_at(id);
        let div = self
            .registry
            .division_id(b.division)
            .ok_or_else(|| Error::UnknownDivision(b.division.to_string()))?;
        let d = day(date);
        let mut out = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            let seg = if b.division.level() == Level::Township {
                self.segment(i as u32, div.index(), d).map(|(s, _)| s)
            } else if b.division.level() == Level::County
                || self.county_slots.contains_key(&b.division)
            {
                let c = self.county_slots.get(&b.division).copied().unwrap_or(NONE);
                self.county_holding(i as u32, c, div.index(), d)
            } else {
                // A province's or city's body: the items it holds by law in
                // any county under it.
                self.counties
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| b.division.contains(self.registry.get(**c).code))
                    .find_map(|(k, c)| {
                        self.county_holding(i as u32, k as u32, c.index(), d)
                            .filter(|s| s.holder == id.0)
                    })
            };
            if seg.is_some_and(|s| s.holder == id.0 || s.by == id.0) {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// The items devolved (or entrusted) to a township and in force on
    /// `date`, each with its holding.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownDivision`] when `township` is not a township of the
    /// ledger.
    pub fn devolved_to(
        &self,
        township: DivisionCode,
        date: NaiveDate,
    ) -> Result<Vec<Devolved>, Error> {
        let div = self
            .registry
            .division_id(township)
            .filter(|_| township.level() == Level::Township)
            .ok_or_else(|| Error::UnknownDivision(township.to_string()))?;
        let t = self.township_of[div.index()];
        let d = day(date);
        let mut out = Vec::new();
        for (i, segs) in self.town_layer.items_of(t) {
            let granted = segs
                .iter()
                .find(|s| s.instrument != NONE && s.from <= d && d < s.until);
            if let Some(s) = granted {
                out.push(Devolved {
                    item: ItemId(i),
                    holder: self.body_ref(s.holder),
                    exercised_by: (s.by != NONE).then(|| self.body_ref(s.by)),
                    instrument: self.instrument_ref(s.instrument),
                });
            }
        }
        Ok(out)
    }

    /// The township slots of a county-level slot.
    pub(crate) fn townships_of_county(&self, county: u32) -> &[u32] {
        let c = county as usize;
        match (
            self.county_towns_off.get(c),
            self.county_towns_off.get(c + 1),
        ) {
            (Some(&a), Some(&b)) => &self.county_towns[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
#[path = "layer_tests.rs"]
mod layer_tests;
