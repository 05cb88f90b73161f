//! The 12-digit statistical division code (统计用区划代码).
//!
//! The National Bureau of Statistics numbers every division down to the
//! village: `PP CC DD TTT VVV`. The first six digits are the GB/T 2260 code
//! of the province (`PP`), prefecture-level city (`CC`) and county (`DD`);
//! then three digits for the township and three for the village. Trailing
//! zero groups mark a higher level: `130000000000` is Hebei province,
//! `130400000000` Handan city, `130430000000` Qiu County, `130430100000` a
//! town of Qiu County and `130430100201` a village of it.
//!
//! The code also carries the kind of a township and a village by range
//! (统计用区划代码编制规则): township `001–099` a subdistrict (街道), `100–199` a
//! town (镇), `200–399` a township (乡, including ethnic townships), `400` and
//! above units like townships (development zones, farms); village `001–199` a
//! community (居委会), `200–399` a village (村委会), `400` and above units
//! like them.
//!
//! A few prefecture-level cities have no counties (东莞, 中山, 儋州, 嘉峪关):
//! their towns are coded directly under the city with a zero county group
//! (`441900003000`, 东城街道 of 东莞). Such a town's parent is the city and it
//! has no county ([`DivisionCode::at`] with [`Level::County`] is `None`).

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The level of a division.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 省级: province, autonomous region, municipality.
    Province,
    /// 地级: prefecture-level city, prefecture, league.
    City,
    /// 县级: county, county-level city, district.
    County,
    /// 乡级: town, township, subdistrict.
    Township,
    /// 村级: village, community.
    Village,
}

impl Level {
    /// The level above, if any.
    pub fn parent(self) -> Option<Level> {
        match self {
            Level::Province => None,
            Level::City => Some(Level::Province),
            Level::County => Some(Level::City),
            Level::Township => Some(Level::County),
            Level::Village => Some(Level::Township),
        }
    }

    /// The Chinese name of the level.
    pub fn zh(self) -> &'static str {
        match self {
            Level::Province => "省级",
            Level::City => "地级",
            Level::County => "县级",
            Level::Township => "乡级",
            Level::Village => "村级",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
            Level::Village => "village",
        })
    }
}

/// Province-level prefixes in use (GB/T 2260): the 31 mainland provinces,
/// autonomous regions and municipalities, and 71, 81, 82.
const PROVINCES: [u64; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// A validated 12-digit statistical division code.
///
/// Stored as a number, compared and hashed in constant time. Parsing checks
/// the digits, a known province prefix, and that zero groups only trail
/// (no village digits under a zero township).
///
/// # Example
///
/// ```
/// use jiceng_org::{DivisionCode, Level};
///
/// let qiu: DivisionCode = "130430000000".parse()?;
/// assert_eq!(qiu.level(), Level::County);
/// assert_eq!(qiu.parent().unwrap().to_string(), "130400000000");
/// // Six digits are read as a GB/T 2260 code, padded.
/// assert_eq!("130430".parse::<DivisionCode>()?, qiu);
/// assert!("130430000001".parse::<DivisionCode>().is_err()); // a village under no township
/// // A town of 东莞, a city without counties: its parent is the city.
/// let town: DivisionCode = "441900003000".parse()?;
/// assert_eq!(town.level(), Level::Township);
/// assert_eq!(town.parent().unwrap().to_string(), "441900000000");
/// assert_eq!(town.at(Level::County), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DivisionCode(u64);

impl DivisionCode {
    /// Validates a code given as a number (`130430100000`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCode`] naming the code and what is wrong.
    pub fn new(n: u64) -> Result<DivisionCode, Error> {
        let bad = |reason: &'static str| Error::InvalidCode {
            code: format!("{n:012}"),
            reason,
        };
        if n >= 1_000_000_000_000 {
            return Err(bad("a division code has 12 digits"));
        }
        let pp = n / 10_000_000_000;
        let cc = n / 100_000_000 % 100;
        let dd = n / 1_000_000 % 100;
        let ttt = n / 1000 % 1000;
        let vvv = n % 1000;
        if !PROVINCES.contains(&pp) {
            return Err(bad("unknown province prefix"));
        }
        if cc == 0 && (dd != 0 || ttt != 0 || vvv != 0) {
            return Err(bad(
                "county, township or village digits under a zero city group",
            ));
        }
        // A zero county group with a township below it is a city without
        // counties (东莞 4419, 中山 4420, 儋州 4604, 嘉峪关 6202): its towns sit
        // directly under the city.
        if dd == 0 && ttt == 0 && vvv != 0 {
            return Err(bad("village digits under a zero township group"));
        }
        if ttt == 0 && vvv != 0 {
            return Err(bad("village digits under a zero township group"));
        }
        Ok(DivisionCode(n))
    }

    /// The code as a number.
    pub fn get(self) -> u64 {
        self.0
    }

    /// The level the code implies.
    pub fn level(self) -> Level {
        let n = self.0;
        if n % 10_000_000_000 == 0 {
            Level::Province
        } else if n % 100_000_000 == 0 {
            Level::City
        } else if n % 1_000_000 == 0 {
            Level::County
        } else if n % 1000 == 0 {
            Level::Township
        } else {
            Level::Village
        }
    }

    /// The code of the division above, implied by the prefix.
    pub fn parent(self) -> Option<DivisionCode> {
        let unit = match self.level() {
            Level::Province => return None,
            Level::City => 10_000_000_000,
            Level::County => 100_000_000,
            Level::Township => 1_000_000,
            Level::Village => 1000,
        };
        Some(DivisionCode(self.0 / unit * unit))
    }

    /// The ancestor at `level`, or `None` when `level` is below this code's.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_org::{DivisionCode, Level};
    ///
    /// let village: DivisionCode = "130430100201".parse()?;
    /// assert_eq!(village.at(Level::County).unwrap().to_string(), "130430000000");
    /// assert_eq!(village.at(Level::Village), Some(village));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at(self, level: Level) -> Option<DivisionCode> {
        if level > self.level() {
            return None;
        }
        // A town of a city without counties has no county.
        if level == Level::County && self.0 / 1_000_000 % 100 == 0 {
            return None;
        }
        let unit = match level {
            Level::Province => 10_000_000_000,
            Level::City => 100_000_000,
            Level::County => 1_000_000,
            Level::Township => 1000,
            Level::Village => 1,
        };
        Some(DivisionCode(self.0 / unit * unit))
    }

    /// Whether `other` is this division or lies inside it.
    pub fn contains(self, other: DivisionCode) -> bool {
        other.at(self.level()) == Some(self)
    }

    /// The one past the last code inside this division, for range scans
    /// over sorted codes.
    pub(crate) fn end(self) -> u64 {
        let unit = match self.level() {
            Level::Province => 10_000_000_000,
            Level::City => 100_000_000,
            Level::County => 1_000_000,
            Level::Township => 1000,
            Level::Village => 1,
        };
        self.0 + unit
    }

    /// The six-digit GB/T 2260 part (province, city, county).
    pub fn gb2260(self) -> u32 {
        // A 12-digit code divided by 10^6 has at most six digits.
        (self.0 / 1_000_000) as u32
    }

    /// The township kind the code's range implies, for a township code.
    pub fn township_range(self) -> Option<TownshipRange> {
        if self.level() != Level::Township {
            return None;
        }
        Some(match self.0 / 1000 % 1000 {
            1..=99 => TownshipRange::Subdistrict,
            100..=199 => TownshipRange::Town,
            200..=399 => TownshipRange::Township,
            _ => TownshipRange::Other,
        })
    }

    /// The village kind the code's range implies, for a village code.
    pub fn village_range(self) -> Option<VillageRange> {
        if self.level() != Level::Village {
            return None;
        }
        Some(match self.0 % 1000 {
            1..=199 => VillageRange::Community,
            200..=399 => VillageRange::Village,
            _ => VillageRange::Other,
        })
    }
}

/// What a township code's range says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TownshipRange {
    /// `001–099`: a subdistrict (街道).
    Subdistrict,
    /// `100–199`: a town (镇).
    Town,
    /// `200–399`: a township (乡), ethnic townships included.
    Township,
    /// `400–999`: a unit like a township (development zone, farm).
    Other,
}

/// What a village code's range says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VillageRange {
    /// `001–199`: a community (居委会).
    Community,
    /// `200–399`: a village (村委会).
    Village,
    /// `400–999`: a unit like them.
    Other,
}

impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012}", self.0)
    }
}

impl FromStr for DivisionCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<DivisionCode, Error> {
        let t = s.trim();
        let digits = t.len() == 12 || t.len() == 6;
        if !digits || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::InvalidCode {
                // The caller's text: only its first 60 characters, as a
                // kilobyte of it must not make a kilobyte of message.
                code: match s.char_indices().nth(60) {
                    Some((i, _)) => format!("{}…", &s[..i]),
                    None => s.to_owned(),
                },
                reason: "expected 12 digits (or a 6-digit GB/T 2260 code)",
            });
        }
        // At most 12 ASCII digits always parse into a u64.
        let n: u64 = t.parse().map_err(|_| Error::InvalidCode {
            code: s.to_owned(),
            reason: "expected digits",
        })?;
        // The error names the text as given, not the padded number.
        DivisionCode::new(if t.len() == 6 { n * 1_000_000 } else { n }).map_err(|e| match e {
            Error::InvalidCode { reason, .. } => Error::InvalidCode {
                code: s.to_owned(),
                reason,
            },
            other => other,
        })
    }
}

impl Serialize for DivisionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DivisionCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DivisionCode, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for DivisionCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DivisionCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A 12-digit statistical division code (6 digits accepted as a GB/T 2260 code).",
            "pattern": "^([0-9]{12}|[0-9]{6})$"
        })
    }
}
