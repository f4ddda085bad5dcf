//! What `notes check` remembers between runs: the files in which every formula rendered.
//!
//! Checking formulas is most of a check, and between two runs most files have not changed.
//! Each file gets a 128-bit key made from its text and from everything else the answer depends
//! on: the kind of file, the course's `macros.tex`, and this very build of `notes` (its
//! version, size and modification time). A file whose key is remembered is not math-checked
//! again; editing it, `macros.tex` or the binary gives a new key. Only clean files are
//! remembered, so every problem is found afresh on every run, and a lost, stale or damaged
//! cache costs time, never a missed error.
//!
//! The cache lives in the user's cache folder (`$XDG_CACHE_HOME`, else `~/.cache`), under
//! `notes/check/`, one file per course folder; never in the course. It is written to a
//! temporary file and renamed, and only when it changed. Nothing here prints: a cache that
//! cannot be read or written is simply not used.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128_with_seed};

/// The first bytes of a cache file; the number changes whenever the format or the meaning of
/// a key does.
const MAGIC: &[u8; 16] = b"notes-math-v1\n\0\0";

/// The files known to be clean, and how to make their keys.
#[derive(Debug)]
pub struct MathCache {
    /// Where the cache is kept.
    file: PathBuf,
    /// Mixes the binary and the macros into every key, one seed per kind of file.
    seeds: [u64; 2],
    known: FxHashSet<u128>,
}

/// A note or a question bank: files are parsed, and keyed in the cache, by their kind (the same
/// text parses differently as a note and as a bank).
#[derive(Debug, Clone, Copy)]
pub enum FileKind {
    Note = 0,
    Bank = 1,
}

impl MathCache {
    /// The cache of the course at `root`, whose `macros.tex` reads `macros` (`None`: there is
    /// none). `None` when there is no cache folder or this binary cannot be identified; an
    /// unreadable or damaged cache file opens empty.
    pub fn open(root: &Path, macros: Option<&str>) -> Option<MathCache> {
        let dir = cache_home()?.join("notes").join("check");
        let root = std::fs::canonicalize(root).ok()?;
        let file = dir.join(format!(
            "{:016x}.bin",
            xxh3_64(root.as_os_str().as_encoded_bytes())
        ));
        let identity = binary_identity()?;
        let seed = |kind: u8| {
            let mut id = identity.clone();
            id.push(kind);
            match macros {
                Some(m) => {
                    id.push(1);
                    id.extend_from_slice(m.as_bytes());
                }
                None => id.push(0),
            }
            xxh3_64(&id)
        };
        let seeds = [seed(FileKind::Note as u8), seed(FileKind::Bank as u8)];
        let known = std::fs::read(&file)
            .ok()
            .and_then(|bytes| decode(&bytes))
            .unwrap_or_default();
        Some(MathCache { file, seeds, known })
    }

    /// The key of a file with this text.
    pub fn key(&self, kind: FileKind, text: &str) -> u128 {
        xxh3_128_with_seed(text.as_bytes(), self.seeds[kind as usize])
    }

    /// Whether a file with this key had every formula render.
    pub fn knows(&self, key: u128) -> bool {
        self.known.contains(&key)
    }

    /// Remembers exactly these clean files (the course as it is now: files that changed or went
    /// away are forgotten). Writes nothing when that is what the cache holds already; a cache
    /// that cannot be written is left as it was.
    pub fn save(&self, clean: &[u128]) {
        let now: FxHashSet<u128> = clean.iter().copied().collect();
        if now == self.known {
            return;
        }
        let mut keys: Vec<u128> = now.into_iter().collect();
        keys.sort_unstable();
        let mut bytes = Vec::with_capacity(MAGIC.len() + 8 + keys.len() * 16);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for k in keys {
            bytes.extend_from_slice(&k.to_le_bytes());
        }
        let _ = write_atomic(&self.file, &bytes);
    }
}

/// `$XDG_CACHE_HOME` when it is an absolute path (as the XDG spec asks), else `~/.cache`.
fn cache_home() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from);
    match xdg {
        Some(p) if p.is_absolute() => Some(p),
        _ => std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(".cache")),
    }
}

/// This build of `notes`: its version, and its executable's size and modification time, so
/// that a rebuilt or reinstalled binary (whose math check may have changed) starts afresh.
fn binary_identity() -> Option<Vec<u8>> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut id = MAGIC.to_vec();
    id.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    id.extend_from_slice(&meta.len().to_le_bytes());
    id.extend_from_slice(&modified.as_nanos().to_le_bytes());
    Some(id)
}

/// The keys of a cache file, or `None` when it is not one (another version, cut short).
fn decode(bytes: &[u8]) -> Option<FxHashSet<u128>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (count, keys) = rest.split_first_chunk::<8>()?;
    let count = usize::try_from(u64::from_le_bytes(*count)).ok()?;
    if keys.len() != count.checked_mul(16)? {
        return None;
    }
    Some(
        keys.chunks_exact(16)
            .map(|k| u128::from_le_bytes(k.try_into().unwrap_or([0; 16])))
            .collect(),
    )
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a reader
/// sees the old cache or the new one, never part of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_damage_reads_as_empty() {
        let keys: Vec<u128> = vec![1, u128::MAX, 0xdead_beef << 64];
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&3u64.to_le_bytes());
        for k in &keys {
            bytes.extend_from_slice(&k.to_le_bytes());
        }
        let read = decode(&bytes).expect("a whole cache file");
        assert_eq!(read, keys.iter().copied().collect());
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None, "cut short");
        assert_eq!(decode(b"notes-math-v0\n\0\0"), None, "another version");
        assert_eq!(decode(b""), None);
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(decode(&huge), None, "a count that overflows");
    }
}
