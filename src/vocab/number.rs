//! The values of printed numbers: Roman numerals of points, the letters of recitals.

/// The value of a Roman numeral (`iv` -> 4), if it is one.
pub fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: u8| match c {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        _ => None,
    };
    let values: Option<Vec<u32>> = s.bytes().map(digit).collect();
    let values = values?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    u32::try_from(total).ok().filter(|t| *t > 0)
}

/// The 0-based position of a recital number (`A` -> 0, `Z` -> 25, `AA` -> 26) in the profile's
/// alphabet, or `None` when it is not a recital number.
pub fn letter_index(value: &str, letters: &[char]) -> Option<usize> {
    let chars: Vec<char> = value.chars().collect();
    let pos = |c: &char| letters.iter().position(|l| l == c);
    match chars.as_slice() {
        [a] => pos(a),
        [a, b] => Some((pos(a)? + 1) * letters.len() + pos(b)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("xiii"), Some(13));
        assert_eq!(roman_value("ic"), None);
        let letters: Vec<char> = ('A'..='Z').collect();
        assert_eq!(letter_index("A", &letters), Some(0));
        assert_eq!(letter_index("AA", &letters), Some(26));
        assert_eq!(letter_index("BA", &letters), Some(52));
        assert_eq!(letter_index("ABC", &letters), None);
    }
}
