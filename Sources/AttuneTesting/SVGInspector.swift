public import Foundation

#if canImport(FoundationXML)
public import FoundationXML
#endif

/// An SVG document parsed by Foundation's XMLParser (libxml2 on Linux): its elements, their attributes
/// and text, or the parser's error when it is not well-formed.
public final class SVGInspector: NSObject, XMLParserDelegate {
    /// One element of the document.
    public struct Element {
        /// The element's name.
        public var name: String
        /// Its attributes.
        public var attributes: [String: String]
        /// The text inside the element, its children's included.
        public var text = ""
        /// How deep it is nested (the root is 1).
        public var depth: Int
    }

    /// Every element, in document order.
    public private(set) var elements: [Element] = []
    private var open: [Int] = []
    /// The parser's error, when the document is not well-formed.
    public private(set) var parseError: (any Error)?

    /// Parses `document`; nil (with the reason recorded in the test) when it is not well-formed XML.
    public static func parse(_ document: String) -> SVGInspector? {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = inspector
        parser.shouldProcessNamespaces = false
        return parser.parse() && inspector.parseError == nil ? inspector : nil
    }

    public func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributes, depth: open.count))
    }

    public func parser(
        _ parser: XMLParser,
        didEndElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?
    ) {
        open.removeLast()
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Like the DOM's textContent: an element's text includes its children's (a marker's <title>).
        for index in open { elements[index].text += string }
    }

    public func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        self.parseError = parseError
    }

    /// The elements named `name` whose `class` is `className` (any class when nil).
    public func elements(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
    }

    /// A numeric attribute of an element, or nil.
    public static func number(_ element: Element, _ attribute: String) -> Double? {
        element.attributes[attribute].flatMap(Double.init)
    }
}
