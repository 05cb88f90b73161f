//! Power items (权力事项): the administrative powers a ledger tracks.
//!
//! Each item has a legal basis (a law and an article), a category (a
//! licence, a penalty, an inspection …), the sector of the department that
//! holds it, and the level that holds it by law (usually the county).

use std::fmt;

use jiceng_org::{Level, Sector};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The category of a power item (权力事项类别).
///
/// Written in files in English (`penalty`) or Chinese (`处罚`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PowerCategory {
    /// 行政许可.
    #[serde(alias = "许可", alias = "行政许可")]
    Licensing,
    /// 行政处罚.
    #[serde(alias = "处罚", alias = "行政处罚")]
    Penalty,
    /// 行政强制.
    #[serde(alias = "强制", alias = "行政强制")]
    Coercion,
    /// 行政征收.
    #[serde(alias = "征收", alias = "行政征收")]
    Levy,
    /// 行政给付.
    #[serde(alias = "给付", alias = "行政给付")]
    Payment,
    /// 行政检查.
    #[serde(alias = "检查", alias = "行政检查")]
    Inspection,
    /// 行政确认.
    #[serde(alias = "确认", alias = "行政确认")]
    Confirmation,
    /// 行政奖励.
    #[serde(alias = "奖励", alias = "行政奖励")]
    Reward,
    /// 行政裁决.
    #[serde(alias = "裁决", alias = "行政裁决")]
    Adjudication,
    /// 其他行政权力.
    #[serde(alias = "其他", alias = "其他行政权力")]
    Other,
    /// 公共服务.
    #[serde(alias = "公共服务")]
    PublicService,
}

impl PowerCategory {
    /// Every category, in the order of the official lists.
    pub const ALL: [PowerCategory; 11] = [
        PowerCategory::Licensing,
        PowerCategory::Penalty,
        PowerCategory::Coercion,
        PowerCategory::Levy,
        PowerCategory::Payment,
        PowerCategory::Inspection,
        PowerCategory::Confirmation,
        PowerCategory::Reward,
        PowerCategory::Adjudication,
        PowerCategory::Other,
        PowerCategory::PublicService,
    ];

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            PowerCategory::Licensing => "行政许可",
            PowerCategory::Penalty => "行政处罚",
            PowerCategory::Coercion => "行政强制",
            PowerCategory::Levy => "行政征收",
            PowerCategory::Payment => "行政给付",
            PowerCategory::Inspection => "行政检查",
            PowerCategory::Confirmation => "行政确认",
            PowerCategory::Reward => "行政奖励",
            PowerCategory::Adjudication => "行政裁决",
            PowerCategory::Other => "其他行政权力",
            PowerCategory::PublicService => "公共服务",
        }
    }

    /// Whether the category is exercised by enforcement (a penalty, a
    /// coercive measure, an inspection): in a township, by its
    /// comprehensive enforcement team.
    pub fn is_enforcement(self) -> bool {
        matches!(
            self,
            PowerCategory::Penalty | PowerCategory::Coercion | PowerCategory::Inspection
        )
    }
}

/// Every spelling the parser accepts, English first: the published schema
/// lists them all, so that a file in Chinese validates against it.
const CATEGORY_SPELLINGS: [&str; 32] = [
    "licensing",
    "许可",
    "行政许可",
    "penalty",
    "处罚",
    "行政处罚",
    "coercion",
    "强制",
    "行政强制",
    "levy",
    "征收",
    "行政征收",
    "payment",
    "给付",
    "行政给付",
    "inspection",
    "检查",
    "行政检查",
    "confirmation",
    "确认",
    "行政确认",
    "reward",
    "奖励",
    "行政奖励",
    "adjudication",
    "裁决",
    "行政裁决",
    "other",
    "其他",
    "其他行政权力",
    "public_service",
    "公共服务",
];

impl JsonSchema for PowerCategory {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PowerCategory".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The category of a power item (权力事项类别), in English or Chinese.",
            "type": "string",
            "enum": CATEGORY_SPELLINGS,
        })
    }
}

impl fmt::Display for PowerCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PowerCategory::Licensing => "licensing",
            PowerCategory::Penalty => "penalty",
            PowerCategory::Coercion => "coercion",
            PowerCategory::Levy => "levy",
            PowerCategory::Payment => "payment",
            PowerCategory::Inspection => "inspection",
            PowerCategory::Confirmation => "confirmation",
            PowerCategory::Reward => "reward",
            PowerCategory::Adjudication => "adjudication",
            PowerCategory::Other => "other",
            PowerCategory::PublicService => "public_service",
        })
    }
}

/// A legal basis: a law (or regulation) and an article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The law, e.g. `中华人民共和国环境影响评价法`.
    pub law: String,
    /// The article, e.g. `第三十一条`.
    pub article: String,
}

impl fmt::Display for LegalBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.law, self.article)
    }
}

fn county() -> Level {
    Level::County
}

/// An administrative power with its legal basis.
///
/// # Example
///
/// ```
/// use jiceng_authority::{PowerCategory, PowerItem};
///
/// let item: PowerItem = toml::from_str(r#"
///     code = "CF-HB-001"
///     name = "对未依法进行环境影响评价擅自开工建设的处罚"
///     category = "处罚"
///     sector = "生态环境"
///     basis = [{ law = "中华人民共和国环境影响评价法", article = "第三十一条" }]
/// "#)?;
/// assert_eq!(item.category, PowerCategory::Penalty);
/// assert_eq!(item.level, jiceng_org::Level::County);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PowerItem {
    /// A code unique in the ledger.
    pub code: String,
    /// The item's name as the list gives it.
    pub name: String,
    /// Its category.
    pub category: PowerCategory,
    /// The sector of the department that holds it by law.
    pub sector: Sector,
    /// The legal basis, one or more.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<LegalBasis>,
    /// The level that holds it by law; `county` unless said otherwise.
    #[serde(default = "county")]
    pub level: Level,
}
