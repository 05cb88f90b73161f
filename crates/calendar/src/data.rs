//! The calendar data format: the State Council's notices as a readable file.
//!
//! A calendar file (format 1) is TOML. It lists notices; each notice lists
//! its holidays as the notice words them: the days off (`off`, single days
//! or inclusive spans `YYYY-MM-DD..YYYY-MM-DD`, weekend days inside a span
//! included) and the weekend days worked instead (`work`, 调休上班). Every day
//! not listed follows the weekly rule.
//!
//! ```toml
//! format = 1
//! name = "china-mainland"
//! region = "CN"
//! kind = "base"
//! weekend = ["sat", "sun"]
//!
//! [[notice]]
//! year = 2025
//! document = "国办发明电〔2024〕12号"
//! published = "2024-11-12"
//! holidays = [
//!   { name = "春节", en = "Spring Festival", off = ["2025-01-28..2025-02-04"], work = ["2025-01-26", "2025-02-08"] },
//! ]
//! ```
//!
//! A **base** file defines a calendar: the years of its notices must be
//! contiguous, and they are the calendar's coverage. An **overlay** file
//! (`kind = "overlay"`, with a `region`) adds a region's own days off or
//! working days (Guangxi's 壮族三月三, Xinjiang's 肉孜节) on top of a base
//! calendar and does not change its coverage.
//!
//! A notice that changes an earlier one names it in `amends` (the 2020
//! Spring Festival extension, 国办发明电〔2020〕1号, amends 国办发明电〔2019〕16号);
//! where they disagree about a day, the amending notice wins.
//!
//! Loading checks the whole file and reports every problem at once, each
//! with its line and field.
//!
//! # Limits
//!
//! Every file is hostile until checked, so each limit below is part of the
//! format and produces a problem or error that names it:
//!
//! * a notice's `year` lies in [`YEARS`] (1949..=2999): `BadYear`;
//! * a day or span listed by a notice for year Y lies within Y or the
//!   December before it, and (in a base file) within the years of the
//!   file's notices; in an overlay, within the base calendar's coverage:
//!   `DayOutsideYears` or `OverlayOutsideCoverage`, one problem per span,
//!   checked before the span is expanded, so a span costs at most 13
//!   months of days;
//! * at most [`MAX_PROBLEMS`] problems are listed; the rest are counted
//!   ([`crate::DataErrors::omitted`]);
//! * a calendar answers provisionally from 1 January 2008 up to its horizon,
//!   31 December of the 200th year after its last notice's year
//!   ([`crate::Calendar::horizon`]); no answer, period or suspension may
//!   reach past it (`Error::BeyondHorizon`);
//! * a period has at most [`crate::Period::MAX_AMOUNT`] (36600) units;
//! * an explanation lists a suspension longer than
//!   [`crate::MAX_LISTED_RUN`] (31) days as one run.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, ProblemKind, parser_zh, quote_zh, weekday_zh};

/// The format number this version reads and writes.
pub const FORMAT: u32 = 1;

/// The years a notice may arrange: from the founding of the People's
/// Republic to far enough ahead for any plan.
pub const YEARS: std::ops::RangeInclusive<i32> = 1949..=2999;

/// At most this many problems are listed for one file; the rest are
/// counted ([`crate::DataErrors::omitted`]).
pub const MAX_PROBLEMS: usize = 100;

/// A calendar data file, as read from TOML.
///
/// This is the serde model; [`crate::Calendar::from_data`] validates it.
///
/// # Example
///
/// ```
/// use jiceng_calendar::CalendarFile;
///
/// let file = CalendarFile::from_toml_str(
///     "format = 1\nname = \"tiny\"\n[[notice]]\nyear = 2025\ndocument = \"X\"\n\
///      holidays = [{ name = \"元旦\", off = [\"2025-01-01\"] }]\n",
///     "tiny.toml",
/// )?;
/// assert_eq!(file.notices[0].holidays[0].name, "元旦");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    /// The format number; must be 1.
    pub format: u32,
    /// A short name for the calendar or overlay, such as `china-mainland`.
    pub name: String,
    /// The region it applies to: `CN` for the mainland, or a division code
    /// (`450000` for Guangxi) for an overlay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Whether this file defines a calendar or overlays one.
    #[serde(default)]
    pub kind: FileKind,
    /// The days of the week that are not working days unless a notice says
    /// otherwise. Defaults to Saturday and Sunday. Ignored in overlays.
    #[serde(default = "default_weekend")]
    pub weekend: Vec<WeekdayName>,
    /// The notices, in the order they were published.
    #[serde(rename = "notice", default)]
    pub notices: Vec<Notice>,
}

fn default_weekend() -> Vec<WeekdayName> {
    vec![WeekdayName::Sat, WeekdayName::Sun]
}

/// Whether a file defines a calendar or overlays one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// A calendar of its own: its notices' years are its coverage.
    #[default]
    Base,
    /// A region's additions to a base calendar.
    Overlay,
}

/// A day of the week, as written in a calendar file (`mon` … `sun`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum WeekdayName {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl From<WeekdayName> for Weekday {
    fn from(w: WeekdayName) -> Weekday {
        match w {
            WeekdayName::Mon => Weekday::Mon,
            WeekdayName::Tue => Weekday::Tue,
            WeekdayName::Wed => Weekday::Wed,
            WeekdayName::Thu => Weekday::Thu,
            WeekdayName::Fri => Weekday::Fri,
            WeekdayName::Sat => Weekday::Sat,
            WeekdayName::Sun => Weekday::Sun,
        }
    }
}

/// One notice: a State Council holiday arrangement, a change to one, or a
/// region's own arrangement in an overlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The year the arrangement is for, 1949..=2999 (its days may reach
    /// into the previous December, as 2019's and 2023's do, and no
    /// further).
    pub year: i32,
    /// The document number (文号), e.g. `国办发明电〔2024〕12号`.
    pub document: String,
    /// The issuing body, e.g. `国务院办公厅`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The notice's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The date the notice was issued, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// The document number of the earlier notice this one changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<String>,
    /// The holidays the notice arranges.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
}

/// One holiday of a notice: its days off and the weekend days worked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The holiday's Chinese name as the notice gives it, e.g. `春节`.
    pub name: String,
    /// An English name, for explanations shown in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Days off: single days or inclusive spans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub off: Vec<DaySpec>,
    /// Weekend days that are working days instead (调休上班).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<DaySpec>,
}

/// A single day `YYYY-MM-DD` or an inclusive span `YYYY-MM-DD..YYYY-MM-DD`.
///
/// # Example
///
/// ```
/// use jiceng_calendar::DaySpec;
///
/// let span: DaySpec = "2025-01-28..2025-02-04".parse()?;
/// assert_eq!(span.days().count(), 8);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DaySpec {
    /// The first day.
    pub first: NaiveDate,
    /// The last day (equal to `first` for a single day).
    pub last: NaiveDate,
}

impl DaySpec {
    /// Every day of the span, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let last = self.last;
        self.first.iter_days().take_while(move |d| *d <= last)
    }
}

impl FromStr for DaySpec {
    type Err = String;

    fn from_str(s: &str) -> Result<DaySpec, String> {
        let parse = |t: &str| {
            NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                .map_err(|_| format!("invalid date {t:?} (expected YYYY-MM-DD)"))
        };
        match s.split_once("..") {
            None => {
                let d = parse(s)?;
                Ok(DaySpec { first: d, last: d })
            }
            Some((a, b)) => {
                let (first, last) = (parse(a)?, parse(b)?);
                if last < first {
                    return Err(format!("span {s:?} ends before it starts"));
                }
                Ok(DaySpec { first, last })
            }
        }
    }
}

impl fmt::Display for DaySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}..{}", self.first, self.last)
        }
    }
}

impl Serialize for DaySpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DaySpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DaySpec, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for DaySpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DaySpec".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A day YYYY-MM-DD or an inclusive span YYYY-MM-DD..YYYY-MM-DD, within the notice's year or the December before it (and within the years of the file's notices).",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.\\.[0-9]{4}-[0-9]{2}-[0-9]{2})?$"
        })
    }
}

impl CalendarFile {
    /// Reads a calendar or overlay file from TOML text.
    ///
    /// `origin` names the source in error messages (a file name).
    ///
    /// # Errors
    ///
    /// [`Error::Data`] with a [`ProblemKind::Syntax`] or
    /// [`ProblemKind::BadDay`] problem at the line where the text is not
    /// valid TOML, misses a field, has an unknown one, or has a bad day.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::CalendarFile;
    ///
    /// let err = CalendarFile::from_toml_str("format = 1\nname = 3\n", "bad.toml").unwrap_err();
    /// assert!(err.to_string().contains("bad.toml:2"));
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<CalendarFile, Error> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            let src = line
                .and_then(|l| text.lines().nth(l - 1))
                .map(str::trim)
                .filter(|s| !s.is_empty() && s.len() <= 120);
            let message = match src {
                Some(s) => format!("{} (at `{s}`)", e.message().trim()),
                None => e.message().trim().to_owned(),
            };
            let message_zh = match src {
                Some(s) => format!("{}（位于 `{s}`）", parser_zh(e.message().trim())),
                None => parser_zh(e.message().trim()),
            };
            let kind = if message.starts_with("invalid date") || message.starts_with("span ") {
                ProblemKind::BadDay
            } else {
                ProblemKind::Syntax
            };
            Error::data(
                origin,
                vec![Problem {
                    line,
                    field: None,
                    message,
                    message_zh,
                    kind,
                }],
                0,
            )
        })
    }

    /// Writes the file back as TOML.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::CalendarFile;
    ///
    /// let file = CalendarFile::bundled_china_mainland()?;
    /// let again = CalendarFile::from_toml_str(&file.to_toml_string(), "again")?;
    /// assert_eq!(file, again);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_toml_string(&self) -> String {
        // Serializing this plain model cannot fail: every field is a string,
        // number, date string or list of them.
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// The bundled mainland calendar file, parsed.
    ///
    /// # Errors
    ///
    /// None in practice: the bundled file is checked by the test suite.
    pub fn bundled_china_mainland() -> Result<CalendarFile, Error> {
        CalendarFile::from_toml_str(crate::BUNDLED_CHINA_MAINLAND, "<bundled china-mainland>")
    }
}

/// Where a fact about one day came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fact {
    pub off: bool,
    pub name: String,
    pub en: Option<String>,
    pub document: String,
    pub region: Option<String>,
}

/// A validated calendar: the listed days and where each came from.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub name: String,
    /// Whether provisional days follow the mainland's statutory holidays:
    /// a base file for `CN` or for no region.
    pub statutory: bool,
    pub weekend: [bool; 7],
    pub first_year: i32,
    pub last_year: i32,
    pub facts: Vec<Fact>,
    pub days: BTreeMap<NaiveDate, usize>,
    pub notices: Vec<NoticeInfo>,
}

/// What an explanation can say about a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoticeInfo {
    pub year: i32,
    pub document: String,
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Finds the line of `needle` in `text`, searching from the start of the
/// `notice`-th `[[notice]]` table when there is one, so that a day listed by
/// two notices is found in the right one.
fn locate(text: Option<&str>, notice: Option<usize>, needle: &str) -> Option<usize> {
    let text = text?;
    let from = match notice {
        Some(k) => text
            .match_indices("[[notice]]")
            .nth(k)
            .map_or(0, |(i, _)| i),
        None => 0,
    };
    let at = text[from..].find(needle).map(|i| i + from)?;
    Some(line_of(text, at))
}

struct Checker<'a> {
    text: Option<&'a str>,
    problems: Vec<Problem>,
    /// Problems found past [`MAX_PROBLEMS`], counted but not kept.
    omitted: usize,
}

impl<'a> Checker<'a> {
    fn new(text: Option<&'a str>) -> Checker<'a> {
        Checker {
            text,
            problems: Vec::new(),
            omitted: 0,
        }
    }

    fn push(
        &mut self,
        kind: ProblemKind,
        field: String,
        anchor: (Option<usize>, &str),
        (message, message_zh): (String, String),
    ) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.omitted += 1;
            return;
        }
        let line = locate(self.text, anchor.0, anchor.1);
        self.problems.push(Problem {
            line,
            field: Some(field),
            message,
            message_zh,
            kind,
        });
    }

    /// A problem with no line to point at.
    fn push_unlocated(&mut self, p: Problem) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.omitted += 1;
        } else {
            self.problems.push(p);
        }
    }

    fn finish(self, origin: &str, resolved: Resolved) -> Result<Resolved, Error> {
        if self.problems.is_empty() {
            Ok(resolved)
        } else {
            Err(Error::data(origin, self.problems, self.omitted))
        }
    }
}

/// Validates a base file into the days it lists.
pub(crate) fn resolve_base(
    file: &CalendarFile,
    text: Option<&str>,
    origin: &str,
) -> Result<Resolved, Error> {
    let mut ck = Checker::new(text);
    check_format(file, &mut ck);
    if file.kind != FileKind::Base {
        ck.push(
            ProblemKind::WrongKind,
            "kind".into(),
            (None, "kind"),
            (
                format!(
                    "{:?} is an overlay, not a calendar: load it as an overlay",
                    file.name
                ),
                format!(
                    "{} 是叠加文件，不是日历：应作为叠加文件加载（--overlay）",
                    quote_zh(&file.name)
                ),
            ),
        );
    }
    let mut weekend = [false; 7];
    for (i, w) in file.weekend.iter().enumerate() {
        let idx = Weekday::from(*w).num_days_from_monday() as usize;
        if weekend[idx] {
            ck.push(
                ProblemKind::BadWeekend,
                format!("weekend[{i}]"),
                (None, "weekend"),
                (format!("{w:?} is named twice"), format!("{w:?} 重复列出")),
            );
        }
        weekend[idx] = true;
    }
    if file.notices.is_empty() {
        ck.push_unlocated(Problem {
            line: None,
            field: Some("notice".into()),
            message: "a calendar needs at least one notice".into(),
            message_zh: "日历至少需要一份放假安排通知".into(),
            kind: ProblemKind::NoNotices,
        });
    }

    // Years: one arrangement per year, contiguous.
    let mut years: BTreeMap<i32, &str> = BTreeMap::new();
    let mut documents: HashMap<&str, usize> = HashMap::new();
    for (i, n) in file.notices.iter().enumerate() {
        if let Some(target) = &n.amends {
            if !documents.contains_key(target.as_str()) {
                ck.push(
                    ProblemKind::UnknownAmendedNotice,
                    format!("notice[{i}].amends"),
                    (Some(i), target),
                    (
                        format!(
                            "notice {} amends {target:?}, which no earlier notice in the file has",
                            n.document
                        ),
                        format!(
                            "通知 {} 修改的 {} 不是本文件中在它之前的任何一份通知",
                            n.document,
                            quote_zh(target)
                        ),
                    ),
                );
            }
        } else if let Some(other) = years.insert(n.year, &n.document) {
            ck.push(
                ProblemKind::DuplicateYear,
                format!("notice[{i}].year"),
                (Some(i), "year"),
                (
                    format!(
                        "year {} is arranged by both {other} and {} (a change to a notice must say `amends`)",
                        n.year, n.document
                    ),
                    format!(
                        "{} 年同时由 {other} 和 {} 安排（修改通知的须写明 `amends`）",
                        n.year, n.document
                    ),
                ),
            );
        }
        documents.insert(&n.document, i);
    }
    for (i, n) in file.notices.iter().enumerate() {
        if !(YEARS.contains(&n.year)) {
            ck.push(
                ProblemKind::BadYear,
                format!("notice[{i}].year"),
                (Some(i), "year"),
                (
                    format!(
                        "year {} is outside {}..={}",
                        n.year,
                        YEARS.start(),
                        YEARS.end()
                    ),
                    format!(
                        "年份 {} 不在 {}..={} 之内",
                        n.year,
                        YEARS.start(),
                        YEARS.end()
                    ),
                ),
            );
        }
    }
    let mut prev: Option<i32> = None;
    for &y in years.keys() {
        if let Some(p) = prev {
            if y != p + 1 {
                ck.push_unlocated(Problem {
                    line: None,
                    field: Some("notice".into()),
                    message: format!(
                        "no notice for {}..={} between the notices for {p} and {y}: coverage would have a gap",
                        p + 1,
                        y - 1
                    ),
                    message_zh: format!(
                        "{p} 年与 {y} 年的通知之间缺少 {}..={} 年的通知：覆盖范围将出现空缺",
                        p + 1,
                        y - 1
                    ),
                    kind: ProblemKind::CoverageGap,
                });
            }
        }
        prev = Some(y);
    }

    let mut resolved = Resolved {
        name: file.name.clone(),
        statutory: file.region.as_deref().is_none_or(|r| r == "CN"),
        weekend,
        first_year: years.keys().next().copied().unwrap_or(0),
        last_year: years.keys().next_back().copied().unwrap_or(0),
        facts: Vec::new(),
        days: BTreeMap::new(),
        notices: Vec::new(),
    };
    let coverage = (
        NaiveDate::from_ymd_opt(resolved.first_year, 1, 1),
        NaiveDate::from_ymd_opt(resolved.last_year, 12, 31),
    );
    apply_notices(file, &mut resolved, &mut ck, coverage, false);
    ck.finish(origin, resolved)
}

/// Validates an overlay and applies it on top of `base`.
pub(crate) fn apply_overlay(
    base: &Resolved,
    file: &CalendarFile,
    text: Option<&str>,
    origin: &str,
) -> Result<Resolved, Error> {
    let mut ck = Checker::new(text);
    check_format(file, &mut ck);
    if file.kind != FileKind::Overlay {
        ck.push(
            ProblemKind::WrongKind,
            "kind".into(),
            (None, "kind"),
            (
                format!(
                    "{:?} is a calendar, not an overlay: load it as a calendar",
                    file.name
                ),
                format!(
                    "{} 是日历，不是叠加文件：应作为日历加载（--calendar）",
                    quote_zh(&file.name)
                ),
            ),
        );
    }
    let mut out = base.clone();
    out.name = format!("{}+{}", base.name, file.name);
    let coverage = (
        NaiveDate::from_ymd_opt(base.first_year, 1, 1),
        NaiveDate::from_ymd_opt(base.last_year, 12, 31),
    );
    apply_notices(file, &mut out, &mut ck, coverage, true);
    ck.finish(origin, out)
}

fn check_format(file: &CalendarFile, ck: &mut Checker<'_>) {
    if file.format != FORMAT {
        ck.push(
            ProblemKind::UnsupportedFormat,
            "format".into(),
            (None, "format"),
            (
                format!(
                    "format {} is not supported (this version reads format {FORMAT})",
                    file.format
                ),
                format!("不支持格式 {}（本版本读取格式 {FORMAT}）", file.format),
            ),
        );
    }
}

type Coverage = (Option<NaiveDate>, Option<NaiveDate>);

fn apply_notices(
    file: &CalendarFile,
    out: &mut Resolved,
    ck: &mut Checker<'_>,
    coverage: Coverage,
    overlay: bool,
) {
    let region = match file.kind {
        FileKind::Overlay => file.region.clone().or_else(|| Some(file.name.clone())),
        FileKind::Base => None,
    };
    // Which notice (by document) listed each day, to tell a legitimate
    // amendment from an accidental double listing.
    let mut listed_by: HashMap<NaiveDate, &str> = HashMap::new();
    for (i, n) in file.notices.iter().enumerate() {
        out.notices.push(NoticeInfo {
            year: n.year,
            document: n.document.clone(),
        });
        let mut in_this: HashMap<NaiveDate, String> = HashMap::new();
        // A notice for year Y lists days of Y, or of the December before
        // it (the 2019 and 2023 New Year arrangements).
        let years = (
            NaiveDate::from_ymd_opt(n.year - 1, 12, 1),
            NaiveDate::from_ymd_opt(n.year, 12, 31),
        );
        for (j, h) in n.holidays.iter().enumerate() {
            let fact_off = push_fact(out, h, n, &region, true);
            let fact_work = push_fact(out, h, n, &region, false);
            for (list, off, fact) in [(&h.off, true, fact_off), (&h.work, false, fact_work)] {
                let list_name = if off { "off" } else { "work" };
                for (k, spec) in list.iter().enumerate() {
                    let field = format!("notice[{i}].holidays[{j}].{list_name}[{k}]");
                    let anchor_text = spec.to_string();
                    let anchor = (Some(i), anchor_text.as_str());
                    // Bound the span before expanding it: a listed span
                    // lies within its notice's year (with the December
                    // before), hence within 13 months.
                    let (Some(lo), Some(hi)) = years else {
                        ck.push(
                            ProblemKind::BadYear,
                            field.clone(),
                            anchor,
                            (
                                format!("year {} cannot hold the day {spec}", n.year),
                                format!("{} 年容纳不了 {spec} 这一天", n.year),
                            ),
                        );
                        continue;
                    };
                    if spec.first < lo || spec.last > hi {
                        ck.push(
                            ProblemKind::DayOutsideYears,
                            field.clone(),
                            anchor,
                            (
                                format!(
                                    "{spec} is outside the year of notice {} ({}): a notice lists days from {lo} to {hi}",
                                    n.document, n.year
                                ),
                                format!(
                                    "{spec} 不在通知 {}（{} 年）的年度之内：一份通知列出的日期须在 {lo} 至 {hi} 之间",
                                    n.document, n.year
                                ),
                            ),
                        );
                        continue;
                    }
                    if let (Some(from), Some(to)) = coverage {
                        if spec.first < from || spec.last > to {
                            let (kind, whose, whose_zh) = if overlay {
                                (
                                    ProblemKind::OverlayOutsideCoverage,
                                    "the base calendar's",
                                    "叠加日期 {spec} 超出基础日历的覆盖范围",
                                )
                            } else {
                                (
                                    ProblemKind::DayOutsideYears,
                                    "the notices'",
                                    "日期 {spec} 超出各通知的覆盖范围",
                                )
                            };
                            let whose_zh = whose_zh.replace("{spec}", &spec.to_string());
                            ck.push(
                                kind,
                                field.clone(),
                                anchor,
                                (
                                    format!(
                                        "{} {spec} is outside {whose} coverage {from}..={to}",
                                        if overlay { "overlay day" } else { "day" }
                                    ),
                                    format!("{whose_zh} {from}..={to}"),
                                ),
                            );
                            continue;
                        }
                    }
                    for day in spec.days() {
                        if !off && !out.weekend[day.weekday().num_days_from_monday() as usize] {
                            ck.push(
                                ProblemKind::WorkOnWorkingDay,
                                field.clone(),
                                anchor,
                                (
                                    format!(
                                        "make-up working day {day} is a {:?}, already a working day under the weekly rule",
                                        day.weekday()
                                    ),
                                    format!(
                                        "调休上班日 {day} 是{}，按周休规则本就是工作日",
                                        weekday_zh(day.weekday())
                                    ),
                                ),
                            );
                            continue;
                        }
                        if let Some(prev) = in_this.insert(day, h.name.clone()) {
                            ck.push(
                                ProblemKind::DuplicateDay,
                                field.clone(),
                                anchor,
                                (
                                    format!(
                                        "{day} is listed twice in notice {} ({prev} and {})",
                                        n.document, h.name
                                    ),
                                    format!(
                                        "{day} 在通知 {} 中列出两次（{prev} 和 {}）",
                                        n.document, h.name
                                    ),
                                ),
                            );
                            continue;
                        }
                        if let Some(prev_doc) = listed_by.get(&day) {
                            if n.amends.as_deref() != Some(*prev_doc) {
                                ck.push(
                                    ProblemKind::DuplicateDay,
                                    field.clone(),
                                    anchor,
                                    (
                                        format!(
                                            "{day} is listed by both {prev_doc} and {} (a change to a notice must say `amends`)",
                                            n.document
                                        ),
                                        format!(
                                            "{day} 同时由 {prev_doc} 和 {} 列出（修改通知的须写明 `amends`）",
                                            n.document
                                        ),
                                    ),
                                );
                                continue;
                            }
                        }
                        listed_by.insert(day, &n.document);
                        out.days.insert(day, fact);
                    }
                }
            }
        }
    }
}

fn push_fact(
    out: &mut Resolved,
    h: &Holiday,
    n: &Notice,
    region: &Option<String>,
    off: bool,
) -> usize {
    out.facts.push(Fact {
        off,
        name: h.name.clone(),
        en: h.en.clone(),
        document: n.document.clone(),
        region: region.clone(),
    });
    out.facts.len() - 1
}
