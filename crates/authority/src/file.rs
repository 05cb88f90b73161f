//! The ledger file format: TOML for people, JSON for machines, one model.
//!
//! ```toml
//! format = 1
//! name = "hebei-sample"
//! illustrative = true
//!
//! [[division]]
//! code = "130430000000"
//! name = "邱县"
//! kind = "county"
//!
//! [[body]]
//! code = "130430-zhzf"
//! name = "邱县综合行政执法局"
//! kind = "enforcement_bureau"
//! division = "130430000000"
//!
//! [[item]]
//! code = "CF-001"
//! name = "…"
//! category = "处罚"
//! sector = "生态环境"
//!
//! [[instrument]]
//! id = "qiu-concentrate"
//! kind = "concentration"
//! …
//! ```
//!
//! [`LedgerFile::schema`] gives the JSON Schema of the same model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use jiceng_org::{Body, Division};

use crate::error::Error;
use crate::instrument::Instrument;
use crate::item::PowerItem;

/// The format number this version reads and writes.
pub const FORMAT: u32 = 1;

/// A ledger file: divisions, bodies, power items and instruments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerFile {
    /// The format number; must be 1.
    pub format: u32,
    /// A short name.
    pub name: String,
    /// True for sample data that is not an official list: codes, item names
    /// or document numbers may be made up to show the shape.
    #[serde(default)]
    pub illustrative: bool,
    /// A note on the data's sources and what is illustrative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The divisions.
    #[serde(rename = "division", default)]
    pub divisions: Vec<Division>,
    /// The bodies.
    #[serde(rename = "body", default)]
    pub bodies: Vec<Body>,
    /// The power items.
    #[serde(rename = "item", default)]
    pub items: Vec<PowerItem>,
    /// The instruments, in any order.
    #[serde(rename = "instrument", default)]
    pub instruments: Vec<Instrument>,
}

/// Where a ledger's text came from, kept to point findings at lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// The file name, or a description such as `<bundled hebei-sample>`.
    pub origin: String,
    /// The text, when the ledger was read from text.
    pub text: Option<String>,
    /// Whether the text is JSON (else TOML).
    pub json: bool,
}

impl Source {
    /// The 1-based line of the first `needle` at or after the line that
    /// holds the instrument `id`, or of the instrument itself.
    pub(crate) fn line_of(&self, key: &str, id: &str, needle: Option<&str>) -> Option<usize> {
        let text = self.text.as_deref()?;
        let pattern = if self.json {
            format!("\"{key}\": \"{id}\"")
        } else {
            format!("{key} = \"{id}\"")
        };
        let start = text
            .find(&pattern)
            .or_else(|| text.find(&format!("\"{key}\":\"{id}\"")))?;
        let at = match needle {
            Some(n) => {
                let quoted = format!("\"{n}\"");
                // Look within the instrument's own table: up to the next one.
                let end = text[start + 1..]
                    .find(if self.json { "\"id\"" } else { "[[" })
                    .map_or(text.len(), |e| e + start + 1);
                text[start..end].find(&quoted).map_or(start, |i| i + start)
            }
            None => start,
        };
        Some(line_of(text, at))
    }
}

/// Adds the offending line's text to a parser's message, so that a type
/// error (which names no field) still shows the field: `(at `code = 5`)`.
fn with_source_line(message: &str, text: &str, line: Option<usize>) -> String {
    let src = line
        .and_then(|l| text.lines().nth(l.saturating_sub(1)))
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.len() <= 120);
    match src {
        Some(s) => format!("{message} (at `{s}`)"),
        None => message.to_owned(),
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl LedgerFile {
    /// Reads a ledger from TOML.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] with the line of the first syntax error, missing or
    /// unknown field, or malformed value (a bad division code, an unknown
    /// category).
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::LedgerFile;
    ///
    /// let err = LedgerFile::from_toml_str("format = 1\nname = \"x\"\n[[item]]\ncode = 1\n", "x.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("x.toml:4:"), "{err}");
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<LedgerFile, Error> {
        let file: LedgerFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            Error::Parse {
                origin: origin.to_owned(),
                line,
                message: with_source_line(e.message().trim(), text, line),
            }
        })?;
        file.check_format(origin)?;
        Ok(file)
    }

    /// Reads a ledger from JSON.
    ///
    /// # Errors
    ///
    /// As [`LedgerFile::from_toml_str`].
    pub fn from_json_str(text: &str, origin: &str) -> Result<LedgerFile, Error> {
        let file: LedgerFile = serde_json::from_str(text).map_err(|e| Error::Parse {
            origin: origin.to_owned(),
            line: Some(e.line()),
            message: with_source_line(&e.to_string(), text, Some(e.line())),
        })?;
        file.check_format(origin)?;
        Ok(file)
    }

    /// Reads TOML or JSON, by the first non-blank character (`{` is JSON).
    ///
    /// # Errors
    ///
    /// As [`LedgerFile::from_toml_str`].
    pub fn from_str_auto(text: &str, origin: &str) -> Result<(LedgerFile, Source), Error> {
        let json = text.trim_start().starts_with('{');
        let file = if json {
            LedgerFile::from_json_str(text, origin)?
        } else {
            LedgerFile::from_toml_str(text, origin)?
        };
        Ok((
            file,
            Source {
                origin: origin.to_owned(),
                text: Some(text.to_owned()),
                json,
            },
        ))
    }

    fn check_format(&self, origin: &str) -> Result<(), Error> {
        if self.format != FORMAT {
            return Err(Error::Parse {
                origin: origin.to_owned(),
                line: Some(1),
                message: format!(
                    "format {} is not supported (this version reads format {FORMAT})",
                    self.format
                ),
            });
        }
        Ok(())
    }

    /// Writes the ledger as TOML.
    pub fn to_toml_string(&self) -> String {
        // The model has only strings, numbers, booleans, dates and lists of
        // tables, all of which TOML represents.
        toml::to_string(self).unwrap_or_default()
    }

    /// Writes the ledger as JSON.
    pub fn to_json_string(&self) -> String {
        // Serializing plain data to JSON cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The JSON Schema of the ledger file format.
    pub fn schema() -> String {
        schemars::schema_for!(LedgerFile).as_value().to_string()
    }
}
