package vn.loaxa.translation.api;

/** A language the bulletin lacks and that receivers of the given areas play. */
public record SuggestedLanguage(String code, String nameVi, String nameEn) {}
