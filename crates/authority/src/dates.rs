//! Dates in ledger files: `"2021-07-15"` (a string, in TOML and JSON) or
//! `2021-07-15` (a TOML local date, unquoted), one model for both.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map_err(|_| E::custom(format!("invalid date {v:?}: expected YYYY-MM-DD")))
    }

    // TOML hands an unquoted date to serde as a one-entry map holding its
    // text; only a local date (no time, no offset) is a date here.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NaiveDate, A::Error> {
        let Some((_, text)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::custom("expected a date YYYY-MM-DD"));
        };
        self.visit_str(&text)
    }
}

/// Reads a date written as a string or a TOML local date.
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_any(DateVisitor)
}

/// As [`date`], for an optional field.
pub(crate) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    struct Wrap(#[serde(deserialize_with = "date")] NaiveDate);
    Option::<Wrap>::deserialize(d).map(|w| w.map(|Wrap(x)| x))
}
