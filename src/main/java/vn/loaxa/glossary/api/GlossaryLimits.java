package vn.loaxa.glossary.api;

/** The sizes the glossary API accepts. */
public final class GlossaryLimits {
    /** The longest source text matched at once: a long bulletin. */
    public static final int MAX_SOURCE_TEXT = 100_000;
    /** The longest source text in a query string, within every proxy's URL limit. */
    public static final int MAX_QUERY_TEXT = 2_000;

    private GlossaryLimits() {}
}
