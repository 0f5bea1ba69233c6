import BudgetCore
import Foundation

/// Building server-rendered pages: every text that comes from data goes through `escape`, so a name
/// in plan.yaml or a cell of an uploaded sheet can never become markup.
enum HTML {
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  /// `a=1&b=x%20y` with every value percent-encoded (for links built from codes and filters).
  static func query(_ items: [(String, String?)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return items.compactMap { name, value in
      guard let value, !value.isEmpty else { return nil }
      return name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }.joined(separator: "&")
  }

  static func link(_ path: String, _ items: [(String, String?)]) -> String {
    let query = query(items)
    return query.isEmpty ? path : path + "?" + query
  }
}

/// Characters of a code (source, unit, user name): `[A-Za-z0-9._-]`, safe in a file name and a URL.
func isCodeCharacter(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar {
  case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": true
  default: false
  }
}

/// Amounts as the officers read them: whole đồng, `1.234.567` in Vietnamese, `1,234,567` in English.
extension Money {
  func shown(_ language: Language) -> String { language == .vi ? grouped : groupedEnglish }
}

/// A share in tenths of a percent, from whole đồng by integer arithmetic (no floating point on a money
/// path): `spent / available`, rounded half up; nil when nothing was available.
func shareTenths(_ part: Money, of whole: Money) -> Int64? {
  guard whole.dong > 0, part.dong >= 0 else { return nil }
  // Full width so that no amount overflows: part × 1000 needs up to 74 bits.
  let product = part.dong.multipliedFullWidth(by: 1000)
  guard product.high < whole.dong / 2 else { return nil }
  let (quotient, remainder) = whole.dong.dividingFullWidth(product)
  return remainder >= whole.dong - remainder ? quotient + 1 : quotient
}

/// `45,3 %` / `45.3%`.
func shareText(_ tenths: Int64?, _ language: Language) -> String {
  guard let tenths else { return "—" }
  let sign = tenths < 0 ? "-" : ""
  let magnitude = tenths.magnitude
  return language == .vi
    ? "\(sign)\(magnitude / 10),\(magnitude % 10) %" : "\(sign)\(magnitude / 10).\(magnitude % 10)%"
}
