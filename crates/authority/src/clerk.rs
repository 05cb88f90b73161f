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
use crate::instrument::InstrumentKind;
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
    /// The instrument the holder holds by: the basis of the holding,
    /// none for the statute. It may be older than the stretch: after a
    /// revocation the item returns to a concentration made years before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<InstrumentRef>,
    /// How the stretch began; none for the first stretch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Cause>,
    /// The instrument that made the change on `from`: the stretch's own
    /// instrument when it took effect that day, the revocation that took
    /// the item back, or the instrument whose term ended. None for the
    /// first stretch, and where the ledger names no instrument for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<InstrumentRef>,
}

/// How a stretch of an item's history began ([`Period::change`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cause {
    /// The stretch's own instrument took effect that day.
    TookEffect,
    /// A revocation took effect that day: the township no longer holds
    /// what it was given, and the item returns to the holder it would
    /// have had without the grant (by law, or by a concentration).
    Revoked,
    /// The term of the previous stretch's instrument ended that day (its
    /// `effective_until`, the first day no longer in force).
    TermEnded,
}

pub(crate) fn date_of(d: i32) -> Option<NaiveDate> {
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
    /// order, each with the instrument the holder holds by
    /// ([`Period::instrument`]) and the instrument that made the change
    /// ([`Period::changed_by`]): they differ after a revocation, which
    /// returns the item to an older holder.
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
        let mut out: Vec<(Segment, bool, i32, i32)> = Vec::new();
        for (k, &from) in bounds.iter().enumerate() {
            let until = bounds.get(k + 1).copied().unwrap_or(OPEN);
            let Some((s, town)) = self.segment(id.0, div.index(), from) else {
                continue;
            };
            match out.last_mut() {
                Some((last, _, _, end))
                    if *end == from
                        && (last.holder, last.by, last.instrument)
                            == (s.holder, s.by, s.instrument) =>
                {
                    *end = until;
                }
                _ => out.push((s, town, from, until)),
            }
        }
        // The revocations of this item in this township, by the day they
        // take effect: a revocation leaves no segment of its own, so the
        // change it makes is found here.
        let mut revocations: Vec<(i32, u32)> = Vec::new();
        if t != NONE {
            for (idx, ins) in self.instruments.iter().enumerate() {
                if ins.kind == InstrumentKind::Revocation
                    && ins.items.iter().any(|i| i == item)
                    && crate::compile::targets(self, idx, None).contains(&t)
                {
                    revocations.push((day(ins.effective_from), idx as u32));
                }
            }
        }
        revocations.sort_unstable();
        let effective = |i: u32, until: bool| {
            let ins = &self.instruments[i as usize];
            if until {
                ins.effective_until.map(day)
            } else {
                Some(day(ins.effective_from))
            }
        };
        let mut periods = Vec::with_capacity(out.len());
        let mut previous: Option<Segment> = None;
        for (s, town, from, until) in out {
            // A grant to the township that starts that day made the change
            // even if a revocation took effect too (it ended the grant
            // before); otherwise a revocation that day did, even where a
            // concentration took effect the same day (without the
            // revocation the township would still hold the item).
            let took = s.instrument != NONE && effective(s.instrument, false) == Some(from);
            let revoked = revocations
                .iter()
                .find(|(d, _)| *d == from)
                .map(|&(_, r)| r);
            let change = if from == START {
                None
            } else if took && town {
                Some((Cause::TookEffect, s.instrument))
            } else if let Some(r) = revoked {
                Some((Cause::Revoked, r))
            } else if took {
                Some((Cause::TookEffect, s.instrument))
            } else {
                previous
                    .filter(|p| p.instrument != NONE && effective(p.instrument, true) == Some(from))
                    .map(|p| (Cause::TermEnded, p.instrument))
            };
            previous = Some(s);
            periods.push(Period {
                from: date_of(from),
                until: date_of(until),
                holder: self.body_ref(s.holder),
                exercised_by: (s.by != NONE).then(|| self.body_ref(s.by)),
                instrument: (s.instrument != NONE).then(|| self.instrument_ref(s.instrument)),
                change: change.map(|(c, _)| c),
                changed_by: change.map(|(_, i)| self.instrument_ref(i)),
            });
        }
        Ok(periods)
    }
}
