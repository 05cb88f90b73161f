//! Integration tests of the grid crate.

#![allow(clippy::unwrap_used)]

mod agreement;
mod due;
mod files;
mod fuzz;
mod grid;
mod histogram;
mod items;
mod laws;
mod line;
mod metrics;
mod mutants_pins2;
mod pins;
mod provisional;
mod regression;
mod released;
mod routing;
mod story;
mod transitions;
mod zh;

use chrono::{DateTime, FixedOffset};
use jiceng_calendar::{Calendar, WorkingHours};
use jiceng_grid::{Engine, Entry, Grid, Taxonomy};
use serde_json::{Value, json};

/// The fixtures every test shares.
#[derive(Debug)]
pub struct World {
    pub grid: Grid,
    pub tax: Taxonomy,
    pub cal: Calendar,
    pub hours: WorkingHours,
}

impl Default for World {
    fn default() -> World {
        World::new()
    }
}

impl World {
    pub fn new() -> World {
        World {
            grid: Grid::guchengying(),
            tax: Taxonomy::sample(),
            cal: Calendar::china_mainland(),
            hours: WorkingHours::china_standard(),
        }
    }

    pub fn engine(&self) -> Engine<'_> {
        Engine::new(&self.grid, &self.tax, &self.cal, &self.hours)
    }
}

/// A time on 2025-06-10 (a Tuesday and a working day), China Standard Time.
pub fn at(hm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2025-06-10T{hm}:00+08:00")).unwrap()
}

/// The version 7 uuid used for event `n` in the tests.
pub fn id(n: u32) -> String {
    format!("01975779-f5a0-7000-8000-{n:012}")
}

/// An entry for event `n` at `hm` by `actor`, with the action's fields.
pub fn entry(n: u32, hm: &str, actor: &str, action: Value) -> Entry {
    let mut v = json!({"event": id(n), "at": at(hm).to_rfc3339(), "actor": actor});
    if let (Some(o), Some(a)) = (v.as_object_mut(), action.as_object()) {
        o.extend(a.clone());
    }
    serde_json::from_value(v).unwrap()
}

/// A report of a rubbish bin in GCY-01 by its grid worker W01.
pub fn report(n: u32, hm: &str) -> Entry {
    entry(
        n,
        hm,
        "W01",
        json!({"action": "report", "cell": "GCY-01", "category": "0101",
               "channel": "grid_worker", "description": "垃圾桶满溢"}),
    )
}

/// The happy path of event `n` to closure: report, accept, dispatch to the
/// township team, start, resolve, verify, close.
pub fn to_closure(n: u32) -> Vec<Entry> {
    vec![
        report(n, "09:35"),
        entry(n, "09:40", "C01", json!({"action": "accept"})),
        entry(
            n,
            "09:45",
            "C01",
            json!({"action": "dispatch", "body": "130430104-zfd"}),
        ),
        entry(n, "10:00", "130430104-zfd", json!({"action": "start"})),
        entry(n, "10:50", "130430104-zfd", json!({"action": "resolve"})),
        entry(n, "11:05", "W01", json!({"action": "verify"})),
        entry(n, "11:10", "C01", json!({"action": "close"})),
    ]
}

/// What the line readers answer, worked out apart from them: the derived
/// reader's answer, but for an action that is not a string (a number,
/// which serde's flatten takes as the index of an action), which they
/// refuse: `Err(None)`.
pub fn derived(line: &str) -> Result<Entry, Option<String>> {
    let entry = serde_json::from_str::<Entry>(line).map_err(|e| Some(e.to_string()))?;
    match serde_json::from_str::<Value>(line)
        .ok()
        .and_then(|v| v.get("action").cloned())
    {
        Some(Value::String(_)) => Ok(entry),
        _ => Err(None),
    }
}

/// A reader's error is [`derived`]'s: the same words, or, for an action
/// that is not a string, serde's words for such a value.
pub fn same_error(got: &str, want: Option<&str>) -> bool {
    match want {
        Some(want) => got == want,
        None => got.starts_with("invalid type: ") && got.contains(", expected a string at line 1"),
    }
}
