#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on `DB.lock`, taken before the database is opened so that a second
/// `coursegate serve` on the same database stops before touching its files.
///
/// The lock is `flock(2)`: the kernel releases it when the process ends, however it ends.
struct DatabaseLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock for the database at `database`, or explains who holds it.
    static func acquire(database: String) throws(DatabaseLockError) -> DatabaseLock {
        let path = database + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = Self.readPID(descriptor)
            close(descriptor)
            if reason == EWOULDBLOCK { throw .held(database: database, path: path, pid: holder) }
            throw .cannotCreate(path: path, reason: String(cString: strerror(reason)))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return DatabaseLock(path: path, descriptor: descriptor)
    }

    /// Gives the lock up (the process ending does the same).
    func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func readPID(_ descriptor: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[..<count], as: UTF8.self).trimmingWhitespace)
    }
}

/// Why the database lock could not be taken.
enum DatabaseLockError: Error, CustomStringConvertible {
    case held(database: String, path: String, pid: Int?)
    case cannotCreate(path: String, reason: String)

    var description: String {
        switch self {
        case .held(let database, let path, let pid):
            "another coursegate is already serving \(database)\(pid.map { " (process \($0))" } ?? "") and holds \(path); stop it first, or use another --db"
        case .cannotCreate(let path, let reason):
            "cannot take the lock \(path): \(reason)"
        }
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
