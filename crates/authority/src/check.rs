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
//!   to a township without a comprehensive enforcement team;
//! * divisions and bodies that break the registry (a duplicate code, a
//!   missing parent), with their lines, among all the others;
//! * item codes in guidance lists that no item has;
//! * concentration targets that are not bodies of the county (行政处罚法
//!   Art. 18: the powers go to one agency of the same government);
//! * guidance lists issued below the province, and devolutions issued by a
//!   body that is neither the county government nor the holder (Art. 24:
//!   the province decides; the county hands over its departments' powers);
//! * penalty entrustments without a term, or to a township without an
//!   enforcement team (Art. 20: the written entrustment states its term;
//!   Art. 21: the entrusted organisation must be able to enforce);
//! * penalty devolutions in force before the revised Penalty Law took
//!   effect on 2021-07-15 (Art. 24 did not exist before);
//! * evaluations dated before the instrument they evaluate took effect
//!   (they do not restart its clock);
//! * a revocation with `effective_until`, a field that kind cannot carry.
//!
//! The check costs time linear in the file plus its findings: lines come
//! from an index built once, ids are found through maps, overlapping grants
//! are reported once per run, and the list stops at [`MAX_FINDINGS`] with
//! a last finding that counts the rest.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use jiceng_org::{BodyKind, Level};
use schemars::JsonSchema;
use serde::Serialize;

use crate::compile::targets;
use crate::file::Source;
use crate::instrument::InstrumentKind;
use crate::item::PowerCategory;
use crate::ledger::{Ledger, NONE, day};

/// The most findings a check lists; the rest are counted in a last one.
pub const MAX_FINDINGS: usize = 100_000;

/// The day the revised Administrative Penalty Law (2021) took effect, and
/// with it Art. 24's devolution of penalty powers to townships.
pub const PENALTY_LAW_2021: NaiveDate = match NaiveDate::from_ymd_opt(2021, 7, 15) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The list cannot be published as it is.
    Error,
    /// Worth a look; the list is lawful as it is.
    Warning,
}

impl Severity {
    /// The Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
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
    /// A division or body that does not fit the registry (a missing parent,
    /// a kind that does not fit its level): left out of the ledger.
    RegistryMismatch,
    /// A concentration into a body that is not of the county (Art. 18).
    NotCountyBody,
    /// An instrument issued by a body that may not issue it (Art. 24: a
    /// guidance list below the province; a devolution by a body that is
    /// neither the county government nor the holder).
    IssuerNotCompetent,
    /// A penalty entrustment without a term (Art. 20).
    EntrustmentWithoutTerm,
    /// A penalty devolution in force before 2021-07-15 (Art. 24).
    BeforeRevisedPenaltyLaw,
    /// An evaluation dated before the instrument it evaluates took effect.
    EvaluationBeforeInForce,
    /// A field the instrument's kind cannot carry.
    FieldNotAllowed,
    /// A basic duty (基本履职事项) that needs a power item the township
    /// does not hold on that date: responsibility without power (有责无权).
    DutyWithoutPower,
    /// A power the township holds that no duty of its list uses: a likely
    /// orphan.
    PowerWithoutDuty,
    /// A cooperative duty (配合履职事项) without a lead department, or whose
    /// lead department does not exist in the county.
    CooperativeWithoutLead,
    /// A duty returned upward (上级收回事项) that another list still assigns
    /// to the township.
    ReturnedStillAssigned,
    /// The same duty listed twice under different kinds.
    DutyListedTwice,
    /// An assessment item (考核事项) or pledge (责任状) aimed at a township
    /// that refers to no duty of its list.
    AssessmentOutsideList,
    /// More findings than [`MAX_FINDINGS`]: this one counts the rest.
    TooManyFindings,
}

impl FindingKind {
    /// A short Chinese label, for clerks.
    pub fn zh(self) -> &'static str {
        match self {
            FindingKind::UnknownCode => "代码不存在",
            FindingKind::DuplicateCode => "代码重复",
            FindingKind::MissingField => "缺少字段",
            FindingKind::NotOnGuidanceList => "不在指导目录内",
            FindingKind::IssuerDoesNotHold => "下放机关未持有该事项",
            FindingKind::OverlappingGrant => "赋权重叠",
            FindingKind::DuplicateGrant => "重复列出",
            FindingKind::RevokingNotHeld => "收回未持有的事项",
            FindingKind::EffectiveBeforePublished => "公布前生效",
            FindingKind::EndsBeforeItStarts => "失效早于生效",
            FindingKind::MissingDocument => "缺少文号",
            FindingKind::EvaluationOverdue => "未按期评估",
            FindingKind::NoEnforcementTeam => "无综合行政执法队",
            FindingKind::RegistryMismatch => "区划或机关不一致",
            FindingKind::NotCountyBody => "划转对象不是县级机关",
            FindingKind::IssuerNotCompetent => "发文机关无权决定",
            FindingKind::EntrustmentWithoutTerm => "委托未载明期限",
            FindingKind::BeforeRevisedPenaltyLaw => "早于新行政处罚法施行",
            FindingKind::EvaluationBeforeInForce => "评估早于生效",
            FindingKind::FieldNotAllowed => "不应有的字段",
            FindingKind::DutyWithoutPower => "有责无权",
            FindingKind::PowerWithoutDuty => "有权无责",
            FindingKind::CooperativeWithoutLead => "配合事项无牵头部门",
            FindingKind::ReturnedStillAssigned => "上级收回事项仍在清单",
            FindingKind::DutyListedTwice => "职责事项重复列出",
            FindingKind::AssessmentOutsideList => "考核或责任状超出职责清单",
            FindingKind::TooManyFindings => "问题过多未全部列出",
        }
    }
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
    /// The duty item's code (职责事项), for findings about duty lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty: Option<String>,
}

impl Location {
    /// A location in the file, with nothing more known yet.
    pub(crate) fn bare(source: &Source) -> Location {
        Location {
            file: source.origin.clone(),
            line: None,
            instrument: None,
            item: None,
            division: None,
            duty: None,
        }
    }

    pub(crate) fn with_item(mut self, code: &str) -> Location {
        self.item = Some(code.to_owned());
        self
    }

    pub(crate) fn with_division(mut self, code: String) -> Location {
        self.division = Some(code);
        self
    }

    /// The location in Chinese: the file and line, then 文件 (instrument),
    /// 事项 (item), 区划 (division) and 职责 (duty) where known.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::{CheckOptions, Ledger};
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let as_of = "2025-06-01".parse()?;
    /// let f = &ledger.check(&CheckOptions { as_of: Some(as_of), ..CheckOptions::default() })[0];
    /// assert!(f.location.zh().contains(" 文件 "), "{}", f.location.zh());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn zh(&self) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_labelled(&mut s, ["文件", "事项", "区划", "职责"]);
        s
    }

    /// Writes the file and line, then each known field of instrument, item,
    /// division and duty after its label from `labels`, in that order.
    fn write_labelled(&self, out: &mut dyn fmt::Write, labels: [&str; 4]) -> fmt::Result {
        out.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(out, ":{l}")?;
        }
        let values = [&self.instrument, &self.item, &self.division, &self.duty];
        for (label, value) in labels.into_iter().zip(values) {
            if let Some(v) = value {
                write!(out, " {label} {v}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_labelled(f, ["instrument", "item", "division", "duty"])
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
    /// The same in Chinese, for clerks (`--lang zh`). Not serialized: the
    /// JSON of a finding is the same in both languages.
    #[serde(skip)]
    pub message_zh: String,
}

impl Finding {
    pub(crate) fn new(
        severity: Severity,
        kind: FindingKind,
        location: Location,
        message: String,
        message_zh: String,
    ) -> Finding {
        Finding {
            severity,
            kind,
            location,
            message,
            message_zh,
        }
    }

    /// The finding as one line in Chinese: severity, location, kind and
    /// message, as [`fmt::Display`] prints it in English.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::{CheckOptions, Ledger};
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let as_of = "2025-06-01".parse()?;
    /// let f = &ledger.check(&CheckOptions { as_of: Some(as_of), ..CheckOptions::default() })[0];
    /// assert!(f.zh().starts_with("警告\t"), "{}", f.zh());
    /// assert!(f.zh().contains("未按期评估："), "{}", f.zh());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn zh(&self) -> String {
        format!(
            "{}\t{}\t{}：{}",
            self.severity.zh(),
            self.location.zh(),
            self.kind.zh(),
            self.message_zh
        )
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

/// The findings of a check as they are collected, capped.
struct Out {
    list: Vec<Finding>,
    dropped: usize,
}

impl Out {
    /// Whether the list is full: a finding now would only be counted, so
    /// the caller counts it without building its message and location.
    fn full(&mut self) -> bool {
        self.list.len() >= MAX_FINDINGS
    }

    fn push(&mut self, f: Finding) {
        if self.list.len() < MAX_FINDINGS {
            self.list.push(f);
        } else {
            self.dropped += 1;
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
        let mut out = Out {
            list: Vec::new(),
            dropped: 0,
        };
        for f in &self.build_findings {
            out.push(f.clone());
        }
        for idx in 0..self.instruments.len() {
            self.check_instrument(idx, &mut out);
        }
        for o in &self.overlaps {
            if out.full() {
                out.dropped += 1;
                continue;
            }
            let town = self.registry.get(self.townships[o.township as usize]).code;
            let code = &self.items[o.item as usize].code;
            let (named, named_zh): (Vec<String>, Vec<String>) = o
                .instruments
                .iter()
                .map(|&i| {
                    let id = &self.instruments[i as usize].id;
                    match self.location(i as usize, Some(code)).line {
                        Some(l) => (format!("{id:?} (line {l})"), format!("{id:?}（第 {l} 行）")),
                        None => (format!("{id:?}"), format!("{id:?}")),
                    }
                })
                .unzip();
            let more = o.count - o.instruments.len();
            let first = o.instruments[0] as usize;
            // The days the run's grants are all in force, the last one
            // inclusive, as a clerk reads a period.
            let start = crate::clerk::date_of(o.from).map_or_else(String::new, |d| d.to_string());
            let (period, period_zh) =
                match crate::clerk::date_of(o.until).and_then(|u| u.pred_opt()) {
                    Some(last) => (
                        format!("from {start} to {last} inclusive"),
                        format!("自 {start} 起至 {last} 止"),
                    ),
                    None => (format!("from {start} on"), format!("自 {start} 起")),
                };
            out.push(Finding::new(
                Severity::Error,
                FindingKind::OverlappingGrant,
                self.location(first, Some(code))
                    .with_item(code)
                    .with_division(town.to_string()),
                format!(
                    "item {code:?} is granted to township {town} by {} instruments in force at the same time {period}: {}{}",
                    o.count,
                    named.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "事项 {code:?} {period_zh}同时由 {} 份有效文件赋予乡镇 {town}：{}{}",
                    o.count,
                    named_zh.join("、"),
                    if more > 0 {
                        format!("，另有 {more} 份")
                    } else {
                        String::new()
                    }
                ),
            ));
        }
        if let Some(as_of) = opts.as_of {
            self.check_evaluations(as_of, opts.evaluation_interval_days, &mut out);
        }
        let date = opts.as_of.unwrap_or_else(|| self.duty_check_date());
        let (duties, more) = self.duty_findings(date, MAX_FINDINGS.saturating_sub(out.list.len()));
        out.list.extend(duties);
        out.dropped += more;
        let Out { mut list, dropped } = out;
        list.sort_by(|a, b| {
            (a.severity, a.location.line, &a.location.instrument).cmp(&(
                b.severity,
                b.location.line,
                &b.location.instrument,
            ))
        });
        if dropped > 0 {
            list.push(Finding::new(
                Severity::Warning,
                FindingKind::TooManyFindings,
                Location::bare(&self.source),
                format!(
                    "{dropped} more findings are not listed (the list stops at {MAX_FINDINGS})"
                ),
                format!("另有 {dropped} 个问题未列出（最多列出 {MAX_FINDINGS} 个）"),
            ));
        }
        list
    }

    fn check_instrument(&self, idx: usize, out: &mut Out) {
        let ins = &self.instruments[idx];
        let here = |needle: Option<&str>| self.location(idx, needle);
        let issuer = self.registry.body(&ins.issuer);
        if issuer.is_none() {
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
                format!(
                    "{} {:?} 的发文机关 {:?} 不存在",
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
                format!(
                    "{:?} 自 {} 起施行，但公布于 {}",
                    ins.id, ins.effective_from, ins.published
                ),
            ));
        }
        if let Some(until) = ins.effective_until {
            if ins.kind == InstrumentKind::Revocation {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::FieldNotAllowed,
                    here(Some(&until.to_string())),
                    format!(
                        "收回 {:?} has `effective_until`, which a revocation cannot carry: it ends grants once, on its first day; to give the items back, issue a new devolution",
                        ins.id
                    ),
format!("收回 {:?} 载有 `effective_until`，收回文件不能有此字段：收回在其生效之日一次终止赋权；如需重新赋予，应另发下放文件", ins.id),
                ));
            } else if until <= ins.effective_from {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::EndsBeforeItStarts,
                    here(Some(&until.to_string())),
                    format!(
                        "{:?} ends on {until}, before it starts on {}",
                        ins.id, ins.effective_from
                    ),
                    format!(
                        "{:?} 于 {until} 失效，早于其生效日 {}",
                        ins.id, ins.effective_from
                    ),
                ));
            }
        }
        if ins.kind.needs_document() && ins.document.as_deref().is_none_or(|d| d.trim().is_empty())
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
format!("{} {:?} 没有文号：决定应当公布（行政处罚法第二十四条）", ins.kind.zh(), ins.id),
            ));
        }
        self.check_fields(idx, out);
        let mut seen = HashSet::new();
        for code in &ins.items {
            if !seen.insert(code.as_str()) {
                out.push(Finding::new(
                    Severity::Warning,
                    FindingKind::DuplicateGrant,
                    here(Some(code)).with_item(code),
                    format!("{:?} lists item {code:?} twice", ins.id),
                    format!("{:?} 两次列出事项 {code:?}", ins.id),
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
                    format!("{:?} 两次列出乡镇 {t}", ins.id),
                ));
            }
        }
        match ins.kind {
            InstrumentKind::Devolution | InstrumentKind::Entrustment => {
                self.check_grant(idx, out);
            }
            InstrumentKind::Revocation => self.check_revocation(idx, out),
            InstrumentKind::Concentration => self.check_concentration(idx, out),
            InstrumentKind::Evaluation => {
                for e in &ins.evaluates {
                    match self.instrument(e) {
                        None => out.push(Finding::new(
                            Severity::Error,
                            FindingKind::UnknownCode,
                            here(Some(e)),
                            format!("evaluation {:?} evaluates unknown instrument {e:?}", ins.id),
                            format!("评估 {:?} 所评估的文件 {e:?} 不存在", ins.id),
                        )),
                        Some(target) if ins.published < target.effective_from => {
                            out.push(Finding::new(
                                Severity::Warning,
                                FindingKind::EvaluationBeforeInForce,
                                here(Some(e)),
                                format!(
                                    "evaluation {:?} of {e:?} is dated {}, before {e:?} took effect on {}: it evaluates nothing done under it and does not count as its periodic evaluation (行政处罚法第二十四条)",
                                    ins.id, ins.published, target.effective_from
                                ),
format!("评估 {:?} 对 {e:?} 的评估日期为 {}，早于 {e:?} 的生效日 {}：未评估其施行情况，不计为定期评估（行政处罚法第二十四条）", ins.id, ins.published, target.effective_from),
                            ));
                        }
                        Some(_) => {}
                    }
                }
            }
            InstrumentKind::GuidanceList => {
                if let Some(b) = issuer {
                    if b.division.level() != Level::Province {
                        out.push(Finding::new(
                            Severity::Error,
                            FindingKind::IssuerNotCompetent,
                            here(Some(&ins.issuer)),
                            format!(
                                "guidance list {:?} is issued by {} ({}), which is not a provincial body: a province decides which county powers townships take on (行政处罚法第二十四条)",
                                ins.id, b.name, b.code
                            ),
format!("指导目录 {:?} 由 {}（{}）发布，该机关不是省级机关：由省级决定将哪些县级权力交由乡镇行使（行政处罚法第二十四条）", ins.id, b.name, b.code),
                        ));
                    }
                }
                for code in &ins.items {
                    if !self.item_index.contains_key(code) {
                        out.push(Finding::new(
                            Severity::Error,
                            FindingKind::UnknownCode,
                            here(Some(code)).with_item(code),
                            format!(
                                "guidance list {:?} lists item {code:?}, which no item of the ledger has",
                                ins.id
                            ),
format!("指导目录 {:?} 所列事项 {code:?} 在本台账中不存在", ins.id),
                        ));
                    }
                }
            }
        }
    }

    fn check_fields(&self, idx: usize, out: &mut Out) {
        let ins = &self.instruments[idx];
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
                        self.location(idx, Some(&p.to_string())),
                        format!(
                            "guidance list {:?} names {p}, which is not a province of the ledger",
                            ins.id
                        ),
                        format!("指导目录 {:?} 所列 {p} 不是本台账中的省", ins.id),
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
                self.location(idx, None),
                format!("{} {:?} needs `{field}`", ins.kind.zh(), ins.id),
                format!("{} {:?} 缺少字段 `{field}`", ins.kind.zh(), ins.id),
            ));
        }
        if ins.kind == InstrumentKind::Concentration {
            for code in &ins.from {
                if self.registry.body_id(code).is_none() {
                    out.push(Finding::new(
                        Severity::Error,
                        FindingKind::UnknownCode,
                        self.location(idx, Some(code)),
                        format!("划转 {:?} names unknown body {code:?}", ins.id),
                        format!("划转 {:?} 所列机关 {code:?} 不存在", ins.id),
                    ));
                }
            }
        }
    }

    fn check_grant(&self, idx: usize, out: &mut Out) {
        let ins = &self.instruments[idx];
        let towns = targets(self, idx, None);
        let d = day(ins.effective_from);
        let givers: Vec<u32> = ins
            .from
            .iter()
            .filter_map(|c| self.registry.body_id(c))
            .map(|b| b.0)
            .collect();
        let issuer = self.registry.body_id(&ins.issuer);
        let mut issuer_reported = false;
        let mut reported_team = HashSet::new();
        let mut penalty = false;
        for code in &ins.items {
            let Some(&item) = self.item_index.get(code) else {
                continue;
            };
            let it = &self.items[item as usize];
            penalty |= it.category == PowerCategory::Penalty;
            let mut not_listed = false;
            let mut not_held: Option<(String, String)> = None;
            for &t in &towns {
                let div = self.townships[t as usize];
                let town = self.registry.get(div);
                let needs_team = match ins.kind {
                    InstrumentKind::Devolution => it.category.is_enforcement(),
                    _ => it.category == PowerCategory::Penalty,
                };
                if ins.kind == InstrumentKind::Devolution {
                    not_listed |= self
                        .guidance_for(item, town.code, ins.effective_from)
                        .is_none();
                }
                if needs_team && self.town_team[t as usize] == NONE && reported_team.insert(t) {
                    let rule = if ins.kind == InstrumentKind::Devolution {
                        "devolves enforcement item"
                    } else {
                        "entrusts penalty item"
                    };
                    let article = if ins.kind == InstrumentKind::Devolution {
                        "行政处罚法第二十四条: only to townships able to take it on"
                    } else {
                        "行政处罚法第二十条、第二十一条: only to an organisation able to enforce"
                    };
                    let (rule_zh, article_zh) = if ins.kind == InstrumentKind::Devolution {
                        (
                            "下放执法事项",
                            "行政处罚法第二十四条：只能交由有能力承接的乡镇",
                        )
                    } else {
                        (
                            "委托处罚事项",
                            "行政处罚法第二十条、第二十一条：只能委托有执法能力的组织",
                        )
                    };
                    out.push(Finding::new(
                        Severity::Error,
                        FindingKind::NoEnforcementTeam,
                        self.location(idx, Some(code))
                            .with_item(code)
                            .with_division(town.code.to_string()),
                        format!(
                            "{:?} {rule} {code:?} to {} ({}), which has no comprehensive enforcement team ({article})",
                            ins.id, town.name, town.code
                        ),
                        format!(
                            "{:?} {rule_zh} {code:?} 至 {}（{}），该乡镇没有综合行政执法队（{article_zh}）",
                            ins.id, town.name, town.code
                        ),
                    ));
                }
                let county = self.county_of[div.index()];
                let holder = self
                    .county_holding(item, county, div.index(), d)
                    .map(|s| s.holder);
                if not_held.is_none() && !holder.is_some_and(|h| givers.contains(&h)) {
                    not_held = Some(match holder {
                        Some(h) => {
                            let (place, who) = (
                                &self.registry.get(self.counties[county as usize]).name,
                                &self.registry.body_at(jiceng_org::BodyId(h)).name,
                            );
                            (
                                format!(
                                    "on {} item {code:?} in {place} is held by {who}, not by the giving bodies {:?}",
                                    ins.effective_from, ins.from
                                ),
                                format!(
                                    "{} {place}的事项 {code:?} 由 {who} 持有，而非所列下放机关 {:?}",
                                    ins.effective_from, ins.from
                                ),
                            )
                        }
                        None => (
                            format!(
                                "on {} nobody holds item {code:?} to give it away",
                                ins.effective_from
                            ),
                            format!("{} 无人持有事项 {code:?}，无从下放", ins.effective_from),
                        ),
                    });
                }
                if !issuer_reported {
                    if let Some(issuer) = issuer {
                        let gov = county != NONE
                            && self.registry.body_of_kind(
                                self.registry.get(self.counties[county as usize]).code,
                                BodyKind::Government,
                            ) == Some(issuer);
                        if !gov && holder != Some(issuer.0) {
                            issuer_reported = true;
                            let b = self.registry.body_at(issuer);
                            out.push(Finding::new(
                                Severity::Error,
                                FindingKind::IssuerNotCompetent,
                                self.location(idx, Some(&ins.issuer)).with_item(code),
                                format!(
                                    "{} {:?} is issued by {} ({}), which is neither the government of the county of {} nor the holder of item {code:?} there (行政处罚法第二十四条)",
                                    ins.kind.zh(),
                                    ins.id,
                                    b.name,
                                    b.code,
                                    town.code
                                ),
format!("{} {:?} 由 {}（{}）发布，该机关既不是 {} 所在县的人民政府，也不是该地事项 {code:?} 的持有机关（行政处罚法第二十四条）", ins.kind.zh(), ins.id, b.name, b.code, town.code),
                            ));
                        }
                    }
                }
            }
            if not_listed {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::NotOnGuidanceList,
                    self.location(idx, Some(code)).with_item(code),
                    format!(
                        "{:?} devolves item {code:?}, which no guidance list of the province in force on {} allows (行政处罚法第二十四条)",
                        ins.id, ins.effective_from
                    ),
format!("{:?} 下放事项 {code:?}，但 {} 本省没有有效的指导目录允许下放该事项（行政处罚法第二十四条）", ins.id, ins.effective_from),
                ));
            }
            if let Some((message, zh)) = not_held {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::IssuerDoesNotHold,
                    self.location(idx, Some(code)).with_item(code),
                    message,
                    zh,
                ));
            }
        }
        if penalty
            && ins.kind == InstrumentKind::Devolution
            && ins.effective_from < PENALTY_LAW_2021
        {
            out.push(Finding::new(
                Severity::Error,
                FindingKind::BeforeRevisedPenaltyLaw,
                self.location(idx, Some(&ins.effective_from.to_string())),
                format!(
                    "{:?} devolves penalty items from {}, before the revised Penalty Law took effect on {PENALTY_LAW_2021}: Art. 24 gave no basis for it then (行政处罚法第二十四条, 2021年修订)",
                    ins.id, ins.effective_from
                ),
format!("{:?} 自 {} 起下放处罚事项，早于修订后的行政处罚法 {PENALTY_LAW_2021} 施行：当时第二十四条尚无此依据（行政处罚法第二十四条，2021年修订）", ins.id, ins.effective_from),
            ));
        }
        if penalty && ins.kind == InstrumentKind::Entrustment && ins.effective_until.is_none() {
            out.push(Finding::new(
                Severity::Error,
                FindingKind::EntrustmentWithoutTerm,
                self.location(idx, None),
                format!(
                    "委托 {:?} entrusts penalty items without a term: the written entrustment must state its term (行政处罚法第二十条; set `effective_until`)",
                    ins.id
                ),
format!("委托 {:?} 委托处罚事项而未载明期限：书面委托应当载明委托期限（行政处罚法第二十条；请设置 `effective_until`）", ins.id),
            ));
        }
    }

    fn check_revocation(&self, idx: usize, out: &mut Out) {
        let ins = &self.instruments[idx];
        let towns = targets(self, idx, None);
        let before = day(ins.effective_from).saturating_sub(1);
        for code in &ins.items {
            let Some(&item) = self.item_index.get(code) else {
                continue;
            };
            for &t in &towns {
                let held = self
                    .town_layer
                    .at(t, item, before)
                    .is_some_and(|s| s.instrument != NONE);
                if !held && out.full() {
                    out.dropped += 1;
                } else if !held {
                    let town = self.registry.get(self.townships[t as usize]);
                    out.push(Finding::new(
                        Severity::Error,
                        FindingKind::RevokingNotHeld,
                        self.location(idx, Some(code))
                            .with_item(code)
                            .with_division(town.code.to_string()),
                        format!(
                            "{:?} revokes item {code:?} from {} ({}), which did not hold it by a devolution or entrustment on {}",
                            ins.id,
                            town.name,
                            town.code,
                            ins.effective_from.pred_opt().unwrap_or(ins.effective_from)
                        ),
format!("{:?} 收回 {}（{}）的事项 {code:?}，但该乡镇在 {} 并未通过下放或委托持有该事项", ins.id, town.name, town.code, ins.effective_from.pred_opt().unwrap_or(ins.effective_from)),
                    ));
                }
            }
        }
    }

    fn check_concentration(&self, idx: usize, out: &mut Out) {
        let ins = &self.instruments[idx];
        let Some(county) = crate::compile::instrument_county(self, ins) else {
            return;
        };
        let Some(slot) = crate::compile::county_slot(self, county) else {
            return;
        };
        let county_div = self.counties[slot as usize];
        if let Some(to) = ins.to.as_deref().and_then(|c| self.registry.body(c)) {
            if to.division != county {
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::NotCountyBody,
                    self.location(idx, Some(&to.code)),
                    format!(
                        "划转 {:?} concentrates into {} ({}), a body of {}, not of the county {county}: powers are concentrated in one agency of the same government (行政处罚法第十八条)",
                        ins.id, to.name, to.code, to.division
                    ),
format!("划转 {:?} 划入 {}（{}），该机关属于 {}，不属于县 {county}：行政处罚权只能集中由同一政府的一个行政机关行使（行政处罚法第十八条）", ins.id, to.name, to.code, to.division),
                ));
            }
        }
        let givers: Vec<u32> = ins
            .from
            .iter()
            .filter_map(|c| self.registry.body_id(c))
            .map(|b| b.0)
            .collect();
        let before = day(ins.effective_from).saturating_sub(1);
        for code in &ins.items {
            let Some(&item) = self.item_index.get(code) else {
                continue;
            };
            let holder = self
                .county_holding(item, slot, county_div.index(), before)
                .map(|s| s.holder);
            if !holder.is_some_and(|h| givers.contains(&h)) {
                let who = holder.map_or_else(
                    || "nobody".to_owned(),
                    |h| self.registry.body_at(jiceng_org::BodyId(h)).name.clone(),
                );
                let who_zh = if holder.is_some() {
                    who.as_str()
                } else {
                    "无人"
                };
                out.push(Finding::new(
                    Severity::Error,
                    FindingKind::IssuerDoesNotHold,
                    self.location(idx, Some(code)).with_item(code),
                    format!(
                        "{:?} concentrates item {code:?}, held before {} by {who}, not by the departments it names {:?}",
                        ins.id, ins.effective_from, ins.from
                    ),
format!("{:?} 划转事项 {code:?}，该事项在 {} 前由 {who_zh} 持有，而非所列部门 {:?}", ins.id, ins.effective_from, ins.from),
                ));
            }
        }
    }

    fn check_evaluations(&self, as_of: NaiveDate, interval: u32, out: &mut Out) {
        // The latest evaluation of each instrument published by `as_of`
        // and not before the instrument took effect.
        let mut last: HashMap<&str, NaiveDate> = HashMap::new();
        for e in &self.instruments {
            if e.kind != InstrumentKind::Evaluation || e.published > as_of {
                continue;
            }
            for id in &e.evaluates {
                let Some(target) = self.instrument(id) else {
                    continue;
                };
                if e.published < target.effective_from {
                    continue;
                }
                let slot = last.entry(id.as_str()).or_insert(e.published);
                *slot = (*slot).max(e.published);
            }
        }
        // The latest revocation of each (township, item) in force by
        // `as_of`: a grant that started before it was cut by it (a
        // revocation on a grant's own first day does not cut it, as the
        // ledger is built).
        let mut revoked: HashMap<(u32, u32), i32> = HashMap::new();
        for (idx, ins) in self.instruments.iter().enumerate() {
            if ins.kind != InstrumentKind::Revocation || ins.effective_from > as_of {
                continue;
            }
            let from = day(ins.effective_from);
            for t in targets(self, idx, None) {
                for code in &ins.items {
                    if let Some(&i) = self.item_index.get(code) {
                        let slot = revoked.entry((t, i)).or_insert(from);
                        *slot = (*slot).max(from);
                    }
                }
            }
        }
        for (idx, ins) in self.instruments.iter().enumerate() {
            if ins.kind != InstrumentKind::Devolution || !ins.in_force(as_of) {
                continue;
            }
            let enforcement: Vec<u32> = ins
                .items
                .iter()
                .filter_map(|c| self.item_index.get(c).copied())
                .filter(|&i| self.items[i as usize].category.is_enforcement())
                .collect();
            if enforcement.is_empty() {
                continue;
            }
            let since = last
                .get(ins.id.as_str())
                .copied()
                .unwrap_or(ins.effective_from);
            let age = (as_of - since).num_days();
            if age > i64::from(interval) && self.grant_stands(idx, &enforcement, &revoked) {
                out.push(Finding::new(
                    Severity::Warning,
                    FindingKind::EvaluationOverdue,
                    self.location(idx, None),
                    format!(
                        "{:?} was last evaluated (or took effect) on {since}, {age} days before {as_of}; \
                         the interval is {interval} days (行政处罚法第二十四条: evaluate periodically)",
                        ins.id
                    ),
format!("{:?} 最近一次评估（或生效）于 {since}，距 {as_of} 已 {age} 天，超过评估间隔 {interval} 天（行政处罚法第二十四条：应当定期评估）", ins.id),
                ));
            }
        }
    }
}

impl Ledger {
    /// Whether devolution `idx` still grants one of `items` to one of its
    /// townships: no revocation in `revoked` (the latest of each pair by
    /// the day asked) took effect after the grant's first day. Only then
    /// is there something for Art. 24's evaluation to look at.
    fn grant_stands(&self, idx: usize, items: &[u32], revoked: &HashMap<(u32, u32), i32>) -> bool {
        let from = day(self.instruments[idx].effective_from);
        targets(self, idx, None).into_iter().any(|t| {
            items
                .iter()
                .any(|&i| revoked.get(&(t, i)).is_none_or(|&r| r <= from))
        })
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod check_tests;
