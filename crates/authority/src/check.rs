//! Checking a ledger before it is published (确权).
//!
//! A county that publishes a devolution list must be able to defend every
//! line of it. The check returns every finding at once, each with its
//! location (file, line, instrument, item) and severity:
//!
//! * unknown codes (items, bodies, divisions, instruments), duplicate codes
//!   and fields a kind needs but lacks;
//! * a devolution of an item that is not on a guidance list of the
//!   township's province in force that day (行政处罚法 Art. 24);
//! * an issuer that does not hold what it gives away on that date;
//! * overlapping or duplicate grants of the same item to the same township;
//! * revoking what is not held;
//! * an instrument in force before it was published, or ending before it
//!   starts;
//! * a decision without a document number (Art. 24: the decision is
//!   published);
//! * a periodic evaluation overdue (Art. 24; the interval is an option);
//! * enforcement items (penalties, coercive measures, inspections) devolved
//!   to a township without a comprehensive enforcement team.

use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDate;
use jiceng_org::{BodyKind, Level};
use schemars::JsonSchema;
use serde::Serialize;

use crate::compile::targets;
use crate::file::Source;
use crate::instrument::InstrumentKind;
use crate::ledger::{Ledger, NONE, day};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The list cannot be published as it is.
    Error,
    /// Worth a look; the list is lawful as it is.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// A code that names nothing in the ledger.
    UnknownCode,
    /// A code used twice.
    DuplicateCode,
    /// A field the instrument's kind needs.
    MissingField,
    /// A devolved item that no guidance list in force allows.
    NotOnGuidanceList,
    /// The issuer gives away what it does not hold.
    IssuerDoesNotHold,
    /// Two instruments grant the same item to the same township at once.
    OverlappingGrant,
    /// One instrument names the same item or township twice.
    DuplicateGrant,
    /// A revocation of something not held.
    RevokingNotHeld,
    /// In force before it was published.
    EffectiveBeforePublished,
    /// Ends before it starts.
    EndsBeforeItStarts,
    /// A decision without a document number.
    MissingDocument,
    /// No evaluation within the interval.
    EvaluationOverdue,
    /// Enforcement items devolved to a township without an enforcement team.
    NoEnforcementTeam,
}

/// Where a finding points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Location {
    /// The file.
    pub file: String,
    /// The 1-based line, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The instrument's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// The item's code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The division's code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
}

impl Location {
    pub(crate) fn instrument(source: &Source, id: &str, needle: Option<&str>) -> Location {
        Location {
            file: source.origin.clone(),
            line: source.line_of("id", id, needle),
            instrument: Some(id.to_owned()),
            item: None,
            division: None,
        }
    }

    pub(crate) fn item(source: &Source, code: &str) -> Location {
        Location {
            file: source.origin.clone(),
            line: source.line_of("code", code, None),
            instrument: None,
            item: Some(code.to_owned()),
            division: None,
        }
    }

    pub(crate) fn with_item(mut self, code: &str) -> Location {
        self.item = Some(code.to_owned());
        self
    }

    fn with_division(mut self, code: String) -> Location {
        self.division = Some(code);
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(i) = &self.instrument {
            write!(f, " instrument {i}")?;
        }
        if let Some(i) = &self.item {
            write!(f, " item {i}")?;
        }
        if let Some(d) = &self.division {
            write!(f, " division {d}")?;
        }
        Ok(())
    }
}

/// One finding of [`Ledger::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    /// How serious.
    pub severity: Severity,
    /// What about.
    pub kind: FindingKind,
    /// Where.
    pub location: Location,
    /// What is wrong, naming the values.
    pub message: String,
}

impl Finding {
    pub(crate) fn new(
        severity: Severity,
        kind: FindingKind,
        location: Location,
        message: String,
    ) -> Finding {
        Finding {
            severity,
            kind,
            location,
            message,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\t{}\t{}", self.severity, self.location, self.message)
    }
}

/// Options of [`Ledger::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// The date the check is made on, for evaluations overdue; without it
    /// that check is skipped (the library reads no clock).
    pub as_of: Option<NaiveDate>,
    /// How often a devolution of enforcement items must be evaluated
    /// (Art. 24), in days. 365 by default.
    pub evaluation_interval_days: u32,
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            as_of: None,
            evaluation_interval_days: 365,
        }
    }
}

impl Ledger {
    /// Every finding about the ledger, errors first, each with its location.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::{CheckOptions, Ledger, Severity};
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let findings = ledger.check(&CheckOptions::default());
    /// assert!(findings.iter().all(|f| f.severity != Severity::Error), "{findings:?}");
    /// ```
    pub fn check(&self, opts: &CheckOptions) -> Vec<Finding> {
        let mut out = self.build_findings.clone();
        let src = &self.source;
        let guidance: Vec<_> = self
            .instruments
            .iter()
            .filter(|i| i.kind == InstrumentKind::GuidanceList)
            .map(|i| {
                (
                    i,
                    i.items
                        .iter()
                        .map(String::as_str)
                        .collect::<HashSet<&str>>(),
                )
            })
            .collect();
        for (idx, ins) in self.instruments.iter().enumerate() {
            let here = |needle: Option<&str>| Location::instrument(src, &ins.id, needle);
            if self.registry.body(&ins.issuer).is_none() {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::UnknownCode,
                    here(Some(&ins.issuer)),
                    format!(
                        "{} {:?}: unknown issuer {:?}",
                        ins.kind.zh(),
                        ins.id,
                        ins.issuer
                    ),
                ));
            }
            if ins.effective_from < ins.published {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::EffectiveBeforePublished,
                    here(Some(&ins.effective_from.to_string())),
                    format!(
                        "{:?} is in force from {} but was published on {}",
                        ins.id, ins.effective_from, ins.published
                    ),
                ));
            }
            if let Some(until) = ins.effective_until {
                if until <= ins.effective_from {
                    out.push(Finding::new(
                        Severity::Error,
                        FindingKind::EndsBeforeItStarts,
                        here(Some(&until.to_string())),
                        format!(
                            "{:?} ends on {until}, before it starts on {}",
                            ins.id, ins.effective_from
                        ),
                    ));
                }
            }
            if ins.kind.needs_document()
                && ins.document.as_deref().is_none_or(|d| d.trim().is_empty())
            {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::MissingDocument,
                    here(None),
                    format!(
                        "{} {:?} has no document number: a decision must be published (行政处罚法第二十四条)",
                        ins.kind.zh(),
                        ins.id
                    ),
                ));
            }
            self.check_fields(ins, &mut out);
            let mut seen = HashSet::new();
            for code in &ins.items {
                if !seen.insert(code.as_str()) {
                    out.push(Finding::new(
                        Severity::Warning,
                        FindingKind::DuplicateGrant,
                        here(Some(code)).with_item(code),
                        format!("{:?} lists item {code:?} twice", ins.id),
                    ));
                }
            }
            let mut seen = HashSet::new();
            for t in &ins.townships {
                if !seen.insert(*t) {
                    out.push(Finding::new(
                        Severity::Warning,
                        FindingKind::DuplicateGrant,
                        here(Some(&t.to_string())).with_division(t.to_string()),
                        format!("{:?} lists township {t} twice", ins.id),
                    ));
                }
            }
            match ins.kind {
                InstrumentKind::Devolution | InstrumentKind::Entrustment => {
                    self.check_grant(idx, &guidance, &mut out);
                }
                InstrumentKind::Revocation => self.check_revocation(idx, &mut out),
                InstrumentKind::Concentration => self.check_concentration(idx, &mut out),
                InstrumentKind::Evaluation => {
                    for e in &ins.evaluates {
                        if self.instrument(e).is_none() {
                            out.push(Finding::new(
                                Severity::Error,
                                FindingKind::UnknownCode,
                                here(Some(e)),
                                format!(
                                    "evaluation {:?} evaluates unknown instrument {e:?}",
                                    ins.id
                                ),
                            ));
                        }
                    }
                }
                InstrumentKind::GuidanceList => {}
            }
        }
        for &(item, t, a, b) in &self.overlaps {
            let (ia, ib) = (&self.instruments[a as usize], &self.instruments[b as usize]);
            let town = self.registry.get(self.townships[t]).code;
            let code = &self.items[item].code;
            out.push(Finding::new(
                Severity::Error,
                FindingKind::OverlappingGrant,
                Location::instrument(src, &ib.id, Some(code))
                    .with_item(code)
                    .with_division(town.to_string()),
                format!(
                    "item {code:?} is granted to township {town} by both {:?} and {:?} at the same time",
                    ia.id, ib.id
                ),
            ));
        }
        if let Some(as_of) = opts.as_of {
            self.check_evaluations(as_of, opts.evaluation_interval_days, &mut out);
        }
        out.sort_by(|a, b| {
            (a.severity, a.location.line, &a.location.instrument).cmp(&(
                b.severity,
                b.location.line,
                &b.location.instrument,
            ))
        });
        out
    }

    fn check_fields(&self, ins: &crate::Instrument, out: &mut Vec<Finding>) {
        let mut missing = Vec::new();
        let needs_items = !matches!(ins.kind, InstrumentKind::Evaluation);
        if needs_items && ins.items.is_empty() {
            missing.push("items");
        }
        if matches!(
            ins.kind,
            InstrumentKind::Devolution
                | InstrumentKind::Entrustment
                | InstrumentKind::Concentration
        ) && ins.from.is_empty()
        {
            missing.push("from");
        }
        if ins.kind == InstrumentKind::GuidanceList {
            match ins.province {
                None => missing.push("province"),
                Some(p) if p.level() != Level::Province || self.registry.division(p).is_none() => {
                    out.push(Finding::new(
                        Severity::Error,
                        FindingKind::UnknownCode,
                        Location::instrument(&self.source, &ins.id, Some(&p.to_string())),
                        format!(
                            "guidance list {:?} names {p}, which is not a province of the ledger",
                            ins.id
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        if ins.kind == InstrumentKind::Evaluation && ins.evaluates.is_empty() {
            missing.push("evaluates");
        }
        for field in missing {
            out.push(Finding::new(
                Severity::Error,
                FindingKind::MissingField,
                Location::instrument(&self.source, &ins.id, None),
                format!("{} {:?} needs `{field}`", ins.kind.zh(), ins.id),
            ));
        }
        if ins.kind == InstrumentKind::Concentration {
            for code in &ins.from {
                if self.registry.body_id(code).is_none() {
                    out.push(Finding::new(
                        Severity::Error,
                        FindingKind::UnknownCode,
                        Location::instrument(&self.source, &ins.id, Some(code)),
                        format!("划转 {:?} names unknown body {code:?}", ins.id),
                    ));
                }
            }
        }
    }

    fn check_grant(
        &self,
        idx: usize,
        guidance: &[(&crate::Instrument, HashSet<&str>)],
        out: &mut Vec<Finding>,
    ) {
        let ins = &self.instruments[idx];
        let mut ignore = Vec::new();
        let towns = targets(self, ins, &mut ignore);
        let d = day(ins.effective_from);
        let givers: Vec<u32> = ins
            .from
            .iter()
            .filter_map(|c| self.registry.body_id(c))
            .map(|b| b.0)
            .collect();
        let mut reported_team = HashSet::new();
        for code in &ins.items {
            let Some(&item) = self.item_index.get(code) else {
                continue;
            };
            let it = &self.items[item as usize];
            let mut not_listed = false;
            let mut not_held: Option<String> = None;
            for &t in &towns {
                let div = self.townships[t as usize];
                let town = self.registry.get(div);
                if ins.kind == InstrumentKind::Devolution {
                    let province = town.code.at(Level::Province);
                    let allowed = guidance.iter().any(|(g, items)| {
                        g.province == province
                            && g.in_force(ins.effective_from)
                            && items.contains(code.as_str())
                    });
                    not_listed |= !allowed;
                    if it.category.is_enforcement()
                        && self
                            .registry
                            .body_of_kind(town.code, BodyKind::EnforcementTeam)
                            .is_none()
                        && reported_team.insert(t)
                    {
                        out.push(Finding::new(
                            Severity::Error,
                            FindingKind::NoEnforcementTeam,
                            Location::instrument(&self.source, &ins.id, Some(code))
                                .with_item(code)
                                .with_division(town.code.to_string()),
                            format!(
                                "{:?} devolves enforcement item {code:?} to {} ({}), which has no comprehensive enforcement team",
                                ins.id, town.name, town.code
                            ),
                        ));
                    }
                }
                let county = self.county_of[div.index()];
                let holder = self.county_segment(item, county, d).map(|s| s.holder);
                if not_held.is_none() && !holder.is_some_and(|h| givers.contains(&h)) {
                    not_held = Some(match holder {
                        Some(h) => format!(
                            "on {} item {code:?} in {} is held by {}, not by the giving bodies {:?}",
                            ins.effective_from,
                            self.registry.get(self.counties[county as usize]).name,
                            self.registry.body_at(jiceng_org::BodyId(h)).name,
                            ins.from
                        ),
                        None => format!(
                            "on {} nobody holds item {code:?} to give it away",
                            ins.effective_from
                        ),
                    });
                }
            }
            if not_listed {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::NotOnGuidanceList,
                    Location::instrument(&self.source, &ins.id, Some(code)).with_item(code),
                    format!(
                        "{:?} devolves item {code:?}, which no guidance list of the province in force on {} allows (行政处罚法第二十四条)",
                        ins.id, ins.effective_from
                    ),
                ));
            }
            if let Some(message) = not_held {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::IssuerDoesNotHold,
                    Location::instrument(&self.source, &ins.id, Some(code)).with_item(code),
                    message,
                ));
            }
        }
    }

    fn check_revocation(&self, idx: usize, out: &mut Vec<Finding>) {
        let ins = &self.instruments[idx];
        let mut ignore = Vec::new();
        let towns = targets(self, ins, &mut ignore);
        let before = day(ins.effective_from) - 1;
        for code in &ins.items {
            let Some(&item) = self.item_index.get(code) else {
                continue;
            };
            for &t in &towns {
                let segs = self.town_run(item as usize, t as usize);
                let held = segs
                    .iter()
                    .any(|s| s.instrument != NONE && s.from <= before && before < s.until);
                if !held {
                    let town = self.registry.get(self.townships[t as usize]);
                    out.push(Finding::new(
                        Severity::Error,
                        FindingKind::RevokingNotHeld,
                        Location::instrument(&self.source, &ins.id, Some(code))
                            .with_item(code)
                            .with_division(town.code.to_string()),
                        format!(
                            "{:?} revokes item {code:?} from {} ({}), which did not hold it on {}",
                            ins.id, town.name, town.code, ins.effective_from
                        ),
                    ));
                }
            }
        }
    }

    fn check_concentration(&self, idx: usize, out: &mut Vec<Finding>) {
        let ins = &self.instruments[idx];
        let Some(county) = crate::compile::instrument_county(self, ins) else {
            return;
        };
        let Some(div) = self.registry.division_id(county) else {
            return;
        };
        let slot = self.county_of[div.index()];
        let givers: Vec<u32> = ins
            .from
            .iter()
            .filter_map(|c| self.registry.body_id(c))
            .map(|b| b.0)
            .collect();
        let before = day(ins.effective_from) - 1;
        for code in &ins.items {
            let Some(&item) = self.item_index.get(code) else {
                continue;
            };
            let holder = self.county_segment(item, slot, before).map(|s| s.holder);
            if !holder.is_some_and(|h| givers.contains(&h)) {
                let who = holder.map_or_else(
                    || "nobody".to_owned(),
                    |h| self.registry.body_at(jiceng_org::BodyId(h)).name.clone(),
                );
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::IssuerDoesNotHold,
                    Location::instrument(&self.source, &ins.id, Some(code)).with_item(code),
                    format!(
                        "{:?} concentrates item {code:?}, held before {} by {who}, not by the departments it names {:?}",
                        ins.id, ins.effective_from, ins.from
                    ),
                ));
            }
        }
    }

    fn check_evaluations(&self, as_of: NaiveDate, interval: u32, out: &mut Vec<Finding>) {
        for ins in &self.instruments {
            if ins.kind != InstrumentKind::Devolution || !ins.in_force(as_of) {
                continue;
            }
            let enforcement = ins.items.iter().any(|c| {
                self.item_index
                    .get(c)
                    .is_some_and(|&i| self.items[i as usize].category.is_enforcement())
            });
            if !enforcement {
                continue;
            }
            let last = self
                .instruments
                .iter()
                .filter(|e| {
                    e.kind == InstrumentKind::Evaluation
                        && e.published <= as_of
                        && e.evaluates.contains(&ins.id)
                })
                .map(|e| e.published)
                .max()
                .unwrap_or(ins.effective_from);
            let age = (as_of - last).num_days();
            if age > i64::from(interval) {
                out.push(Finding::new(
                    Severity::Warning,
                    FindingKind::EvaluationOverdue,
                    Location::instrument(&self.source, &ins.id, None),
                    format!(
                        "{:?} was last evaluated (or took effect) on {last}, {age} days before {as_of}; \
                         the interval is {interval} days (行政处罚法第二十四条: evaluate periodically)",
                        ins.id
                    ),
                ));
            }
        }
    }
}
