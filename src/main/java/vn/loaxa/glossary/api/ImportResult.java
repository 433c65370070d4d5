package vn.loaxa.glossary.api;

/** What a CSV import did: entries added, and entries of the same Vietnamese term and domain updated. */
public record ImportResult(int created, int updated) {}
