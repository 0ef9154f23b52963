//! `board --http ADDR:PORT`: the board for a TV's own browser. A small HTTP/1.1 server on the
//! tokio runtime the desk already has (two read-only routes do not need a web framework's
//! dependencies on a small PC): `GET /` gives the one embedded page, `GET /events` a stream
//! of server-sent events carrying the board as JSON whenever it changes. Anything else is
//! answered 404 or 405; a request head is read up to 8 KiB and 10 seconds, then dropped.

use super::{Hallway, TICK, snapshot};
use crate::domain::lang::Lang;
use crate::i18n::words::cli_board::{W, say};
use crate::storage::Clock;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};

/// The page: HTML, CSS and JavaScript in one file, built into the binary.
const PAGE: &str = include_str!("hall-page.html");

/// Longest request head read.
const MAX_HEAD: usize = 8 * 1024;
/// Connections served at once (a hall has a few screens; the rest wait).
const MAX_CONNECTIONS: usize = 64;
/// A comment line keeps an idle stream open through proxies and tells a dead client apart.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Serves the board at `addr` until SIGTERM, SIGHUP or Ctrl-C.
pub fn serve(path: PathBuf, lang: Lang, clock: Clock, addr: SocketAddr) -> io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(async {
        let hall = Hallway::open(path, clock, lang, None).map_err(|e| io::Error::other(e.to_string()))?;
        let listener = TcpListener::bind(addr).await?;
        let now = clock.now().naive_local();
        let (b, h) = hall.board(now);
        let (tx, rx) = watch::channel(snapshot(&b, &h).to_string());
        tokio::spawn(follow(hall, clock, tx));
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let (mut hangup, mut terminate) = (signal(SignalKind::hangup())?, signal(SignalKind::terminate())?);
        // Said on stderr so that whoever started the server (a unit file, a test) knows where.
        let at = format!("http://{}/", listener.local_addr()?);
        eprintln!("{}", crate::i18n::fill(say(lang, W::ServingAt), &[&at]));
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    let Ok(permit) = slots.clone().acquire_owned().await else { continue };
                    let rx = rx.clone();
                    tokio::spawn(async move {
                        let _ = answer(stream, rx).await;
                        drop(permit);
                    });
                }
                _ = hangup.recv() => return Ok(()),
                _ = terminate.recv() => return Ok(()),
                _ = tokio::signal::ctrl_c() => return Ok(()),
            }
        }
    })
}

/// Looks at the database every tick and publishes the board when it changed.
async fn follow(mut hall: Hallway, clock: Clock, tx: watch::Sender<String>) {
    loop {
        tokio::time::sleep(TICK).await;
        let now = clock.now().naive_local();
        hall.poll(now);
        let (b, h) = hall.board(now);
        let json = snapshot(&b, &h).to_string();
        tx.send_if_modified(|old| {
            let changed = *old != json;
            if changed {
                *old = json;
            }
            changed
        });
    }
}

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// `GET /`.
    Page,
    /// `GET /events`.
    Events,
    /// A path that is not there.
    NotFound,
    /// A method other than GET (or HEAD).
    NotAllowed,
    /// Not HTTP, or too long.
    Bad,
}

/// Reads the request line of a head.
pub fn route(head: &str) -> Route {
    let mut parts = head.lines().next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Route::Bad;
    };
    if !version.starts_with("HTTP/1.") {
        return Route::Bad;
    }
    if method != "GET" && method != "HEAD" {
        return Route::NotAllowed;
    }
    match target.split('?').next().unwrap_or("") {
        "/" | "/index.html" => Route::Page,
        "/events" => Route::Events,
        _ => Route::NotFound,
    }
}

/// The page with the board of the moment in it: it shows at once, before the stream opens.
/// `<` is written as `\u003c` so that nothing in the JSON (a notice) can end the script.
pub fn page(json: &str) -> String {
    PAGE.replacen("/*BOARD*/null", &json.replace('<', "\\u003c"), 1)
}

async fn answer(mut stream: TcpStream, mut rx: watch::Receiver<String>) -> io::Result<()> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    let read = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            if head.len() > MAX_HEAD {
                return Err(io::Error::other("request head too long"));
            }
            let n = stream.read(&mut buf).await?;
            if n == 0 {
                return Err(io::Error::other("closed"));
            }
            head.extend_from_slice(&buf[..n]);
        }
        Ok(())
    };
    let too_long = match tokio::time::timeout(Duration::from_secs(10), read).await {
        Ok(Ok(())) => false,
        Ok(Err(e)) if e.to_string() == "request head too long" => true,
        _ => return Ok(()),
    };
    let head = String::from_utf8_lossy(&head).into_owned();
    let route = if too_long { Route::Bad } else { route(&head) };
    let plain = |status: &str, extra: &str, body: &str| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
            body.len()
        )
    };
    match route {
        Route::Bad => stream.write_all(plain("400 Bad Request", "", "bad request\n").as_bytes()).await,
        Route::NotFound => stream.write_all(plain("404 Not Found", "", "not found\n").as_bytes()).await,
        Route::NotAllowed => {
            stream.write_all(plain("405 Method Not Allowed", "Allow: GET, HEAD\r\n", "read-only\n").as_bytes()).await
        }
        Route::Page => {
            let head_only = head.starts_with("HEAD ");
            let page = page(&rx.borrow());
            let r = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
                page.len()
            );
            stream.write_all(r.as_bytes()).await?;
            if !head_only {
                stream.write_all(page.as_bytes()).await?;
            }
            Ok(())
        }
        Route::Events => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\nretry: 1000\n\n")
                .await?;
            loop {
                let json = rx.borrow_and_update().clone();
                stream.write_all(format!("data: {json}\n\n").as_bytes()).await?;
                stream.flush().await?;
                loop {
                    tokio::select! {
                        changed = rx.changed() => {
                            if changed.is_err() { return Ok(()); }
                            break;
                        }
                        _ = tokio::time::sleep(KEEPALIVE) => {
                            stream.write_all(b": still here\n\n").await?;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_carries_the_board_and_nothing_in_it_can_end_the_script() {
        let p = page(r#"{"notice":"</script><script>alert(1)</script>"}"#);
        assert!(p.contains(r#"const initial = {"notice":"\u003c/script>\u003cscript>alert(1)\u003c/script>"};"#));
        assert_eq!(p.matches("</script>").count(), 1);
    }

    #[test]
    fn only_get_of_the_page_and_the_events_is_answered() {
        assert_eq!(route("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Route::Page);
        assert_eq!(route("GET /events HTTP/1.1\r\n\r\n"), Route::Events);
        assert_eq!(route("GET /../../etc/passwd HTTP/1.1\r\n\r\n"), Route::NotFound);
        assert_eq!(route("POST /events HTTP/1.1\r\n\r\n"), Route::NotAllowed);
        assert_eq!(route("DELETE / HTTP/1.1\r\n\r\n"), Route::NotAllowed);
        assert_eq!(route("hello\r\n\r\n"), Route::Bad);
    }
}
