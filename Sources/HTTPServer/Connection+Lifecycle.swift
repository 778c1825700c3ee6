internal import Dispatch
internal import Glibc
internal import Synchronization

extension Connection {
    // MARK: - Writing

    /// Writes buffered output until done or the socket is full; a full socket arms the write source.
    func flush() {
        let startOffset = outputOffset
        // The write deadline runs from the last progress, so a slow but steady reader is served.
        defer {
            if outputOffset > startOffset { writeBlockedSince = monotonicNanoseconds() }
            accountBlockedOutput()
        }
        while outputOffset < output.count {
            let sent = output.withUnsafeBytes { bytes in
                send(fd, bytes.baseAddress! + outputOffset, bytes.count - outputOffset, Int32(MSG_NOSIGNAL))
            }
            if sent >= 0 {
                outputOffset += sent
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                armWrite()
                return
            } else {
                close()
                return
            }
        }
        // Don't let one large response pin its buffer for the life of a keep-alive connection.
        if output.capacity > 64 * 1024 { output = [] } else { output.removeAll(keepingCapacity: true) }
        outputOffset = 0
        disarmWrite()
        if closeAfterFlush && !isLingering { beginLingeringClose() }
    }

    /// Keeps ``ServerContext/blockedOutputBytes`` up to date with what this connection cannot send yet;
    /// a connection that is not blocked counts nothing, so the usual path costs a comparison.
    func accountBlockedOutput() {
        let blocked = isWriteArmed && !isClosed ? output.count - outputOffset : 0
        guard blocked != accountedOutputBytes else { return }
        context.blockedOutputBytes.add(blocked - accountedOutputBytes, ordering: .relaxed)
        accountedOutputBytes = blocked
    }

    private func armWrite() {
        guard !isWriteArmed else { return }
        if writeSource == nil {
            let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: loop.queue)
            source.setEventHandler { [self] in
                flush()
                if !isWriteArmed { processRequests() }
            }
            source.setCancelHandler { [self] in sourceCancelled() }
            pendingCancellations += 1
            writeSource = source
        }
        writeBlockedSince = loop.now
        isWriteArmed = true
        writeSource?.resume()
    }

    private func disarmWrite() {
        guard isWriteArmed else { return }
        isWriteArmed = false
        writeSource?.suspend()
    }

    // MARK: - Reading back-pressure

    /// Reads only while it makes sense: not while a response waits for the client to read it, and not
    /// beyond a bounded backlog while a handler runs.
    func updateReading() {
        let backlogLimit = context.configuration.limits.maxHeaderBytes + context.configuration.limits.maxBodyBytes
        let shouldRead =
            !isClosed && !peerClosedInput
            && (isLingering || (!isWriteArmed && !(isHandling && parser.bufferedByteCount > backlogLimit)))
        if shouldRead && isReadSuspended {
            isReadSuspended = false
            readSource.resume()
        } else if !shouldRead && !isReadSuspended && !isClosed {
            isReadSuspended = true
            readSource.suspend()
        }
    }

    /// Once the client has stopped sending, finish what it sent and close.
    func finishIfPeerGone() {
        guard peerClosedInput, !isClosed, !isHandling, outputOffset >= output.count else { return }
        close()
    }

    // MARK: - Closing

    /// Half-closes, then reads and discards until the client closes too, so that unread request bytes don't
    /// make the kernel reset the connection before the client has read our last response (RFC 9112 §9.6).
    private func beginLingeringClose() {
        if peerClosedInput {
            close()
            return
        }
        isLingering = true
        lingerStartedAt = loop.now
        shutdown(fd, Int32(SHUT_WR))
        updateReading()
    }

    /// While lingering, reads and drops everything up to the client's close in one go: once both directions
    /// are shut, epoll reports a hang-up and Dispatch stops delivering events for the descriptor.
    func discardUntilClosed() {
        var discarded = 0
        while discarded < Self.lingerDiscardLimit {
            let count = read(fd, loop.scratch.baseAddress, loop.scratch.count)
            if count > 0 {
                discarded += count
            } else if count < 0 && errno == EINTR {
                continue
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else {
                break  // end of stream or a real error: the client is gone
            }
        }
        close()
    }

    /// Past this much unread request data we stop being polite and close.
    private static let lingerDiscardLimit = 8 * 1024 * 1024

    /// Graceful shutdown: close now if idle, else after the current response.
    func drain() {
        isDraining = true
        if !isHandling && parser.isAtRequestBoundary && outputOffset >= output.count && !isLingering {
            close()
        }
    }

    /// Enforces the header, body, idle, write and linger deadlines.
    func checkDeadlines(now: UInt64) {
        guard !isClosed else { return }
        let timeouts = context.configuration.timeouts
        if isLingering {
            if now &- lingerStartedAt > Self.lingerNanoseconds { close() }
        } else if isWriteArmed {
            noteKernelSendProgress(now: now)
            if now &- writeBlockedSince > timeouts.write.nanoseconds { close() }
        } else if isHandling {
            return
        } else if peerHasGone() {
            close()
        } else if parser.isAtRequestBoundary {
            if now &- idleSince > timeouts.idle.nanoseconds { close() }
        } else if parser.isReadingBody {
            if let started = bodyStartedAt, now &- started > timeouts.body.nanoseconds { timeOut() }
        } else if let started = requestStartedAt, now &- started > timeouts.header.nanoseconds {
            timeOut()
        }
    }

    /// A client that reads slowly drains the kernel's send buffer long before the socket is writable again
    /// (Linux wakes writers only when half the buffer is free): a shrinking send queue is progress too.
    private func noteKernelSendProgress(now: UInt64) {
        var queued: Int32 = 0
        guard ioctl(fd, UInt(TIOCOUTQ), &queued) == 0 else { return }
        if queued < kernelQueuedBytes { writeBlockedSince = now }
        kernelQueuedBytes = queued
    }

    /// Whether the client has closed or reset the connection, looked at without consuming anything. A hang-up
    /// can make epoll drop the descriptor without one more readable event, so the sweep checks directly.
    private func peerHasGone() -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if count == 0 { return true }
        return count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
    }

    private static let lingerNanoseconds: UInt64 = 2_000_000_000

    private func timeOut() {
        respondAndClose(
            status: .requestTimeout,
            detail: "The request was not received in time.",
            route: "<timeout>",
            routeKey: .timeout
        )
        flush()
    }

    /// Closes at once. The descriptor itself is closed only after every Dispatch source on it has been
    /// cancelled (closing it earlier could let a recycled descriptor receive a stale event).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        isLingering = false
        loop.remove(self)
        context.connectionClosed()
        // A suspended source never delivers its cancellation.
        if isReadSuspended {
            isReadSuspended = false
            readSource.resume()
        }
        readSource.cancel()
        if let writeSource {
            if !isWriteArmed { writeSource.resume() }
            isWriteArmed = false
            writeSource.cancel()
        }
        output = []
        outputOffset = 0
        accountBlockedOutput()
    }

    func sourceCancelled() {
        pendingCancellations -= 1
        if pendingCancellations == 0 { Glibc.close(fd) }
    }
}
