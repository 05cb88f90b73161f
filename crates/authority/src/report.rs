//! Counts, snapshots and differences.
//!
//! * [`Ledger::stats`]: items devolved by county, category and sector on a
//!   date, e.g. the average number of approval items devolved per township
//!   in a county.
//! * [`Ledger::snapshot`]: the holders on a date, as a map from (item,
//!   division) to holder: one entry per county for the county layer, and
//!   one per township where the township layer applies.
//! * [`Snapshot::diff`] and [`Diff::apply`]: what changed between two dates
//!   or two ledgers; applying the difference to the first gives the second.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use jiceng_org::{BodyId, DivisionCode};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::instrument::InstrumentKind;
use crate::item::PowerCategory;
use crate::ledger::{Ledger, NONE, day};

/// Who holds an item in one place, by body code.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct Entry {
    /// The holder's code.
    pub holder: String,
    /// The exerciser's code, when not the holder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercised_by: Option<String>,
}

/// The holders on one date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Snapshot {
    /// (item code, division code) → holder.
    pub entries: BTreeMap<(String, DivisionCode), Entry>,
}

/// What changed for one (item, division).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// The item's code.
    pub item: String,
    /// The division.
    pub division: DivisionCode,
    /// What kind of change.
    pub kind: ChangeKind,
    /// The holder before, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Entry>,
    /// The holder after, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Entry>,
}

/// The kinds of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Held there now, not before (a devolution took effect).
    Added,
    /// Held there before, not now (a revocation, or a devolution ended).
    Removed,
    /// Held by another body now (a concentration, an entrustment).
    Moved,
}

/// The difference between two snapshots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diff {
    /// Every change, in (item, division) order.
    pub changes: Vec<Change>,
}

impl Snapshot {
    /// What changed from `self` to `other`.
    pub fn diff(&self, other: &Snapshot) -> Diff {
        let mut changes = Vec::new();
        let mut a = self.entries.iter().peekable();
        let mut b = other.entries.iter().peekable();
        loop {
            let order = match (a.peek(), b.peek()) {
                (None, None) => break,
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some((ka, _)), Some((kb, _))) => ka.cmp(kb),
            };
            match order {
                std::cmp::Ordering::Less => {
                    if let Some(((item, div), e)) = a.next() {
                        changes.push(Change {
                            item: item.clone(),
                            division: *div,
                            kind: ChangeKind::Removed,
                            before: Some(e.clone()),
                            after: None,
                        });
                    }
                }
                std::cmp::Ordering::Greater => {
                    if let Some(((item, div), e)) = b.next() {
                        changes.push(Change {
                            item: item.clone(),
                            division: *div,
                            kind: ChangeKind::Added,
                            before: None,
                            after: Some(e.clone()),
                        });
                    }
                }
                std::cmp::Ordering::Equal => {
                    if let (Some(((item, div), ea)), Some((_, eb))) = (a.next(), b.next()) {
                        if ea != eb {
                            changes.push(Change {
                                item: item.clone(),
                                division: *div,
                                kind: ChangeKind::Moved,
                                before: Some(ea.clone()),
                                after: Some(eb.clone()),
                            });
                        }
                    }
                }
            }
        }
        Diff { changes }
    }
}

impl Diff {
    /// Applies the changes to `base`.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let a = ledger.snapshot("2020-01-01".parse()?);
    /// let b = ledger.snapshot("2024-01-01".parse()?);
    /// let diff = a.diff(&b);
    /// assert!(!diff.changes.is_empty());
    /// assert_eq!(diff.apply(&a), b);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&self, base: &Snapshot) -> Snapshot {
        let mut out = base.clone();
        for c in &self.changes {
            let key = (c.item.clone(), c.division);
            match &c.after {
                Some(e) => {
                    out.entries.insert(key, e.clone());
                }
                None => {
                    out.entries.remove(&key);
                }
            }
        }
        out
    }
}

/// Counts for one county on a date.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CountyStats {
    /// The county's code.
    pub code: DivisionCode,
    /// Its name.
    pub name: String,
    /// Its townships in the ledger.
    pub townships: usize,
    /// (item, township) devolutions in force.
    pub devolved: usize,
    /// (item, township) entrustments in force, counted apart: the county
    /// body stays the holder.
    pub entrusted: usize,
    /// `devolved / townships`.
    pub average_per_township: f64,
    /// Licensing (approval) grants per township on average.
    pub average_licensing_per_township: f64,
    /// Devolutions by category.
    pub by_category: BTreeMap<PowerCategory, usize>,
    /// Items the county's enforcement bureau holds.
    pub concentrated: usize,
}

/// Counts over the whole ledger on a date.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Stats {
    /// The date.
    pub date: NaiveDate,
    /// Power items in the ledger.
    pub items: usize,
    /// Instruments in force on the date.
    pub instruments_in_force: usize,
    /// (item, township) devolutions in force, by category.
    pub by_category: BTreeMap<PowerCategory, usize>,
    /// (item, township) devolutions in force, by sector.
    pub by_sector: BTreeMap<String, usize>,
    /// (item, township) entrustments in force.
    pub entrusted: usize,
    /// Per county.
    pub counties: Vec<CountyStats>,
}

impl Ledger {
    /// The holders on `date`.
    pub fn snapshot(&self, date: NaiveDate) -> Snapshot {
        let d = day(date);
        let mut entries = BTreeMap::new();
        let entry = |holder: u32, by: u32| Entry {
            holder: self.registry.body_at(BodyId(holder)).code.clone(),
            exercised_by: (by != NONE).then(|| self.registry.body_at(BodyId(by)).code.clone()),
        };
        for (i, it) in self.items.iter().enumerate() {
            for (c, div) in self.counties.iter().enumerate() {
                if let Some(s) = self.county_holding(i as u32, c as u32, div.index(), d) {
                    entries.insert(
                        (it.code.clone(), self.registry.get(*div).code),
                        entry(s.holder, s.by),
                    );
                }
            }
        }
        for (t, div) in self.townships.iter().enumerate() {
            let code = self.registry.get(*div).code;
            for (i, segs) in self.town_layer.items_of(t as u32) {
                if let Some(s) = segs.iter().find(|s| s.from <= d && d < s.until) {
                    entries.insert(
                        (self.items[i as usize].code.clone(), code),
                        entry(s.holder, s.by),
                    );
                }
            }
            // Items held by townships by law, where no grant applies.
            for &i in &self.township_items {
                let key = (self.items[i as usize].code.clone(), code);
                if !entries.contains_key(&key) && self.town_gov[t] != NONE {
                    entries.insert(key, entry(self.town_gov[t], NONE));
                }
            }
        }
        Snapshot { entries }
    }

    /// Counts on `date`.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let stats = Ledger::hebei_sample().stats("2024-06-01".parse()?);
    /// let qiu = stats.counties.iter().find(|c| c.name == "邱县").unwrap();
    /// assert_eq!(qiu.townships, 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stats(&self, date: NaiveDate) -> Stats {
        let d = day(date);
        let mut by_category = BTreeMap::new();
        let mut by_sector = BTreeMap::new();
        let mut entrusted = 0;
        let mut counties: Vec<CountyStats> = self
            .counties
            .iter()
            .map(|c| {
                let div = self.registry.get(*c);
                CountyStats {
                    code: div.code,
                    name: div.name.clone(),
                    townships: 0,
                    devolved: 0,
                    entrusted: 0,
                    average_per_township: 0.0,
                    average_licensing_per_township: 0.0,
                    by_category: BTreeMap::new(),
                    concentrated: 0,
                }
            })
            .collect();
        for (t, div) in self.townships.iter().enumerate() {
            let c = self.county_of[div.index()];
            if c != NONE {
                counties[c as usize].townships += 1;
            }
            for (i, segs) in self.town_layer.items_of(t as u32) {
                let Some(s) = segs
                    .iter()
                    .find(|s| s.instrument != NONE && s.from <= d && d < s.until)
                else {
                    continue;
                };
                let it = &self.items[i as usize];
                if self.instruments[s.instrument as usize].kind == InstrumentKind::Entrustment {
                    entrusted += 1;
                    if c != NONE {
                        counties[c as usize].entrusted += 1;
                    }
                    continue;
                }
                *by_category.entry(it.category).or_insert(0) += 1;
                *by_sector.entry(it.sector.to_string()).or_insert(0) += 1;
                if c != NONE {
                    let cs = &mut counties[c as usize];
                    cs.devolved += 1;
                    *cs.by_category.entry(it.category).or_insert(0) += 1;
                }
            }
        }
        for (c, cs) in counties.iter_mut().enumerate() {
            for (_, segs) in self.county_layer.items_of(c as u32) {
                let concentrated = segs.iter().any(|s| {
                    s.from <= d
                        && d < s.until
                        && self.instruments[s.instrument as usize].kind
                            == InstrumentKind::Concentration
                });
                cs.concentrated += usize::from(concentrated);
            }
        }
        for cs in &mut counties {
            if cs.townships > 0 {
                let n = cs.townships as f64;
                cs.average_per_township = cs.devolved as f64 / n;
                let lic = cs
                    .by_category
                    .get(&PowerCategory::Licensing)
                    .copied()
                    .unwrap_or(0);
                cs.average_licensing_per_township = lic as f64 / n;
            }
        }
        Stats {
            date,
            items: self.items.len(),
            instruments_in_force: self.instruments.iter().filter(|i| i.in_force(date)).count(),
            by_category,
            by_sector,
            entrusted,
            counties,
        }
    }
}
