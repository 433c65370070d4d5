package vn.loaxa.dispatch.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manifest versions kept in the database, one row per topic. {@link #lockAndRaise} locks the topics' rows (in topic
 * order, so concurrent publishers cannot deadlock) and raises their versions in the caller's transaction; the caller
 * reads its snapshot and publishes while holding the locks, so on every topic a later snapshot gets a higher
 * version and goes out after the earlier one, whichever replica publishes it.
 */
@ApplicationScoped
public class ManifestVersions {
    private static final int INSERT_TRIES = 3;

    private final EntityManager em;

    public ManifestVersions(EntityManager em) {
        this.em = em;
    }

    /** Creates the missing rows in a transaction of their own; rows another publisher inserted meanwhile are fine. */
    public void ensure(Collection<String> topics) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> insertMissing(topics));
                return;
            } catch (RuntimeException e) {
                // another publisher inserted one of them first: they all exist after its commit
                if (attempt == INSERT_TRIES) {
                    throw e;
                }
            }
        }
    }

    /**
     * Locks the rows of {@code topics} until the caller's transaction ends and gives each its next version: one more
     * than the last, and at least the clock's milliseconds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> lockAndRaise(Collection<String> topics, Instant now) {
        List<String> sorted = topics.stream().distinct().sorted().toList();
        em.createNativeQuery("SELECT topic FROM manifest_version WHERE topic IN (:topics) ORDER BY topic FOR UPDATE")
                .setParameter("topics", sorted)
                .getResultList();
        em.createNativeQuery("""
                UPDATE manifest_version SET version = CASE WHEN version + 1 > :now THEN version + 1 ELSE :now END
                WHERE topic IN (:topics)
                """)
                .setParameter("now", now.toEpochMilli())
                .setParameter("topics", sorted)
                .executeUpdate();
        Map<String, Long> versions = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT topic, version FROM manifest_version WHERE topic IN (:topics)")
                .setParameter("topics", sorted)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            versions.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        if (versions.size() != sorted.size()) {
            throw new IllegalStateException("Manifest version rows missing for "
                    + sorted.stream().filter(t -> !versions.containsKey(t)).toList());
        }
        return versions;
    }

    /** The last version published on each of {@code topics} that has one; a topic never published is absent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> current(Collection<String> topics) {
        Map<String, Long> versions = new HashMap<>();
        if (topics.isEmpty()) {
            return versions;
        }
        for (Object row : em.createNativeQuery("SELECT topic, version FROM manifest_version WHERE topic IN (:topics)")
                .setParameter("topics", List.copyOf(topics))
                .getResultList()) {
            Object[] columns = (Object[]) row;
            versions.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        return versions;
    }

    private void insertMissing(Collection<String> topics) {
        Set<String> missing = new HashSet<>(topics);
        @SuppressWarnings("unchecked")
        List<String> existing = em.createNativeQuery("SELECT topic FROM manifest_version WHERE topic IN (:topics)")
                .setParameter("topics", List.copyOf(missing))
                .getResultList();
        existing.forEach(missing::remove);
        for (String topic : missing.stream().sorted().toList()) {
            em.createNativeQuery("INSERT INTO manifest_version (topic, version) VALUES (:topic, 0)")
                    .setParameter("topic", topic)
                    .executeUpdate();
        }
    }
}
