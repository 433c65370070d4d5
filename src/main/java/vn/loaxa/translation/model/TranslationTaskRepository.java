package vn.loaxa.translation.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TranslationTaskRepository implements PanacheRepositoryBase<TranslationTask, UUID> {

    public List<TranslationTask> ofBulletin(UUID bulletinId) {
        return list("bulletinId = ?1 order by requestedAt, language", bulletinId);
    }

    public boolean hasOpen(UUID bulletinId, String language) {
        return count("bulletinId = ?1 and language = ?2 and state in ?3", bulletinId, language, TaskState.OPEN) > 0;
    }

    /** A translator's tasks, and the unclaimed ones of its languages (to be filtered by area by the caller). */
    public List<TranslationTask> forTranslator(String username, Collection<String> languages) {
        if (languages.isEmpty()) {
            return list("assignee = ?1 order by dueAt", username);
        }
        return list(
                "assignee = ?1 or (assignee is null and state = ?2 and language in ?3) order by dueAt",
                username,
                TaskState.REQUESTED,
                languages);
    }
}
