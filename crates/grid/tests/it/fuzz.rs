//! Fuzz targets for the event format (issue 9's convention): mutations of
//! the bundled day's lines, long and non-ASCII strings, extreme times.
//! Nothing may panic; what parses is applied, and an error changes
//! nothing.

use jiceng_grid::{Entry, GUCHENGYING_DAY};
use proptest::prelude::*;

use crate::World;

fn lines() -> Vec<&'static str> {
    GUCHENGYING_DAY.lines().collect()
}

/// One bundled line with a byte range replaced by arbitrary text.
fn mutated() -> impl Strategy<Value = String> {
    let n = lines().len();
    (
        0..n,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        ".{0,40}",
    )
        .prop_map(|(i, a, b, s)| {
            let l = lines()[i];
            let mut cut: Vec<usize> = l.char_indices().map(|(k, _)| k).collect();
            cut.push(l.len());
            let (x, y) = (a.get(&cut), b.get(&cut));
            let (x, y) = (*x.min(y), *x.max(y));
            format!("{}{}{}", &l[..x], s, &l[y..])
        })
}

/// Extreme times: years far off, odd offsets.
fn extreme_time() -> impl Strategy<Value = String> {
    (-9999i32..=9999, 1u32..=12, 1u32..=28, -23i32..=23).prop_map(|(y, m, d, o)| {
        let sign = if o < 0 { '-' } else { '+' };
        format!(
            "{y:04}-{m:02}-{d:02}T09:35:00{sign}{:02}:00",
            o.unsigned_abs()
        )
    })
}

proptest! {
    #[test]
    fn fuzz_mutated_lines(line in mutated()) {
        let w = World::new();
        let mut e = w.engine();
        let day: Vec<Entry> = lines().iter().map(|l| serde_json::from_str(l).unwrap()).collect();
        if let Ok(x) = serde_json::from_str::<Entry>(&line) {
            let _ = e.apply(&x);
            for d in &day {
                let b = serde_json::to_string(&e.tickets().collect::<Vec<_>>()).unwrap();
                if e.apply(d).is_err() {
                    prop_assert_eq!(b, serde_json::to_string(&e.tickets().collect::<Vec<_>>()).unwrap());
                }
            }
        }
    }

    #[test]
    fn fuzz_extreme_times_and_strings(t in extreme_time(), desc in "\\PC{0,300}", cell in "\\PC{0,20}") {
        let w = World::new();
        let mut e = w.engine();
        let line = serde_json::json!({
            "event": "01975779-f5a0-7000-8000-000000000001", "at": t, "actor": "W01",
            "action": "report", "cell": cell, "category": "0101",
            "channel": "grid_worker", "description": desc,
        });
        if let Ok(x) = serde_json::from_value::<Entry>(line) {
            let _ = e.apply(&x);
        }
        let line = serde_json::json!({
            "event": "01975779-f5a0-7000-8000-000000000001", "at": t, "actor": "W01",
            "action": "report", "cell": "GCY-01", "category": "0101",
            "channel": "grid_worker", "description": "d",
        });
        if let Ok(x) = serde_json::from_value::<Entry>(line) {
            // Far-off years fall outside the calendar: an error, never a panic.
            let _ = e.apply(&x);
        }
    }
}

proptest! {
    /// The hand scanner behind `Entry::from_json_line`, on mutated lines
    /// with JSON whitespace around them: never a panic, and always the
    /// derived reader's answer (or its error, message and position
    /// included). What parses is applied and released.
    #[test]
    fn fuzz_fast_line_reader(
        line in mutated(),
        pad in prop::sample::select(vec!["", " ", "\t", "\r\n", " \n "]),
    ) {
        let line = format!("{pad}{line}{pad}");
        let fast = Entry::from_json_line(&line);
        let slow = crate::derived(&line);
        match (&fast, &slow) {
            (Err(a), Err(b)) => prop_assert!(crate::same_error(&a.to_string(), b.as_deref()), "{line}: {a} against {b:?}"),
            _ => prop_assert_eq!(format!("{:?}", fast.as_ref().ok()), format!("{:?}", slow.as_ref().ok()), "{}", line),
        }
        // Read into an entry whose strings it takes over: the same answer,
        // and on error the entry as it was.
        let first = lines().first().copied().unwrap_or_default();
        if let Ok(before) = Entry::from_json_line(first) {
            let mut reused = before.clone();
            match reused.read_json_line(&line) {
                Ok(()) => prop_assert_eq!(format!("{:?}", Ok::<_, ()>(&reused)), format!("{:?}", slow.as_ref().map_err(|_| ()))),
                Err(e) => {
                    let want = slow.as_ref().err();
                    prop_assert!(want.is_some_and(|w| crate::same_error(&e.to_string(), w.as_deref())), "{line}: {e} against {want:?}");
                    prop_assert_eq!(&reused, &before);
                }
            }
        }
        if let Ok(x) = fast {
            let w = World::new();
            let mut e = w.engine();
            let _ = e.apply(&x);
            let _ = e.apply_and_release(&x);
        }
    }
}

/// The bundled grid and taxonomy written as JSON, with a byte range
/// replaced by arbitrary text: the file readers behind `--grid` and
/// `--taxonomy` answer or refuse, and never panic.
fn mutated_file(text: String) -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        ".{0,40}",
    )
        .prop_map(move |(a, b, s)| {
            let mut cut: Vec<usize> = text.char_indices().map(|(k, _)| k).collect();
            cut.push(text.len());
            let (x, y) = (a.get(&cut), b.get(&cut));
            let (x, y) = (*x.min(y), *x.max(y));
            format!("{}{}{}", &text[..x], s, &text[y..])
        })
}

fn grid_json() -> String {
    // Serialising a bundled value cannot fail: every field is plain data.
    serde_json::to_string_pretty(&jiceng_grid::Grid::guchengying()).unwrap_or_default()
}

fn taxonomy_json() -> String {
    serde_json::to_string_pretty(&jiceng_grid::Taxonomy::sample()).unwrap_or_default()
}

proptest! {
    #[test]
    fn fuzz_mutated_grid_files(text in mutated_file(grid_json())) {
        let _ = jiceng_grid::Grid::from_str_auto(&text, "grid.json");
    }

    #[test]
    fn fuzz_mutated_taxonomy_files(text in mutated_file(taxonomy_json())) {
        let _ = jiceng_grid::Taxonomy::from_str_auto(&text, "taxonomy.json");
    }
}

#[test]
fn the_bundled_grid_and_taxonomy_read_back_from_json() {
    // The fuzz targets above start from these texts, so they must be the
    // files a user could write.
    assert!(jiceng_grid::Grid::from_str_auto(&grid_json(), "grid.json").is_ok());
    assert!(jiceng_grid::Taxonomy::from_str_auto(&taxonomy_json(), "taxonomy.json").is_ok());
}
