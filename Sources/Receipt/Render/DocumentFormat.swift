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
    case .text(let width): return Data(TextRenderer(width: width).render(document).utf8)
    case .pdf: return PDFRenderer(language: language).render(document)
    case .escpos: return Data(ESCPOSRenderer(codePage: .of(language)).render(document))
    }
}
