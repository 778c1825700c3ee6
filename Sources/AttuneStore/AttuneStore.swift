internal import AttuneCore

/// Durable storage for Attune.
public enum AttuneStore {}
