//! 统一社会信用代码 rules: every public example of uscc.md, and many codes generated here with an independent
//! check-character computation (every Tianjin division code, historic ones too, every category pair), then corrupted.

use std::path::PathBuf;

use shenbao::core::check::uscc::{
    check_character, check_code, implied_district, implied_ownership, is_enterprise, is_valid, org_check_character,
};
use shenbao::core::model::{FieldRef, RowField};
use shenbao::core::report::{Finding, Severity};

const FIELD: FieldRef = FieldRef::Row(0, RowField::CreditCode);

// ---- an independent implementation, written from uscc.md only -------------------------------------------------

/// Value table as a list of (char, value), spelled out rather than derived from a string.
fn value_of(c: char) -> Option<u64> {
    let table = [
        ('0', 0),
        ('1', 1),
        ('2', 2),
        ('3', 3),
        ('4', 4),
        ('5', 5),
        ('6', 6),
        ('7', 7),
        ('8', 8),
        ('9', 9),
        ('A', 10),
        ('B', 11),
        ('C', 12),
        ('D', 13),
        ('E', 14),
        ('F', 15),
        ('G', 16),
        ('H', 17),
        ('J', 18),
        ('K', 19),
        ('L', 20),
        ('M', 21),
        ('N', 22),
        ('P', 23),
        ('Q', 24),
        ('R', 25),
        ('T', 26),
        ('U', 27),
        ('W', 28),
        ('X', 29),
        ('Y', 30),
    ];
    table.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

fn char_of(v: u64) -> char {
    let table = [
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M',
        'N', 'P', 'Q', 'R', 'T', 'U', 'W', 'X', 'Y',
    ];
    table[v as usize]
}

/// Check character by the formula, weights computed as powers of 3 modulo 31 (not copied from a table).
fn my_check(first17: &str) -> char {
    let mut weight = 1u64;
    let mut sum = 0u64;
    for c in first17.chars() {
        sum += value_of(c).expect("test input in charset") * weight;
        weight = weight * 3 % 31;
    }
    char_of((31 - sum % 31) % 31)
}

/// GB 11714 check digit of 8 characters.
fn my_org_check(first8: &str) -> char {
    let w = [3u32, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first8.chars().zip(w).map(|(c, w)| c.to_digit(36).expect("alnum") * w).sum();
    match 11 - sum % 11 {
        11 => '0',
        10 => 'X',
        d => char::from_digit(d, 10).expect("digit"),
    }
}

/// A small deterministic generator (no external randomness: failures reproduce).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A random organisation code (8 characters + its GB 11714 check), valid unless `break_org` is set.
fn org_code(rng: &mut Lcg, break_org: bool) -> String {
    let cs: Vec<char> = CHARSET.chars().collect();
    let mut s: String = (0..8).map(|i| if i < 2 && rng.pick(3) == 0 { 'M' } else { cs[rng.pick(cs.len())] }).collect();
    let good = my_org_check(&s);
    let c = if break_org {
        if good == '0' {
            '1'
        } else {
            '0'
        }
    } else {
        good
    };
    s.push(c);
    s
}

/// A full valid code from its parts.
fn make(pair: &str, division: &str, org: &str) -> String {
    let first17 = format!("{pair}{division}{org}");
    format!("{first17}{}", my_check(&first17))
}

fn codes(fs: &[Finding]) -> Vec<&'static str> {
    fs.iter().map(|f| f.code).collect()
}

fn errors(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.severity == Severity::Error).collect()
}

/// Every valid (position 1, position 2) pair of GB 32100 表2, plus `Y` with a few categories.
const PAIRS: [&str; 36] = [
    "11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49", "51", "52", "53", "59", "61",
    "62", "69", "71", "72", "79", "81", "89", "91", "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1",
];

fn division_rows() -> Vec<(String, Option<String>)> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "data", "tianjin-division-codes.tsv"].iter().collect();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let district = cols[3].trim();
            (cols[0].trim().to_string(), (!district.starts_with('(')).then(|| district.to_string()))
        })
        .collect()
}

// ---- the public examples ---------------------------------------------------------------------------------------

#[test]
fn public_valid_examples_have_no_errors() {
    for code in [
        "91110000600037341L",
        "91120224064012553U",
        "911201163409833307",
        "121200004013590816",
        "91310115MA1K3BTP2B",
        "9144030071526726XG",
    ] {
        let fs = check_code(code, FIELD);
        assert!(errors(&fs).is_empty(), "{code}: {fs:?}");
        assert!(is_valid(code), "{code}");
        assert_eq!(check_character(&code[..17]), code[17..].chars().next(), "{code}");
        assert_eq!(my_check(&code[..17]), code[17..].chars().next().unwrap_or(' '), "{code}");
        assert!(!codes(&fs).contains(&"uscc.org_check"), "{code}: public examples satisfy GB 11714");
    }
}

#[test]
fn public_valid_examples_structure() {
    assert_eq!(implied_district("91120224064012553U"), Some("宝坻区"));
    assert_eq!(implied_district("911201163409833307"), Some("滨海新区"));
    assert_eq!(implied_district("121200004013590816"), None, "120000 is municipal level");
    assert_eq!(implied_district("91110000600037341L"), None, "Beijing");
    assert_eq!(implied_ownership("121200004013590816"), Some("事业单位"));
    assert_eq!(implied_ownership("91120224064012553U"), None);
    assert!(is_enterprise("91120224064012553U"));
    assert!(!is_enterprise("121200004013590816"));
    // Outside Tianjin: a warning, never an error.
    for code in ["91110000600037341L", "91310115MA1K3BTP2B", "9144030071526726XG"] {
        let fs = check_code(code, FIELD);
        assert_eq!(codes(&fs), vec!["uscc.division_outside"], "{code}");
        assert_eq!(fs[0].severity, Severity::Warning);
    }
    assert!(check_code("91120224064012553U", FIELD).is_empty());
    assert!(check_code("911201163409833307", FIELD).is_empty());
    assert!(check_code("121200004013590816", FIELD).is_empty());
}

#[test]
fn public_invalid_examples() {
    let fs = check_code("12345", FIELD);
    assert_eq!(codes(&fs), vec!["uscc.length"]);
    assert!(fs[0].message.contains("18位") && fs[0].message.contains('5'), "{}", fs[0].message);

    // A1 is a valid pair: only the check character is wrong.
    let fs = check_code("A1110000600037341L", FIELD);
    assert_eq!(codes(&fs), vec!["uscc.check_char"]);

    let fs = check_code("9111000060003IOZSV", FIELD);
    assert_eq!(codes(&fs), vec!["uscc.illegal_char"]);
    for c in ["I", "O", "Z", "S", "V"] {
        assert!(fs[0].message.contains(&format!("“{c}”")), "{c} named: {}", fs[0].message);
    }

    let fs = check_code("91110000600037341N", FIELD);
    assert_eq!(codes(&fs), vec!["uscc.check_char"]);
    assert!(fs[0].message.contains("“L”"), "says the right check character: {}", fs[0].message);
    assert!(fs[0].message.contains("核对"), "says what to do: {}", fs[0].message);
    assert!(fs[0].fix.is_none(), "no blind one-click fix of a check character");

    let fs = check_code("91120116MA06P7D92L", FIELD);
    assert_eq!(codes(&fs), vec!["uscc.check_char"]);
    assert!(fs[0].message.contains("“E”"), "{}", fs[0].message);
    for code in ["12345", "A1110000600037341L", "9111000060003IOZSV", "91110000600037341N", "91120116MA06P7D92L"] {
        assert!(!is_valid(code), "{code}");
        assert_eq!(implied_district(code), None);
        assert_eq!(implied_ownership(code), None);
        assert!(!is_enterprise(code));
    }
}

#[test]
fn normalised_input_is_judged() {
    for typed in [
        "９１１２０２２４０６４０１２５５３Ｕ",
        "91120224064012553u",
        "9112 0224 0640 1255 3U",
        "91120224-064012553-U",
        " 91120224064012553U\u{3000}",
    ] {
        assert!(check_code(typed, FIELD).is_empty(), "{typed}");
        assert_eq!(implied_district(typed), Some("宝坻区"), "{typed}");
    }
    assert!(check_code("", FIELD).is_empty(), "empty is the required rule's business");
}

// ---- check_character -------------------------------------------------------------------------------------------

#[test]
fn check_character_edges() {
    assert_eq!(check_character(""), None);
    assert_eq!(check_character("9112022406401255"), None, "16 characters");
    assert_eq!(check_character("911202240640125530"), None, "18 characters");
    assert_eq!(check_character("9112022406401255O"), None, "O is not in the charset");
    assert_eq!(check_character("9112022406401255é"), None);
    assert_eq!(check_character("91120224064012553"), Some('U'));
    // A remainder of 0 gives '0': find such a prefix.
    let mut rng = Lcg(7);
    let cs: Vec<char> = CHARSET.chars().collect();
    let mut found = 0;
    for _ in 0..2000 {
        let s: String = (0..17).map(|_| cs[rng.pick(31)]).collect();
        let mine = my_check(&s);
        assert_eq!(check_character(&s), Some(mine), "{s}");
        if mine == '0' {
            found += 1;
        }
    }
    assert!(found > 10, "the remainder-0 case was exercised {found} times");
}

#[test]
fn org_check_character_matches_independent() {
    let mut rng = Lcg(11);
    for _ in 0..500 {
        let s = org_code(&mut rng, false);
        assert_eq!(org_check_character(&s[..8]), s[8..].chars().next(), "{s}");
    }
    assert_eq!(org_check_character("1234567"), None);
    assert_eq!(org_check_character("1234567*"), None);
}

// ---- generated codes -------------------------------------------------------------------------------------------

#[test]
fn every_tianjin_division_and_pair_valid_then_corrupted() {
    let rows = division_rows();
    assert_eq!(rows.len(), 26);
    let mut rng = Lcg(2021);
    let cs: Vec<char> = CHARSET.chars().collect();
    let mut checked = 0;
    for (div, district) in &rows {
        for pair in PAIRS {
            let org = org_code(&mut rng, false);
            let code = make(pair, div, &org);
            let fs = check_code(&code, FIELD);
            assert!(fs.is_empty(), "{code}: {fs:?}");
            assert!(is_valid(&code));
            assert_eq!(implied_district(&code), district.as_deref(), "{code}");
            assert_eq!(is_enterprise(&code), pair.starts_with('9'), "{code}");
            let expect_own = match pair {
                "11" => Some("其他（请注明）"),
                "12" => Some("事业单位"),
                "51" => Some("社会团体"),
                "52" => Some("民办非企业单位"),
                _ => None,
            };
            assert_eq!(implied_ownership(&code), expect_own, "{code}");

            // Every single substitution, at every position, is an error naming the check character.
            for pos in 0..18 {
                let orig: Vec<char> = code.chars().collect();
                let mut bad = orig.clone();
                let mut v = cs[rng.pick(31)];
                if v == orig[pos] {
                    v = cs[(value_of(v).unwrap_or(0) as usize + 1) % 31];
                }
                bad[pos] = v;
                let bad: String = bad.into_iter().collect();
                let fs = check_code(&bad, FIELD);
                assert!(codes(&fs).contains(&"uscc.check_char"), "{code} → {bad}: {fs:?}");
                assert!(!is_valid(&bad));
                assert_eq!(implied_district(&bad), None, "{bad}: no hint from an invalid code");
                checked += 1;
            }
            // Every adjacent transposition of distinct characters is caught.
            let orig: Vec<char> = code.chars().collect();
            for i in 0..17 {
                if orig[i] == orig[i + 1] {
                    continue;
                }
                let mut t = orig.clone();
                t.swap(i, i + 1);
                let t: String = t.into_iter().collect();
                assert!(!errors(&check_code(&t, FIELD)).is_empty(), "{code} → {t}");
            }
            // A letter that is not in the charset.
            let pos = 8 + rng.pick(9);
            let bad: String = code
                .chars()
                .enumerate()
                .map(|(i, c)| if i == pos { ['I', 'O', 'S', 'V', 'Z'][rng.pick(5)] } else { c })
                .collect();
            assert_eq!(codes(&check_code(&bad, FIELD)), vec!["uscc.illegal_char"], "{bad}");
            // Dropping or adding one character.
            assert_eq!(codes(&check_code(&code[..17], FIELD)), vec!["uscc.length"]);
            assert_eq!(codes(&check_code(&format!("{code}1"), FIELD)), vec!["uscc.length"]);
        }
    }
    assert!(checked >= 26 * 36 * 18);
}

#[test]
fn last_character_typo_reports_the_expected_one() {
    let mut rng = Lcg(99);
    for div in ["120114", "120224", "120107", "120116"] {
        let code = make("91", div, &org_code(&mut rng, false));
        let right = code.chars().last().unwrap_or('0');
        let wrong = if right == 'A' { 'B' } else { 'A' };
        let bad = format!("{}{wrong}", &code[..17]);
        let fs = check_code(&bad, FIELD);
        assert_eq!(codes(&fs), vec!["uscc.check_char"]);
        assert!(fs[0].message.contains(&format!("“{right}”")), "{}", fs[0].message);
    }
}

#[test]
fn o_for_zero_gets_a_fix() {
    // A valid code with 0s in it, typed with the letter O.
    let code = make("91", "120114", "300000001");
    assert!(is_valid(&code));
    let typed = code.replacen('0', "O", 2);
    let fs = check_code(&typed, FIELD);
    assert_eq!(codes(&fs), vec!["uscc.illegal_char"]);
    let fix = fs[0].fix.as_ref().expect("a fix back to digits");
    assert_eq!(fix.value, code);
    assert_eq!(fix.field, FIELD);
}

#[test]
fn transposition_is_pointed_out() {
    let code = make("91", "120114", "MA05K3PX1");
    let mut c: Vec<char> = code.chars().collect();
    c.swap(10, 11);
    let t: String = c.into_iter().collect();
    let fs = check_code(&t, FIELD);
    assert_eq!(codes(&fs), vec!["uscc.check_char"]);
}

#[test]
fn invalid_category_pairs() {
    let mut rng = Lcg(5);
    for pair in ["94", "95", "99", "90", "14", "18", "22", "36", "42", "54", "63", "73", "82", "A2", "N4", "NA"] {
        let code = make(pair, "120114", &org_code(&mut rng, false));
        let fs = check_code(&code, FIELD);
        assert_eq!(codes(&fs), vec!["uscc.category"], "{code}");
        assert_eq!(fs[0].severity, Severity::Error);
        assert!(fs[0].message.contains(pair), "{}", fs[0].message);
    }
    for pair in ["01", "B1", "C2", "X1", "M1", "09"] {
        let code = make(pair, "120114", &org_code(&mut rng, false));
        let fs = check_code(&code, FIELD);
        assert_eq!(codes(&fs), vec!["uscc.authority"], "{code}");
    }
    // Y accepts any category character.
    for cat in CHARSET.chars() {
        let code = make(&format!("Y{cat}"), "120114", &org_code(&mut rng, false));
        assert!(check_code(&code, FIELD).is_empty(), "{code}");
    }
}

#[test]
fn organisation_code_failure_is_only_a_warning() {
    let mut rng = Lcg(17);
    for _ in 0..50 {
        let code = make("91", "120116", &org_code(&mut rng, true));
        let fs = check_code(&code, FIELD);
        assert_eq!(codes(&fs), vec!["uscc.org_check"], "{code}");
        assert_eq!(fs[0].severity, Severity::Warning);
        assert!(is_valid(&code));
        assert_eq!(implied_district(&code), Some("滨海新区"));
    }
}

#[test]
fn division_codes_outside_or_unknown() {
    let mut rng = Lcg(23);
    for div in ["110000", "310115", "440300", "130100", "210200", "000000"] {
        let code = make("91", div, &org_code(&mut rng, false));
        assert_eq!(codes(&check_code(&code, FIELD)), vec!["uscc.division_outside"], "{code}");
        assert_eq!(implied_district(&code), None);
    }
    for div in ["120120", "120199", "120226", "120200", "129999", "120001"] {
        let code = make("91", div, &org_code(&mut rng, false));
        let fs = check_code(&code, FIELD);
        assert_eq!(codes(&fs), vec!["uscc.division_unknown"], "{code}");
        assert_eq!(fs[0].severity, Severity::Warning);
        assert_eq!(implied_district(&code), None);
    }
    let code = make("91", "12A1B4", &org_code(&mut rng, false));
    assert_eq!(codes(&check_code(&code, FIELD)), vec!["uscc.division_format"]);
}

#[test]
fn historic_codes_map_to_todays_district() {
    let mut rng = Lcg(31);
    for (div, today) in [
        ("120107", "滨海新区"),
        ("120108", "滨海新区"),
        ("120109", "滨海新区"),
        ("120221", "宁河区"),
        ("120222", "武清区"),
        ("120223", "静海区"),
        ("120224", "宝坻区"),
        ("120225", "蓟州区"),
    ] {
        let code = make("91", div, &org_code(&mut rng, false));
        assert_eq!(implied_district(&code), Some(today), "{code}");
        assert!(check_code(&code, FIELD).is_empty());
    }
}

#[test]
fn garbage_never_panics_and_is_an_error() {
    for s in [
        "é",
        "统一社会信用代码",
        "911202240640125５３ü",
        "\u{0}\u{1}",
        "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂",
        "----",
        "   x",
    ] {
        let fs = check_code(s, FIELD);
        let _ = implied_district(s);
        let _ = implied_ownership(s);
        if !fs.is_empty() {
            assert!(!errors(&fs).is_empty(), "{s}: {fs:?}");
        }
    }
    let fs = check_code("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", FIELD);
    assert_eq!(codes(&fs), vec!["uscc.illegal_char"], "18 characters long, but not a code");
}
