//! The line diff of two answers: the longest common run of lines kept (Myers' shortest edit
//! script), bounded. Beyond [`MAX_LINES`] differing lines on a side, or [`MAX_EDITS`] edits, the
//! differing middle is shown as one removed block and one added block, so a diff never takes long.

use super::diff::{DiffKind, DiffLine};

/// Lines on one side (after the common start and end) beyond which the middle is shown as blocks.
pub const MAX_LINES: usize = 5_000;
/// Edits beyond which the differing middle is shown as blocks.
pub const MAX_EDITS: usize = 1_000;

/// The lines of both sides: the common start and end as they are, the middle by the shortest edit
/// script when it is small enough, else as blocks.
pub(super) fn line_diff(old: &[&str], new: &[&str]) -> Vec<DiffLine> {
    let line = |kind, text: &&str| DiffLine {
        kind,
        text: text.to_string(),
    };
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut out: Vec<DiffLine> = old[..prefix]
        .iter()
        .map(|t| line(DiffKind::Same, t))
        .collect();
    let middle = (a.len() <= MAX_LINES && b.len() <= MAX_LINES)
        .then(|| shortest_edit(a, b, MAX_EDITS))
        .flatten();
    match middle {
        Some(lines) => out.extend(lines),
        None => {
            out.extend(a.iter().map(|t| line(DiffKind::Removed, t)));
            out.extend(b.iter().map(|t| line(DiffKind::Added, t)));
        }
    }
    out.extend(
        old[old.len() - suffix..]
            .iter()
            .map(|t| line(DiffKind::Same, t)),
    );
    out
}

/// Myers' shortest edit script from `a` to `b`, or `None` when it takes more than `max_edits`.
/// `trace[d][k + d]` is the furthest `x` reached on diagonal `k = x - y` with `d` edits (`-1`: not
/// reachable) and whether its last edit was an insertion.
fn shortest_edit(a: &[&str], b: &[&str], max_edits: usize) -> Option<Vec<DiffLine>> {
    let (n, m) = (a.len() as i32, b.len() as i32);
    let mut trace: Vec<Vec<(i32, bool)>> = Vec::new();
    for d in 0..=(max_edits as i32).min(n + m) {
        let mut row = vec![(-1, false); (2 * d + 1) as usize];
        for k in (-d..=d).step_by(2) {
            let (x0, down) = if d == 0 {
                (0, false)
            } else {
                let prev = &trace[(d - 1) as usize];
                let at = |k: i32| {
                    if k.abs() > d - 1 {
                        -1
                    } else {
                        prev[(k + d - 1) as usize].0
                    }
                };
                let (down_x, right_x) = (at(k + 1), at(k - 1));
                let down_ok = down_x >= 0 && down_x - k <= m;
                let right_ok = right_x >= 0 && right_x < n;
                match (down_ok, right_ok) {
                    (true, true) if down_x > right_x => (down_x, true),
                    (true, false) => (down_x, true),
                    (_, true) => (right_x + 1, false),
                    (false, false) => continue,
                }
            };
            let mut x = x0;
            while x < n && x - k < m && a[x as usize] == b[(x - k) as usize] {
                x += 1;
            }
            row[(k + d) as usize] = (x, down);
            if x >= n && x - k >= m {
                trace.push(row);
                return Some(walk_back(a, b, &trace));
            }
        }
        trace.push(row);
    }
    None
}

/// The lines of the edit script `trace` ends with, from its end back to the start.
fn walk_back(a: &[&str], b: &[&str], trace: &[Vec<(i32, bool)>]) -> Vec<DiffLine> {
    let mut out = Vec::new();
    let (mut x, mut y) = (a.len() as i32, b.len() as i32);
    for d in (0..trace.len() as i32).rev() {
        let k = x - y;
        let down = trace[d as usize][(k + d) as usize].1;
        let start_x = match d {
            0 => 0,
            _ if down => trace[(d - 1) as usize][(k + 1 + d - 1) as usize].0,
            _ => trace[(d - 1) as usize][(k - 1 + d - 1) as usize].0 + 1,
        };
        while x > start_x {
            x -= 1;
            y -= 1;
            out.push(DiffLine {
                kind: DiffKind::Same,
                text: a[x as usize].to_string(),
            });
        }
        if d == 0 {
            break;
        }
        if down {
            y -= 1;
            out.push(DiffLine {
                kind: DiffKind::Added,
                text: b[y as usize].to_string(),
            });
        } else {
            x -= 1;
            out.push(DiffLine {
                kind: DiffKind::Removed,
                text: a[x as usize].to_string(),
            });
        }
    }
    out.reverse();
    out
}
