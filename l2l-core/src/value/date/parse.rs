//! Reading L2L's datetimes: a fast reader for the form records carry, and a general one for
//! every form the client accepts.

use super::is_sep;

/// Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS[.f{1,9}]`, with `T` or a space,
/// and tolerates a trailing `Z` or `+00:00` (the value is kept as written).
pub(super) fn parse_datetime(s: &str) -> Option<jiff::civil::DateTime> {
    match parse_canonical(s.as_bytes()) {
        Some(dt) => Some(dt),
        None => parse_general(s),
    }
}

/// The form nearly every record carries, `YYYY-MM-DD[T| ]HH:MM:SS[.f{1,9}]`, read straight
/// from its bytes (a tenth of the work of the general reader, which a page of records does
/// a few thousand times). `None` for anything else, which the general reader then reads:
/// where this answers, it answers what [`parse_general`] would.
fn parse_canonical(b: &[u8]) -> Option<jiff::civil::DateTime> {
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !is_sep(b[10])
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let digit = |i: usize| -> Option<i32> { b[i].is_ascii_digit().then(|| i32::from(b[i] - b'0')) };
    let two = |i: usize| -> Option<i8> { Some((digit(i)? * 10 + digit(i + 1)?) as i8) };
    let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', frac @ ..] if (1..=9).contains(&frac.len()) => {
            let mut n = 0i32;
            for &c in frac {
                if !c.is_ascii_digit() {
                    return None;
                }
                n = n * 10 + i32::from(c - b'0');
            }
            n * 10_i32.pow(9 - frac.len() as u32)
        }
        _ => return None,
    };
    jiff::civil::DateTime::new(
        year as i16,
        two(5)?,
        two(8)?,
        two(11)?,
        two(14)?,
        two(17)?,
        nanos,
    )
    .ok()
}

/// Every form [`parse_datetime`] reads.
fn parse_general(s: &str) -> Option<jiff::civil::DateTime> {
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let date: jiff::civil::Date = s.get(..10)?.parse().ok()?;
    if b.len() == 10 {
        return Some(date.to_datetime(jiff::civil::Time::midnight()));
    }
    if !is_sep(b[10]) {
        return None;
    }
    let mut rest = &s[11..];
    for suffix in ["Z", "+00:00"] {
        if let Some(r) = rest.strip_suffix(suffix) {
            rest = r;
        }
    }
    let num = |part: &str| -> Option<i8> {
        (part.len() == 2 && part.bytes().all(|c| c.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (hms, frac) = match rest.split_once('.') {
        Some((hms, frac)) => (hms, Some(frac)),
        None => (rest, None),
    };
    let mut parts = hms.split(':');
    let hour = num(parts.next()?)?;
    let minute = num(parts.next()?)?;
    let second = match parts.next() {
        Some(p) => num(p)?,
        None if frac.is_none() => 0,
        None => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    let nanos = match frac {
        None => 0,
        Some(f) if (1..=9).contains(&f.len()) && f.bytes().all(|c| c.is_ascii_digit()) => {
            f.parse::<i32>().ok()? * 10_i32.pow(9 - f.len() as u32)
        }
        Some(_) => return None,
    };
    jiff::civil::DateTime::new(
        date.year(),
        date.month(),
        date.day(),
        hour,
        minute,
        second,
        nanos,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the fast reader answers, it answers what the general one does; and it answers
    /// for the forms records carry. Every byte of a few canonical strings is replaced by
    /// each of a set of bytes that matter to the readers.
    #[test]
    fn the_canonical_reader_agrees_with_the_general_one() {
        let bytes = b"0123456789-: T.Z+x";
        let mut taken = 0;
        for base in [
            "2010-12-30 11:52:50",
            "2010-12-30T11:52:50.000",
            "2024-02-29T23:59:59.123456",
            "0000-01-01T00:00:00.000000001",
        ] {
            let mut tried = vec![base.to_owned()];
            for i in 0..base.len() {
                for &c in bytes {
                    let mut v = base.as_bytes().to_vec();
                    v[i] = c;
                    tried.push(String::from_utf8(v).unwrap());
                }
            }
            tried.extend(
                [
                    "2010-02-30 11:52:50",
                    "2010-12-30 24:00:00",
                    "2010-12-30 11:60:50",
                    "2010-12-30 11:52:60",
                    "2010-12-30 11:52:50.",
                    "2010-12-30 11:52:50.1234567890",
                    "2010-12-30 11:52:50Z",
                    "2010-12-30 11:52:50+00:00",
                    "2010-12-30 11:52",
                ]
                .map(String::from),
            );
            for s in &tried {
                let general = parse_general(s);
                if let Some(fast) = parse_canonical(s.as_bytes()) {
                    taken += 1;
                    assert_eq!(Some(fast), general, "{s:?}");
                }
            }
            assert!(
                parse_canonical(base.as_bytes()).is_some(),
                "{base} takes the fast path"
            );
        }
        assert!(taken > 100, "the fast reader answered {taken} times");
    }
}
