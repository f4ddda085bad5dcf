//! The PDF backend: compiles one Typst source to PDF bytes with the embedded Typst compiler.
//!
//! This module owns a minimal, sealed Typst [`World`]: the main source, the virtual files the
//! caller hands in (images, data, template parts), the fonts bundled in `typst-assets`, and a date
//! the caller chooses. It never touches the filesystem, the network, the clock or the system fonts,
//! so a sheet compiles the same on every machine and equal inputs give equal bytes. Typst
//! diagnostics come back as [`TypstError`] values located in the file they point into; rendering
//! them for the user is the command layer's job.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, PackageError, SourceDiagnostic, Warned};
use typst::ecow::eco_format;
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{DiagSpan, FileId, PathError, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

/// A virtual file the main source may read, e.g. `image("img/x.png")` or `#import "sheet.typ"`.
pub struct Asset {
    /// Path relative to the project root, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A compiled document.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Non-fatal Typst diagnostics (e.g. an unknown font family), for the caller to show.
    pub warnings: Vec<TypstError>,
}

/// One Typst diagnostic, located in the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TypstError {
    pub message: String,
    /// 1-based; 0 when Typst gives no location (a detached span).
    pub line: usize,
    /// 1-based, in characters; 0 when Typst gives no location.
    pub column: usize,
    /// Typst's hints, then the call trace ("while calling `f` (main source, line 3, column 2)").
    pub hints: Vec<String>,
    /// The asset the location points into; `None` for the main source or no location.
    pub path: Option<String>,
}

/// Compiles `main` to PDF. `today` answers `datetime.today()` and stamps the PDF's creation date;
/// with `None`, `datetime.today()` is an error and the PDF carries no date, so the output is
/// deterministic either way.
pub fn compile(
    main: &str,
    assets: &[Asset],
    today: Option<jiff::civil::Date>,
) -> Result<Pdf, Vec<TypstError>> {
    let world = SheetWorld::new(main, assets, today)?;
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let result = output.and_then(|document| {
        let options = PdfOptions {
            timestamp: world.today.map(Timestamp::new_utc),
            ..PdfOptions::default()
        };
        let bytes = typst_pdf::pdf(&document, &options)?;
        Ok((bytes, document.pages().len()))
    });
    // Typst memoises across compilations in a process-wide cache; drop entries that have gone
    // unused for a while so that repeated builds (tests, a future watch mode) stay bounded.
    typst::comemo::evict(10);
    let convert = |diags: &[SourceDiagnostic]| -> Vec<TypstError> {
        diags.iter().map(|diag| world.convert(diag)).collect()
    };
    match result {
        Ok((bytes, pages)) => Ok(Pdf {
            bytes,
            pages,
            warnings: convert(&warnings[..]),
        }),
        Err(errors) => Err(convert(&errors[..])),
    }
}

/// The sealed world one compilation sees.
struct SheetWorld {
    main: Source,
    files: HashMap<FileId, VirtualFile>,
    today: Option<Datetime>,
}

struct VirtualFile {
    bytes: Bytes,
    /// Parsed on first use: most assets are images and are never read as Typst.
    source: OnceLock<FileResult<Source>>,
}

/// The parsed fonts and their book, shared by every compilation in the process: parsing the
/// bundled fonts is the same work each time, and `FontBook` hashing is cached by `LazyHash`.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// The standard library with default features, built once per process.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(<Library as LibraryExt>::default()))
}

/// A project-root file id. Ids are interned process-wide, so the same path maps to the same id
/// in every compilation, which keeps Typst's cache effective.
fn file_id(path: &str) -> Result<FileId, PathError> {
    Ok(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path)?).intern())
}

fn asset_error(asset: &Asset, why: impl std::fmt::Display) -> TypstError {
    TypstError {
        message: format!("invalid asset path `{}`: {why}", asset.path),
        line: 0,
        column: 0,
        hints: vec!["asset paths are relative to the sheet, with `/` separators".into()],
        path: Some(asset.path.clone()),
    }
}

impl SheetWorld {
    fn new(
        main: &str,
        assets: &[Asset],
        today: Option<jiff::civil::Date>,
    ) -> Result<Self, Vec<TypstError>> {
        let main_id = file_id("main.typ").expect("`main.typ` is a valid virtual path");
        let mut files = HashMap::new();
        let mut errors = Vec::new();
        for asset in assets {
            match file_id(&asset.path) {
                Ok(id) if id == main_id => {
                    errors.push(asset_error(asset, "the name is reserved for the sheet"))
                }
                Ok(id) => {
                    let bytes = Bytes::new(asset.bytes.clone());
                    files.insert(
                        id,
                        VirtualFile {
                            bytes,
                            source: OnceLock::new(),
                        },
                    );
                }
                Err(err) => errors.push(asset_error(asset, err)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let today = today.and_then(|d| {
            Datetime::from_ymd(
                i32::from(d.year()),
                u8::try_from(d.month()).ok()?,
                u8::try_from(d.day()).ok()?,
            )
        });
        Ok(Self {
            main: Source::new(main_id, main.to_owned()),
            files,
            today,
        })
    }

    /// Finds a virtual file; packages are refused because the sheet compiles offline.
    fn lookup(&self, id: FileId) -> FileResult<&VirtualFile> {
        if let VirtualRoot::Package(spec) = id.root() {
            let why = eco_format!("{spec}: packages are not available, the sheet compiles offline");
            return Err(FileError::Package(PackageError::Other(Some(why))));
        }
        self.files
            .get(&id)
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn convert(&self, diag: &SourceDiagnostic) -> TypstError {
        let (path, line, column) = self.locate(diag.span);
        let mut hints: Vec<String> = diag.hints.iter().map(|hint| hint.v.to_string()).collect();
        for point in &diag.trace {
            let (at, line, column) = self.locate(point.span.into());
            let file = at.unwrap_or_else(|| "main source".into());
            hints.push(format!(
                "{} ({file}, line {line}, column {column})",
                point.v
            ));
        }
        TypstError {
            message: diag.message.to_string(),
            line,
            column,
            hints,
            path,
        }
    }

    /// Resolves a span to (asset path, line, column), all zero-ish when it points nowhere.
    fn locate(&self, span: DiagSpan) -> (Option<String>, usize, usize) {
        let Some(id) = span.id() else {
            return (None, 0, 0);
        };
        // Locate in the text Typst parsed (a BOM stripped), else in the raw bytes (data files).
        let (path, text) = match self.files.get(&id) {
            _ if id == self.main.id() => (None, self.main.text().as_bytes()),
            Some(file) => {
                let text = match file.source.get() {
                    Some(Ok(source)) => source.text().as_bytes(),
                    _ => file.bytes.as_slice(),
                };
                (Some(id.vpath().get_without_slash().to_owned()), text)
            }
            None => (Some(id.vpath().get_without_slash().to_owned()), &[][..]),
        };
        match self.range(span) {
            Some(range) => {
                let (line, column) = line_column(text, range.start);
                (path, line, column)
            }
            None => (path, 0, 0),
        }
    }
}

/// 1-based line and character column of a byte offset. Works on bytes so that it also locates
/// errors in data assets (JSON, CSV) that Typst reports by byte range.
fn line_column(text: &[u8], offset: usize) -> (usize, usize) {
    let head = text.get(..offset).unwrap_or(text);
    let line_start = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = head.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&head[line_start..]).chars().count() + 1;
    (line, column)
}

impl World for SheetWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let file = self.lookup(id)?;
        file.source
            .get_or_init(|| {
                let text = std::str::from_utf8(&file.bytes).map_err(|_| FileError::InvalidUtf8)?;
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                Ok(Source::new(id, text.to_owned()))
            })
            .clone()
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.lookup(id).map(|file| file.bytes.clone())
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    /// The caller's date, whatever the offset: the sheet is dated by day, not by time zone.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Option<jiff::civil::Date> {
        Some(jiff::civil::date(2026, 5, 14))
    }

    fn ok(main: &str, assets: &[Asset]) -> Pdf {
        match compile(main, assets, date()) {
            Ok(pdf) => pdf,
            Err(errors) => panic!("expected a PDF, got {errors:#?}"),
        }
    }

    fn errors(main: &str, assets: &[Asset]) -> Vec<TypstError> {
        match compile(main, assets, date()) {
            Ok(_) => panic!("expected errors, got a PDF"),
            Err(errors) => errors,
        }
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn hello_is_one_page_of_pdf() {
        let pdf = ok("Hello, *world*!", &[]);
        assert!(pdf.bytes.starts_with(b"%PDF"));
        assert_eq!(pdf.pages, 1);
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    }

    #[test]
    fn counts_pages() {
        let pdf = ok("One #pagebreak() Two #pagebreak() Three", &[]);
        assert_eq!(pdf.pages, 3);
    }

    #[test]
    fn math_compiles_with_the_bundled_fonts() {
        let pdf = ok(
            "$ sum_(i=1)^n x_i^2 $ and $cal(N)(0, I)$ and $bb(E)[X]$",
            &[],
        );
        assert_eq!(pdf.pages, 1);
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    }

    #[test]
    fn syntax_error_is_located() {
        // Typst locates an unclosed delimiter at the delimiter that opened it.
        let errors = errors("= Title\n\nText é #f(1, 2\n", &[]);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let error = &errors[0];
        assert!(error.message.contains("unclosed delimiter"), "{error:#?}");
        assert_eq!((error.line, error.column), (3, 10), "{error:#?}");
        assert_eq!(error.path, None);
    }

    #[test]
    fn unknown_variable_is_located() {
        let errors = errors("#let x = 1\nHello #nope and #x", &[]);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(
            errors[0].message.contains("unknown variable: nope"),
            "{errors:#?}"
        );
        assert_eq!((errors[0].line, errors[0].column), (2, 8));
    }

    #[test]
    fn error_in_an_asset_names_the_asset_and_the_call() {
        let template = Asset {
            path: "tpl/sheet.typ".into(),
            bytes: b"#let f() = {\n  missing\n}".to_vec(),
        };
        let errors = errors("#import \"tpl/sheet.typ\": f\n#f()", &[template]);
        let error = &errors[0];
        assert_eq!(error.path.as_deref(), Some("tpl/sheet.typ"), "{error:#?}");
        assert_eq!((error.line, error.column), (2, 3));
        assert!(
            error
                .hints
                .iter()
                .any(|h| h.contains("(main source, line 2, column 2)")),
            "{error:#?}"
        );
    }

    /// A 2×2 red RGB PNG.
    const PNG: [u8; 73] = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd,
        0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8,
        0xcf, 0xc0, 0x00, 0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1f, 0xee, 0x03, 0xfd, 0x63, 0x5e, 0xbb,
        0x5b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn image_asset_is_embedded() {
        let main = "#image(\"img/dot.png\", width: 1cm)";
        let with = ok(
            main,
            &[Asset {
                path: "img/dot.png".into(),
                bytes: PNG.to_vec(),
            }],
        );
        assert!(contains(
            &with.bytes,
            b"/Subtype/Image/Filter/FlateDecode/Width 2/Height 2"
        ));
        let without = ok("#box(width: 1cm, height: 1cm)", &[]);
        assert!(!contains(&without.bytes, b"/Subtype/Image"));
    }

    #[test]
    fn missing_asset_is_an_error_at_its_use() {
        let errors = errors("Text\n#image(\"img/none.png\")", &[]);
        assert!(errors[0].message.contains("file not found"), "{errors:#?}");
        assert_eq!(errors[0].line, 2);
    }

    #[test]
    fn packages_are_refused_not_panicked_on() {
        let errors = errors("#import \"@preview/x:0.1.0\": y\n", &[]);
        assert!(
            errors[0].message.contains("packages are not available"),
            "{errors:#?}"
        );
        assert_eq!((errors[0].line, errors[0].column), (1, 9));
    }

    #[test]
    fn invalid_asset_path_is_an_error() {
        let errors = errors(
            "Hi",
            &[Asset {
                path: "../up.png".into(),
                bytes: PNG.to_vec(),
            }],
        );
        assert_eq!(errors[0].path.as_deref(), Some("../up.png"));
    }

    #[test]
    fn today_is_the_given_date() {
        let pdf = ok("#datetime.today().display()", &[]);
        assert_eq!(pdf.pages, 1);
        let errors = compile("#datetime.today().display()", &[], None).err();
        assert!(errors.is_some_and(|e| e[0].line == 1));
    }

    #[test]
    fn same_inputs_and_date_give_same_bytes() {
        let main = "#set document(title: [Sheet])\n= Sheet\n$ integral_0^1 x dif x $\n#datetime.today().display()";
        let first = ok(main, &[]).bytes;
        assert_eq!(first, ok(main, &[]).bytes);
        // The date also stamps the PDF's creation date, even when the text does not show it.
        let stamped = |today| compile("= Sheet", &[], today).map(|pdf| pdf.bytes).ok();
        assert_ne!(
            stamped(date()),
            stamped(Some(jiff::civil::date(2026, 5, 15)))
        );
        assert_eq!(stamped(None), stamped(None));
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column(b"ab\n\xc3\xa9x", 5), (2, 2));
        assert_eq!(line_column(b"abc", 99), (1, 4));
        assert_eq!(line_column(b"", 0), (1, 1));
    }
}
