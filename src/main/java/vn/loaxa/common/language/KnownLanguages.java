package vn.loaxa.common.language;

/**
 * The codes of the language catalogue, for features below {@code language} in the dependency order (the glossary)
 * that name languages; {@code language} implements it.
 */
public interface KnownLanguages {

    boolean exists(String code);
}
