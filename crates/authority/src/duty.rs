//! Township duty lists (职责清单): what a township answers for, who leads,
//! who cooperates, and the powers each duty needs.
//!
//! The reform exists to end "有责无权" (responsibility without power):
//! "乡镇有责无权，看得见的管不着；县直部门鞭长莫及，管得着的看不见". Hebei
//! answered from two sides: it devolved powers (the rest of this crate) and
//! it wrote a duty list for every township and subdistrict (90 items across
//! party building, social governance, public services …), and cleaned up
//! the assessments and responsibility pledges (考核评比及责任状) that counties
//! imposed on townships.
//!
//! A ledger file carries, beside its powers:
//!
//! * duty items (`[[duty]]`, 职责事项): a code, a name, a domain (党的建设,
//!   经济发展, 民生服务, 平安法治, 社会治理 …), its basis, a kind and the power
//!   items it needs. The kinds are [`DutyKind::Basic`] (基本履职事项, the
//!   township leads), [`DutyKind::Cooperative`] (配合履职事项, a county
//!   department of the named sector leads and the township cooperates, each
//!   side's part written down) and [`DutyKind::Returned`] (上级收回事项, the
//!   county department takes it back);
//! * duty lists (`[[duty_list]]`), dated like instruments, at three levels:
//!   a province's template (`province`), which applies to no township by
//!   itself; a county's adaptation (`county`), which adopts a template
//!   (`template`) and adds, changes and removes items for all its
//!   townships; a township's own list (`townships`), which adapts further;
//! * assessment items and pledges (`[[assessment]]`, 考核事项 and 责任状)
//!   a county aims at its townships, each naming the duty it assesses.
//!
//! A township's list on a date applies, in order, the template adopted by
//! its county's adaptations, the adaptations, then the township's lists,
//! each level in order of taking effect: [`Ledger::duties_of`] answers it,
//! [`Ledger::duty_diff`] compares it with the template, and
//! [`Ledger::check`] reports the duties without power, the powers without
//! duty and the rest (see [`crate::FindingKind`]).

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use jiceng_org::{BodyKind, DivisionCode, Level, Sector};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check::{Finding, FindingKind, Location, Severity};
use crate::error::Error;
use crate::file::Table;
use crate::ledger::{BodyRef, Ledger, NONE, day};

/// The kind of a duty item (履职事项类别).
///
/// Written in files in English (`basic`) or Chinese (`基本履职事项`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyKind {
    /// 基本履职事项: the township leads.
    #[serde(alias = "基本履职事项", alias = "基本")]
    Basic,
    /// 配合履职事项: a county department leads, the township cooperates.
    #[serde(alias = "配合履职事项", alias = "配合")]
    Cooperative,
    /// 上级收回事项: the county department takes the duty back.
    #[serde(alias = "上级收回事项", alias = "收回")]
    Returned,
}

const KIND_SPELLINGS: [&str; 9] = [
    "basic",
    "基本履职事项",
    "基本",
    "cooperative",
    "配合履职事项",
    "配合",
    "returned",
    "上级收回事项",
    "收回",
];

impl JsonSchema for DutyKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DutyKind".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The kind of a duty item (履职事项类别), in English or Chinese.",
            "type": "string",
            "enum": KIND_SPELLINGS,
        })
    }
}

impl DutyKind {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            DutyKind::Basic => "基本履职事项",
            DutyKind::Cooperative => "配合履职事项",
            DutyKind::Returned => "上级收回事项",
        }
    }
}

impl fmt::Display for DutyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DutyKind::Basic => "basic",
            DutyKind::Cooperative => "cooperative",
            DutyKind::Returned => "returned",
        })
    }
}

/// A duty item (职责事项), as a template or list defines it.
///
/// # Example
///
/// ```
/// use jiceng_authority::{DutyItem, DutyKind};
///
/// let d: DutyItem = toml::from_str(r#"
///     code = "QX-01"
///     name = "秸秆禁烧和大气污染防治"
///     domain = "生态文明"
///     kind = "基本履职事项"
///     basis = ["中华人民共和国大气污染防治法第七十七条"]
///     powers = ["HB-CF-011"]
/// "#)?;
/// assert_eq!(d.kind, DutyKind::Basic);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DutyItem {
    /// A code unique among the duties of the ledger.
    pub code: String,
    /// The item's name as the list gives it.
    pub name: String,
    /// Its domain (党的建设, 经济发展, 民生服务, 平安法治, 社会治理, …).
    pub domain: String,
    /// Its kind, unless a list changes it.
    pub kind: DutyKind,
    /// Its legal or policy basis, as cited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<String>,
    /// The power items it needs, by code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub powers: Vec<String>,
    /// For a cooperative or returned duty: the sector of the county
    /// department that leads (or takes it back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Sector>,
    /// The lead department's part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_part: Option<String>,
    /// The township's part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township_part: Option<String>,
}

/// A list's change to one duty item: it puts the item on the list, with
/// the fields given replacing the item's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DutyChange {
    /// The duty item's code.
    pub code: String,
    /// Its kind on this list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DutyKind>,
    /// The lead department's sector on this list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Sector>,
    /// The lead department's part on this list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_part: Option<String>,
    /// The township's part on this list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township_part: Option<String>,
}

/// A duty list: a province template, a county adaptation or a township's
/// list, dated like an instrument.
///
/// Exactly one of `province`, `county` and `townships` says its level.
///
/// # Example
///
/// ```
/// use jiceng_authority::DutyList;
///
/// let l: DutyList = toml::from_str(r#"
///     id = "qiu-duty-2021"
///     issuer = "130430-gov"
///     document = "邱办字〔2021〕30号"
///     title = "邱县乡镇职责清单"
///     published = "2021-09-20"
///     effective_from = "2021-10-01"
///     county = "130430000000"
///     template = "hb-duty-template-2021"
///     changes = [{ code = "QX-01", kind = "basic" }]
/// "#)?;
/// assert_eq!(l.changes.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DutyList {
    /// A unique id among the duty lists.
    pub id: String,
    /// The issuing body's code.
    pub issuer: String,
    /// The document number (文号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The title.
    pub title: String,
    /// The publication date.
    #[serde(deserialize_with = "crate::dates::date")]
    pub published: NaiveDate,
    /// The first day in force.
    #[serde(deserialize_with = "crate::dates::date")]
    pub effective_from: NaiveDate,
    /// The first day no longer in force, if any.
    #[serde(
        default,
        deserialize_with = "crate::dates::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub effective_until: Option<NaiveDate>,
    /// A province's template: the province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<DivisionCode>,
    /// A county's adaptation: the county, for all its townships.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<DivisionCode>,
    /// A county's adaptation: the template it adopts, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// A township's list: the townships.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub townships: Vec<DivisionCode>,
    /// Duty items put on the list as defined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Duty items put on the list with changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<DutyChange>,
    /// Duty items taken off the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removes: Vec<String>,
}

impl DutyList {
    /// Whether the list is in force on `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.effective_from <= date && self.effective_until.is_none_or(|u| date < u)
    }
}

/// What an [`Assessment`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentKind {
    /// 考核事项: an item of the county's assessment of townships.
    #[serde(alias = "考核事项", alias = "考核")]
    Assessment,
    /// 责任状: a responsibility pledge a township signs.
    #[serde(alias = "责任状")]
    Pledge,
}

impl JsonSchema for AssessmentKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AssessmentKind".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An assessment item (考核事项) or a responsibility pledge (责任状).",
            "type": "string",
            "enum": ["assessment", "考核事项", "考核", "pledge", "责任状"],
        })
    }
}

impl AssessmentKind {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            AssessmentKind::Assessment => "考核事项",
            AssessmentKind::Pledge => "责任状",
        }
    }
}

/// An assessment item or pledge a county aims at townships.
///
/// The reform's cleanup rule: it must assess a duty on each township's
/// list; one that names no duty, or a duty not on the list, is a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// A unique id among the assessments.
    pub id: String,
    /// Assessment item or pledge.
    pub kind: AssessmentKind,
    /// The issuing body's code.
    pub issuer: String,
    /// The title.
    pub title: String,
    /// The first day in force.
    #[serde(deserialize_with = "crate::dates::date")]
    pub effective_from: NaiveDate,
    /// The first day no longer in force, if any.
    #[serde(
        default,
        deserialize_with = "crate::dates::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub effective_until: Option<NaiveDate>,
    /// The county whose townships it is aimed at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<DivisionCode>,
    /// The townships it is aimed at.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub townships: Vec<DivisionCode>,
    /// The duty it assesses, by code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duty: Option<String>,
}

impl Assessment {
    /// Whether it is in force on `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.effective_from <= date && self.effective_until.is_none_or(|u| date < u)
    }
}

/// The most (duty, township) and (assessment, township) pairs the duty
/// lists and assessments of a ledger may name: checking them costs work in
/// proportion, so a small file that names every duty for every township of
/// a large registry many times over is refused.
pub const MAX_DUTY_PAIRS: usize = 5_000_000;

/// The level of a duty list, in the order lists apply.
pub(crate) const PROVINCE: u8 = 0;
pub(crate) const COUNTY: u8 = 1;
pub(crate) const TOWNSHIP: u8 = 2;

/// One step of a list, with codes resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Op {
    pub duty: u32,
    /// `NONE`: the item as defined; else the index of the change.
    pub change: u32,
    pub remove: bool,
}

/// A duty on a township's list as it is resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub duty: u32,
    pub kind: DutyKind,
    /// The list that put it there last.
    pub list: u32,
    pub level: u8,
    /// The (list, change) that gave the lead and the parts; `NONE` lists
    /// for the item's own.
    pub lead: (u32, u32),
    pub lead_part: (u32, u32),
    pub township_part: (u32, u32),
    pub removed: bool,
}

/// A clash met while resolving a list: (kind, first list, second list,
/// duty).
pub(crate) type Clash = (FindingKind, u32, u32, u32);

/// The compiled duty lists of a ledger.
#[derive(Debug, Clone, Default)]
pub(crate) struct Duties {
    pub items: Vec<DutyItem>,
    pub index: HashMap<String, u32>,
    /// By duty: the power items it needs (known ones).
    pub powers: Vec<Vec<u32>>,
    pub lists: Vec<DutyList>,
    pub list_index: HashMap<String, u32>,
    pub level: Vec<u8>,
    pub ops: Vec<Vec<Op>>,
    /// By county adaptation: the template it adopts.
    pub template_of: Vec<u32>,
    /// County adaptations by county code, township lists by township code,
    /// each sorted by taking effect.
    pub by_county: HashMap<DivisionCode, Vec<u32>>,
    pub by_township: HashMap<DivisionCode, Vec<u32>>,
    pub assessments: Vec<Assessment>,
    /// Lead departments: (county code, sector) → body.
    pub departments: HashMap<(DivisionCode, String), u32>,
    /// Problems of the file itself (unknown codes, missing fields).
    pub findings: Vec<Finding>,
}

/// Where to find the duties of a township: its division index, code,
/// county code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Town {
    pub div: usize,
    pub code: DivisionCode,
    pub county: Option<DivisionCode>,
}

impl Duties {
    pub(crate) fn build(
        ledger: &Ledger,
        items: Vec<DutyItem>,
        lists: Vec<DutyList>,
        assessments: Vec<Assessment>,
    ) -> Result<Duties, Error> {
        let mut d = Duties {
            items,
            lists,
            assessments,
            ..Duties::default()
        };
        let loc = ledger.locator();
        let finding =
            |table: Table, idx: usize, needle: &str, kind, message: String, zh: String| {
                let mut l = Location::bare(&ledger.source);
                l.line = loc.at(table, idx, Some(needle), None);
                Finding::new(Severity::Error, kind, l, message, zh)
            };
        for (i, it) in d.items.iter().enumerate() {
            if d.index.insert(it.code.clone(), i as u32).is_some() {
                let f = finding(
                    Table::Duty,
                    i,
                    &it.code,
                    FindingKind::DuplicateCode,
                    format!("duty code {:?} is used twice", it.code),
                    format!("职责编码 {:?} 重复使用", it.code),
                );
                d.findings.push(f.with_duty(&it.code));
            }
            let mut needs = Vec::new();
            for p in &it.powers {
                match ledger.item_id(p) {
                    Some(id) => needs.push(id.0),
                    None => {
                        let f = finding(
                            Table::Duty,
                            i,
                            p,
                            FindingKind::UnknownCode,
                            format!("duty {:?} needs unknown power item {p:?}", it.code),
                            format!("职责 {:?} 所需的权力事项 {p:?} 不存在", it.code),
                        );
                        d.findings.push(f.with_duty(&it.code));
                    }
                }
            }
            d.powers.push(needs);
        }
        for (i, l) in d.lists.iter().enumerate() {
            if d.list_index.insert(l.id.clone(), i as u32).is_some() {
                d.findings.push(finding(
                    Table::DutyList,
                    i,
                    &l.id,
                    FindingKind::DuplicateCode,
                    format!("duty list id {:?} is used twice", l.id),
                    format!("职责清单编号 {:?} 重复使用", l.id),
                ));
            }
        }
        for (i, l) in d.lists.iter().enumerate() {
            let scopes = usize::from(l.province.is_some())
                + usize::from(l.county.is_some())
                + usize::from(!l.townships.is_empty());
            let level = if l.province.is_some() {
                PROVINCE
            } else if l.county.is_some() {
                COUNTY
            } else {
                TOWNSHIP
            };
            if scopes != 1 {
                d.findings.push(finding(
                    Table::DutyList,
                    i,
                    &l.id,
                    FindingKind::MissingField,
                    format!(
                        "duty list {:?} must name exactly one of `province`, `county` and `townships` ({scopes} given)",
                        l.id
                    ),
format!("职责清单 {:?} 应当且只能指明 `province`、`county`、`townships` 中的一项（现有 {scopes} 项）", l.id),
                ));
            }
            if ledger.registry.body(&l.issuer).is_none() {
                d.findings.push(finding(
                    Table::DutyList,
                    i,
                    &l.issuer,
                    FindingKind::UnknownCode,
                    format!("duty list {:?}: unknown issuer {:?}", l.id, l.issuer),
                    format!("职责清单 {:?} 的发文机关 {:?} 不存在", l.id, l.issuer),
                ));
            }
            let mut template = NONE;
            if let Some(t) = &l.template {
                match d.list_index.get(t) {
                    Some(&ti) if d.lists[ti as usize].province.is_some() && level == COUNTY => {
                        template = ti;
                    }
                    _ => d.findings.push(finding(
                        Table::DutyList,
                        i,
                        t,
                        FindingKind::UnknownCode,
                        format!(
                            "duty list {:?} adopts {t:?}, which is not a province template (only a county's adaptation adopts one)",
                            l.id
                        ),
format!("职责清单 {:?} 采用 {t:?}，但其不是省级模板（只有县级调整清单可以采用模板）", l.id),
                    )),
                }
            }
            d.template_of.push(template);
            d.level.push(level);
            let mut ops = Vec::new();
            let mut kinds: HashMap<u32, DutyKind> = HashMap::new();
            let codes = l
                .items
                .iter()
                .map(|c| (c, NONE, false))
                .chain(
                    l.changes
                        .iter()
                        .enumerate()
                        .map(|(k, c)| (&c.code, k as u32, false)),
                )
                .chain(l.removes.iter().map(|c| (c, NONE, true)));
            for (code, change, remove) in codes {
                let Some(&duty) = d.index.get(code) else {
                    let f = finding(
                        Table::DutyList,
                        i,
                        code,
                        FindingKind::UnknownCode,
                        format!("duty list {:?} names unknown duty {code:?}", l.id),
                        format!("职责清单 {:?} 所列职责 {code:?} 不存在", l.id),
                    );
                    d.findings.push(f.with_duty(code));
                    continue;
                };
                if !remove {
                    let kind = (change != NONE)
                        .then(|| l.changes[change as usize].kind)
                        .flatten()
                        .unwrap_or(d.items[duty as usize].kind);
                    if let Some(&before) = kinds.get(&duty) {
                        if before != kind {
                            let f = finding(
                                Table::DutyList,
                                i,
                                code,
                                FindingKind::DutyListedTwice,
                                format!(
                                    "duty list {:?} lists duty {code:?} twice, as {before} and as {kind}",
                                    l.id
                                ),
                                format!(
                                    "职责清单 {:?} 两次列出职责 {code:?}，分别为{}和{}",
                                    l.id,
                                    before.zh(),
                                    kind.zh()
                                ),
                            );
                            d.findings.push(f.with_duty(code));
                        }
                    }
                    kinds.insert(duty, kind);
                }
                ops.push(Op {
                    duty,
                    change,
                    remove,
                });
            }
            d.ops.push(ops);
            match level {
                COUNTY => {
                    if let Some(c) = l.county {
                        d.by_county.entry(c).or_default().push(i as u32);
                    }
                }
                TOWNSHIP => {
                    for t in &l.townships {
                        let v = d.by_township.entry(*t).or_default();
                        if !v.contains(&(i as u32)) {
                            v.push(i as u32);
                        }
                    }
                }
                _ => {}
            }
        }
        let lists = &d.lists;
        for v in d.by_county.values_mut().chain(d.by_township.values_mut()) {
            v.sort_by_key(|&x| (lists[x as usize].effective_from, x));
        }
        for (i, a) in d.assessments.iter().enumerate() {
            if let Some(code) = &a.duty {
                if !d.index.contains_key(code) {
                    let f = finding(
                        Table::Assessment,
                        i,
                        code,
                        FindingKind::UnknownCode,
                        format!("{} {:?} names unknown duty {code:?}", a.kind.zh(), a.id),
                        format!("{} {:?} 所列职责 {code:?} 不存在", a.kind.zh(), a.id),
                    );
                    d.findings.push(f.with_duty(code));
                }
            }
            if a.county.is_none() && a.townships.is_empty() {
                d.findings.push(finding(
                    Table::Assessment,
                    i,
                    &a.id,
                    FindingKind::MissingField,
                    format!(
                        "{} {:?} names neither `county` nor `townships`",
                        a.kind.zh(),
                        a.id
                    ),
                    format!(
                        "{} {:?} 既未指明 `county` 也未指明 `townships`",
                        a.kind.zh(),
                        a.id
                    ),
                ));
            }
        }
        for (b, body) in ledger.registry.bodies().iter().enumerate() {
            if body.kind == BodyKind::Department {
                if let Some(s) = &body.sector {
                    d.departments
                        .entry((body.division, s.0.clone()))
                        .or_insert(b as u32);
                }
            }
        }
        d.bound(ledger)?;
        Ok(d)
    }

    /// Refuses lists that name more than [`MAX_DUTY_PAIRS`] pairs, counted
    /// before any is resolved.
    fn bound(&self, ledger: &Ledger) -> Result<(), Error> {
        let towns_of = |c: &DivisionCode| {
            ledger
                .county_slots
                .get(c)
                .map_or(0, |&slot| ledger.townships_of_county(slot).len())
        };
        let mut total = 0usize;
        for (i, l) in self.lists.iter().enumerate() {
            let mut ops = self.ops[i].len();
            let t = self.template_of[i];
            if t != NONE {
                ops = ops.saturating_add(self.ops[t as usize].len());
            }
            let towns = l.county.as_ref().map_or(0, towns_of) + l.townships.len();
            total = total.saturating_add(ops.saturating_mul(towns));
        }
        for a in &self.assessments {
            let towns = a.county.as_ref().map_or(0, towns_of) + a.townships.len();
            total = total.saturating_add(towns);
        }
        if total > MAX_DUTY_PAIRS {
            return Err(Error::TooLarge {
                origin: ledger.source.origin.clone(),
                message: format!(
                    "its duty lists and assessments name {total} (duty, township) pairs; the limit is {MAX_DUTY_PAIRS}"
                ),
            });
        }
        Ok(())
    }

    /// Applies list `l` to the entries, recording clashes.
    fn apply(&self, l: u32, pos: &mut [u32], entries: &mut Vec<Entry>, clashes: &mut Vec<Clash>) {
        let level = self.level[l as usize];
        let list = &self.lists[l as usize];
        for op in &self.ops[l as usize] {
            let p = pos[op.duty as usize];
            if op.remove {
                if p != NONE {
                    entries[p as usize].removed = true;
                }
                continue;
            }
            let item = &self.items[op.duty as usize];
            let change = (op.change != NONE).then(|| &list.changes[op.change as usize]);
            let kind = change.and_then(|c| c.kind).unwrap_or(item.kind);
            let own = (NONE, NONE);
            let here = (l, op.change);
            let mut e = Entry {
                duty: op.duty,
                kind,
                list: l,
                level,
                lead: own,
                lead_part: own,
                township_part: own,
                removed: false,
            };
            if p != NONE {
                let before = entries[p as usize];
                if !before.removed {
                    if before.kind == DutyKind::Returned && kind != DutyKind::Returned {
                        clashes.push((FindingKind::ReturnedStillAssigned, before.list, l, op.duty));
                    } else if before.level == level
                        && before.list != l
                        && before.kind != kind
                        && kind != DutyKind::Returned
                    {
                        clashes.push((FindingKind::DutyListedTwice, before.list, l, op.duty));
                    }
                    e.lead = before.lead;
                    e.lead_part = before.lead_part;
                    e.township_part = before.township_part;
                }
            }
            if let Some(c) = change {
                if c.lead.is_some() {
                    e.lead = here;
                }
                if c.lead_part.is_some() {
                    e.lead_part = here;
                }
                if c.township_part.is_some() {
                    e.township_part = here;
                }
            }
            if p == NONE {
                pos[op.duty as usize] = entries.len() as u32;
                entries.push(e);
            } else {
                entries[p as usize] = e;
            }
        }
    }

    /// The lists in force on `date` for a township, in the order they
    /// apply; `template_only` keeps only the adopted templates.
    pub(crate) fn lists_for(&self, town: Town, date: NaiveDate, template_only: bool) -> Vec<u32> {
        let mut out = Vec::new();
        let county: &[u32] = town
            .county
            .and_then(|c| self.by_county.get(&c))
            .map_or(&[], Vec::as_slice);
        for &l in county {
            if self.lists[l as usize].in_force(date) {
                let t = self.template_of[l as usize];
                if t != NONE && self.lists[t as usize].in_force(date) && !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        if template_only {
            return out;
        }
        for &l in county {
            if self.lists[l as usize].in_force(date) {
                out.push(l);
            }
        }
        if let Some(v) = self.by_township.get(&town.code) {
            out.extend(
                v.iter()
                    .copied()
                    .filter(|&l| self.lists[l as usize].in_force(date)),
            );
        }
        out
    }

    /// Resolves a township's list on `date` into `entries` (cleared first);
    /// `pos` is scratch of one slot a duty, all `NONE`, left so.
    pub(crate) fn resolve(
        &self,
        town: Town,
        date: NaiveDate,
        template_only: bool,
        pos: &mut [u32],
        entries: &mut Vec<Entry>,
        clashes: &mut Vec<Clash>,
    ) -> bool {
        entries.clear();
        let lists = self.lists_for(town, date, template_only);
        for &l in &lists {
            self.apply(l, pos, entries, clashes);
        }
        for e in entries.iter() {
            pos[e.duty as usize] = NONE;
        }
        entries.retain(|e| !e.removed);
        !lists.is_empty()
    }

    fn pick<'a>(
        &'a self,
        src: (u32, u32),
        f: impl Fn(&'a DutyChange) -> Option<&'a String>,
    ) -> Option<&'a String> {
        (src.0 != NONE)
            .then(|| f(&self.lists[src.0 as usize].changes[src.1 as usize]))
            .flatten()
    }

    /// The lead sector of an entry.
    pub(crate) fn lead(&self, e: &Entry) -> Option<&Sector> {
        if e.lead.0 == NONE {
            self.items[e.duty as usize].lead.as_ref()
        } else {
            self.lists[e.lead.0 as usize].changes[e.lead.1 as usize]
                .lead
                .as_ref()
        }
    }

    fn lead_part(&self, e: &Entry) -> Option<String> {
        self.pick(e.lead_part, |c| c.lead_part.as_ref())
            .or(self.items[e.duty as usize].lead_part.as_ref())
            .cloned()
    }

    fn township_part(&self, e: &Entry) -> Option<String> {
        self.pick(e.township_part, |c| c.township_part.as_ref())
            .or(self.items[e.duty as usize].township_part.as_ref())
            .cloned()
    }
}

/// A power item a duty needs, with its holder in the township on the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NeededPower {
    /// The item's code.
    pub code: String,
    /// The item's name.
    pub name: String,
    /// Who holds it there on the date, if anyone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<BodyRef>,
    /// Whether the township holds or exercises it.
    pub held_by_township: bool,
}

/// The list that put a duty on a township's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ListRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its document number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// A duty on a township's list on a date, as [`Ledger::duties_of`] gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Duty {
    /// The duty item's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its domain.
    pub domain: String,
    /// Its kind on this list.
    pub kind: DutyKind,
    /// Its basis.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<String>,
    /// The sector of the lead county department (cooperative and returned
    /// duties).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_sector: Option<Sector>,
    /// Who leads: the township government for a basic duty, the county
    /// department of the lead sector for the others (absent when the
    /// county has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<BodyRef>,
    /// Who cooperates: the township government for a cooperative duty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cooperating: Option<BodyRef>,
    /// The lead's part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_part: Option<String>,
    /// The township's part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub township_part: Option<String>,
    /// The power items it needs, with their holders on the date.
    pub powers: Vec<NeededPower>,
    /// The list that put it there.
    pub listed_by: ListRef,
}

/// How a township's list differs from its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DutyChangeKind {
    /// On the township's list, not on the template.
    Added,
    /// On the template, not on the township's list.
    Removed,
    /// On both, with another kind or lead.
    Changed,
}

/// One difference between a township's list and its template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DutyDiff {
    /// What changed.
    pub change: DutyChangeKind,
    /// The duty item's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its kind on the template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_kind: Option<DutyKind>,
    /// Its kind on the township's list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub township_kind: Option<DutyKind>,
    /// Its lead sector on the template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_lead: Option<Sector>,
    /// Its lead sector on the township's list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub township_lead: Option<Sector>,
}

/// A township's assessments on a date, as [`Ledger::assessment_report`]
/// gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AssessmentReport {
    /// The township's code.
    pub township: DivisionCode,
    /// Its name.
    pub name: String,
    /// Assessment items (考核事项) aimed at it.
    pub assessments: usize,
    /// Of those, the ones that assess a duty on its list.
    pub backed: usize,
    /// `backed` as a percentage of `assessments`, rounded half up; absent
    /// without assessment items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backed_percent: Option<u32>,
    /// Pledges (责任状) aimed at it.
    pub pledges: usize,
    /// The ids of the pledges that assess no duty on its list.
    pub pledges_outside: Vec<String>,
}

impl Ledger {
    /// The township at `code`, for the duty queries: a village or
    /// community stands for its township, as in [`Ledger::powers`], since a
    /// duty list (职责清单) is drawn up for a township or subdistrict and a
    /// village's clerk asks for the one that applies there.
    pub(crate) fn town(&self, code: DivisionCode) -> Result<Town, Error> {
        let not_township = || Error::NotTownship(code.to_string());
        let found = self
            .registry
            .division_id(code)
            .filter(|_| code.level() >= Level::Township)
            .ok_or_else(not_township)?;
        let div = if code.level() == Level::Township {
            found
        } else {
            let t = self.township_of[found.index()];
            if t == NONE {
                return Err(not_township());
            }
            self.townships[t as usize]
        };
        let code = self.registry.get(div).code;
        let county = self
            .county_of
            .get(div.index())
            .filter(|&&c| c != NONE)
            .map(|&c| self.registry.get(self.counties[c as usize]).code);
        Ok(Town {
            div: div.index(),
            code,
            county,
        })
    }

    /// Whether the township holds or exercises power item `item` on `date`:
    /// a grant to it in force, or a holder or exerciser that is one of its
    /// bodies.
    #[inline]
    pub(crate) fn township_holds(&self, item: u32, town: Town, date: NaiveDate) -> bool {
        match self.segment(item, town.div, day(date)) {
            Some((_, true)) => true,
            Some((s, false)) => {
                let of_town = |b: u32| {
                    b != NONE && self.registry.body_at(jiceng_org::BodyId(b)).division == town.code
                };
                of_town(s.holder) || of_town(s.by)
            }
            None => false,
        }
    }

    /// The lead department of `sector` in the township's county.
    pub(crate) fn lead_department(&self, town: Town, sector: &Sector) -> Option<u32> {
        let county = town.county?;
        self.duties
            .departments
            .get(&(county, sector.0.clone()))
            .copied()
    }

    pub(crate) fn resolve_duties(
        &self,
        town: Town,
        date: NaiveDate,
        template_only: bool,
    ) -> Vec<Entry> {
        let mut pos = vec![NONE; self.duties.items.len()];
        let mut entries = Vec::new();
        let mut clashes = Vec::new();
        self.duties.resolve(
            town,
            date,
            template_only,
            &mut pos,
            &mut entries,
            &mut clashes,
        );
        entries
    }

    /// The duty list of a township on `date`, by kind, then domain, then
    /// code: each duty with who leads and who cooperates, and the power
    /// items it needs with their holders there that day.
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
    /// use jiceng_authority::{DutyKind, Ledger};
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let list = ledger.duties_of("130430104000".parse()?, "2022-06-01".parse()?)?;
    /// let burning = list.iter().find(|d| d.code == "QX-01").unwrap();
    /// assert_eq!(burning.kind, DutyKind::Basic);
    /// assert!(burning.powers.iter().all(|p| p.held_by_township));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn duties_of(&self, township: DivisionCode, date: NaiveDate) -> Result<Vec<Duty>, Error> {
        let town = self.town(township)?;
        let gov = self.town_gov[self.township_of[town.div] as usize];
        let gov = (gov != NONE).then(|| self.body_ref(gov));
        let mut out: Vec<Duty> = self
            .resolve_duties(town, date, false)
            .iter()
            .map(|e| {
                let it = &self.duties.items[e.duty as usize];
                let list = &self.duties.lists[e.list as usize];
                let lead_sector = self.duties.lead(e).cloned();
                let dept = lead_sector
                    .as_ref()
                    .and_then(|s| self.lead_department(town, s))
                    .map(|b| self.body_ref(b));
                let (lead, cooperating) = match e.kind {
                    DutyKind::Basic => (gov.clone(), None),
                    DutyKind::Cooperative => (dept, gov.clone()),
                    DutyKind::Returned => (dept, None),
                };
                Duty {
                    code: it.code.clone(),
                    name: it.name.clone(),
                    domain: it.domain.clone(),
                    kind: e.kind,
                    basis: it.basis.clone(),
                    lead_sector,
                    lead,
                    cooperating,
                    lead_part: self.duties.lead_part(e),
                    township_part: self.duties.township_part(e),
                    powers: self.duties.powers[e.duty as usize]
                        .iter()
                        .map(|&p| NeededPower {
                            code: self.items[p as usize].code.clone(),
                            name: self.items[p as usize].name.clone(),
                            holder: self
                                .segment(p, town.div, day(date))
                                .map(|(s, _)| self.body_ref(s.holder)),
                            held_by_township: self.township_holds(p, town, date),
                        })
                        .collect(),
                    listed_by: ListRef {
                        id: list.id.clone(),
                        title: list.title.clone(),
                        document: list.document.clone(),
                    },
                }
            })
            .collect();
        out.sort_by(|a, b| (a.kind, &a.domain, &a.code).cmp(&(b.kind, &b.domain, &b.code)));
        Ok(out)
    }

    /// A township's list on `date` against the province template its
    /// county adopted: the items added, removed and changed (kind or lead).
    ///
    /// # Errors
    ///
    /// [`Error::NotTownship`].
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::{DutyChangeKind, Ledger};
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let diff = ledger.duty_diff("130430104000".parse()?, "2022-06-01".parse()?)?;
    /// assert!(diff.iter().any(|d| d.code == "QX-01" && d.change == DutyChangeKind::Added));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn duty_diff(
        &self,
        township: DivisionCode,
        date: NaiveDate,
    ) -> Result<Vec<DutyDiff>, Error> {
        let town = self.town(township)?;
        let template = self.resolve_duties(town, date, true);
        let actual = self.resolve_duties(town, date, false);
        let mut t: Vec<Option<&Entry>> = vec![None; self.duties.items.len()];
        for e in &template {
            t[e.duty as usize] = Some(e);
        }
        let mut a: Vec<Option<&Entry>> = vec![None; self.duties.items.len()];
        for e in &actual {
            a[e.duty as usize] = Some(e);
        }
        let mut out = Vec::new();
        for (i, it) in self.duties.items.iter().enumerate() {
            let change = match (t[i], a[i]) {
                (None, Some(_)) => DutyChangeKind::Added,
                (Some(_), None) => DutyChangeKind::Removed,
                (Some(x), Some(y))
                    if x.kind != y.kind || self.duties.lead(x) != self.duties.lead(y) =>
                {
                    DutyChangeKind::Changed
                }
                _ => continue,
            };
            out.push(DutyDiff {
                change,
                code: it.code.clone(),
                name: it.name.clone(),
                template_kind: t[i].map(|e| e.kind),
                township_kind: a[i].map(|e| e.kind),
                template_lead: t[i].and_then(|e| self.duties.lead(e)).cloned(),
                township_lead: a[i].and_then(|e| self.duties.lead(e)).cloned(),
            });
        }
        Ok(out)
    }

    /// The duty items of the ledger.
    pub fn duty_items(&self) -> &[DutyItem] {
        &self.duties.items
    }

    /// The duty lists of the ledger, in file order.
    pub fn duty_lists(&self) -> &[DutyList] {
        &self.duties.lists
    }

    /// The assessment items and pledges of the ledger, in file order.
    pub fn assessments(&self) -> &[Assessment] {
        &self.duties.assessments
    }

    /// The townships an assessment is aimed at.
    pub(crate) fn assessment_targets(&self, a: &Assessment) -> Vec<DivisionCode> {
        let mut out: Vec<DivisionCode> = a
            .townships
            .iter()
            .copied()
            .filter(|t| t.level() == Level::Township)
            .collect();
        if let Some(c) = a.county {
            if let Some(&slot) = self.county_slots.get(&c) {
                out.extend(
                    self.townships_of_county(slot)
                        .iter()
                        .map(|&t| self.registry.get(self.townships[t as usize]).code),
                );
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Per township aimed at by an assessment or pledge in force on `date`:
    /// the number of assessment items, how many assess a duty on its list
    /// (and the share), and the pledges outside the list.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::Ledger;
    ///
    /// let ledger = Ledger::hebei_sample();
    /// let report = ledger.assessment_report("2021-12-01".parse()?);
    /// let town = report.iter().find(|r| r.township.to_string() == "130430104000").unwrap();
    /// assert_eq!(town.pledges_outside, ["qiu-pledge-2021-investment"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn assessment_report(&self, date: NaiveDate) -> Vec<AssessmentReport> {
        let mut by_town: HashMap<DivisionCode, Vec<u32>> = HashMap::new();
        for (i, a) in self.duties.assessments.iter().enumerate() {
            if a.in_force(date) {
                for t in self.assessment_targets(a) {
                    by_town.entry(t).or_default().push(i as u32);
                }
            }
        }
        let mut towns: Vec<_> = by_town.into_iter().collect();
        towns.sort_unstable_by_key(|(t, _)| *t);
        let mut out = Vec::new();
        for (code, list) in towns {
            let Ok(town) = self.town(code) else { continue };
            let on_list = self.listed(town, date);
            let mut r = AssessmentReport {
                township: code,
                name: self
                    .registry
                    .get(jiceng_org::DivisionId(town.div as u32))
                    .name
                    .clone(),
                assessments: 0,
                backed: 0,
                backed_percent: None,
                pledges: 0,
                pledges_outside: Vec::new(),
            };
            for i in list {
                let a = &self.duties.assessments[i as usize];
                let backed = a.duty.as_ref().is_some_and(|c| on_list(c));
                match a.kind {
                    AssessmentKind::Assessment => {
                        r.assessments += 1;
                        r.backed += usize::from(backed);
                    }
                    AssessmentKind::Pledge => {
                        r.pledges += 1;
                        if !backed {
                            r.pledges_outside.push(a.id.clone());
                        }
                    }
                }
            }
            r.backed_percent = (r.assessments > 0).then(|| {
                // Half up: (200 b + n) / 2n.
                u32::try_from((200 * r.backed + r.assessments) / (2 * r.assessments)).unwrap_or(100)
            });
            out.push(r);
        }
        out
    }

    /// A test of whether a duty code is on the township's list on `date`
    /// (as a basic or cooperative duty: a returned one is no longer its).
    pub(crate) fn listed(&self, town: Town, date: NaiveDate) -> impl Fn(&str) -> bool + '_ {
        let entries = self.resolve_duties(town, date, false);
        let mut on = vec![false; self.duties.items.len()];
        for e in entries {
            on[e.duty as usize] = e.kind != DutyKind::Returned;
        }
        move |code: &str| self.duties.index.get(code).is_some_and(|&d| on[d as usize])
    }
}

impl Finding {
    pub(crate) fn with_duty(mut self, code: &str) -> Finding {
        self.location.duty = Some(code.to_owned());
        self
    }
}
