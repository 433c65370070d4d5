package vn.loaxa.translation.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import vn.loaxa.access.AreaPaths;
import vn.loaxa.access.OwnerFilter;
import vn.loaxa.access.Scope;
import vn.loaxa.account.Roles;
import vn.loaxa.account.api.AccountView;
import vn.loaxa.account.service.AccountService;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;
import vn.loaxa.language.model.Language;
import vn.loaxa.language.model.LanguageRepository;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.media.model.MediaStatus;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.translation.api.SuggestedLanguage;
import vn.loaxa.translation.api.TaskDetail;
import vn.loaxa.translation.api.TaskView;
import vn.loaxa.translation.api.TranslationRequest;
import vn.loaxa.translation.model.TaskState;
import vn.loaxa.translation.model.TranslationTask;
import vn.loaxa.translation.model.TranslationTaskRepository;

/**
 * Translation tasks (docs/operations.md, "Translating bulletins"): requested from a bulletin, claimed and read by a
 * translator of the language, accepted or returned by a reviewer of that language. An accepted reading becomes the
 * bulletin's segment in that language.
 */
@ApplicationScoped
public class TranslationService {
    static final String SOURCE_LANGUAGE = "vie";

    private final TranslationTaskRepository tasks;
    private final BulletinService bulletins;
    private final VariantService variants;
    private final MediaRepository media;
    private final LanguageRepository languages;
    private final LanguageService profiles;
    private final AreaRepository areas;
    private final ReceiverRepository receivers;
    private final AccountService accounts;
    private final AreaPaths paths;

    public TranslationService(
            TranslationTaskRepository tasks,
            BulletinService bulletins,
            VariantService variants,
            MediaRepository media,
            LanguageRepository languages,
            LanguageService profiles,
            AreaRepository areas,
            ReceiverRepository receivers,
            AccountService accounts,
            AreaPaths paths) {
        this.tasks = tasks;
        this.bulletins = bulletins;
        this.variants = variants;
        this.media = media;
        this.languages = languages;
        this.profiles = profiles;
        this.areas = areas;
        this.receivers = receivers;
        this.accounts = accounts;
        this.paths = paths;
    }

    /**
     * The languages that the receivers of these areas play (their effective profiles; an area without receivers by
     * what its receivers would inherit) and that the bulletin has no segment in, nor an open task for.
     */
    @Transactional
    public List<SuggestedLanguage> suggested(UUID bulletinId, Collection<String> areaCodes) {
        Set<String> has = bulletins.languages(bulletinId);
        Set<String> wanted = new LinkedHashSet<>();
        for (String code : areaCodes) {
            Area area = areas.findByIdOptional(code).orElseThrow(() -> NotFoundException.of("Area", code));
            List<String> ids = receivers.inAreaPaths(likeSubtree(area.path)).stream()
                    .map(r -> r.id)
                    .toList();
            if (ids.isEmpty()) {
                wanted.addAll(profiles.effectiveOfArea(area));
            } else {
                profiles.effectiveProfiles(ids).values().forEach(wanted::addAll);
            }
        }
        return wanted.stream()
                .filter(code -> !has.contains(code))
                .filter(code -> !tasks.hasOpen(bulletinId, code))
                .map(languages::findById)
                .filter(Objects::nonNull)
                .map(l -> new SuggestedLanguage(l.code, l.nameVi, l.nameEn))
                .toList();
    }

    /** One task per language; refused whole (409) when the bulletin has that language or an open task for it. */
    @Transactional
    public List<TaskView> request(UUID bulletinId, TranslationRequest request, String user) {
        BulletinView bulletin = bulletins.get(bulletinId);
        Set<String> has = bulletins.languages(bulletinId);
        if (request.dueAt().isBefore(OffsetDateTime.now())) {
            throw new InvalidRequestException("dueAt", ErrorMessage.of("translation.due-past"));
        }
        if (new LinkedHashSet<>(request.languages()).size()
                != request.languages().size()) {
            throw new InvalidRequestException("languages", ErrorMessage.of("language.twice"));
        }
        Map<String, String> assignees = request.assignees() == null ? Map.of() : request.assignees();
        for (String language : assignees.keySet()) {
            if (!request.languages().contains(language)) {
                throw new InvalidRequestException(
                        "assignees", ErrorMessage.of("translation.assignee-language-not-requested", language));
            }
        }
        String ownerArea = bulletins.ownerArea(bulletinId);
        List<TaskView> created = new ArrayList<>();
        for (String language : request.languages()) {
            Language known = languages
                    .findByIdOptional(language)
                    .orElseThrow(() ->
                            new InvalidRequestException("languages", ErrorMessage.of("language.unknown", language)));
            if (SOURCE_LANGUAGE.equals(language) || has.contains(language)) {
                throw new ConflictException(
                        ErrorMessage.of("translation.bulletin-has-language", bulletin.title(), known.nameVi));
            }
            if (tasks.hasOpen(bulletinId, language)) {
                throw new ConflictException(ErrorMessage.of("translation.open-task", bulletin.title(), known.nameVi));
            }
            String assignee = assignees.get(language);
            if (assignee != null && !assignee.isBlank()) {
                requireTranslator(assignee.strip(), language, ownerArea);
            }
            TranslationTask task = new TranslationTask();
            task.id = UUID.randomUUID();
            task.bulletinId = bulletinId;
            task.language = language;
            task.ownerArea = ownerArea;
            task.assignee = assignee == null || assignee.isBlank() ? null : assignee.strip();
            task.dueAt = request.dueAt();
            task.state = TaskState.REQUESTED;
            task.requestedBy = user;
            task.requestedAt = OffsetDateTime.now();
            tasks.persist(task);
            created.add(view(task));
        }
        return created;
    }

    /** The tasks the caller may see, due first; {@code mine}: only those assigned to the caller. */
    @Transactional
    public List<TaskView> list(Caller caller, TaskState state, boolean mine) {
        List<TranslationTask> found;
        if (mine) {
            found = tasks.list("assignee = ?1 order by dueAt", caller.username());
        } else if (caller.translatorOnly()) {
            found = tasks.forTranslator(caller.username(), caller.languages()).stream()
                    .filter(task -> visible(task, caller))
                    .toList();
        } else {
            OwnerFilter filter = OwnerFilter.readableBy(caller.scope());
            found = tasks.list(filter.jpql() + " order by dueAt", filter.parameters());
        }
        return found.stream()
                .filter(task -> state == null || task.state == state)
                .map(this::view)
                .toList();
    }

    /** The tasks of one bulletin, for the people who may read it. */
    @Transactional
    public List<TaskView> ofBulletin(UUID bulletinId) {
        return tasks.ofBulletin(bulletinId).stream().map(this::view).toList();
    }

    /** The tasks of each of these bulletins (an empty list for one without), for the library's list. */
    @Transactional
    public Map<UUID, List<TaskView>> ofBulletins(Collection<UUID> bulletinIds) {
        Map<UUID, List<TaskView>> byBulletin = new java.util.LinkedHashMap<>();
        bulletinIds.forEach(id -> byBulletin.put(id, new ArrayList<>()));
        if (!bulletinIds.isEmpty()) {
            tasks.list("bulletinId in ?1 order by requestedAt, language", bulletinIds)
                    .forEach(task -> byBulletin.get(task.bulletinId).add(view(task)));
        }
        return byBulletin;
    }

    /** A task with its source; a translator sees only its own tasks and the unclaimed ones of its languages. */
    @Transactional
    public TaskDetail detail(UUID id, Caller caller) {
        TranslationTask task = find(id);
        if (caller.translatorOnly() && !visible(task, caller)) {
            throw notYours(task);
        }
        BulletinView bulletin = bulletins.get(task.bulletinId);
        List<TaskDetail.SourceSegment> source = new ArrayList<>();
        for (BulletinView.SegmentView segment : bulletin.segments()) {
            if (!SOURCE_LANGUAGE.equals(segment.language())) {
                continue;
            }
            Media item = media.findById(segment.mediaId());
            source.add(new TaskDetail.SourceSegment(
                    segment.mediaId(),
                    segment.language(),
                    item == null ? null : item.title,
                    item == null ? null : item.transcript,
                    "/api/v1/media/" + segment.mediaId() + "/audio",
                    "/api/v1/media/" + segment.mediaId() + "/audio.mp3"));
        }
        return new TaskDetail(view(task), source);
    }

    /** The owner area of the task's bulletin (for the area check of the people who request and review). */
    @Transactional
    public UUID bulletinOf(UUID id) {
        return find(id).bulletinId;
    }

    /** A translator of the task's language, within reach of the bulletin, takes an unclaimed task. */
    @Transactional
    public TaskView claim(UUID id, Caller caller) {
        TranslationTask task = find(id);
        mayTranslate(task, caller);
        if (task.assignee != null && !task.assignee.equals(caller.username())) {
            throw new ConflictException(ErrorMessage.of("translation.claimed", task.assignee));
        }
        if (!task.state.open()) {
            throw wrongState(task);
        }
        task.assignee = caller.username();
        return view(task);
    }

    /**
     * The translator's reading: a READY media item in the task's language that the translator uploaded, with its
     * transcript. An unclaimed task is claimed by the submission.
     */
    @Transactional
    public TaskView submit(UUID id, UUID mediaId, String transcript, Caller caller) {
        TranslationTask task = find(id);
        mayTranslate(task, caller);
        if (task.assignee != null && !task.assignee.equals(caller.username())) {
            throw new NotPermittedException(ErrorMessage.of("translation.assigned-to-other", task.assignee));
        }
        if (!task.state.awaitsReading()) {
            throw wrongState(task);
        }
        Media reading =
                media.findByIdOptional(mediaId).orElseThrow(() -> NotFoundException.referenced("Media", mediaId));
        if (reading.status != MediaStatus.READY) {
            throw new InvalidRequestException(
                    "mediaId",
                    ErrorMessage.of("bulletin.media-not-ready", reading.id, reading.status.toString(), reading.title));
        }
        if (!task.language.equals(reading.language)) {
            throw new InvalidRequestException(
                    "mediaId", ErrorMessage.of("translation.reading-language", languageName(task.language)));
        }
        if (!caller.username().equals(reading.createdBy)) {
            throw new NotPermittedException(ErrorMessage.of("translation.reading-not-yours"));
        }
        task.assignee = caller.username();
        task.readingMediaId = reading.id;
        task.transcript = transcript.strip();
        task.state = TaskState.SUBMITTED;
        task.submittedBy = caller.username();
        task.submittedAt = OffsetDateTime.now();
        return view(task);
    }

    /**
     * Accepts the reading: it becomes the bulletin's segment in the task's language (recorded in the approval
     * history), then the bulletin's variants are rendered again. Call outside a transaction.
     */
    public TaskView accept(UUID id, Caller caller) {
        TaskView accepted = QuarkusTransaction.requiringNew().call(() -> {
            TranslationTask task = find(id);
            mayReview(task, caller);
            String note = "Bản đọc " + languageName(task.language) + " của " + task.submittedBy
                    + " được chấp nhận (reading in " + languages.findById(task.language).nameEn + " accepted)";
            bulletins.addReading(task.bulletinId, task.readingMediaId, task.language, caller.username(), note);
            task.state = TaskState.ACCEPTED;
            task.returnReason = null;
            task.reviewedBy = caller.username();
            task.reviewedAt = OffsetDateTime.now();
            return view(task);
        });
        variants.variants(accepted.bulletinId());
        return accepted;
    }

    /** Sends the reading back to its translator with a reason; the translator submits another. */
    @Transactional
    public TaskView sendBack(UUID id, String reason, Caller caller) {
        TranslationTask task = find(id);
        mayReview(task, caller);
        task.state = TaskState.RETURNED;
        task.returnReason = reason.strip();
        task.reviewedBy = caller.username();
        task.reviewedAt = OffsetDateTime.now();
        return view(task);
    }

    /** Withdraws a task that is not accepted yet. */
    @Transactional
    public TaskView cancel(UUID id) {
        TranslationTask task = find(id);
        if (!task.state.open()) {
            throw wrongState(task);
        }
        task.state = TaskState.CANCELLED;
        return view(task);
    }

    /** Whether the translator may hear this media item: the source of a task it sees, or a reading of its own. */
    @Transactional
    public boolean mayHear(String username, UUID mediaId) {
        Media item = media.findById(mediaId);
        if (item == null) {
            return false;
        }
        if (username.equals(item.createdBy)) {
            return true;
        }
        AccountView account = accounts.account(username).orElse(null);
        if (account == null || !Roles.TRANSLATOR.equals(account.role())) {
            return false;
        }
        Caller caller = new Caller(username, scopeOf(account), true, Set.copyOf(account.languages()));
        return tasks.forTranslator(username, caller.languages()).stream()
                .filter(task -> visible(task, caller))
                .anyMatch(task -> mediaId.equals(task.readingMediaId)
                        || bulletins.get(task.bulletinId).segments().stream()
                                .anyMatch(s -> mediaId.equals(s.mediaId())));
    }

    private boolean visible(TranslationTask task, Caller caller) {
        if (caller.username().equals(task.assignee)) {
            return true;
        }
        return task.assignee == null
                && task.state == TaskState.REQUESTED
                && caller.languages().contains(task.language)
                && caller.scope()
                        .mayRead(
                                task.ownerArea == null
                                        ? null
                                        : paths.pathOf(task.ownerArea).orElse(null));
    }

    private void mayTranslate(TranslationTask task, Caller caller) {
        if (!caller.translatorOnly() || !caller.languages().contains(task.language)) {
            throw new NotPermittedException(
                    ErrorMessage.of("translation.not-your-language", languageName(task.language)));
        }
        if (!caller.username().equals(task.assignee) && !visible(task, caller)) {
            throw notYours(task);
        }
    }

    private void mayReview(TranslationTask task, Caller caller) {
        if (!caller.languages().isEmpty() && !caller.languages().contains(task.language)) {
            throw new NotPermittedException(
                    ErrorMessage.of("translation.not-reviewer-language", languageName(task.language)));
        }
        if (task.state != TaskState.SUBMITTED) {
            throw wrongState(task);
        }
        if (caller.username().equals(task.submittedBy)) {
            throw new NotPermittedException(ErrorMessage.of("translation.own-reading"));
        }
    }

    private void requireTranslator(String username, String language, String ownerArea) {
        AccountView account = accounts.account(username)
                .filter(a -> Roles.TRANSLATOR.equals(a.role()))
                .orElseThrow(() -> new InvalidRequestException(
                        "assignees", ErrorMessage.of("translation.no-translator", username)));
        if (!account.languages().contains(language)) {
            throw new InvalidRequestException(
                    "assignees", ErrorMessage.of("translation.translator-language", username, languageName(language)));
        }
        if (!scopeOf(account)
                .mayRead(ownerArea == null ? null : paths.pathOf(ownerArea).orElse(null))) {
            throw new InvalidRequestException("assignees", ErrorMessage.of("translation.translator-area", username));
        }
    }

    private Scope scopeOf(AccountView account) {
        return account.areaCode() == null
                ? Scope.NATIONWIDE
                : new Scope(account.areaCode(), paths.pathOf(account.areaCode()).orElse(null));
    }

    private TranslationTask find(UUID id) {
        return tasks.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Translation task", id));
    }

    private NotPermittedException notYours(TranslationTask task) {
        return new NotPermittedException(ErrorMessage.of("translation.not-yours", task.id));
    }

    private ConflictException wrongState(TranslationTask task) {
        return new ConflictException(ErrorMessage.of(
                "translation.wrong-state", task.state.toString(), ErrorMessage.of("translation.state." + task.state)));
    }

    private String languageName(String code) {
        return languages.findByIdOptional(code).map(l -> l.nameVi).orElse(code);
    }

    private static String likeSubtree(String path) {
        return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private TaskView view(TranslationTask task) {
        Language language = languages.findById(task.language);
        return new TaskView(
                task.id,
                task.bulletinId,
                bulletins.get(task.bulletinId).title(),
                task.language,
                language == null ? task.language : language.nameVi,
                language == null ? task.language : language.nameEn,
                task.assignee,
                task.dueAt,
                task.state,
                task.readingMediaId,
                task.readingMediaId == null ? null : "/api/v1/media/" + task.readingMediaId + "/audio",
                task.transcript,
                task.returnReason,
                task.requestedBy,
                task.requestedAt,
                task.submittedBy,
                task.submittedAt,
                task.reviewedBy,
                task.reviewedAt);
    }
}
