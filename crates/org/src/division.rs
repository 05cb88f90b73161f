//! Divisions (行政区划) and the bodies (机关) attached to them.
//!
//! A division is a place with a code: Hebei province, Qiu County, Shangcun
//! town, a village. A body is an organ of government attached to one: the
//! county's environment bureau (a department with its sector), the county
//! comprehensive enforcement bureau (综合行政执法局), a township government,
//! its comprehensive enforcement team (综合行政执法队), its service centre
//! (行政综合服务中心), a village service station (便民服务站).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code::{DivisionCode, Level};
use crate::credit::CreditCode;

/// What kind of division it is; each kind belongs to one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DivisionKind {
    /// 省.
    Province,
    /// 自治区.
    AutonomousRegion,
    /// 直辖市.
    Municipality,
    /// 地级市, 地区, 自治州, 盟.
    City,
    /// 县, 自治县, 旗.
    County,
    /// 县级市.
    CountyCity,
    /// 市辖区.
    District,
    /// 镇.
    Town,
    /// 乡.
    Township,
    /// 民族乡.
    EthnicTownship,
    /// 街道.
    Subdistrict,
    /// 村 (村民委员会).
    Village,
    /// 社区 (居民委员会).
    Community,
}

impl DivisionKind {
    /// The level this kind belongs to.
    pub fn level(self) -> Level {
        match self {
            DivisionKind::Province
            | DivisionKind::AutonomousRegion
            | DivisionKind::Municipality => Level::Province,
            DivisionKind::City => Level::City,
            DivisionKind::County | DivisionKind::CountyCity | DivisionKind::District => {
                Level::County
            }
            DivisionKind::Town
            | DivisionKind::Township
            | DivisionKind::EthnicTownship
            | DivisionKind::Subdistrict => Level::Township,
            DivisionKind::Village | DivisionKind::Community => Level::Village,
        }
    }

    /// The Chinese name of the kind, as the statistical division list
    /// words it.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_org::DivisionKind;
    ///
    /// assert_eq!(DivisionKind::Town.zh(), "镇");
    /// assert_eq!(DivisionKind::Subdistrict.zh(), "街道");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            DivisionKind::Province => "省",
            DivisionKind::AutonomousRegion => "自治区",
            DivisionKind::Municipality => "直辖市",
            DivisionKind::City => "地级市",
            DivisionKind::County => "县",
            DivisionKind::CountyCity => "县级市",
            DivisionKind::District => "市辖区",
            DivisionKind::Town => "镇",
            DivisionKind::Township => "乡",
            DivisionKind::EthnicTownship => "民族乡",
            DivisionKind::Subdistrict => "街道",
            DivisionKind::Village => "村",
            DivisionKind::Community => "社区",
        }
    }
}

impl fmt::Display for DivisionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DivisionKind::Province => "province",
            DivisionKind::AutonomousRegion => "autonomous_region",
            DivisionKind::Municipality => "municipality",
            DivisionKind::City => "city",
            DivisionKind::County => "county",
            DivisionKind::CountyCity => "county_city",
            DivisionKind::District => "district",
            DivisionKind::Town => "town",
            DivisionKind::Township => "township",
            DivisionKind::EthnicTownship => "ethnic_township",
            DivisionKind::Subdistrict => "subdistrict",
            DivisionKind::Village => "village",
            DivisionKind::Community => "community",
        })
    }
}

/// A division with its code, name and the attributes analysts use.
///
/// # Example
///
/// ```
/// use jiceng_org::{Division, DivisionKind};
///
/// let town = Division::new("130926106000".parse()?, "尚村镇", DivisionKind::Town)
///     .with_tag("economically-developed");
/// assert!(town.has_tag("economically-developed"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Division {
    /// The statistical division code.
    pub code: DivisionCode,
    /// The name, e.g. `邱县`.
    pub name: String,
    /// The kind.
    pub kind: DivisionKind,
    /// Resident population, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// Households, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<u64>,
    /// Area in square kilometres, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<f64>,
    /// Free tags analysts select by, e.g. `economically-developed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Division {
    /// A division without optional attributes.
    pub fn new(code: DivisionCode, name: impl Into<String>, kind: DivisionKind) -> Division {
        Division {
            code,
            name: name.into(),
            kind,
            population: None,
            households: None,
            area_km2: None,
            tags: Vec::new(),
        }
    }

    /// Adds a tag.
    pub fn with_tag(mut self, tag: impl Into<String>) -> Division {
        self.tags.push(tag.into());
        self
    }

    /// Whether the division carries `tag`.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// The level (implied by the code).
    pub fn level(&self) -> Level {
        self.code.level()
    }
}

/// A sector of government work: an open set, written in Chinese as the
/// departments name themselves (`住建`, `发改`, `生态环境`, `市场监管`, `应急管理`,
/// `农业农村`, `自然资源`, `城管` …).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct Sector(pub String);

impl Sector {
    /// A sector by name.
    pub fn new(name: impl Into<String>) -> Sector {
        Sector(name.into())
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of body it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// The people's government of the division (省/市/县/乡镇人民政府, 街道办事处).
    Government,
    /// A functional department of a province, city or county government
    /// (县直部门), with its sector.
    Department,
    /// A county (or city) comprehensive administrative enforcement bureau
    /// (综合行政执法局).
    EnforcementBureau,
    /// A township's comprehensive administrative enforcement team (综合行政执法队).
    EnforcementTeam,
    /// A service centre (行政综合服务中心 in a township, 政务服务中心 in a county).
    ServiceCentre,
    /// A village service station (便民服务站).
    ServiceStation,
    /// A proxy point (代办点) that takes applications on others' behalf.
    ProxyPoint,
    /// Any other body.
    Other,
}

impl BodyKind {
    /// Whether a body of this kind may sit at `level`.
    pub fn fits(self, level: Level) -> bool {
        match self {
            BodyKind::Government | BodyKind::Other => true,
            BodyKind::Department => level <= Level::County,
            BodyKind::EnforcementBureau => matches!(level, Level::City | Level::County),
            BodyKind::EnforcementTeam => level == Level::Township,
            BodyKind::ServiceCentre => matches!(level, Level::County | Level::Township),
            BodyKind::ServiceStation => level == Level::Village,
            BodyKind::ProxyPoint => matches!(level, Level::Township | Level::Village),
        }
    }

    /// The Chinese name of the kind.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_org::BodyKind;
    ///
    /// assert_eq!(BodyKind::EnforcementTeam.zh(), "综合行政执法队");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            BodyKind::Government => "人民政府",
            BodyKind::Department => "政府部门",
            BodyKind::EnforcementBureau => "综合行政执法局",
            BodyKind::EnforcementTeam => "综合行政执法队",
            BodyKind::ServiceCentre => "行政综合服务中心",
            BodyKind::ServiceStation => "便民服务站",
            BodyKind::ProxyPoint => "代办点",
            BodyKind::Other => "其他",
        }
    }
}

impl fmt::Display for BodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BodyKind::Government => "government",
            BodyKind::Department => "department",
            BodyKind::EnforcementBureau => "enforcement_bureau",
            BodyKind::EnforcementTeam => "enforcement_team",
            BodyKind::ServiceCentre => "service_centre",
            BodyKind::ServiceStation => "service_station",
            BodyKind::ProxyPoint => "proxy_point",
            BodyKind::Other => "other",
        })
    }
}

/// A body of government, attached to a division.
///
/// # Example
///
/// ```
/// use jiceng_org::{Body, BodyKind, Sector};
///
/// let b = Body::new("130430-sthj", "邱县生态环境分局", BodyKind::Department, "130430000000".parse()?)
///     .with_sector(Sector::new("生态环境"));
/// assert_eq!(b.sector.as_ref().unwrap().as_str(), "生态环境");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// A code unique in the registry, chosen by the data (e.g. `130430-sthj`).
    pub code: String,
    /// The name, e.g. `邱县综合行政执法局`.
    pub name: String,
    /// The kind.
    pub kind: BodyKind,
    /// The division it belongs to.
    pub division: DivisionCode,
    /// The sector, for departments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// Its unified social credit code, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<CreditCode>,
}

impl Body {
    /// A body without optional attributes.
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        kind: BodyKind,
        division: DivisionCode,
    ) -> Body {
        Body {
            code: code.into(),
            name: name.into(),
            kind,
            division,
            sector: None,
            credit_code: None,
        }
    }

    /// Sets the sector.
    pub fn with_sector(mut self, sector: Sector) -> Body {
        self.sector = Some(sector);
        self
    }
}
