//! pulldown-latex's events as a tree. The event stream is prefix notation (a `Script` event is
//! followed by its base and scripts, a `Visual` by its operands); the Typst and Unicode writers
//! need to see a fraction's numerator and denominator as wholes, so both walk this tree, built
//! once per formula from the same events the MathML writer consumes.

use pulldown_latex::event::{
    ArrayColumn, ColorChange, ColumnAlignment, Content, DelimiterType, Dimension, DimensionUnit,
    EnvironmentFlow, Event, Font, Grouping, ScriptPosition, ScriptType, StateChange, Style, Visual,
};

use super::limits::MAX_NESTING;

/// One element of a formula.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node<'a> {
    /// A symbol or letter; `stretchy` marks accents and braces drawn over or under a base.
    Ord {
        c: char,
        stretchy: bool,
    },
    /// A large operator such as ∑ or ∫.
    LargeOp(char),
    Bin(char),
    Rel(char, Option<char>),
    Punct(char),
    Delim {
        c: char,
        kind: DelimKind,
        sized: bool,
    },
    Number(&'a str),
    /// An operator name: `log`, `arg max`.
    Function(&'a str),
    Text(&'a str),
    Group(Vec<Node<'a>>),
    LeftRight {
        open: Option<char>,
        close: Option<char>,
        body: Vec<Node<'a>>,
    },
    Frac {
        num: Box<Node<'a>>,
        den: Box<Node<'a>>,
        rule: bool,
    },
    /// `\binom`: a rule-less fraction in parentheses.
    Binom {
        top: Box<Node<'a>>,
        bottom: Box<Node<'a>>,
    },
    Sqrt(Box<Node<'a>>),
    Root {
        index: Box<Node<'a>>,
        radicand: Box<Node<'a>>,
    },
    Negation(Box<Node<'a>>),
    Script {
        base: Box<Node<'a>>,
        sub: Option<Box<Node<'a>>>,
        sup: Option<Box<Node<'a>>>,
        position: ScriptPosition,
    },
    /// Horizontal space in em (negative for `\!`).
    Space(f32),
    Font(Option<Font>, Vec<Node<'a>>),
    Style(Style, Vec<Node<'a>>),
    Color(ColorChange, Vec<Node<'a>>),
    Env {
        kind: EnvKind,
        rows: Vec<Vec<Vec<Node<'a>>>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DelimKind {
    Open,
    Close,
    Fence,
}

/// The environments, as far as the writers need to tell them apart.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum EnvKind {
    /// `aligned`, `align*`, `split`, `alignat`, `equation`, `multline`: `&` pairs of right/left
    /// aligned columns, one line per row.
    Align,
    /// `gathered`, `gather*`: centred lines.
    Gather,
    Matrix,
    Array(Vec<ColumnAlignment>),
    Cases {
        left: bool,
    },
    /// `\substack`.
    SubArray,
}

/// Why the events could not be made into a tree.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum BuildError {
    /// Nesting beyond [`MAX_NESTING`]: the builder, both writers and `Drop` recurse once or
    /// more per level, and `limits::check` cannot see every kind of nesting in the text
    /// (`\color{red}x\color{red}x…` nests a level per colour change).
    TooDeep,
    /// A malformed stream, which pulldown-latex does not produce for a formula it parsed
    /// without error.
    Malformed(String),
}

impl From<String> for BuildError {
    fn from(why: String) -> Self {
        BuildError::Malformed(why)
    }
}

/// The tree of a formula's events.
pub(super) fn build<'a>(events: &[Event<'a>]) -> Result<Vec<Node<'a>>, BuildError> {
    let mut b = Builder {
        events,
        at: 0,
        depth: 0,
    };
    let nodes = b.sequence()?;
    match b.events.get(b.at) {
        None => Ok(nodes),
        Some(e) => Err(format!("unexpected {e:?} at the top level").into()),
    }
}

struct Builder<'e, 'a> {
    events: &'e [Event<'a>],
    at: usize,
    /// How many elements and state changes are open around the current event.
    depth: usize,
}

/// How a sequence ended: the end of a group, an environment's `&` or `\\`, or the end of input.
enum Stop {
    End,
    Align,
    NewLine,
    Eof,
}

impl<'a> Builder<'_, 'a> {
    /// Runs `f` one level deeper, or fails when that is deeper than [`MAX_NESTING`].
    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, BuildError>,
    ) -> Result<T, BuildError> {
        if self.depth >= MAX_NESTING {
            return Err(BuildError::TooDeep);
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Elements up to (not including) an `End`, an environment flow event or the end.
    fn sequence(&mut self) -> Result<Vec<Node<'a>>, BuildError> {
        Ok(self.sequence_until()?.0)
    }

    fn sequence_until(&mut self) -> Result<(Vec<Node<'a>>, Stop), BuildError> {
        let mut nodes = Vec::new();
        loop {
            let stop = match self.events.get(self.at) {
                None => Stop::Eof,
                Some(Event::End) => Stop::End,
                Some(Event::EnvironmentFlow(EnvironmentFlow::Alignment)) => Stop::Align,
                Some(Event::EnvironmentFlow(EnvironmentFlow::NewLine { .. })) => Stop::NewLine,
                Some(Event::EnvironmentFlow(EnvironmentFlow::StartLines { .. })) => {
                    self.at += 1;
                    continue;
                }
                Some(Event::StateChange(change)) => {
                    // A state change applies to the rest of the group (or cell).
                    let change = *change;
                    self.at += 1;
                    let (rest, stop) = self.nested(Self::sequence_until)?;
                    nodes.push(match change {
                        StateChange::Font(f) => Node::Font(f, rest),
                        StateChange::Style(s) => Node::Style(s, rest),
                        StateChange::Color(c) => Node::Color(c, rest),
                    });
                    return Ok((nodes, stop));
                }
                Some(_) => {
                    nodes.push(self.nested(Self::element)?);
                    continue;
                }
            };
            return Ok((nodes, stop));
        }
    }

    /// One element: a content, a group, a script with its operands, a visual with its operands.
    /// Called through [`Builder::nested`], as are the operands.
    fn element(&mut self) -> Result<Node<'a>, BuildError> {
        let Some(event) = self.events.get(self.at) else {
            return Err(BuildError::Malformed(
                "the formula ended where an element was expected".into(),
            ));
        };
        self.at += 1;
        Ok(match event {
            Event::Content(c) => content(c),
            Event::Space { width, .. } => Node::Space(width.map_or(0.0, em)),
            Event::StateChange(change) => match *change {
                StateChange::Font(f) => Node::Font(f, Vec::new()),
                StateChange::Style(s) => Node::Style(s, Vec::new()),
                StateChange::Color(c) => Node::Color(c, Vec::new()),
            },
            Event::Begin(grouping) => self.group(grouping)?,
            Event::Visual(visual) => self.visual(*visual)?,
            Event::Script { ty, position } => {
                let base = Box::new(self.operand()?);
                let (sub, sup) = match ty {
                    ScriptType::Subscript => (Some(Box::new(self.operand()?)), None),
                    ScriptType::Superscript => (None, Some(Box::new(self.operand()?))),
                    ScriptType::SubSuperscript => {
                        let sub = Box::new(self.operand()?);
                        (Some(sub), Some(Box::new(self.operand()?)))
                    }
                };
                Node::Script {
                    base,
                    sub,
                    sup,
                    position: *position,
                }
            }
            Event::End | Event::EnvironmentFlow(_) => {
                return Err(BuildError::Malformed(format!(
                    "unexpected {event:?} where an element was expected"
                )));
            }
        })
    }

    /// An operand of a script or a visual: one element, one level deeper.
    fn operand(&mut self) -> Result<Node<'a>, BuildError> {
        self.nested(Self::element)
    }

    fn visual(&mut self, visual: Visual) -> Result<Node<'a>, BuildError> {
        Ok(match visual {
            Visual::SquareRoot => Node::Sqrt(Box::new(self.operand()?)),
            Visual::Root => {
                let radicand = Box::new(self.operand()?);
                Node::Root {
                    index: Box::new(self.operand()?),
                    radicand,
                }
            }
            Visual::Fraction(rule) => {
                let num = Box::new(self.operand()?);
                let den = Box::new(self.operand()?);
                Node::Frac {
                    num,
                    den,
                    rule: rule.is_none_or(|d| d.value != 0.0),
                }
            }
            Visual::Negation => Node::Negation(Box::new(self.operand()?)),
        })
    }

    /// The rest of a group opened by `Begin(grouping)`, through its `End`.
    fn group(&mut self, grouping: &Grouping) -> Result<Node<'a>, BuildError> {
        let kind = match grouping {
            Grouping::Normal => {
                let body = self.sequence()?;
                self.close()?;
                return Ok(Node::Group(body));
            }
            Grouping::LeftRight(open, close) => {
                let body = self.sequence()?;
                self.close()?;
                return Ok(left_right(*open, *close, body));
            }
            Grouping::Array(columns) => EnvKind::Array(
                columns
                    .iter()
                    .filter_map(|c| match c {
                        ArrayColumn::Column(a) => Some(*a),
                        ArrayColumn::Separator(_) => None,
                    })
                    .collect(),
            ),
            Grouping::Matrix { .. } => EnvKind::Matrix,
            Grouping::Cases { left } => EnvKind::Cases { left: *left },
            Grouping::SubArray { .. } => EnvKind::SubArray,
            Grouping::Gather { .. } | Grouping::Gathered => EnvKind::Gather,
            _ => EnvKind::Align,
        };
        let mut rows = Vec::new();
        let mut row = Vec::new();
        loop {
            let (cell, stop) = self.sequence_until()?;
            row.push(cell);
            self.at += 1;
            match stop {
                Stop::Align => {}
                Stop::NewLine => rows.push(std::mem::take(&mut row)),
                Stop::End => break,
                Stop::Eof => {
                    return Err(BuildError::Malformed(
                        "an environment is never closed".into(),
                    ));
                }
            }
        }
        rows.push(row);
        // A trailing `\\` leaves an empty last row that LaTeX does not show.
        while rows.last().is_some_and(|r| r.iter().all(Vec::is_empty)) {
            rows.pop();
        }
        Ok(Node::Env { kind, rows })
    }

    fn close(&mut self) -> Result<(), BuildError> {
        match self.events.get(self.at) {
            Some(Event::End) => {
                self.at += 1;
                Ok(())
            }
            other => Err(format!("expected the end of a group, found {other:?}").into()),
        }
    }
}

/// Whether [`build`] would succeed on these events, found without building anything: `notes
/// check` needs only that answer for each of a course's formulas, and the tree's allocations
/// were a sixth of its cost. Walks the events exactly as `Builder` does (same nesting count,
/// same stops); a test holds the two together on every corpus formula and on random input.
pub(super) fn buildable(events: &[Event<'_>]) -> bool {
    let mut s = Shape { events, at: 0 };
    s.sequence_until(0).is_some() && s.at == events.len()
}

/// [`Builder`]'s walk without the tree: `None` where `Builder` returns an error.
struct Shape<'e, 'a> {
    events: &'e [Event<'a>],
    at: usize,
}

impl Shape<'_, '_> {
    /// `Builder::sequence_until` at nesting `depth`.
    fn sequence_until(&mut self, depth: usize) -> Option<Stop> {
        loop {
            match self.events.get(self.at) {
                None => return Some(Stop::Eof),
                Some(Event::End) => return Some(Stop::End),
                Some(Event::EnvironmentFlow(EnvironmentFlow::Alignment)) => {
                    return Some(Stop::Align);
                }
                Some(Event::EnvironmentFlow(EnvironmentFlow::NewLine { .. })) => {
                    return Some(Stop::NewLine);
                }
                Some(Event::EnvironmentFlow(EnvironmentFlow::StartLines { .. })) => self.at += 1,
                Some(Event::StateChange(_)) => {
                    self.at += 1;
                    return self.nested(depth, Self::sequence_until);
                }
                Some(_) => self.nested(depth, Self::element)?,
            }
        }
    }

    /// `Builder::nested`: `f` one level deeper, unless that is too deep.
    fn nested<T>(
        &mut self,
        depth: usize,
        f: impl FnOnce(&mut Self, usize) -> Option<T>,
    ) -> Option<T> {
        if depth >= MAX_NESTING {
            return None;
        }
        f(self, depth + 1)
    }

    /// `Builder::element`, run at `depth` (already one level in).
    fn element(&mut self, depth: usize) -> Option<()> {
        let event = self.events.get(self.at)?;
        self.at += 1;
        let operands = match event {
            Event::Content(_) | Event::Space { .. } | Event::StateChange(_) => 0,
            Event::Begin(grouping) => return self.group(grouping, depth),
            Event::Visual(Visual::SquareRoot | Visual::Negation) => 1,
            Event::Visual(Visual::Root | Visual::Fraction(_)) => 2,
            Event::Script { ty, .. } => match ty {
                ScriptType::Subscript | ScriptType::Superscript => 2,
                ScriptType::SubSuperscript => 3,
            },
            Event::End | Event::EnvironmentFlow(_) => return None,
        };
        for _ in 0..operands {
            self.nested(depth, Self::element)?;
        }
        Some(())
    }

    /// `Builder::group`: the rest of a group, through its `End`.
    fn group(&mut self, grouping: &Grouping, depth: usize) -> Option<()> {
        if matches!(grouping, Grouping::Normal | Grouping::LeftRight(..)) {
            self.sequence_until(depth)?;
            return match self.events.get(self.at) {
                Some(Event::End) => {
                    self.at += 1;
                    Some(())
                }
                _ => None,
            };
        }
        loop {
            let stop = self.sequence_until(depth)?;
            self.at += 1;
            match stop {
                Stop::Align | Stop::NewLine => {}
                Stop::End => return Some(()),
                Stop::Eof => return None,
            }
        }
    }
}

/// `\left( … \right)`, recognising `\binom` (a rule-less fraction in parentheses).
fn left_right<'a>(open: Option<char>, close: Option<char>, mut body: Vec<Node<'a>>) -> Node<'a> {
    // `\tbinom` and `\dbinom` put a style change around the fraction.
    if let [Node::Style(_, inner)] = body.as_mut_slice()
        && matches!(inner.as_slice(), [Node::Frac { rule: false, .. }])
    {
        body = std::mem::take(inner);
    }
    if open == Some('(')
        && close == Some(')')
        && matches!(body.as_slice(), [Node::Frac { rule: false, .. }])
        && let Some(Node::Frac { num, den, .. }) = body.pop()
    {
        return Node::Binom {
            top: num,
            bottom: den,
        };
    }
    Node::LeftRight { open, close, body }
}

fn content<'a>(c: &Content<'a>) -> Node<'a> {
    match *c {
        Content::Text(t) => Node::Text(t),
        Content::Number(n) => Node::Number(n),
        Content::Function(f) => Node::Function(f),
        Content::Ordinary { content, stretchy } => Node::Ord {
            c: content,
            stretchy,
        },
        Content::LargeOp { content, .. } => Node::LargeOp(content),
        Content::BinaryOp { content, .. } => Node::Bin(content),
        Content::Relation { content, .. } => {
            let mut buf = [0u8; 8];
            let s = std::str::from_utf8(content.encode_utf8_to_buf(&mut buf)).unwrap_or("=");
            let mut chars = s.chars();
            Node::Rel(chars.next().unwrap_or('='), chars.next())
        }
        Content::Delimiter { content, size, ty } => Node::Delim {
            c: content,
            sized: size.is_some(),
            kind: match ty {
                DelimiterType::Open => DelimKind::Open,
                DelimiterType::Close => DelimKind::Close,
                DelimiterType::Fence => DelimKind::Fence,
            },
        },
        Content::Punctuation(p) => Node::Punct(p),
    }
}

/// A TeX dimension in em (1em = 18mu = 10pt at the usual size; ex taken as half an em).
pub(super) fn em(d: Dimension) -> f32 {
    let v = d.value;
    match d.unit {
        DimensionUnit::Em => v,
        DimensionUnit::Mu => v / 18.0,
        DimensionUnit::Ex => v / 2.0,
        DimensionUnit::Pt | DimensionUnit::Bp | DimensionUnit::Dd | DimensionUnit::Sp => {
            let pt = match d.unit {
                DimensionUnit::Dd => v * 1238.0 / 1157.0,
                DimensionUnit::Sp => v / 65536.0,
                _ => v,
            };
            pt / 10.0
        }
        DimensionUnit::Pc => v * 12.0 / 10.0,
        DimensionUnit::Cc => v * 12.0 * 1238.0 / 1157.0 / 10.0,
        DimensionUnit::In => v * 72.27 / 10.0,
        DimensionUnit::Cm => v * 72.27 / 2.54 / 10.0,
        DimensionUnit::Mm => v * 72.27 / 25.4 / 10.0,
    }
}

impl Node<'_> {
    /// The single node a group of one stands for (`{x}` is `x`), else itself.
    pub fn unwrap_group(&self) -> &Self {
        match self {
            Node::Group(nodes) if nodes.len() == 1 => nodes[0].unwrap_group(),
            _ => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_latex::{Parser, Storage};

    /// Runs `check` on the tree of `tex` (the events borrow the parser's storage, so the tree
    /// cannot be returned).
    fn with_tree(tex: &str, check: impl FnOnce(&[Node<'_>])) {
        let storage = Storage::new();
        let events: Vec<Event<'_>> = Parser::new(tex, &storage).filter_map(Result::ok).collect();
        match build(&events) {
            Ok(nodes) => check(&nodes),
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn scripts_take_base_then_sub_then_sup() {
        with_tree("x_i^2", |nodes| {
            let [
                Node::Script {
                    base,
                    sub: Some(sub),
                    sup: Some(sup),
                    ..
                },
            ] = nodes
            else {
                panic!("{nodes:?}");
            };
            assert_eq!(
                **base,
                Node::Ord {
                    c: 'x',
                    stretchy: false
                }
            );
            assert_eq!(
                **sub,
                Node::Ord {
                    c: 'i',
                    stretchy: false
                }
            );
            assert_eq!(**sup, Node::Number("2"));
        });
    }

    #[test]
    fn fonts_wrap_the_rest_of_their_group() {
        with_tree(r"\mathbb{E} x", |nodes| {
            let Node::Group(g) = &nodes[0] else {
                panic!("{nodes:?}")
            };
            assert!(
                matches!(&g[0], Node::Font(Some(Font::DoubleStruck), inner) if inner.len() == 1)
            );
        });
    }

    #[test]
    fn environments_are_rows_of_cells() {
        with_tree(
            r"\begin{bmatrix} a & b \\ c & d \\ \end{bmatrix}",
            |nodes| {
                let [
                    Node::LeftRight {
                        open: Some('['),
                        body,
                        ..
                    },
                ] = nodes
                else {
                    panic!("{nodes:?}");
                };
                let [
                    Node::Env {
                        kind: EnvKind::Matrix,
                        rows,
                    },
                ] = body.as_slice()
                else {
                    panic!("{body:?}");
                };
                assert_eq!(rows.len(), 2);
                assert_eq!(rows[1].len(), 2);
            },
        );
    }

    #[test]
    fn binom_is_recognised() {
        with_tree(r"\binom{n}{k}", |nodes| {
            assert!(matches!(nodes, [Node::Binom { .. }]))
        });
    }

    /// `buildable` answers as `build` does, on events pulldown-latex makes.
    #[test]
    fn buildable_agrees_with_build_on_parsed_formulas() {
        let deep = |n: usize| format!("{}x{}", "{".repeat(n), "}".repeat(n));
        let mut inputs: Vec<String> = crate::math::corpus()
            .iter()
            .map(|t| t.to_string())
            .collect();
        inputs.extend(
            [
                r"\frac{a}",
                r"x^",
                r"x_",
                r"\sqrt",
                r"a & b",
                r"a \\ b",
                r"}",
                r"{",
                r"\left( x",
                r"x \right)",
                r"\begin{aligned} a &= b \\ c",
                r"\end{aligned}",
                r"\color{red}",
                r"\color{red} x \color{blue} y",
                r"\mathrm",
                r"x^{y^{z^{w}}}",
                r"\binom{n}",
                r"\begin{array}{c|c} a & b \end{array}",
                r"\substack{a \\ b}",
            ]
            .map(String::from),
        );
        for n in [
            MAX_NESTING - 2,
            MAX_NESTING - 1,
            MAX_NESTING,
            MAX_NESTING + 1,
        ] {
            inputs.push(deep(n));
            inputs.push("x^".repeat(n) + "y");
            inputs.push(r"\color{red}x".repeat(n));
        }
        for tex in &inputs {
            let storage = Storage::new();
            // Errors dropped: the recovered stream may be malformed, which is the point.
            let events: Vec<Event<'_>> =
                Parser::new(tex, &storage).filter_map(Result::ok).collect();
            assert_eq!(buildable(&events), build(&events).is_ok(), "{tex}");
        }
    }

    /// Random streams, mostly malformed: every way `build` can fail, `buildable` must see.
    mod random_streams {
        use super::*;
        use proptest::prelude::*;

        fn x() -> Event<'static> {
            Event::Content(Content::Ordinary {
                content: 'x',
                stretchy: false,
            })
        }

        fn script(ty: ScriptType) -> Event<'static> {
            Event::Script {
                ty,
                position: ScriptPosition::Right,
            }
        }

        fn event() -> impl Strategy<Value = Event<'static>> {
            prop_oneof![
                4 => Just(x()),
                2 => Just(Event::Begin(Grouping::Normal)),
                1 => Just(Event::Begin(Grouping::LeftRight(Some('('), Some(')')))),
                1 => Just(Event::Begin(Grouping::Aligned)),
                1 => Just(Event::Begin(Grouping::Matrix { alignment: ColumnAlignment::Center })),
                3 => Just(Event::End),
                1 => Just(Event::Visual(Visual::SquareRoot)),
                1 => Just(Event::Visual(Visual::Root)),
                1 => Just(Event::Visual(Visual::Fraction(None))),
                1 => Just(Event::Visual(Visual::Negation)),
                1 => Just(script(ScriptType::Subscript)),
                1 => Just(script(ScriptType::Superscript)),
                1 => Just(script(ScriptType::SubSuperscript)),
                1 => Just(Event::StateChange(StateChange::Style(Style::Display))),
                1 => Just(Event::EnvironmentFlow(EnvironmentFlow::Alignment)),
                1 => Just(Event::EnvironmentFlow(EnvironmentFlow::NewLine {
                    spacing: None,
                    horizontal_lines: Box::new([]),
                })),
                1 => Just(Event::Space { width: None, height: None, depth: None }),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]
            #[test]
            fn buildable_agrees_with_build(events in proptest::collection::vec(event(), 0..40)) {
                prop_assert_eq!(buildable(&events), build(&events).is_ok());
            }

            #[test]
            fn and_on_chains_around_the_nesting_limit(
                depth in (MAX_NESTING - 3)..(MAX_NESTING + 3),
                scripts in any::<bool>(),
            ) {
                let mut events = Vec::new();
                for _ in 0..depth {
                    events.push(if scripts {
                        script(ScriptType::Superscript)
                    } else {
                        Event::Visual(Visual::SquareRoot)
                    });
                }
                events.push(x());
                if scripts {
                    events.extend(std::iter::repeat_n(x(), depth));
                }
                prop_assert_eq!(buildable(&events), build(&events).is_ok());
            }
        }
    }
}
