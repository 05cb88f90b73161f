//! Scenario files: the territory, demand, handling times, policies, the
//! baseline and the reforms to compare with it.
//!
//! A scenario is TOML with a published JSON Schema ([`scenario_schema`]).
//! Reading one checks every field and reports every problem at once, each
//! with the file, the line of its entry and the field's path, so that an
//! analyst fixes a file in one pass; nothing runs on a bad scenario.
//!
//! The mechanics follow the reform's story: county departments hold the
//! power items (Administrative Penalty Law Art. 23) until an instrument
//! devolves them to the townships (Art. 24); a township-held item is handled
//! by the township's own staff, anything else goes up to the county
//! department after a travel and hand-over delay. Approvals are decided
//! within the statutory limit of the Administrative Licensing Law (Art. 42:
//! 20 working days, Art. 82) and the promised one; penalty cases within
//! Art. 60's 90 days; grid events within a service level.
//!
//! # Example
//!
//! ```
//! let s = jiceng_sim::Scenario::bundled("qiu")?;
//! assert_eq!(s.file().territory.counties.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, Problem};

/// The bundled Hebei-like province (about 2,300 townships, synthetic).
pub const BUNDLED_PROVINCE: &str = include_str!("../data/hebei-province.toml");
/// The bundled Qiu County scenario (7 towns; enforcement devolved).
pub const BUNDLED_QIU: &str = include_str!("../data/qiu-county.toml");
/// The bundled Baitaling subdistrict scenario (39 staff, then +21).
pub const BUNDLED_BAITALING: &str = include_str!("../data/baitaling.toml");

/// The most days a scenario may simulate (ten years).
pub const MAX_DAYS: u32 = 3660;
/// The most townships a territory may have.
pub const MAX_TOWNSHIPS: usize = 10_000;
/// The most expected arrivals in one replication of one variant.
pub const MAX_EXPECTED_ARRIVALS: f64 = 100_000_000.0;
/// The most replications a run may ask for.
pub const MAX_REPLICATIONS: u32 = 100_000;
/// The most township results a run may produce: townships × variants (the
/// baseline and each reform). Each costs some 6 KB in memory and 2 KB of
/// `summary.json` (ten estimates and ten differences), so the cap keeps
/// them near 120 MB; a province of 3,000 townships fits with 5 reforms.
pub const MAX_TOWNSHIP_RESULTS: u64 = 20_000;
/// The most daily points a run may produce: daily series (the province,
/// and each county with `[output] daily = "counties"`) × days × variants.
/// Each costs some 1.2 KB in memory and 650 bytes of `summary.json` (four
/// estimates), so the cap keeps them near 180 MB; 168 series (a province
/// and its counties) fit a year with one reform, and a province's own
/// series ten years with 20 reforms.
pub const MAX_DAILY_POINTS: u64 = 150_000;

/// A scenario file as written.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// The scenario's name.
    pub name: String,
    /// What the scenario shows and where its figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The master seed (the command line may override it).
    pub seed: u64,
    /// Replications to run by default.
    #[serde(default = "default_replications")]
    pub replications: u32,
    /// The simulated period.
    #[schemars(with = "PeriodSpec")]
    pub period: Spanned<PeriodSpec>,
    /// The territory: explicit counties and townships, or a synthetic province.
    pub territory: Territory,
    /// Baseline staffing rules for bodies without explicit staff.
    #[serde(default)]
    pub staff: StaffRules,
    /// The power items and grid event categories that generate work.
    #[serde(rename = "item")]
    #[schemars(with = "Vec<ItemSpec>")]
    pub items: Vec<Spanned<ItemSpec>>,
    /// Escalation to the county.
    #[serde(default)]
    pub escalation: Escalation,
    /// Working hours and calendar.
    #[serde(default)]
    pub policy: Policy,
    /// The baseline's instruments and staffing changes.
    #[serde(default)]
    pub baseline: Variant,
    /// The reforms, each applied on top of the baseline.
    #[serde(default, rename = "reform")]
    #[schemars(with = "Vec<Variant>")]
    pub reforms: Vec<Spanned<Variant>>,
    /// Output options.
    #[serde(default)]
    pub output: Output,
}

fn default_replications() -> u32 {
    10
}

/// The simulated period.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodSpec {
    /// The first day (ISO date string).
    pub from: NaiveDate,
    /// The number of calendar days (1 to 3660).
    pub days: u32,
}

/// The territory.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Territory {
    /// The authority ledger that routes the items: a ledger file's path
    /// (relative to the scenario file), or `bundled` for the Hebei sample.
    /// Items naming a `power_item` are then held where the ledger says, day
    /// by day, and the townships must be divisions of the ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger: Option<String>,
    /// The province's 12-digit code (two digits, then ten zeros). Left out,
    /// it is the province of the counties' codes; a synthetic territory,
    /// whose county codes are made from it, must give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_code: Option<String>,
    /// The province's name; left out, the name of the province its code
    /// stands for (GB/T 2260).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_name: Option<String>,
    /// A seeded synthetic province (instead of explicit counties).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synthetic: Option<Synthetic>,
    /// Explicit counties with their townships.
    #[serde(default, rename = "county")]
    #[schemars(with = "Vec<CountySpec>")]
    pub counties: Vec<Spanned<CountySpec>>,
}

/// The provinces of GB/T 2260 by their two-digit prefix.
const PROVINCE_NAMES: [(&str, &str); 34] = [
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
    ("71", "台湾省"),
    ("81", "香港特别行政区"),
    ("82", "澳门特别行政区"),
];

/// The name of the province whose code starts with `prefix` (two digits).
fn province_name(prefix: &str) -> Option<&'static str> {
    PROVINCE_NAMES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|&(_, n)| n)
}

/// `code` as a division code at `level`, if it is one.
fn code_at(code: &str, level: jiceng_org::Level) -> Option<jiceng_org::DivisionCode> {
    code.parse::<jiceng_org::DivisionCode>()
        .ok()
        .filter(|c| c.level() == level)
}

/// What is wrong with `code` as the code of a division at `level`: not a
/// division code at all (with the reason), or one of another level
/// (`shape` says what the level's codes look like).
fn level_problem(code: &str, level: jiceng_org::Level, what: &str, shape: &str) -> Option<String> {
    match code.parse::<jiceng_org::DivisionCode>() {
        Err(jiceng_org::Error::InvalidCode { reason, .. }) => {
            Some(format!("`{code}` is not a division code ({reason})"))
        }
        Err(e) => Some(format!("`{code}` is not a division code ({e})")),
        Ok(c) if c.level() != level => Some(format!(
            "`{code}` is not a {what}'s division code ({shape})"
        )),
        Ok(_) => None,
    }
}

/// A synthetic province: counties, townships per county, populations drawn
/// from a lognormal distribution, all from a seed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Synthetic {
    /// The seed of the territory (not of the arrivals).
    pub seed: u64,
    /// Number of counties (1 to 1000).
    pub counties: u32,
    /// Townships per county: drawn uniformly in [min, max].
    pub townships_per_county: [u32; 2],
    /// Median township population.
    pub population_median: f64,
    /// Sigma of the log of township population (0 to 2).
    pub population_sigma: f64,
}

/// A county with its townships.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountySpec {
    /// The 12-digit division code.
    pub code: String,
    /// The name (with a ledger, the ledger's name when left out).
    #[serde(default)]
    pub name: String,
    /// County departments' staff (else from `[staff.county]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<DeskStaff>,
    /// The townships and subdistricts.
    #[serde(rename = "township")]
    #[schemars(with = "Vec<TownshipSpec>")]
    pub townships: Vec<Spanned<TownshipSpec>>,
}

/// A township or subdistrict.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TownshipSpec {
    /// The 12-digit division code.
    pub code: String,
    /// The name (with a ledger, the ledger's name when left out).
    #[serde(default)]
    pub name: String,
    /// Residents.
    pub population: u32,
    /// Staff per desk (else from `[staff.township]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<DeskStaff>,
}

/// Staff per desk of one body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeskStaff {
    /// Service centre (approvals).
    pub service: u32,
    /// Enforcement team (penalty cases).
    pub enforcement: u32,
    /// Grid handling (grid events).
    pub grid: u32,
}

/// The desk that handles an item: which staff serve it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Desk {
    /// Approvals: the township service centre or the county department.
    Service,
    /// Penalty cases: the township enforcement team or the county bureau.
    Enforcement,
    /// Grid events: the township's grid staff or the county department.
    Grid,
}

impl Desk {
    /// Every desk, in index order.
    pub const ALL: [Desk; 3] = [Desk::Service, Desk::Enforcement, Desk::Grid];

    /// The desk's index (0, 1, 2).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Staff rules per desk: `per_10k` staff per 10,000 residents, at least `min`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeskRule {
    /// Service-centre staff per 10,000 residents.
    pub service_per_10k: f64,
    /// Enforcement staff per 10,000 residents.
    pub enforcement_per_10k: f64,
    /// Grid staff per 10,000 residents.
    pub grid_per_10k: f64,
    /// The least staff of each desk.
    #[serde(default = "one")]
    pub min: u32,
}

fn one() -> u32 {
    1
}

/// Baseline staffing rules for townships and county departments.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffRules {
    /// Township desks, per 10,000 township residents.
    pub township: DeskRule,
    /// County desks, per 10,000 county residents.
    pub county: DeskRule,
}

impl Default for StaffRules {
    fn default() -> StaffRules {
        StaffRules {
            township: DeskRule {
                service_per_10k: 1.0,
                enforcement_per_10k: 0.5,
                grid_per_10k: 1.5,
                min: 1,
            },
            county: DeskRule {
                service_per_10k: 0.2,
                enforcement_per_10k: 0.1,
                grid_per_10k: 0.2,
                min: 1,
            },
        }
    }
}

/// The kind of work an item generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A licensing application (Licensing Law): the service desk.
    Approval,
    /// A penalty case (Penalty Law): the enforcement desk.
    Penalty,
    /// A grid event (a resident's problem): the grid desk.
    Grid,
}

impl ItemKind {
    /// The desk that handles this kind.
    pub fn desk(self) -> Desk {
        match self {
            ItemKind::Approval => Desk::Service,
            ItemKind::Penalty => Desk::Enforcement,
            ItemKind::Grid => Desk::Grid,
        }
    }
}

/// Who holds an item before any instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The township (乡镇、街道).
    Township,
    /// The county department (Penalty Law Art. 23).
    #[default]
    County,
}

/// A handling time: lognormal (median minutes and the sigma of the log),
/// or exponential with the given median (mean = median / ln 2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lognormal {
    /// The median, in working minutes.
    pub median_minutes: f64,
    /// The sigma of the log (0 to 3; ignored for the exponential shape).
    #[serde(default)]
    pub sigma: f64,
    /// The distribution's shape.
    #[serde(default)]
    pub shape: Shape,
}

/// The shape of a handling-time distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Lognormal: skewed, as case handling times are.
    #[default]
    Lognormal,
    /// Exponential: the M/M/c textbook queue, for checking against Erlang C.
    Exponential,
}

/// Which days are working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CalendarChoice {
    /// The State Council's notices over the weekly rule (the bundled calendar).
    #[default]
    ChinaMainland,
    /// Every day is a working day (for textbook queues).
    EveryDay,
}

/// Handling time by level of the body that handles the item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Handling {
    /// At the township.
    pub township: Lognormal,
    /// At the county department.
    pub county: Lognormal,
}

/// A power item or grid category that generates work.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    /// A unique code; instruments name items by code or by prefix (`penalty.*`).
    pub code: String,
    /// A name for people.
    #[serde(default)]
    pub name: String,
    /// What it generates.
    pub kind: ItemKind,
    /// Arrivals per 10,000 residents a day.
    pub rate: f64,
    /// Who holds it before any instrument.
    #[serde(default)]
    pub held_by: Level,
    /// The ledger's item code (e.g. `HB-CF-011`): the ledger then says who
    /// holds it on each day, in place of `held_by`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_item: Option<String>,
    /// Statutory limit in working days (approvals; default 20, Licensing
    /// Law Art. 42). Penalty cases use Art. 60's 90 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statutory_working_days: Option<u32>,
    /// The promised limit in working days (approvals), or the service level
    /// (grid events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_working_days: Option<u32>,
    /// Handling times.
    pub handling: Handling,
}

/// Escalation to the county.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Travel and hand-over delay, in working minutes.
    pub delay_minutes: u32,
}

impl Default for Escalation {
    fn default() -> Escalation {
        Escalation { delay_minutes: 420 }
    }
}

/// Working hours and calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Office sessions, e.g. `08:30-12:00,14:00-17:30`.
    pub working_hours: String,
    /// Answer outside the years the State Council notices cover with the
    /// statutory holidays and the weekly rule.
    #[serde(default)]
    pub provisional: bool,
    /// Which days are working days.
    #[serde(default)]
    pub calendar: CalendarChoice,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            working_hours: "08:30-12:00,14:00-17:30".to_owned(),
            provisional: false,
            calendar: CalendarChoice::ChinaMainland,
        }
    }
}

/// A variant: instruments and staffing changes (a reform adds its own to
/// the baseline's).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The reform's name (ignored for the baseline).
    #[serde(default)]
    pub name: String,
    /// What the variant is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Authority instruments.
    #[serde(default, rename = "instrument")]
    #[schemars(with = "Vec<Instrument>")]
    pub instruments: Vec<Spanned<Instrument>>,
    /// Staffing changes.
    #[serde(default)]
    #[schemars(with = "Vec<StaffChange>")]
    pub staff: Vec<Spanned<StaffChange>>,
}

/// What an instrument does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    /// Hand the items to the townships (下放, Penalty Law Art. 24).
    #[default]
    Devolve,
    /// Take them back to the county (收回).
    Revoke,
}

/// An authority instrument: items move to (or back from) townships from a date.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Devolve or revoke.
    #[serde(default)]
    pub kind: InstrumentKind,
    /// Item codes, or prefixes ending in `*`.
    pub items: Vec<String>,
    /// The day it takes effect.
    pub from: NaiveDate,
    /// County codes it applies in (empty: all).
    #[serde(default)]
    pub counties: Vec<String>,
    /// Township codes it applies to (empty: all in those counties).
    #[serde(default)]
    pub townships: Vec<String>,
}

/// A staffing change: `add` staff (negative: remove) to a desk.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffChange {
    /// The desk.
    pub desk: Desk,
    /// Township or county desks.
    pub level: Level,
    /// Staff added to each such body (negative removes).
    pub add: i32,
    /// One division's code (a township, or a county); none: every body of the level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
}

/// Which daily series the results carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Daily {
    /// The province only.
    Province,
    /// The province and each county.
    #[default]
    Counties,
}

/// Output options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// Daily series for the province only, or also per county.
    #[serde(default)]
    pub daily: Daily,
}

/// A checked scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    file: ScenarioFile,
    origin: String,
    /// The province's code and name, as given or derived from the counties.
    province: (String, String),
    /// The text as read, for the lines of problems found later (against
    /// the ledger).
    text: String,
    /// The days set by [`Scenario::with_days`] over the file's, if any:
    /// a problem with them is not the file's line.
    days_set: Option<u32>,
}

/// The JSON Schema of scenario files.
///
/// ```
/// assert!(jiceng_sim::scenario_schema().contains("\"territory\""));
/// ```
pub fn scenario_schema() -> String {
    let schema = schemars::schema_for!(ScenarioFile);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// Gives each problem the line of its field: the deepest part of its path
/// (`reform[0].staff[1].add`) that the file writes, found in the TOML's
/// spans, so that a value is located at its own line and a field left out
/// at its entry's. A problem whose path the file does not write at all
/// keeps the line it has.
pub(crate) fn locate(text: &str, problems: &mut [Problem]) {
    if problems.is_empty() {
        return;
    }
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return;
    };
    for p in problems {
        if let Some(at) = field_offset(doc.get_ref(), &p.field) {
            p.line = Some(line_of(text, at));
        }
    }
}

/// The byte offset where the file writes `field` (or its deepest written
/// part): a key, or an element of an array.
fn field_offset(root: &toml::de::DeTable<'_>, field: &str) -> Option<usize> {
    use toml::de::DeValue;
    let mut table = Some(root);
    let mut found = None;
    for seg in field.split('.') {
        let (key, index) = match seg.split_once('[') {
            Some((k, rest)) => (
                k,
                rest.strip_suffix(']').and_then(|i| i.parse::<usize>().ok()),
            ),
            None => (seg, None),
        };
        let Some((k, v)) = table.and_then(|t| t.iter().find(|(k, _)| k.get_ref() == key)) else {
            break;
        };
        found = Some(k.span().start);
        let mut value = v;
        if let Some(i) = index {
            let DeValue::Array(a) = value.get_ref() else {
                break;
            };
            let Some(e) = a.get(i) else {
                break;
            };
            found = Some(e.span().start);
            value = e;
        }
        table = match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    found
}

pub(crate) fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The path of a field as problems name it (`territory.county[0].name`),
/// from serde's: the private keys of `Spanned` wrappers are left out. A
/// problem at the top of the file is `(file)`.
fn field_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } if key.starts_with("$__") => {}
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                // A hostile key is cut, as values in messages are.
                out.extend(key.chars().take(64));
            }
            Segment::Unknown => {}
        }
    }
    if out.is_empty() {
        "(file)".to_owned()
    } else {
        out
    }
}

/// A TOML error's message, naming the value at its span when the message
/// does not already quote it (`"2025-02-30"`: a date out of range).
fn type_message(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim();
    let raw = e
        .span()
        .and_then(|s| text.get(s))
        .map(str::trim)
        .filter(|r| !r.is_empty() && !r.contains('\n') && r.chars().count() <= 64);
    match raw {
        Some(r) if !message.contains(r.trim_matches('"')) => format!("{r}: {message}"),
        _ => message.to_owned(),
    }
}

impl Scenario {
    /// Reads and checks a scenario; `origin` names the file in errors.
    ///
    /// # Errors
    ///
    /// [`Error::Scenario`] with every problem found, each with its line and
    /// field.
    ///
    /// ```
    /// let err = jiceng_sim::Scenario::from_toml_str("name = 1", "x.toml").unwrap_err();
    /// assert!(err.to_string().contains("x.toml:1:"), "{err}");
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Scenario, Error> {
        let problem = |e: &toml::de::Error, field: String| {
            let line = e.span().map(|s| line_of(text, s.start));
            Error::Scenario(vec![Problem {
                origin: origin.to_owned(),
                line,
                field,
                message: type_message(text, e),
            }])
        };
        let de = toml::Deserializer::parse(text).map_err(|e| problem(&e, "(syntax)".into()))?;
        // A value of the wrong type stops serde: name its path, which the
        // TOML error does not, and its value.
        let file: ScenarioFile = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = field_path(e.path());
            problem(e.inner(), field)
        })?;
        let (problems, province) = check(&file, text, origin);
        match province {
            Some(province) if problems.is_empty() => Ok(Scenario {
                file,
                origin: origin.to_owned(),
                province,
                text: text.to_owned(),
                days_set: None,
            }),
            _ => Err(Error::Scenario(problems)),
        }
    }

    /// A bundled scenario: `province`, `qiu` or `baitaling`.
    ///
    /// # Errors
    ///
    /// [`Error::Parameter`] for another name.
    pub fn bundled(name: &str) -> Result<Scenario, Error> {
        let (text, origin) = match name {
            "province" | "hebei" => (BUNDLED_PROVINCE, "hebei-province.toml"),
            "qiu" => (BUNDLED_QIU, "qiu-county.toml"),
            "baitaling" => (BUNDLED_BAITALING, "baitaling.toml"),
            other => {
                return Err(Error::Parameter {
                    name: "scenario",
                    value: other.to_owned(),
                    expected: "province, qiu or baitaling",
                });
            }
        };
        Scenario::from_toml_str(text, origin)
    }

    /// The file as read.
    pub fn file(&self) -> &ScenarioFile {
        &self.file
    }

    /// The file's name, as given.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The province's code and name: as given, or derived from the
    /// counties' codes and named as GB/T 2260 names it.
    ///
    /// ```
    /// // Qiu County's code, 130430000000, lies in 13: 河北省.
    /// let s = jiceng_sim::Scenario::bundled("qiu")?;
    /// assert_eq!(s.province(), ("130000000000", "河北省"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn province(&self) -> (&str, &str) {
        (&self.province.0, &self.province.1)
    }

    /// The ledger the scenario names (`territory.ledger`), if any: a file
    /// name relative to the scenario file, or `bundled`.
    ///
    /// ```
    /// let s = jiceng_sim::Scenario::bundled("qiu")?;
    /// assert_eq!(s.ledger(), Some("bundled"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ledger(&self) -> Option<&str> {
        self.file.territory.ledger.as_deref()
    }

    /// Gives each problem the line of its field in this file (see
    /// [`locate`]).
    pub(crate) fn locate(&self, problems: &mut [Problem]) {
        locate(&self.text, problems);
    }

    /// The days set over the file's by [`Scenario::with_days`], if any.
    pub(crate) fn days_set(&self) -> Option<u32> {
        self.days_set
    }

    /// The 1-based line of byte `at` of the file.
    pub(crate) fn line(&self, at: usize) -> usize {
        line_of(&self.text, at)
    }

    /// Sets the number of days simulated (for short runs).
    ///
    /// # Errors
    ///
    /// [`Error::Parameter`] outside 1 to [`MAX_DAYS`]; [`Error::Scenario`]
    /// when the days make the run's output larger than
    /// [`MAX_DAILY_POINTS`].
    ///
    /// ```
    /// // The bundled province keeps the province's daily series only: ten
    /// // years with its reform are 3,660 × 2 = 7,320 daily points.
    /// let s = jiceng_sim::Scenario::bundled("province")?;
    /// assert!(s.with_days(3660).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_days(mut self, days: u32) -> Result<Scenario, Error> {
        if days == 0 || days > MAX_DAYS {
            return Err(Error::Parameter {
                name: "days",
                value: days.to_string(),
                expected: "1 to 3660",
            });
        }
        self.file.period.get_mut().days = days;
        self.days_set = Some(days);
        let problems: Vec<Problem> = size_problems(&self.file)
            .into_iter()
            .map(|(field, message)| Problem {
                origin: self.origin.clone(),
                line: None,
                field,
                message: format!("{message} (with --days {days})"),
            })
            .collect();
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(Error::Scenario(problems))
        }
    }

    /// The scenario with `[policy] provisional = true`: days outside the
    /// notices' coverage are answered with the statutory holidays and the
    /// weekly rule, and the summary says so.
    ///
    /// ```
    /// let s = jiceng_sim::Scenario::bundled("baitaling")?.with_provisional();
    /// assert!(s.to_toml().contains("provisional = true"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_provisional(mut self) -> Scenario {
        self.file.policy.provisional = true;
        self
    }

    /// The scenario as TOML (as read, with any overrides applied): what a
    /// shard file carries so that a merge needs no other file.
    pub fn to_toml(&self) -> String {
        toml::to_string(&self.file).unwrap_or_default()
    }

    /// A fingerprint of the scenario's content (FNV-1a over its canonical
    /// JSON): shards of different scenarios are told apart by it.
    pub fn fingerprint(&self) -> String {
        let json = serde_json::to_string(&self.file).unwrap_or_default();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in json.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }
}

/// Collects every problem of a parsed file.
struct Checker<'a> {
    text: &'a str,
    origin: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn push(&mut self, at: Option<usize>, field: String, message: String) {
        self.problems.push(Problem {
            origin: self.origin.to_owned(),
            line: at.map(|b| line_of(self.text, b)),
            field,
            message,
        });
    }

    fn range(&mut self, at: Option<usize>, field: String, v: f64, lo: f64, hi: f64) {
        if !(v.is_finite() && v >= lo && v <= hi) {
            self.push(at, field, format!("{v} is not between {lo} and {hi}"));
        }
    }
}

fn is_code(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn matches(pattern: &str, code: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => code.starts_with(prefix),
        None => pattern == code,
    }
}

/// Every problem of a parsed file, and the province (code, name) when it
/// could be settled.
fn check(f: &ScenarioFile, text: &str, origin: &str) -> (Vec<Problem>, Option<(String, String)>) {
    let mut c = Checker {
        text,
        origin,
        problems: Vec::new(),
    };
    if f.name.trim().is_empty() || f.name.chars().count() > 200 {
        c.push(
            None,
            "name".into(),
            format!("`{}` must be 1 to 200 characters", f.name),
        );
    }
    if f.replications == 0 || f.replications > MAX_REPLICATIONS {
        c.push(
            None,
            "replications".into(),
            format!("{} is not between 1 and {MAX_REPLICATIONS}", f.replications),
        );
    }
    let p_at = Some(f.period.span().start);
    if f.period.get_ref().days == 0 || f.period.get_ref().days > MAX_DAYS {
        c.push(
            p_at,
            "period.days".into(),
            format!(
                "{} is not between 1 and {MAX_DAYS}",
                f.period.get_ref().days
            ),
        );
    }
    if f.policy
        .working_hours
        .parse::<jiceng_calendar::WorkingHours>()
        .is_err()
    {
        c.push(
            None,
            "policy.working_hours".into(),
            format!(
                "`{}` is not a list of sessions like 08:30-12:00,14:00-17:30",
                f.policy.working_hours
            ),
        );
    }
    if f.escalation.delay_minutes > 100_000 {
        c.push(
            None,
            "escalation.delay_minutes".into(),
            format!("{} is above 100000", f.escalation.delay_minutes),
        );
    }
    if let Some(p) = &f.territory.province_code {
        if code_at(p, jiceng_org::Level::Province).is_none() {
            c.push(
                None,
                "territory.province_code".into(),
                format!("`{p}` is not a province's division code (two digits, then ten zeros)"),
            );
        }
    }
    if let Some(l) = &f.territory.ledger {
        if l.trim().is_empty() || l.len() > 1000 {
            c.push(
                None,
                "territory.ledger".into(),
                format!("`{l}` must be a file name of 1 to 1000 characters, or `bundled`"),
            );
        }
        if f.territory.synthetic.is_some() {
            c.push(
                None,
                "territory.ledger".into(),
                "a ledger routes explicit `county` entries, not a `synthetic` territory".into(),
            );
        }
    }
    // Rules.
    for (lvl, r) in [("township", &f.staff.township), ("county", &f.staff.county)] {
        for (name, v) in [
            ("service_per_10k", r.service_per_10k),
            ("enforcement_per_10k", r.enforcement_per_10k),
            ("grid_per_10k", r.grid_per_10k),
        ] {
            c.range(None, format!("staff.{lvl}.{name}"), v, 0.0, 1000.0);
        }
        if r.min > 10_000 {
            c.push(
                None,
                format!("staff.{lvl}.min"),
                format!("{} is above 10000", r.min),
            );
        }
    }
    // Territory.
    let mut county_codes = HashSet::new();
    let mut township_codes = HashSet::new();
    let mut townships = 0usize;
    let mut population = 0f64;
    match (&f.territory.synthetic, f.territory.counties.is_empty()) {
        (Some(_), false) => c.push(
            None,
            "territory".into(),
            "give either `synthetic` or `county` entries, not both".into(),
        ),
        (None, true) => c.push(
            None,
            "territory".into(),
            "give `synthetic` or at least one `county` entry".into(),
        ),
        _ => {}
    }
    if let Some(s) = &f.territory.synthetic {
        if s.counties == 0 || s.counties > 1000 {
            c.push(
                None,
                "territory.synthetic.counties".into(),
                format!("{} is not between 1 and 1000", s.counties),
            );
        }
        let [lo, hi] = s.townships_per_county;
        if lo == 0 || lo > hi || hi > 200 {
            c.push(
                None,
                "territory.synthetic.townships_per_county".into(),
                format!("[{lo}, {hi}] is not a range within 1 to 200"),
            );
        }
        c.range(
            None,
            "territory.synthetic.population_median".into(),
            s.population_median,
            100.0,
            5_000_000.0,
        );
        c.range(
            None,
            "territory.synthetic.population_sigma".into(),
            s.population_sigma,
            0.0,
            2.0,
        );
        townships = s.counties as usize * hi as usize;
        // A generous bound: lognormal populations are clamped to 20 medians.
        population = townships as f64 * s.population_median * 3.0;
    }
    for (i, county) in f.territory.counties.iter().enumerate() {
        let at = Some(county.span().start);
        let k = county.get_ref();
        if !is_code(&k.code) {
            c.push(
                at,
                format!("territory.county[{i}].code"),
                format!("`{}` is not a 12-digit division code", k.code),
            );
        } else if let Some(m) = level_problem(
            &k.code,
            jiceng_org::Level::County,
            "county",
            "six digits, the last two not 00, then six zeros",
        ) {
            c.push(at, format!("territory.county[{i}].code"), m);
        } else if f
            .territory
            .province_code
            .as_deref()
            .filter(|p| code_at(p, jiceng_org::Level::Province).is_some())
            .is_some_and(|p| p[..2] != k.code[..2])
        {
            c.push(
                at,
                format!("territory.county[{i}].code"),
                format!(
                    "`{}` is not in province `{}` (a county's first two digits are its province's)",
                    k.code,
                    f.territory.province_code.as_deref().unwrap_or_default()
                ),
            );
        } else if !county_codes.insert(k.code.clone()) {
            c.push(
                at,
                format!("territory.county[{i}].code"),
                format!("`{}` appears twice", k.code),
            );
        }
        if k.name.is_empty() && f.territory.ledger.is_none() {
            c.push(
                at,
                format!("territory.county[{i}].name"),
                "give a name (only a ledger can supply it)".into(),
            );
        }
        if k.townships.is_empty() {
            c.push(
                at,
                format!("territory.county[{i}].township"),
                "a county needs at least one township".into(),
            );
        }
        for (j, t) in k.townships.iter().enumerate() {
            let at = Some(t.span().start);
            let t = t.get_ref();
            townships += 1;
            population += f64::from(t.population);
            if !is_code(&t.code) {
                c.push(
                    at,
                    format!("territory.county[{i}].township[{j}].code"),
                    format!("`{}` is not a 12-digit division code", t.code),
                );
            } else if let Some(m) = level_problem(
                &t.code,
                jiceng_org::Level::Township,
                "township",
                "nine digits, the last three not 000, then 000",
            ) {
                c.push(at, format!("territory.county[{i}].township[{j}].code"), m);
            } else if is_code(&k.code) && t.code[..6] != k.code[..6] {
                c.push(
                    at,
                    format!("territory.county[{i}].township[{j}].code"),
                    format!(
                        "`{}` is not in county `{}` (a township's first six digits are its county's)",
                        t.code, k.code
                    ),
                );
            } else if !township_codes.insert(t.code.clone()) || county_codes.contains(&t.code) {
                c.push(
                    at,
                    format!("territory.county[{i}].township[{j}].code"),
                    format!("`{}` appears twice", t.code),
                );
            }
            if t.name.is_empty() && f.territory.ledger.is_none() {
                c.push(
                    at,
                    format!("territory.county[{i}].township[{j}].name"),
                    "give a name (only a ledger can supply it)".into(),
                );
            }
            if t.population == 0 || t.population > 10_000_000 {
                c.push(
                    at,
                    format!("territory.county[{i}].township[{j}].population"),
                    format!("{} is not between 1 and 10000000", t.population),
                );
            }
        }
    }
    if townships > MAX_TOWNSHIPS {
        c.push(
            None,
            "territory".into(),
            format!("{townships} townships: at most {MAX_TOWNSHIPS}"),
        );
    }
    // Items.
    if f.items.is_empty() || f.items.len() > 500 {
        c.push(
            None,
            "item".into(),
            format!("{} items: expected 1 to 500", f.items.len()),
        );
    }
    let mut codes = BTreeSet::new();
    let mut rate_sum = 0.0;
    for (i, item) in f.items.iter().enumerate() {
        let at = Some(item.span().start);
        let it = item.get_ref();
        if it.code.is_empty() || it.code.len() > 100 || it.code.ends_with('*') {
            c.push(
                at,
                format!("item[{i}].code"),
                format!("`{}` must be 1 to 100 characters, not ending in *", it.code),
            );
        } else if !codes.insert(it.code.clone()) {
            c.push(
                at,
                format!("item[{i}].code"),
                format!("`{}` appears twice", it.code),
            );
        }
        if let Some(p) = &it.power_item {
            if f.territory.ledger.is_none() {
                c.push(
                    at,
                    format!("item[{i}].power_item"),
                    format!("`{p}` names a ledger item but `territory.ledger` is not given"),
                );
            } else if p.is_empty() || p.len() > 100 {
                c.push(
                    at,
                    format!("item[{i}].power_item"),
                    format!("`{p}` must be 1 to 100 characters"),
                );
            }
        }
        c.range(at, format!("item[{i}].rate"), it.rate, 0.0, 10_000.0);
        if it.rate.is_finite() {
            rate_sum += it.rate.max(0.0);
        }
        for (lvl, h) in [
            ("township", it.handling.township),
            ("county", it.handling.county),
        ] {
            c.range(
                at,
                format!("item[{i}].handling.{lvl}.median_minutes"),
                h.median_minutes,
                0.1,
                100_000.0,
            );
            c.range(
                at,
                format!("item[{i}].handling.{lvl}.sigma"),
                h.sigma,
                0.0,
                3.0,
            );
        }
        for (name, v) in [
            ("statutory_working_days", it.statutory_working_days),
            ("promised_working_days", it.promised_working_days),
        ] {
            if let Some(v) = v {
                if v > 1000 {
                    c.push(
                        at,
                        format!("item[{i}].{name}"),
                        format!("{v} is above 1000"),
                    );
                }
            }
        }
        if it.kind != ItemKind::Approval && it.statutory_working_days.is_some() {
            c.push(at, format!("item[{i}].statutory_working_days"), "only approvals take a statutory limit in working days (penalty cases: Art. 60's 90 days)".into());
        }
        if it.kind == ItemKind::Penalty && it.promised_working_days.is_some() {
            c.push(
                at,
                format!("item[{i}].promised_working_days"),
                "penalty cases take no promised limit".into(),
            );
        }
    }
    let expected = rate_sum * population / 10_000.0 * f64::from(f.period.get_ref().days);
    if expected > MAX_EXPECTED_ARRIVALS {
        c.push(
            None,
            "item".into(),
            format!("about {expected:.0} arrivals a replication: at most {MAX_EXPECTED_ARRIVALS}"),
        );
    }
    // Variants.
    let all_items: Vec<&str> = f.items.iter().map(|i| i.get_ref().code.as_str()).collect();
    let mut names = HashSet::new();
    names.insert("baseline".to_owned());
    check_variant(
        &mut c,
        "baseline",
        &f.baseline,
        &all_items,
        &county_codes,
        &township_codes,
        f.territory.synthetic.is_some(),
    );
    for (r, v) in f.reforms.iter().enumerate() {
        let at = Some(v.span().start);
        let name = &v.get_ref().name;
        if name.trim().is_empty() || name.len() > 100 || name.contains(['/', '\\', ',']) {
            c.push(
                at,
                format!("reform[{r}].name"),
                format!("`{name}` must be 1 to 100 characters without / \\ or ,"),
            );
        } else if !names.insert(name.clone()) {
            c.push(
                at,
                format!("reform[{r}].name"),
                format!("`{name}` appears twice (or is `baseline`)"),
            );
        }
        check_variant(
            &mut c,
            &format!("reform[{r}]"),
            v.get_ref(),
            &all_items,
            &county_codes,
            &township_codes,
            f.territory.synthetic.is_some(),
        );
    }
    if f.reforms.len() > 20 {
        c.push(
            None,
            "reform".into(),
            format!("{} reforms: at most 20", f.reforms.len()),
        );
    }
    for (field, message) in size_problems(f) {
        c.push(None, field, message);
    }
    let province = settle_province(&mut c, f);
    let prefix = province.as_ref().map(|(code, _)| &code[..2]);
    c.problems
        .extend(crate::model::built_problems(f, prefix, origin, text));
    locate(text, &mut c.problems);
    (c.problems, province)
}

/// The province: as given, or the one province of the counties' codes;
/// its name as given, or GB/T 2260's. A problem when it cannot be settled.
fn settle_province(c: &mut Checker<'_>, f: &ScenarioFile) -> Option<(String, String)> {
    let t = &f.territory;
    let code = match &t.province_code {
        Some(p) => code_at(p, jiceng_org::Level::Province).map(|_| p.clone()),
        None if t.synthetic.is_some() => {
            c.push(
                None,
                "territory.province_code".into(),
                "give the province's code: a synthetic territory's county codes are made from it"
                    .into(),
            );
            None
        }
        None => {
            let prefixes: BTreeSet<&str> = t
                .counties
                .iter()
                .map(|k| k.get_ref().code.as_str())
                .filter(|k| is_code(k))
                .map(|k| &k[..2])
                .collect();
            match prefixes.len() {
                1 => prefixes.first().map(|p| format!("{p}0000000000")),
                0 => None,
                _ => {
                    c.push(
                        None,
                        "territory.province_code".into(),
                        format!(
                            "not given, and the counties lie in {} provinces ({}): give it",
                            prefixes.len(),
                            prefixes.iter().copied().collect::<Vec<_>>().join(", ")
                        ),
                    );
                    None
                }
            }
        }
    }?;
    let name = match &t.province_name {
        Some(n) => n.clone(),
        None => match province_name(&code[..2]) {
            Some(n) => n.to_owned(),
            None => {
                c.push(
                    None,
                    "territory.province_name".into(),
                    format!("not given, and `{code}` is not a province GB/T 2260 names: give it"),
                );
                return None;
            }
        },
    };
    if name.trim().is_empty() || name.chars().count() > 200 {
        c.push(
            None,
            "territory.province_name".into(),
            format!("`{name}` must be 1 to 200 characters"),
        );
    }
    Some((code, name))
}

/// The run's output sizes against [`MAX_TOWNSHIP_RESULTS`] and
/// [`MAX_DAILY_POINTS`], as (field, message) problems. A synthetic
/// territory counts its largest draw (counties × the most townships per
/// county). Sizes already refused on their own (days, townships, reforms
/// over their limits) still count: the message names the product.
fn size_problems(f: &ScenarioFile) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let variants = 1 + f.reforms.len() as u64;
    let variants_text = format!(
        "{variants} variants (the baseline and {} `reform`)",
        f.reforms.len()
    );
    let (counties, townships) = match &f.territory.synthetic {
        Some(s) => (
            u64::from(s.counties),
            u64::from(s.counties) * u64::from(s.townships_per_county[1]),
        ),
        None => (
            f.territory.counties.len() as u64,
            f.territory
                .counties
                .iter()
                .map(|k| k.get_ref().townships.len() as u64)
                .sum(),
        ),
    };
    let results = townships * variants;
    if results > MAX_TOWNSHIP_RESULTS {
        out.push((
            "territory".to_owned(),
            format!(
                "{townships} townships × {variants_text} = {results} township results: \
                 at most {MAX_TOWNSHIP_RESULTS}; give fewer townships or reforms"
            ),
        ));
    }
    let (series, series_text) = match f.output.daily {
        Daily::Province => (
            1,
            "1 daily series (`output.daily = \"province\"`)".to_owned(),
        ),
        Daily::Counties => (
            1 + counties,
            format!(
                "{} daily series (`output.daily = \"counties\"`: the province and {counties} counties)",
                1 + counties
            ),
        ),
    };
    let days = u64::from(f.period.get_ref().days);
    let points = series * days * variants;
    if points > MAX_DAILY_POINTS {
        out.push((
            "output.daily".to_owned(),
            format!(
                "{series_text} × {days} days (`period.days`) × {variants_text} = {points} \
                 daily points: at most {MAX_DAILY_POINTS}; set `output.daily = \"province\"`, \
                 or give fewer days or reforms"
            ),
        ));
    }
    out
}

fn check_variant(
    c: &mut Checker<'_>,
    path: &str,
    v: &Variant,
    items: &[&str],
    counties: &HashSet<String>,
    townships: &HashSet<String>,
    synthetic: bool,
) {
    // Synthetic codes are only known after generation; they are checked
    // for shape here and matched (or not) when the model is built.
    let known =
        |set: &HashSet<String>, code: &str| synthetic && is_code(code) || set.contains(code);
    for (i, ins) in v.instruments.iter().enumerate() {
        let at = Some(ins.span().start);
        let ins = ins.get_ref();
        if ins.items.is_empty() {
            c.push(
                at,
                format!("{path}.instrument[{i}].items"),
                "name at least one item".into(),
            );
        }
        for (k, pat) in ins.items.iter().enumerate() {
            if !items.iter().any(|code| matches(pat, code)) {
                c.push(
                    at,
                    format!("{path}.instrument[{i}].items[{k}]"),
                    format!("`{pat}` matches no item"),
                );
            }
        }
        for (k, code) in ins.counties.iter().enumerate() {
            if !known(counties, code) {
                c.push(
                    at,
                    format!("{path}.instrument[{i}].counties[{k}]"),
                    format!("`{code}` is not a county of the territory"),
                );
            }
        }
        for (k, code) in ins.townships.iter().enumerate() {
            if !known(townships, code) {
                c.push(
                    at,
                    format!("{path}.instrument[{i}].townships[{k}]"),
                    format!("`{code}` is not a township of the territory"),
                );
            }
        }
    }
    for (i, s) in v.staff.iter().enumerate() {
        let at = Some(s.span().start);
        let s = s.get_ref();
        if s.add.unsigned_abs() > 100_000 {
            c.push(
                at,
                format!("{path}.staff[{i}].add"),
                format!("{} is beyond ±100000", s.add),
            );
        }
        if let Some(d) = &s.division {
            let set = match s.level {
                Level::Township => townships,
                Level::County => counties,
            };
            if !known(set, d) {
                c.push(
                    at,
                    format!("{path}.staff[{i}].division"),
                    format!(
                        "`{d}` is not a {} of the territory",
                        match s.level {
                            Level::Township => "township",
                            Level::County => "county",
                        }
                    ),
                );
            }
        }
    }
}

pub(crate) fn item_matches(pattern: &str, code: &str) -> bool {
    matches(pattern, code)
}
