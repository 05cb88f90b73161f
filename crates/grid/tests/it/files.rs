//! Grid and taxonomy files, the engine's cap on events held, and both due
//! times from one start. Lines are counted by hand in the texts below.

use chrono::{DateTime, Duration};
use jiceng_grid::{
    Error, Grid, MAX_EVENTS, MAX_ITEMS_PER_CATEGORY, ServiceLevel, State, Target, Taxonomy,
};
use proptest::prelude::*;

use crate::{World, id, report};

/// Line 1 township, 3 staff, 6 the cells, 12 the workers.
const GRID: &str = r#"township = "130430104000"
name = "古城营镇"
staff = [{ id = "C01", name = "受理员" }]
bodies = [{ code = "130430104-zfd", name = "古城营镇综合行政执法队" }]

[[cells]]
id = "GCY-01"
division = "130430104200"
households = 180
population = 560

[[workers]]
id = "W01"
name = "网格员01"
role = "grid_worker"
tenure = "full_time"
cells = ["GCY-01"]
"#;

fn grid_error(text: &str) -> String {
    Grid::from_str_auto(text, "g.toml").unwrap_err().to_string()
}

fn tax_error(text: &str) -> String {
    Taxonomy::from_str_auto(text, "t.toml")
        .unwrap_err()
        .to_string()
}

#[test]
fn a_grid_file_reads_and_its_errors_name_the_line() {
    let g = Grid::from_str_auto(GRID, "g.toml").unwrap();
    assert_eq!(g.cells.len(), 1);
    assert_eq!(g.coverage().households, 180);
    // A second cell GCY-01: its id is on line 20 (the worker's list on
    // line 17 names GCY-01 too, but not as an id).
    let twice = format!(
        "{GRID}\n[[cells]]\nid = \"GCY-01\"\ndivision = \"130430104200\"\nhouseholds = 1\npopulation = 1\n"
    );
    assert_eq!(
        grid_error(&twice),
        "g.toml:20: invalid grid: cell GCY-01 appears twice"
    );
    // A cell in another township (130430105), on line 8.
    assert_eq!(
        grid_error(&GRID.replace("130430104200", "130430105200")),
        "g.toml:8: invalid grid: cell GCY-01 lies in 130430105200, not a village or community of 130430104000"
    );
    // The staff member C01 also listed as a body: its second occurrence
    // is on line 4.
    assert_eq!(
        grid_error(&GRID.replace("code = \"130430104-zfd\"", "code = \"C01\"")),
        "g.toml:4: invalid grid: actor C01 appears twice"
    );
    // A missing field: the parser names it.
    let e = grid_error(&GRID.replace("households = 180\n", ""));
    assert!(
        e.starts_with("g.toml:6:") && e.contains("missing field `households`"),
        "{e}"
    );
    // JSON, with its line.
    let e = grid_error("{\n\"township\": \"130430104000\",\n\"name\": 1\n}");
    assert!(
        e.starts_with("g.toml:3:") && e.contains("invalid type"),
        "{e}"
    );
}

fn category(code: &str, items: usize) -> String {
    let items: Vec<String> = (0..items).map(|i| format!("\"I{i}\"")).collect();
    format!(
        "[[categories]]\ncode = \"{code}\"\nmajor = \"m\"\nminor = \"n\"\nitems = [{}]\nurgency = \"urgent\"\nservice = {{ response = {{ working_minutes = 0 }}, resolution = {{ working_days = 2 }} }}\n",
        items.join(", ")
    )
}

#[test]
fn a_taxonomy_file_is_bounded_and_its_errors_name_the_line() {
    // Exactly the most items a category may name.
    let t = Taxonomy::from_str_auto(&category("01", MAX_ITEMS_PER_CATEGORY), "t.toml").unwrap();
    assert_eq!(t.categories[0].items.len(), 64);
    assert_eq!(t.categories[0].service.resolution, Target::WorkingDays(2));
    // One more is refused, at the code's line (2).
    assert_eq!(
        tax_error(&category("01", 65)),
        "t.toml:2: invalid taxonomy: category 01 names 65 power items, more than 64"
    );
    assert_eq!(
        tax_error(&category("01", 0)),
        "t.toml:2: invalid taxonomy: category 01 names no power item"
    );
    // Each category takes 7 lines: the second "01" is on line 9.
    let twice = format!("{}{}", category("01", 1), category("01", 1));
    assert_eq!(
        tax_error(&twice),
        "t.toml:9: invalid taxonomy: category 01 appears twice"
    );
    // An unknown field is refused rather than ignored.
    let e = tax_error(&category("01", 1).replace("urgency", "urgent_level"));
    assert!(
        e.starts_with("t.toml:") && e.contains("unknown field `urgent_level`"),
        "{e}"
    );
    // validate() says the same without a line.
    let mut tax = Taxonomy::sample();
    tax.categories[1].items.clear();
    assert_eq!(
        tax.validate(),
        Err(Error::Invalid {
            what: "taxonomy",
            reason: "category 0102 names no power item".to_owned()
        })
    );
}

#[test]
fn the_engine_holds_at_most_its_cap() {
    let w = World::new();
    let mut e = w.engine().with_max_open(2);
    assert_eq!(e.max_open(), 2);
    e.apply(&report(1, "09:00")).unwrap();
    e.apply(&report(2, "09:10")).unwrap();
    let third = report(3, "09:20");
    assert_eq!(
        e.apply(&third),
        Err(Error::TooManyOpen {
            event: third.event,
            max: 2
        })
    );
    assert_eq!(e.held(), 2);
    // Releasing one makes room; a released event is unknown afterwards.
    let t = e.release(report(1, "09:00").event).unwrap();
    assert_eq!((t.state, t.id.to_string()), (State::Reported, id(1)));
    assert_eq!(e.held(), 1);
    e.apply(&third).unwrap();
    let ids: Vec<String> = e.drain().map(|t| t.id.to_string()).collect();
    assert_eq!(ids, [id(2), id(3)]);
    assert_eq!(e.held(), 0);
    // The cap never exceeds the engine's own bound.
    assert_eq!(w.engine().with_max_open(usize::MAX).max_open(), MAX_EVENTS);
    assert_eq!(w.engine().max_open(), MAX_EVENTS);
}

/// Records are held by hash, so `tickets` and `drain` sort: they come out
/// in id order (for version 7 ids, the order of their minting), not in
/// the order of report nor of the table.
#[test]
fn records_come_out_in_id_order_whatever_the_order_of_report() {
    let w = World::new();
    let mut e = w.engine();
    for (n, at) in [
        (9, "09:00"),
        (2, "09:10"),
        (7, "09:20"),
        (1, "09:30"),
        (5, "09:40"),
    ] {
        e.apply(&report(n, at)).unwrap();
    }
    let listed: Vec<String> = e.tickets().map(|t| t.id.to_string()).collect();
    assert_eq!(listed, [id(1), id(2), id(5), id(7), id(9)]);
    let drained: Vec<String> = e.drain().map(|t| t.id.to_string()).collect();
    assert_eq!(drained, listed);
}

proptest! {
    /// Both due times from one start equal each target's own due time.
    #[test]
    fn due_times_agree_with_each_target(
        mins in 0i64..(15 * 365 * 24 * 60),
        response in 0u32..600,
        resolution in 0u32..3000,
        days in 0u32..20,
        kinds in 0u8..4,
    ) {
        let w = World::new();
        let at = DateTime::parse_from_rfc3339("2010-01-01T00:00:00+08:00").unwrap()
            + Duration::minutes(mins);
        let pick = |k: bool, m: u32| if k { Target::WorkingDays(days) } else { Target::WorkingMinutes(m) };
        let level = ServiceLevel {
            response: pick(kinds & 1 == 1, response),
            resolution: pick(kinds & 2 == 2, resolution),
        };
        let both = level.due_times(&w.cal, &w.hours, at).unwrap();
        prop_assert_eq!(both.0, level.response.due(&w.cal, &w.hours, at).unwrap());
        prop_assert_eq!(both.1, level.resolution.due(&w.cal, &w.hours, at).unwrap());
    }
}

#[test]
fn the_schemas_describe_the_files() {
    let grid: serde_json::Value = serde_json::from_str(&jiceng_grid::grid_schema()).unwrap();
    assert!(grid["properties"]["workers"].is_object(), "{grid}");
    let tax: serde_json::Value = serde_json::from_str(&jiceng_grid::taxonomy_schema()).unwrap();
    assert!(tax["properties"]["categories"].is_object(), "{tax}");
}

#[test]
fn a_value_under_a_longer_key_is_not_taken_for_the_id() {
    // Comments name GCY-01 under keys that end in "id" but are not `id`
    // (xid, cell_id, grid-id) on lines 18–20; the duplicate cell's id is
    // on line 22.
    let text = format!(
        "{GRID}# xid = \"GCY-01\"\n# cell_id = \"GCY-01\"\n# grid-id = \"GCY-01\"\n[[cells]]\nid = \"GCY-01\"\ndivision = \"130430104200\"\nhouseholds = 1\npopulation = 1\n"
    );
    assert_eq!(
        grid_error(&text),
        "g.toml:22: invalid grid: cell GCY-01 appears twice"
    );
}

#[test]
fn a_taxonomy_holds_at_most_max_categories() {
    let one = Taxonomy::sample().categories[0].clone();
    let mut tax = Taxonomy {
        categories: (0..jiceng_grid::MAX_CATEGORIES)
            .map(|i| {
                let mut c = one.clone();
                c.code = i.to_string();
                c
            })
            .collect(),
    };
    assert_eq!(tax.validate(), Ok(()));
    tax.categories.push(one);
    assert_eq!(
        tax.validate(),
        Err(Error::Invalid {
            what: "taxonomy",
            reason: "100001 categories, more than 100000".to_owned()
        })
    );
}

#[test]
fn a_zero_target_needs_no_day_of_the_calendar() {
    // 2030 lies outside the bundled calendar (2010–2026): a zero target,
    // in minutes or in days, is the instant or the day itself and needs
    // no day to be known (Target::due), so both due times are answered.
    let w = World::new();
    let at = DateTime::parse_from_rfc3339("2030-01-02T09:00:00+08:00").unwrap();
    let level = ServiceLevel {
        response: Target::WorkingMinutes(0),
        resolution: Target::WorkingDays(0),
    };
    let (respond, resolve) = level.due_times(&w.cal, &w.hours, at).unwrap();
    assert_eq!(respond, at);
    assert_eq!(resolve.to_rfc3339(), "2030-01-02T17:30:00+08:00");
}
