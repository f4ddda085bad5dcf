//! Answers arrive line by line from stdin — typed at a terminal or piped by a script — through
//! a reader thread, so that an exam's time limit can end a prompt that is still waiting.

use std::io::BufRead;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Instant;

pub enum Line {
    Text(String),
    /// End of input (Ctrl-D, or the end of a script): the session ends, progress is saved.
    Eof,
    /// The deadline passed first.
    Timeout,
}

pub struct Input {
    rx: Receiver<Option<String>>,
    closed: bool,
    /// Answers piped in are not echoed by a terminal; we echo them so transcripts read right.
    pub echo: bool,
}

impl Input {
    pub fn stdin() -> Input {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            loop {
                let mut buf = String::new();
                match lock.read_line(&mut buf) {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(None);
                        return;
                    }
                    Ok(_) => {
                        let line = buf.trim_end_matches(['\n', '\r']).to_string();
                        if tx.send(Some(line)).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Input {
            rx,
            closed: false,
            echo: !std::io::IsTerminal::is_terminal(&std::io::stdin()),
        }
    }

    /// The next line, waiting at most until `deadline`.
    pub fn next(&mut self, deadline: Option<Instant>) -> Line {
        if self.closed {
            return Line::Eof;
        }
        let got = match deadline {
            None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(d) => self
                .rx
                .recv_timeout(d.saturating_duration_since(Instant::now())),
        };
        match got {
            Ok(Some(l)) => Line::Text(l),
            Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                self.closed = true;
                Line::Eof
            }
            Err(RecvTimeoutError::Timeout) => Line::Timeout,
        }
    }
}
