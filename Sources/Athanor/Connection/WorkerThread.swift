#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    private enum Step {
        case run(Work)
        case exit
        case spin
        case again
    }

    private let lock = ConditionLock()
    private var queue: [Work] = []
    private var head = 0
    private var stopping = false
    private var exited = false
    /// True while the thread sleeps on the condition (under the lock): only then does a push signal.
    private var sleeping = false
    /// Bumped by every push; the idle thread watches it while it spins.
    private let pushes = Atomic<UInt>(0)
    /// Whether the thread spins a little before sleeping (connection threads).
    private let spins: Bool
    /// Set by the pool as it takes the connection back: false when it went straight to a
    /// waiting caller (a saturated pool, where the cores are busy and spinning only delays the
    /// others); read when the current job ends.
    let spinsAfterJob = Atomic<Bool>(true)
    /// The current spin budget in nanoseconds, adapted by this thread alone (see `spinForWork`).
    private var spinBudget = WorkerThread.maximumSpin
    private let threadID = Atomic<UInt>(0)
    let name: String

    /// The longest an idle thread spins for new work before it sleeps. A lease per statement
    /// comes back after the task's hop to the global executor and the caller's own code: tens
    /// of microseconds, about what a futex wakeup costs on a loaded machine.
    static let maximumSpin: UInt64 = 50_000
    /// The shortest spin: after idle spells the budget halves down to this.
    static let minimumSpin: UInt64 = 2_000
    /// How many connection threads may spin at once, process-wide: half the cores (one on a
    /// 2-core machine). With many busy connections (64 tasks on 12 connections) more spinners
    /// only take the cores the callers and the server need; the others sleep at once.
    static let maximumSpinners = max(1, Platform.processorCount / 2)
    /// The connection threads spinning now.
    private static let spinners = Atomic<Int>(0)

    init(name: String, spins: Bool = false) {
        self.name = name
        self.spins = spins
        let box = Unmanaged.passRetained(self).toOpaque()
        let started = Platform.startDetachedThread(box) { argument in
            guard let argument else { return nil }
            let worker = Unmanaged<WorkerThread>.fromOpaque(argument).takeRetainedValue()
            worker.run()
            return nil
        }
        if !started {
            Unmanaged<WorkerThread>.fromOpaque(box).release()
            stopping = true
            exited = true
        }
    }

    /// True when called on this thread.
    var isCurrent: Bool { threadID.load(ordering: .acquiring) == Platform.currentThreadID() }

    /// Runs `work` on this thread, after what is already queued.
    func submit(_ work: @escaping @Sendable () -> Void) { push(.closure(work)) }

    func enqueue(_ job: consuming ExecutorJob) { push(.job(UnownedJob(job))) }

    /// Lets the thread finish its queue and exit.
    func stop() {
        lock.withLock {
            stopping = true
            pushes.wrappingAdd(1, ordering: .relaxed)
            lock.signal()
        }
    }

    /// Work that arrives after the thread exited (a task that still prefers a closed
    /// connection's executor) runs elsewhere instead of being lost.
    private func push(_ work: Work) {
        let accepted = lock.withLock { () -> Bool in
            guard !exited else { return false }
            queue.append(work)
            pushes.wrappingAdd(1, ordering: .relaxed)
            if sleeping { lock.signal() }
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
        var maySpin = spins && spinsAfterJob.load(ordering: .relaxed)
        while true {
            let observed = pushes.load(ordering: .relaxed)
            let step = lock.withLock { () -> Step in
                if head < queue.count {
                    // Move the work out, so that releasing what it captured (perhaps the last
                    // reference to a connection, whose deinit stops this thread) happens outside the lock.
                    let work = queue[head]
                    queue[head] = .taken
                    head += 1
                    return .run(work)
                }
                if stopping {
                    exited = true
                    return .exit
                }
                queue.removeAll(keepingCapacity: true)
                head = 0
                if maySpin { return .spin }
                sleeping = true
                lock.wait()
                sleeping = false
                return .again
            }
            switch step {
            case .run(let work): return work
            case .exit: return nil
            case .spin:
                maySpin = false
                spinForWork(after: observed)
            case .again: continue
            }
        }
    }

    /// Spins (yielding the core at each turn, so a runnable server or caller is not starved)
    /// until a push arrives or the budget runs out, unless `maximumSpinners` threads already
    /// spin; the cheaper alternative to a condition wakeup when the next job follows closely (a
    /// lease per statement). The budget adapts: back to the maximum when work came, halved when
    /// it did not, so idle connections spin little.
    private func spinForWork(after observed: UInt) {
        var current = Self.spinners.load(ordering: .relaxed)
        repeat {
            guard current < Self.maximumSpinners else { return }
            let (exchanged, original) = Self.spinners.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiring)
            if exchanged { break }
            current = original
        } while true
        defer { Self.spinners.subtract(1, ordering: .releasing) }
        let budget = spinBudget
        let start = monotonicNanoseconds()
        while pushes.load(ordering: .relaxed) == observed {
            if monotonicNanoseconds() &- start >= budget {
                spinBudget = max(budget / 2, Self.minimumSpin)
                return
            }
            Platform.yieldThread()
        }
        spinBudget = Self.maximumSpin
    }

    /// Names the thread for top, perf and debuggers (Linux keeps 15 bytes); otherwise it bears
    /// the name of the thread that created it, often one of Dispatch's ("com.apple.root.default-qos").
    private func nameThisThread() {
        Platform.nameCurrentThread(name)
    }

    private func run() {
        threadID.store(Platform.currentThreadID(), ordering: .releasing)
        nameThisThread()
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
    static func detach(name: String = "athanor-oneoff", _ closure: @escaping () -> Void) {
        let worker = WorkerThread(name: name)
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
