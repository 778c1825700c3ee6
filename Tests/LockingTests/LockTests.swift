import Dispatch
import Locking
import Testing

@Suite struct LockTests {
    private struct Failure: Error {}

    @Test func concurrentUpdatesAreNotLost() {
        let counter = Lock(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20_000 {
                counter.withLock { value in
                    // A read, a pause and a write: without mutual exclusion, updates would be lost here.
                    let read = value
                    value = read &+ 1
                }
            }
        }
        #expect(counter.withLock { $0 } == 160_000)
    }

    @Test func returnsTheBodysResultAndKeepsTheState() {
        let names = Lock<[String]>([])
        let countAfterFirst = names.withLock { names in
            names.append("a")
            return names.count
        }
        let countAfterSecond = names.withLock { names in
            names.append("b")
            return names.count
        }
        #expect(countAfterFirst == 1)
        #expect(countAfterSecond == 2)
        #expect(names.withLock { $0 } == ["a", "b"])
    }

    @Test func aThrowingBodyReleasesTheLockAndKeepsItsChanges() {
        let value = Lock(1)
        #expect(throws: Failure.self) {
            try value.withLock { (value: inout Int) throws(Failure) in
                value = 2
                throw Failure()
            }
        }
        // Taken again from another thread, with a deadline, so a lock left held fails instead of hanging.
        let done = DispatchSemaphore(value: 0)
        let seen = Lock<Int?>(nil)
        DispatchQueue.global().async {
            let current = value.withLock { $0 }
            seen.withLock { $0 = current }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(seen.withLock { $0 } == 2)
    }

    @Test func holdsNoncopyableState() {
        struct Token: ~Copyable {
            var uses = 0
        }
        let token = Lock(Token())
        for _ in 0..<3 { token.withLock { $0.uses += 1 } }
        #expect(token.withLock { $0.uses } == 3)
    }
}
