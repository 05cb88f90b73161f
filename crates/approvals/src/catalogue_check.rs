//! Checking a catalogue against itself, the Licensing Law and the
//! authority ledger.
//!
//! A catalogue that drifts from the ledger is how a township ends up
//! offering a service it has no power to decide, or not offering one the
//! county devolved to it. The checks:
//!
//! * `service_without_power`: the deciding body does not hold the power
//!   item in that place on that day (an entrusted township decides in the
//!   entrusting body's name, so the holder is the deciding body);
//! * `promise_longer_than_statute`: a promise is a commitment to do better
//!   than the statute (Art. 42), never worse. Limits in the same unit are
//!   compared by their numbers; a promise in calendar days, months or
//!   years against a statute in working days is compared on the calendar,
//!   as the cases will be: for a case accepted on each day of the entry's
//!   first year in force, and found on the first day its promise ends
//!   later;
//! * `on_the_spot_with_promise`: a 即办件 is done on the spot, so its
//!   promised limit is 0;
//! * `proxy_needs_presence`: a village proxy cannot hand in a material the
//!   applicant must bring in person;
//! * `duplicate_item`: the same item twice in one place on overlapping
//!   days;
//! * `devolved_not_offered`: an item the ledger devolved (or entrusted) to
//!   a township that its catalogue does not offer;
//! * `incomplete`: an entry whose chain of templates lacks a name, a
//!   statutory limit or a deciding body;
//! * `limit_not_working_days`: a statutory limit or an extension written in
//!   calendar days (`20d`, `1m`): Art. 82 counts every period the law sets
//!   for the agency in working days, and every case of the item would be
//!   refused;
//! * `unknown_power_item`: a power item the ledger does not list.
//!
//! Every finding is reported, each with its line where the file has one;
//! the check reads the catalogue, it does not build it.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use jiceng_authority::{Error as AuthorityError, Ledger};
use jiceng_calendar::{Calendar, CoveragePolicy, Period};
use jiceng_org::{DivisionCode, Level};
use schemars::JsonSchema;
use serde::Serialize;

use crate::case::Handling;
use crate::catalogue::{Catalogue, Item, is_township, period_zh};
use crate::evaluate::lawful_extension;

/// The rule a finding breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CatalogueRule {
    /// The deciding body does not hold the power item there and then.
    ServiceWithoutPower,
    /// The power item is not in the ledger.
    UnknownPowerItem,
    /// The promised limit is longer than the statutory one.
    PromiseLongerThanStatute,
    /// A 即办件 with a promised limit above 0.
    OnTheSpotWithPromise,
    /// Village proxy allowed, but a material needs the applicant in person.
    ProxyNeedsPresence,
    /// The same item twice in one place on overlapping days.
    DuplicateItem,
    /// An item devolved to a township and not offered there.
    DevolvedNotOffered,
    /// An entry that lacks a field in its whole chain.
    Incomplete,
    /// A statutory limit or an extension not in working days (Art. 82).
    LimitNotWorkingDays,
    /// An extension longer than Art. 42 allows: 10 working days, or 15
    /// for unified, joint or concentrated handling.
    ExtensionTooLong,
}

impl CatalogueRule {
    /// The rule's name, as JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            CatalogueRule::ServiceWithoutPower => "service_without_power",
            CatalogueRule::UnknownPowerItem => "unknown_power_item",
            CatalogueRule::PromiseLongerThanStatute => "promise_longer_than_statute",
            CatalogueRule::OnTheSpotWithPromise => "on_the_spot_with_promise",
            CatalogueRule::ProxyNeedsPresence => "proxy_needs_presence",
            CatalogueRule::DuplicateItem => "duplicate_item",
            CatalogueRule::DevolvedNotOffered => "devolved_not_offered",
            CatalogueRule::Incomplete => "incomplete",
            CatalogueRule::LimitNotWorkingDays => "limit_not_working_days",
            CatalogueRule::ExtensionTooLong => "extension_too_long",
        }
    }

    /// The rule in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            CatalogueRule::ServiceWithoutPower => "无权实施（决定机关不持有该权力事项）",
            CatalogueRule::UnknownPowerItem => "权力事项不在权责清单中",
            CatalogueRule::PromiseLongerThanStatute => "承诺时限长于法定时限",
            CatalogueRule::OnTheSpotWithPromise => "即办件设有承诺时限",
            CatalogueRule::ProxyNeedsPresence => "须本人到场的事项允许代办",
            CatalogueRule::DuplicateItem => "同一地区重复列入同一事项",
            CatalogueRule::DevolvedNotOffered => "已下放事项未列入乡镇实施清单",
            CatalogueRule::Incomplete => "事项要素不全",
            CatalogueRule::LimitNotWorkingDays => "期限未以工作日计算（行政许可法第八十二条）",
            CatalogueRule::ExtensionTooLong => "延长期限超过法定上限（行政许可法第四十二条）",
        }
    }
}

/// One problem of a catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CatalogueFinding {
    /// The rule.
    pub rule: CatalogueRule,
    /// The line of the entry in the file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The place.
    pub division: DivisionCode,
    /// The service item's code, or for `devolved_not_offered` the power
    /// item's.
    pub item: String,
    /// The day it was found on.
    pub date: NaiveDate,
    /// What is wrong, with the values.
    pub message: String,
    /// The same in Chinese, for text output under `--lang zh` (JSON
    /// carries the English `message` only, so it does not change with the
    /// language).
    #[serde(skip)]
    pub message_zh: String,
}

/// Whether `a` is longer than `b`, when both are in the same unit.
fn longer(a: Period, b: Period) -> bool {
    match (a, b) {
        (Period::WorkingDays(x), Period::WorkingDays(y))
        | (Period::Days(x), Period::Days(y))
        | (Period::Months(x), Period::Months(y))
        | (Period::Years(x), Period::Years(y)) => x > y,
        _ => false,
    }
}

/// The days after a form's first day on which a promise in another unit
/// than its statute is also compared: a year of acceptance days, which
/// meets every holiday and make-up day of the year once.
const COMPARED_DAYS: i64 = 365;

/// The first acceptance day, from the form's first day and within
/// [`COMPARED_DAYS`] after it while the form is in force, on which a
/// promise in other units than the statute in working days ends later
/// than the statute, with both ends: the comparison each case makes
/// (`promise_longer_than_statute`), both ends moved past days off (Civil
/// Code Art. 203) as the cases' are.
fn longer_on_calendar(
    promised: Period,
    statutory: Period,
    from: NaiveDate,
    until: Option<NaiveDate>,
    cal: &Calendar,
) -> Option<(NaiveDate, NaiveDate, NaiveDate)> {
    let Period::WorkingDays(n) = statutory else {
        return None;
    };
    // n working days end on a working day at least n days after the
    // start; a promise whose nominal end is at most n days after it ends
    // (moved past days off) on or before that working day. So a promise
    // of at most n calendar days, or months or years that cannot exceed n
    // days, is never longer, on any calendar.
    let most = match promised {
        Period::WorkingDays(_) => return None,
        Period::Days(k) => i64::from(k),
        Period::Months(m) => 31 * i64::from(m),
        Period::Years(y) => 366 * i64::from(y),
    };
    if most <= i64::from(n) {
        return None;
    }
    let mut day = from;
    for _ in 0..=COMPARED_DAYS {
        if until.is_some_and(|u| day >= u) {
            break;
        }
        if let (Ok(p), Ok(s)) = (
            cal.period_end(day, promised),
            cal.period_end(day, statutory),
        ) {
            if p.end > s.end {
                return Some((day, p.end, s.end));
            }
        }
        day = day.succ_opt()?;
    }
    None
}

/// Checks a catalogue on the bundled mainland calendar; with a ledger,
/// also against the powers it records. Findings are sorted by line, then
/// rule, place and item.
///
/// # Example
///
/// ```
/// use jiceng_approvals::{Catalogue, check_catalogue};
/// use jiceng_authority::Ledger;
///
/// let findings = check_catalogue(Catalogue::suning_sample(), Some(&Ledger::hebei_sample()));
/// assert!(findings.is_empty(), "{findings:?}");
/// ```
pub fn check_catalogue(cat: &Catalogue, ledger: Option<&Ledger>) -> Vec<CatalogueFinding> {
    check_catalogue_on(cat, ledger, &Calendar::china_mainland())
}

/// As [`check_catalogue`], comparing promises and statutes in different
/// units on `cal` (read provisionally beyond its notices: a catalogue's
/// limits are compared, not dated answers given).
///
/// # Example
///
/// ```
/// use jiceng_approvals::{Catalogue, CatalogueRule, check_catalogue_on};
/// use jiceng_calendar::Calendar;
///
/// // Two months promised where the statute allows 20 working days: for a
/// // case accepted on 1 January 2023, 1 March against 2 February.
/// let text = "format = 1\nname = \"t\"\n\
///     [[entry]]\ndivision = \"130000000000\"\ncode = \"A\"\nfrom = \"2023-01-01\"\nname = \"A\"\nstatutory = \"20wd\"\n\
///     [[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"2023-01-01\"\npromised = \"2m\"\ndeciding_body = \"x\"\n";
/// let cat = Catalogue::from_str_auto(text, "t.toml")?;
/// let f = check_catalogue_on(&cat, None, &Calendar::china_mainland());
/// assert_eq!(f[0].rule, CatalogueRule::PromiseLongerThanStatute);
/// assert_eq!(f[0].date.to_string(), "2023-01-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_catalogue_on(
    cat: &Catalogue,
    ledger: Option<&Ledger>,
    cal: &Calendar,
) -> Vec<CatalogueFinding> {
    let cal = cal.with_policy(CoveragePolicy::Provisional);
    let mut out = Vec::new();
    let mut seen: HashSet<(CatalogueRule, u64, String)> = HashSet::new();
    let mut push = |out: &mut Vec<CatalogueFinding>, f: CatalogueFinding| {
        if seen.insert((f.rule, f.division.get(), f.item.clone())) {
            out.push(f);
        }
    };
    // The days the ledger changes: a form in force across one of them is
    // checked on both sides.
    let changes: BTreeSet<NaiveDate> = ledger
        .map(|l| {
            l.instruments()
                .iter()
                .flat_map(|i| std::iter::once(i.effective_from).chain(i.effective_until))
                .collect()
        })
        .unwrap_or_default();
    for (div, form, from, line) in cat.forms() {
        let item = match form {
            Ok(i) => i,
            Err(message) => {
                if let Ok(d) = DivisionCode::new(div) {
                    let code = message
                        .split_whitespace()
                        .nth(1)
                        .unwrap_or_default()
                        .to_owned();
                    push(
                        &mut out,
                        CatalogueFinding {
                            rule: CatalogueRule::Incomplete,
                            line,
                            division: d,
                            // The first day of the form that cannot be
                            // resolved, as its message says.
                            date: from,
                            message_zh: incomplete_zh(&code, message),
                            item: code,
                            message: message.clone(),
                        },
                    );
                }
                continue;
            }
        };
        intrinsic(item, &cal, &mut |f| push(&mut out, f));
        if let Some(l) = ledger {
            power(item, l, &changes, &mut |f| push(&mut out, f));
        }
    }
    duplicates(cat, &mut out);
    if let Some(l) = ledger {
        devolved(cat, l, &changes, &mut out);
    }
    out.sort_by(|a, b| {
        (
            a.line.unwrap_or(usize::MAX),
            a.rule,
            a.division,
            &a.item,
            a.date,
        )
            .cmp(&(
                b.line.unwrap_or(usize::MAX),
                b.rule,
                b.division,
                &b.item,
                b.date,
            ))
    });
    out
}

fn finding(
    item: &Item,
    rule: CatalogueRule,
    date: NaiveDate,
    (message, message_zh): (String, String),
) -> CatalogueFinding {
    CatalogueFinding {
        rule,
        line: item.line,
        division: item.division,
        item: item.code.clone(),
        date,
        message,
        message_zh,
    }
}

/// The Chinese of an `incomplete` message: the field a form lacks, or the
/// rule's name and the message as it is.
fn incomplete_zh(code: &str, message: &str) -> String {
    let field = message
        .split_once("no `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(f, _)| f);
    match field {
        Some(f) => format!("事项 {code}：其条目及所引模板均未写明 `{f}`"),
        None => format!("{}：{message}", CatalogueRule::Incomplete.zh()),
    }
}

/// The rules an item breaks on its own.
fn intrinsic(item: &Item, cal: &Calendar, push: &mut dyn FnMut(CatalogueFinding)) {
    // Art. 82: the statutory limit and the extension are periods the law
    // sets for the agency, counted in working days; a case of an item that
    // writes one in calendar days is refused, so the entry is an error.
    // Both in one finding: a place's item has one finding per rule.
    let bad: Vec<(&str, &str, Period)> = [
        ("statutory limit", "法定时限", item.statutory),
        ("extension", "延长期限", item.extension),
    ]
    .into_iter()
    .filter(|(_, _, p)| !matches!(p, Period::WorkingDays(_)))
    .collect();
    if !bad.is_empty() {
        let en: Vec<String> = bad
            .iter()
            .map(|(what, _, p)| format!("{what} {p}"))
            .collect();
        let zh: Vec<String> = bad
            .iter()
            .map(|(_, what, p)| format!("{what}{}", period_zh(*p)))
            .collect();
        // The example: the extension's when only it is wrong, else the
        // statutory limit's.
        let (example, example_zh) = if matches!(item.statutory, Period::WorkingDays(_)) {
            ("10wd", "10个工作日")
        } else {
            ("20wd", "20个工作日")
        };
        push(finding(
            item,
            CatalogueRule::LimitNotWorkingDays,
            item.from,
            (
                format!(
                    "item {}: {} must be in working days (行政许可法第八十二条、第四十二条), e.g. {example}",
                    item.code,
                    en.join(" and "),
                ),
                format!(
                    "事项 {}：{}应以工作日计算（行政许可法第八十二条、第四十二条），如{example_zh}",
                    item.code,
                    zh.join("、"),
                ),
            ),
        ));
    }
    // Art. 42: one extension of at most 10 working days, or 15 for
    // unified, joint or concentrated handling. An item that allows none
    // has 0 (the catalogue resolves it so); one in calendar days is the
    // Art. 82 finding above.
    if let Period::WorkingDays(n) = item.extension {
        let law = lawful_extension(item.joint);
        if n > law {
            push(finding(
                item,
                CatalogueRule::ExtensionTooLong,
                item.from,
                (
                    format!(
                        "item {}: extension {} is longer than the {law}wd Art. 42 allows{} (行政许可法第四十二条)",
                        item.code,
                        item.extension,
                        if item.joint {
                            " for joint handling"
                        } else {
                            ""
                        }
                    ),
                    format!(
                        "事项 {}：延长期限{}超过行政许可法第四十二条允许的{law}个工作日{}",
                        item.code,
                        period_zh(item.extension),
                        if item.joint {
                            "（统一、联合、集中办理）"
                        } else {
                            ""
                        }
                    ),
                ),
            ));
        }
    }
    if let Some(p) = item.promised {
        if longer(p, item.statutory) {
            push(finding(
                item,
                CatalogueRule::PromiseLongerThanStatute,
                item.from,
                (
                    format!(
                        "item {}: promised {p} is longer than statutory {}",
                        item.code, item.statutory
                    ),
                    format!(
                        "事项 {}：承诺时限{}长于法定时限{}",
                        item.code,
                        period_zh(p),
                        period_zh(item.statutory)
                    ),
                ),
            ));
        } else if let Some((day, pe, se)) =
            longer_on_calendar(p, item.statutory, item.from, item.until, cal)
        {
            push(finding(
                item,
                CatalogueRule::PromiseLongerThanStatute,
                day,
                (
                    format!(
                        "item {}: promised {p} is longer than statutory {} for a case accepted on {day}: due {pe} against {se}",
                        item.code, item.statutory
                    ),
                    format!(
                        "事项 {}：{day}受理的案件，承诺时限{}（至{pe}）长于法定时限{}（至{se}）",
                        item.code,
                        period_zh(p),
                        period_zh(item.statutory)
                    ),
                ),
            ));
        }
        if item.handling == Handling::OnTheSpot && p.amount() > 0 {
            push(finding(
                item,
                CatalogueRule::OnTheSpotWithPromise,
                item.from,
                (
                    format!(
                        "item {}: handled on the spot (即办件) but promised {p}",
                        item.code
                    ),
                    format!("事项 {}：即办件却承诺{}办结", item.code, period_zh(p)),
                ),
            ));
        }
    }
    if item.proxy {
        if let Some(m) = item.materials.iter().find(|m| m.in_person) {
            push(finding(
                item,
                CatalogueRule::ProxyNeedsPresence,
                item.from,
                (
                    format!(
                        "item {}: village proxy allowed, but material {} needs the applicant in person",
                        item.code, m.name
                    ),
                    format!(
                        "事项 {}：允许村级代办，但材料“{}”须申请人本人到场",
                        item.code, m.name
                    ),
                ),
            ));
        }
    }
}

/// The deciding body against the ledger, on the form's first day and on
/// every day the ledger changes while it is in force.
fn power(
    item: &Item,
    ledger: &Ledger,
    changes: &BTreeSet<NaiveDate>,
    push: &mut dyn FnMut(CatalogueFinding),
) {
    // Templates above a county are not offered to applicants: nothing to
    // hold.
    if item.division.level() < Level::County {
        return;
    }
    let Some(power) = &item.power_item else {
        return;
    };
    let days = std::iter::once(item.from).chain(
        changes
            .iter()
            .copied()
            .filter(|d| *d > item.from && item.until.is_none_or(|u| *d < u)),
    );
    for day in days {
        match ledger.holder(power, &item.division.to_string(), day) {
            Ok(h) if h.holder.code == item.deciding_body => {}
            Ok(h) => {
                push(finding(
                    item,
                    CatalogueRule::ServiceWithoutPower,
                    day,
                    (
                        format!(
                            "item {}: deciding body {} does not hold power item {power} in {} on {day}; {} does",
                            item.code, item.deciding_body, item.division, h.holder.code
                        ),
                        format!(
                            "事项 {}：{day}在 {} 决定机关 {} 不持有权力事项 {power}，持有者为 {}",
                            item.code, item.division, item.deciding_body, h.holder.code
                        ),
                    ),
                ));
                return;
            }
            Err(AuthorityError::UnknownItem(_)) => {
                push(finding(
                    item,
                    CatalogueRule::UnknownPowerItem,
                    day,
                    (
                        format!(
                            "item {}: power item {power} is not in the ledger",
                            item.code
                        ),
                        format!("事项 {}：权力事项 {power} 不在权责清单中", item.code),
                    ),
                ));
                return;
            }
            Err(e) => {
                push(finding(
                    item,
                    CatalogueRule::ServiceWithoutPower,
                    day,
                    (
                        format!(
                            "item {}: deciding body {} has no power item {power} in {} on {day}: {e}",
                            item.code, item.deciding_body, item.division
                        ),
                        format!(
                            "事项 {}：{day}在 {} 决定机关 {} 无权力事项 {power}：{e}",
                            item.code, item.division, item.deciding_body
                        ),
                    ),
                ));
                return;
            }
        }
    }
}

/// The same item twice in one place on overlapping days.
fn duplicates(cat: &Catalogue, out: &mut Vec<CatalogueFinding>) {
    let entries = &cat.file().entry;
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| {
        (entries[a].division, &entries[a].code, entries[a].from).cmp(&(
            entries[b].division,
            &entries[b].code,
            entries[b].from,
        ))
    });
    for w in order.windows(2) {
        let (a, b) = (&entries[w[0]], &entries[w[1]]);
        if a.division == b.division && a.code == b.code && a.until.is_none_or(|u| u > b.from) {
            out.push(CatalogueFinding {
                rule: CatalogueRule::DuplicateItem,
                line: cat.line(w[1]),
                division: b.division,
                item: b.code.clone(),
                date: b.from,
                message: format!(
                    "item {} is listed twice in {} on {} (also at line {})",
                    b.code,
                    b.division,
                    b.from,
                    cat.line(w[0])
                        .map_or_else(|| "-".to_owned(), |l| l.to_string())
                ),
                message_zh: format!(
                    "事项 {} 在 {} 于 {} 重复列入（另见第{}行）",
                    b.code,
                    b.division,
                    b.from,
                    cat.line(w[0])
                        .map_or_else(|| "-".to_owned(), |l| l.to_string())
                ),
            });
        }
    }
}

/// Items the ledger devolved to a township that its catalogue does not
/// offer, for every township the catalogue or its county's entries cover,
/// on the first day of the catalogue and every day the ledger or the
/// catalogue changes.
fn devolved(
    cat: &Catalogue,
    ledger: &Ledger,
    changes: &BTreeSet<NaiveDate>,
    out: &mut Vec<CatalogueFinding>,
) {
    let entries = &cat.file().entry;
    let Some(first) = entries.iter().map(|e| e.from).min() else {
        return;
    };
    let places: HashSet<u64> = entries.iter().map(|e| e.division.get()).collect();
    let mut days: BTreeSet<NaiveDate> = entries
        .iter()
        .flat_map(|e| std::iter::once(e.from).chain(e.until))
        .collect();
    days.extend(changes.iter().copied().filter(|d| *d >= first));
    let mut seen: HashSet<(u64, String)> = HashSet::new();
    for t in ledger.registry().divisions() {
        let code = t.code;
        if !is_township(code.get()) {
            continue;
        }
        // Only the townships this catalogue speaks for: its own entries or
        // its county's.
        let covered = places.contains(&code.get())
            || code
                .at(Level::County)
                .is_some_and(|c| places.contains(&c.get()));
        if !covered {
            continue;
        }
        for &day in &days {
            let Ok(devolved) = ledger.devolved_to(code, day) else {
                continue;
            };
            let offered: HashSet<&str> = cat
                .offered(code, day, None, None)
                .into_iter()
                .filter_map(|i| i.power_item.as_deref())
                .collect();
            for d in devolved {
                let p = &ledger.item(d.item).code;
                if !offered.contains(p.as_str()) && seen.insert((code.get(), p.clone())) {
                    out.push(CatalogueFinding {
                        rule: CatalogueRule::DevolvedNotOffered,
                        line: None,
                        division: code,
                        item: p.clone(),
                        date: day,
                        message: format!(
                            "power item {p} was devolved to {} on {day} by {} ({}), but its catalogue offers no item for it",
                            code,
                            d.instrument.id,
                            d.instrument.document.as_deref().unwrap_or("-")
                        ),
                        message_zh: format!(
                            "权力事项 {p} 已于{day}由 {}（{}）下放至 {}，但其实施清单未列入相应事项",
                            d.instrument.id,
                            d.instrument.document.as_deref().unwrap_or("-"),
                            code
                        ),
                    });
                }
            }
        }
    }
}
