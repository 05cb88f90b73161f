//! The service item catalogue (政务服务事项实施清单): what each place
//! offers, with its limits, dated.
//!
//! A provincial service platform keeps, for every service item in every
//! place, the power item it implements, the handling kind (即办件 or
//! 承诺件), the statutory limit (法定办结时限, Licensing Law Art. 42) and the
//! promised one (承诺办结时限), the materials, fees, channels and the deciding
//! body, and publishes a guide (办事指南) from it. The province writes the
//! template; a county adapts it (shorter promises, village proxy); a
//! township adapts it again. Each entry is dated: it is in force from
//! `from` until the day before `until`.
//!
//! An entry at a place *offers* the item there; the fields it leaves out are
//! inherited from the entry for the same item at the county, then at the
//! province, as in force on the same day. Cases that name an item and their
//! place take the limits in force on the day they were received
//! ([`Catalogue::apply`]).
//!
//! ```
//! use jiceng_approvals::Catalogue;
//!
//! let cat = Catalogue::suning_sample();
//! let item = cat.resolve("130926103000", "HBFW-XK-003", "2024-03-01".parse()?)?;
//! assert_eq!(item.statutory.to_string(), "20wd");
//! assert_eq!(item.promised.map(|p| p.to_string()).as_deref(), Some("7wd"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::hash::Hash;

use chrono::NaiveDate;
use jiceng_authority::PowerCategory;
use jiceng_calendar::Period;
use jiceng_org::{DivisionCode, Level};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::case::{Case, Channel, EventKind, Handling, Limits};
use crate::error::Error;

/// The bundled illustrative catalogue of Suning County (肃宁县).
pub const BUNDLED_SUNING_CATALOGUE: &str = include_str!("../data/suning-catalogue.toml");

/// The format version this crate reads.
pub const CATALOGUE_FORMAT: u32 = 1;

/// The most entries a catalogue file may hold (2,300 townships × 300 items
/// with room for counties and dates): a larger file is refused before it
/// is indexed.
pub const MAX_ENTRIES: usize = 2_000_000;

/// The most resolved forms (a place's item over one span of days) a
/// catalogue may index: a file whose templates change so often that every
/// place's every item splits into many forms is refused rather than
/// allowed to take memory quadratic in its size.
pub const MAX_FORMS: usize = 8_000_000;

/// How many times the number of entries (or 4,096, whichever is larger)
/// the place × item table may be before the index falls back to a hash of
/// the listed pairs: a province's catalogue, where every township lists
/// most items, gets the table (one look-up per case); a file that
/// scatters items over many places cannot make it quadratic.
const DENSE_FACTOR: usize = 4;

/// Whether the applicant must show the original, hand in a copy, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MaterialForm {
    /// 原件.
    #[serde(alias = "原件")]
    Original,
    /// 复印件.
    #[serde(alias = "复印件")]
    Copy,
    /// 原件和复印件.
    #[serde(alias = "原件和复印件")]
    OriginalAndCopy,
}

impl MaterialForm {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            MaterialForm::Original => "原件",
            MaterialForm::Copy => "复印件",
            MaterialForm::OriginalAndCopy => "原件和复印件",
        }
    }
}

/// One material an applicant hands in (申请材料).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Its name, e.g. `居民身份证`.
    pub name: String,
    /// Original, copy, or both.
    pub form: MaterialForm,
    /// Whether it must be handed in (必要) or only where it applies.
    #[serde(default = "yes")]
    pub required: bool,
    /// Whether the applicant must appear in person with it (本人到场: a
    /// signature before the clerk, face verification). Such a material
    /// cannot be handed in by a village proxy.
    #[serde(default)]
    pub in_person: bool,
}

fn yes() -> bool {
    true
}

/// One fee (收费项目), in yuan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// What is charged for.
    pub name: String,
    /// The amount in yuan, exact (written as a string: `"10.00"`).
    #[schemars(with = "String")]
    pub amount: Decimal,
    /// The document that sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// One entry of a catalogue file, as written: a template (at a province),
/// or an adaptation (at a county or township) that says only what it
/// changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The place: a province (template), city, county or township
    /// (adaptation), as a 12-digit code.
    pub division: DivisionCode,
    /// The service item's code (事项编码), the same in every place.
    pub code: String,
    /// The first day in force.
    pub from: NaiveDate,
    /// The first day no longer in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The name, e.g. `建设工程规划许可证核发`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The power item it implements, by its code in the authority ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_item: Option<String>,
    /// The category (许可, 给付, …), for listings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<PowerCategory>,
    /// 即办件 (`on_the_spot`) or 承诺件 (`promised`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<Handling>,
    /// The statutory limit, in working days (Art. 42, Art. 82).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statutory: Option<Period>,
    /// The promised limit (a service commitment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<Period>,
    /// Whether the limit may be extended once (Art. 42).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_allowed: Option<bool>,
    /// The extension, when allowed: 10wd, or 15wd when joint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Period>,
    /// Unified, joint or concentrated handling (Art. 26, Art. 42).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint: Option<bool>,
    /// The departments handling it jointly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departments: Option<Vec<String>>,
    /// The materials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub materials: Option<Vec<Material>>,
    /// The fees; none means free of charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<Vec<Fee>>,
    /// The channels it can be applied through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<Channel>>,
    /// Whether village stations may take it by proxy (村级代办).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<bool>,
    /// The deciding body, by its code in the authority ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deciding_body: Option<String>,
    /// Where to apply (办理地点).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// A township or county adaptation that stops offering the item there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
    /// A county adaptation for the places below it, offered nowhere by
    /// itself (entries at a province or city always are templates).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub template: bool,
}

/// A catalogue file: a name, whether it is illustrative, and its entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueFile {
    /// The format version: 1.
    pub format: u32,
    /// The catalogue's name.
    pub name: String,
    /// Whether the data is illustrative rather than an official list.
    #[serde(default)]
    pub illustrative: bool,
    /// A note on sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The entries.
    #[serde(default)]
    pub entry: Vec<Entry>,
}

impl CatalogueFile {
    /// The JSON Schema of a catalogue file.
    pub fn schema() -> String {
        schemars::schema_for!(CatalogueFile).as_value().to_string()
    }
}

/// A service item as in force in one place on one day: every field
/// resolved through the template and its adaptations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Item {
    /// The item's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The place that offers it.
    pub division: DivisionCode,
    /// The power item it implements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_item: Option<String>,
    /// Its category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<PowerCategory>,
    /// 即办件 or 承诺件.
    pub handling: Handling,
    /// The statutory limit.
    pub statutory: Period,
    /// The promised limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised: Option<Period>,
    /// Whether one extension is allowed.
    pub extension_allowed: bool,
    /// The extension, when allowed; `0wd` when not.
    pub extension: Period,
    /// Joint handling.
    pub joint: bool,
    /// The departments handling it jointly.
    pub departments: Vec<String>,
    /// The materials.
    pub materials: Vec<Material>,
    /// The fees (empty: free of charge).
    pub fees: Vec<Fee>,
    /// The channels.
    pub channels: Vec<Channel>,
    /// Village proxy allowed.
    pub proxy: bool,
    /// The deciding body's code.
    pub deciding_body: String,
    /// Where to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// The first day this form is in force.
    pub from: NaiveDate,
    /// The first day it is no longer in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The line of the place's own entry in the file, when known.
    #[serde(skip)]
    pub line: Option<usize>,
    /// A template: inherited below, offered nowhere by itself.
    #[serde(skip)]
    pub template: bool,
}

impl Item {
    /// The limits a case of this item inherits. An item that allows no
    /// extension gets an extension of 0 working days.
    pub fn limits(&self) -> Limits {
        Limits {
            statutory: self.statutory,
            promised: self.promised,
            extension: if self.extension_allowed {
                self.extension
            } else {
                Period::WorkingDays(0)
            },
            joint: self.joint,
            delivery: Limits::default().delivery,
        }
    }
}

/// One form of an item in one place over one span of days.
#[derive(Debug, Clone)]
struct Span {
    /// The resolved item, or why it cannot be resolved (a missing field).
    item: Result<Item, String>,
    /// Not offered: withdrawn, or a template.
    withdrawn: bool,
    /// The place.
    place: DivisionCode,
    /// The line of the place's own entry in force, when known: where a
    /// form that cannot be resolved is reported.
    line: Option<usize>,
}

/// What a case needs of a form, in 16 bytes, kept apart from the full
/// [`Item`]: resolving a case reads one such record, and a million cases
/// of a province's catalogue read a million records, not a million items.
#[derive(Debug, Clone, Copy)]
struct Form {
    /// The first day in force.
    from: NaiveDate,
    /// The first day no longer in force.
    until: Option<NaiveDate>,
    /// The number of the form's limits and handling kind in
    /// `Catalogue::limits`, times 8, plus its state (`OFFERED`…); in a
    /// cell of several forms, their number times 8 plus `SEVERAL`.
    packed: u32,
    /// The form's index in `spans` (and `forms`); in a cell of several
    /// forms, the first one's.
    span: u32,
}

const _: () = assert!(std::mem::size_of::<Form>() == 16);

/// A form offered in its place.
const OFFERED: u32 = 0;
/// A form withdrawn in its place.
const WITHDRAWN: u32 = 1;
/// A template: inherited below, offered nowhere by itself.
const TEMPLATE: u32 = 2;
/// A form whose entry and templates lack a field.
const INCOMPLETE: u32 = 3;
/// A cell holding several forms (`span..span + packed / 8` of `forms`).
const SEVERAL: u32 = 4;

impl Form {
    fn state(self) -> u32 {
        self.packed % 8
    }

    fn number(self) -> u32 {
        self.packed / 8
    }
}

/// A hash map keyed by foldhash, seeded per process: item codes and place
/// numbers are short keys, and the default SipHash was an eighth of the
/// time a case's resolution took.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

fn fast_map<K: Eq + Hash, V>() -> FastMap<K, V> {
    HashMap::with_hasher(foldhash::fast::RandomState::default())
}

/// The kind numbers of a place × item table: 2 bytes a cell while a
/// catalogue has fewer than 65,535 distinct kinds, 4 otherwise. The
/// largest number (`u16::MAX`, `u32::MAX`) marks an unlisted cell.
#[derive(Debug, Clone)]
enum Kinds {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Kinds {
    fn get(&self, i: usize) -> Option<u32> {
        match self {
            Kinds::Narrow(v) => v.get(i).copied().filter(|&k| k != u16::MAX).map(u32::from),
            Kinds::Wide(v) => v.get(i).copied().filter(|&k| k != u32::MAX),
        }
    }
}

/// The forms of each place's item, by place number and item number: the
/// number of its kind in `Catalogue::kinds` (its only form, or where its
/// several forms lie), and the index of its first form in
/// `Catalogue::forms` (and `spans`).
#[derive(Debug, Clone)]
enum Cells {
    /// A table of every place × every item: one read, no hashing. Used
    /// when the table is at most a few times the number of entries (a
    /// province's catalogue, where every township lists most items).
    Dense {
        /// The number of items: the row length.
        items: usize,
        /// The kind of each place's item: all that resolving a case
        /// reads, so it is kept apart, as small as it can be.
        kind: Kinds,
        /// The first form of each place's item (0 where unlisted).
        start: Vec<u32>,
    },
    /// The listed pairs only, for files that scatter few items over many
    /// places (the table would be quadratic in the file): (kind, first
    /// form).
    Sparse(FastMap<(u32, u32), (u32, u32)>),
}

impl Cells {
    /// The kind of a place's item, if the place lists it.
    fn kind(&self, place: u32, item: u32) -> Option<u32> {
        match self {
            Cells::Dense { items, kind, .. } => kind.get(place as usize * items + item as usize),
            Cells::Sparse(map) => map.get(&(place, item)).map(|&(k, _)| k),
        }
    }

    /// The kind and first form of a place's item, if the place lists it.
    fn get(&self, place: u32, item: u32) -> Option<(u32, u32)> {
        match self {
            Cells::Dense { items, kind, start } => {
                let i = place as usize * items + item as usize;
                Some((kind.get(i)?, *start.get(i)?))
            }
            Cells::Sparse(map) => map.get(&(place, item)).copied(),
        }
    }
}

/// The form of `v` (in date order) in force on `date`.
fn in_force_form(v: &[Form], date: NaiveDate) -> Option<Form> {
    let k = v.partition_point(|f| f.from <= date).checked_sub(1)?;
    v[k].until.is_none_or(|u| date < u).then_some(v[k])
}

/// A catalogue, indexed for resolution. Item codes and places are
/// numbered once, when the catalogue is built, and every form of every
/// place's item is merged with its templates then; for each place and
/// item the forms over time are a range of `spans` (and of `forms`), in
/// date order.
#[derive(Debug, Clone)]
pub struct Catalogue {
    file: CatalogueFile,
    lines: Vec<Option<usize>>,
    /// Item code → item number.
    codes: FastMap<String, u32>,
    /// Item number → item code.
    names: Vec<String>,
    /// Division code → place number, for the places with entries.
    place_of: FastMap<u64, u32>,
    /// Place number → division code.
    places: Vec<DivisionCode>,
    cells: Cells,
    spans: Vec<Span>,
    forms: Vec<Form>,
    /// The distinct kinds of the cells: a form without its span (many
    /// places' items share the same dates, limits and state: a province's
    /// catalogue has a few dozen), or a cell of several forms, whose
    /// `span` is its first form.
    kinds: Vec<Form>,
    /// The distinct limits and handling kinds of the forms.
    limits: Vec<(Limits, Handling)>,
}

static SUNING: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();

/// The line of each `[[entry]]` header of a TOML file, in order; `None`
/// for each when the headers cannot be matched to the entries (entries
/// written as inline tables).
fn entry_lines(text: &str, n: usize) -> Vec<Option<usize>> {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[entry]]")
        .map(|(i, _)| i + 1)
        .collect();
    if lines.len() == n {
        lines.into_iter().map(Some).collect()
    } else {
        vec![None; n]
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn parse_error(origin: &str, line: Option<usize>, message: impl Into<String>) -> Error {
    Error::Catalogue {
        origin: origin.to_owned(),
        line,
        message: message.into(),
    }
}

impl Catalogue {
    /// The bundled illustrative Suning County catalogue.
    ///
    /// # Panics
    ///
    /// Never: the bundled file is tested to parse.
    pub fn suning_sample() -> &'static Catalogue {
        SUNING.get_or_init(|| {
            #[allow(clippy::expect_used)]
            // Invariant: the bundled file parses (tested in `tests/it/catalogue.rs`).
            Catalogue::from_str_auto(BUNDLED_SUNING_CATALOGUE, "suning-catalogue.toml")
                .expect("the bundled catalogue parses")
        })
    }

    /// Reads a catalogue from TOML, or JSON when the text starts with `{`.
    ///
    /// # Errors
    ///
    /// [`Error::Catalogue`] with the line of a syntax error, an unknown or
    /// malformed field, an unsupported format, or more than
    /// [`MAX_ENTRIES`] entries.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::Catalogue;
    ///
    /// let err = Catalogue::from_str_auto("format = 1\nname = \"x\"\n[[entry]]\ndivision = \"1\"\n", "x.toml")
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("x.toml:4:"), "{err}");
    /// ```
    pub fn from_str_auto(text: &str, origin: &str) -> Result<Catalogue, Error> {
        let json = text.trim_start().starts_with('{');
        let file: CatalogueFile = if json {
            serde_json::from_str(text)
                .map_err(|e| parse_error(origin, Some(e.line()), e.to_string()))?
        } else {
            toml::from_str(text).map_err(|e| {
                let line = e.span().map(|s| line_of(text, s.start));
                parse_error(origin, line, e.message().trim())
            })?
        };
        if file.format != CATALOGUE_FORMAT {
            return Err(parse_error(
                origin,
                Some(1),
                format!(
                    "format {} is not supported (this version reads format {CATALOGUE_FORMAT})",
                    file.format
                ),
            ));
        }
        if !within_entries(file.entry.len()) {
            return Err(parse_error(
                origin,
                None,
                format!(
                    "{} entries is beyond the limit of {MAX_ENTRIES}",
                    file.entry.len()
                ),
            ));
        }
        let lines = if json {
            vec![None; file.entry.len()]
        } else {
            entry_lines(text, file.entry.len())
        };
        Catalogue::build(file, lines).map_err(|m| parse_error(origin, None, m))
    }

    /// Indexes a catalogue file (entries' lines unknown).
    ///
    /// # Errors
    ///
    /// [`Error::Catalogue`] when the file has more than [`MAX_ENTRIES`]
    /// entries or would split into more than [`MAX_FORMS`] forms.
    pub fn from_file(file: CatalogueFile) -> Result<Catalogue, Error> {
        let n = file.entry.len();
        if !within_entries(n) {
            return Err(parse_error(
                &file.name,
                None,
                format!("{n} entries is beyond the limit of {MAX_ENTRIES}"),
            ));
        }
        let name = file.name.clone();
        Catalogue::build(file, vec![None; n]).map_err(|m| parse_error(&name, None, m))
    }

    fn build(file: CatalogueFile, lines: Vec<Option<usize>>) -> Result<Catalogue, String> {
        let mut codes: FastMap<String, u32> = fast_map();
        let mut names: Vec<String> = Vec::new();
        let mut place_of: FastMap<u64, u32> = fast_map();
        let mut places: Vec<DivisionCode> = Vec::new();
        let mut by_place: HashMap<(u64, u32), Vec<usize>> = HashMap::new();
        for (i, e) in file.entry.iter().enumerate() {
            let c = *codes.entry(e.code.clone()).or_insert_with(|| {
                names.push(e.code.clone());
                // At most MAX_ENTRIES codes: the number fits a u32.
                (names.len() - 1) as u32
            });
            place_of.entry(e.division.get()).or_insert_with(|| {
                places.push(e.division);
                (places.len() - 1) as u32
            });
            by_place.entry((e.division.get(), c)).or_default().push(i);
        }
        for v in by_place.values_mut() {
            v.sort_by_key(|&i| file.entry[i].from);
        }
        let mut index = Vec::with_capacity(by_place.len());
        let mut spans: Vec<Span> = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        let mut limits: Vec<(Limits, Handling)> = Vec::new();
        let mut limit_of: HashMap<(Limits, Handling), u32> = HashMap::new();
        let mut count = 0usize;
        for (&(div, c), own) in &by_place {
            let chain = ancestors(div);
            // The days any entry of the chain starts or ends.
            let mut cuts = BTreeSet::new();
            for d in chain.iter().chain(std::iter::once(&div)) {
                if let Some(list) = by_place.get(&(*d, c)) {
                    for &i in list {
                        cuts.insert(file.entry[i].from);
                        if let Some(u) = file.entry[i].until {
                            cuts.insert(u);
                        }
                    }
                }
            }
            let cuts: Vec<NaiveDate> = cuts.into_iter().collect();
            count = count.saturating_add(cuts.len());
            if !within_forms(count) {
                return Err(format!(
                    "the entries split into more than {MAX_FORMS} dated forms; the catalogue is refused"
                ));
            }
            let start = spans.len() as u32;
            for (k, &from) in cuts.iter().enumerate() {
                let until = cuts.get(k + 1).copied();
                let Some(own_i) = in_force(&file.entry, own, from) else {
                    continue;
                };
                let mut layers: Vec<&Entry> = Vec::new();
                for d in &chain {
                    if let Some(list) = by_place.get(&(*d, c)) {
                        if let Some(i) = in_force(&file.entry, list, from) {
                            layers.push(&file.entry[i]);
                        }
                    }
                }
                let own_e = &file.entry[own_i];
                layers.push(own_e);
                let template = own_e.template
                    || DivisionCode::new(div).is_ok_and(|c| c.level() < Level::County);
                let item = merge(&layers, div, from, until, lines[own_i], template);
                // A withdrawn entry is not offered, complete or not.
                let state = match &item {
                    _ if template => TEMPLATE,
                    _ if own_e.withdrawn => WITHDRAWN,
                    Ok(_) => OFFERED,
                    Err(_) => INCOMPLETE,
                };
                let (l, h) = match &item {
                    Ok(i) => (i.limits(), i.handling),
                    Err(_) => (Limits::default(), Handling::default()),
                };
                // At most MAX_FORMS distinct limits: the number times 8
                // fits a u32.
                let number = *limit_of.entry((l, h)).or_insert_with(|| {
                    limits.push((l, h));
                    (limits.len() - 1) as u32
                });
                forms.push(Form {
                    from,
                    until,
                    packed: number * 8 + state,
                    span: spans.len() as u32,
                });
                spans.push(Span {
                    item,
                    withdrawn: own_e.withdrawn || template,
                    place: DivisionCode::new(div).map_err(|e| e.to_string())?,
                    line: lines[own_i],
                });
            }
            // Every key of `by_place` is a place of `place_of`.
            let p = place_of.get(&div).copied().unwrap_or_default();
            let n = spans.len() as u32 - start;
            let cell = match n {
                0 => continue,
                1 => forms[start as usize],
                _ => Form {
                    from: forms[start as usize].from,
                    until: None,
                    packed: n * 8 + SEVERAL,
                    span: start,
                },
            };
            index.push(((p, c), cell));
        }
        // The cells' kinds: a one-form cell's form without its span (the
        // cell's first form gives it back), a cell of several forms as it
        // is.
        let mut kinds: Vec<Form> = Vec::new();
        let mut kind_of: FastMap<(NaiveDate, Option<NaiveDate>, u32, u32), u32> = fast_map();
        let mut cell_kinds = Vec::with_capacity(index.len());
        for ((p, c), f) in index {
            let start = f.span;
            let k = Form {
                from: f.from,
                until: f.until,
                packed: f.packed,
                span: if f.state() == SEVERAL { f.span } else { 0 },
            };
            // At most MAX_FORMS kinds: the number fits a u32 below u32::MAX.
            let n = *kind_of
                .entry((k.from, k.until, k.packed, k.span))
                .or_insert_with(|| {
                    kinds.push(k);
                    (kinds.len() - 1) as u32
                });
            cell_kinds.push(((p, c), (n, start)));
        }
        let cells = if dense(places.len(), names.len(), file.entry.len()) {
            let items = names.len();
            let cells = places.len() * items;
            let mut start = vec![0u32; cells];
            let kind = if kinds.len() < usize::from(u16::MAX) {
                let mut v = vec![u16::MAX; cells];
                for &((p, c), (k, s)) in &cell_kinds {
                    let i = p as usize * items + c as usize;
                    // Fewer kinds than u16::MAX: the number fits.
                    v[i] = k as u16;
                    start[i] = s;
                }
                Kinds::Narrow(v)
            } else {
                let mut v = vec![u32::MAX; cells];
                for &((p, c), (k, s)) in &cell_kinds {
                    let i = p as usize * items + c as usize;
                    v[i] = k;
                    start[i] = s;
                }
                Kinds::Wide(v)
            };
            Cells::Dense { items, kind, start }
        } else {
            let mut map = fast_map();
            map.extend(cell_kinds);
            Cells::Sparse(map)
        };
        Ok(Catalogue {
            file,
            lines,
            codes,
            names,
            place_of,
            places,
            cells,
            spans,
            forms,
            kinds,
            limits,
        })
    }

    /// The catalogue's name.
    pub fn name(&self) -> &str {
        &self.file.name
    }

    /// Whether the catalogue is illustrative.
    pub fn is_illustrative(&self) -> bool {
        self.file.illustrative
    }

    /// The file as read.
    pub fn file(&self) -> &CatalogueFile {
        &self.file
    }

    /// The line of entry `i` in its file, when known.
    pub fn line(&self, i: usize) -> Option<usize> {
        self.lines.get(i).copied().flatten()
    }

    /// The form of item `code` at `division` in force on `date`.
    fn at(&self, division: u64, code: u32, date: NaiveDate) -> Option<Form> {
        let &place = self.place_of.get(&division)?;
        let (kind, start) = self.cells.get(place, code)?;
        let k = self.kinds.get(kind as usize)?;
        let n = if k.state() == SEVERAL { k.number() } else { 1 };
        in_force_form(self.forms.get(start as usize..(start + n) as usize)?, date)
    }

    /// The dates, limits and state of the form of item `code` at
    /// `division` in force on `date`, read from the kinds alone: what a
    /// case needs. Its `span` is not the form's unless the cell has
    /// several forms ([`Catalogue::at`] gives it).
    fn kind_at(&self, division: u64, code: u32, date: NaiveDate) -> Option<Form> {
        self.kind_in(*self.place_of.get(&division)?, code, date)
    }

    /// As [`Catalogue::kind_at`], by place number.
    fn kind_in(&self, place: u32, code: u32, date: NaiveDate) -> Option<Form> {
        self.form_of_kind(self.cells.kind(place, code)?, date)
    }

    /// The form of kind number `kind` in force on `date` (its `span` as in
    /// [`Catalogue::kind_at`]).
    fn form_of_kind(&self, kind: u32, date: NaiveDate) -> Option<Form> {
        let k = *self.kinds.get(kind as usize)?;
        if k.state() == SEVERAL {
            let v = self
                .forms
                .get(k.span as usize..(k.span + k.number()) as usize)?;
            in_force_form(v, date)
        } else {
            in_force_form(std::slice::from_ref(&k), date)
        }
    }

    fn span(&self, division: u64, code: u32, date: NaiveDate) -> Option<&Span> {
        self.at(division, code, date)
            .and_then(|f| self.spans.get(f.span as usize))
    }

    /// The form a case of `code` in `division` on `date` is handled under
    /// (see [`Catalogue::resolve`]).
    /// Answers the form's dates, limits and state (not its span: see
    /// [`Catalogue::kind_at`]), the place that offers it and the item's
    /// number.
    fn locate(
        &self,
        division: &str,
        code: &str,
        date: NaiveDate,
    ) -> Result<(Form, DivisionCode, u32), Error> {
        self.locate_from(self.quick(division, code), division, code, date)
    }

    /// The cell a case names when its division is written in twelve
    /// digits and numbered here and its item is known: (place, item,
    /// kind). Nearly every case does.
    fn quick(&self, division: &str, code: &str) -> Option<Quick> {
        self.cell_of(self.numbers(division, code)?)
    }

    /// The numbers of a place written in twelve digits and of an item.
    fn numbers(&self, division: &str, code: &str) -> Option<(u32, u32)> {
        let p = *self.place_of.get(&twelve_digits(division)?)?;
        Some((p, *self.codes.get(code)?))
    }

    /// The cell of a place and an item by number.
    fn cell_of(&self, (place, item): (u32, u32)) -> Option<Quick> {
        Some(Quick {
            place,
            item,
            kind: self.cells.kind(place, item)?,
        })
    }

    /// As [`Catalogue::locate`], with the cell `quick` read already.
    fn locate_from(
        &self,
        quick: Option<Quick>,
        division: &str,
        code: &str,
        date: NaiveDate,
    ) -> Result<(Form, DivisionCode, u32), Error> {
        // A place that offers the item itself: every numbered place's
        // code is valid, and an offered form is never a template, so its
        // place is a county or below. The walk below would answer the
        // same at its first step, without the code parsed and checked.
        if let Some(q) = quick {
            if let (Some(f), Some(&here)) = (
                self.form_of_kind(q.kind, date),
                self.places.get(q.place as usize),
            ) {
                if f.state() == OFFERED {
                    return Ok((f, here, q.item));
                }
            }
        }
        let unknown = || Error::UnknownServiceItem {
            item: code.chars().take(60).collect(),
            division: division.chars().take(20).collect(),
            date,
        };
        // A division that is not a code at all is a malformed case, not a
        // place where the item is not offered: say so, with the field and
        // the value, before the item is looked up.
        let div: DivisionCode = division
            .parse()
            .map_err(|e| invalid_division(division, &e))?;
        let c = *self.codes.get(code).ok_or_else(unknown)?;
        // Templates above a county are inherited, not offered: the walk up
        // stops at the county.
        let mut d = Some(div);
        while let Some(here) = d.filter(|c| c.level() >= Level::County) {
            if let Some(f) = self.kind_at(here.get(), c, date) {
                match f.state() {
                    OFFERED => return Ok((f, here, c)),
                    WITHDRAWN => return Err(unknown()),
                    TEMPLATE => {}
                    _ => {
                        let m = self
                            .span(here.get(), c, date)
                            .and_then(|s| s.item.as_ref().err())
                            .cloned()
                            .unwrap_or_default();
                        return Err(parse_error(&self.file.name, None, m));
                    }
                }
            }
            d = here.parent();
        }
        Err(unknown())
    }

    /// The item `code` as offered in `division` on `date`: the place's own
    /// entry, or else the nearest enclosing place's up to the county (a
    /// village's case is its township's; a township's case of a county
    /// item is the county's). A province's template is offered nowhere by
    /// itself.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownServiceItem`] when no place from `division` upwards
    /// offers it that day; [`Error::Catalogue`] when the entry in force
    /// lacks a field (no name, statutory limit or deciding body anywhere
    /// in its chain).
    pub fn resolve(&self, division: &str, code: &str, date: NaiveDate) -> Result<&Item, Error> {
        let (_, place, c) = self.locate(division, code, date)?;
        let unknown = || Error::UnknownServiceItem {
            item: code.chars().take(60).collect(),
            division: division.chars().take(20).collect(),
            date,
        };
        // `locate` found the form there: `span` finds it too.
        self.span(place.get(), c, date)
            .ok_or_else(unknown)?
            .item
            .as_ref()
            .map_err(|m| parse_error(&self.file.name, None, m.clone()))
    }

    /// The items `division` itself offers on `date`, by code, optionally
    /// only those of a category and those taken through a channel.
    /// Entries that lack a field are left out (the check reports them).
    /// A village offers what its township offers: its applications are
    /// the township's, as [`Catalogue::resolve`] finds them.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::{Catalogue, Channel};
    ///
    /// let cat = Catalogue::suning_sample();
    /// let day = "2024-03-01".parse()?;
    /// let shangcun = cat.offered("130926103000".parse()?, day, None, None);
    /// let wobei = cat.offered("130926102000".parse()?, day, None, None);
    /// assert!(shangcun.len() > wobei.len());
    /// let proxy = cat.offered("130926102000".parse()?, day, None, Some(Channel::VillageProxy));
    /// assert!(proxy.iter().any(|i| i.name == "高龄津贴发放"));
    /// // A village of 尚村镇 offers what the town does.
    /// assert_eq!(cat.offered("130926103001".parse()?, day, None, None), shangcun);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn offered(
        &self,
        division: DivisionCode,
        date: NaiveDate,
        category: Option<PowerCategory>,
        channel: Option<Channel>,
    ) -> Vec<&Item> {
        let division = match division.level() {
            Level::Village => division.at(Level::Township).unwrap_or(division),
            _ => division,
        };
        let mut out: Vec<&Item> = self
            .codes
            .values()
            .filter_map(|&c| self.span(division.get(), c, date))
            .filter(|s| !s.withdrawn)
            .filter_map(|s| s.item.as_ref().ok())
            .filter(|i| category.is_none_or(|c| i.category == Some(c)))
            .filter(|i| channel.is_none_or(|ch| i.channels.contains(&ch)))
            .collect();
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out
    }

    /// Every resolved form of every entry, with the index of the place's
    /// own entry, for the checks.
    pub(crate) fn forms(
        &self,
    ) -> impl Iterator<Item = (u64, &Result<Item, String>, NaiveDate, Option<usize>)> + '_ {
        // `forms[i]` is the form of `spans[i]`: they are pushed together.
        self.spans
            .iter()
            .zip(&self.forms)
            .filter(|(s, _)| !s.withdrawn)
            .map(|(s, f)| (s.place.get(), &s.item, f.from, s.line))
    }

    /// The guide (办事指南) of item `code` in `division` on `date`.
    ///
    /// # Errors
    ///
    /// As [`Catalogue::resolve`].
    pub fn guide(&self, division: &str, code: &str, date: NaiveDate) -> Result<Guide<'_>, Error> {
        Ok(Guide {
            date,
            item: self.resolve(division, code, date)?,
            deciding_body_name: None,
        })
    }

    /// The differences between the items offered in `a` on `date_a` and in
    /// `b` on `date_b`: two townships on one day, or one place on two days.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::Catalogue;
    ///
    /// let cat = Catalogue::suning_sample();
    /// let day = "2024-03-01".parse()?;
    /// let d = cat.diff("130926103000".parse()?, day, "130926102000".parse()?, day);
    /// assert!(d.only_a.iter().any(|c| c == "HBFW-XK-003"));
    /// assert!(d.only_b.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn diff(
        &self,
        a: DivisionCode,
        date_a: NaiveDate,
        b: DivisionCode,
        date_b: NaiveDate,
    ) -> Diff {
        let xa = self.offered(a, date_a, None, None);
        let xb = self.offered(b, date_b, None, None);
        let find = |v: &[&Item], code: &str| v.iter().position(|i| i.code == code);
        let mut d = Diff::default();
        for i in &xa {
            match find(&xb, &i.code) {
                None => d.only_a.push(i.code.clone()),
                Some(k) => {
                    let j = xb[k];
                    let mut f = |field: &'static str, x: String, y: String| {
                        if x != y {
                            d.changed.push(Change {
                                code: i.code.clone(),
                                field,
                                a: x,
                                b: y,
                            });
                        }
                    };
                    f(
                        "handling",
                        handling_zh(i.handling).into(),
                        handling_zh(j.handling).into(),
                    );
                    f(
                        "statutory",
                        i.statutory.to_string(),
                        j.statutory.to_string(),
                    );
                    f("promised", show_p(i.promised), show_p(j.promised));
                    f(
                        "extension_allowed",
                        i.extension_allowed.to_string(),
                        j.extension_allowed.to_string(),
                    );
                    f(
                        "channels",
                        channels_zh(&i.channels),
                        channels_zh(&j.channels),
                    );
                    f("proxy", i.proxy.to_string(), j.proxy.to_string());
                    f("fees", fees_zh(&i.fees), fees_zh(&j.fees));
                    f(
                        "materials",
                        i.materials.len().to_string(),
                        j.materials.len().to_string(),
                    );
                }
            }
        }
        for j in &xb {
            if find(&xa, &j.code).is_none() {
                d.only_b.push(j.code.clone());
            }
        }
        d
    }

    /// Resolves a case's limits from the catalogue: the item the case names
    /// in its `division`, as in force on the day it was received. A limit the
    /// case gives inline (see [`Inline`]) is kept, and named in the answer
    /// as an override when it differs from the catalogue's.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownServiceItem`] for an item not offered there that
    /// day; [`Error::Parse`] for a case without a division, an item or a
    /// receipt.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::{Case, Catalogue, Inline};
    ///
    /// let line = r#"{"id":"A","item":"HBFW-XK-003","division":"130926103000",
    ///   "events":[{"date":"2024-03-01","kind":"received"}]}"#;
    /// let mut case = Case::from_json(line)?;
    /// let inline = Inline::from_json(line)?;
    /// let applied = Catalogue::suning_sample().apply(&mut case, &inline)?;
    /// assert_eq!(case.limits.promised.map(|p| p.to_string()).as_deref(), Some("7wd"));
    /// assert!(applied.overridden.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply<'c>(&'c self, case: &mut Case, inline: &Inline) -> Result<Applied<'c>, Error> {
        let quick = self.quick_of(case);
        self.apply_from(quick, received(case), case, inline)
    }

    /// Resolves the limits of a batch of cases, each with the limits its
    /// line gives inline: the same answers as [`Catalogue::apply`] on each
    /// in turn, in the same order.
    ///
    /// It is faster on a large catalogue: the index cells the whole batch
    /// names are read first, one after the other. The reads of a province's
    /// place × item table are scattered (cases of any place and item come
    /// in any order), and read together they overlap instead of each
    /// waiting for memory in turn. A few hundred cases a batch is enough.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::{Case, Catalogue, Inline};
    ///
    /// let line = |id: &str, item: &str| format!(
    ///     r#"{{"id":"{id}","item":"{item}","division":"130926103000",
    ///         "events":[{{"date":"2024-03-01","kind":"received"}}]}}"#);
    /// let mut batch = Vec::new();
    /// for (id, item) in [("A", "HBFW-XK-003"), ("B", "NO-SUCH-ITEM")] {
    ///     let l = line(id, item);
    ///     batch.push((Case::from_json(&l)?, Inline::from_json(&l)?));
    /// }
    /// let answers = Catalogue::suning_sample().apply_batch(&mut batch);
    /// assert!(answers[0].is_ok() && answers[1].is_err());
    /// assert_eq!(batch[0].0.limits.promised.map(|p| p.to_string()).as_deref(), Some("7wd"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_batch<'c>(
        &'c self,
        batch: &mut [(Case, Inline)],
    ) -> Vec<Result<Applied<'c>, Error>> {
        // What each case names and when it was received, then the cells
        // they name, read for the whole batch first: none of these reads
        // waits on another.
        let named: Vec<(Option<Numbers>, Option<NaiveDate>)> = batch
            .iter()
            .map(|(c, _)| {
                let n = match (&c.division, &c.item) {
                    (Some(d), Some(i)) => self.numbers(d, i),
                    _ => None,
                };
                (n, received(c))
            })
            .collect();
        let cells: Vec<Option<Quick>> = named
            .iter()
            .map(|&(n, _)| n.and_then(|n| self.cell_of(n)))
            .collect();
        batch
            .iter_mut()
            .zip(named.into_iter().zip(cells))
            .map(|((case, inline), ((_, r), q))| self.apply_from(q, r, case, inline))
            .collect()
    }

    fn quick_of(&self, case: &Case) -> Option<Quick> {
        self.quick(case.division.as_deref()?, case.item.as_deref()?)
    }

    /// As [`Catalogue::apply`], with the case's cell and receipt date
    /// read already.
    fn apply_from<'c>(
        &'c self,
        quick: Option<Quick>,
        received: Option<NaiveDate>,
        case: &mut Case,
        inline: &Inline,
    ) -> Result<Applied<'c>, Error> {
        let division = case.division.as_deref().ok_or_else(|| Error::Parse {
            field: "division".to_owned(),
            value: String::new(),
            message: "a case looked up in a catalogue must name its division".to_owned(),
        })?;
        let code = case.item.as_deref().ok_or_else(|| Error::Parse {
            field: "item".to_owned(),
            value: String::new(),
            message: "a case with a division must name its service item".to_owned(),
        })?;
        let received = received.ok_or_else(|| Error::Parse {
            field: "events".to_owned(),
            value: "[]".to_owned(),
            message: "a case without events has no receipt date to look its item up".to_owned(),
        })?;
        let (form, place, c) = self.locate_from(quick, division, code, received)?;
        // Invariant: a form's limits number indexes `limits`.
        let (cat, handling) = self.limits[form.number() as usize];
        let mut overridden = Vec::new();
        let l = &mut case.limits;
        if inline.statutory {
            if l.statutory != cat.statutory {
                overridden.push("statutory");
            }
        } else {
            l.statutory = cat.statutory;
        }
        if inline.promised {
            if l.promised != cat.promised {
                overridden.push("promised");
            }
        } else {
            l.promised = cat.promised;
        }
        if inline.extension {
            if l.extension != cat.extension {
                overridden.push("extension");
            }
        } else {
            l.extension = cat.extension;
        }
        if inline.joint {
            if l.joint != cat.joint {
                overridden.push("joint");
            }
        } else {
            l.joint = cat.joint;
        }
        if inline.handling {
            if case.handling != handling {
                overridden.push("handling");
            }
        } else {
            case.handling = handling;
        }
        Ok(Applied {
            // Invariant: `locate` answers an item number the catalogue
            // gave, an index of `names`.
            item: &self.names[c as usize],
            division: place,
            from: form.from,
            received,
            overridden,
        })
    }
}

/// Which limits a case line gives itself (the catalogue's are used for the
/// others).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Inline {
    /// `statutory` given.
    pub statutory: bool,
    /// `promised` given.
    pub promised: bool,
    /// `extension` given.
    pub extension: bool,
    /// `joint` given.
    pub joint: bool,
    /// `handling` given.
    pub handling: bool,
}

#[derive(Deserialize)]
struct Keys {
    #[serde(default)]
    statutory: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    promised: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    extension: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    joint: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    handling: Option<serde::de::IgnoredAny>,
}

impl Inline {
    /// Which limits a case line gives inline.
    ///
    /// A line that mentions none of the limit keys, and has no `\u`
    /// escape that could spell one, gives none: it is not parsed again
    /// (the caller has read it as a [`Case`] already).
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] when a line that may give a limit is not a JSON
    /// object.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::Inline;
    ///
    /// let i = Inline::from_json(r#"{"id":"A","promised":"5wd","events":[]}"#)?;
    /// assert!(i.promised && !i.statutory);
    /// let i = Inline::from_json(r#"{"id":"A","\u0070romised":"5wd","events":[]}"#)?;
    /// assert!(i.promised);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(line: &str) -> Result<Inline, Error> {
        const KEYS: [&str; 5] = [
            "\"statutory\"",
            "\"promised\"",
            "\"extension\"",
            "\"joint\"",
            "\"handling\"",
        ];
        if !line.contains("\\u") && !KEYS.iter().any(|k| line.contains(k)) {
            return Ok(Inline::default());
        }
        let k: Keys = serde_json::from_str(line).map_err(|e| Error::Parse {
            field: "(line)".to_owned(),
            value: crate::case::shown_line(line),
            message: e.to_string(),
        })?;
        Ok(Inline {
            statutory: k.statutory.is_some(),
            promised: k.promised.is_some(),
            extension: k.extension.is_some(),
            joint: k.joint.is_some(),
            handling: k.handling.is_some(),
        })
    }
}

/// What the catalogue gave a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Applied<'c> {
    /// The item's code (borrowed from the catalogue: resolving a case
    /// copies no string).
    pub item: &'c str,
    /// The place whose entry applied.
    pub division: DivisionCode,
    /// The first day of the form that applied.
    pub from: NaiveDate,
    /// The receipt date it was looked up on.
    pub received: NaiveDate,
    /// The limits the case gives itself that differ from the catalogue's
    /// (flagged: the agency applied other limits than it published).
    pub overridden: Vec<&'static str>,
}

/// The differences between two places or two days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diff {
    /// Items offered only in the first.
    pub only_a: Vec<String>,
    /// Items offered only in the second.
    pub only_b: Vec<String>,
    /// Items offered in both, with a field that differs.
    pub changed: Vec<Change>,
}

/// One field of one item that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Change {
    /// The item's code.
    pub code: String,
    /// The field.
    pub field: &'static str,
    /// Its value in the first.
    pub a: String,
    /// Its value in the second.
    pub b: String,
}

/// The guide (办事指南) of one item, as published to citizens.
#[derive(Debug, Clone, Serialize)]
pub struct Guide<'a> {
    /// The day it is the guide of.
    pub date: NaiveDate,
    /// The item.
    pub item: &'a Item,
    /// The deciding body's name, when the caller knows it (from the
    /// authority ledger's registry).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deciding_body_name: Option<String>,
}

/// 即办件 or 承诺件.
pub fn handling_zh(h: Handling) -> &'static str {
    match h {
        Handling::OnTheSpot => "即办件",
        Handling::Promised => "承诺件",
    }
}

/// The Chinese name of a channel.
pub fn channel_zh(c: Channel) -> &'static str {
    match c {
        Channel::Counter => "窗口办理",
        Channel::Online => "网上办理",
        Channel::VillageProxy => "村级代办",
    }
}

fn channels_zh(v: &[Channel]) -> String {
    v.iter()
        .map(|c| channel_zh(*c))
        .collect::<Vec<_>>()
        .join("、")
}

fn fees_zh(v: &[Fee]) -> String {
    if v.is_empty() {
        return "不收费".to_owned();
    }
    v.iter()
        .map(|f| format!("{} {}元", f.name, f.amount))
        .collect::<Vec<_>>()
        .join("；")
}

fn show_p(p: Option<Period>) -> String {
    p.map_or_else(|| "-".to_owned(), |p| p.to_string())
}

/// A period in Chinese words: `20个工作日`, `30日`.
pub fn period_zh(p: Period) -> String {
    match p {
        Period::WorkingDays(n) => format!("{n}个工作日"),
        Period::Days(n) => format!("{n}日"),
        Period::Months(n) => format!("{n}个月"),
        Period::Years(n) => format!("{n}年"),
    }
}

/// Markdown table cells may not hold `|` or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "｜").replace(['\n', '\r'], " ")
}

impl Guide<'_> {
    /// The guide in Markdown, in Chinese.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::Catalogue;
    ///
    /// let g = Catalogue::suning_sample().guide("130926103000", "HBFW-XK-003", "2024-03-01".parse()?)?;
    /// let md = g.markdown();
    /// assert!(md.contains("法定办结时限：20个工作日"));
    /// assert!(md.contains("承诺办结时限：7个工作日"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn markdown(&self) -> String {
        let i = self.item;
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(s, "# {}办事指南\n", cell(&i.name));
        let _ = writeln!(s, "- 事项编码：{}", cell(&i.code));
        let _ = writeln!(s, "- 实施地区：{}", i.division);
        if let Some(c) = i.category {
            let _ = writeln!(s, "- 事项类型：{}", c.zh());
        }
        if let Some(p) = &i.power_item {
            let _ = writeln!(s, "- 对应权力事项：{}", cell(p));
        }
        let _ = writeln!(s, "- 办件类型：{}", handling_zh(i.handling));
        let _ = writeln!(s, "- 法定办结时限：{}", period_zh(i.statutory));
        let _ = writeln!(
            s,
            "- 承诺办结时限：{}",
            match (i.handling, i.promised) {
                (Handling::OnTheSpot, _) => "当场办结".to_owned(),
                (_, Some(p)) => period_zh(p),
                (_, None) => "未承诺".to_owned(),
            }
        );
        let _ = writeln!(
            s,
            "- 是否可以延期：{}",
            if i.extension_allowed {
                format!("可延长{}", period_zh(i.extension))
            } else {
                "否".to_owned()
            }
        );
        if i.joint || !i.departments.is_empty() {
            let _ = writeln!(s, "- 联合办理部门：{}", cell(&i.departments.join("、")));
        }
        match &self.deciding_body_name {
            Some(n) => {
                let _ = writeln!(s, "- 决定机关：{}（{}）", cell(n), cell(&i.deciding_body));
            }
            None => {
                let _ = writeln!(s, "- 决定机关：{}", cell(&i.deciding_body));
            }
        }
        if let Some(o) = &i.office {
            let _ = writeln!(s, "- 办理地点：{}", cell(o));
        }
        let _ = writeln!(s, "- 办理渠道：{}", channels_zh(&i.channels));
        let _ = writeln!(
            s,
            "- 村级代办：{}",
            if i.proxy {
                "可由村便民服务站代办"
            } else {
                "否"
            }
        );
        let _ = writeln!(s, "- 收费标准：{}", cell(&fees_zh(&i.fees)));
        let _ = writeln!(s, "\n## 申请材料\n");
        let _ = writeln!(s, "| 材料名称 | 原件/复印件 | 是否必需 | 本人到场 |");
        let _ = writeln!(s, "|---|---|---|---|");
        for m in &i.materials {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                cell(&m.name),
                m.form.zh(),
                if m.required { "必需" } else { "容缺" },
                if m.in_person { "是" } else { "否" }
            );
        }
        let _ = writeln!(s, "\n（{}有效）", self.date);
        s
    }
}

/// The day a case was received: its first `received` event, or else its
/// first event.
fn received(case: &Case) -> Option<NaiveDate> {
    case.events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Received))
        .or(case.events.first())
        .map(|e| e.date)
}

/// A place's number and an item's.
type Numbers = (u32, u32);

/// The cell of a case: its place's number, its item's, and the cell's
/// kind in `Catalogue::kinds`.
#[derive(Debug, Clone, Copy)]
struct Quick {
    place: u32,
    item: u32,
    kind: u32,
}

/// The error of a case whose `division` is not a division code: the
/// field, the value as written (cut to 20 characters, as the catalogue's
/// other messages cut it) and the code's own reason.
fn invalid_division(division: &str, e: &jiceng_org::Error) -> Error {
    let reason = match e {
        jiceng_org::Error::InvalidCode { reason, .. } => (*reason).to_owned(),
        other => other.to_string(),
    };
    let cut: String = division.chars().take(20).collect();
    Error::Parse {
        field: "division".to_owned(),
        value: serde_json::Value::String(cut).to_string(),
        message: format!("not a valid division code: {reason}"),
    }
}

/// The number a text of exactly twelve ASCII digits writes (the division
/// codes of case lines), without checking it is a valid code.
fn twelve_digits(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')))
}

/// The province, city and county codes above a code, top down, then
/// nothing for the code itself.
fn ancestors(div: u64) -> Vec<u64> {
    let Ok(code) = DivisionCode::new(div) else {
        return Vec::new();
    };
    let mut v = Vec::new();
    let mut p = code.parent();
    while let Some(c) = p {
        v.push(c.get());
        p = c.parent();
    }
    v.reverse();
    v
}

/// The entry of `list` (sorted by `from`) in force on `day`: the latest
/// to start on or before it that has not ended. A binary search finds the
/// last start; overlapping entries (a duplicate, reported by the check)
/// are the only reason to look further back.
fn in_force(entries: &[Entry], list: &[usize], day: NaiveDate) -> Option<usize> {
    let k = list.partition_point(|&i| entries[i].from <= day);
    list[..k]
        .iter()
        .rev()
        .copied()
        .find(|&i| entries[i].until.is_none_or(|u| day < u))
}

/// Merges the layers (template first, the place's own entry last).
fn merge(
    layers: &[&Entry],
    division: u64,
    from: NaiveDate,
    until: Option<NaiveDate>,
    line: Option<usize>,
    template: bool,
) -> Result<Item, String> {
    macro_rules! pick {
        ($f:ident) => {
            layers.iter().rev().find_map(|e| e.$f.clone())
        };
    }
    let own = layers[layers.len() - 1];
    let missing = |field: &str| {
        format!(
            "item {} in {} from {from}: no `{field}` in its entry or its templates",
            own.code, own.division
        )
    };
    let joint = pick!(joint).unwrap_or(false);
    let extension_allowed = pick!(extension_allowed).unwrap_or(true);
    let default = if joint {
        Limits::joint()
    } else {
        Limits::default()
    };
    Ok(Item {
        code: own.code.clone(),
        name: pick!(name).ok_or_else(|| missing("name"))?,
        division: DivisionCode::new(division).map_err(|e| e.to_string())?,
        power_item: pick!(power_item),
        category: pick!(category),
        handling: pick!(handling).unwrap_or_default(),
        statutory: pick!(statutory).ok_or_else(|| missing("statutory"))?,
        promised: pick!(promised),
        extension_allowed,
        // An item that allows no extension has none, whatever length its
        // entry or template writes: every format shows what a case of it
        // is evaluated with (0wd), as `Item::limits` gives it.
        extension: if extension_allowed {
            pick!(extension).unwrap_or(default.extension)
        } else {
            Period::WorkingDays(0)
        },
        joint,
        departments: pick!(departments).unwrap_or_default(),
        materials: pick!(materials).unwrap_or_default(),
        fees: pick!(fees).unwrap_or_default(),
        channels: pick!(channels).unwrap_or_else(|| vec![Channel::Counter]),
        proxy: pick!(proxy).unwrap_or(false),
        // A template names no deciding body: each place names its own.
        deciding_body: match pick!(deciding_body) {
            Some(b) => b,
            None if template => String::new(),
            None => return Err(missing("deciding_body")),
        },
        office: pick!(office),
        from,
        until,
        line,
        template,
    })
}

/// Whether `places` × `items` cells are few enough for a table: at most
/// [`DENSE_FACTOR`] times the `entries` (or 4,096, whichever is larger).
fn dense(places: usize, items: usize, entries: usize) -> bool {
    places.saturating_mul(items) <= DENSE_FACTOR.saturating_mul(entries.max(4096))
}

/// Whether a file of `n` entries is within [`MAX_ENTRIES`].
fn within_entries(n: usize) -> bool {
    n <= MAX_ENTRIES
}

/// Whether a catalogue of `count` forms is within [`MAX_FORMS`].
fn within_forms(count: usize) -> bool {
    count <= MAX_FORMS
}

/// Whether `a` is a township (the level the devolution check looks at).
pub(crate) fn is_township(a: u64) -> bool {
    DivisionCode::new(a).is_ok_and(|c| c.level() == Level::Township)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_digits_are_read_as_the_number_they_write() {
        assert_eq!(twelve_digits("130926103000"), Some(130_926_103_000));
        assert_eq!(twelve_digits("999999999999"), Some(999_999_999_999));
        // Anything else takes the parse and the walk.
        for s in [
            "13092610300",
            "1309261030000",
            " 13092610300",
            "13092610300x",
            "130926",
        ] {
            assert_eq!(twelve_digits(s), None, "{s}");
        }
    }

    #[test]
    fn a_case_of_a_listed_place_and_item_is_answered_from_its_cell() {
        // 尚村镇 lists the construction planning permit itself; a village
        // of it does not (its case takes the walk up).
        let cat = Catalogue::suning_sample();
        let q = cat.quick("130926103000", "HBFW-XK-003");
        assert!(
            q.is_some_and(|q| cat.names[q.item as usize] == "HBFW-XK-003"
                && cat.places[q.place as usize].get() == 130_926_103_000)
        );
        assert!(cat.quick("130926103200", "HBFW-XK-003").is_none());
    }

    #[test]
    fn eight_million_forms_are_the_most_a_catalogue_may_split_into() {
        // MAX_FORMS is 8,000,000: that many is allowed, one more refused.
        assert!(within_forms(8_000_000));
        assert!(!within_forms(8_000_001));
        assert!(within_forms(0));
    }

    #[test]
    fn two_million_entries_are_the_most_a_file_may_hold() {
        // MAX_ENTRIES is 2,000,000: that many is read, one more refused.
        assert!(within_entries(2_000_000));
        assert!(!within_entries(2_000_001));
    }

    #[test]
    fn the_table_is_at_most_four_times_the_entries() {
        // The bench's province: 2,301 places × 300 items = 690,300 cells
        // for 690,300 entries, well within 4 × 690,300.
        assert!(dense(2_301, 300, 690_300));
        // 128 × 128 = 16,384 = 4 × 4,096 cells: the bound itself.
        assert!(dense(128, 128, 10));
        // 129 × 128 = 16,512 > 16,384: a hash.
        assert!(!dense(129, 128, 10));
        // 5,000 entries: 20,000 cells allowed; 141 × 142 = 20,022 are not,
        // 141 × 141 = 19,881 are.
        assert!(dense(141, 141, 5_000));
        assert!(!dense(141, 142, 5_000));
    }
}
