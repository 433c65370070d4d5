package vn.loaxa.schedule.service;

import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;

/**
 * A bulletin would reach communes that require a language it has no segment in, and the request carries no override.
 * Answered 409 with the problem type {@value #TYPE}, naming the languages and the communes, so that a client can
 * offer to send the request again with {@code missingLanguageOverride}.
 */
public class MissingLanguageException extends ConflictException {
    public static final String TYPE = "/problems/missing-required-language";

    public MissingLanguageException(String bulletinTitle, MissingLanguages missing) {
        super(
                TYPE,
                ErrorMessage.of(
                        "broadcast.missing-languages",
                        bulletinTitle,
                        missing.namesVi(),
                        missing.namesEn(),
                        String.join(", ", missing.communes())),
                missing.lines());
    }
}
