//! Finding the course: `--root DIR`, else `NOTES_ROOT` (both arrive here as `explicit`), else
//! the nearest folder at or above the current directory that has a `notes/` folder.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("{} does not exist", .0.display())]
    NoSuchFolder(PathBuf),
    #[error("{} is not a course: it has no `notes/` folder", .0.display())]
    NotACourse(PathBuf),
    #[error(
        "no course found: neither {} nor any folder above it has a `notes/` folder (give one with --root DIR or NOTES_ROOT)",
        .0.display()
    )]
    NotFound(PathBuf),
}

/// The course root. An explicit root must itself hold `notes/`; it is not searched upwards.
pub fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf, DiscoverError> {
    if let Some(root) = explicit {
        let root = if root.is_absolute() {
            root.to_path_buf()
        } else {
            cwd.join(root)
        };
        // `--root ../c` names `/x/c` in messages, not `/x/y/../c`.
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        return if root.join("notes").is_dir() {
            Ok(root)
        } else if !root.exists() {
            Err(DiscoverError::NoSuchFolder(root))
        } else {
            Err(DiscoverError::NotACourse(root))
        };
    }
    cwd.ancestors()
        .find(|d| d.join("notes").is_dir())
        .map(Path::to_path_buf)
        .ok_or_else(|| DiscoverError::NotFound(cwd.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_up_to_the_first_course() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let deep = tmp.path().join("a/b");
        std::fs::create_dir_all(&deep).expect("mkdir");
        std::fs::create_dir_all(tmp.path().join("notes")).expect("mkdir");
        assert_eq!(discover(None, &deep).ok(), Some(tmp.path().to_path_buf()));
        assert!(matches!(
            discover(Some(&deep), &deep),
            Err(DiscoverError::NotACourse(_))
        ));
    }
}
