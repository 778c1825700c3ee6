/// Attune's pure core: models, definition validation, scoring. No I/O.
public enum AttuneCore {}
