import Foundation
import ZIPFoundation

/// A letter as an Office Open XML word-processing document, built in memory: one paragraph per
/// line of the text letter, right to left for Arabic. The officer puts it on letterhead, signs it
/// and sends it; it carries no styles or fields of its own.
public enum DocxDocument {
    public static func data(for letter: Letter, modified: Date) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("word/document.xml", document(letter)),
        ]
        for (path, xml) in parts {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: modified, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func document(_ letter: Letter) -> String {
        let rtl = letter.language.isRightToLeft
        var lines = letter.text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        let paragraphs = lines.map { line -> String in
            let props = rtl ? "<w:pPr><w:bidi/><w:jc w:val=\"right\"/></w:pPr>" : ""
            guard !line.isEmpty else { return "<w:p>\(props)</w:p>" }
            let runProps = rtl ? "<w:rPr><w:rtl/></w:rPr>" : ""
            return "<w:p>\(props)<w:r>\(runProps)<w:t xml:space=\"preserve\">\(escape(String(line)))</w:t></w:r></w:p>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:body>\(paragraphs.joined())<w:sectPr/></w:body></w:document>
            """
    }

    /// XML text: the five predefined entities. Control characters never get here (the letter's
    /// values are cleaned), and XML 1.0 could not carry them anyway.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="word/document.xml"/></Relationships>
        """
}
