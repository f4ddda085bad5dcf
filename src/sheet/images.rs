//! Images of the sheet: read once from the course, numbered, embedded by both renderers (a
//! `data:` URI in HTML, a virtual file in Typst). A missing, remote or unreadable image is left
//! out with a warning: `notes check` reports it as an error, the sheet still builds.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::model::{At, Problem};

/// One embedded image.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Course-relative path, for messages.
    pub path: PathBuf,
    /// The name the Typst source uses for it, e.g. `img/3.png`.
    pub vpath: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// The images read so far, and the problems met.
#[derive(Debug, Default)]
pub struct Images {
    root: PathBuf,
    pub list: Vec<Image>,
    by_path: HashMap<PathBuf, Option<usize>>,
    pub problems: Vec<Problem>,
}

impl Images {
    pub fn new(root: &Path) -> Images {
        Images {
            root: root.to_path_buf(),
            ..Images::default()
        }
    }

    /// The index of the image `dest` (as written in a note whose folder is `dir`), reading it on
    /// first use; `None` when it cannot be embedded.
    pub fn add(&mut self, dir: &Path, dest: &str, at: At) -> Option<usize> {
        if dest.contains("://") || dest.starts_with("//") || dest.starts_with("data:") {
            self.problems.push(Problem::warning(
                at,
                "remote-image",
                format!("remote image `{dest}` left out: the sheet loads nothing from the network"),
            ));
            return None;
        }
        let rel = normalise(&dir.join(percent_decode(dest)));
        if let Some(known) = self.by_path.get(&rel) {
            return *known;
        }
        let index = self.read(&rel, dest, at);
        self.by_path.insert(rel, index);
        index
    }

    fn read(&mut self, rel: &Path, dest: &str, at: At) -> Option<usize> {
        let bytes = match std::fs::read(self.root.join(rel)) {
            Ok(b) => b,
            Err(e) => {
                let (code, why) = if e.kind() == std::io::ErrorKind::NotFound {
                    ("missing-image", "not found".to_string())
                } else {
                    ("unreadable", e.to_string())
                };
                self.problems.push(Problem::warning(
                    at,
                    code,
                    format!("image `{dest}` left out: {} {why}", rel.display()),
                ));
                return None;
            }
        };
        let Some((mime, ext)) = sniff(&bytes) else {
            self.problems.push(Problem::warning(
                at,
                "image-format",
                format!("image `{dest}` left out: not a PNG, JPEG, GIF, WebP or SVG file"),
            ));
            return None;
        };
        let index = self.list.len();
        self.list.push(Image {
            path: rel.to_path_buf(),
            vpath: format!("img/{index}.{ext}"),
            mime,
            bytes,
        });
        Some(index)
    }
}

/// The format by content, not by name: (MIME type, file extension).
fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", "png"))
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(("image/jpeg", "jpg"))
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(("image/gif", "gif"))
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(("image/webp", "webp"))
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
        head.contains("<svg").then_some(("image/svg+xml", "svg"))
    }
}

/// `a/./b/../c` → `a/c`, without touching the filesystem.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `%20` and friends, as Markdown link destinations may carry them.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Standard base64 with padding, for `data:` URIs.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn paths_are_normalised_and_decoded() {
        assert_eq!(
            normalise(Path::new("notes/./img/../fig.png")),
            PathBuf::from("notes/fig.png")
        );
        assert_eq!(percent_decode("a%20b.png"), "a b.png");
        assert_eq!(percent_decode("100%.png"), "100%.png");
    }

    #[test]
    fn formats_are_sniffed_by_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...").map(|s| s.1), Some("png"));
        assert_eq!(
            sniff(b"<?xml version='1.0'?><svg xmlns=''/>").map(|s| s.1),
            Some("svg")
        );
        assert_eq!(sniff(b"hello"), None);
    }
}
