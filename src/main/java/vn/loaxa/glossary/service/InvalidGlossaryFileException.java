package vn.loaxa.glossary.service;

import java.util.List;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;

/** A glossary file that reads well but has rows that cannot be stored; nothing of it was. 422, each fault by line. */
public class InvalidGlossaryFileException extends InvalidRequestException {

    public InvalidGlossaryFileException(List<FieldError> faults) {
        super(
                ErrorMessage.of("glossary.csv.invalid-title"),
                ErrorMessage.of("glossary.csv.invalid", faults.size()),
                faults);
    }
}
