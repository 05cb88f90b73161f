//! Reading a penalty case from one line of a cases file.
//!
//! A case file is written by an agency's system and read by a monitor, so
//! every line is checked as hostile input. [`PenaltyCase::from_json`]
//! reads a line the way serde's derived reader does, and more strictly:
//!
//! * a key the case does not have (`majr`, a misspelt `major`) is an
//!   error, not silently dropped: a dropped flag would change the
//!   deadlines (Art. 58's legal review, Art. 36's five years) without a
//!   word. So is a key given twice, and, in an event or a penalty, a key
//!   that its kind does not take (`hearing_on` on a `filed` event, an
//!   `amount` on a `closure`);
//! * an error names the field (`events[2].kind`; `(line)` for text that is
//!   not JSON), never the wire type, and no value it quotes is longer than
//!   60 characters.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::case::PenaltyCase;
use crate::error::Error;

/// The most characters of a value or a key an error message quotes.
const SHOWN: usize = 60;

/// The most characters of a message read from serde: its list of the
/// values expected is the longest part, some 300 characters for an
/// event's kind.
const MESSAGE: usize = 500;

/// The keys a case takes at its top level: its own and its limits'.
const CASE_KEYS: [&str; 13] = [
    "id",
    "party",
    "items",
    "body",
    "act_ended",
    "grave",
    "major",
    "filing",
    "decision",
    "extension",
    "exclude_hearing",
    "exclude_suspensions",
    "events",
];

/// The keys an event of `kind` takes besides `date` and `kind`.
fn event_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "hearing_scheduled" => &["hearing_on"],
        "suspended" => &["reason"],
        "extended" => &["approved_by"],
        "decided" => &["penalties", "reason", "party_present"],
        "paid" | "surcharged" => &["amount"],
        "transferred" => &["to"],
        _ => &[],
    }
}

impl PenaltyCase {
    /// Reads a case from one line of a cases file (JSON): as serde's
    /// derived reader reads it, refusing besides any key the case, or an
    /// event of its kind, does not take, and any key given twice. An error
    /// names the field and quotes at most 60 characters of any value.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for a line that is not a case.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_enforcement::PenaltyCase;
    ///
    /// let case = PenaltyCase::from_json(
    ///     r#"{"id":"QX-1","events":[{"date":"2025-03-03","kind":"filed"}]}"#,
    /// )?;
    /// assert_eq!(case.id, "QX-1");
    ///
    /// let e = PenaltyCase::from_json(r#"{"id":"QX-1","majr":true,"events":[]}"#).unwrap_err();
    /// assert_eq!(e.to_string(), "field `majr`: not a field of a case");
    ///
    /// let e = PenaltyCase::from_json(
    ///     r#"{"id":"QX-1","events":[{"date":"2025-03-03","kind":"filed","hearing_on":"2025-03-09"}]}"#,
    /// )
    /// .unwrap_err();
    /// assert_eq!(e.to_string(), "field `events[0].hearing_on`: not a field of a `filed` event");
    /// # Ok::<(), jiceng_enforcement::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<PenaltyCase, Error> {
        let case = match serde_json::from_str::<PenaltyCase>(text) {
            Ok(case) => case,
            Err(e) => return Err(located(text, &e)),
        };
        let mut problem = None;
        let mut de = serde_json::Deserializer::from_str(text);
        let checked = Keys {
            problem: &mut problem,
        }
        .deserialize(&mut de);
        match (checked, problem) {
            (_, Some((field, message))) => Err(Error::Parse { field, message }),
            // The derived reader read the same text, so the walk over its
            // keys finds nothing else wrong.
            _ => Ok(case),
        }
    }
}

/// The field and the words of the derived reader's error, found again
/// with the path to it.
fn located(text: &str, first: &serde_json::Error) -> Error {
    let mut de = serde_json::Deserializer::from_str(text);
    let (field, e) = match serde_path_to_error::deserialize::<_, PenaltyCase>(&mut de) {
        Err(e) => {
            let path = e.path().to_string();
            (path, e.into_inner())
        }
        // Only what follows the case can fail now: the first read failed.
        Ok(_) => match de.end() {
            Err(e) => (".".to_owned(), e),
            Ok(()) => (".".to_owned(), clone_error(first)),
        },
    };
    // Text that is not JSON has no field to name.
    if matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    ) {
        return Error::Parse {
            field: "(line)".to_owned(),
            message: format!("not JSON: {}", words(&e)),
        };
    }
    // A field of the case's limits, or of an event's kind, is read
    // through serde's flatten, which loses the path below it: the case's
    // (`.`) or the event's (`events[2]`). A key given twice or not taken,
    // which may be the cause (serde reads the first copy of a key, a JSON
    // value the last), is looked for first; then each such field is tried
    // on its own.
    if field == "." || field.ends_with(']') {
        let mut problem = None;
        let mut de = serde_json::Deserializer::from_str(text);
        // Only the problem it records counts: its own error says nothing.
        let _ = Keys {
            problem: &mut problem,
        }
        .deserialize(&mut de);
        if let Some((field, message)) = problem {
            return Error::Parse { field, message };
        }
        if let Some((field, message)) = serde_json::from_str(text).ok().as_ref().and_then(flattened)
        {
            let (field, message) = named(&field, message);
            return Error::Parse { field, message };
        }
    }
    // A party is read as a tagged object, whose fields serde does not
    // name either: its credit code or its name, tried on its own.
    if field == "party" {
        if let Some((key, message)) = serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .as_ref()
            .and_then(|v| v.get("party"))
            .and_then(party_field)
        {
            return Error::Parse {
                field: format!("party.{key}"),
                message,
            };
        }
    }
    let (field, message) = named(&field, words(&e));
    Error::Parse { field, message }
}

/// The field of a party that fails on its own, and its words: the credit
/// code of an organisation (a citizen has none to name), or the name.
fn party_field(party: &serde_json::Value) -> Option<(&'static str, String)> {
    let organisation =
        party.get("kind").and_then(serde_json::Value::as_str) == Some("organisation");
    if let Some(Err(m)) = organisation
        .then(|| party.get("credit_code"))
        .flatten()
        .filter(|c| !c.is_null())
        .map(check::<jiceng_org::CreditCode>)
    {
        return Some(("credit_code", m));
    }
    match party.get("name").map(check::<String>) {
        Some(Err(m)) => Some(("name", m)),
        _ => None,
    }
}

/// The field of a penalty that fails on its own: its kind, when it is not
/// one, or its amount or its value, both decimal strings in yuan.
fn penalty_field(penalty: &serde_json::Value) -> Option<(&'static str, String)> {
    let kind = penalty.get("kind")?;
    if kind.as_str().and_then(penalty_keys).is_none() {
        return check::<crate::case::Penalty>(&serde_json::json!({ "kind": kind }))
            .err()
            .map(|m| ("kind", m));
    }
    ["amount", "value"].into_iter().find_map(|key| {
        let read = rust_decimal::serde::str::deserialize(penalty.get(key)?)
            .map(drop)
            .map_err(|e: serde_json::Error| words(&e));
        read.err().map(|m| (key, m))
    })
}

/// The field and message of an error serde found at `path` (`.` for the
/// case): a key that serde names in its message (missing, given twice or
/// unknown) is put in the field.
fn named(path: &str, message: String) -> (String, String) {
    for (head, says) in [
        ("missing field `", "missing"),
        ("duplicate field `", "given twice"),
        ("unknown field `", "not a field here"),
    ] {
        let Some(tail) = message.strip_prefix(head) else {
            continue;
        };
        // The key ends at the last backquote before the list of what was
        // expected (a key may hold backquotes itself), or at the end.
        let end = ["`, expected", "`, there are no fields"]
            .iter()
            .find_map(|list| tail.rfind(list))
            .or_else(|| tail.strip_suffix('`').map(str::len));
        let Some((key, rest)) = end.map(|i| (&tail[..i], &tail[i + 1..])) else {
            continue;
        };
        let field = match path {
            "." => key.to_owned(),
            path => format!("{path}.{key}"),
        };
        // What follows the key: the list of what was expected.
        return (cut(&field), format!("{says}{rest}"));
    }
    let field = if path == "." {
        "(case)".to_owned()
    } else {
        cut(path)
    };
    (field, message)
}

/// Reads `v` as a `T`: the words of the error, if any.
fn check<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Result<(), String> {
    T::deserialize(v).map(drop).map_err(|e| words(&e))
}

/// The first field read through a flatten that fails on its own: a limit
/// of the case, or a field of an event's kind (the kind itself, a field
/// its kind needs, or a value of the wrong form), as (field, message).
fn flattened(v: &serde_json::Value) -> Option<(String, String)> {
    use crate::case::{Penalty, SuspensionReason};
    use jiceng_calendar::Period;
    let case = v.as_object()?;
    for key in ["filing", "decision", "extension"] {
        if let Some(Err(m)) = case.get(key).map(check::<Period>) {
            return Some((key.to_owned(), m));
        }
    }
    for key in ["exclude_hearing", "exclude_suspensions"] {
        if let Some(Err(m)) = case.get(key).map(check::<bool>) {
            return Some((key.to_owned(), m));
        }
    }
    let events = case.get("events")?.as_array()?;
    for (i, event) in events.iter().enumerate() {
        let Some(fields) = event.as_object() else {
            continue;
        };
        let at = |key: &str| format!("events[{i}].{key}");
        let Some(kind) = fields.get("kind") else {
            return Some((at("kind"), "missing".to_owned()));
        };
        let Some(kind) = kind.as_str() else {
            return Some((at("kind"), check::<String>(kind).err()?));
        };
        let needs: &[&str] = match kind {
            "hearing_scheduled" => &["hearing_on"],
            "suspended" => &["reason"],
            "extended" => &["approved_by"],
            "decided" => &["penalties"],
            "paid" | "surcharged" => &["amount"],
            "transferred" => &["to"],
            // A kind with no field of its own reads; any other string is
            // not a kind, and serde's words name the kinds there are.
            _ => match check::<crate::case::EventKind>(event) {
                Err(e) => return Some((at("kind"), e)),
                Ok(()) => continue,
            },
        };
        if let Some(missing) = needs.iter().find(|k| !fields.contains_key(**k)) {
            return Some((at(missing), "missing".to_owned()));
        }
        for (key, value) in fields {
            let read = match (kind, key.as_str()) {
                ("hearing_scheduled", "hearing_on") => check::<chrono::NaiveDate>(value),
                ("suspended", "reason") => check::<SuspensionReason>(value),
                ("decided", "reason") => check::<Option<String>>(value),
                ("decided", "party_present") => check::<bool>(value),
                ("extended", "approved_by") | ("transferred", "to") => check::<String>(value),
                // An amount in yuan, as files write it: a decimal string.
                ("paid" | "surcharged", "amount") => rust_decimal::serde::str::deserialize(value)
                    .map(drop)
                    .map_err(|e: serde_json::Error| words(&e)),
                ("decided", "penalties") => {
                    let Some(list) = value.as_array() else {
                        return Some((at(key), check::<Vec<Penalty>>(value).err()?));
                    };
                    for (j, p) in list.iter().enumerate() {
                        if let Err(m) = check::<Penalty>(p) {
                            let (key, m) = penalty_field(p)
                                .map_or((String::new(), m), |(k, m)| (format!(".{k}"), m));
                            return Some((at(&format!("penalties[{j}]{key}")), m));
                        }
                    }
                    Ok(())
                }
                _ => Ok(()),
            };
            if let Err(m) = read {
                return Some((at(key), m));
            }
        }
    }
    None
}

/// A serde_json error of the same words (serde_json's errors are not
/// `Clone`).
fn clone_error(e: &serde_json::Error) -> serde_json::Error {
    <serde_json::Error as de::Error>::custom(e)
}

/// `text` cut to [`SHOWN`] characters, marked `…` where cut.
fn cut(text: &str) -> String {
    cut_to(text, SHOWN)
}

/// The words of a serde error: without its position (the caller names the
/// line), with the wire types named as a clerk knows them, and with the
/// value it quotes cut to [`SHOWN`] characters.
fn words(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // Only serde's own suffix: a key or a value may hold " at line " too.
    let position = format!(" at line {} column {}", e.line(), e.column());
    let text = text.strip_suffix(position.as_str()).unwrap_or(&text);
    let text = quoted_cut(text)
        .replace("struct PenaltyCase", "a case (a JSON object)")
        .replace(
            "internally tagged enum EventKind",
            "an event (a JSON object)",
        )
        .replace(
            "internally tagged enum Penalty",
            "a penalty (a JSON object)",
        )
        .replace("internally tagged enum Party", "a party (a JSON object)")
        .replace("struct Event", "an event (a JSON object)")
        .replace("expected variant identifier", "expected a kind (a string)");
    cut_to(&text, MESSAGE)
}

/// `text` cut to `n` characters, marked `…` where cut.
fn cut_to(text: &str, n: usize) -> String {
    match text.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// A message whose first quoted value (the one the input gave) is cut to
/// [`SHOWN`] characters: serde writes it between backquotes (`unknown
/// variant `…``) or double quotes (`invalid type: string "…"`), before the
/// `, expected` that lists what it wanted.
fn quoted_cut(text: &str) -> String {
    let Some(expected) = text.rfind(", expected") else {
        return text.to_owned();
    };
    let head = &text[..expected];
    let open = match (head.find('`'), head.find('"')) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return text.to_owned(),
    };
    // The value runs from after its opening quote to the quote that
    // closes the head: the last byte before ", expected".
    let Some(value) = head.get(open + 1..head.len().saturating_sub(1)) else {
        return text.to_owned();
    };
    if value.chars().nth(SHOWN).is_none() {
        return text.to_owned();
    }
    format!(
        "{}{}{}",
        &head[..=open],
        cut(value),
        &text[head.len().saturating_sub(1)..]
    )
}

/// A key as the line writes it: borrowed where it has no escape.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// An event's or a penalty's kind as the line writes it: a string. serde's
/// reader takes a number there too, as the index of a kind (`"kind": 1`
/// was read as `filed`), since both are read through a flatten; the walk
/// refuses it, as the schema does.
struct Kind<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Kind<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Kind<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Kind<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a kind (a string)")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Kind<'de>, E> {
                Ok(Kind(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Kind<'de>, E> {
                Ok(Kind(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// The next value of `map` as a kind, or the words of why it is not one
/// (serde's, without the position: the line is named by the caller).
fn next_kind<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Kind<'de>, String> {
    map.next_value::<Kind<'de>>().map_err(|e| {
        let text = e.to_string();
        let end = text.rfind(" at line ").unwrap_or(text.len());
        cut_to(&quoted_cut(&text[..end]), MESSAGE)
    })
}

/// The walk over a case's keys: the first problem found, as (field,
/// message).
struct Keys<'p> {
    problem: &'p mut Option<(String, String)>,
}

impl Keys<'_> {
    /// Records a problem and stops the walk.
    fn refuse<E: de::Error>(&mut self, field: String, message: String) -> E {
        *self.problem = Some((field, message));
        E::custom("refused")
    }
}

impl<'de> DeserializeSeed<'de> for Keys<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Keys<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a case")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; CASE_KEYS.len()];
        while let Some(Key(key)) = map.next_key()? {
            let Some(k) = CASE_KEYS.iter().position(|&known| known == key) else {
                return Err(self.refuse(cut(&key), "not a field of a case".to_owned()));
            };
            if std::mem::replace(&mut seen[k], true) {
                return Err(self.refuse(cut(&key), "given twice".to_owned()));
            }
            if key == "events" {
                map.next_value_seed(Events {
                    problem: &mut *self.problem,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// The walk over a case's events.
struct Events<'p> {
    problem: &'p mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Events<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Events<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of events")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(EventKeys {
                index,
                problem: &mut *self.problem,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }
}

/// The walk over one event's keys.
struct EventKeys<'p> {
    index: usize,
    problem: &'p mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for EventKeys<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EventKeys<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let i = self.index;
        let mut kind: Option<Kind<'de>> = None;
        let mut date = false;
        // An event takes at most three keys besides its date and kind.
        let mut others: Vec<Key<'de>> = Vec::new();
        let refuse = |problem: &mut Option<(String, String)>, field: &str, message: String| {
            *problem = Some((format!("events[{i}].{}", cut(field)), message));
            <A::Error as de::Error>::custom("refused")
        };
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "kind" => {
                    if kind.is_some() {
                        return Err(refuse(&mut *self.problem, "kind", "given twice".to_owned()));
                    }
                    match next_kind(&mut map) {
                        Ok(k) => kind = Some(k),
                        Err(m) => return Err(refuse(&mut *self.problem, "kind", m)),
                    }
                }
                "date" => {
                    if std::mem::replace(&mut date, true) {
                        return Err(refuse(&mut *self.problem, "date", "given twice".to_owned()));
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                other => {
                    if others.iter().any(|k| k.0 == other) {
                        return Err(refuse(&mut *self.problem, other, "given twice".to_owned()));
                    }
                    if others.len() == 3 {
                        return Err(refuse(
                            &mut *self.problem,
                            other,
                            "not a field of an event".to_owned(),
                        ));
                    }
                    if other == "penalties" {
                        map.next_value_seed(Penalties {
                            event: i,
                            problem: &mut *self.problem,
                        })?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                    others.push(key);
                }
            }
        }
        let kind = kind.map_or(Cow::Borrowed(""), |k| k.0);
        let allowed = event_keys(&kind);
        if let Some(k) = others.iter().find(|k| !allowed.contains(&&*k.0)) {
            return Err(refuse(
                &mut *self.problem,
                &k.0,
                format!("not a field of a `{}` event", cut(&kind)),
            ));
        }
        Ok(())
    }
}

/// The walk over a decision's penalties.
struct Penalties<'p> {
    event: usize,
    problem: &'p mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Penalties<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Penalties<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of penalties")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(PenaltyKeys {
                at: format!("events[{}].penalties[{index}]", self.event),
                problem: &mut *self.problem,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }
}

/// The keys a penalty of `kind` takes besides `kind` (Art. 9's kinds);
/// `None` for a kind that is not one, which serde's reader names.
fn penalty_keys(kind: &str) -> Option<&'static [&'static str]> {
    match kind {
        "fine" | "confiscate_gains" => Some(&["amount"]),
        "confiscate_property" => Some(&["value"]),
        "other" => Some(&["name"]),
        "warning"
        | "public_criticism"
        | "licence_suspension"
        | "qualification_downgrade"
        | "licence_revocation"
        | "production_restriction"
        | "business_suspension"
        | "closure"
        | "employment_restriction"
        | "detention" => Some(&[]),
        _ => None,
    }
}

/// The walk over one penalty's keys: serde refuses a key a penalty with
/// fields does not take, but not one given to a penalty without any
/// (`{"kind":"closure","amount":"5000"}`).
struct PenaltyKeys<'p> {
    at: String,
    problem: &'p mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for PenaltyKeys<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PenaltyKeys<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a penalty")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut kind: Option<Kind<'de>> = None;
        // A penalty takes at most one key besides its kind: two are kept,
        // to name the one its kind does not take.
        let mut others: Vec<Key<'de>> = Vec::new();
        let refuse = |problem: &mut Option<(String, String)>, field: &str, message: String| {
            *problem = Some((format!("{}.{}", self.at, cut(field)), message));
            <A::Error as de::Error>::custom("refused")
        };
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0 == "kind" {
                if kind.is_some() {
                    return Err(refuse(self.problem, "kind", "given twice".to_owned()));
                }
                match next_kind(&mut map) {
                    Ok(k) => kind = Some(k),
                    Err(m) => return Err(refuse(self.problem, "kind", m)),
                }
                continue;
            }
            map.next_value::<IgnoredAny>()?;
            if others.iter().any(|k| k.0 == key.0) {
                return Err(refuse(self.problem, &key.0, "given twice".to_owned()));
            }
            if others.len() == 2 {
                return Err(refuse(
                    self.problem,
                    &key.0,
                    "not a field of a penalty".to_owned(),
                ));
            }
            others.push(key);
        }
        let kind = kind.map_or(Cow::Borrowed(""), |k| k.0);
        let Some(keys) = penalty_keys(&kind) else {
            return Ok(());
        };
        if let Some(k) = others.iter().find(|k| !keys.contains(&&*k.0)) {
            return Err(refuse(
                self.problem,
                &k.0,
                format!("not a field of a `{}` penalty", cut(&kind)),
            ));
        }
        Ok(())
    }
}
