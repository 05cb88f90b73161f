//! China's administrative divisions, their codes, and the bodies of
//! government attached to them.
//!
//! * [`DivisionCode`]: the 12-digit statistical division code, validated;
//!   it implies its level and its parent.
//! * [`Division`] and [`Body`]: places and organs, with the attributes
//!   analysts select by (population, tags such as an economically developed
//!   town) and the kinds the reform creates (a county comprehensive
//!   enforcement bureau, a township enforcement team, a service centre, a
//!   village service station).
//! * [`Registry`]: a province's divisions and bodies, indexed for
//!   constant-time lookups by code, ancestors, contiguous descendant runs,
//!   and the common superior of two divisions or bodies (Administrative
//!   Penalty Law Art. 25).
//! * [`CreditCode`]: the unified social credit code (GB 32100-2015), with
//!   its check character verified.
//!
//! The crate does no I/O and reads no clock.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod code;
mod credit;
mod division;
mod error;
mod registry;

pub use code::{DivisionCode, Level, TownshipRange, VillageRange};
pub use credit::CreditCode;
pub use division::{Body, BodyKind, Division, DivisionKind, Sector};
pub use error::{Error, RegistryProblem};
pub use registry::{BodyId, DivisionId, Registry};
