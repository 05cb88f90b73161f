//! What a township clerk asks: the township's list of powers and duties
//! (权责清单) on a date, and the history of one item in one place.
//!
//! A township's list is what it exercises: the items devolved to it (its
//! government holds them, its team or service centre exercises them), the
//! items entrusted to it (the county body holds them, the township
//! exercises them in that body's name, 行政处罚法 Art. 20), and the items a
//! township holds by law.

use chrono::NaiveDate;
use jiceng_org::{DivisionCode, Level};
use schemars::JsonSchema;
use serde::Serialize;

use crate::compile::{OPEN, START};
use crate::error::Error;
use crate::item::{LegalBasis, PowerCategory};
use crate::ledger::{BodyRef, InstrumentRef, Ledger, NONE, Segment, day};

/// One line of a township's list of powers and duties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Power {
    /// The item's code.
    pub item: String,
    /// The item's name.
    pub name: String,
    /// Its category.
    pub category: PowerCategory,
    /// The sector of the department that holds it by law.
    pub sector: String,
    /// Its legal basis.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<LegalBasis>,
    /// The holder, in whose name it is exercised.
    pub holder: BodyRef,
    /// The body that exercises it, when not the holder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercised_by: Option<BodyRef>,
    /// The instrument that gave it to the township; none when held by law.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<InstrumentRef>,
}

/// One stretch of an item's history in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Period {
    /// The first day; none for "since the statute".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// The first day after; none while it lasts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The holder.
    pub holder: BodyRef,
    /// The body that exercises it, when not the holder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercised_by: Option<BodyRef>,
    /// The instrument that made it so; none for the statute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<InstrumentRef>,
}

fn date_of(d: i32) -> Option<NaiveDate> {
    if d == START || d == OPEN {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(d)
}

impl Ledger {
    /// The list of powers and duties (权责清单) of a township or subdistrict
    /// (or a village's township) on `date`, in item order.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownDivision`] for a code not in the ledger,
    /// [`Error::NotTownship`] for a county or above.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let ledger = Ledger::hebei_sample();
    /// // 古城营镇 of Qiu County, after the 2022 devolution.
    /// let list = ledger.powers("130430104000".parse()?, "2024-06-01".parse()?)?;
    /// assert!(list.iter().any(|p| p.item == "HB-CF-001"));
    /// assert!(list.iter().all(|p| p.holder.name == "古城营镇人民政府"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn powers(&self, division: DivisionCode, date: NaiveDate) -> Result<Vec<Power>, Error> {
        let div = self
            .registry
            .division_id(division)
            .ok_or_else(|| Error::UnknownDivision(division.to_string()))?;
        let t = self.township_of[div.index()];
        if t == NONE || division.level() < Level::Township {
            return Err(Error::NotTownship(division.to_string()));
        }
        let d = day(date);
        let mut out: Vec<(u32, Power)> = Vec::new();
        for (i, segs) in self.town_layer.items_of(t) {
            if let Some(s) = segs.iter().find(|s| s.from <= d && d < s.until) {
                out.push((i, self.power(i, *s)));
            }
        }
        let gov = self.town_gov[t as usize];
        if gov != NONE {
            for &i in &self.township_items {
                if self.town_layer.at(t, i, d).is_none() {
                    let s = Segment {
                        from: START,
                        until: OPEN,
                        holder: gov,
                        by: NONE,
                        instrument: NONE,
                    };
                    out.push((i, self.power(i, s)));
                }
            }
        }
        out.sort_by_key(|(i, _)| *i);
        Ok(out.into_iter().map(|(_, p)| p).collect())
    }

    fn power(&self, item: u32, s: Segment) -> Power {
        let it = &self.items[item as usize];
        Power {
            item: it.code.clone(),
            name: it.name.clone(),
            category: it.category,
            sector: it.sector.to_string(),
            basis: it.basis.clone(),
            holder: self.body_ref(s.holder),
            exercised_by: (s.by != NONE).then(|| self.body_ref(s.by)),
            instrument: (s.instrument != NONE).then(|| self.instrument_ref(s.instrument)),
        }
    }

    /// Every change of holder or exerciser of `item` in `division`, in date
    /// order, each with the instrument behind it.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownItem`], [`Error::UnknownDivision`],
    /// [`Error::AboveCounty`] for a city or province.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let history = ledger.timeline("HB-CF-001", "130430104000")?;
    /// // The statute, the 2021 concentration, the 2022 devolution.
    /// let ids: Vec<_> = history.iter().map(|p| p.instrument.as_ref().map(|i| i.id.as_str())).collect();
    /// assert_eq!(ids.len(), 3);
    /// assert_eq!(ids[0], None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timeline(&self, item: &str, division: &str) -> Result<Vec<Period>, Error> {
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
        let t = self.township_of[div.index()];
        let c = self.county_of[div.index()];
        let mut bounds = vec![START];
        let mut add = |segs: &[Segment]| {
            for s in segs {
                bounds.push(s.from);
                if s.until != OPEN {
                    bounds.push(s.until);
                }
            }
        };
        if t != NONE {
            add(self.town_layer.run(t, id.0));
        }
        if c != NONE {
            add(self.county_layer.run(c, id.0));
        }
        bounds.sort_unstable();
        bounds.dedup();
        let mut out: Vec<(Segment, i32, i32)> = Vec::new();
        for (k, &from) in bounds.iter().enumerate() {
            let until = bounds.get(k + 1).copied().unwrap_or(OPEN);
            let Some((s, _)) = self.segment(id.0, div.index(), from) else {
                continue;
            };
            match out.last_mut() {
                Some((last, _, end))
                    if *end == from
                        && (last.holder, last.by, last.instrument)
                            == (s.holder, s.by, s.instrument) =>
                {
                    *end = until;
                }
                _ => out.push((s, from, until)),
            }
        }
        Ok(out
            .into_iter()
            .map(|(s, from, until)| Period {
                from: date_of(from),
                until: date_of(until),
                holder: self.body_ref(s.holder),
                exercised_by: (s.by != NONE).then(|| self.body_ref(s.by)),
                instrument: (s.instrument != NONE).then(|| self.instrument_ref(s.instrument)),
            })
            .collect())
    }
}
