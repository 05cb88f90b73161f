//! Grid and taxonomy files: a township's own grid and its own event
//! categories, in TOML or JSON, in place of the bundled examples.
//!
//! A grid file has the fields of [`Grid`] (`township`, `name`, `cells`,
//! `workers`, `staff`, `bodies`); a taxonomy file those of [`Taxonomy`]
//! (`categories`, each with its power items and service level). Both are
//! described by JSON Schemas ([`grid_schema`], [`taxonomy_schema`]).
//! Unknown fields are refused, so that a misspelt field is not silently
//! ignored. Every error names the file, the line and the field or value at
//! fault.

use crate::error::Error;
use crate::grid::{Grid, MAX_MEMBERS};
use crate::taxonomy::Taxonomy;

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line where the `nth` (0-based) occurrence of `value` as a quoted
/// string stands, if it does; with a `key`, only occurrences given as that
/// key's value (`id = "X"` in TOML, `"id": "X"` in JSON) count.
fn line_of_value(text: &str, value: Option<&str>, key: Option<&str>, nth: usize) -> Option<usize> {
    let quoted = format!("\"{}\"", value?);
    let (at, _) = text
        .match_indices(&quoted)
        .filter(|(at, _)| key.is_none_or(|k| given_as(&text[..*at], k)))
        .nth(nth)?;
    Some(line_of(text, at))
}

/// Whether the text before a value ends with `key =` or `"key":`.
fn given_as(before: &str, key: &str) -> bool {
    let b = before.trim_end();
    let Some(b) = b.strip_suffix('=').or_else(|| b.strip_suffix(':')) else {
        return false;
    };
    let b = b.trim_end();
    let b = b.strip_suffix('"').unwrap_or(b);
    b.strip_suffix(key).is_some_and(|rest| {
        !rest
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, origin: &str) -> Result<T, Error> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| Error::Parse {
            origin: origin.to_owned(),
            line: Some(e.line()),
            reason: e.to_string(),
        })
    } else {
        toml::from_str(text).map_err(|e| Error::Parse {
            origin: origin.to_owned(),
            line: e.span().map(|s| line_of(text, s.start)),
            reason: e.message().trim().to_owned(),
        })
    }
}

impl Grid {
    /// Reads and checks a grid from TOML, or JSON when the text starts
    /// with `{`.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] with the line: a syntax error, a missing, unknown
    /// or malformed field, or what [`Grid::validate`] refuses (at the line
    /// of the offending id).
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_grid::Grid;
    ///
    /// let text = r#"
    /// township = "130430104000"
    /// name = "古城营镇"
    /// staff = [{ id = "C01", name = "受理员" }]
    /// bodies = [{ code = "130430104-zfd", name = "古城营镇综合行政执法队" }]
    ///
    /// [[cells]]
    /// id = "GCY-01"
    /// division = "130430104200"
    /// households = 180
    /// population = 560
    ///
    /// [[workers]]
    /// id = "W01"
    /// name = "网格员01"
    /// role = "grid_worker"
    /// tenure = "full_time"
    /// cells = ["GCY-02"]
    /// "#;
    /// let err = Grid::from_str_auto(text, "gcy.toml").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "gcy.toml:18: invalid grid: worker W01 is assigned to unknown cell GCY-02"
    /// );
    /// let ok = text.replace("GCY-02", "GCY-01");
    /// assert_eq!(Grid::from_str_auto(&ok, "gcy.toml")?.coverage().grid_workers, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_str_auto(text: &str, origin: &str) -> Result<Grid, Error> {
        let grid: Grid = parse(text, origin)?;
        grid.problem().map_or(Ok(()), |(value, key, nth, reason)| {
            Err(Error::Parse {
                origin: origin.to_owned(),
                line: line_of_value(text, value.as_deref(), key, nth),
                reason: format!("invalid grid: {reason}"),
            })
        })?;
        Ok(grid)
    }
}

/// The most power items one category may name: a bound on what routing a
/// single event may cost.
pub const MAX_ITEMS_PER_CATEGORY: usize = 64;

impl Taxonomy {
    /// Reads and checks a taxonomy from TOML, or JSON when the text starts
    /// with `{`.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] with the line: a syntax error, a missing, unknown
    /// or malformed field, or what [`Taxonomy::validate`] refuses (at the
    /// line of the offending category's code).
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_grid::Taxonomy;
    ///
    /// let text = r#"
    /// [[categories]]
    /// code = "0101"
    /// major = "市容环境"
    /// minor = "垃圾桶"
    /// items = ["HB-CF-016"]
    /// urgency = "normal"
    /// service = { response = { working_minutes = 30 }, resolution = { working_day = 1 } }
    /// "#;
    /// let err = Taxonomy::from_str_auto(text, "tax.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("tax.toml:8: unknown variant `working_day`"), "{err}");
    /// let ok = text.replace("working_day ", "working_days ");
    /// assert_eq!(Taxonomy::from_str_auto(&ok, "tax.toml")?.categories.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_str_auto(text: &str, origin: &str) -> Result<Taxonomy, Error> {
        let tax: Taxonomy = parse(text, origin)?;
        tax.problem().map_or(Ok(()), |(value, nth, reason)| {
            Err(Error::Parse {
                origin: origin.to_owned(),
                line: line_of_value(text, value.as_deref(), Some("code"), nth),
                reason: format!("invalid taxonomy: {reason}"),
            })
        })?;
        Ok(tax)
    }
}

/// The JSON Schema of a grid file.
pub fn grid_schema() -> String {
    schemars::schema_for!(Grid).as_value().to_string()
}

/// The JSON Schema of a taxonomy file.
pub fn taxonomy_schema() -> String {
    schemars::schema_for!(Taxonomy).as_value().to_string()
}

/// The most categories a taxonomy may hold.
pub const MAX_CATEGORIES: usize = MAX_MEMBERS;
