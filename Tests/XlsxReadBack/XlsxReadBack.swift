import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element: enough DOM to assert on the parts of an xlsx file.
public struct XMLNode {
  public var name: String
  public var attributes: [String: String]
  public var children: [XMLNode]
  public var text: String

  /// Every descendant (and self) with the local name `name` (namespace prefix ignored).
  public func all(_ name: String) -> [XMLNode] {
    var found: [XMLNode] = []
    if localName == name { found.append(self) }
    for child in children { found.append(contentsOf: child.all(name)) }
    return found
  }

  public func first(_ name: String) -> XMLNode? { all(name).first }

  public var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

  /// The text of this element and all descendants.
  public var allText: String { text + children.map(\.allText).joined() }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
  var stack: [XMLNode] = [XMLNode(name: "#document", attributes: [:], children: [], text: "")]

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    stack.append(XMLNode(name: elementName, attributes: attributeDict, children: [], text: ""))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    stack[stack.count - 1].text += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    let node = stack.removeLast()
    stack[stack.count - 1].children.append(node)
  }
}

/// One worksheet cell as stored: type (`s`, `str`, `b`, `inlineStr`, nil for numbers), formula text,
/// stored value, style index, and the displayed text with shared strings resolved.
public struct ReadCell: Equatable, Sendable {
  public var type: String?
  public var formula: String?
  public var value: String?
  public var styleIndex: Int?
  public var text: String?
}

public enum ReadBackError: Error {
  case missingPart(String)
  case badXML(String)
  case unknownSheet(String)
}

/// Unzips an xlsx file and answers questions about its parts; shared by the test targets that
/// read workbooks back.
public struct XlsxReadBack {
  /// Every part of the package, by path (`xl/worksheets/sheet1.xml`).
  public let parts: [String: Data]

  public init(url: URL) throws {
    let archive = try Archive(url: url, accessMode: .read)
    var parts: [String: Data] = [:]
    for entry in archive where entry.type == .file {
      var data = Data()
      _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
      parts[entry.path] = data
    }
    self.parts = parts
  }

  public func text(_ part: String) throws -> String {
    guard let data = parts[part] else { throw ReadBackError.missingPart(part) }
    return String(decoding: data, as: UTF8.self)
  }

  public func xml(_ part: String) throws -> XMLNode {
    guard let data = parts[part] else { throw ReadBackError.missingPart(part) }
    let parser = XMLParser(data: data)
    let builder = TreeBuilder()
    parser.delegate = builder
    guard parser.parse(), let root = builder.stack.first?.children.first else {
      throw ReadBackError.badXML(part)
    }
    return root
  }

  /// Sheet names in workbook order.
  public func sheetNames() throws -> [String] {
    try xml("xl/workbook.xml").all("sheet").compactMap { $0.attributes["name"] }
  }

  /// `(name, localSheetId, formula)` of every `<definedName>`.
  public func definedNames() throws -> [(name: String, localSheetId: String?, formula: String)] {
    try xml("xl/workbook.xml").all("definedName").map {
      ($0.attributes["name"] ?? "", $0.attributes["localSheetId"], $0.text)
    }
  }

  public func sharedStrings() throws -> [String] {
    guard parts["xl/sharedStrings.xml"] != nil else { return [] }
    return try xml("xl/sharedStrings.xml").all("si").map(\.allText)
  }

  /// `xl/worksheets/sheetN.xml` of the sheet called `name`, through workbook.xml and its rels.
  public func sheetPart(named name: String) throws -> String {
    let workbook = try xml("xl/workbook.xml")
    guard let sheet = workbook.all("sheet").first(where: { $0.attributes["name"] == name }),
      let relationId = sheet.attributes["r:id"]
    else { throw ReadBackError.unknownSheet(name) }
    let rels = try xml("xl/_rels/workbook.xml.rels")
    guard
      let target = rels.all("Relationship").first(where: { $0.attributes["Id"] == relationId })?
        .attributes["Target"]
    else { throw ReadBackError.unknownSheet(name) }
    return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
  }

  public func sheet(named name: String) throws -> XMLNode { try xml(try sheetPart(named: name)) }

  /// Every cell of a sheet by its reference (`B7`).
  public func cells(sheet name: String) throws -> [String: ReadCell] {
    let strings = try sharedStrings()
    var cells: [String: ReadCell] = [:]
    for node in try sheet(named: name).all("c") {
      guard let reference = node.attributes["r"] else { continue }
      let type = node.attributes["t"]
      let value = node.first("v")?.text
      var text = value
      if type == "s", let index = value.flatMap(Int.init), strings.indices.contains(index) {
        text = strings[index]
      } else if type == "inlineStr" {
        text = node.first("is")?.allText
      }
      cells[reference] = ReadCell(
        type: type, formula: node.first("f")?.text, value: value,
        styleIndex: node.attributes["s"].flatMap(Int.init), text: text)
    }
    return cells
  }

  public func mergedRanges(sheet name: String) throws -> [String] {
    try sheet(named: name).all("mergeCell").compactMap { $0.attributes["ref"] }
  }

  /// `dcterms:created` of docProps/core.xml.
  public func createdDate() throws -> String? {
    try xml("docProps/core.xml").first("created")?.text
  }
}
