internal import AttuneCore
internal import AttuneStore
internal import HTTPServer

/// Maps HTTP to Attune's core and store.
public enum AttuneServer {}
