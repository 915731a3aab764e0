import Dispatch
import Foundation

/// A folder for a run's scratch ledgers: in memory (/dev/shm) where there is one, since a
/// plan's days are thrown away; otherwise the temporary folder. An interrupted run (Ctrl-C,
/// SIGTERM) has it removed as it exits, so that no scratch stays behind in memory.
struct ScratchFolder {
    let url: URL
    private static let prefix = "kiosk-plan-"

    init() throws {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        url = base.appendingPathComponent("\(ScratchFolder.prefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw Failure("Cannot make a scratch folder at \(url.path): \(error.localizedDescription)")
        }
        ScratchFolder.removeOnSignal(url)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// The signal sources live as long as the process: one run, one folder.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    private static func removeOnSignal(_ url: URL) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue(label: "scratch-\(number)"))
            source.setEventHandler {
                // The days run on in other threads until the process ends, and each receipt they
                // print would make the folder again as it is removed: a shell removes it once this
                // process has gone.
                let cleaner = Process()
                cleaner.executableURL = URL(fileURLWithPath: "/bin/sh")
                cleaner.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.05; done; rm -rf \"$0\"", url.path]
                do { try cleaner.run() } catch { try? FileManager.default.removeItem(at: url) }
                // The usual exit status of a process stopped by that signal.
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
