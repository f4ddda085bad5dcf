//! Line breaks in long inline formulas. Browsers never break a line inside an inline `<math>`,
//! so in a narrow column a long inline formula runs into the next one. Typst breaks inline
//! equations after relations; the HTML does the same by cutting a long formula before its
//! top-level relations (`=`, `\le`, `\approx`, …) into pieces written as separate `<math>`
//! elements, between which the line may break. Only cuts at brace depth 0 and outside
//! `\left…\right` and environments, so every piece is a formula on its own.

/// Formulas shorter than this (in bytes of TeX) are never cut.
pub const MIN_LEN: usize = 40;

const RELATIONS: [&str; 12] = [
    "\\approx", "\\equiv", "\\propto", "\\simeq", "\\leq", "\\geq", "\\le", "\\ge", "\\neq",
    "\\ne", "\\to", "\\sim",
];

/// Byte offsets where `tex` may be cut (before a top-level relation); empty when it should
/// stay whole.
pub fn cut_points(tex: &str) -> Vec<usize> {
    if tex.len() < MIN_LEN {
        return Vec::new();
    }
    let bytes = tex.as_bytes();
    let mut cuts = Vec::new();
    let mut depth = 0i32;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            b'\\' => {
                let rest = &tex[i + 1..];
                let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
                let skip = if name_len > 0 {
                    name_len
                } else {
                    rest.chars().next().map_or(0, char::len_utf8)
                };
                match &tex[i..i + 1 + name_len] {
                    "\\left" | "\\begin" => depth += 1,
                    "\\right" | "\\end" => depth -= 1,
                    name => {
                        if depth == 0 && i > 0 && RELATIONS.contains(&name) {
                            cuts.push(i);
                        }
                    }
                }
                // Skip the command name (or the escaped character) as a whole.
                i += 1 + skip;
                continue;
            }
            // `<=`-style pairs and `==` stay together.
            b'=' | b'<' | b'>'
                if depth == 0 && i > 0 && !matches!(bytes[i - 1], b'<' | b'>' | b'=' | b'!') =>
            {
                cuts.push(i);
            }
            _ => {}
        }
        i += 1;
    }
    // A cut is useful only between two pieces with content.
    cuts.retain(|&c| !tex[..c].trim().is_empty() && depth == 0);
    cuts
}

/// `tex` cut at `cut_points`, each piece with its byte offset.
pub fn pieces(tex: &str) -> Vec<(usize, &str)> {
    let cuts = cut_points(tex);
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for c in cuts {
        out.push((start, &tex[start..c]));
        start = c;
    }
    out.push((start, &tex[start..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_formulas_stay_whole() {
        assert_eq!(pieces("a = b"), vec![(0, "a = b")]);
    }

    #[test]
    fn long_formulas_are_cut_before_top_level_relations() {
        let tex = "-D(p, q) = \\E_p\\left[\\log \\frac{q}{p}\\right] \\le \\log \\sum_{x: p(x) > 0} q(x) = 0";
        let got: Vec<&str> = pieces(tex).into_iter().map(|(_, p)| p).collect();
        assert_eq!(
            got,
            vec![
                "-D(p, q) ",
                "= \\E_p\\left[\\log \\frac{q}{p}\\right] ",
                "\\le \\log \\sum_{x: p(x) > 0} q(x) ",
                "= 0"
            ]
        );
    }

    #[test]
    fn environments_and_delimiters_are_never_cut() {
        let tex =
            "\\left( a = b = c = d = e = f \\right) + \\begin{cases} x = 1 \\\\ y = 2 \\end{cases}";
        assert_eq!(cut_points(tex), Vec::<usize>::new());
    }

    #[test]
    fn unbalanced_formulas_are_left_alone() {
        assert_eq!(
            cut_points("a = {b = c = d = e = f = g = h = i = j = k"),
            Vec::<usize>::new()
        );
    }
}
