import CCurl
import Foundation

/// The thread that drives every transfer through one curl multi handle.
///
/// Callers hand transfers in through a locked inbox and wake the thread with curl_multi_wakeup; the
/// thread alone touches the multi handle and the easy handles it holds. Transfers wait in FIFO order
/// until both the global and their host's limit have room, so a slow host never holds up another.
final class TransferLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let maxConcurrent: Int
    private let maxPerHost: Int

    // Shared with callers, under `lock`.
    private let lock = NSLock()
    private var inbox: [Transfer] = []
    private var cancellations: Set<UInt64> = []
    private var stopping = false
    private var nextID: UInt64 = 0

    // The loop thread's own.
    private var waiting: [Transfer] = []
    private var active: [UInt64: Transfer] = [:]
    private var perHost: [String: Int] = [:]
    /// Cancellations that arrived before their transfer did (a task cancelled as it called fetch).
    private var earlyCancellations: Set<UInt64> = []
    private let done = DispatchSemaphore(value: 0)

    init(maxConcurrent: Int, maxPerHost: Int) throws(FetchError) {
        _ = Self.globalInit
        guard let multi = curl_multi_init() else { throw FetchError(.other, "curl_multi_init failed", url: "") }
        self.multi = multi
        self.maxConcurrent = max(1, maxConcurrent)
        self.maxPerHost = max(1, maxPerHost)
        // Connection reuse: keep a few idle connections per host, more in all.
        _ = bulletind_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, self.maxConcurrent * 2)
        let thread = Thread { [self] in run() }
        thread.name = "bulletind-fetch"
        thread.start()
    }

    /// curl_global_init, once, before the first handle (it is not thread-safe on older libcurl).
    private static let globalInit: Void = { _ = curl_global_init(bulletind_curl_global_default) }()

    func makeID() -> UInt64 {
        lock.withLock {
            nextID += 1
            return nextID
        }
    }

    /// Queues a transfer; its continuation is resumed on the loop thread.
    func submit(_ transfer: Transfer) {
        let refused = lock.withLock {
            if stopping { return true }
            inbox.append(transfer)
            return false
        }
        if refused {
            transfer.finish(.failure(FetchError(.cancelled, "the fetcher has shut down", url: transfer.request.url)))
        } else {
            curl_multi_wakeup(multi)
        }
    }

    func cancel(_ id: UInt64) {
        lock.withLock { _ = cancellations.insert(id) }
        curl_multi_wakeup(multi)
    }

    /// Stops the thread; transfers still running or waiting fail as cancelled. Waits for the thread.
    func shutdown() {
        let first = lock.withLock {
            defer { stopping = true }
            return !stopping
        }
        guard first else { return }
        curl_multi_wakeup(multi)
        done.wait()
    }

    private func run() {
        while true {
            let (arrived, cancelled, stop) = lock.withLock {
                defer {
                    inbox = []
                    cancellations = []
                }
                return (inbox, cancellations, stopping)
            }
            waiting += arrived
            for id in cancelled.union(earlyCancellations) {
                let found = finish(id, .failure(FetchError(.cancelled, "cancelled", url: "")))
                if found { earlyCancellations.remove(id) } else { earlyCancellations.insert(id) }
            }
            if stop { break }
            startWaiting()
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            let finished = collectFinished()
            // Room freed for a waiting transfer: start it now rather than after the next poll.
            if finished > 0 && !waiting.isEmpty { continue }
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for transfer in waiting + Array(active.values) {
            finish(transfer.id, .failure(FetchError(.cancelled, "the fetcher shut down", url: transfer.request.url)))
        }
        for transfer in lock.withLock({ inbox }) {
            transfer.finish(.failure(FetchError(.cancelled, "the fetcher shut down", url: transfer.request.url)))
        }
        curl_multi_cleanup(multi)
        done.signal()
    }

    /// Adds waiting transfers to the multi handle, oldest first, as the limits allow.
    private func startWaiting() {
        guard !waiting.isEmpty, active.count < maxConcurrent else { return }
        var stillWaiting: [Transfer] = []
        for transfer in waiting {
            if active.count < maxConcurrent, perHost[transfer.hostKey, default: 0] < maxPerHost {
                let code = curl_multi_add_handle(multi, transfer.easy)
                guard code == CURLM_OK else {
                    let error = CurlMultiError(code: code)
                    transfer.finish(.failure(FetchError(.other, error.description, url: transfer.request.url)))
                    continue
                }
                active[transfer.id] = transfer
                perHost[transfer.hostKey, default: 0] += 1
            } else {
                stillWaiting.append(transfer)
            }
        }
        waiting = stillWaiting
    }

    /// Resumes the waiters of finished transfers; returns how many finished.
    private func collectFinished() -> Int {
        var finished = 0
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            var context: UnsafeMutableRawPointer?
            _ = bulletind_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context)
            guard let context else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            finish(transfer.id, transfer.outcome(of: code))
            finished += 1
        }
        return finished
    }

    /// Takes a transfer out of the loop, wherever it is, and resumes its waiter.
    @discardableResult
    private func finish(_ id: UInt64, _ result: Result<FetchResponse, FetchError>) -> Bool {
        if let transfer = active.removeValue(forKey: id) {
            curl_multi_remove_handle(multi, transfer.easy)
            perHost[transfer.hostKey, default: 1] -= 1
            if perHost[transfer.hostKey] == 0 { perHost[transfer.hostKey] = nil }
            transfer.finish(
                result.mapError { error in
                    error.url.isEmpty ? FetchError(error.reason, error.message, url: transfer.request.url) : error
                })
        } else if let index = waiting.firstIndex(where: { $0.id == id }) {
            let transfer = waiting.remove(at: index)
            transfer.finish(result.mapError { FetchError($0.reason, $0.message, url: transfer.request.url) })
        } else {
            return false
        }
        return true
    }
}
