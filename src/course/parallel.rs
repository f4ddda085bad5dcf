//! Work spread over the available cores, for the parts of a check that are many independent
//! pieces (files to parse, formulas to find). Results come back in input order, so nothing a
//! user sees depends on the number of threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `items.iter().map(f).collect()`, on up to every core. Each thread takes the next item from
/// a shared counter, so that a slow item never leaves a core idle while work is left: the
/// items are whole files, whose cost dwarfs the counter's. With fewer than `min_per_thread`
/// items per core, fewer threads (or just this one) do the work. Each thread keeps a state of
/// its own (made by `init`) across the items it takes: a cache no other thread touches needs
/// no lock.
pub(super) fn map_with<T: Sync, R: Send, S>(
    items: &[T],
    min_per_thread: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len() / min_per_thread.max(1))
        .max(1);
    if threads == 1 {
        let mut state = init();
        return items.iter().map(|item| f(&mut state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(&mut state, item)));
        }
    };
    let mut done = std::thread::scope(|scope| {
        // This thread works too, so a failed spawn only means fewer helpers.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    // The YAML parser recurses per nesting level (see `yaml::MAX_DEPTH`).
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut all = work();
        for h in helpers {
            match h.join() {
                Ok(part) => all.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_whatever_the_split() {
        let items: Vec<u32> = (0..10_007).collect();
        for min in [1, 7, 100, 20_000] {
            let out = map_with(&items, min, || (), |(), x| x * 2);
            assert_eq!(
                out,
                items.iter().map(|x| x * 2).collect::<Vec<_>>(),
                "{min}"
            );
        }
        assert!(map_with(&Vec::<u32>::new(), 1, || (), |(), x| *x).is_empty());
    }
}
