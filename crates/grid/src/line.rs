//! Reading one line of an event log fast.
//!
//! [`Entry`]'s derived reader goes through serde's buffering of a
//! flattened, internally tagged enum, which copies every field before it
//! looks at the action's name. A log of ten million events has some seventy
//! million lines, nearly all of one shape: a flat object whose values are
//! plain strings (and one small integer, a rating's score), with times
//! written `YYYY-MM-DDTHH:MM:SS±HH:MM`. [`Entry::from_json_line`] scans that
//! shape by hand, borrowing every value from the line and copying only the
//! fields the [`Entry`] keeps. It accepts exactly what the derived reader
//! accepts: wherever the line leaves that shape (an escape, a nested value,
//! a number other than a small integer, a duplicate or unknown key, a time
//! of another form), it hands the line, or the time, to the derived reader
//! (chrono for times), whose answer and error message stand.
//!
//! A line the platform wrote (serde writes an entry's fields in their
//! order, with no space) begins `{"event":"…","at":"…","actor":` with the
//! id and the time at fixed places, and goes on with the action's name
//! and its fields in the order of their declaration. Such a line is read
//! whole with every key checked where it must be ([`writers_parts`]),
//! rather than searched for; any other line goes through the general
//! loop of [`scan`], which still skips the search for the first three
//! keys where they are the writer's.
//!
//! Strings of at most 24 bytes (every id and code) are held inline in the
//! entry's [`CompactString`]s; longer ones take over the memory of the
//! strings the entry held before, up to [`RETAIN`] bytes.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use compact_str::CompactString;
use uuid::Uuid;

use crate::event::{Action, Channel, Entry, EscalationReason};

/// Every field any action may carry, borrowed from the line.
#[derive(Debug, Default, PartialEq, Eq)]
struct Fields<'a> {
    event: Option<&'a str>,
    at: Option<&'a str>,
    actor: Option<&'a str>,
    action: Option<&'a str>,
    cell: Option<&'a str>,
    category: Option<&'a str>,
    channel: Option<&'a str>,
    description: Option<&'a str>,
    reason: Option<&'a str>,
    body: Option<&'a str>,
    score: Option<u8>,
    until: Option<&'a str>,
    approved_by: Option<&'a str>,
}

/// The index just past JSON whitespace (space, tab, line feed, carriage
/// return) from `i`.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// A string starting at `i` with no escape and no control character: its
/// text and the index past its closing quote.
#[inline]
fn plain_string(line: &str, i: usize) -> Option<(&str, usize)> {
    let b = line.as_bytes();
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let start = i + 1;
    let end = start + string_stop(b.get(start..)?)?;
    if b.get(end) != Some(&b'"') {
        return None;
    }
    // Both ends sit at ASCII quotes, so they are character boundaries.
    Some((line.get(start..end)?, end + 1))
}

/// The index of the first byte of `b` that ends a plain string: a quote, a
/// backslash or a control character (below 0x20).
///
/// Eight bytes are tested at once. In each 64-bit word read little-endian,
/// `(x - 0x0101…01·n) & !x & 0x8080…80` flags the bytes below `n` (for
/// `n` ≤ 0x80); a byte equal to `c` is a zero byte of `x ^ 0x0101…01·c`,
/// so below 1. A borrow can flag a byte wrongly only above (after) a byte
/// rightly flagged, so the lowest flag is always the first such byte.
fn string_stop(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x;
    let mut words = b.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let x = u64::from_le_bytes(eight);
        let quote = x ^ (ONES * u64::from(b'"'));
        let slash = x ^ (ONES * u64::from(b'\\'));
        let flags = (below(x, 0x20) | below(quote, 1) | below(slash, 1)) & HIGHS;
        if flags != 0 {
            // trailing_zeros is at most 63, so the division fits a usize.
            return Some(at + (flags.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        .map(|k| at + k)
}

/// A non-negative integer of at most three digits starting at `i`, not
/// followed by a fraction or an exponent, that fits a `u8`: its value and
/// the index past it.
fn small_int(b: &[u8], i: usize) -> Option<(u8, usize)> {
    let digits = b
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let end = i + digits;
    if digits == 0 || digits > 3 || matches!(b.get(end), Some(b'.' | b'e' | b'E')) {
        return None;
    }
    let text = b.get(i..end)?;
    if digits > 1 && text.first() == Some(&b'0') {
        // A leading zero is not JSON: the derived reader says so.
        return None;
    }
    let n = text.iter().fold(0u16, |n, c| n * 10 + u16::from(c - b'0'));
    Some((u8::try_from(n).ok()?, end))
}

/// How the log's writer begins every line: serde writes an entry's fields
/// in their order, with no space, so the event's id (36 bytes) and its
/// time (25 bytes) sit at fixed places, followed by the actor's key.
const EVENT_KEY: &[u8] = br#"{"event":""#;
const AT_KEY: &[u8] = br#"","at":""#;
const ACTOR_KEY: &[u8] = br#"","actor":"#;

/// Where [`AT_KEY`] and [`ACTOR_KEY`] begin in a line begun the writer's
/// way, and where the actor's value opens.
const AT_FROM: usize = EVENT_KEY.len() + 36;
const ACTOR_FROM: usize = AT_FROM + AT_KEY.len() + 25;
const ACTOR_VALUE: usize = ACTOR_FROM + ACTOR_KEY.len();

/// Whether the line has the writer's first three keys at their fixed
/// places.
fn writers_keys(b: &[u8]) -> bool {
    b.get(..EVENT_KEY.len()) == Some(EVENT_KEY)
        && b.get(AT_FROM..AT_FROM + AT_KEY.len()) == Some(AT_KEY)
        && b.get(ACTOR_FROM..ACTOR_VALUE) == Some(ACTOR_KEY)
}

/// The event, time and actor of a line that begins the way the log's
/// writer begins it, read from their fixed places, and the index past the
/// actor's value; `None` for any other beginning, which the general loop
/// of [`scan`] reads. Where it answers, the loop would read the same three
/// keys, in that order, with the same plain values.
fn writers_start(line: &str) -> Option<(Fields<'_>, usize)> {
    if !writers_keys(line.as_bytes()) {
        return None;
    }
    // Each value lies between the keys' quotes; it must be a plain string.
    let event = line.get(EVENT_KEY.len()..AT_FROM)?;
    let at = line.get(AT_FROM + AT_KEY.len()..ACTOR_FROM)?;
    if string_stop(event.as_bytes()).is_some() || string_stop(at.as_bytes()).is_some() {
        return None;
    }
    let (actor, i) = plain_string(line, ACTOR_VALUE)?;
    let f = Fields {
        event: Some(event),
        at: Some(at),
        actor: Some(actor),
        ..Fields::default()
    };
    Some((f, i))
}

/// The value of the key written `key` (`,"name":"`, opening quote
/// included) at `i`, and the index past its closing quote; `None` where
/// the line does not have the key there or the value is not plain. The
/// key is an array, so that its comparison is a few loads rather than a
/// call.
fn written<'a, const N: usize>(line: &'a str, i: usize, key: &[u8; N]) -> Option<(&'a str, usize)> {
    if line.as_bytes().get(i..i + N)? != key {
        return None;
    }
    // The key's last byte is the value's opening quote.
    plain_string(line, (i + N).checked_sub(1)?)
}

/// A whole line as the log's writer writes it: [`writers_start`], then
/// the action's name and its fields in the order of their declaration,
/// each written `,"key":value` with no space, and the closing brace with
/// nothing after it. Such a line is a flat object of distinct known keys
/// and plain values, so [`scan`] and [`Fields::parts`] would read it the
/// same; every check is made at a fixed place rather than through a
/// search for the key. `None` for any other line, which the general loop
/// reads.
fn writers_parts(line: &str) -> Option<Parts<'_>> {
    let b = line.as_bytes();
    if !writers_keys(b) {
        return None;
    }
    // The id (36 bytes, so the hyphenated form) and the time are read by
    // parsers that take only hex digits, digits and a few separators:
    // never a quote, a backslash or a control character, so their values
    // need no search for one, as [`writers_start`] makes.
    let event = Uuid::try_parse_ascii(b.get(EVENT_KEY.len()..AT_FROM)?).ok()?;
    let at = fixed_time(b.get(AT_FROM + AT_KEY.len()..ACTOR_FROM)?)?;
    let (actor, i) = plain_string(line, ACTOR_VALUE)?;
    let (name, i) = written(line, i, b",\"action\":\"")?;
    let (shape, end) = match name {
        "report" => {
            let (cell, i) = written(line, i, b",\"cell\":\"")?;
            let (category, i) = written(line, i, b",\"category\":\"")?;
            let (ch, i) = written(line, i, b",\"channel\":\"")?;
            let (description, i) = written(line, i, b",\"description\":\"")?;
            let report = Shape::Report {
                cell,
                category,
                channel: channel(ch)?,
                description,
            };
            (report, i)
        }
        "accept" => (Shape::Accept, i),
        "reject" => {
            let (reason, i) = written(line, i, b",\"reason\":\"")?;
            (Shape::Reject(reason), i)
        }
        "dispatch" => {
            let (body, i) = written(line, i, b",\"body\":\"")?;
            (Shape::Dispatch(body), i)
        }
        "start" => (Shape::Start, i),
        "resolve" => (Shape::Resolve, i),
        "verify" => (Shape::Verify, i),
        "rework" => {
            let (reason, i) = written(line, i, b",\"reason\":\"")?;
            (Shape::Rework(reason), i)
        }
        "close" => (Shape::Close, i),
        "rate" => {
            if b.get(i..i + 9)? != b",\"score\":" {
                return None;
            }
            let (score, end) = small_int(b, i + 9)?;
            (Shape::Rate(score), end)
        }
        "escalate" => {
            let (reason, i) = written(line, i, b",\"reason\":\"")?;
            (Shape::Escalate(escalation(reason)?), i)
        }
        "postpone" => {
            let (until, i) = written(line, i, b",\"until\":\"")?;
            let (approved_by, i) = written(line, i, b",\"approved_by\":\"")?;
            (
                Shape::Postpone(until.parse::<NaiveDate>().ok()?, approved_by),
                i,
            )
        }
        _ => return None,
    };
    (b.get(end..) == Some(b"}")).then_some((event, at, actor, shape))
}

/// What a line holds, borrowed: [`writers_parts`] for a line as the
/// writer writes it, else the general loop of [`scan`].
fn parts(line: &str) -> Option<Parts<'_>> {
    writers_parts(line).or_else(|| scan(line)?.parts())
}

/// Reads one `"key": value` pair from `i` into `f`: the index past the
/// value, or `None` for an unknown or repeated key, or a value that is
/// not plain.
fn pair<'a>(line: &'a str, i: usize, f: &mut Fields<'a>) -> Option<usize> {
    let b = line.as_bytes();
    let (key, j) = plain_string(line, i)?;
    let mut i = skip_ws(b, j);
    if b.get(i) != Some(&b':') {
        return None;
    }
    i = skip_ws(b, i + 1);
    if key == "score" {
        let (n, j) = small_int(b, i)?;
        if f.score.replace(n).is_some() {
            return None;
        }
        return Some(j);
    }
    let slot = match key {
        "event" => &mut f.event,
        "at" => &mut f.at,
        "actor" => &mut f.actor,
        "action" => &mut f.action,
        "cell" => &mut f.cell,
        "category" => &mut f.category,
        "channel" => &mut f.channel,
        "description" => &mut f.description,
        "reason" => &mut f.reason,
        "body" => &mut f.body,
        "until" => &mut f.until,
        "approved_by" => &mut f.approved_by,
        _ => return None,
    };
    let (v, j) = plain_string(line, i)?;
    if slot.replace(v).is_some() {
        return None;
    }
    Some(j)
}

/// Scans a flat object of plain strings (and a small integer score) with
/// known, distinct keys; `None` for anything else. A line begun the way
/// the log's writer begins it skips the search for its first three keys
/// ([`writers_start`]).
fn scan(line: &str) -> Option<Fields<'_>> {
    let b = line.as_bytes();
    let (mut f, mut i) = match writers_start(line) {
        Some(start) => start,
        None => {
            let i = skip_ws(b, 0);
            if b.get(i) != Some(&b'{') {
                return None;
            }
            let mut f = Fields::default();
            let i = pair(line, skip_ws(b, i + 1), &mut f)?;
            (f, i)
        }
    };
    loop {
        i = skip_ws(b, i);
        match b.get(i) {
            Some(b',') => i = pair(line, skip_ws(b, i + 1), &mut f)?,
            Some(b'}') => break,
            _ => return None,
        }
    }
    (skip_ws(b, i + 1) == b.len()).then_some(f)
}

/// The eight bytes of `b` from `i` as a little-endian word (byte k in
/// bits 8k..8k+8); 0 where fewer than eight bytes are left.
pub(crate) fn le_word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(b.get(i..i + 8).unwrap_or(&[0; 8]));
    u64::from_le_bytes(w)
}

/// The day and offset of a time of the fixed form read on this thread:
/// an event's lines span a few days at most, so most lines share the day
/// and the offset of a line shortly before, and their dates need not be
/// looked up again.
#[derive(Clone, Copy)]
struct Day {
    /// Bytes 0–9 (`YYYY-MM-DD`) and 19–24 (`±hh:mm`) of the time, as two
    /// words ([`day_key`]).
    key: [u64; 2],
    /// The local date's day before, the date and the day after: where the
    /// time falls in UTC.
    dates: [NaiveDate; 3],
    offset: FixedOffset,
}

thread_local! {
    /// The last day read on this thread for each last digit of the day
    /// of the month: ten days in a row each keep their own.
    static DAYS: [std::cell::Cell<Option<Day>>; 10] =
        const { [const { std::cell::Cell::new(None) }; 10] };
}

/// Digit `k` of a word of digits (byte k, read little-endian).
fn digit(w: u64, k: u32) -> u32 {
    ((w >> (8 * k)) & 0x0F) as u32
}

/// The number digits `k` and `k + 1` of a word make.
fn two_digits(w: u64, k: u32) -> u32 {
    digit(w, k) * 10 + digit(w, k + 1)
}

/// The bytes of a fixed-form time that name its day and offset: the first
/// word (`YYYY-MM-`), and the day's two digits (bytes 8–9) with the
/// offset's six bytes (19–24) in a second word.
fn day_key(b: &[u8; 25]) -> [u64; 2] {
    [
        le_word(b, 0),
        u64::from_le_bytes([b[8], b[9], b[19], b[20], b[21], b[22], b[23], b[24]]),
    ]
}

/// A time of the fixed form `YYYY-MM-DDTHH:MM:SS±HH:MM`; `None` for any
/// other form or value (a leap second, `-00:00`, an offset of a day or
/// more), which chrono decides.
fn fixed_time(s: &[u8]) -> Option<DateTime<FixedOffset>> {
    let b: &[u8; 25] = s.try_into().ok()?;
    // The first 24 bytes as three little-endian words (byte k of a word
    // is its bits 8k..8k+8), checked eight bytes at once: each byte
    // where a digit belongs has a high nibble of 3 and a low nibble that
    // 6 does not carry past 15 (so 0 to 9), and each separator is its
    // own byte. The sign is checked apart: it may be either of two.
    let (w0, w1, w2) = (le_word(b, 0), le_word(b, 8), le_word(b, 16));
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const LOW: u64 = 0x0F0F_0F0F_0F0F_0F0F;
    // `YYYY-MM-`, `DDThh:mm`, `:ss±oh:o`: 0xFF where a digit belongs.
    const DIGITS: [u64; 3] = [
        0x00FF_FF00_FFFF_FFFF,
        0xFFFF_00FF_FF00_FFFF,
        0xFF00_FFFF_00FF_FF00,
    ];
    // The separators where they belong, and the bytes they take.
    const SEPARATORS: [(u64, u64); 3] = [
        (0x2D00_002D_0000_0000, 0xFF00_00FF_0000_0000),
        (0x0000_3A00_0054_0000, 0x0000_FF00_00FF_0000),
        (0x003A_0000_0000_003A, 0x00FF_0000_0000_00FF),
    ];
    for (w, (digits, (sep, at))) in [w0, w1, w2]
        .into_iter()
        .zip(DIGITS.into_iter().zip(SEPARATORS))
    {
        let nibbles_ok = w & HIGH & digits == 0x3030_3030_3030_3030 & digits
            && ((w & LOW) + 0x0606_0606_0606_0606) & HIGH & digits == 0;
        if !nibbles_ok || w & at != sep {
            return None;
        }
    }
    let (d, two) = (digit, two_digits);
    let (hour, minute, second) = (two(w1, 3), two(w1, 6), two(w2, 1));
    // What `NaiveTime::from_hms_opt` refuses: a leap second among them.
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let key = day_key(b);
    // The day's last digit, 0 to 9 (checked above).
    let slot = d(w1, 1) as usize;
    let day = match DAYS.with(|days| days.get(slot).and_then(std::cell::Cell::get)) {
        Some(day) if day.key == key => day,
        _ => {
            let day = new_day(b, key, w0, w1, w2)?;
            DAYS.with(|days| days.get(slot).map(|c| c.set(Some(day))));
            day
        }
    };
    // A fixed offset maps each local time to exactly one instant: the
    // local time less the offset, which is less than a day, so on the
    // local date or the day either side of it.
    let local = i32::try_from(hour * 3600 + minute * 60 + second).ok()?;
    let utc = local - day.offset.local_minus_utc();
    let (k, utc) = match utc {
        ..0 => (0, utc + 86_400),
        86_400.. => (2, utc - 86_400),
        _ => (1, utc),
    };
    let time = NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(utc).ok()?, 0)?;
    let date = *day.dates.get(k)?;
    Some(DateTime::from_naive_utc_and_offset(
        date.and_time(time),
        day.offset,
    ))
}

/// The day and offset of a fixed-form time whose digits and separators
/// [`fixed_time`] checked; `None` for a date that does not exist or an
/// offset out of range.
fn new_day(b: &[u8; 25], key: [u64; 2], w0: u64, w1: u64, w2: u64) -> Option<Day> {
    let last = b[24].wrapping_sub(b'0');
    if last > 9 {
        return None;
    }
    let (d, two) = (digit, two_digits);
    let year = two(w0, 0) * 100 + two(w0, 2);
    let (month, day) = (two(w0, 5), two(w1, 0));
    let negative = match b[19] {
        b'+' => false,
        b'-' => true,
        _ => return None,
    };
    let (oh, om) = (two(w2, 4), d(w2, 7) * 10 + u32::from(last));
    if oh > 23 || om > 59 || (negative && oh == 0 && om == 0) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let secs = i32::try_from(oh * 3600 + om * 60).ok()?;
    Some(Day {
        key,
        // Years 0 to 9999 have both neighbours in chrono's range.
        dates: [date.pred_opt()?, date, date.succ_opt()?],
        offset: FixedOffset::east_opt(if negative { -secs } else { secs })?,
    })
}

/// A time as the derived reader reads it (chrono's `FromStr`), through
/// the fixed form when it fits.
fn time(s: &str) -> Option<DateTime<FixedOffset>> {
    fixed_time(s.as_bytes()).or_else(|| s.parse().ok())
}

fn channel(s: &str) -> Option<Channel> {
    Some(match s {
        "grid_worker" => Channel::GridWorker,
        "citizen_app" => Channel::CitizenApp,
        "hotline" => Channel::Hotline,
        "inspection" => Channel::Inspection,
        _ => return None,
    })
}

fn escalation(s: &str) -> Option<EscalationReason> {
    Some(match s {
        "no_authority" => EscalationReason::NoAuthority,
        "overdue" => EscalationReason::Overdue,
        "beyond_capacity" => EscalationReason::BeyondCapacity,
        _ => return None,
    })
}

/// An action read from a line, its strings still borrowed.
enum Shape<'a> {
    Report {
        cell: &'a str,
        category: &'a str,
        channel: Channel,
        description: &'a str,
    },
    Accept,
    Reject(&'a str),
    Dispatch(&'a str),
    Start,
    Resolve,
    Verify,
    Rework(&'a str),
    Close,
    Rate(u8),
    Escalate(EscalationReason),
    Postpone(NaiveDate, &'a str),
}

/// The most memory a string keeps for the next line to use: a string that
/// grew past it (a long description) is dropped rather than kept, so
/// that entries used over and over hold no more than the lines they
/// hold now plus this much a string, however long the lines before were.
const RETAIN: usize = 128;

/// The longest text a [`CompactString`] holds inline, with no memory of
/// its own to keep: 24 bytes on a 64-bit target.
const INLINE: usize = std::mem::size_of::<CompactString>();

/// A string holding `text`: inline when it fits, else in `reused`'s
/// memory (cleared first), as long as that is at most [`RETAIN`] bytes.
fn fill(reused: CompactString, text: &str) -> CompactString {
    if text.len() <= INLINE || reused.capacity() > RETAIN {
        return CompactString::new(text);
    }
    let mut s = reused;
    s.clear();
    s.push_str(text);
    s
}

/// The strings of an entry's previous action whose memory the next
/// action's strings may take over: those on the heap.
#[derive(Default)]
struct Stash {
    strings: [CompactString; 3],
    len: usize,
}

impl Stash {
    /// Takes the strings out of `action`, leaving a string-less action.
    fn take(action: &mut Action) -> Stash {
        let mut stash = Stash::default();
        // Only heap strings are worth keeping; [`fill`] drops those past
        // RETAIN bytes.
        let mut keep = |s: CompactString| {
            if !s.is_heap_allocated() {
                return;
            }
            if let Some(slot) = stash.strings.get_mut(stash.len) {
                *slot = s;
                stash.len += 1;
            }
        };
        match std::mem::replace(action, Action::Accept) {
            Action::Report {
                cell,
                category,
                description,
                ..
            } => {
                keep(cell);
                keep(category);
                keep(description);
            }
            Action::Reject { reason } | Action::Rework { reason } => keep(reason),
            Action::Dispatch { body } => keep(body),
            Action::Postpone { approved_by, .. } => keep(approved_by),
            _ => {}
        }
        stash
    }

    /// `text` in a string of the stash, or a new one when it is empty.
    fn string(&mut self, text: &str) -> CompactString {
        if text.len() <= INLINE {
            return CompactString::new(text);
        }
        let reused = match self.len.checked_sub(1) {
            Some(last) => {
                self.len = last;
                self.strings
                    .get_mut(last)
                    .map(std::mem::take)
                    .unwrap_or_default()
            }
            None => CompactString::default(),
        };
        fill(reused, text)
    }
}

impl<'a> Shape<'a> {
    /// The action, each of its strings made by `string`.
    fn action(self, mut string: impl FnMut(&str) -> CompactString) -> Action {
        match self {
            Shape::Report {
                cell,
                category,
                channel,
                description,
            } => Action::Report {
                cell: string(cell),
                category: string(category),
                channel,
                description: string(description),
            },
            Shape::Accept => Action::Accept,
            Shape::Reject(reason) => Action::Reject {
                reason: string(reason),
            },
            Shape::Dispatch(body) => Action::Dispatch { body: string(body) },
            Shape::Start => Action::Start,
            Shape::Resolve => Action::Resolve,
            Shape::Verify => Action::Verify,
            Shape::Rework(reason) => Action::Rework {
                reason: string(reason),
            },
            Shape::Close => Action::Close,
            Shape::Rate(score) => Action::Rate { score },
            Shape::Escalate(reason) => Action::Escalate { reason },
            Shape::Postpone(until, approved_by) => Action::Postpone {
                until,
                approved_by: string(approved_by),
            },
        }
    }
}

/// Whether any string of `action` holds memory of its own (is on the
/// heap), which [`Stash::take`] would keep for the next line.
fn holds_heap(action: &Action) -> bool {
    match action {
        Action::Report {
            cell,
            category,
            description,
            ..
        } => {
            cell.is_heap_allocated()
                || category.is_heap_allocated()
                || description.is_heap_allocated()
        }
        Action::Reject { reason } | Action::Rework { reason } => reason.is_heap_allocated(),
        Action::Dispatch { body } => body.is_heap_allocated(),
        Action::Postpone { approved_by, .. } => approved_by.is_heap_allocated(),
        Action::Accept
        | Action::Start
        | Action::Resolve
        | Action::Verify
        | Action::Close
        | Action::Rate { .. }
        | Action::Escalate { .. } => false,
    }
}

/// What a line holds, borrowed: the event, the time, the actor and the
/// action.
type Parts<'a> = (Uuid, DateTime<FixedOffset>, &'a str, Shape<'a>);

/// The entry of a line's parts, its strings copied.
fn entry((event, at, actor, shape): Parts<'_>) -> Entry {
    Entry {
        event,
        at,
        actor: actor.into(),
        action: shape.action(|text| CompactString::new(text)),
    }
}

impl<'a> Fields<'a> {
    /// The entry's parts, or `None` where the derived reader must decide.
    fn parts(self) -> Option<Parts<'a>> {
        let shape = match self.action? {
            "report" => Shape::Report {
                cell: self.cell?,
                category: self.category?,
                channel: channel(self.channel?)?,
                description: self.description?,
            },
            "accept" => Shape::Accept,
            "reject" => Shape::Reject(self.reason?),
            "dispatch" => Shape::Dispatch(self.body?),
            "start" => Shape::Start,
            "resolve" => Shape::Resolve,
            "verify" => Shape::Verify,
            "rework" => Shape::Rework(self.reason?),
            "close" => Shape::Close,
            "rate" => Shape::Rate(self.score?),
            "escalate" => Shape::Escalate(escalation(self.reason?)?),
            "postpone" => {
                Shape::Postpone(self.until?.parse::<NaiveDate>().ok()?, self.approved_by?)
            }
            _ => return None,
        };
        // A channel that is not one of the four: the derived reader
        // decides, even on an action without one.
        if self.channel.is_some_and(|c| channel(c).is_none()) {
            return None;
        }
        Some((
            Uuid::parse_str(self.event?).ok()?,
            time(self.at?)?,
            self.actor?,
            shape,
        ))
    }
}

/// The derived reader's answer for a line the scanner leaves to it, but
/// for an action named by a number. The action is read through serde's
/// flatten, which takes a number as the index of an action (`"action": 1`
/// was read as `accept`); the schema, the scanner and every writer name it
/// by a string, so a number is refused as the derived reader refuses any
/// other value that is not a string.
fn derived(line: &str) -> Result<Entry, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Named<'a> {
        #[serde(borrow)]
        #[allow(dead_code)]
        action: std::borrow::Cow<'a, str>,
    }
    let entry = serde_json::from_str(line)?;
    serde_json::from_str::<Named<'_>>(line)?;
    Ok(entry)
}

impl Entry {
    /// Reads one JSON line of an event log: the same answer as
    /// `serde_json::from_str::<Entry>`, faster, but for an action named by
    /// a number (`"action": 1`), which serde's flatten takes as the index
    /// of an action and this refuses, as the schema does.
    ///
    /// # Errors
    ///
    /// The derived reader's error for a line it refuses.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_grid::{Action, Entry};
    ///
    /// let line = r#"{"event": "01975779-f5a0-7000-8000-000000000001",
    ///     "at": "2025-06-10T09:40:00+08:00", "actor": "C01", "action": "accept"}"#;
    /// let e = Entry::from_json_line(line)?;
    /// assert_eq!(e, serde_json::from_str::<Entry>(line)?);
    /// assert_eq!(e.action, Action::Accept);
    /// assert!(Entry::from_json_line(r#"{"action": "accept"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_line(line: &str) -> Result<Entry, serde_json::Error> {
        match parts(line).map(entry) {
            Some(e) => Ok(e),
            None => derived(line),
        }
    }

    /// Reads one JSON line of an event log into this entry, as
    /// [`Entry::from_json_line`] reads it, keeping the memory of the
    /// entry's strings for the new ones: reading a log into the same few
    /// entries over and over allocates next to nothing. A string that
    /// grew long for one line is not kept for the next, so an entry holds
    /// no more memory than its line needs plus a little.
    ///
    /// # Errors
    ///
    /// The derived reader's error for a line it refuses; the entry is then
    /// left as it was.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_grid::{Action, Entry};
    ///
    /// let mut e = Entry::from_json_line(r#"{"event": "01975779-f5a0-7000-8000-000000000001",
    ///     "at": "2025-06-10T09:45:00+08:00", "actor": "C01",
    ///     "action": "dispatch", "body": "130430104-zfd"}"#)?;
    /// let line = r#"{"event": "01975779-f5a0-7000-8000-000000000002",
    ///     "at": "2025-06-10T09:50:00+08:00", "actor": "C02",
    ///     "action": "reject", "reason": "重复"}"#;
    /// e.read_json_line(line)?;
    /// assert_eq!(e, Entry::from_json_line(line)?);
    /// let before = e.clone();
    /// assert!(e.read_json_line(r#"{"action": "accept"}"#).is_err());
    /// assert_eq!(e, before);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_json_line(&mut self, line: &str) -> Result<(), serde_json::Error> {
        match parts(line) {
            Some(parts) => self.set(parts),
            None => *self = derived(line)?,
        }
        Ok(())
    }

    /// Writes a line's parts into this entry, its strings taking over the
    /// memory of the entry's own.
    fn set(&mut self, (event, at, actor, shape): Parts<'_>) {
        self.event = event;
        self.at = at;
        self.actor = fill(std::mem::take(&mut self.actor), actor);
        if !holds_heap(&self.action) {
            // Nothing to keep (every id and code is held inline): the new
            // strings are made as they are, with no stash to fill.
            self.action = shape.action(|text| CompactString::new(text));
            return;
        }
        let mut stash = Stash::take(&mut self.action);
        self.action = shape.action(|text| stash.string(text));
    }
}

#[cfg(test)]
mod tests;
