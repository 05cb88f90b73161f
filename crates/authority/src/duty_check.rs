//! Checking township duty lists against the powers the townships hold.
//!
//! The reform's core test is "有责无权" (responsibility without power): a
//! township that leads a duty (基本履职事项) must hold the power items the
//! duty needs, or it answers for what it cannot do. The check of a ledger
//! resolves every township's duty list on one date (the `as_of` date, else
//! the last date on which anything in the file starts or ends) and reports:
//!
//! * `duty_without_power`: a basic duty needing a power the township does
//!   not hold or exercise that day (an error: the list cannot be defended);
//! * `power_without_duty`: a power the township holds that no basic or
//!   cooperative duty of its list needs (a warning: a likely orphan);
//! * `cooperative_without_lead`: a cooperative duty without a lead sector,
//!   or whose sector has no department in the county;
//! * `returned_still_assigned`: a duty returned upward (上级收回事项) that a
//!   later or lower list assigns to the township again;
//! * `duty_listed_twice`: one duty under two kinds in one list, or in two
//!   lists of the same level in force together;
//! * `assessment_outside_list`: an assessment item or pledge (考核事项,
//!   责任状) aimed at a township that assesses no duty of its list (a
//!   warning: the reform's cleanup rule).
//!
//! The cost is linear in townships × duties on their lists: one hash probe
//! a needed power, scratch reused between townships, and findings about a
//! county or a pair of lists reported once, not once a township.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use jiceng_org::{DivisionCode, DivisionId};

use crate::check::{Finding, FindingKind, Location, Severity};
use crate::duty::{AssessmentKind, Clash, DutyKind, Entry, Town};
use crate::error::Error;
use crate::file::Table;
use crate::ledger::{Ledger, NONE, day};

/// Findings as they are collected, up to a cap.
struct Sink {
    list: Vec<Finding>,
    cap: usize,
    dropped: usize,
}

impl Sink {
    /// Whether there is room; if not, the finding is counted instead.
    fn room(&mut self) -> bool {
        if self.list.len() < self.cap {
            true
        } else {
            self.dropped += 1;
            false
        }
    }
}

/// Scratch reused from township to township.
struct Scratch {
    pos: Vec<u32>,
    entries: Vec<Entry>,
    clashes: Vec<Clash>,
    /// By power item: the township slot + 1 whose list last needed it.
    used: Vec<u32>,
    seen_clash: HashSet<Clash>,
    seen_lead: HashSet<(Option<DivisionCode>, u32)>,
}

impl Ledger {
    /// The date a check without `as_of` checks duties on: the last date on
    /// which an instrument, duty list or assessment starts or ends.
    pub(crate) fn duty_check_date(&self) -> NaiveDate {
        let ins = self
            .instruments
            .iter()
            .flat_map(|i| [Some(i.effective_from), i.effective_until]);
        let lists = self
            .duties
            .lists
            .iter()
            .flat_map(|l| [Some(l.effective_from), l.effective_until]);
        let assess = self
            .duties
            .assessments
            .iter()
            .flat_map(|a| [Some(a.effective_from), a.effective_until]);
        ins.chain(lists)
            .chain(assess)
            .flatten()
            .max()
            .unwrap_or(NaiveDate::MIN)
    }

    /// Every finding about the duty lists and assessments on `date` (the
    /// part of [`Ledger::check`] that concerns duties), at most
    /// [`crate::MAX_FINDINGS`] and a last one that counts the rest.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::{FindingKind, Ledger};
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let findings = ledger.check_duties("2021-12-01".parse()?);
    /// // 7 Qiu towns lead straw-burning control without the penalty power.
    /// let gaps = findings.iter().filter(|f| f.kind == FindingKind::DutyWithoutPower).count();
    /// assert_eq!(gaps, 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_duties(&self, date: NaiveDate) -> Vec<Finding> {
        let (mut list, dropped) = self.duty_findings(date, crate::MAX_FINDINGS);
        if dropped > 0 {
            list.push(Finding::new(
                Severity::Warning,
                FindingKind::TooManyFindings,
                Location::bare(&self.source),
                format!(
                    "{dropped} more findings are not listed (the list stops at {})",
                    crate::MAX_FINDINGS
                ),
                format!(
                    "另有 {dropped} 个问题未列出（最多列出 {} 个）",
                    crate::MAX_FINDINGS
                ),
            ));
        }
        list
    }

    /// The findings about duty lists on `date`, at most `cap` of them, and
    /// how many more there were.
    pub(crate) fn duty_findings(&self, date: NaiveDate, cap: usize) -> (Vec<Finding>, usize) {
        let mut sink = Sink {
            list: Vec::new(),
            cap,
            dropped: 0,
        };
        for f in &self.duties.findings {
            if sink.room() {
                sink.list.push(f.clone());
            }
        }
        if self.duties.lists.is_empty() && self.duties.assessments.is_empty() {
            return (sink.list, sink.dropped);
        }
        let mut aimed: HashMap<DivisionCode, Vec<u32>> = HashMap::new();
        for (i, a) in self.duties.assessments.iter().enumerate() {
            if a.in_force(date) {
                for t in self.assessment_targets(a) {
                    aimed.entry(t).or_default().push(i as u32);
                }
            }
        }
        let mut s = self.scratch();
        for t in 0..self.townships.len() {
            let Some(town) = self.town_at(t) else {
                continue;
            };
            self.check_town(town, t, date, false, &mut s, &mut sink);
            if let Some(list) = aimed.get(&town.code) {
                self.check_assessments(town, list, date, &s.entries, &mut sink);
            }
        }
        (sink.list, sink.dropped)
    }

    /// The duties without power (有责无权) of one township on `date`: the
    /// question a county asks before it devolves.
    ///
    /// # Errors
    ///
    /// [`Error::NotTownship`] when `township` is not a township or
    /// subdistrict of the ledger, nor a village or community of one (which
    /// stands for its township).
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let town = "130430104000".parse()?;
    /// // Qiu County listed straw-burning control as the towns' own duty
    /// // before it devolved the penalty power that goes with it.
    /// let before = ledger.duty_gaps(town, "2021-12-01".parse()?)?;
    /// assert_eq!(before.len(), 1);
    /// assert_eq!(before[0].location.item.as_deref(), Some("HB-CF-011"));
    /// assert!(ledger.duty_gaps(town, "2022-06-01".parse()?)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn duty_gaps(
        &self,
        township: DivisionCode,
        date: NaiveDate,
    ) -> Result<Vec<Finding>, Error> {
        let town = self.town(township)?;
        let t = self.township_of[town.div] as usize;
        let mut s = self.scratch();
        let mut sink = Sink {
            list: Vec::new(),
            cap: usize::MAX,
            dropped: 0,
        };
        self.check_town(town, t, date, true, &mut s, &mut sink);
        Ok(sink.list)
    }

    fn scratch(&self) -> Scratch {
        Scratch {
            pos: vec![NONE; self.duties.items.len()],
            entries: Vec::new(),
            clashes: Vec::new(),
            used: vec![0; self.items.len()],
            seen_clash: HashSet::new(),
            seen_lead: HashSet::new(),
        }
    }

    fn town_at(&self, t: usize) -> Option<Town> {
        let div: DivisionId = *self.townships.get(t)?;
        let code = self.registry.get(div).code;
        let county = self
            .county_of
            .get(div.index())
            .filter(|&&c| c != NONE)
            .map(|&c| self.registry.get(self.counties[c as usize]).code);
        Some(Town {
            div: div.index(),
            code,
            county,
        })
    }

    /// Where the entry of duty list `list` naming `duty` is.
    fn list_location(&self, list: u32, duty: &str) -> Location {
        let l = &self.duties.lists[list as usize];
        let mut loc = Location::bare(&self.source);
        loc.instrument = Some(l.id.clone());
        loc.line = self
            .locator()
            .at(Table::DutyList, list as usize, Some(duty), Some(&l.id));
        loc.duty = Some(duty.to_owned());
        loc
    }

    fn check_town(
        &self,
        town: Town,
        t: usize,
        date: NaiveDate,
        gaps_only: bool,
        s: &mut Scratch,
        sink: &mut Sink,
    ) {
        s.clashes.clear();
        let has = self.duties.resolve(
            town,
            date,
            false,
            &mut s.pos,
            &mut s.entries,
            &mut s.clashes,
        );
        if !has {
            return;
        }
        let stamp = t as u32 + 1;
        for e in &s.entries {
            let it = &self.duties.items[e.duty as usize];
            if e.kind != DutyKind::Returned {
                for &p in &self.duties.powers[e.duty as usize] {
                    s.used[p as usize] = stamp;
                }
            }
            match e.kind {
                DutyKind::Basic => {
                    for &p in &self.duties.powers[e.duty as usize] {
                        if self.township_holds(p, town, date) || !sink.room() {
                            continue;
                        }
                        let power = &self.items[p as usize];
                        let held = self.segment(p, town.div, day(date)).map(|(seg, _)| {
                            let b = self.body_ref(seg.holder);
                            format!("{} {}", b.code, b.name)
                        });
                        let holder = held.clone().unwrap_or_else(|| "nobody".to_owned());
                        let holder_zh = held.unwrap_or_else(|| "无".to_owned());
                        sink.list.push(Finding::new(
                            Severity::Error,
                            FindingKind::DutyWithoutPower,
                            self.list_location(e.list, &it.code)
                                .with_item(&power.code)
                                .with_division(town.code.to_string()),
                            format!(
                                "basic duty {:?} ({}) of township {} needs power item {:?} ({}), which the township does not hold on {date} (held by {holder}): responsibility without power (有责无权)",
                                it.code, it.name, town.code, power.code, power.name
                            ),
format!("乡镇 {} 的基本履职事项 {:?}（{}）所需的权力事项 {:?}（{}）在 {date} 不由该乡镇持有（持有者：{holder_zh}）：有责无权", town.code, it.code, it.name, power.code, power.name),
                        ));
                    }
                }
                DutyKind::Cooperative if !gaps_only => {
                    let lead = self.duties.lead(e);
                    let missing = match lead {
                        None => Some((
                            format!(
                                "cooperative duty {:?} ({}) names no lead department",
                                it.code, it.name
                            ),
                            format!("配合履职事项 {:?}（{}）未指明牵头部门", it.code, it.name),
                        )),
                        Some(sector) if self.lead_department(town, sector).is_none() => {
                            let county = town
                                .county
                                .map_or_else(|| "-".to_owned(), |c| c.to_string());
                            Some((
                                format!(
                                    "cooperative duty {:?} ({}) is led by the {} department, which county {county} does not have",
                                    it.code, it.name, sector,
                                ),
                                format!(
                                    "配合履职事项 {:?}（{}）由{}部门牵头，但县 {county} 没有该部门",
                                    it.code, it.name, sector,
                                ),
                            ))
                        }
                        Some(_) => None,
                    };
                    if let Some((message, zh)) = missing {
                        if s.seen_lead.insert((town.county, e.duty)) && sink.room() {
                            let mut loc = self.list_location(e.list, &it.code);
                            loc.division = Some(
                                town.county
                                    .map_or_else(|| town.code.to_string(), |c| c.to_string()),
                            );
                            sink.list.push(Finding::new(
                                Severity::Error,
                                FindingKind::CooperativeWithoutLead,
                                loc,
                                message,
                                zh,
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        if gaps_only {
            return;
        }
        for &c in &s.clashes {
            if !s.seen_clash.insert(c) || !sink.room() {
                continue;
            }
            let (kind, a, b, duty) = c;
            let code = &self.duties.items[duty as usize].code;
            let (la, lb) = (
                &self.duties.lists[a as usize],
                &self.duties.lists[b as usize],
            );
            let kind_in = |l: &crate::duty::DutyList| {
                l.changes
                    .iter()
                    .rev()
                    .find(|x| &x.code == code)
                    .and_then(|x| x.kind)
                    .unwrap_or(self.duties.items[duty as usize].kind)
            };
            let (message, zh) = if kind == FindingKind::ReturnedStillAssigned {
                (
                    format!(
                        "duty {code:?} is returned upward by {:?} but {:?} still assigns it to township {} as {}",
                        la.id,
                        lb.id,
                        town.code,
                        kind_in(lb)
                    ),
                    format!(
                        "职责 {code:?} 已由 {:?} 收回上级，但 {:?} 仍将其作为{}交由乡镇 {} 承担",
                        la.id,
                        lb.id,
                        kind_in(lb).zh(),
                        town.code
                    ),
                )
            } else {
                (
                    format!(
                        "duty {code:?} is listed as {} by {:?} and as {} by {:?}, both in force for township {} on {date}",
                        kind_in(la),
                        la.id,
                        kind_in(lb),
                        lb.id,
                        town.code
                    ),
                    format!(
                        "职责 {code:?} 被 {:?} 列为{}，又被 {:?} 列为{}，二者在 {date} 对乡镇 {} 同时有效",
                        la.id,
                        kind_in(la).zh(),
                        lb.id,
                        kind_in(lb).zh(),
                        town.code
                    ),
                )
            };
            sink.list.push(Finding::new(
                Severity::Error,
                kind,
                self.list_location(b, code)
                    .with_division(town.code.to_string()),
                message,
                zh,
            ));
        }
        // Powers held by grant, then by law, that no duty needs.
        let d = day(date);
        let t32 = t as u32;
        let granted = self.town_layer.items_of(t32).filter_map(|(i, segs)| {
            segs.iter()
                .find(|x| x.instrument != NONE && x.from <= d && d < x.until)
                .map(|x| (i, x.instrument))
        });
        let by_law = self.township_items.iter().map(|&i| (i, NONE));
        for (i, instrument) in granted.chain(by_law) {
            if s.used[i as usize] == stamp || !sink.room() {
                continue;
            }
            s.used[i as usize] = stamp;
            let code = &self.items[i as usize].code;
            let loc = if instrument == NONE {
                let mut l = Location::bare(&self.source);
                l.line = self.locator().at(Table::Item, i as usize, Some(code), None);
                l
            } else {
                self.location(instrument as usize, Some(code))
            };
            sink.list.push(Finding::new(
                Severity::Warning,
                FindingKind::PowerWithoutDuty,
                loc.with_item(code)
                    .with_division(town.code.to_string()),
                format!(
                    "township {} holds power item {code:?} ({}) on {date}, but no duty of its list needs it: a likely orphan",
                    town.code, self.items[i as usize].name
                ),
format!("乡镇 {} 在 {date} 持有权力事项 {code:?}（{}），但其职责清单中没有职责需要它：可能是无责之权", town.code, self.items[i as usize].name),
            ));
        }
    }

    fn check_assessments(
        &self,
        town: Town,
        list: &[u32],
        date: NaiveDate,
        entries: &[Entry],
        sink: &mut Sink,
    ) {
        for &i in list {
            let a = &self.duties.assessments[i as usize];
            let on_list = a.duty.as_ref().is_some_and(|c| {
                self.duties.index.get(c).is_some_and(|&d| {
                    entries
                        .iter()
                        .any(|e| e.duty == d && e.kind != DutyKind::Returned)
                })
            });
            if on_list || !sink.room() {
                continue;
            }
            let what = match a.kind {
                AssessmentKind::Assessment => "assessment item (考核事项)",
                AssessmentKind::Pledge => "pledge (责任状)",
            };
            let what_zh = a.kind.zh();
            let mut loc = Location::bare(&self.source);
            loc.line = self.locator().at(
                Table::Assessment,
                i as usize,
                a.duty.as_deref(),
                Some(&a.id),
            );
            loc.instrument = Some(a.id.clone());
            loc.duty.clone_from(&a.duty);
            let (message, zh) = match &a.duty {
                None => (
                    format!(
                        "{what} {:?} aimed at township {} assesses no duty; only duties on the township's list may be assessed",
                        a.id, town.code
                    ),
                    format!(
                        "针对乡镇 {} 的{what_zh} {:?} 未考核任何职责：只能考核乡镇职责清单内的事项",
                        town.code, a.id
                    ),
                ),
                Some(c) => (
                    format!(
                        "{what} {:?} aimed at township {} assesses duty {c:?}, which is not on its duty list on {date}",
                        a.id, town.code
                    ),
                    format!(
                        "针对乡镇 {} 的{what_zh} {:?} 考核职责 {c:?}，该职责在 {date} 不在其职责清单内",
                        town.code, a.id
                    ),
                ),
            };
            sink.list.push(Finding::new(
                Severity::Warning,
                FindingKind::AssessmentOutsideList,
                loc.with_division(town.code.to_string()),
                message,
                zh,
            ));
        }
    }
}

#[cfg(test)]
#[path = "duty_check_tests.rs"]
mod duty_check_tests;
