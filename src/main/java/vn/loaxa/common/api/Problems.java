package vn.loaxa.common.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.MalformedRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;

/**
 * The problem+json body of each domain exception, in the caller's language: what {@link ProblemMapper} answers for
 * the REST API, and what a plain route (which the mapper does not reach) answers the same way.
 */
public final class Problems {
    private Problems() {}

    /** The problem of a domain exception, or empty for anything else. */
    public static Optional<Problem> of(Throwable e, Locale locale, String path) {
        if (e instanceof NotFoundException notFound) {
            return Optional.of(notFound(notFound, locale, path));
        }
        if (e instanceof NotPermittedException notPermitted) {
            return Optional.of(notPermitted(notPermitted, locale, path));
        }
        if (e instanceof ConflictException conflict) {
            return Optional.of(conflict(conflict, locale, path));
        }
        if (e instanceof InvalidRequestException invalid) {
            return Optional.of(invalid(invalid, locale, path));
        }
        if (e instanceof MalformedRequestException malformed) {
            return Optional.of(malformed(malformed, locale, path));
        }
        return Optional.empty();
    }

    /** 404, or 422 when the missing thing was named in the request's body. */
    public static Problem notFound(NotFoundException e, Locale locale, String path) {
        return e.referencedFromBody()
                ? Problem.of(
                        422, text("unknown-reference.title", locale), e.text().render(locale), path)
                : Problem.of(404, text("not-found.title", locale), e.text().render(locale), path);
    }

    public static Problem notPermitted(NotPermittedException e, Locale locale, String path) {
        return Problem.of(403, text("forbidden.title", locale), e.text().render(locale), path);
    }

    public static Problem conflict(ConflictException e, Locale locale, String path) {
        return new Problem(
                e.type() == null ? "about:blank" : e.type(),
                text("conflict.title", locale),
                409,
                e.text().render(locale),
                path,
                List.of(),
                e.conflicts());
    }

    public static Problem invalid(InvalidRequestException e, Locale locale, String path) {
        List<Problem.FieldError> errors = e.fieldErrors().stream()
                .map(f -> new Problem.FieldError(f.field(), f.text().render(locale)))
                .toList();
        return new Problem(
                "about:blank", e.titleText().render(locale), 422, e.text().render(locale), path, errors);
    }

    /** 400: the body cannot be read, with where it stops making sense. */
    public static Problem malformed(MalformedRequestException e, Locale locale, String path) {
        List<Problem.FieldError> errors = e.fieldErrors().stream()
                .map(f -> new Problem.FieldError(f.field(), f.text().render(locale)))
                .toList();
        return new Problem(
                "about:blank", e.titleText().render(locale), 400, e.text().render(locale), path, errors);
    }

    /** 401: the request carried no (valid) credentials. */
    public static Problem unauthenticated(Locale locale, String path) {
        return Problem.of(401, text("unauthenticated.title", locale), text("unauthenticated.detail", locale), path);
    }

    /** 403: the caller's role may not do this at all. */
    public static Problem forbidden(Locale locale, String path) {
        return Problem.of(403, text("forbidden.title", locale), text("forbidden.detail", locale), path);
    }

    static String text(String key, Locale locale) {
        return ErrorMessage.of(key).render(locale);
    }
}
