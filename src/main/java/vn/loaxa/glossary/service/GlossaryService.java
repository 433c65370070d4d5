package vn.loaxa.glossary.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.InvalidRequestException.FieldError;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.language.KnownLanguages;
import vn.loaxa.common.text.SearchText;
import vn.loaxa.glossary.api.GlossaryEntryRequest;
import vn.loaxa.glossary.api.GlossaryEntryView;
import vn.loaxa.glossary.api.GlossaryMatch;
import vn.loaxa.glossary.api.ImportResult;
import vn.loaxa.glossary.model.Domain;
import vn.loaxa.glossary.model.GlossaryEntry;
import vn.loaxa.glossary.model.GlossaryEntryRepository;

/**
 * The glossary (thuật ngữ): entries keyed by their Vietnamese term and domain, searched without diacritics in any of
 * their languages ({@link SearchText}), found in a source text, and exchanged as CSV ({@link GlossaryCsv}). The
 * glossary is shared by the whole deployment: it belongs to no area.
 */
@ApplicationScoped
public class GlossaryService {
    static final int MAX_TERM = 200;
    static final int MAX_NOTE = 1000;
    /** Candidates read before ranking a search. */
    private static final int CANDIDATES = 1000;
    /** Faults of an import reported at most; the rest are counted. */
    private static final int MAX_FAULTS = 50;

    private final GlossaryEntryRepository entries;
    private final KnownLanguages languages;

    public GlossaryService(GlossaryEntryRepository entries, KnownLanguages languages) {
        this.entries = entries;
        this.languages = languages;
    }

    /**
     * Entries in Vietnamese order of their term. With a query, those that hold every query word (folded, anywhere in a
     * word) in the Vietnamese term or a term, best first; with a language, only entries that have a term in it, the
     * words looked for in the Vietnamese term and that language's term; with a domain, only its entries.
     */
    @Transactional
    public List<GlossaryEntryView> search(String query, String language, String domain, int limit) {
        String domainCode =
                domain == null || domain.isBlank() ? null : domain(domain).code();
        String lang = language == null || language.isBlank() ? null : known(language, "language");
        List<String> words = SearchText.terms(query);
        List<String> clauses = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            clauses.add("e.searchText like :word" + i);
            parameters.put("word" + i, "%" + words.get(i) + "%");
        }
        if (domainCode != null) {
            clauses.add("e.domain = :domain");
            parameters.put("domain", domainCode);
        }
        if (lang != null) {
            clauses.add("exists (select 1 from GlossaryEntry g join g.terms t where g.id = e.id and key(t) = :lang)");
            parameters.put("lang", lang);
        }
        String jpql = "from GlossaryEntry e" + (clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses))
                + " order by e.vieFolded, e.vie, e.domain";
        List<GlossaryEntry> found = entries.find(jpql, parameters)
                .page(0, words.isEmpty() ? limit : CANDIDATES)
                .list();
        if (words.isEmpty()) {
            return found.stream().map(GlossaryService::view).toList();
        }
        String phrase = String.join(" ", words);
        Map<GlossaryEntry, Double> scores = new LinkedHashMap<>();
        for (GlossaryEntry entry : found) {
            List<String> others = lang != null
                    ? Stream.ofNullable(entry.terms.get(lang)).toList()
                    : List.copyOf(entry.terms.values());
            String searched = " " + SearchText.fold(entry.vie) + " "
                    + others.stream().map(SearchText::fold).collect(Collectors.joining(" ")) + " ";
            if (words.stream().allMatch(searched::contains)) {
                double score = 3 * score(words, phrase, entry.vie)
                        + 2
                                * others.stream()
                                        .mapToDouble(t -> score(words, phrase, t))
                                        .max()
                                        .orElse(0);
                scores.put(entry, score);
            }
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<GlossaryEntry, Double>comparingByValue().reversed())
                .limit(limit)
                .map(e -> view(e.getKey()))
                .toList();
    }

    @Transactional
    public GlossaryEntryView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public GlossaryEntryView create(GlossaryEntryRequest request, String user) {
        Checked checked = check(request.vie(), request.terms(), request.domain(), request.note());
        if (entries.findTerm(checked.vie(), checked.domain().code()).isPresent()) {
            throw exists(checked);
        }
        GlossaryEntry entry = new GlossaryEntry();
        entry.id = UUID.randomUUID();
        entry.createdBy = user;
        entry.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        apply(entry, checked, user);
        entries.persist(entry);
        return view(entry);
    }

    /** Replaces the entry: its term, its terms in every language, its domain and its note. */
    @Transactional
    public GlossaryEntryView update(UUID id, GlossaryEntryRequest request, String user) {
        GlossaryEntry entry = find(id);
        Checked checked = check(request.vie(), request.terms(), request.domain(), request.note());
        entries.findTerm(checked.vie(), checked.domain().code())
                .filter(other -> !other.id.equals(id))
                .ifPresent(other -> {
                    throw exists(checked);
                });
        entry.terms.clear();
        apply(entry, checked, user);
        return view(entry);
    }

    @Transactional
    public void delete(UUID id) {
        entries.delete(find(id));
    }

    /**
     * The entries whose Vietnamese term occurs in {@code text} as whole words, diacritics and case ignored, in the
     * order of their first occurrence (at one place, the longer term first), each with its term in {@code language}.
     */
    @Transactional
    public List<GlossaryMatch> matches(String text, String language) {
        String lang = language == null || language.isBlank() ? null : known(language, "language");
        String folded = " " + SearchText.fold(text) + " ";
        if (folded.isBlank()) {
            return List.of();
        }
        String written = words(text);
        return entries.occurringIn(folded).stream()
                .sorted(Comparator.<GlossaryEntry>comparingInt(e -> folded.indexOf(" " + e.vieFolded + " "))
                        .thenComparing(e -> -e.vieFolded.length())
                        .thenComparing(e -> e.vie)
                        .thenComparing(e -> e.domain))
                .map(e -> new GlossaryMatch(
                        e.id,
                        e.vie,
                        e.domain,
                        lang,
                        lang == null ? null : e.terms.get(lang),
                        new TreeMap<>(e.terms),
                        e.note,
                        written.contains(words(e.vie))))
                .toList();
    }

    /** Every entry as CSV ({@link GlossaryCsv}), in the order of the list. */
    @Transactional
    public String exportCsv() {
        return GlossaryCsv.write(entries.find("order by vieFolded, vie, domain").list().stream()
                .map(GlossaryService::view)
                .toList());
    }

    /**
     * Adds the file's rows, or updates the entry of the same Vietnamese term and domain: the terms of the file's
     * languages (a blank cell removes one) and, when the file has the column, the note. All or nothing: any fault
     * and nothing is stored.
     */
    @Transactional
    public ImportResult importCsv(String csv, String user) {
        GlossaryCsv.Table table = GlossaryCsv.read(csv);
        List<FieldError> faults = new ArrayList<>();
        for (String code : GlossaryCsv.languages(table.header())) {
            if (!languages.exists(code)) {
                faults.add(
                        new FieldError(GlossaryCsv.lineField(1), ErrorMessage.of("glossary.csv.unknown-column", code)));
            }
        }
        List<Checked> rows = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (GlossaryRow row : table.rows()) {
            try {
                Checked checked = check(row.vie(), row.terms(), row.domain(), row.note(), false);
                Integer earlier = firstLine.putIfAbsent(
                        checked.vie() + "\n" + checked.domain().code(), row.line());
                if (earlier != null) {
                    faults.add(new FieldError(
                            GlossaryCsv.lineField(row.line()),
                            ErrorMessage.of("glossary.csv.twice", checked.vie(), earlier)));
                } else {
                    rows.add(checked);
                }
            } catch (InvalidRequestException e) {
                faults.add(new FieldError(
                        GlossaryCsv.lineField(row.line()), ErrorMessage.of("glossary.csv.fault", e.field(), e.text())));
            }
            if (faults.size() >= MAX_FAULTS) {
                break;
            }
        }
        if (!faults.isEmpty()) {
            throw new InvalidGlossaryFileException(faults);
        }
        int created = 0;
        int updated = 0;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> fileLanguages = GlossaryCsv.languages(table.header());
        for (Checked row : rows) {
            GlossaryEntry entry =
                    entries.findTerm(row.vie(), row.domain().code()).orElse(null);
            if (entry == null) {
                entry = new GlossaryEntry();
                entry.id = UUID.randomUUID();
                entry.createdBy = user;
                entry.createdAt = now;
                apply(entry, row, user);
                entries.persist(entry);
                created++;
            } else {
                fileLanguages.forEach(entry.terms::remove);
                Checked merged = new Checked(
                        row.vie(),
                        merge(entry.terms, row.terms()),
                        row.domain(),
                        table.header().contains(GlossaryCsv.NOTE) ? row.note() : entry.note);
                entry.terms.clear();
                apply(entry, merged, user);
                updated++;
            }
        }
        return new ImportResult(created, updated);
    }

    /** A request's fields, cleaned (NFC, stripped, blanks left out) and checked. */
    record Checked(String vie, Map<String, String> terms, Domain domain, String note) {}

    private Checked check(String vie, Map<String, String> terms, String domain, String note) {
        return check(vie, terms, domain, note, true);
    }

    /** {@code checkLanguages}: false for a file's rows, whose language columns the header check covered. */
    private Checked check(String vie, Map<String, String> terms, String domain, String note, boolean checkLanguages) {
        String cleanVie = clean(vie);
        if (cleanVie == null || SearchText.fold(cleanVie).isEmpty()) {
            throw new InvalidRequestException("vie", ErrorMessage.of("glossary.vie-empty"));
        }
        if (cleanVie.length() > MAX_TERM) {
            throw new InvalidRequestException("vie", ErrorMessage.of("glossary.too-long", MAX_TERM));
        }
        Map<String, String> cleanTerms = new TreeMap<>();
        for (Map.Entry<String, String> term : (terms == null ? Map.<String, String>of() : terms).entrySet()) {
            String code = term.getKey() == null ? "" : term.getKey().strip().toLowerCase(Locale.ROOT);
            if (code.equals(GlossaryCsv.VIE)) {
                throw new InvalidRequestException("terms", ErrorMessage.of("glossary.vie-as-term"));
            }
            if (checkLanguages) {
                known(code, "terms");
            }
            String text = clean(term.getValue());
            if (text != null && text.length() > MAX_TERM) {
                throw new InvalidRequestException("terms", ErrorMessage.of("glossary.too-long", MAX_TERM));
            }
            if (text != null) {
                cleanTerms.put(code, text);
            }
        }
        String cleanNote = clean(note);
        if (cleanNote != null && cleanNote.length() > MAX_NOTE) {
            throw new InvalidRequestException("note", ErrorMessage.of("glossary.too-long", MAX_NOTE));
        }
        return new Checked(cleanVie, cleanTerms, domain(domain), cleanNote);
    }

    private String known(String code, String field) {
        if (!languages.exists(code)) {
            throw new InvalidRequestException(field, ErrorMessage.of("language.unknown", code));
        }
        return code;
    }

    private static Domain domain(String text) {
        return Domain.parse(text)
                .orElseThrow(() -> new InvalidRequestException(
                        "domain",
                        ErrorMessage.of(
                                "glossary.domain-unknown",
                                text,
                                Arrays.stream(Domain.values()).map(Domain::code).collect(Collectors.joining(", ")))));
    }

    private static Map<String, String> merge(Map<String, String> kept, Map<String, String> given) {
        Map<String, String> merged = new TreeMap<>(kept);
        merged.putAll(given);
        return merged;
    }

    private static void apply(GlossaryEntry entry, Checked checked, String user) {
        entry.vie = checked.vie();
        entry.vieFolded = SearchText.fold(checked.vie());
        entry.domain = checked.domain().code();
        entry.note = checked.note();
        entry.terms.putAll(checked.terms());
        entry.searchText =
                SearchText.document(Stream.concat(Stream.of(checked.vie()), checked.terms().values().stream())
                        .toArray(String[]::new));
        entry.updatedBy = user;
        entry.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static ConflictException exists(Checked checked) {
        return new ConflictException(ErrorMessage.of(
                "glossary.exists", checked.vie(), checked.domain().code()));
    }

    private GlossaryEntry find(UUID id) {
        return entries.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Glossary entry", id));
    }

    /** NFC and stripped; null for blank. */
    private static String clean(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip();
    }

    /** The text's words as written, lower case, diacritics kept, padded with spaces: for whole-word comparison. */
    private static String words(String text) {
        return " "
                + Normalizer.normalize(text, Normalizer.Form.NFC)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{M}\\p{N}]+", " ")
                        .strip()
                + " ";
    }

    private static double score(List<String> words, String phrase, String field) {
        String folded = " " + SearchText.fold(field) + " ";
        double score = 0;
        for (String word : words) {
            if (folded.contains(" " + word + " ")) {
                score += 1;
            } else if (folded.contains(word)) {
                score += 0.5;
            }
        }
        if (folded.strip().equals(phrase)) {
            score += words.size();
        }
        return score;
    }

    private static GlossaryEntryView view(GlossaryEntry e) {
        return new GlossaryEntryView(e.id, e.vie, new TreeMap<>(e.terms), e.domain, e.note, e.updatedBy, e.updatedAt);
    }
}
