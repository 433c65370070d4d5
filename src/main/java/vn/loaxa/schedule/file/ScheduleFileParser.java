package vn.loaxa.schedule.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads schedule files: YAML mapped onto plain records only (no YAML tags, no arbitrary types), with a size
 * limit and few aliases, and reports every problem with its file and line.
 */
public final class ScheduleFileParser {
    public static final int MAX_FILE_BYTES = 256 * 1024;
    private static final String ROOT = "broadcasts";

    private final ObjectMapper yaml;

    public ScheduleFileParser() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_FILE_BYTES);
        yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build())
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public record Result(List<LocatedEntry> entries, List<ScheduleFileError> errors) {}

    public Result parse(String file, String content) {
        List<LocatedEntry> entries = new ArrayList<>();
        List<ScheduleFileError> errors = new ArrayList<>();
        if (content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_FILE_BYTES) {
            errors.add(new ScheduleFileError(file, 1, "the file is larger than " + MAX_FILE_BYTES / 1024 + " KB"));
            return new Result(entries, errors);
        }
        try (JsonParser parser = yaml.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                errors.add(new ScheduleFileError(file, line(parser), "expected a mapping with a '" + ROOT + "' list"));
                return new Result(entries, errors);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!ROOT.equals(field)) {
                    errors.add(new ScheduleFileError(
                            file,
                            line(parser),
                            "unknown top-level key '" + field + "'; only '" + ROOT + "' is allowed"));
                    parser.skipChildren();
                } else if (value != JsonToken.START_ARRAY) {
                    errors.add(new ScheduleFileError(file, line(parser), "'" + ROOT + "' must be a list"));
                    parser.skipChildren();
                } else if (!readEntries(file, parser, entries, errors)) {
                    return new Result(entries, errors);
                }
            }
        } catch (JsonProcessingException e) {
            errors.add(new ScheduleFileError(file, line(e.getLocation()), "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            errors.add(new ScheduleFileError(file, 1, "cannot be read: " + e.getMessage()));
        }
        return new Result(entries, errors);
    }

    /** False when an entry is broken: the parser stopped inside it, so the rest cannot be read reliably. */
    private boolean readEntries(
            String file, JsonParser parser, List<LocatedEntry> entries, List<ScheduleFileError> errors)
            throws IOException {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            int line = line(parser);
            try {
                entries.add(new LocatedEntry(file, line, yaml.readValue(parser, ScheduleEntry.class)));
            } catch (JsonProcessingException e) {
                errors.add(new ScheduleFileError(
                        file, e.getLocation() == null ? line : line(e.getLocation()), e.getOriginalMessage()));
                return false;
            }
        }
        return true;
    }

    private static int line(JsonParser parser) {
        return line(parser.currentTokenLocation());
    }

    private static int line(JsonLocation location) {
        return location == null ? 1 : location.getLineNr();
    }
}
