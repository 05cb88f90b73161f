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
//!   than the statute (Art. 42), never worse;
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
//! * `unknown_power_item`: a power item the ledger does not list.
//!
//! Every finding is reported, each with its line where the file has one;
//! the check reads the catalogue, it does not build it.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use jiceng_authority::{Error as AuthorityError, Ledger};
use jiceng_calendar::Period;
use jiceng_org::{DivisionCode, Level};
use schemars::JsonSchema;
use serde::Serialize;

use crate::case::Handling;
use crate::catalogue::{Catalogue, Item, is_township};

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

/// Checks a catalogue; with a ledger, also against the powers it records.
/// Findings are sorted by line, then rule, place and item.
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
                            item: code,
                            // The first day of the form that cannot be
                            // resolved, as its message says.
                            date: from,
                            message: message.clone(),
                        },
                    );
                }
                continue;
            }
        };
        intrinsic(item, &mut |f| push(&mut out, f));
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

fn finding(item: &Item, rule: CatalogueRule, date: NaiveDate, message: String) -> CatalogueFinding {
    CatalogueFinding {
        rule,
        line: item.line,
        division: item.division,
        item: item.code.clone(),
        date,
        message,
    }
}

/// The rules an item breaks on its own.
fn intrinsic(item: &Item, push: &mut dyn FnMut(CatalogueFinding)) {
    if let Some(p) = item.promised {
        if longer(p, item.statutory) {
            push(finding(
                item,
                CatalogueRule::PromiseLongerThanStatute,
                item.from,
                format!(
                    "item {}: promised {p} is longer than statutory {}",
                    item.code, item.statutory
                ),
            ));
        }
        if item.handling == Handling::OnTheSpot && p.amount() > 0 {
            push(finding(
                item,
                CatalogueRule::OnTheSpotWithPromise,
                item.from,
                format!(
                    "item {}: handled on the spot (即办件) but promised {p}",
                    item.code
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
                format!(
                    "item {}: village proxy allowed, but material {} needs the applicant in person",
                    item.code, m.name
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
                    format!(
                        "item {}: deciding body {} does not hold power item {power} in {} on {day}; {} does",
                        item.code, item.deciding_body, item.division, h.holder.code
                    ),
                ));
                return;
            }
            Err(AuthorityError::UnknownItem(_)) => {
                push(finding(
                    item,
                    CatalogueRule::UnknownPowerItem,
                    day,
                    format!(
                        "item {}: power item {power} is not in the ledger",
                        item.code
                    ),
                ));
                return;
            }
            Err(e) => {
                push(finding(
                    item,
                    CatalogueRule::ServiceWithoutPower,
                    day,
                    format!(
                        "item {}: deciding body {} has no power item {power} in {} on {day}: {e}",
                        item.code, item.deciding_body, item.division
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
                    });
                }
            }
        }
    }
}
