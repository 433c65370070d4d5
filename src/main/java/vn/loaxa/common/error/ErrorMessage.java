package vn.loaxa.common.error;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * A message for a person, kept as a key of the {@value #BUNDLE} resource bundle ({@code messages/errors_vi.properties}
 * and {@code errors_en.properties}, which a translator edits) and its arguments, so that it can be rendered in the
 * language of whoever reads it. An argument that is itself an {@code ErrorMessage} is rendered in the same language. A
 * {@link #literal} message is the same text in every language, for text that comes from elsewhere.
 */
public record ErrorMessage(String key, List<Object> args, String fallback) {
    /** The base name of the resource bundle holding every error text. */
    public static final String BUNDLE = "messages.errors";
    /** The language of an error when the caller asks for none that loaxa speaks. */
    public static final Locale DEFAULT = Locale.forLanguageTag("vi");

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** The message under {@code key} of the bundle; patterns are {@link MessageFormat}s over {@code args}. */
    public static ErrorMessage of(String key, Object... args) {
        return new ErrorMessage(key, Collections.unmodifiableList(Arrays.asList(args.clone())), null);
    }

    /** Like {@link #of}, but {@code fallback} when the bundle has no such key. */
    public static ErrorMessage orElse(String fallback, String key, Object... args) {
        return new ErrorMessage(key, Collections.unmodifiableList(Arrays.asList(args.clone())), fallback);
    }

    /** A text that is not translated. */
    public static ErrorMessage literal(String text) {
        return new ErrorMessage(null, List.of(), text);
    }

    /** The text in {@code locale}'s language (Vietnamese unless it is English). */
    public String render(Locale locale) {
        if (key == null) {
            return fallback;
        }
        Optional<String> pattern = pattern(key, locale);
        if (pattern.isEmpty()) {
            return fallback != null ? fallback : key + (args.isEmpty() ? "" : " " + args);
        }
        Object[] values = args.stream()
                .map(a -> a instanceof ErrorMessage m ? m.render(locale) : a)
                .toArray();
        return new MessageFormat(pattern.get(), supported(locale)).format(values);
    }

    /** The English text, as exceptions carry it for logs and Java callers. */
    public String english() {
        return render(Locale.ENGLISH);
    }

    /** The bundle's raw text for {@code key} in {@code locale}'s language, if it has one. */
    public static Optional<String> pattern(String key, Locale locale) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(
                    BUNDLE, supported(locale), ErrorMessage.class.getClassLoader(), NO_FALLBACK);
            return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** English when asked for, Vietnamese otherwise. */
    public static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : DEFAULT;
    }
}
