package vn.loaxa.access;

import java.util.UUID;

/**
 * The audio a translator may hear, kept by the translation feature: the source of the tasks it may work on, and the
 * readings it uploaded itself. A translator sees nothing else of the library.
 */
public interface TranslatorMedia {

    boolean mayHear(String username, UUID mediaId);
}
