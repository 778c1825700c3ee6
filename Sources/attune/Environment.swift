import ArgumentParser
import Glibc

/// Each option falls back to an `ATTUNE_*` environment variable, then to its default.
enum Environment {
    static func string(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The option's value, else the variable's, else `fallback`; a malformed variable is a usage error.
    static func resolve<T: ExpressibleByArgument>(_ option: T?, _ name: String, default fallback: T) throws -> T {
        if let option { return option }
        guard let raw = string(name) else { return fallback }
        guard let value = T(argument: raw) else {
            throw ValidationError("\(name)=\(raw) is not a valid value")
        }
        return value
    }
}
