//! The registry: every division and body of a province, indexed.
//!
//! Built once from lists, then read many times. Divisions are kept sorted by
//! code, so that the divisions inside any division form one contiguous run
//! (a county's townships and villages follow the county's code); a hash
//! index finds a code in constant time, and parents are precomputed. Bodies
//! are sorted by division, so a division's bodies are one run too.

use std::collections::HashMap;

use crate::code::{DivisionCode, Level};
use crate::division::{Body, BodyKind, Division};
use crate::error::{Error, RegistryProblem};

/// A compact handle to a division in one registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DivisionId(pub u32);

/// A compact handle to a body in one registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BodyId(pub u32);

impl DivisionId {
    /// The index into [`Registry::divisions`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl BodyId {
    /// The index into [`Registry::bodies`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Every division and body, indexed for province-scale lookups.
///
/// # Example
///
/// ```
/// use jiceng_org::{Body, BodyKind, Division, DivisionKind, Registry};
///
/// let reg = Registry::new(
///     vec![
///         Division::new("130000000000".parse()?, "河北省", DivisionKind::Province),
///         Division::new("130400000000".parse()?, "邯郸市", DivisionKind::City),
///         Division::new("130430000000".parse()?, "邱县", DivisionKind::County),
///         Division::new("130430100000".parse()?, "新马头镇", DivisionKind::Town),
///         Division::new("130430101000".parse()?, "邱城镇", DivisionKind::Town),
///     ],
///     vec![Body::new("qiu-gov", "邱县人民政府", BodyKind::Government, "130430000000".parse()?)],
/// )?;
/// let a = "130430100000".parse()?;
/// let b = "130430101000".parse()?;
/// assert_eq!(reg.common_superior(a, b).unwrap().name, "邱县");
/// assert_eq!(reg.descendants("130400000000".parse()?).len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Registry {
    divisions: Vec<Division>,
    codes: Vec<u64>,
    index: HashMap<u64, u32>,
    parents: Vec<Option<u32>>,
    bodies: Vec<Body>,
    body_index: HashMap<String, u32>,
}

impl Registry {
    /// Builds a registry, checking every division and body.
    ///
    /// # Errors
    ///
    /// [`Error::Registry`] listing every problem: duplicate codes, a division
    /// whose parent is missing, a kind that does not fit the code's level, a
    /// body attached to an unknown division or to one of the wrong level, a
    /// department without a sector.
    pub fn new(mut divisions: Vec<Division>, mut bodies: Vec<Body>) -> Result<Registry, Error> {
        let mut problems = Vec::new();
        divisions.sort_by_key(|d| d.code);
        let mut index = HashMap::with_capacity(divisions.len());
        for (i, d) in divisions.iter().enumerate() {
            if index.insert(d.code.get(), i as u32).is_some() {
                problems.push(RegistryProblem::DuplicateDivision(d.code));
            }
            if d.kind.level() != d.code.level() {
                problems.push(RegistryProblem::KindMismatch {
                    code: d.code,
                    name: d.name.clone(),
                    kind: d.kind.to_string(),
                    level: d.code.level(),
                });
            }
        }
        let mut parents = Vec::with_capacity(divisions.len());
        for d in &divisions {
            let parent = d.code.parent();
            let p = parent.and_then(|p| index.get(&p.get()).copied());
            if let (Some(code), None) = (parent, p) {
                problems.push(RegistryProblem::MissingParent {
                    code: d.code,
                    name: d.name.clone(),
                    parent: code,
                });
            }
            parents.push(p);
        }
        bodies.sort_by(|a, b| (a.division, &a.code).cmp(&(b.division, &b.code)));
        let mut body_index = HashMap::with_capacity(bodies.len());
        for (i, b) in bodies.iter().enumerate() {
            if body_index.insert(b.code.clone(), i as u32).is_some() {
                problems.push(RegistryProblem::DuplicateBody(b.code.clone()));
            }
            if !index.contains_key(&b.division.get()) {
                problems.push(RegistryProblem::UnknownDivision {
                    body: b.code.clone(),
                    division: b.division,
                });
            } else if !b.kind.fits(b.division.level()) {
                problems.push(RegistryProblem::BodyLevelMismatch {
                    body: b.code.clone(),
                    kind: b.kind.to_string(),
                    division: b.division,
                    level: b.division.level(),
                });
            }
            if b.kind == BodyKind::Department && b.sector.is_none() {
                problems.push(RegistryProblem::MissingSector(b.code.clone()));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Registry(problems));
        }
        let codes = divisions.iter().map(|d| d.code.get()).collect();
        Ok(Registry {
            divisions,
            codes,
            index,
            parents,
            bodies,
            body_index,
        })
    }

    /// All divisions, sorted by code.
    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    /// All bodies, sorted by division then code.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    /// The handle of a division, in constant time.
    pub fn division_id(&self, code: DivisionCode) -> Option<DivisionId> {
        self.index.get(&code.get()).map(|&i| DivisionId(i))
    }

    /// The division with `code`.
    pub fn division(&self, code: DivisionCode) -> Option<&Division> {
        self.division_id(code).map(|id| &self.divisions[id.index()])
    }

    /// The division behind a handle.
    pub fn get(&self, id: DivisionId) -> &Division {
        &self.divisions[id.index()]
    }

    /// The handle of the division's parent.
    pub fn parent_id(&self, id: DivisionId) -> Option<DivisionId> {
        self.parents[id.index()].map(DivisionId)
    }

    /// The division above `code`.
    pub fn parent(&self, code: DivisionCode) -> Option<&Division> {
        let id = self.division_id(code)?;
        self.parent_id(id).map(|p| self.get(p))
    }

    /// The divisions above `code`, nearest first.
    pub fn ancestors(&self, code: DivisionCode) -> impl Iterator<Item = &Division> {
        let mut cur = self.division_id(code).and_then(|id| self.parent_id(id));
        std::iter::from_fn(move || {
            let id = cur?;
            cur = self.parent_id(id);
            Some(self.get(id))
        })
    }

    /// Every division inside `code` (not `code` itself), in code order: one
    /// contiguous slice.
    pub fn descendants(&self, code: DivisionCode) -> &[Division] {
        // `code.end()` is above `code`, so the second point is never before
        // the first: the range is never reversed.
        let start = self.codes.partition_point(|&c| c <= code.get());
        let end = self.codes.partition_point(|&c| c < code.end());
        &self.divisions[start..end]
    }

    /// The divisions directly below `code`: those whose code names it as
    /// their parent. A city without counties (东莞 4419) has its towns as
    /// children, one level down by code but two by level.
    pub fn children(&self, code: DivisionCode) -> impl Iterator<Item = &Division> {
        self.descendants(code)
            .iter()
            .filter(move |d| d.code.parent() == Some(code))
    }

    /// The divisions at `level` inside `code`.
    pub fn within(&self, code: DivisionCode, level: Level) -> impl Iterator<Item = &Division> {
        self.descendants(code)
            .iter()
            .filter(move |d| d.code.level() == level)
    }

    /// The lowest division that contains both `a` and `b` (one of them, if
    /// one contains the other); `None` when they are in different provinces
    /// or the division is not in the registry.
    pub fn common_superior(&self, a: DivisionCode, b: DivisionCode) -> Option<&Division> {
        let levels = [
            Level::Village,
            Level::Township,
            Level::County,
            Level::City,
            Level::Province,
        ];
        levels
            .iter()
            .find_map(|&l| match (a.at(l), b.at(l)) {
                (Some(x), Some(y)) if x == y => Some(x),
                _ => None,
            })
            .and_then(|c| self.division(c))
    }

    /// The handle of a body.
    pub fn body_id(&self, code: &str) -> Option<BodyId> {
        self.body_index.get(code).map(|&i| BodyId(i))
    }

    /// The body with `code`.
    pub fn body(&self, code: &str) -> Option<&Body> {
        self.body_id(code).map(|id| &self.bodies[id.index()])
    }

    /// The body behind a handle.
    pub fn body_at(&self, id: BodyId) -> &Body {
        &self.bodies[id.index()]
    }

    /// The bodies attached to `division` itself, as a slice.
    pub fn bodies_in(&self, division: DivisionCode) -> &[Body] {
        let start = self.bodies.partition_point(|b| b.division < division);
        let end = self.bodies.partition_point(|b| b.division <= division);
        &self.bodies[start..end]
    }

    /// The first body of `kind` attached to `division`.
    pub fn body_of_kind(&self, division: DivisionCode, kind: BodyKind) -> Option<BodyId> {
        let start = self.bodies.partition_point(|b| b.division < division);
        self.bodies_in(division)
            .iter()
            .position(|b| b.kind == kind)
            .map(|i| BodyId((start + i) as u32))
    }

    /// The division whose government is the common superior of two bodies
    /// (行政处罚法 Art. 25: a dispute over jurisdiction goes to the common
    /// superior). For two bodies of one division, that division.
    pub fn common_superior_of_bodies(&self, a: &str, b: &str) -> Option<&Division> {
        let (a, b) = (self.body(a)?, self.body(b)?);
        self.common_superior(a.division, b.division)
    }
}
