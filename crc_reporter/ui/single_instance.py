"""One window per store: the writing window listens on a local socket; a second one asks it to come forward.

The protocol (one line of JSON each way) is :mod:`crc_reporter.services.single_instance`;
this is its transport, ``QLocalServer`` / ``QLocalSocket`` (a Unix domain
socket or a Windows named pipe, private to the user). The window that holds
the store's writer lock listens; a second instance started on the same store
asks it to raise its window (and to import the files it was given) and exits
when it says yes; when nobody answers (the writer is a command-line run, or
an older version) the second instance opens the store read-only.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from crc_reporter.i18n import _
from crc_reporter.services.errors import ValidationError
from crc_reporter.services.single_instance import (
    MAX_MESSAGE_BYTES,
    ActivationReply,
    ActivationRequest,
    decode_reply,
    decode_request,
    encode_reply,
    encode_request,
    server_name,
)

log = logging.getLogger("crc_reporter.ui")

#: A client that connects and says nothing is dropped after this long.
CLIENT_TIMEOUT_MS = 3000


class InstanceServer(QObject):
    """Listens for second instances of the store this window writes."""

    activation_requested = Signal(list)  # the files the other instance was asked to open

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self.name = ""

    def listen(self, store_path: Path) -> bool:
        """Listen for ``store_path`` (call only while holding its writer lock: no other writer can be listening)."""
        self.close()
        self.name = server_name(store_path)
        QLocalServer.removeServer(self.name)  # a socket file left by a crashed writer
        if not self.server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
            self.name = ""
            return False
        return True

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        if self.server.isListening():
            self.server.close()
        self.name = ""

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(CLIENT_TIMEOUT_MS, socket, socket.abort)
            if socket.bytesAvailable():  # the request came with the connection: no readyRead will follow
                self._read(socket, buffer)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer and len(buffer) <= MAX_MESSAGE_BYTES:
            return  # wait for the rest of the line
        line = bytes(buffer).split(b"\n", 1)[0]
        buffer.clear()
        request: ActivationRequest | None = None
        try:
            request = decode_request(line)
            reply = ActivationReply(True)
        except ValidationError as exc:
            reply = ActivationReply(False, str(exc))
        # answer first: the other instance is waiting, and raising this window may open a dialog
        socket.write(encode_reply(reply))
        socket.flush()
        socket.disconnectFromServer()
        if request is not None:
            self.activation_requested.emit([f for f in request.files if Path(f).is_file()])


def ask_first_instance(
    store_path: Path, files: Sequence[str] = (), *, timeout_ms: int = 2000
) -> ActivationReply | None:
    """Ask the window writing ``store_path`` to come forward (blocking; used before this window exists).

    None when no window listens for that store; otherwise its reply.
    """
    socket = QLocalSocket()
    socket.connectToServer(server_name(store_path))
    if not socket.waitForConnected(timeout_ms):
        return None
    try:
        socket.write(encode_request(ActivationRequest(files=tuple(str(Path(f).resolve()) for f in files))))
        socket.flush()  # (waitForBytesWritten says False when the request already went out at once)
        if socket.bytesToWrite():
            socket.waitForBytesWritten(timeout_ms)
        data = b""
        while b"\n" not in data and len(data) <= MAX_MESSAGE_BYTES:
            # the reply may already be buffered (it can arrive while the request is being written)
            if not socket.bytesAvailable() and not socket.waitForReadyRead(timeout_ms):
                data += bytes(socket.readAll().data())
                if b"\n" not in data:
                    return ActivationReply(False, _("the other window did not answer"))
                break
            data += bytes(socket.readAll().data())
        return decode_reply(data.split(b"\n", 1)[0])
    finally:
        socket.abort()
