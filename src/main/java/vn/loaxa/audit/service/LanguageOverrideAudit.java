package vn.loaxa.audit.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import vn.loaxa.schedule.service.MissingLanguagesOverridden;

/**
 * Audits each broadcast scheduled over missing required languages, beside the call that created it: the broadcast,
 * the bulletin, the languages it lacks (by name), the communes that require them and the reason given.
 */
@ApplicationScoped
public class LanguageOverrideAudit {
    /** The audit entries' target type, which the audit search filters on. */
    public static final String TARGET_TYPE = "missing-language-override";

    private final AuditService audit;
    private final ObjectMapper json;

    public LanguageOverrideAudit(AuditService audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    void record(@Observes(during = TransactionPhase.AFTER_SUCCESS) MissingLanguagesOverridden overridden) {
        ObjectNode what = json.createObjectNode();
        what.put("broadcast", overridden.broadcastId().toString());
        what.put("bulletin", overridden.bulletinId().toString());
        what.put("bulletinTitle", overridden.bulletinTitle());
        ObjectNode languages = what.putObject("missingLanguages");
        overridden.missing().communesByLanguage().forEach((code, communes) -> {
            ObjectNode language = languages.putObject(code);
            language.put("name", overridden.missing().names().get(code).vi());
            communes.forEach(language.putArray("communes")::add);
        });
        what.put("reason", overridden.reason());
        audit.record(new AuditService.Call(
                overridden.user(),
                "POST",
                "/api/v1/broadcasts/" + overridden.broadcastId(),
                TARGET_TYPE,
                overridden.broadcastId().toString(),
                201,
                what.toString(),
                null));
    }
}
