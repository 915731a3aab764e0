import CChildProcess
import Foundation
import Glibc

/// Another program run by the tests and benchmarks (the `kiosk` binary, tmux, sqlite3,
/// poppler, hledger): spawned directly and waited for with `waitpid`, its output read as it
/// comes, and killed when it outlives its time limit, so that no run can wait forever.
public final class ChildProcess {
    public struct Result {
        /// The exit status, or 128 + the signal that ended it.
        public var status: Int32
        /// The signal that ended it, if one did.
        public var signal: Int32?
        public var stdout: Data
        public var stderr: Data
        /// Killed for outliving its time limit.
        public var timedOut: Bool

        public var output: String { String(decoding: stdout, as: UTF8.self) }
        public var errors: String { String(decoding: stderr, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let pid: pid_t
    private var input: [UInt8]
    private var stdinFD: Int32, stdoutFD: Int32, stderrFD: Int32

    /// Starts `program` (a path, or a name looked up in PATH) with pipes on its standard streams.
    public init(_ program: String, _ arguments: [String], input: Data? = nil,
                environment: [String: String]? = nil, directory: String? = nil) throws {
        // A child that exits before reading its input must not end this process.
        signal(SIGPIPE, SIG_IGN)
        let stdin = try Self.pipe(), stdout = try Self.pipe(), stderr = try Self.pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The pipes are close-on-exec; dup2 gives the child its own three without the flag.
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        if let directory { _ = child_process_add_chdir(&actions, directory) }

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, env)
        [stdin.read, stdout.write, stderr.write].forEach { close($0) }
        guard spawned == 0 else {
            [stdin.write, stdout.read, stderr.read].forEach { close($0) }
            throw Failure(description: "Cannot start \(program): \(String(cString: strerror(spawned))).")
        }
        self.pid = pid
        self.input = Array(input ?? Data())
        (stdinFD, stdoutFD, stderrFD) = (stdin.write, stdout.read, stderr.read)
        [stdinFD, stdoutFD, stderrFD].forEach { _ = fcntl($0, F_SETFL, fcntl($0, F_GETFL) | O_NONBLOCK) }
    }

    /// Runs `program` to its end, or kills it after `timeout` seconds.
    public static func run(_ program: String, _ arguments: [String], input: Data? = nil,
                           environment: [String: String]? = nil, directory: String? = nil,
                           timeout: TimeInterval = 300) throws -> Result {
        try ChildProcess(program, arguments, input: input, environment: environment, directory: directory)
            .wait(timeout: timeout)
    }

    public func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    /// Feeds the input, collects the output and reaps the child; `watch` is called about
    /// every 50 ms while it runs. Past `timeout` seconds the child is killed.
    public func wait(timeout: TimeInterval = 300, watch: ((pid_t) -> Void)? = nil) -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        var out = Data(), err = Data(), timedOut = false
        var status: Int32 = 0
        if input.isEmpty { closeInput() }
        while true {
            var fds = [stdoutFD, stderrFD, stdinFD].map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            fds[2].events = Int16(POLLOUT)
            // Once both outputs have ended, the exit is moments away: look for it often.
            _ = poll(&fds, nfds_t(fds.count), stdoutFD < 0 && stderrFD < 0 ? 1 : 50)
            Self.drain(&stdoutFD, into: &out)
            Self.drain(&stderrFD, into: &err)
            feedInput()
            // Output may still be held open by a grandchild (the tmux server): the child's end is the end.
            let reaped = waitpid(pid, &status, WNOHANG)
            // Reaped by someone else: its status is lost, and 255 says so.
            let lost = reaped < 0 && errno != EINTR
            if lost { status = 0xff00 }
            if reaped == pid || lost {
                Self.drain(&stdoutFD, into: &out)
                Self.drain(&stderrFD, into: &err)
                break
            }
            watch?(pid)
            if !timedOut, Date() > deadline {
                kill()
                timedOut = true
            }
        }
        closeInput()
        [stdoutFD, stderrFD].filter { $0 >= 0 }.forEach { close($0) }
        let signal = status & 0x7f
        return Result(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, signal: signal == 0 ? nil : signal,
                      stdout: out, stderr: err, timedOut: timedOut)
    }

    private func feedInput() {
        guard stdinFD >= 0, !input.isEmpty else { return }
        let written = input.withUnsafeBytes { write(stdinFD, $0.baseAddress, $0.count) }
        if written > 0 { input.removeFirst(written) }
        if input.isEmpty || (written < 0 && errno != EAGAIN) { closeInput() }
    }

    private func closeInput() {
        if stdinFD >= 0 { close(stdinFD) }
        stdinFD = -1
    }

    /// Reads what is there; at the end of the stream the descriptor is closed and set to -1.
    private static func drain(_ fd: inout Int32, into data: inout Data) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while fd >= 0 {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 {
                data.append(contentsOf: buffer[..<n])
            } else {
                if n == 0 { close(fd); fd = -1 }
                return
            }
        }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard child_process_pipe(&fds) == 0 else {
            throw Failure(description: "Cannot make a pipe: \(String(cString: strerror(errno))).")
        }
        return (fds[0], fds[1])
    }
}
