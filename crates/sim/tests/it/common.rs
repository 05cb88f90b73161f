//! Small scenarios shared by the tests.

use jiceng_sim::{Model, Scenario};

/// A one-county, two-township scenario with one item of each kind; `extra`
/// is appended (reforms, say).
pub fn tiny(extra: &str) -> String {
    format!(
        r#"
name = "tiny"
seed = 5
replications = 3

[period]
from = "2025-03-03"
days = 20

[[territory.county]]
code = "130430000000"
name = "邱县"

[[territory.county.township]]
code = "130430100000"
name = "新马头镇"
population = 20000
staff = {{ service = 2, enforcement = 1, grid = 3 }}

[[territory.county.township]]
code = "130430101000"
name = "邱城镇"
population = 10000

[[item]]
code = "approval.a"
kind = "approval"
rate = 1.0
promised_working_days = 2
handling.township = {{ median_minutes = 60, sigma = 0.5 }}
handling.county = {{ median_minutes = 90, sigma = 0.5 }}

[[item]]
code = "penalty.a"
kind = "penalty"
rate = 0.2
handling.township = {{ median_minutes = 200, sigma = 0.5 }}
handling.county = {{ median_minutes = 240, sigma = 0.5 }}

[[item]]
code = "grid.a"
kind = "grid"
rate = 2.0
held_by = "township"
promised_working_days = 1
handling.township = {{ median_minutes = 30, sigma = 0.7 }}
handling.county = {{ median_minutes = 30, sigma = 0.7 }}
{extra}
"#
    )
}

/// The model of a scenario text.
pub fn model(text: &str) -> Model {
    let s = Scenario::from_toml_str(text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    Model::new(&s).unwrap_or_else(|e| panic!("{e}"))
}

/// A reform that devolves everything to the townships and adds staff.
pub const REFORM: &str = r#"
[[reform]]
name = "devolve"

[[reform.instrument]]
items = ["penalty.*", "approval.*"]
from = "2025-03-10"

[[reform.staff]]
desk = "enforcement"
level = "township"
add = 1
"#;
