internal import AttuneCore
internal import AttuneJSON
public import AttuneStore
public import Foundation

/// The JSON the `attune` command line prints with `--json`: the same shapes as the API's.
public enum CommandLineJSON {
    /// `{"practices": [{"id", "name", "createdAt"}, …]}`.
    public static func practices(_ practices: [Practice]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("practices")
        writer.beginArray()
        for practice in practices {
            writer.beginObject()
            writer.key("id")
            writer.string(practice.id)
            writer.key("name")
            writer.string(practice.name)
            writer.key("createdAt")
            writer.string(ModelJSON.date(practice.createdAt))
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `{"keys": […]}`, each key as `GET /v1/keys` lists it.
    public static func keys(_ keys: [APIKey]) -> String {
        String(decoding: ModelJSON.list("keys", keys, write: { ModelJSON.write($0, into: &$1) }), as: UTF8.self)
    }

    /// One key as `GET /v1/keys/{id}` answers it.
    public static func key(_ key: APIKey) -> String {
        String(decoding: ModelJSON.object { ModelJSON.write(key, into: &$0) }, as: UTF8.self)
    }

    /// An RFC 3339 timestamp, as the API writes dates.
    public static func date(_ date: Date) -> String { ModelJSON.date(date) }
}
