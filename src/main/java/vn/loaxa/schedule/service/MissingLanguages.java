package vn.loaxa.schedule.service;

import java.util.List;
import java.util.Map;

/**
 * The required languages a bulletin has no segment in, each with the communes (by name) that require it, for a
 * broadcast's targets. Languages are catalogue codes; {@code names} gives each its Vietnamese and English name.
 */
public record MissingLanguages(Map<String, List<String>> communesByLanguage, Map<String, LanguageName> names) {

    /** A language's name in the catalogue, in Vietnamese and in English. */
    public record LanguageName(String vi, String en) {}

    public static MissingLanguages none() {
        return new MissingLanguages(Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return communesByLanguage.isEmpty();
    }

    /** The Vietnamese names of the missing languages, comma-separated. */
    public String namesVi() {
        return String.join(
                ", ",
                communesByLanguage.keySet().stream().map(l -> names.get(l).vi()).toList());
    }

    public String namesEn() {
        return String.join(
                ", ",
                communesByLanguage.keySet().stream().map(l -> names.get(l).en()).toList());
    }

    /** Every commune that requires a missing language, by name, each once. */
    public List<String> communes() {
        return communesByLanguage.values().stream()
                .flatMap(List::stream)
                .distinct()
                .sorted()
                .toList();
    }

    /** One line per missing language: its Vietnamese name, then the communes that require it. */
    public List<String> lines() {
        return communesByLanguage.entrySet().stream()
                .map(e -> names.get(e.getKey()).vi() + ": " + String.join(", ", e.getValue()))
                .toList();
    }
}
