//! One running app per data folder (Linux). Opening the app a second time on the same folder brings
//! the running window forward instead of starting a second app over the same database and keyring
//! entries; a scratch workspace (another `QIMEN_WORKBENCH_DATA_DIR`) runs beside it.
//!
//! The running app holds a Unix socket in the abstract namespace, named after its data folder: no
//! file to clean up after a crash, and the name is free again the moment the process ends. A second
//! launch that finds the name taken connects, says `focus`, waits for the answer and exits. The
//! listener reads each knock with a short timeout, so a client that connects and says nothing cannot
//! hold it. macOS and Windows keep the single-instance plugin.

use std::io::{ErrorKind, Read, Write};
use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixListener, UnixStream};
use std::path::Path;
use std::time::Duration;

const KNOCK: &[u8] = b"focus\n";
const ANSWER: &[u8] = b"ok\n";
/// How long either side waits on the other before giving up on it.
const PATIENCE: Duration = Duration::from_secs(2);

/// What the launch found.
pub enum Claim {
    /// This process is the running app for the folder; serve the listener once the window exists.
    First(InstanceListener),
    /// Another app runs on the folder and was asked to come forward: this process should exit.
    Handed,
    /// Neither could be settled (no abstract sockets here, or the other app does not answer): run
    /// without the guarantee.
    Unsure(std::io::Error),
}

/// The listener of the running app.
pub struct InstanceListener {
    listener: UnixListener,
}

/// The socket's name for a data folder: the product's name and a hash of the folder's path, since
/// a path can be longer than an abstract name may be.
pub fn socket_name(data_dir: &Path) -> String {
    let folder = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    // FNV-1a: stable from one build to the next, unlike std's hasher.
    let hash = folder
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("qimen-workbench-{hash:016x}")
}

/// Claims the data folder for this process, or hands over to the app already running on it.
pub fn claim(data_dir: &Path) -> Claim {
    // Made now, so the first launch names the folder as every later one will (by its real path); the
    // app makes it anyway, and reports there if it cannot.
    let _ = std::fs::create_dir_all(data_dir);
    let address = match SocketAddr::from_abstract_name(socket_name(data_dir)) {
        Ok(address) => address,
        Err(error) => return Claim::Unsure(error),
    };
    match UnixListener::bind_addr(&address) {
        Ok(listener) => Claim::First(InstanceListener { listener }),
        Err(error) if error.kind() == ErrorKind::AddrInUse => match knock(&address) {
            Ok(()) => Claim::Handed,
            Err(error) => Claim::Unsure(error),
        },
        Err(error) => Claim::Unsure(error),
    }
}

fn knock(address: &SocketAddr) -> std::io::Result<()> {
    let mut stream = UnixStream::connect_addr(address)?;
    stream.set_read_timeout(Some(PATIENCE))?;
    stream.set_write_timeout(Some(PATIENCE))?;
    stream.write_all(KNOCK)?;
    let mut answer = [0u8; 3];
    stream.read_exact(&mut answer)?;
    if answer == ANSWER {
        Ok(())
    } else {
        Err(std::io::Error::new(
            ErrorKind::InvalidData,
            "the running app answered something else",
        ))
    }
}

impl InstanceListener {
    /// Answers knocks for as long as the process runs, on a thread of its own: each `focus` calls
    /// `on_focus`; anything else, or silence past the timeout, is dropped.
    pub fn serve(self, on_focus: impl Fn() + Send + 'static) -> std::io::Result<()> {
        std::thread::Builder::new()
            .name("instance-listener".into())
            .spawn(move || {
                for stream in self.listener.incoming().flatten() {
                    if read_knock(&stream).is_some() {
                        on_focus();
                        let _ = (&stream).write_all(ANSWER);
                    }
                }
            })
            .map(drop)
    }
}

/// The knock on `stream`, if it is one and comes in time.
fn read_knock(mut stream: &UnixStream) -> Option<()> {
    stream.set_read_timeout(Some(PATIENCE / 4)).ok()?;
    let mut knock = [0u8; KNOCK.len()];
    stream.read_exact(&mut knock).ok()?;
    (knock == KNOCK).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// A running app on a fresh folder: the folder, and each time it was asked to come forward.
    fn running_app() -> (tempfile::TempDir, mpsc::Receiver<()>) {
        let folder = tempfile::tempdir().unwrap();
        let Claim::First(listener) = claim(folder.path()) else {
            panic!("the first claim did not get the folder")
        };
        let (focused, knocks) = mpsc::channel();
        listener.serve(move || focused.send(()).unwrap()).unwrap();
        (folder, knocks)
    }

    #[test]
    fn a_second_claim_on_the_folder_brings_the_first_forward() {
        let (folder, knocks) = running_app();
        assert!(matches!(claim(folder.path()), Claim::Handed));
        knocks
            .recv_timeout(PATIENCE)
            .expect("the running app was asked to come forward");
        // Another folder is another workspace: it runs beside.
        let other = tempfile::tempdir().unwrap();
        assert!(matches!(claim(other.path()), Claim::First(_)));
    }

    #[test]
    fn a_silent_client_cannot_hold_the_listener() {
        let (folder, knocks) = running_app();
        let address = SocketAddr::from_abstract_name(socket_name(folder.path())).unwrap();
        let _silent = UnixStream::connect_addr(&address).unwrap();
        let mut wrong = UnixStream::connect_addr(&address).unwrap();
        wrong.write_all(b"hello!").unwrap();
        assert!(matches!(claim(folder.path()), Claim::Handed));
        knocks.recv_timeout(PATIENCE).unwrap();
        assert!(
            knocks.try_recv().is_err(),
            "only the real knock asked for focus"
        );
    }

    #[test]
    fn the_name_is_the_folder_not_its_spelling() {
        let folder = tempfile::tempdir().unwrap();
        let spelled = folder.path().join(".").join("sub").join("..");
        std::fs::create_dir(folder.path().join("sub")).unwrap();
        assert_eq!(socket_name(folder.path()), socket_name(&spelled));
        assert!(socket_name(folder.path()).len() < 40);
    }
}
