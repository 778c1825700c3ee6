import AttuneJSON

/// The pieces of SVG markup the chart is made of: escaped text, numbers, elements. Internal: the only
/// document Attune draws is the trajectory chart.
enum SVGMarkup {
    /// XML 1.0 §2.4 and §3.3.3: `&`, `<`, `>` and both quotes escaped, so text is safe in content and in
    /// attribute values alike; characters XML 1.0 forbids (§2.2: C0 controls other than tab, LF, CR,
    /// and U+FFFE, U+FFFF) become U+FFFD, so a hostile label cannot make the document ill-formed.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            // Tab, LF and CR are allowed, but attribute normalisation would turn them into spaces anyway.
            case "\t", "\n", "\r": result += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result.unicodeScalars.append("\u{FFFD}")
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// `text` cut to at most `limit` characters, the last of them an ellipsis when cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard limit > 1, text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// A coordinate or length rounded to 0.01 (far below a pixel) in its shortest decimal form, the same
    /// every time; non-finite values (never produced by the layout) become 0.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Coordinates stay within a few thousand units of the viewBox; the bound keeps any input finite.
        let rounded = (Swift.min(Swift.max(value, -1e9), 1e9) * 100).rounded() / 100
        var writer = JSONWriter(reservingCapacity: 16)
        writer.number(rounded)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `name="value"` pairs, the values escaped.
    static func attributes(_ pairs: [(String, String)]) -> String {
        var result = ""
        for (name, value) in pairs {
            result += " \(name)=\"\(escaped(value))\""
        }
        return result
    }

    /// An element with no content: `<name a="1"/>`.
    static func empty(_ name: String, _ pairs: [(String, String)]) -> String {
        "<\(name)\(attributes(pairs))/>"
    }

    /// An element with escaped text content: `<name a="1">text</name>`.
    static func text(_ name: String, _ pairs: [(String, String)], _ content: String) -> String {
        "<\(name)\(attributes(pairs))>\(escaped(content))</\(name)>"
    }

    /// An element around a tooltip and nothing else: `<name …><title>tooltip</title></name>`.
    static func withTooltip(_ name: String, _ pairs: [(String, String)], tooltip: String) -> String {
        "<\(name)\(attributes(pairs))><title>\(escaped(tooltip))</title></\(name)>"
    }
}
