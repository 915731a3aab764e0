import ArgumentParser
import CCairo
import Foundation
import Kiosk

/// The day drawn through cairo, as SVG or PDF by the file's extension: above, the queue's
/// length over the day; below, each served customer's wait at the time they arrived, with
/// the hour's 95th percentile and median drawn over them.
enum DayPlot {
    /// Before the day runs, so that a plot with nowhere to go costs no simulated day.
    static func check(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        guard ["svg", "pdf"].contains(url.pathExtension.lowercased()) else {
            throw Failure("--plot must name a .svg or a .pdf file, not \"\(path)\".")
        }
        var isFolder: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure("Cannot write the plot to \(path): its folder \(folder) does not exist.")
        }
    }

    static let width = 960.0, height = 620.0
    private static let left = 70.0, right = 30.0

    static func write(_ record: DayRecord, _ statistics: DayStatistics, title: String, to path: String) throws {
        let surface: OpaquePointer? = URL(fileURLWithPath: path).pathExtension.lowercased() == "pdf"
            ? cairo_pdf_surface_create(path, width, height)
            : cairo_svg_surface_create(path, width, height)
        let cr = cairo_create(surface)
        draw(cr, record, statistics, title: title)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw Failure("Cannot write the plot to \(path): \(String(cString: cairo_status_to_string(status))).")
        }
    }

    private static func draw(_ cr: OpaquePointer?, _ record: DayRecord, _ s: DayStatistics, title: String) {
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        let start = record.start, end = max(record.close, record.end)
        let span = max(60, end.timeIntervalSince(start))
        func x(_ t: Date) -> Double { left + (width - left - right) * t.timeIntervalSince(start) / span }

        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
        cairo_set_font_size(cr, 16)
        text(cr, title, at: (left, 28))

        // The queue: a step line of how many people wait.
        let queue = DayStatistics.totalQueue(record)
        let queueMax = PlotScale.top(Double(max(4, queue.map(\.length).max() ?? 0)))
        let top = (y0: 60.0, y1: 250.0)
        axes(cr, top, start: start, span: span, x: x, yMax: queueMax, label: "people waiting")
        cairo_set_source_rgb(cr, 0.13, 0.4, 0.75)
        cairo_set_line_width(cr, 1.5)
        func qy(_ n: Int) -> Double { top.y1 - (top.y1 - top.y0) * Double(n) / queueMax }
        var last = 0
        cairo_move_to(cr, x(start), qy(0))
        for point in queue {
            cairo_line_to(cr, x(point.at), qy(last))
            cairo_line_to(cr, x(point.at), qy(point.length))
            last = point.length
        }
        cairo_line_to(cr, x(end), qy(last))
        cairo_stroke(cr)

        // The waits: a dot for each served customer, the hour's p95 and median as steps.
        let served = record.visits.filter { $0.outcome == .served }
        let waitMax = PlotScale.top(max(60, served.map(\.wait).max() ?? 60))
        let bottom = (y0: 320.0, y1: 560.0)
        axes(cr, bottom, start: start, span: span, x: x, yMax: waitMax, label: "wait in the queue (s)")
        func wy(_ w: Double) -> Double { bottom.y1 - (bottom.y1 - bottom.y0) * w / waitMax }
        cairo_set_source_rgba(cr, 0.3, 0.3, 0.3, 0.45)
        for v in served {
            cairo_new_sub_path(cr)
            cairo_arc(cr, x(v.arrived), wy(v.wait), 1.6, 0, 2 * .pi)
        }
        cairo_fill(cr)
        for (line, colour, pick) in [("p95", (0.8, 0.15, 0.15), { (p: DayStatistics.Period) in p.waitP95 }),
                                     ("median", (0.1, 0.55, 0.25), { (p: DayStatistics.Period) in p.waitP50 })] {
            cairo_set_source_rgb(cr, colour.0, colour.1, colour.2)
            cairo_set_line_width(cr, 2)
            for h in s.hours where h.served > 0 {
                cairo_move_to(cr, x(h.start), wy(pick(h)))
                cairo_line_to(cr, x(min(end, h.start.addingTimeInterval(h.seconds))), wy(pick(h)))
            }
            cairo_stroke(cr)
            let key = line == "p95" ? 0.0 : 1.0
            cairo_set_font_size(cr, 12)
            text(cr, "— hourly \(line)", at: (width - right - 230 + key * 110, bottom.y0 - 8))
        }
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
        cairo_set_font_size(cr, 12)
        text(cr, String(format: "%d customers · %d served · %d balked · %d gave up · p95 wait %.0f s · mean queue %.1f",
                        s.day.arrivals, s.day.served, s.day.balked, s.day.gaveUp, s.day.waitP95, s.day.queueMean),
             at: (left, height - 20))
    }

    /// A frame, hour ticks labelled in Japan time, and a few values up the side.
    private static func axes(_ cr: OpaquePointer?, _ box: (y0: Double, y1: Double), start: Date, span: TimeInterval,
                             x: (Date) -> Double, yMax: Double, label: String) {
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55)
        cairo_set_line_width(cr, 1)
        cairo_rectangle(cr, left, box.y0, width - left - right, box.y1 - box.y0)
        cairo_stroke(cr)
        cairo_set_font_size(cr, 11)
        let every = span > 12 * 3600 ? 2.0 : 1.0
        var hour = 0.0
        while hour * 3600 <= span {
            let t = start.addingTimeInterval(hour * 3600)
            cairo_move_to(cr, x(t), box.y1)
            cairo_line_to(cr, x(t), box.y1 + 4)
            cairo_stroke(cr)
            text(cr, JapanTime.clock(t), at: (x(t) - 14, box.y1 + 16))
            hour += every
        }
        for i in 0...4 {
            let v = yMax * Double(i) / 4
            let y = box.y1 - (box.y1 - box.y0) * Double(i) / 4
            text(cr, String(Int(v.rounded())), at: (left - 36, y + 4))
        }
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
        cairo_set_font_size(cr, 12)
        text(cr, label, at: (left, box.y0 - 8))
    }

    private static func text(_ cr: OpaquePointer?, _ s: String, at point: (Double, Double)) {
        cairo_move_to(cr, point.0, point.1)
        cairo_show_text(cr, s)
    }
}
