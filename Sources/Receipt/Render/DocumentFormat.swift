import Foundation

/// The forms a document is printed in.
public enum DocumentFormat: Equatable, Sendable {
    case text(width: Int)
    case pdf
    case escpos

    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .pdf: return "pdf"
        case .escpos: return "bin"
        }
    }
}

/// The bytes of a document in one format, in the language's font (PDF) or code page (ESC/POS).
public func render(_ document: Document, as format: DocumentFormat, language: Language = .ja) -> Data {
    switch format {
    case .text(let width): return Data(TextRenderer(width: width).bytes(document))
    case .pdf: return PDFRenderer(language: language).render(document)
    case .escpos: return Data(ESCPOSRenderer(codePage: .of(language)).render(document))
    }
}

/// Several documents printed together, in the order given: one after the other on a roll
/// (text, ESC/POS, each cut), a page each in one PDF (PDFs cannot simply be joined).
public func render(_ documents: [Document], as format: DocumentFormat, language: Language = .ja) -> Data {
    switch format {
    case .text, .escpos: return documents.reduce(into: Data()) { $0 += render($1, as: format, language: language) }
    case .pdf: return PDFRenderer(language: language).render(pages: documents)
    }
}
