//! The ledger: who holds which item where, on any date, and why.
//!
//! The ledger is compiled from a [`LedgerFile`] into two layers of
//! timelines:
//!
//! * the **county layer**, one timeline per (item, county): the statutory
//!   holder (the county department of the item's sector, or the province's
//!   or city's for items held higher) and the concentrations that moved the
//!   item to the county's comprehensive enforcement bureau;
//! * the **township layer**, one timeline per (item, township) that any
//!   devolution or entrustment touched, cut short by revocations.
//!
//! A query for a village or township reads the township layer and falls
//! back to the county layer: two look-ups and a scan of a few segments.
//! Both layers are stored flat (offsets into one segment array per layer),
//! so a province of 2,300 townships and 300 items is a few megabytes.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use jiceng_org::{BodyId, BodyKind, DivisionCode, DivisionId, Level, Registry};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Error;
use crate::file::{LedgerFile, Source};
use crate::instrument::{Instrument, InstrumentKind};
use crate::item::{LegalBasis, PowerCategory, PowerItem};

pub(crate) const NONE: u32 = u32::MAX;

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

/// A grant to a township, before revocations cut it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grant {
    pub item: u32,
    pub township: u32,
    pub seg: Segment,
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
    pub(crate) registry: Registry,
    pub(crate) items: Vec<PowerItem>,
    pub(crate) item_index: HashMap<String, u32>,
    pub(crate) instruments: Vec<Instrument>,
    pub(crate) instrument_index: HashMap<String, u32>,
    /// By division index: the county slot of the division's county.
    pub(crate) county_of: Vec<u32>,
    /// By division index: the township slot of the division's township.
    pub(crate) township_of: Vec<u32>,
    pub(crate) counties: Vec<DivisionId>,
    pub(crate) townships: Vec<DivisionId>,
    pub(crate) county_off: Vec<u32>,
    pub(crate) county_segs: Vec<Segment>,
    pub(crate) town_off: Vec<u32>,
    pub(crate) town_segs: Vec<Segment>,
    /// (item, township slot, instrument, instrument) granted at once.
    pub(crate) overlaps: Vec<(usize, usize, u32, u32)>,
    /// Problems met while compiling (unknown references), reported by
    /// [`Ledger::check`].
    pub(crate) build_findings: Vec<crate::check::Finding>,
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
    /// [`Error::Parse`] or [`Error::Registry`]. Problems with instruments do
    /// not stop the build: [`Ledger::check`] reports them.
    pub fn from_text(text: &str, origin: &str) -> Result<Ledger, Error> {
        let (file, source) = LedgerFile::from_str_auto(text, origin)?;
        Ledger::build(file, source)
    }

    /// Builds a ledger from a parsed file.
    ///
    /// # Errors
    ///
    /// [`Error::Registry`] when the divisions and bodies do not form a
    /// registry. Problems with items and instruments are collected for
    /// [`Ledger::check`]; a reference that cannot be resolved is left out.
    pub fn build(file: LedgerFile, source: Source) -> Result<Ledger, Error> {
        let registry = Registry::new(file.divisions, file.bodies).map_err(|e| Error::Registry {
            origin: source.origin.clone(),
            source: e,
        })?;
        crate::compile::compile(
            file.name,
            file.illustrative,
            source,
            registry,
            file.items,
            file.instruments,
        )
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

    /// The segment in force on day `d` for (item, division), with the layer
    /// it came from (true: township layer).
    #[inline]
    pub(crate) fn segment(&self, item: u32, div: usize, d: i32) -> Option<(Segment, bool)> {
        let t = self.township_of[div];
        if t != NONE {
            let segs = self.town_run(item as usize, t as usize);
            if let Some(s) = segs.iter().find(|s| s.from <= d && d < s.until) {
                return Some((*s, true));
            }
        }
        self.county_segment(item, self.county_of[div], d)
            .map(|s| (s, false))
    }

    /// The township-layer segments of (item, township slot), in date order.
    #[inline]
    pub(crate) fn town_run(&self, item: usize, township: usize) -> &[Segment] {
        let k = item * self.townships.len() + township;
        &self.town_segs[self.town_off[k] as usize..self.town_off[k + 1] as usize]
    }

    #[inline]
    pub(crate) fn county_segment(&self, item: u32, county: u32, d: i32) -> Option<Segment> {
        if county == NONE {
            return None;
        }
        let k = item as usize * self.counties.len() + county as usize;
        let segs = &self.county_segs[self.county_off[k] as usize..self.county_off[k + 1] as usize];
        segs.iter().find(|s| s.from <= d && d < s.until).copied()
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
        self.segment(item.0, division.index(), day(date))
            .map(|(s, _)| BodyId(s.holder))
    }

    /// Who holds `item` in `division` on `date`, and by which instruments.
    ///
    /// A village's matters are held as its township's; a county's matters
    /// (or a township's that nothing devolved) by the county layer.
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
        // The statutory holder, then the county layer's instrument, then
        // the township layer's.
        let county = self.county_of[div.index()];
        if let Some(base) = crate::compile::statutory_holder(self, id.0, div.index()) {
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
            });
        }
        let county_seg = if it.level >= Level::Township {
            // Held by townships by law: there is no county layer.
            None
        } else if township_layer {
            self.county_segment(id.0, county, d)
        } else {
            Some(seg)
        };
        if let Some(cs) = county_seg {
            if cs.instrument != NONE {
                steps.push(self.step(cs));
            }
        }
        if township_layer && seg.instrument != NONE {
            steps.push(self.step(seg));
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
            } else if b.division.level() == Level::County {
                self.county_segment(i as u32, self.county_of[div.index()], d)
            } else {
                // A province's or city's body: the items it holds by law in
                // any county under it.
                self.counties
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| b.division.contains(self.registry.get(**c).code))
                    .find_map(|(k, _)| {
                        self.county_segment(i as u32, k as u32, d)
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
        for i in 0..self.items.len() {
            let segs = self.town_run(i, t as usize);
            // Statutory township holdings (no instrument) were not devolved.
            let granted = segs
                .iter()
                .find(|s| s.instrument != NONE && s.from <= d && d < s.until);
            if let Some(s) = granted {
                out.push(Devolved {
                    item: ItemId(i as u32),
                    holder: self.body_ref(s.holder),
                    exercised_by: (s.by != NONE).then(|| self.body_ref(s.by)),
                    instrument: self.instrument_ref(s.instrument),
                });
            }
        }
        Ok(out)
    }

    /// The township slots in force for a county slot, for statistics.
    pub(crate) fn townships_of_county(&self, county: u32) -> impl Iterator<Item = u32> + '_ {
        self.townships
            .iter()
            .enumerate()
            .filter(move |(_, t)| self.county_of[t.index()] == county)
            .map(|(k, _)| k as u32)
    }
}
