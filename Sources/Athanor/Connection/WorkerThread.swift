import Glibc
import Synchronization

/// One OS thread that runs submitted work in order: a connection's own thread, and the
/// `TaskExecutor` that async leases prefer, so queries inside a lease are plain blocking
/// libpq calls with no thread hop (runtime-notes §1, design F).
final class WorkerThread: TaskExecutor, @unchecked Sendable {
    private enum Work {
        case job(UnownedJob)
        case closure(() -> Void)
        case taken
    }

    private let lock = ConditionLock()
    private var queue: [Work] = []
    private var head = 0
    private var stopping = false
    private var exited = false
    private let threadID = Atomic<UInt>(0)
    let name: String

    init(name: String) {
        self.name = name
        let box = Unmanaged.passRetained(self).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 1 << 20)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { argument in
            guard let argument else { return nil }
            let worker = Unmanaged<WorkerThread>.fromOpaque(argument).takeRetainedValue()
            worker.run()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        if status != 0 {
            Unmanaged<WorkerThread>.fromOpaque(box).release()
            stopping = true
            exited = true
        }
    }

    /// True when called on this thread.
    var isCurrent: Bool { threadID.load(ordering: .acquiring) == UInt(pthread_self()) }

    /// Runs `work` on this thread, after what is already queued.
    func submit(_ work: @escaping @Sendable () -> Void) { push(.closure(work)) }

    func enqueue(_ job: consuming ExecutorJob) { push(.job(UnownedJob(job))) }

    /// Lets the thread finish its queue and exit.
    func stop() {
        lock.withLock {
            stopping = true
            lock.signal()
        }
    }

    /// Work that arrives after the thread exited (a task that still prefers a closed
    /// connection's executor) runs elsewhere instead of being lost.
    private func push(_ work: Work) {
        let accepted = lock.withLock { () -> Bool in
            guard !exited else { return false }
            queue.append(work)
            lock.signal()
            return true
        }
        guard !accepted else { return }
        switch work {
        case .job(let job): globalConcurrentExecutor.enqueue(ExecutorJob(job))
        case .closure(let closure): Thread.detach(closure)
        case .taken: break
        }
    }

    private func next() -> Work? {
        lock.withLock {
            while head == queue.count {
                if stopping {
                    exited = true
                    return nil
                }
                queue.removeAll(keepingCapacity: true)
                head = 0
                lock.wait()
            }
            // Move the work out, so that releasing what it captured (perhaps the last reference
            // to a connection, whose deinit stops this thread) happens outside the lock.
            let work = queue[head]
            queue[head] = .taken
            head += 1
            return work
        }
    }

    private func run() {
        threadID.store(UInt(pthread_self()), ordering: .releasing)
        let executor = asUnownedTaskExecutor()
        while let work = next() {
            switch work {
            case .job(let job): job.runSynchronously(on: executor)
            case .closure(let closure): closure()
            case .taken: break
            }
        }
    }
}

/// A plain detached thread for a one-off closure.
enum Thread {
    static func detach(_ closure: @escaping () -> Void) {
        let worker = WorkerThread(name: "athanor-oneoff")
        worker.submitUnchecked(closure)
        worker.stop()
    }
}

extension WorkerThread {
    fileprivate func submitUnchecked(_ closure: @escaping () -> Void) {
        nonisolated(unsafe) let closure = closure
        submit { closure() }
    }
}
