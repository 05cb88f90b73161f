//! The establishment (编制) of one body: quotas, headcount and leadership
//! posts.
//!
//! A body of government in China may employ only as many people as its
//! establishment allows. The establishment is counted in quotas by kind:
//! administrative (行政编制) for civil servants, public-institution
//! (事业编制) for staff of public institutions such as a township's service
//! centre, and other kinds (工勤, 政法专项 …). Leadership posts (领导职数) are
//! limited separately by rank: 正科 (section chief), 副科 (deputy section
//! chief). Hebei's reform added three 副科 posts to every township.
//!
//! Vacancies (空编) and over-establishment (超编) are never recorded: they
//! are derived from quotas and headcount, so that they cannot disagree.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A kind of establishment quota.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum QuotaKind {
    /// 行政编制: civil servants of an administrative organ.
    Administrative,
    /// 事业编制: staff of a public institution (service centre, station).
    PublicInstitution,
    /// Any other kind (工勤, 政法专项 …).
    Other,
}

impl QuotaKind {
    /// Every kind, in order.
    pub const ALL: [QuotaKind; 3] = [
        QuotaKind::Administrative,
        QuotaKind::PublicInstitution,
        QuotaKind::Other,
    ];

    /// The Chinese name.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::QuotaKind;
    /// assert_eq!(QuotaKind::PublicInstitution.zh(), "事业编制");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            QuotaKind::Administrative => "行政编制",
            QuotaKind::PublicInstitution => "事业编制",
            QuotaKind::Other => "其他编制",
        }
    }

    fn index(self) -> usize {
        match self {
            QuotaKind::Administrative => 0,
            QuotaKind::PublicInstitution => 1,
            QuotaKind::Other => 2,
        }
    }
}

impl fmt::Display for QuotaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuotaKind::Administrative => "administrative",
            QuotaKind::PublicInstitution => "public_institution",
            QuotaKind::Other => "other",
        })
    }
}

/// A count per quota kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Counts {
    /// 行政编制.
    #[serde(default)]
    pub administrative: u32,
    /// 事业编制.
    #[serde(default)]
    pub public_institution: u32,
    /// Other kinds.
    #[serde(default)]
    pub other: u32,
}

impl Counts {
    /// The count of one kind.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{Counts, QuotaKind};
    /// let c = Counts { administrative: 20, public_institution: 19, other: 0 };
    /// assert_eq!(c.get(QuotaKind::PublicInstitution), 19);
    /// assert_eq!(c.total(), 39);
    /// ```
    pub fn get(&self, kind: QuotaKind) -> u32 {
        [self.administrative, self.public_institution, self.other][kind.index()]
    }

    /// A mutable reference to the count of one kind.
    pub(crate) fn get_mut(&mut self, kind: QuotaKind) -> &mut u32 {
        match kind {
            QuotaKind::Administrative => &mut self.administrative,
            QuotaKind::PublicInstitution => &mut self.public_institution,
            QuotaKind::Other => &mut self.other,
        }
    }

    /// The sum over all kinds (as `u64`, which cannot overflow).
    pub fn total(&self) -> u64 {
        u64::from(self.administrative) + u64::from(self.public_institution) + u64::from(self.other)
    }
}

/// The leadership posts of one rank: the limit (职数) and how many are held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Posts {
    /// How many posts of the rank the body may have.
    pub limit: u32,
    /// How many are held.
    pub filled: u32,
}

/// The establishment of one body at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Establishment {
    /// Quotas by kind.
    pub quotas: Counts,
    /// People employed on each kind of quota.
    pub headcount: Counts,
    /// Leadership posts by rank (正科, 副科 …).
    pub posts: BTreeMap<String, Posts>,
}

impl Establishment {
    /// Unfilled quotas of a kind (空编): quotas above headcount.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{Counts, Establishment, QuotaKind};
    /// let e = Establishment {
    ///     quotas: Counts { administrative: 25, ..Counts::default() },
    ///     headcount: Counts { administrative: 21, ..Counts::default() },
    ///     ..Establishment::default()
    /// };
    /// assert_eq!(e.vacancies(QuotaKind::Administrative), 4);
    /// assert_eq!(e.over_establishment(QuotaKind::Administrative), 0);
    /// ```
    pub fn vacancies(&self, kind: QuotaKind) -> u32 {
        self.quotas
            .get(kind)
            .saturating_sub(self.headcount.get(kind))
    }

    /// People above the quotas of a kind (超编): a flag, not an error, since
    /// a monitoring system reports what a body did.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{Counts, Establishment, QuotaKind};
    /// let e = Establishment {
    ///     quotas: Counts { other: 3, ..Counts::default() },
    ///     headcount: Counts { other: 5, ..Counts::default() },
    ///     ..Establishment::default()
    /// };
    /// assert_eq!(e.over_establishment(QuotaKind::Other), 2);
    /// ```
    pub fn over_establishment(&self, kind: QuotaKind) -> u32 {
        self.headcount
            .get(kind)
            .saturating_sub(self.quotas.get(kind))
    }

    /// Ranks whose held posts exceed their limit, with the excess.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{Establishment, Posts};
    /// let mut e = Establishment::default();
    /// e.posts.insert("副科".into(), Posts { limit: 3, filled: 4 });
    /// assert_eq!(e.posts_over_limit(), vec![("副科".to_string(), 1)]);
    /// ```
    pub fn posts_over_limit(&self) -> Vec<(String, u32)> {
        self.posts
            .iter()
            .filter(|(_, p)| p.filled > p.limit)
            .map(|(r, p)| (r.clone(), p.filled - p.limit))
            .collect()
    }
}
