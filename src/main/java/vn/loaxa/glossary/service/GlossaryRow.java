package vn.loaxa.glossary.service;

import java.util.Map;

/**
 * One data row of a glossary CSV file, as written: {@code line} where it starts, the cells by column (a language's
 * blank cell is an empty string, which removes that language's term); {@code note} is null when the file has no note
 * column.
 */
public record GlossaryRow(int line, String vie, Map<String, String> terms, String domain, String note) {}
